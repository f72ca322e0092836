/// The steps of a migration that can lose data, fail on existing rows, or let someone read or
/// write what they couldn't before. `schemagen migrate` refuses them unless told
/// `--allow-destructive`, and lists them at the top of the migration.
/// One step of a migration that a reviewer must acknowledge, with a stable identifier
/// (`drop-field:notes.legacy`): what it is and what it touches, never a position, so the same
/// change has the same identifier on every run and `schemagen migrate --allow ID` accepts it
/// alone.
public struct MigrationFinding: Sendable, Hashable, CustomStringConvertible {
    /// `rule:subject`, as `--allow` takes it.
    public var id: String
    public var diagnostic: Diagnostic

    public var rule: String { String(id.prefix { $0 != ":" }) }
    public var message: String { diagnostic.message }
    public var location: SourceLocation { diagnostic.location }
    public var notes: [Diagnostic.Note] { diagnostic.notes }
    /// The diagnostic with its identifier in brackets, as the schema lint shows its rules.
    public var description: String { labeled.description }

    /// `message [id]`
    public var labeled: Diagnostic {
        var copy = diagnostic
        copy.message += " [\(id)]"
        return copy
    }

    /// The rules, with what each finds (docs/migrations.md lists them too).
    public static let rules: [(rule: String, finds: String)] = [
        ("drop-collection", "a collection dropped: its table and every row go"),
        ("drop-field", "a field or `refs` field dropped: its column or join table and its data go"),
        ("change-type", "a type narrowed: values that don't convert fail the migration or lose precision"),
        ("narrow-constraint", "a constraint narrowed or added: fails if a row breaks it"),
        ("add-unique-index", "a unique index on an existing table: fails if rows repeat a value"),
        ("add-foreign-key", "a foreign key over columns the table had: fails if a row breaks it (PostgreSQL: at its VALIDATE after COMMIT)"),
        ("add-required-field", "a new required field without a default: fails on a table with rows"),
        ("make-required", "a field made required without a default to fill it: fails if a row has no value"),
        ("remove-enum-value", "an enum value removed: fails if a row holds it"),
        ("widen-access", "an access rule added: someone can now read or write what they couldn't"),
    ]
}

struct Lint {
    let old: SchemaSnapshot
    let new: SchemaSnapshot
    let schema: Schema
    let renames: Renames
    let snapshotPath: String

