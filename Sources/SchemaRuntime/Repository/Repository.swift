import Foundation

/// Reads and writes the records of one collection on SQLite or PostgreSQL, from the description
/// its model carries (`Record.table`). Every call names its caller (`as:`): the schema's access
/// rules decide, in the SQL itself, which records it sees and what it may change. A refused
/// change throws `RepositoryError.forbidden` and changes nothing.
///
/// The generated code adds, per collection, a name (`ProjectRepository`) and the typed methods
/// of its indexes (finders, searches, claims, links).
public struct Repository<Record: StoredRecord>: Sendable {
    public let database: any DatabaseExecutor
    /// The application's code to run before writes, if any.
    public let hooks: (any RecordHooks<Record>)?

    public init(_ database: any DatabaseExecutor, hooks: (any RecordHooks<Record>)? = nil) {
        self.database = database
        self.hooks = hooks
    }

    var table: RecordTable<Record> { Record.table }

    // MARK: Create, read, update, delete

    /// Validates and inserts a record, with its timestamps set to now.
    @discardableResult
    public func create(_ record: Record, as context: AccessContext) async throws -> Record {
        try await database.transaction(as: context) { db in
            try await insert(record, context: context, db: db)
        }
    }

    /// Inserts every record in one transaction: all of them, or none when one fails. Without
    /// hooks, every record is checked first (validation, access: each rule asks the database
    /// once for the whole batch, and so does each `within` rule), then they are written many rows
    /// per statement (`DatabaseExecutor.insertAll`: on PostgreSQL, columns as arrays). With
    /// hooks, each record goes through its hook in turn; the records are checked as a batch, and
    /// their rows written the same way, when a hook reads through its database (it then sees
    /// every record before its own; see `DeferredInserts`) and at the end.
    @discardableResult
    public func createAll(_ records: [Record], as context: AccessContext) async throws -> [Record] {
        try await database.transaction(as: context) { db in
            var created: [Record] = []
            created.reserveCapacity(records.count)
            if let generated = table.generatedKey {
                // Keys the database generates. With hooks, or when a caller gave some keys: one
                // INSERT … RETURNING per record, in order (a hook may read the records before it).
                guard hooks == nil, records.allSatisfy(generated.isUnassigned) else {
                    for record in records { created.append(try await insert(record, context: context, db: db)) }
                    return created
                }
                // Else every record is checked, then the rows go together (on PostgreSQL as
                // arrays, one statement per batch), and each record gets its own key back.
                created = try await checkedForInsert(records, context: context, db: db)
                let rows = try created.map { Array(try $0.columnValues().dropFirst()) }
                let columns = Array(table.columns.dropFirst())
                var keys: [Int64] = []
                try await run(db) {
                    keys = try await db.insertAll(into: table.name, columns: columns, rows: rows, returningGenerated: table.columns[0])
                    return keys.count
                }
                for index in created.indices {
                    generated.assign(&created[index], keys[index])
                    try await saveLinks(of: created[index], db: db)
                }
                return created
            }
            if let hooks {
                // A hook may read what the records before it wrote: whatever it runs through its
                // database first checks the records hooked so far (as a batch, `checkedInTurn`)
                // and writes their rows and the rows buffered before them.
                let table = table
                let hooked = PendingRecords<Record>()
                let deferred = DeferredInserts(db, settle: { deferred in
                    let records = hooked.take()
                    guard !records.isEmpty else { return }
                    let checked = try await checkedInTurn(records, context: context, db: deferred) { checked in
                        for record in checked {
                            deferred.append(try record.columnValues())
                            if !table.links.isEmpty { try await saveLinks(of: record, db: deferred) }
                        }
                    }
                    hooked.append(created: checked)
                }) { rows in
                    try await run(db) { try await db.insertAll(into: table.name, columns: table.columns, rows: rows) }
                }
                for record in records {
                    var record = record
                    try await hooks.beforeCreate(&record, database: deferred)
                    hooked.append(record)
                }
                try await deferred.flush()
                return hooked.created
            }
            created = try await checkedForInsert(records, context: context, db: db)
            let rows = try created.map { try $0.columnValues() }
            try await run(db) { try await db.insertAll(into: table.name, columns: table.columns, rows: rows) }
            for record in created { try await saveLinks(of: record, db: db) }
            return created
        }
    }

