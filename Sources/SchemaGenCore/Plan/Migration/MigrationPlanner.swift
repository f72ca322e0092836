/// The difference between the last migration's snapshot and the current schemas, as the SQL
/// steps of each dialect and the lint findings a reviewer must see first.
///
/// Renames are declared (`renamedFrom` on a collection or field) and become RENAME, never drop
/// and add. PostgreSQL changes tables in place (ALTER TABLE); SQLite, whose ALTER TABLE cannot
/// change a column or a constraint, rebuilds a changed table by the copy-and-swap procedure of
/// https://www.sqlite.org/lang_altertable.html ("Making Other Kinds Of Table Schema Changes").
public struct MigrationPlan: Sendable {
    /// Destructive or risky steps, each with its identifier and the place in the schemas it
    /// comes from.
    public var findings: [MigrationFinding]
    var steps: [SQLDialect: [String]]
    /// SQLite: the migration rebuilds or drops tables, so foreign keys are turned off around it
    /// and checked before it commits.
    var sqliteNeedsForeignKeysOff: Bool
    /// Per dialect, the steps that hold a long lock or rewrite a table that had rows
    /// (`MigrationLocks`), for the header.
    var slowSteps: [SQLDialect: [String]] = [:]
    /// PostgreSQL with `concurrentIndexes`: the new indexes of existing tables, built
    /// `CONCURRENTLY` after the migration's transaction commits (it can't run inside one).
    var afterCommit: [SQLDialect: [String]] = [:]
    /// PostgreSQL: `VALIDATE CONSTRAINT` of each foreign key added to a table that already
    /// existed, run after the migration's transaction commits (the steps add it `NOT VALID`).
    var validations: [SQLDialect: [String]] = [:]

    public var isEmpty: Bool { steps.values.allSatisfy(\.isEmpty) && afterCommit.values.allSatisfy(\.isEmpty) }
}

enum MigrationPlanner {
    /// Compares `old` with the snapshot of `schema`. Throws when a `renamedFrom` names nothing
    /// the snapshot has. `snapshotPath` locates findings about things the schemas no longer have.
    /// `concurrentIndexes`: on PostgreSQL, a new index on a table that already existed is built
    /// `CONCURRENTLY` after the transaction (writes to the table go on meanwhile) instead of
    /// inside it (where it blocks them).
    static func plan(from old: SchemaSnapshot, to schema: Schema, snapshotPath: String,
                     concurrentIndexes: Bool = false) throws(DiagnosticsError) -> MigrationPlan {
        let new = SchemaSnapshot.of(schema)
        let renames = try Renames(old: old, schema: schema)
        var steps: [SQLDialect: [String]] = [:]
        var rebuilds = false
        var slowSteps: [SQLDialect: [String]] = [:]
        var afterCommit: [SQLDialect: [String]] = [:]
        var validations: [SQLDialect: [String]] = [:]
        for dialect in SQLDialect.allCases {
            var differ = DatabaseDiffer(dialect: dialect, old: old.database(dialect), new: new.database(dialect), renames: renames)
            steps[dialect] = differ.steps()
            if dialect == .sqlite { rebuilds = differ.rebuildsOrDrops }
            let existing = Set(new.database(dialect).tables.filter { renames.oldTable(of: $0, in: old.database(dialect)) != nil }.map(\.name))
            if dialect == .postgres, concurrentIndexes {
                let (kept, moved) = Self.concurrently(steps[dialect] ?? [], existingTables: existing)
                steps[dialect] = kept
                afterCommit[dialect] = moved
            }
            if dialect == .postgres {
                let (kept, later) = Self.validatedAfterCommit(steps[dialect] ?? [], existingTables: existing)
                steps[dialect] = kept
                validations[dialect] = later
            }
            slowSteps[dialect] = MigrationLocks.notes(dialect, steps: steps[dialect] ?? [], existingTables: existing)
        }
        let findings = Lint(old: old, new: new, schema: schema, renames: renames, snapshotPath: snapshotPath).findings()
        return MigrationPlan(findings: findings, steps: steps, sqliteNeedsForeignKeysOff: rebuilds, slowSteps: slowSteps,
                             afterCommit: afterCommit, validations: validations)
    }