    func findings() -> [MigrationFinding] {
        var findings: [MigrationFinding] = []
        func add(_ id: String, _ diagnostic: Diagnostic) { findings.append(MigrationFinding(id: id, diagnostic: diagnostic)) }
        let snapshotLocation = SourceLocation(file: snapshotPath, line: 1, column: 1)
        let keptOld = Set(renames.collections.values)
        for collection in old.collections where !keptOld.contains(collection.name) {
            add("drop-collection:\(collection.name)", Diagnostic(.error, "drops collection '\(collection.name)': table \(collection.table) and every row in it",
                                       at: snapshotLocation, notes: [Diagnostic.Note("declare 'renamedFrom: \(collection.name)' on the collection if it was renamed")]))
        }
        let database = new.postgres, oldDatabase = old.postgres
        for collection in schema.collections {
            guard let oldName = renames.collections[collection.name], let oldCollection = old.collection(oldName) else { continue }
            let label = collection.name
            // Tables of the collection: its own and its join tables.
            var keptTables: Set<String> = []
            for table in database.tables where table.collection == collection.name {
                guard let oldTable = renames.oldTable(of: table, in: oldDatabase) else { continue }
                keptTables.insert(oldTable.name)
                var keptColumns: Set<String> = []
                for column in table.columns {
                    let location = field(column.field, in: collection)?.location ?? collection.location
                    let what = table.field == nil ? "\(label).\(column.field)" : "\(label).\(table.field!) (\(table.name).\(column.name))"
                    let subject = table.field == nil ? "\(label).\(column.field)" : "\(label).\(table.field!).\(column.name)"
                    guard let oldColumn = renames.oldColumn(of: column, table: table, oldTable: oldTable) else {
                        if !column.nullable, column.default == nil {
                            add("add-required-field:\(subject)", Diagnostic(.error, "adds required field \(what) with no default: the migration fails if \(table.name) has rows",
                                                       at: location, notes: [Diagnostic.Note("give it a 'default', or make it optional first and fill it in")]))
                        }
                        continue
                    }
                    keptColumns.insert(oldColumn.name)
                    if oldColumn.type != column.type, !Self.widens(from: oldColumn.type, to: column.type) {
                        add("change-type:\(subject)", Diagnostic(.error, "changes the type of \(what) from \(oldColumn.type) to \(column.type): values that don't convert fail the migration or lose precision",
                                                   at: location))
                    }
                    // With a default, the migration fills the empty rows before the constraint.
                    if oldColumn.nullable, !column.nullable, column.default == nil {
                        add("make-required:\(subject)", Diagnostic(.error, "makes \(what) required: the migration fails if a row has no value",
                                                   at: location, notes: [Diagnostic.Note("give it a 'default' (the migration then fills the empty rows with it first), or fill them in an earlier migration (`schemagen migrate --name … --empty`)")]))
                    }
                }
                for column in oldTable.columns where !keptColumns.contains(column.name) {
                    let name = column.field.hasPrefix("#") ? "\(oldTable.name).\(column.name)" : "\(oldName).\(column.field)"
                    let dropSubject = oldTable.field == nil ? name : "\(oldName).\(oldTable.field!).\(column.name)"
                    add("drop-field:\(dropSubject)", Diagnostic(.error, "drops field \(name): column \(oldTable.name).\(column.name) and its data",
                                               at: collection.location,
                                               notes: [Diagnostic.Note("declare 'renamedFrom: \(column.field.split(separator: ".").last ?? "")' on the field if it was renamed")]))
                }
            }
            for oldTable in oldDatabase.tables where oldTable.collection == oldName && !keptTables.contains(oldTable.name) {
                add("drop-field:\(oldName).\(oldTable.field ?? "")", Diagnostic(.error, "drops field \(oldName).\(oldTable.field ?? ""): join table \(oldTable.name) and every link in it",
                                           at: collection.location))
            }
            // Enum values a row may hold that the new check refuses.
            for (path, values) in (new.collection(collection.name)?.enums ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard let oldPath = renames.fields[collection.name]?[path], let oldValues = oldCollection.enums[oldPath] else { continue }
                let renamedValues = renames.values[collection.name]?[path] ?? [:]
                let removed = oldValues.filter { !values.contains($0) && renamedValues[$0] == nil }
                guard !removed.isEmpty else { continue }
                // A shared enum's value is removed in the enum's own file: the finding is there, with
                // a note at the field that uses it.
                let usedBy = field(path, in: collection)
                var location = usedBy?.location ?? collection.location
                var notes = [Diagnostic.Note("update those rows in an earlier migration (`schemagen migrate --name … --empty`)")]
                if let usedBy, case .enumeration(let enumType) = usedBy.type, enumType.isShared {
                    location = enumType.location
                    notes.insert(Diagnostic.Note("\(label).\(path) uses the shared enum \(enumType.swiftName)", at: usedBy.location), at: 0)
                }
                add("remove-enum-value:\(label).\(path)", Diagnostic(.error, "removes \(removed.map { "'\($0)'" }.joined(separator: ", ")) from the values of \(label).\(path): the migration fails if a row holds \(removed.count == 1 ? "it" : "one")",
                                           at: location, notes: notes))
            }
            // Constraints that refuse values the old ones allowed.
            // (A snapshot written before limits were recorded says nothing about them.)
            for (path, limits) in (new.collection(collection.name)?.limits ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard let oldLimits = oldCollection.limits, let oldPath = renames.fields[collection.name]?[path] else { continue }
                let tighter = limits.tightenings(from: oldLimits[oldPath] ?? Constraints())
                guard !tighter.isEmpty else { continue }
                add("narrow-constraint:\(label).\(path)", Diagnostic(.error, "narrows \(label).\(path) (\(tighter.joined(separator: ", "))): the migration fails if a row breaks it",
                                           at: field(path, in: collection)?.location ?? collection.location))
            }
            // A unique index a table didn't have: rows may already repeat a value.
            let oldUnique = Set(oldDatabase.objects.filter { $0.sql.hasPrefix("CREATE UNIQUE INDEX") }.map(uniqueKey))
            for table in database.tables where table.collection == collection.name {
                guard renames.oldTable(of: table, in: oldDatabase) != nil else { continue }
                for index in database.objects where index.table == table.name && index.sql.hasPrefix("CREATE UNIQUE INDEX") {
                    guard !oldUnique.contains(uniqueKey(index)) else { continue }
                    // At the index entry, or at the field for `unique: true`.
                    let declared = collection.indexes.first { $0.name == index.name }?.location
                        ?? collection.allFields.first { field in
                            field.isUnique && field.columnName.map { index.name.hasSuffix("_\($0)_key") } == true
                        }?.location
                    add("add-unique-index:\(index.name)", Diagnostic(.error, "adds unique index \(index.name) to \(table.name): the migration fails if rows already repeat a value",
                                               at: declared ?? collection.location))
                }
            }
            // A foreign key over columns the table already had (a `within` scope, a reference
            // pointed elsewhere): rows may already break it.
            for table in database.tables where table.collection == collection.name {
                guard let oldTable = renames.oldTable(of: table, in: oldDatabase) else { continue }
                for constraint in table.constraints where constraint.definition.hasPrefix("FOREIGN KEY (") {
                    let columns = Self.columns(of: constraint.definition)
                    let oldColumns = columns.compactMap { name in
                        table.columns.first { $0.name == name }.flatMap { renames.oldColumn(of: $0, table: table, oldTable: oldTable)?.name }
                    }
                    guard oldColumns.count == columns.count else { continue }  // a new column has no rows to break it
                    // The same key before, over the same columns, to the same table (names as they were).
                    let target = Self.target(of: constraint.definition)
                    let targetTable = String(target.prefix { $0 != " " }).replacingOccurrences(of: "\"", with: "")
                    let targetSnapshot = database.tables.first { $0.name == targetTable }
                    let oldTargetTable = targetSnapshot.flatMap { renames.oldTable(of: $0, in: oldDatabase) }
                    let oldTarget = oldTargetTable?.name ?? targetTable
                    // The target's columns as they were named: a key column renamed (`id` →
                    // `album_id`) keeps the values the rows point at.
                    var targetRest = String(target.drop { $0 != " " }).replacingOccurrences(of: "\"", with: "")
                    if let targetSnapshot, let oldTargetTable, let open = targetRest.firstIndex(of: "("), let close = targetRest.firstIndex(of: ")") {
                        let names = targetRest[targetRest.index(after: open)..<close].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                        let oldNames = names.map { name in
                            targetSnapshot.columns.first { $0.name == name }
                                .flatMap { renames.oldColumn(of: $0, table: targetSnapshot, oldTable: oldTargetTable)?.name } ?? name
                        }
                        targetRest = String(targetRest[..<open]) + "(" + oldNames.joined(separator: ", ") + String(targetRest[close...])
                    }
                    let existed = oldTable.constraints.contains { previous in
                        previous.definition.hasPrefix("FOREIGN KEY (") && Self.columns(of: previous.definition) == oldColumns
                            && Self.target(of: previous.definition).replacingOccurrences(of: "\"", with: "") == oldTarget + targetRest
                    }
                    if existed { continue }
                    let location = table.columns.first { $0.name == columns.first }.flatMap { field($0.field, in: collection)?.location } ?? collection.location
                    add("add-foreign-key:\(constraint.name)", Diagnostic(.error, "adds foreign key \(constraint.name) to \(table.name) over existing columns: a row that already breaks it fails the migration (on PostgreSQL, its VALIDATE after COMMIT)",
                                               at: location,
                                               notes: [Diagnostic.Note("find such rows first: \(Self.violationQuery(constraint.definition, table: table.name, key: table.columns.first?.name ?? "id"))")]))
                }
            }
            // Access: a rule that wasn't there grants someone something new.
            for operation in AccessOperation.allCases {
                let before = oldCollection.access[operation.rawValue] ?? []
                let after = new.collection(collection.name)?.access[operation.rawValue] ?? []
                // An `all of (…)` rule with a part that already granted alone grants no one new.
                let added = after.filter { rule in
                    guard !before.contains(rule) else { return false }
                    // Every rule but `public` needs a signed-in caller, whom `authenticated` granted.
                    if before.contains("public") || (before.contains("authenticated") && rule != "public") { return false }
                    guard rule.hasPrefix("all of ("), rule.hasSuffix(")") else { return true }
                    let parts = rule.dropFirst("all of (".count).dropLast().components(separatedBy: ", ")
                    return !parts.contains { before.contains($0) }
                }
                guard !added.isEmpty else { continue }
                let was = before.isEmpty ? "system context only" : before.joined(separator: ", ")
                add("widen-access:\(label).\(operation.rawValue)", Diagnostic(.error, "widens \(operation.rawValue) access to \(label): adds \(added.joined(separator: ", ")) (was: \(was))",
                                           at: collection.location))
            }
        }
        return findings
    }