    /// The record with this id, if the caller may read it.
    public func find(_ id: Record.ID, as context: AccessContext) async throws -> Record? {
        try await database.read(as: context) { db in
            try await select(where: "\(table.idColumn) = ?", [id.sqlValue], access: table.access.read.filter(for: context), db: db).first
        }
    }

    /// The record with this id; throws `notFound` when there is none the caller may read.
    public func get(_ id: Record.ID, as context: AccessContext) async throws -> Record {
        guard let record = try await find(id, as: context) else { throw notFound(id) }
        return record
    }

    /// The records with these ids that the caller may read, in the order of `ids`: loads a
    /// to-many reference (`findAll(scene.characters, as: caller)`).
    public func findAll(_ ids: [Record.ID], as context: AccessContext) async throws -> [Record] {
        guard !ids.isEmpty else { return [] }
        return try await database.read(as: context) { db in
            let records = try await select(where: "\(table.idColumn) IN (\(Self.placeholders(ids.count)))", ids.map(\.sqlValue),
                                           access: table.access.read.filter(for: context), db: db)
            let byID = Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            return ids.compactMap { byID[$0] }
        }
    }

    /// Replaces the stored record with `record`, after checking it and the caller's right to
    /// change the record as it was and as it becomes. With a version field (`version:`), the
    /// stored record must still be at the version `record` carries, or the call throws
    /// `RepositoryError.staleRecord` and changes nothing; the returned record has the next one.
    @discardableResult
    public func update(_ record: Record, as context: AccessContext) async throws -> Record {
        try await database.transaction(as: context) { db in
            try await replace(record, context: context, db: db)
        }
    }

    /// Changes some fields of a stored record: `try await repository.update(id, as: caller) { $0.title = "New" }`.
    @discardableResult
    public func update(
        _ id: Record.ID,
        as context: AccessContext,
        _ change: @Sendable (inout Record) throws -> Void
    ) async throws -> Record {
        try await database.transaction(as: context) { db in
            // Locked until the change is saved: two concurrent changes of one record apply one
            // after the other, neither lost. (PostgreSQL's row-level security lets a caller lock
            // only what it may update.)
            guard var record = try await select(where: "\(table.idColumn) = ?", [id.sqlValue],
                                                access: table.access.update.filter(for: context), lockingRows: true, db: db).first
            else { try await refusal(id, operation: "update", context: context, db: db) }
            try self.change(&record, keepingVersionOf: record, change)
            return try await replace(record, context: context, db: db)
        }
    }

    /// Applies `change` to `record`; the version stays the one read (the repository keeps it).
    func change(_ record: inout Record, keepingVersionOf read: Record, _ change: (inout Record) throws -> Void) throws {
        try change(&record)
        if let version = table.version { version.setValue(&record, version.value(read)) }
    }

    /// Deletes the record: with `softDelete`, marks it deleted (reads leave it out, `restore`
    /// brings it back, `purge` removes it for good); else removes it and what its foreign keys
    /// cascade to. Needs the right to delete.
    public func delete(_ id: Record.ID, as context: AccessContext) async throws {
        guard let deletedAt = table.deletedAt else { return try await purge(id, as: context) }
        try await database.transaction(as: context) { db in
            let access = table.access.delete.filter(for: context)
            let deleted = try await db.execute(
                "UPDATE \(table.name) SET \(deletedAt) = ?\(table.versionBump) WHERE \(table.idColumn) = ? AND \(table.name).\(deletedAt) IS NULL AND \(access.sql)",
                [.date(Date.nowToTheMillisecond()), id.sqlValue] + access.arguments)
            if deleted == 0 { try await refusal(id, operation: "delete", context: context, db: db) }
        }
    }

    /// Removes the record for good (and what its foreign keys cascade to).
    public func purge(_ id: Record.ID, as context: AccessContext) async throws {
        try await database.transaction(as: context) { db in
            let access = table.access.delete.filter(for: context)
            let deleted = try await run(db) {
                try await db.execute("DELETE FROM \(table.name) WHERE \(table.idColumn) = ? AND \(access.sql)", [id.sqlValue] + access.arguments)
            }
            if deleted == 0 { try await refusal(id, operation: "delete", context: context, db: db, includingDeleted: true) }
        }
    }