    /// The foreign keys `steps` add to existing tables, added `NOT VALID` instead, with the
    /// `VALIDATE CONSTRAINT` of each to run after COMMIT. Adding a foreign key checks every row
    /// of the table while holding SHARE ROW EXCLUSIVE on it and on the table it points at (their
    /// writes wait); `NOT VALID` checks new and changed rows from then on without reading the old
    /// ones, and VALIDATE reads them under SHARE UPDATE EXCLUSIVE (ROW SHARE on the target), which
    /// lets reads and writes go on. In the migration's transaction the lock of the ADD would be
    /// held through the VALIDATE, so VALIDATE runs after COMMIT, each in its own transaction.
    static func validatedAfterCommit(_ steps: [String], existingTables: Set<String>) -> (kept: [String], validations: [String]) {
        var validations: [String] = []
        let kept = steps.map { step in
            step.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
                let words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
                guard line.hasPrefix("ALTER TABLE "), line.hasSuffix(";"), words.count > 6, words[3] == "ADD", words[4] == "CONSTRAINT",
                      words[6] == "FOREIGN", existingTables.contains(words[2].replacingOccurrences(of: "\"", with: "")) else { return String(line) }
                validations.append("ALTER TABLE \(words[2]) VALIDATE CONSTRAINT \(words[5]);")
                return line.dropLast() + " NOT VALID;"
            }.joined(separator: "\n")
        }
        return (kept, validations)
    }

    /// The one-line `CREATE [UNIQUE] INDEX name ON table …;` statements of `steps` on existing
    /// tables, taken out and written `CONCURRENTLY`, each after a drop of the invalid index a
    /// failed concurrent build leaves behind.
    static func concurrently(_ steps: [String], existingTables: Set<String>) -> (kept: [String], moved: [String]) {
        var moved: [String] = []
        let kept = steps.compactMap { step -> String? in
            let lines = step.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { line in
                let unique = line.hasPrefix("CREATE UNIQUE INDEX ")
                guard unique || line.hasPrefix("CREATE INDEX "), line.hasSuffix(";") else { return true }
                let words = line.split(separator: " ").map(String.init)
                let nameAt = unique ? 3 : 2
                guard words.count > nameAt + 2, words[nameAt + 1] == "ON",
                      existingTables.contains(words[nameAt + 2].replacingOccurrences(of: "\"", with: "")) else { return true }
                let name = words[nameAt]
                moved.append("DROP INDEX CONCURRENTLY IF EXISTS \(name);\n"
                             + line.replacingOccurrences(of: unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ",
                                                         with: unique ? "CREATE UNIQUE INDEX CONCURRENTLY " : "CREATE INDEX CONCURRENTLY "))
                return false
            }
            let text = lines.joined(separator: "\n").trimmingCharacters(in: .newlines)
            return text.isEmpty ? nil : text
        }
        return (kept, moved)
    }
}

/// Which old collection and field each current one was, from `renamedFrom`.
struct Renames {
    /// Current collection name → its name in the snapshot (absent: a new collection).
    var collections: [String: String] = [:]
    /// Current collection → current field path → the path in the snapshot (absent: a new field).
    var fields: [String: [String: String]] = [:]
    /// Current collection → current field path → enum values renamed (old value → new value).
    var values: [String: [String: [String: String]]] = [:]

    init(old: SchemaSnapshot, schema: Schema) throws(DiagnosticsError) {
        var problems: [Diagnostic] = []
        let oldNames = Set(old.collections.map(\.name))
        let newNames = Set(schema.collections.map(\.name))
        var claimed: [String: SourceLocation] = [:]
        for collection in schema.collections {
            var oldName: String?
            if let from = collection.renamedFrom, from.value != collection.name {
                switch (oldNames.contains(collection.name), oldNames.contains(from.value)) {
                case (true, false): oldName = collection.name  // migrated already: the key is stale
                case (false, true):
                    if newNames.contains(from.value) {
                        problems.append(Diagnostic(.error, "'renamedFrom: \(from.value)' names a collection the schemas still have", at: from.location,
                                                   notes: [Diagnostic.Note("a collection can't be renamed to a new name while another keeps the old one")]))
                    } else if let first = claimed[from.value] {
                        problems.append(Diagnostic(.error, "collection '\(from.value)' is renamed twice", at: from.location,
                                                   notes: [Diagnostic.Note("first renamed here", at: first)]))
                    } else {
                        oldName = from.value
                        claimed[from.value] = from.location
                    }
                case (true, true):
                    problems.append(Diagnostic(.error, "'renamedFrom: \(from.value)' is ambiguous: the last migration has both '\(from.value)' and '\(collection.name)'",
                                               at: from.location, notes: [Diagnostic.Note("remove 'renamedFrom', or the collection that takes the old name")]))
                case (false, false):
                    problems.append(Diagnostic(.error, "'renamedFrom: \(from.value)' names no collection of the last migration", at: from.location,
                                               notes: [Suggestions.didYouMean(from.value, in: old.collections.map(\.name))
                                                   ?? Diagnostic.Note("the snapshot has: \(old.collections.map(\.name).sorted().joined(separator: ", "))")]))
                }
            } else if oldNames.contains(collection.name) {
                oldName = collection.name
            }
            guard let oldName, let oldCollection = old.collection(oldName) else { continue }
            collections[collection.name] = oldName
            let oldPaths = Set(oldCollection.fields)
            var map: [String: String] = [:]
            var renamedValues: [String: [String: String]] = [:]
            func visit(_ fields: [Field], oldParent: [String]?) {
                for field in fields {
                    var oldPath: [String]?
                    if let oldParent {
                        let same = (oldParent + [field.name]).joined(separator: ".")
                        if let from = field.renamedFrom, from.value != field.name {
                            let previous = (oldParent + [from.value]).joined(separator: ".")
                            switch (oldPaths.contains(same), oldPaths.contains(previous)) {
                            case (true, false): oldPath = oldParent + [field.name]
                            case (false, true):
                                oldPath = oldParent + [from.value]
                            case (true, true):
                                problems.append(Diagnostic(.error, "'renamedFrom: \(from.value)' is ambiguous: the last migration has both '\(previous)' and '\(same)' in '\(oldName)'",
                                                           at: from.location, notes: [Diagnostic.Note("remove 'renamedFrom', or the field that takes the old name")]))
                            case (false, false):
                                let siblings = oldPaths.filter { $0.hasPrefix(oldParent.map { $0 + "." }.joined()) }
                                    .map { String($0.dropFirst(oldParent.map { $0 + "." }.joined().count)) }.filter { !$0.contains(".") }
                                problems.append(Diagnostic(.error, "'renamedFrom: \(from.value)' names no field of '\(oldName)' in the last migration", at: from.location,
                                                           notes: [Suggestions.didYouMean(from.value, in: siblings)
                                                               ?? Diagnostic.Note("the fields there are: \(siblings.sorted().joined(separator: ", "))")]))
                            }
                        } else if oldPaths.contains(same) {
                            oldPath = oldParent + [field.name]
                        }
                    }
                    if let oldPath { map[field.dottedPath] = oldPath.joined(separator: ".") }
                    if case .object(let object) = field.type { visit(object.fields, oldParent: oldPath) }
                    if case .enumeration(let enumType) = field.type, let oldPath,
                       let oldValues = oldCollection.enums[oldPath.joined(separator: ".")] {
                        for enumCase in enumType.cases {
                            guard let from = enumCase.renamedFrom, from.value != enumCase.value else { continue }
                            switch (oldValues.contains(enumCase.value), oldValues.contains(from.value)) {
                            case (true, false): continue  // migrated already: the key is stale
                            case (false, true): renamedValues[field.dottedPath, default: [:]][from.value] = enumCase.value
                            case (true, true):
                                problems.append(Diagnostic(.error, "'renamedFrom: \(from.value)' is ambiguous: the last migration has both '\(from.value)' and '\(enumCase.value)' in \(oldName).\(field.dottedPath)",
                                                           at: from.location))
                            case (false, false):
                                problems.append(Diagnostic(.error, "'renamedFrom: \(from.value)' names no value of \(oldName).\(field.dottedPath) in the last migration",
                                                           at: from.location,
                                                           notes: [Suggestions.didYouMean(from.value, in: oldValues)
                                                               ?? Diagnostic.Note("its values were: \(oldValues.joined(separator: ", "))")]))
                            }
                        }
                    }
                }
            }
            visit(collection.fields, oldParent: [])
            fields[collection.name] = map
            values[collection.name] = renamedValues
        }
        guard problems.isEmpty else { throw DiagnosticsError(problems) }
    }