    /// `episodes (id, project)`: what a foreign key points at (its delete and update rules aside).
    static func target(of definition: String) -> String {
        guard let range = definition.range(of: " REFERENCES ") else { return definition }
        let rest = definition[range.upperBound...]
        return String(rest.prefix { $0 != ")" }) + ")"
    }

    /// The columns a foreign key's definition starts with, unquoted.
    static func columns(of definition: String) -> [String] {
        definition.dropFirst("FOREIGN KEY (".count).prefix { $0 != ")" }
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\"", with: "") }
    }

    /// A query for the rows a new foreign key would refuse.
    /// `key`: the table's key column (its first), which the query lists the rows by.
    static func violationQuery(_ definition: String, table: String, key: String = "id") -> String {
        let columns = definition.dropFirst("FOREIGN KEY (".count).prefix { $0 != ")" }.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let target = target(of: definition)
        let targetTable = target.prefix { $0 != " " }
        let targetColumns = target.drop { $0 != "(" }.dropFirst().prefix { $0 != ")" }.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let matches = zip(columns, targetColumns).map { "t.\($1) = r.\($0)" }.joined(separator: " AND ")
        let present = columns.map { "r.\($0) IS NOT NULL" }.joined(separator: " AND ")
        return "SELECT r.\(key) FROM \(table) AS r WHERE \(present) AND NOT EXISTS (SELECT 1 FROM \(targetTable) AS t WHERE \(matches))"
    }

    /// A unique index by what it covers (the part after `ON table`), so that a table rename alone
    /// doesn't make it new.
    private func uniqueKey(_ index: ObjectSnapshot) -> String {
        guard let range = index.sql.range(of: " (") else { return index.sql }
        return String(index.sql[range.lowerBound...])
    }

    /// A type change every old value survives.
    static func widens(from old: String, to new: String) -> Bool {
        switch (old, new) {
        case (_, "text"), (_, "TEXT"): return old != "jsonb" && old != "BLOB" && old != "real[]"
        case ("bigint", "double precision"), ("INTEGER", "REAL"): return true
        // A wider integer (an int32 key or field becoming int64) holds every old value.
        case ("smallint", "integer"), ("smallint", "bigint"), ("integer", "bigint"): return true
        // A list's JSON and its native array (`storage: array`) hold the same items.
        case ("jsonb", _): return DatabaseDiffer.isNativeArray(new)
        case (_, "jsonb"): return DatabaseDiffer.isNativeArray(old)
        default: return false
        }
    }

    private func field(_ path: String, in collection: Collection) -> Field? {
        func find(_ fields: [Field]) -> Field? {
            for field in fields {
                if field.dottedPath == path { return field }
                if case .object(let object) = field.type, let found = find(object.fields) { return found }
            }
            return nil
        }
        return find(collection.fields)
    }
}