    // MARK: Lists

    public typealias Filter = Record.RepositoryFilter

    /// The records that match `filter` and the caller may read, in id order, a page at a time.
    public func list(_ filter: Filter = Filter(), page: PageRequest = .first, as context: AccessContext) async throws -> Page<Record> {
        let (condition, arguments) = filter.condition
        return try await self.page(where: condition, arguments, page: page, as: context)
    }

    /// How many records match `filter` among those the caller may read.
    public func count(_ filter: Filter = Filter(), as context: AccessContext) async throws -> Int {
        let (condition, arguments) = filter.condition
        return try await count(where: condition, arguments, as: context)
    }

    // MARK: Queries for the generated methods

    /// A page of the records matching `condition` (SQL over the table's columns, `?` for each of
    /// `arguments`) that the caller may read, ordered by `keys` and then the id, starting after
    /// the page's cursor.
    public func page(
        where condition: String,
        _ arguments: [SQLValue],
        orderedBy keys: [SortKey] = [],
        page: PageRequest,
        as context: AccessContext
    ) async throws -> Page<Record> {
        try await database.read(as: context) { db in
            try await self.page(joining: nil, where: condition, arguments, orderedBy: keys, page: page, context: context, db: db)
        }
    }

    /// A page as `page(where:…)` reads it, the table joined with `join` (SQL and its arguments,
    /// which come before the condition's), whose columns a sort key may name.
    func page(
        joining join: (sql: String, arguments: [SQLValue])?,
        where condition: String,
        _ arguments: [SQLValue],
        orderedBy keys: [SortKey],
        page: PageRequest,
        context: AccessContext,
        db: any DatabaseExecutor
    ) async throws -> Page<Record> {
        var condition = condition
        var arguments = (join?.arguments ?? []) + arguments
        if let cursor = page.after {
            // The cursor's values are read back as the kinds of the keys' SQL values.
            guard cursor.values.count == keys.count + 1, let id = Record.ID(cursorText: cursor.values[keys.count]) else {
                throw RepositoryError.invalidCursor
            }
            var values: [SQLValue] = []
            for (text, kind) in zip(cursor.values, keys.map(\.kind)) {
                guard let value = SQLValue(cursor: text, like: kind) else { throw RepositoryError.invalidCursor }
                values.append(value)
            }
            let (after, afterArguments) = Keyset.after(keys, id: table.idColumn, values: values + [id.sqlValue])
            condition += " AND " + after
            arguments += afterArguments
        }
        // The keys' values are read with the records: the next page's cursor holds the last one's.
        let (records, rows) = try await selectRows(
            joining: join?.sql, where: condition, arguments, access: table.access.read.filter(for: context),
            extraColumns: keys.map(\.column), orderBy: Keyset.orderBy(keys, id: table.idColumn), limit: page.size + 1, db: db)
        guard records.count > page.size else { return Page(items: records, next: nil) }
        let lastRow = rows[page.size - 1].values
        let next = Cursor(values: (Array(lastRow.suffix(keys.count)) + [records[page.size - 1].id.sqlValue]).map(\.cursorText))
        return Page(items: Array(records.prefix(page.size)), next: next)
    }

    /// The record matching `condition` (a unique index's finder), if the caller may read it.
    public func first(where condition: String, _ arguments: [SQLValue], as context: AccessContext) async throws -> Record? {
        try await database.read(as: context) { db in
            try await select(where: condition, arguments, access: table.access.read.filter(for: context), limit: 1, db: db).first
        }
    }