    /// The old table a current table was, if any.
    func oldTable(of table: TableSnapshot, in old: DatabaseSnapshot) -> TableSnapshot? {
        guard let oldCollection = collections[table.collection] else { return nil }
        if let field = table.field {
            guard let oldField = fields[table.collection]?[field] else { return nil }
            return old.tables.first { $0.collection == oldCollection && $0.field == oldField }
        }
        return old.tables.first { $0.collection == oldCollection && $0.field == nil }
    }

    /// The old column a current column was, if any.
    func oldColumn(of column: ColumnSnapshot, table: TableSnapshot, oldTable: TableSnapshot) -> ColumnSnapshot? {
        let field = column.field.hasPrefix("#") ? column.field : fields[table.collection]?[column.field]
        guard let field else { return nil }
        return oldTable.columns.first { $0.field == field }
    }
}

/// The steps of one dialect.
struct DatabaseDiffer {
    let dialect: SQLDialect
    let old: DatabaseSnapshot
    let new: DatabaseSnapshot
    let renames: Renames
    private(set) var rebuildsOrDrops = false

    init(dialect: SQLDialect, old: DatabaseSnapshot, new: DatabaseSnapshot, renames: Renames) {
        self.dialect = dialect
        self.old = old
        self.new = new
        self.renames = renames
    }

    private func q(_ name: String) -> String { dialect.quoted(name) }

    /// A current table with the old table it was.
    private struct Pair {
        var old: TableSnapshot
        var new: TableSnapshot
        var columns: [(old: ColumnSnapshot?, new: ColumnSnapshot)]
        var droppedColumns: [ColumnSnapshot]
    }

    mutating func steps() -> [String] {
        var pairs: [Pair] = []
        var created: [TableSnapshot] = []
        for table in new.tables {
            guard let oldTable = renames.oldTable(of: table, in: old) else { created.append(table); continue }
            let columns = table.columns.map { (old: renames.oldColumn(of: $0, table: table, oldTable: oldTable), new: $0) }
            let kept = Set(columns.compactMap(\.old?.name))
            pairs.append(Pair(old: oldTable, new: table, columns: columns, droppedColumns: oldTable.columns.filter { !kept.contains($0.name) }))
        }
        let keptOld = Set(pairs.map(\.old.name))
        let dropped = old.tables.filter { !keptOld.contains($0.name) }
        return dialect == .sqlite
            ? sqliteSteps(pairs: pairs, created: created, dropped: dropped)
            : postgresSteps(pairs: pairs, created: created, dropped: dropped)
    }