    /// The records whose text index matches the words of `text` (see `TextSearch`) that the
    /// caller may read, best match first (SQLite's `bm25`, PostgreSQL's `ts_rank`), a page at a
    /// time. `sqliteIndex` is the index's FTS5 table, `postgresDocument` the `tsvector` its GIN
    /// index is built on; text with no word left finds nothing.
    public func search(
        _ text: String,
        sqliteIndex: String,
        postgresDocument: String,
        page: PageRequest,
        as context: AccessContext
    ) async throws -> Page<Record> {
        guard let query = TextSearch.query(text, for: database.dialect) else { return Page(items: [], next: nil) }
        // The matches and their rank (lower is better), joined to the table: the rank orders
        // the pages and its value goes in their cursors.
        let hits: String
        var arguments: [SQLValue] = [.text(query)]
        switch database.dialect {
        case .sqlite:
            hits = "JOIN (SELECT rowid AS hit, bm25(\(sqliteIndex)) AS rank FROM \(sqliteIndex) WHERE \(sqliteIndex) MATCH ?) AS hits ON hits.hit = \(table.name).rowid"
        case .postgres:
            hits = "JOIN (SELECT id AS hit, -ts_rank(\(postgresDocument), plainto_tsquery('english', ?)) AS rank FROM \(table.name) WHERE \(postgresDocument) @@ plainto_tsquery('english', ?)) AS hits ON hits.hit = \(table.idColumn)"
            arguments.append(.text(query))
        }
        let join = (sql: hits, arguments: arguments)
        return try await database.read(as: context) { db in
            try await self.page(joining: join, where: "1 = 1", [], orderedBy: [SortKey("hits.rank", like: .double(0))],
                                page: page, context: context, db: db)
        }
    }

    /// How many records match `condition` among those the caller may read.
    public func count(where condition: String, _ arguments: [SQLValue], as context: AccessContext) async throws -> Int {
        try await database.read(as: context) { db in
            let access = table.access.read.filter(for: context)
            let rows = try await db.query("SELECT count(*) FROM \(table.name) WHERE \(notDeleted(condition)) AND \(access.sql)",
                                          arguments + access.arguments)
            return try rows[0].int(0)
        }
    }

    /// Takes the first record matching `condition`, in `keys` order, that the caller may update,
    /// changes it with `change` and saves it, all in one transaction; nil when there is none. Two
    /// callers never take the same record: PostgreSQL skips rows another transaction holds
    /// (`FOR UPDATE SKIP LOCKED`), SQLite runs one write transaction at a time.
    public func claimFirst(
        where condition: String,
        _ arguments: [SQLValue],
        orderedBy keys: [SortKey],
        as context: AccessContext,
        _ change: @Sendable (inout Record) throws -> Void
    ) async throws -> Record? {
        try await database.transaction(as: context) { db in
            let access = table.access.update.filter(for: context)
            var sql = "SELECT \(table.idColumn) FROM \(table.name) WHERE \(notDeleted(condition)) AND \(access.sql) ORDER BY \(Keyset.orderBy(keys, id: table.idColumn)) LIMIT 1"
            if db.dialect == .postgres { sql += " FOR UPDATE SKIP LOCKED" }
            guard let row = try await db.query(sql, arguments + access.arguments).first,
                  var record = try await select(where: "\(table.idColumn) = ?", [row.values[0]], access: .everything, db: db).first
            else { return nil }
            try self.change(&record, keepingVersionOf: record, change)
            return try await replace(record, context: context, db: db)
        }
    }

    /// Deletes for good the records matching `condition` that the caller may delete; returns how
    /// many.
    @discardableResult
    public func purgeAll(where condition: String, _ arguments: [SQLValue], as context: AccessContext) async throws -> Int {
        try await database.transaction(as: context) { db in
            let access = table.access.delete.filter(for: context)
            return try await db.execute("DELETE FROM \(table.name) WHERE \(condition) AND \(access.sql)", arguments + access.arguments)
        }
    }

    // MARK: Statements

    /// The records matching `condition` and `access`, their links loaded.
    func select(
        where condition: String,
        _ arguments: [SQLValue],
        access: AccessFilter,
        orderBy: String? = nil,
        limit: Int? = nil,
        includingDeleted: Bool = false,
        lockingRows: Bool = false,
        db: any DatabaseExecutor
    ) async throws -> [Record] {
        try await selectRows(where: condition, arguments, access: access, orderBy: orderBy, limit: limit,
                             includingDeleted: includingDeleted, lockingRows: lockingRows, db: db).records
    }

    /// The records of `select`, and their rows, which end with `extraColumns` (after the
    /// record's own columns, which `init(row:)` reads by position).
    func selectRows(
        joining join: String? = nil,
        where condition: String,
        _ arguments: [SQLValue],
        access: AccessFilter,
        extraColumns: [String] = [],
        orderBy: String? = nil,
        limit: Int? = nil,
        includingDeleted: Bool = false,
        lockingRows: Bool = false,
        db: any DatabaseExecutor
    ) async throws -> (records: [Record], rows: [SQLRow]) {
        let condition = includingDeleted ? condition : notDeleted(condition)
        let columns = extraColumns.isEmpty ? table.selectList : ([table.selectList] + extraColumns).joined(separator: ", ")
        var sql = "SELECT \(columns) FROM \(table.name)\(join.map { " " + $0 } ?? "") WHERE \(condition) AND \(access.sql) ORDER BY \(orderBy ?? table.idColumn)"
        if let limit { sql += " LIMIT \(limit)" }
        // SQLite's write transactions already run one at a time.
        if lockingRows, db.dialect == .postgres { sql += " FOR UPDATE" }
        let rows = try await db.query(sql, arguments + access.arguments)
        var records = try rows.map(Record.init(row:))
        try await loadLinks(into: &records, db: db)
        return (records, rows)
    }

    /// `condition`, and the record not deleted when the collection has soft delete.
    func notDeleted(_ condition: String) -> String {
        guard let deletedAt = table.deletedAt else { return condition }
        return "\(condition) AND \(table.name).\(deletedAt) IS NULL"
    }

    func insert(_ record: Record, context: AccessContext, db: any DatabaseExecutor) async throws -> Record {
        var record = record
        try await hooks?.beforeCreate(&record, database: db)
        record = try await checkedForInsert(record, context: context, db: db)
        try await insertRow(&record, db: db)
        try await saveLinks(of: record, db: db)
        return record
    }

    /// Inserts the record's row. A record without a key (`.unassigned`) of a collection whose
    /// database generates its keys goes in without it, and gets the key the database gave.
    func insertRow(_ record: inout Record, db: any DatabaseExecutor) async throws {
        let values = try record.columnValues()
        guard let generated = table.generatedKey, let sql = table.generatedInsertSQL, generated.isUnassigned(record) else {
            try await run(db) { try await db.execute(table.insertSQL, values) }
            return
        }
        var key: Int64 = 0
        try await run(db) {
            key = Int64(try await db.query(sql, Array(values.dropFirst()))[0].int(0))
            return 1
        }
        generated.assign(&record, key)
    }

    /// The record as it is inserted, its timestamps set to now; throws when it is invalid or the
    /// caller may not create it.
    func checkedForInsert(_ record: Record, context: AccessContext, db: any DatabaseExecutor) async throws -> Record {
        var record = record
        record.stamp(Date.nowToTheMillisecond(), keeping: nil)
        table.version?.setValue(&record, 1)
        let issues = record.validationIssues()
        if !issues.isEmpty { throw RepositoryError.validationFailed(ValidationError(issues: issues)) }
        guard try await table.access.create.grant(record, to: context, db: db) else {
            throw RepositoryError.forbidden(collection: table.collection, operation: "create")
        }
        for rule in table.rules {
            if case .access(let rules?, let isSet?, _, _) = rule.kind, isSet(record), try await !rules.grant(record, to: context, db: db) {
                throw RepositoryError.forbidden(collection: table.collection, operation: "create", field: rule.field)
            }
        }
        try await checkScopes(of: record, stored: nil, db: db)
        return record
    }

    /// The records as `checkedForInsert` makes them, checked as a batch before any is written:
    /// each access rule and each `within` rule asks the database once for the whole batch
    /// (`grants(_:to:db:)`, `scopesHold(_:db:)`), not once per record. Throws what checking the
    /// records one by one would: the first failure of the first record that fails, in the same
    /// order of checks (validity, access, field access, `within`), since the checks only read and
    /// nothing is written between them. So every check sees the database as it was before the
    /// batch: a record whose `within` target comes earlier in the same batch is refused here (with
    /// hooks, `checkedInTurn` lets it in, as `create` one record at a time would).
    func checkedForInsert(_ records: [Record], context: AccessContext, db: any DatabaseExecutor) async throws -> [Record] {
        let (checked, failure) = try await checkBatch(records, context: context, db: db)
        if let failure { throw failure.error }
        return checked
    }