    // MARK: Shared

    private func columnDefinition(_ column: ColumnSnapshot) -> String {
        var text = "\(q(column.name)) \(column.type)"
        if !column.nullable { text += " NOT NULL" }
        if let value = column.default { text += SQLDialect.defaultClause(value) }
        return text
    }

    private func createTable(_ table: TableSnapshot, name: String? = nil, constraints: [ConstraintSnapshot]) -> String {
        let entries = table.columns.map { column in
            (text: columnDefinition(column), comment: column.field.hasPrefix("#") ? "" : " -- \(Escaping.sqlComment(column.field))")
        } + constraints.map { (text: "CONSTRAINT \(q($0.name)) \($0.definition)", comment: "") }
        // Every line but the last ends with a comma, before its comment.
        let lines = entries.enumerated().map { index, entry in
            "    " + entry.text + (index == entries.count - 1 ? "" : ",") + entry.comment
        }
        let options = dialect == .sqlite ? " STRICT" : ""
        return "CREATE TABLE \(q(name ?? table.name)) (\n" + lines.joined(separator: "\n") + "\n)\(options);"
    }

    /// Objects (indexes, triggers, functions, policies) to remove and to create. An object is
    /// recreated when its statement changed or (SQLite) its table is rebuilt.
    private func objectChanges(rebuiltTables: Set<String>, droppedTables: Set<String>, tablesWithRows: Set<String>,
                               alsoReplacing: (ObjectSnapshot) -> Bool = { _ in false }) -> (drops: [String], creates: [String]) {
        // A row-level security setting stays with a renamed table; it is the same object there.
        var renamedTables: [String: String] = [:]
        for table in new.tables {
            if let previous = renames.oldTable(of: table, in: old) { renamedTables[previous.name] = table.name }
        }
        func oldKey(_ object: ObjectSnapshot) -> String {
            guard object.kind == "row level security", let table = object.table, let now = renamedTables[table] else { return object.key }
            var moved = object
            moved.table = now
            return moved.key
        }
        func same(_ previous: ObjectSnapshot?, _ object: ObjectSnapshot) -> Bool {
            guard let previous else { return false }
            return previous.kind == "row level security" || previous.sql == object.sql
        }
        let oldByKey = Dictionary(old.objects.map { (oldKey($0), $0) }, uniquingKeysWith: { first, _ in first })
        let newByKey = Dictionary(new.objects.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        func content(_ object: ObjectSnapshot) -> String? {
            // A full-text table belongs to the table its content comes from.
            guard object.kind == "virtual table", let range = object.sql.range(of: "content='") else { return object.table }
            return String(object.sql[range.upperBound...].prefix { $0 != "'" })
        }
        var drops: [String] = []
        for object in old.objects.reversed() {
            let table = content(object)
            if let table, droppedTables.contains(table), object.kind == "row level security" { continue }  // goes with its table
            let replaced = newByKey[oldKey(object)].map { !same(object, $0) } ?? true
            let rebuilt = table.map(rebuiltTables.contains) ?? false
            // A changed function is replaced in place (CREATE OR REPLACE), unless its arguments
            // changed (a key retyped: `record_id bigint` → `integer`), which would add an overload.
            if object.kind == "function", let now = newByKey[oldKey(object)], now.drop == object.drop { continue }
            if replaced || rebuilt || alsoReplacing(object) { drops.append(object.drop) }
        }
        // Grouped by table, a blank line between groups, for the reader.
        var creates: [String] = []
        var group: (table: String?, statements: [String]) = (nil, [])
        for object in new.objects {
            let previous = oldByKey[object.key]
            let table = content(object)
            let rebuilt = table.map(rebuiltTables.contains) ?? false
            guard !same(previous, object) || rebuilt || alsoReplacing(object) else { continue }
            if table != group.table, !group.statements.isEmpty {
                creates.append(group.statements.joined(separator: "\n"))
                group.statements = []
            }
            group.table = table
            group.statements.append(object.sql)
            if object.kind == "virtual table", let table, tablesWithRows.contains(table) {
                group.statements.append("INSERT INTO \(q(object.name)) (\(q(object.name))) VALUES ('rebuild');")
            }
        }
        if !group.statements.isEmpty { creates.append(group.statements.joined(separator: "\n")) }
        return (drops, creates)
    }

    // MARK: PostgreSQL

    /// A native array column type (`storage: array`): `text[]`, `bigint[]`…, not a vector's `real[]`.
    static func isNativeArray(_ type: String) -> Bool {
        type.hasSuffix("[]") && type != "real[]"
    }

    /// Converts a list's jsonb to the text of its items in order (NULL stays NULL): a function,
    /// since ALTER COLUMN … USING takes no subquery; in pg_temp, gone with the session.
    static let jsonbItemsFunction = "pg_temp.schemagen_jsonb_items"
    static let jsonbItemsDefinition = "CREATE OR REPLACE FUNCTION \(jsonbItemsFunction)(items jsonb) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT coalesce(array_agg(item ORDER BY position), '{}') FROM jsonb_array_elements_text(items) WITH ORDINALITY AS t(item, position) $$;"

    /// The USING expression that turns a column of type `old` into `new`: a cast, but a list's
    /// jsonb ↔ its native array (`storage: array`) convert item by item.
    static func conversion(_ column: String, from old: String, to new: String) -> String {
        if old == "jsonb", isNativeArray(new) { return "\(jsonbItemsFunction)(\(column))::\(new)" }
        if isNativeArray(old), new == "jsonb" { return "to_jsonb(\(column))" }
        return "\(column)::\(new)"
    }

    private func postgresSteps(pairs: [Pair], created: [TableSnapshot], dropped: [TableSnapshot]) -> [String] {
        var dropConstraints: [String] = []
        var renames: [String] = []
        var alterColumns: [String] = []
        var dropColumns: [String] = []
        var addConstraints: [String] = []
        var updates: [String] = []
        for pair in pairs {
            let table = q(pair.new.name)
            if pair.old.name != pair.new.name {
                renames.append("ALTER TABLE \(q(pair.old.name)) RENAME TO \(table);")
            }
            for (oldColumn, column) in pair.columns {
                let c = q(column.name)
                guard let oldColumn else {
                    alterColumns.append("ALTER TABLE \(table) ADD COLUMN \(columnDefinition(column));")
                    continue
                }
                if oldColumn.name != column.name {
                    renames.append("ALTER TABLE \(table) RENAME COLUMN \(q(oldColumn.name)) TO \(c);")
                }
                let typeChanged = oldColumn.type != column.type
                if oldColumn.default == SQLDialect.identity || column.default == SQLDialect.identity {
                    // A key the database generates from now on, or no longer.
                    if typeChanged {
                        alterColumns.append("ALTER TABLE \(table) ALTER COLUMN \(c) TYPE \(column.type) USING \(c)::\(column.type);")
                    }
                    if oldColumn.default != column.default {
                        if oldColumn.default == SQLDialect.identity {
                            alterColumns.append("ALTER TABLE \(table) ALTER COLUMN \(c) DROP IDENTITY;")
                        } else {
                            if oldColumn.default != nil { alterColumns.append("ALTER TABLE \(table) ALTER COLUMN \(c) DROP DEFAULT;") }
                            alterColumns.append("ALTER TABLE \(table) ALTER COLUMN \(c) ADD \(SQLDialect.identity);")
                            // The next generated key comes after the keys the rows already have: the
                            // sequence is set to the largest (max + 1 would overflow a full int32
                            // key); keys below 1 leave it at 1, and no rows (NULL: setval is
                            // strict) leave it untouched.
                            alterColumns.append("SELECT setval(pg_get_serial_sequence('\(table)', '\(column.name)'), greatest(max(\(c)), 1), max(\(c)) >= 1) FROM \(table);")
                        }
                    }
                    continue
                }
                if oldColumn.default != nil, typeChanged || column.default == nil {
                    alterColumns.append("ALTER TABLE \(table) ALTER COLUMN \(c) DROP DEFAULT;")
                }
                if typeChanged {
                    let using = Self.conversion(c, from: oldColumn.type, to: column.type)
                    if using.hasPrefix(Self.jsonbItemsFunction), !alterColumns.contains(Self.jsonbItemsDefinition) {
                        alterColumns.insert(Self.jsonbItemsDefinition, at: 0)
                    }
                    alterColumns.append("ALTER TABLE \(table) ALTER COLUMN \(c) TYPE \(column.type) USING \(using);")
                }
                if let value = column.default, typeChanged || oldColumn.default != value {
                    alterColumns.append("ALTER TABLE \(table) ALTER COLUMN \(c) SET DEFAULT \(value);")
                }
                if oldColumn.nullable, !column.nullable, column.default != nil {
                    // Made required with a default: the rows without a value get it first.
                    alterColumns.append("UPDATE \(table) SET \(c) = DEFAULT WHERE \(c) IS NULL;")
                }
                if oldColumn.nullable != column.nullable {
                    alterColumns.append("ALTER TABLE \(table) ALTER COLUMN \(c) \(column.nullable ? "DROP" : "SET") NOT NULL;")
                }
            }
            dropColumns += pair.droppedColumns.map { "ALTER TABLE \(table) DROP COLUMN \(q($0.name));" }
            // Renamed enum values: the rows move to the new value while no check holds them.
            // (A native enum type renames the value itself: `enumTypeSteps`.)
            for (_, column) in pair.columns where !nativeEnumTypes.contains(column.type) {
                for (from, to) in (self.renames.values[pair.new.collection]?[column.field] ?? [:]).sorted(by: { $0.key < $1.key }) {
                    updates.append("UPDATE \(table) SET \(q(column.name)) = \(dialect.literal(to)) WHERE \(q(column.name)) = \(dialect.literal(from));")
                }
            }

            // Constraints: a constraint whose definition is unchanged once the renames are
            // applied is renamed; others are dropped and added.
            var oldConstraints = pair.old.constraints
            for constraint in pair.new.constraints {
                if let index = oldConstraints.firstIndex(where: { $0.name == constraint.name }) {
                    let previous = oldConstraints.remove(at: index)
                    if renamed(previous.definition, pair) != constraint.definition {
                        dropConstraints.append("ALTER TABLE \(q(pair.old.name)) DROP CONSTRAINT \(q(previous.name));")
                        addConstraints.append("ALTER TABLE \(table) ADD CONSTRAINT \(q(constraint.name)) \(constraint.definition);")
                    }
                } else if let index = oldConstraints.firstIndex(where: { candidate in
                    renamed(candidate.definition, pair) == constraint.definition
                        && !pair.new.constraints.contains(where: { $0.name == candidate.name })
                }) {
                    let previous = oldConstraints.remove(at: index)
                    renames.append("ALTER TABLE \(table) RENAME CONSTRAINT \(q(previous.name)) TO \(q(constraint.name));")
                } else {
                    addConstraints.append("ALTER TABLE \(table) ADD CONSTRAINT \(q(constraint.name)) \(constraint.definition);")
                }
            }
            dropConstraints += oldConstraints.map { "ALTER TABLE \(q(pair.old.name)) DROP CONSTRAINT \(q($0.name));" }
        }
        // Foreign keys go before the keys they point at.
        dropConstraints.sort { ($0.contains("_fkey") ? 0 : 1) < ($1.contains("_fkey") ? 0 : 1) }
        var createTables: [String] = []
        for table in created {
            let (foreignKeys, others) = (table.constraints.filter { $0.definition.hasPrefix("FOREIGN KEY") },
                                         table.constraints.filter { !$0.definition.hasPrefix("FOREIGN KEY") })
            createTables.append(createTable(table, constraints: others))
            addConstraints += foreignKeys.map { "ALTER TABLE \(q(table.name)) ADD CONSTRAINT \(q($0.name)) \($0.definition);" }
        }
        // One statement, so that foreign keys among the dropped tables (even a cycle) don't stop it.
        let dropTables = dropped.isEmpty ? [] : ["DROP TABLE " + dropped.reversed().map { q($0.name) }.joined(separator: ", ") + ";"]
        // PostgreSQL refuses to change the type of a column a policy uses (an integer key and the
        // policies that join on it): those policies go before the change and come back after.
        var retyped = Set<String>()
        for pair in pairs {
            for (oldColumn, column) in pair.columns where oldColumn != nil && oldColumn!.type != column.type {
                retyped.formUnion([oldColumn!.name, column.name])
            }
        }
        let objects = objectChanges(rebuiltTables: [], droppedTables: Set(dropped.map(\.name)),
                                    tablesWithRows: Set(pairs.map(\.new.name))) { object in
            object.kind == "policy" && !retyped.isEmpty && Self.mentions(object.sql, anyOf: retyped)
        }
        // Keys before the foreign keys that point at them, whatever their tables' order.
        let keysFirst = addConstraints.filter { !$0.contains(" FOREIGN KEY ") } + addConstraints.filter { $0.contains(" FOREIGN KEY ") }
        let types = enumTypeSteps(pairs: pairs)
        return [objects.drops, dropConstraints, renames, types.before].filter { !$0.isEmpty }.map { $0.joined(separator: "\n") }
            + createTables
            + [alterColumns.contains(Self.jsonbItemsDefinition) ? alterColumns + ["DROP FUNCTION \(Self.jsonbItemsFunction)(jsonb);"] : alterColumns, updates, dropColumns, dropTables, keysFirst, types.after].filter { !$0.isEmpty }.map { $0.joined(separator: "\n") }
            + objects.creates
    }

    /// Whether `sql` names one of `columns` as a word (`tracks.id`, `id =`), not inside another name.
    static func mentions(_ sql: String, anyOf columns: Set<String>) -> Bool {
        var word = ""
        for character in sql + " " {
            if character.isLetter || character.isNumber || character == "_" {
                word.append(character)
            } else {
                if columns.contains(word) { return true }
                word = ""
            }
        }
        return false
    }

    /// The quoted names of the current native enum types, as a column's type spells them.
    private var nativeEnumTypes: Set<String> { Set((new.types ?? []).map { q($0.name) }) }

    /// `storage: enum` types: created before the tables and columns that use them, dropped
    /// after. A type whose values changed is altered in place when the old values, renamed,
    /// keep their order among the new ones (`RENAME VALUE`, `ADD VALUE … AFTER`); otherwise
    /// (a value removed, the order changed) it is rebuilt: the old type renamed away, the new
    /// one created, each column converted through its text (a row still holding a removed value
    /// fails the migration there), and the old type dropped.
    private func enumTypeSteps(pairs: [Pair]) -> (before: [String], after: [String]) {
        let oldTypes = Dictionary((old.types ?? []).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let newNames = Set((new.types ?? []).map(\.name))
        var before: [String] = []
        var after: [String] = []
        for type in new.types ?? [] {
            let t = q(type.name)
            guard let previous = oldTypes[type.name] else {
                before.append(SQLEnumType(name: type.name, values: type.values).createSQL)
                continue
            }
            guard previous.values != type.values else { continue }
            // The columns that keep this type, with their fields' renamed values.
            let columns = pairs.flatMap { pair in
                pair.columns.compactMap { column -> (table: String, column: ColumnSnapshot, renamed: [String: String])? in
                    guard let oldColumn = column.old, oldColumn.type == t, column.new.type == t else { return nil }
                    return (pair.new.name, column.new, renames.values[pair.new.collection]?[column.new.field] ?? [:])
                }
            }
            var renamed: [String: String] = [:]
            for column in columns { renamed.merge(column.renamed) { first, _ in first } }
            var values = previous.values
            for (from, to) in renamed.sorted(by: { $0.key < $1.key }) where values.contains(from) && !values.contains(to) {
                before.append("ALTER TYPE \(t) RENAME VALUE \(dialect.literal(from)) TO \(dialect.literal(to));")
                values = values.map { $0 == from ? to : $0 }
            }
            let kept = type.values.filter(values.contains)
            if kept == values {
                // Only additions: each after the value before it (or before the first).
                for (index, value) in type.values.enumerated() where !values.contains(value) {
                    let position = index == 0 ? "BEFORE \(dialect.literal(type.values[1]))" : "AFTER \(dialect.literal(type.values[index - 1]))"
                    before.append("ALTER TYPE \(t) ADD VALUE \(dialect.literal(value)) \(position);")
                }
                continue
            }
            let retired = q(Naming.sqlName(type.name + "_old"))
            before.append("-- \(Escaping.sqlComment(type.name)): values removed or reordered; the type is rebuilt and its columns converted.")
            before.append("ALTER TYPE \(t) RENAME TO \(retired);")
            before.append(SQLEnumType(name: type.name, values: type.values).createSQL)
            for column in columns {
                let table = q(column.table), c = q(column.column.name)
                if column.column.default != nil { before.append("ALTER TABLE \(table) ALTER COLUMN \(c) DROP DEFAULT;") }
                before.append("ALTER TABLE \(table) ALTER COLUMN \(c) TYPE \(t) USING \(c)::text::\(t);")
                if let value = column.column.default { before.append("ALTER TABLE \(table) ALTER COLUMN \(c) SET DEFAULT \(value);") }
            }
            after.append("DROP TYPE \(retired);")
        }
        for type in old.types ?? [] where !newNames.contains(type.name) {
            after.append("DROP TYPE \(q(type.name));")
        }
        return (before, after)
    }

    /// An old constraint's definition with the table's renames applied, as PostgreSQL applies
    /// them (it follows renamed columns and tables).
    private func renamed(_ definition: String, _ pair: Pair) -> String {
        var text = definition
        for (oldColumn, column) in pair.columns {
            guard let oldColumn, oldColumn.name != column.name else { continue }
            text = replacingIdentifier(q(oldColumn.name), with: q(column.name), in: text)
        }
        for table in new.tables {
            guard let previous = renames.oldTable(of: table, in: old), previous.name != table.name else { continue }
            text = text.replacingOccurrences(of: "REFERENCES \(q(previous.name)) (", with: "REFERENCES \(q(table.name)) (")
        }
        return text
    }

    private func replacingIdentifier(_ name: String, with replacement: String, in text: String) -> String {
        var result = ""
        var rest = Substring(text)
        let isWord = { (c: Character) in c.isLetter || c.isNumber || c == "_" || c == "\"" }
        while let range = rest.range(of: name) {
            let before = range.lowerBound == rest.startIndex ? (result.last) : rest[rest.index(before: range.lowerBound)]
            let after = range.upperBound < rest.endIndex ? rest[range.upperBound] : nil
            result += rest[..<range.lowerBound]
            if before.map(isWord) != true, after.map(isWord) != true { result += replacement } else { result += name }
            rest = rest[range.upperBound...]
        }
        return result + rest
    }

    // MARK: SQLite

    /// SQLite's own ALTER TABLE for a table whose only changes are renamed columns and added
    /// columns it accepts (https://www.sqlite.org/lang_altertable.html): nil when the table must
    /// be rebuilt. A renamed column keeps its type, nullability and default, and no constraint
    /// names it (its constraints' names and text would change, which SQLite can't do in place);
    /// an added column is nullable or has a constant default (not an expression), and has no
    /// constraint (those are table constraints here); none is dropped; no enum value is renamed.
    private func sqliteAlterations(_ pair: Pair) -> [String]? {
        guard pair.old.name == pair.new.name, pair.droppedColumns.isEmpty, pair.old.constraints == pair.new.constraints,
              (renames.values[pair.new.collection] ?? [:]).values.allSatisfy(\.isEmpty) else { return nil }
        var statements: [String] = []
        for (old, column) in pair.columns {
            if let old {
                guard (old.type, old.nullable, old.default) == (column.type, column.nullable, column.default) else { return nil }
                if old.name != column.name {
                    statements.append("ALTER TABLE \(q(pair.new.name)) RENAME COLUMN \(q(old.name)) TO \(q(column.name));")
                }
            } else {
                let constantDefault = column.default.map { !$0.hasPrefix("(") && $0.uppercased() != "NULL" } ?? false
                guard column.nullable || constantDefault else { return nil }
                statements.append("ALTER TABLE \(q(pair.new.name)) ADD COLUMN \(columnDefinition(column));")
            }
        }
        return statements
    }

    private mutating func sqliteSteps(pairs: [Pair], created: [TableSnapshot], dropped: [TableSnapshot]) -> [String] {
        // A table whose columns or constraints (or name, which its constraint names carry)
        // change is altered in place when SQLite can, else rebuilt.
        let changed = pairs.filter { pair in
            pair.old.name != pair.new.name || pair.old.columns != pair.new.columns || pair.old.constraints != pair.new.constraints
        }
        var alterations: [String] = []
        var rebuilt: [Pair] = []
        for pair in changed {
            if let statements = sqliteAlterations(pair) { alterations += statements } else { rebuilt.append(pair) }
        }
        rebuildsOrDrops = !rebuilt.isEmpty || !dropped.isEmpty
        let objects = objectChanges(rebuiltTables: Set(rebuilt.map(\.new.name)), droppedTables: Set(dropped.map(\.name)),
                                    tablesWithRows: Set(pairs.map(\.new.name)))
        var rebuilds: [String] = []
        for pair in rebuilt {
            let renamedTable = pair.old.name != pair.new.name
            let target = renamedTable ? pair.new.name : "new_" + pair.new.name
            let copied = pair.columns.compactMap { column in column.old.map { (old: $0, new: column.new) } }
            let into = (["rowid"] + copied.map { q($0.new.name) }).joined(separator: ", ")
            let from = (["rowid"] + copied.map { column -> String in
                let renamedValues = renames.values[pair.new.collection]?[column.new.field] ?? [:]
                // Made required with a default: the rows without a value get it.
                if column.old.nullable, !column.new.nullable, let value = column.new.default {
                    return "coalesce(\(q(column.old.name)), \(value))"
                }
                guard !renamedValues.isEmpty else { return q(column.old.name) }
                let cases = renamedValues.sorted { $0.key < $1.key }
                    .map { "WHEN \(dialect.literal($0.key)) THEN \(dialect.literal($0.value))" }.joined(separator: " ")
                return "CASE \(q(column.old.name)) \(cases) ELSE \(q(column.old.name)) END"
            }).joined(separator: ", ")
            var lines = [
                "-- " + Escaping.sqlComment("\(pair.new.name): " + rebuildReason(pair)) + "; SQLite rebuilds the table (copy, drop, rename).",
                createTable(pair.new, name: target, constraints: pair.new.constraints),
                "INSERT INTO \(q(target)) (\(into))\n    SELECT \(from) FROM \(q(pair.old.name));",
                "DROP TABLE \(q(pair.old.name));",
            ]
            if !renamedTable { lines.append("ALTER TABLE \(q(target)) RENAME TO \(q(pair.new.name));") }
            rebuilds.append(lines.joined(separator: "\n"))
        }
        let createTables = created.map { createTable($0, constraints: $0.constraints) }
        let dropTables = dropped.reversed().map { "DROP TABLE \(q($0.name));" }
        var check: [String] = []
        if rebuildsOrDrops {
            check = ["""
                -- Every foreign key must still hold: a violation fails the migration here (CHECK constraint failed).
                CREATE TEMP TABLE schemagen_foreign_key_check (violations INTEGER NOT NULL CHECK (violations = 0));
                INSERT INTO schemagen_foreign_key_check SELECT count(*) FROM pragma_foreign_key_check;
                DROP TABLE schemagen_foreign_key_check;
                """]
        }
        return [objects.drops.joined(separator: "\n"), alterations.joined(separator: "\n")].filter { !$0.isEmpty } + rebuilds
            + [createTables.joined(separator: "\n\n"), dropTables.joined(separator: "\n")].filter { !$0.isEmpty }
            + check + objects.creates
    }

    private func rebuildReason(_ pair: Pair) -> String {
        var reasons: [String] = []
        if pair.old.name != pair.new.name { reasons.append("renamed from \(pair.old.name)") }
        let added = pair.columns.filter { $0.old == nil }.map(\.new.name)
        if !added.isEmpty { reasons.append("adds " + added.joined(separator: ", ")) }
        if !pair.droppedColumns.isEmpty { reasons.append("drops " + pair.droppedColumns.map(\.name).joined(separator: ", ")) }
        let renamedColumns = pair.columns.compactMap { c in c.old.flatMap { $0.name != c.new.name ? "\($0.name) → \(c.new.name)" : nil } }
        if !renamedColumns.isEmpty { reasons.append("renames " + renamedColumns.joined(separator: ", ")) }
        let changed = pair.columns.compactMap { c in
            c.old.flatMap { old in (old.type, old.nullable, old.default) != (c.new.type, c.new.nullable, c.new.default) ? c.new.name : nil }
        }
        if !changed.isEmpty { reasons.append("changes " + changed.joined(separator: ", ")) }
        if pair.old.constraints != pair.new.constraints, reasons.isEmpty { reasons.append("changes its constraints") }
        return reasons.joined(separator: "; ")
    }
}