    /// The checks of `checkedForInsert(_:context:db:)`: the records stamped, up to the first one
    /// that fails (left out), and that failure: its index in `records` and the error checking
    /// that record on its own would throw.
    func checkBatch(_ records: [Record], context: AccessContext, db: any DatabaseExecutor) async throws
        -> (checked: [Record], failure: (index: Int, error: RepositoryError)?) {
        var checked: [Record] = []
        checked.reserveCapacity(records.count)
        // Up to the first invalid record: the records after it are not asked about.
        var invalid: [ValidationIssue] = []
        for record in records {
            var record = record
            record.stamp(Date.nowToTheMillisecond(), keeping: nil)
            table.version?.setValue(&record, 1)
            invalid = record.validationIssues()
            if !invalid.isEmpty { break }
            checked.append(record)
        }
        let granted = try await table.access.create.grants(checked, to: context, db: db)
        // Per field rule with access to set its field: whether each record may, when it sets it.
        var fieldGrants: [(field: String, granted: [Bool])] = []
        for rule in table.rules {
            guard case .access(let rules?, let isSet?, _, _) = rule.kind else { continue }
            let setting = checked.indices.filter { isSet(checked[$0]) }
            var answers = Array(repeating: true, count: checked.count)
            for (index, answer) in zip(setting, try await rules.grants(setting.map { checked[$0] }, to: context, db: db)) {
                answers[index] = answer
            }
            fieldGrants.append((rule.field, answers))
        }
        let scopes = try await scopesHold(checked, db: db)
        for index in checked.indices {
            func failed(_ error: RepositoryError) -> (checked: [Record], failure: (index: Int, error: RepositoryError)?) {
                (Array(checked[..<index]), (index, error))
            }
            guard granted[index] else { return failed(.forbidden(collection: table.collection, operation: "create")) }
            for (field, answers) in fieldGrants where !answers[index] {
                return failed(.forbidden(collection: table.collection, operation: "create", field: field))
            }
            for scope in scopes where !scope.held[index] { return failed(Self.outOfScope(scope.field, scope.message)) }
        }
        if !invalid.isEmpty { return (checked, (checked.count, .validationFailed(ValidationError(issues: invalid)))) }
        return (checked, nil)
    }

    /// The records `createAll` with hooks has put through their hooks, checked as
    /// `checkedForInsert` checks each after the records before it are written, and `buffer`ed in
    /// order: the batch is checked at once (`checkBatch`, through `db`, which writes what was
    /// buffered before its first statement); when a record fails, it is checked again on its own
    /// once the records before it are buffered, since its checks may need them (a `within` target
    /// earlier in the batch), and the records after it are checked as a batch again. Costs a
    /// statement per rule per batch when every record passes.
    func checkedInTurn(_ records: [Record], context: AccessContext, db: any DatabaseExecutor,
                       buffer: ([Record]) async throws -> Void) async throws -> [Record] {
        var created: [Record] = []
        created.reserveCapacity(records.count)
        var rest = records[...]
        while !rest.isEmpty {
            let (checked, failure) = try await checkBatch(Array(rest), context: context, db: db)
            try await buffer(checked)
            created += checked
            guard let failure else { break }
            // Throws what the record alone throws, now that those before it are there.
            let record = try await checkedForInsert(rest[rest.startIndex + failure.index], context: context, db: db)
            try await buffer([record])
            created.append(record)
            rest = rest[(rest.startIndex + failure.index + 1)...]
        }
        return created
    }

    /// `statement` writes the row in place of the UPDATE (an upsert's `INSERT … ON CONFLICT DO
    /// UPDATE`): it gets the record's column values and the expected version, and returns how
    /// many rows it changed.
    func replace(
        _ record: Record, context: AccessContext, db: any DatabaseExecutor,
        statement: (([SQLValue], Int?) async throws -> Int)? = nil
    ) async throws -> Record {
        var record = record
        // The version the caller read: the UPDATE compares it (and fails when it is stale).
        let expected = table.version.map { $0.value(record) }
        guard let stored = try await select(where: "\(table.idColumn) = ?", [record.id.sqlValue],
                                            access: table.access.update.filter(for: context), lockingRows: true, db: db).first
        else { try await refusal(record.id, operation: "update", context: context, db: db) }
        try await hooks?.beforeUpdate(&record, stored: stored, database: db)
        record.stamp(Date.nowToTheMillisecond(), keeping: stored)
        var issues = record.validationIssues()
        for rule in table.rules {
            if case .immutable(let changed) = rule.kind, changed(record, stored) {
                issues.append(ValidationIssue(path: FieldPath(stringLiteral: rule.field), rule: .immutable, message: "cannot be changed"))
            }
        }
        if !issues.isEmpty { throw RepositoryError.validationFailed(ValidationError(issues: issues)) }
        guard try await table.access.update.grant(record, to: context, db: db) else {
            throw RepositoryError.forbidden(collection: table.collection, operation: "update")
        }
        for rule in table.rules {
            if case .access(_, _, let rules?, let changed?) = rule.kind, changed(record, stored),
               try await !rules.grant(record, to: context, db: db) {
                throw RepositoryError.forbidden(collection: table.collection, operation: "update", field: rule.field)
            }
        }
        try await checkScopes(of: record, stored: stored, db: db)
        if let version = table.version, let expected { version.setValue(&record, expected + 1) }
        let values = try record.columnValues()
        let arguments = table.updatedPositions.map { values[$0] } + [record.id.sqlValue] + (expected.map { [.int(Int64($0))] } ?? [])
        let updated = try await run(db) {
            if let statement { return try await statement(values, expected) }
            return try await db.execute(table.updateSQL, arguments)
        }
        if let version = table.version, let expected, updated == 0 {
            // The row is locked (PostgreSQL's FOR UPDATE, SQLite's write transaction): what was
            // read is what the comparison saw.
            throw RepositoryError.staleRecord(collection: table.collection, id: record.id.description,
                                              expected: expected, found: version.value(stored))
        }
        try await saveLinks(of: record, db: db)
        return record
    }

    /// Each `within` reference points at a record of the same scope; on update checked only when
    /// the reference or the scope changed (the stored pair already held).
    func checkScopes(of record: Record, stored: Record?, db: any DatabaseExecutor) async throws {
        for rule in table.rules {
            guard case .within(let query, let target, let scope, let message) = rule.kind, let value = target(record) else { continue }
            if let stored, target(stored) == value, scope(stored) == scope(record) { continue }
            if try await db.query(query, [value, scope(record)]).isEmpty { throw Self.outOfScope(rule.field, message) }
        }
    }

    /// What a `within` rule's refusal throws.
    static func outOfScope(_ field: String, _ message: String) -> RepositoryError {
        .validationFailed(ValidationError(issues: [ValidationIssue(path: FieldPath(stringLiteral: field), rule: .within, message: message)]))
    }

    /// How many (target, scope) pairs one statement of `scopesHold(_:db:)` asks about.
    static var scopePairsPerStatement: Int { 500 }

    /// Per `within` rule, in the order of the rules: whether each record's reference points at a
    /// record of its scope (or is unset), as `checkScopes` answers for a new record, each distinct
    /// (target, scope) pair asked once. One pair is asked with the rule's query as it is; more go
    /// `scopePairsPerStatement` to a statement, `SELECT column1 FROM (VALUES (0, ?, ?)…) AS
    /// schemagen_pairs WHERE EXISTS (query)`, the query's two `?` read from the list's `column2`
    /// and `column3`. A pair with a NULL is asked on its own (a list of NULLs has no type on
    /// PostgreSQL), and so is every pair of a query with other than two `?`.
    func scopesHold(_ records: [Record], db: any DatabaseExecutor) async throws -> [(field: String, message: String, held: [Bool])] {
        var answers: [(field: String, message: String, held: [Bool])] = []
        for rule in table.rules {
            guard case .within(let query, let target, let scope, let message) = rule.kind else { continue }
            let pairs = records.map { record in target(record).map { [$0, scope(record)] } }
            var asked: Set<[SQLValue]> = []
            var listed: [[SQLValue]] = []
            var holding: Set<[SQLValue]> = []
            let placeholders = query.utf8.count(where: { $0 == UInt8(ascii: "?") })
            for case let pair? in pairs where asked.insert(pair).inserted {
                if placeholders != 2 || pair.contains(.null) {
                    if try await !db.query(query, pair).isEmpty { holding.insert(pair) }
                } else {
                    listed.append(pair)
                }
            }
            if listed.count == 1 {
                if try await !db.query(query, listed[0]).isEmpty { holding.insert(listed[0]) }
            } else if !listed.isEmpty {
                var condition = Substring(query)
                for column in ["schemagen_pairs.column2", "schemagen_pairs.column3"] {
                    let mark = condition.firstIndex(of: "?")!
                    condition = condition[..<mark] + column + condition[condition.index(after: mark)...]
                }
                var offset = 0
                while offset < listed.count {
                    let chunk = listed[offset..<min(offset + Self.scopePairsPerStatement, listed.count)]
                    let values = chunk.indices.map { "(\($0 - offset), ?, ?)" }.joined(separator: ", ")
                    let rows = try await db.query(
                        "SELECT schemagen_pairs.column1 FROM (VALUES \(values)) AS schemagen_pairs WHERE EXISTS (\(condition))",
                        chunk.flatMap { $0 })
                    for row in rows { holding.insert(chunk[offset + (try row.int(0))]) }
                    offset = chunk.endIndex
                }
            }
            answers.append((rule.field, message, pairs.map { $0.map(holding.contains) ?? true }))
        }
        return answers
    }

    /// Throws what explains why a statement touched no row: the record is not there for this
    /// caller, or the caller may see it but not change it.
    func refusal(_ id: Record.ID, operation: String, context: AccessContext, db: any DatabaseExecutor,
                 includingDeleted: Bool = false) async throws -> Never {
        let visible = try await select(where: "\(table.idColumn) = ?", [id.sqlValue], access: table.access.read.filter(for: context),
                                       includingDeleted: includingDeleted, db: db)
        if visible.isEmpty { throw notFound(id) }
        throw RepositoryError.forbidden(collection: table.collection, operation: operation)
    }

    func notFound(_ id: Record.ID) -> RepositoryError {
        .notFound(collection: table.collection, id: id.description)
    }

    /// Runs a statement, putting a database's refusal in the schema's terms.
    @discardableResult
    func run(_ db: any DatabaseExecutor, _ statement: () async throws -> Int) async throws -> Int {
        do {
            return try await statement()
        } catch let error as DatabaseError {
            switch error.kind {
            case .uniqueViolation:
                throw RepositoryError.conflict(collection: table.collection, fields: table.conflictingFields(error))
            case .permissionDenied:
                throw RepositoryError.forbidden(collection: table.collection, operation: "write")
            default:
                throw RepositoryError.constraintViolated(collection: table.collection, constraint: error.constraint ?? "", message: error.message)
            }
        }
    }

    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}

extension Repository where Record: SoftDeletable {
    /// The record with this id, if the caller may read it; a deleted one too when
    /// `includingDeleted`.
    public func find(_ id: Record.ID, includingDeleted: Bool, as context: AccessContext) async throws -> Record? {
        try await database.read(as: context) { db in
            try await select(where: "\(table.idColumn) = ?", [id.sqlValue], access: table.access.read.filter(for: context),
                             includingDeleted: includingDeleted, db: db).first
        }
    }

    /// Brings back a deleted record. Needs the right to delete.
    public func restore(_ id: Record.ID, as context: AccessContext) async throws {
        guard let deletedAt = table.deletedAt else { return }
        try await database.transaction(as: context) { db in
            let access = table.access.delete.filter(for: context)
            let restored = try await db.execute(
                "UPDATE \(table.name) SET \(deletedAt) = NULL\(table.versionBump) WHERE \(table.idColumn) = ? AND \(table.name).\(deletedAt) IS NOT NULL AND \(access.sql)",
                [id.sqlValue] + access.arguments)
            if restored == 0 {
                guard try await find(id, includingDeleted: true, as: context) != nil else { throw notFound(id) }
                throw RepositoryError.forbidden(collection: table.collection, operation: "delete")
            }
        }
    }
}
