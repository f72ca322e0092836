import Foundation

/// The schema files `schemagen import` writes, and what it did per table.
public struct ImportedSchema: Sendable {
    public struct File: Sendable, Equatable {
        /// `albums.yaml`
        public var path: String
        public var contents: String
        /// The table (or, for a to-many reference, tables) it came from.
        public var table: String
        /// What could not be mapped, or was mapped with a change (also at the top of the file).
        public var notes: [String]
        /// What was mapped: `column → field: type`, indexes, references.
        public var mapped: [String]
    }

    public var files: [File]
}

public enum ImportFailure: Error, CustomStringConvertible, Equatable {
    /// A table schemagen cannot express at all.
    case unmappableTable(table: String, reason: String)
    case emptyDatabase(String)
    /// The schema files the import made don't resolve: a mapping bug, reported as such.
    case invalidResult(String)

    public var description: String {
        switch self {
        case .unmappableTable(let table, let reason): return "table '\(table)' cannot be imported: \(reason)"
        case .emptyDatabase(let detail): return "nothing to import: \(detail)"
        case .invalidResult(let detail):
            return "the imported schemas do not validate (please report this with the table definitions):\n\(detail)"
        }
    }
}

/// Catalog → schema files. Pure: the same catalog gives the same bytes.
public enum CatalogMapper {
    /// Maps every table; throws `ImportFailure` naming the first table that can't be mapped, and
    /// when the result would not validate. Nothing is written here.
    public static func map(_ catalog: DatabaseCatalog) throws -> ImportedSchema {
        guard !catalog.tables.isEmpty else { throw ImportFailure.emptyDatabase("the database has no tables") }
        let mapper = Mapper(catalog: catalog)
        let drafts = try mapper.run()
        var files = drafts.map { draft in
            ImportedSchema.File(path: draft.name + ".yaml", contents: draft.yaml, table: draft.table, notes: draft.notes, mapped: draft.mapped)
        }
        if let enums = sharedEnumsFile(catalog) { files.append(enums) }
        // The import must be something schemagen accepts: checked here, before anything is written.
        do {
            _ = try Pipeline.resolve(files.map { SchemaSource(path: $0.path, contents: $0.contents) })
        } catch {
            throw ImportFailure.invalidResult(error.description)
        }
        return ImportedSchema(files: files)
    }
}

extension CatalogMapper {
    /// The shared enum of a PostgreSQL enum type: `ticket_status` → `TicketStatus`, which
    /// `storage: enum` names `ticket_status` again.
    static func sharedEnumName(_ typeName: String) -> String {
        Naming.typeName(typeName)
    }

    /// `enums.yaml`: a shared enum for each enum type the tables' columns use (PostgreSQL),
    /// which their fields name with `enum:` and `storage: enum`. Nil when there is none.
    static func sharedEnumsFile(_ catalog: DatabaseCatalog) -> ImportedSchema.File? {
        let used = Set(catalog.tables.flatMap { $0.columns.map { $0.type.replacingOccurrences(of: "\"", with: "") } })
        let types = catalog.enumTypes.filter { used.contains($0.name) }.sorted { $0.name < $1.name }
        guard !types.isEmpty else { return nil }
        var lines = ["# Imported by schemagen import: the database's enum types (CREATE TYPE … AS ENUM).", "enums:"]
        for type in types {
            lines.append("  \(sharedEnumName(type.name)): \(YAMLValue.list(type.labels.map(YAMLValue.string)).text)")
        }
        return ImportedSchema.File(path: "enums.yaml", contents: lines.joined(separator: "\n") + "\n", table: "enum types", notes: [],
                                   mapped: types.map { "type \($0.name) → enum \(sharedEnumName($0.name))" })
    }
}

private struct JoinTableMatch {
    var table: DatabaseCatalog.Table
    var ownerTable: String
    var ownerColumn: String
    var targetTable: String
    var targetColumn: String
    var fieldName: String
    /// The nested object the reference is in (`visual_design`), when the names say so.
    var objectPrefix: String?
}

private struct Mapper {
    let catalog: DatabaseCatalog
    var isPostgres: Bool { catalog.engine == .postgres }

    init(catalog: DatabaseCatalog) {
        self.catalog = catalog
    }

    func run() throws -> [CollectionDraft] {
        let joins = catalog.tables.compactMap(joinTable)
        let joinNames = Set(joins.map(\.table.name))
        var drafts: [CollectionDraft] = []
        for table in catalog.tables where !joinNames.contains(table.name) {
            drafts.append(try collection(table, joins: joins.filter { $0.ownerTable == table.name }))
        }
        return drafts
    }

    // MARK: Names

    func collectionName(_ table: String) -> String { Naming.memberName(table) }

    /// The column of a table's key when schemagen can key the collection by it: a primary key of
    /// one column, `id` or any other name (`album_id`, which becomes `id: { …, column: album_id }`)
    /// unless another column is named `id`. Nil otherwise.
    func keyColumn(_ table: DatabaseCatalog.Table) -> String? {
        guard let key = table.primaryKey, key.columns.count == 1, let name = key.columns.first else { return nil }
        if name != "id", table.column(named: "id") != nil { return nil }
        return name
    }

    /// What `id:` says of a table keyed by one column (`keyColumn`): `uuid`, `int32` (PostgreSQL's
    /// integer and smallint; on SQLite an INTEGER held to the 32-bit range by a CHECK), `int64`
    /// (other integer columns) or `string` (text, with `maxLength` for varchar(n)); nil when the
    /// table has no such key, or one of a type schemagen has no key for.
    func keyType(_ table: DatabaseCatalog.Table) -> String? {
        guard let name = keyColumn(table), let column = table.column(named: name) else { return nil }
        if isUUIDKey(table) { return "uuid" }
        let type = column.type.lowercased()
        if isPostgres, ["integer", "smallint", "int4", "int2"].contains(type) { return "int32" }
        if !isPostgres, type == "integer", let facts = CheckReading(table).facts[name],
           facts.min == Double(Int32.min), facts.max == Double(Int32.max) { return "int32" }
        if ["bigint", "integer", "smallint", "int", "int2", "int4", "int8"].contains(type) { return "int64" }
        if type == "text" { return "string" }
        if let open = type.firstIndex(of: "("), ["character varying", "varchar", "nvarchar"].contains(type[..<open].trimmingCharacters(in: .whitespaces)),
           let length = Int(type[type.index(after: open)...].dropLast()) {
            return "{ type: string, maxLength: \(length) }"
        }
        return nil
    }

    /// `id:` for a key of `type` in `column`: `int64`, or the mapping form when it has a
    /// length or a column other than `id` (`{ type: int64, column: album_id }`).
    static func keySpelling(_ type: String, maxLength: Int?, column: String, generated: Bool = false) -> String {
        var parts: [String] = []
        if let maxLength { parts.append("maxLength: \(maxLength)") }
        if generated { parts.append("generated: true") }
        if column != "id" { parts.append("column: \(column)") }
        return parts.isEmpty ? type : "{ type: \(type), " + parts.joined(separator: ", ") + " }"
    }

    func isUUIDKey(_ table: DatabaseCatalog.Table) -> Bool {
        guard let name = keyColumn(table), let column = table.column(named: name) else { return false }
        if isPostgres { return column.type == "uuid" }
        return column.type.uppercased() == "TEXT" && CheckReading(table).facts[name]?.isUUIDText == true
    }

    // MARK: Join tables

    /// A table that only links two tables: a primary key over two foreign keys, and at most a
    /// `position` besides.
    func joinTable(_ table: DatabaseCatalog.Table) -> JoinTableMatch? {
        guard let key = table.primaryKey, key.columns.count == 2,
              Set(table.columns.map(\.name)).subtracting(key.columns).isSubset(of: ["position"]) else { return nil }
        // Each side points at its table's whole primary key (a UUID id, or a key the import
        // replaces by one).
        let keys = key.columns.compactMap { column in
            table.foreignKeys.first { foreignKey in
                foreignKey.columns == [column] && foreignKey.foreignTable.flatMap(catalog.table(named:))?.primaryKey?.columns == foreignKey.foreignColumns
            }
        }
        guard keys.count == 2, keys.allSatisfy({ key in
            guard let target = key.foreignTable, target != table.name, let targetTable = catalog.table(named: target) else { return false }
            return keyType(targetTable) != nil || (targetTable.column(named: "id") == nil && keyColumn(targetTable) == nil)
        }) else { return nil }
        // The owner is the table the join table's name starts with (`projects_collaborators`).
        for (owner, target) in [(keys[0], keys[1]), (keys[1], keys[0])] {
            guard let ownerTable = owner.foreignTable, let targetTable = target.foreignTable,
                  table.name.hasPrefix(ownerTable + "_"), table.name.count > ownerTable.count + 1 else { continue }
            let rest = String(table.name.dropFirst(ownerTable.count + 1))
            // A to-many reference inside a nested object: `characters_visual_design_reference_images`
            // with `reference_image_id` is `visualDesign.referenceImages`.
            let words = rest.split(separator: "_").map(String.init)
            var objectPrefix: String?
            var fieldName = Naming.memberName(rest)
            for start in words.indices.dropFirst() {
                let candidate = Naming.memberName(words[start...].joined(separator: "_"))
                if Naming.snakeCase(Naming.singular(candidate)) + "_id" == target.columns[0] {
                    objectPrefix = words[..<start].joined(separator: "_")
                    fieldName = candidate
                    break
                }
            }
            return JoinTableMatch(table: table, ownerTable: ownerTable, ownerColumn: owner.columns[0], targetTable: targetTable,
                                  targetColumn: target.columns[0], fieldName: fieldName, objectPrefix: objectPrefix)
        }
        return nil
    }

    // MARK: Collections

    func collection(_ table: DatabaseCatalog.Table, joins: [JoinTableMatch]) throws -> CollectionDraft {
        var draft = CollectionDraft(table: table.name, name: collectionName(table.name))
        draft.description = table.comment
        if Naming.snakeCase(draft.name) != table.name {
            draft.notes.append("The table is named \(table.name); schemagen names it \(Naming.snakeCase(draft.name)) (snake_case of the collection name).")
        }
        let defaultModel = Naming.typeName(Naming.singular(draft.name))
        if Naming.reservedTypeNames.contains(defaultModel) {
            draft.model = defaultModel + "Record"
            draft.notes.append("The model is named \(defaultModel)Record: \(defaultModel) would hide Swift's own type.")
        }
        let checks = CheckReading(table)
        let ownKey = keyType(table)
        // The table's own key, column id or another name: a UUID, integer or text key.
        let hasOwnKey = ownKey != nil
        let keyName = hasOwnKey ? keyColumn(table) ?? "id" : "id"
        if ownKey == nil {
            if table.column(named: "id") != nil {
                throw ImportFailure.unmappableTable(table: table.name, reason: "its column 'id' is not a primary key of a type schemagen keys by (a UUID, an integer or text), and schemagen's primary key is the column id (rename the column first)")
            }
            let key = table.primaryKey.map { "primary key (\($0.columns.joined(separator: ", ")))" } ?? "no primary key"
            draft.notes.append("The table has \(key); schemagen keys every collection by its column id, so the import adds a UUID one and keeps the old key as required unique fields.")
        } else if ownKey != "uuid", let column = table.column(named: keyName) {
            // A text key's length, from its CHECK (what schemagen writes for `maxLength`).
            // varchar(n) says its length in the type (`{ type: string, maxLength: n }`), text in a CHECK.
            let varcharLength = ownKey!.hasPrefix("{") ? Int(ownKey!.filter(\.isNumber)) : nil
            let checkedLength = ownKey == "string" ? checks.facts[keyName]?.maxLength.flatMap { $0 == 255 ? nil : $0 } : nil
            // An identity or serial integer key: the database makes the keys (`generated: true`).
            // SQLite's INTEGER PRIMARY KEY numbers rows too, but every such key does, whether the
            // application gives it or not: it stays a key the caller gives.
            let serial = column.defaultExpression?.lowercased().hasPrefix("nextval(") == true
            let generated = isPostgres && ["int64", "int32"].contains(ownKey!) && (column.identity != nil || serial)
            draft.idStrategy = Self.keySpelling(varcharLength == nil ? ownKey! : "string", maxLength: varcharLength ?? checkedLength, column: keyName,
                                                generated: generated)
            if generated, column.identity == "a" {
                draft.notes.append("Column \(keyName) is GENERATED ALWAYS AS IDENTITY; schemagen's generated key is BY DEFAULT (a caller, fixtures and seeds may give a key).")
            } else if generated, serial {
                draft.notes.append("Column \(keyName) is serial (default \(column.defaultExpression ?? "")); schemagen's generated key is an identity column (GENERATED BY DEFAULT AS IDENTITY).")
            } else if !generated, column.identity != nil || column.defaultExpression != nil {
                draft.notes.append("Column \(keyName) is made by the database (\(column.identity != nil ? "an identity column" : "default " + (column.defaultExpression ?? ""))); schemagen's text keys are given by the caller, so the default is not re-created.")
            }
            if isPostgres, ["smallint", "int2"].contains(column.type.lowercased()) {
                draft.notes.append("Column \(keyName) is \(column.type); schemagen's narrowest integer key is int32 (integer).")
            }
            if ownKey == "string", checks.facts[keyName]?.maxLength == nil {
                draft.notes.append("Column \(keyName) is text without a length; schemagen's text key holds 1 to 255 characters unless 'maxLength' says more.")
            }
        } else if isPostgres {
            let strategy = table.column(named: keyName)?.defaultExpression == nil ? "uuidv7" : "uuid"
            draft.idStrategy = keyName == "id" ? (strategy == "uuidv7" ? strategy : nil) : Self.keySpelling(strategy, maxLength: nil, column: keyName)
        } else if keyName != "id" {
            draft.idStrategy = Self.keySpelling("uuid", maxLength: nil, column: keyName)
        }
        guard table.columns.contains(where: { $0.name != keyName }) else {
            throw ImportFailure.unmappableTable(table: table.name, reason: "it has no columns besides its key, and a schemagen collection needs at least one field")
        }

        // Timestamps and soft delete, when the columns are what schemagen would make.
        let timeColumns = Set(table.columns.filter { isDatetime($0, facts: checks.facts[$0.name]) }.map(\.name))
        let created = table.column(named: "created_at"), updated = table.column(named: "updated_at")
        if let created, let updated, timeColumns.isSuperset(of: ["created_at", "updated_at"]), !created.isNullable, !updated.isNullable,
           isNow(created.defaultExpression), isNow(updated.defaultExpression) {
            draft.timestamps = true
        } else {
            draft.timestamps = false
        }
        if let deleted = table.column(named: "deleted_at"), timeColumns.contains("deleted_at"), deleted.isNullable, deleted.defaultExpression == nil {
            draft.softDelete = true
        }
        var skipped: Set<String> = hasOwnKey ? [keyName] : []
        if draft.timestamps { skipped.formUnion(["created_at", "updated_at"]) }
        if draft.softDelete { skipped.insert("deleted_at") }

        let immutable = immutableColumns(table)
        var fieldNames: [String: String] = [:]  // column → field name
        var usedNames: Set<String> = ["id", "createdAt", "updatedAt", "deletedAt"]
        for column in table.columns where !skipped.contains(column.name) {
            let foreignKey = table.foreignKeys.first { $0.columns == [column.name] }
            var name = Naming.memberName(column.name)
            if foreignKey != nil, column.name.hasSuffix("_id"), column.name.count > 3 {
                let shorter = Naming.memberName(String(column.name.dropLast(3)))
                if !table.columns.contains(where: { Naming.memberName($0.name) == shorter }) { name = shorter }
            }
            while usedNames.contains(name) { name += "Value" }
            usedNames.insert(name)
            fieldNames[column.name] = name
        }

        for column in table.columns where !skipped.contains(column.name) {
            guard let fieldName = fieldNames[column.name] else { continue }
            if var field = self.field(column, name: fieldName, table: table, facts: checks.facts[column.name] ?? ColumnFacts(),
                                      fieldNames: fieldNames, notes: &draft.notes) {
                if Naming.snakeCase(fieldName) != column.name { field.set("column", .string(column.name)) }
                if immutable.contains(column.name) {
                    if case .string("setNull")? = field.value("onDelete") {
                        draft.notes.append("Column \(column.name) refuses updates, but its foreign key sets it to null: not marked immutable.")
                    } else {
                        field.set("immutable", .plain("true"))
                    }
                }
                if !hasOwnKey, let key = table.primaryKey, key.columns.contains(column.name) {
                    field.set("required", .plain("true"))
                    if key.columns.count == 1 { field.set("unique", .plain("true")) }
                }
                if let comment = column.comment { field.set("description", .string(comment)) }
                // A nested enum named as a reserved type or as a shared enum of the enums file
                // (which it would hide) takes the collection's name before its own.
                let sharedEnums = Set(catalog.enumTypes.map { CatalogMapper.sharedEnumName($0.name) })
                if field.value("type") == .string("enum"), field.value("enum") == nil,
                   Naming.reservedTypeNames.contains(Naming.typeName(fieldName)) || sharedEnums.contains(Naming.typeName(fieldName)) {
                    field.set("model", .string(Naming.typeName(Naming.singular(draft.name)) + Naming.typeName(fieldName)))
                }
                draft.mapped.append("\(column.name) → \(fieldName): \(summary(field))")
                draft.fields.append(field)
            }
        }
        if !hasOwnKey, let key = table.primaryKey, key.columns.count > 1 {
            let fields = key.columns.compactMap { fieldNames[$0] }
            draft.indexes.append(IndexDraft(entries: [("fields", .list(fields.map(YAMLValue.string))), ("unique", .plain("true"))]))
            draft.mapped.append("primary key (\(key.columns.joined(separator: ", "))) → unique index")
        }

        // To-many references from join tables; those inside nested objects are kept by prefix.
        var nested: [String: [FieldDraft]] = [:]
        for join in joins {
            var name = join.fieldName
            while usedNames.contains(name) { name += "Links" }
            usedNames.insert(name)
            var field = FieldDraft(name: name, entries: [("type", .string("refs")), ("to", .string(collectionName(join.targetTable)))])
            let joinChecks = CheckReading(join.table)
            if let max = joinChecks.facts["position"]?.max { field.set("maxItems", .number(max + 1)) }
            for (constraint, reason) in joinChecks.unmapped {
                draft.notes.append("Join table \(join.table.name): CHECK \(constraint.displayName) (\(constraint.expression ?? "")) not mapped: \(reason).")
            }
            let ownerCollection = collectionName(join.ownerTable)
            let expectedOwner = Naming.snakeCase(Naming.singular(ownerCollection)) + "_id"
            var expectedTarget = Naming.snakeCase(Naming.singular(name)) + "_id"
            if expectedTarget == expectedOwner { expectedTarget = "linked_" + expectedTarget }
            let expectedName = Naming.snakeCase(draft.name) + "_" + (join.objectPrefix.map { $0 + "_" } ?? "") + Naming.snakeCase(name)
            if join.ownerColumn != expectedOwner || join.targetColumn != expectedTarget || join.table.column(named: "position") == nil
                || join.table.name != expectedName {
                draft.notes.append("Join table \(join.table.name) (\(join.ownerColumn), \(join.targetColumn)) becomes the to-many reference \(name); schemagen's join table is \(expectedName) (\(expectedOwner), \(expectedTarget), position), which keeps the links' order.")
            }
            let fieldPath = join.objectPrefix.map { Naming.memberName($0) + "." + name } ?? name
            draft.mapped.append("join table \(join.table.name) → \(fieldPath): refs to \(collectionName(join.targetTable))")
            if let prefix = join.objectPrefix {
                nested[prefix, default: []].append(field)
            } else {
                draft.fields.append(field)
            }
            for index in join.table.indexes {
                let keys = index.keys.map(\.column)
                if keys == [join.ownerColumn], index.predicate == nil {
                    draft.notes.append("Index \(index.name) on join table \(join.table.name) (\(join.ownerColumn)) is left out: the join table's primary key (\(join.ownerColumn), \(join.targetColumn)) serves the same lookups.")
                    continue
                }
                if keys == [join.targetColumn] || keys == [join.targetColumn, join.ownerColumn], index.predicate == nil, !index.isUnique {
                    if keys.count == 1 {
                        draft.notes.append("Index \(index.name) on join table \(join.table.name) (\(join.targetColumn)) becomes the index on \(fieldPath), over (\(join.targetColumn), \(join.ownerColumn)): it serves the same lookups.")
                    }
                    var entries: [(key: String, value: YAMLValue)] = [("fields", .list([.string(fieldPath)]))]
                    let derived = Naming.sqlName("\(table.name)_\(Naming.snakeCase(fieldPath))_idx")
                    if index.name != derived, isWritableName(index.name) { entries.append(("name", .string(index.name))) }
                    draft.indexes.append(IndexDraft(entries: entries))
                    draft.mapped.append("index \(index.name) → index on \(fieldPath)")
                } else {
                    draft.notes.append("Index \(index.name) on join table \(join.table.name) not mapped: only an index over (\(join.targetColumn), \(join.ownerColumn)) has a schema spelling.")
                }
            }
        }

        // Checks that were not mapped.
        for (constraint, reason) in checks.unmapped {
            draft.notes.append("CHECK \(constraint.displayName) (\(constraint.expression ?? "")) not mapped: \(reason).")
        }
        for constraint in table.constraints where constraint.kind == .exclusion {
            draft.notes.append("Exclusion constraint \(constraint.displayName) not mapped: schemagen has no exclusion constraints.")
        }
        mapIndexes(table, fieldNames: fieldNames, draft: &draft)
        groupObjects(table, presence: checks.presence, nested: nested, draft: &draft)
        useReferenceColumnConvention(&draft)
        for trigger in catalog.triggers where trigger.table == table.name && !isSchemagenTrigger(trigger.name, table: table.name) {
            draft.notes.append("Trigger \(trigger.name) not imported: schemagen has no triggers of your own; keep its logic in the application or a migration.")
        }
        if table.rowLevelSecurity || !table.policies.isEmpty {
            draft.notes.append("Row-level security policies (\(table.policies.map(\.name).sorted().joined(separator: ", "))) are not imported: write the collection's access rules by hand.")
        }
        return draft
    }

    /// Optional nested objects, which schemagen stores as prefixed columns: a presence check
    /// `<table>_<prefix>_check` (`(a IS NULL) = (b IS NULL)`: the object's required fields come
    /// together) makes the prefixed fields one optional object again, and a to-many reference
    /// whose join table names a prefix goes inside it. Indexes follow their fields.
    func groupObjects(_ table: DatabaseCatalog.Table, presence: [(name: String?, columns: [String])], nested: [String: [FieldDraft]],
                      draft: inout CollectionDraft) {
        var groups: [(prefix: String, required: Set<String>)] = []
        for check in presence {
            guard let name = check.name, name.hasPrefix(table.name + "_"), name.hasSuffix("_check") else { continue }
            let prefix = String(name.dropFirst(table.name.count + 1).dropLast("_check".count))
            if !prefix.isEmpty { groups.append((prefix, Set(check.columns))) }
        }
        for prefix in nested.keys.sorted() where !groups.contains(where: { $0.prefix == prefix }) { groups.append((prefix, [])) }
        var renamed: [String: String] = [:]
        for group in groups.sorted(by: { $0.prefix < $1.prefix }) {
            let objectName = Naming.memberName(group.prefix)
            guard Naming.snakeCase(objectName) == group.prefix, !draft.fields.contains(where: { $0.name == objectName }) else {
                draft.notes.append("Columns \(group.prefix)_… stay separate fields: \(objectName) can't name their object.")
                continue
            }
            var inner: [FieldDraft] = []
            var firstPosition: Int?
            for (position, field) in draft.fields.enumerated() {
                guard let column = field.column, column.hasPrefix(group.prefix + "_") else { continue }
                let rest = String(column.dropFirst(group.prefix.count + 1))
                let innerName = Naming.memberName(rest)
                guard Naming.snakeCase(innerName) == rest, field.value("type") != .string("refs") else { continue }
                var member = field
                member.name = innerName
                member.entries.removeAll { $0.key == "column" }
                if group.required.contains(column) { member.set("required", .plain("true")) }
                inner.append(member)
                renamed[field.name] = objectName + "." + innerName
                firstPosition = firstPosition ?? position
            }
            inner += nested[group.prefix] ?? []
            guard group.required.isSubset(of: Set(inner.compactMap(\.column))) || group.required.isEmpty, !inner.isEmpty else {
                draft.notes.append("CHECK \(table.name)_\(group.prefix)_check not mapped: its columns are not the fields of one object.")
                continue
            }
            let members = Set(inner.compactMap(\.column))
            draft.fields.removeAll { $0.column.map(members.contains) ?? false }
            var object = FieldDraft(name: objectName, entries: [("type", .string("object")),
                                                                 ("fields", .map(inner.map { ($0.name, YAMLValue.map($0.entries)) }))])
            // Without a presence check the object is required: its columns keep their NOT NULL and defaults.
            if group.required.isEmpty { object.set("required", .plain("true")) }
            if Naming.reservedTypeNames.contains(Naming.typeName(objectName)) {
                object.set("model", .string(Naming.typeName(Naming.singular(draft.name)) + Naming.typeName(objectName)))
            }
            draft.fields.insert(object, at: min(firstPosition ?? draft.fields.count, draft.fields.count))
            draft.mapped.append("columns \(group.prefix)_… → object \(objectName)\(group.required.isEmpty ? "" : " (optional; \(table.name)_\(group.prefix)_check)")")
        }
        // Indexes name fields by their path.
        func path(_ value: YAMLValue) -> YAMLValue {
            guard case .string(let text) = value else { return value }
            let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
            guard let new = renamed[parts[0]] else { return value }
            return .string(([new] + parts.dropFirst()).joined(separator: " "))
        }
        for index in draft.indexes.indices {
            draft.indexes[index].entries = draft.indexes[index].entries.map { key, value in
                switch (key, value) {
                case ("fields", .list(let items)): return (key, .list(items.map(path)))
                case ("where", .map(let pairs)): return (key, .map(pairs.map { (renamed[$0.key] ?? $0.key, $0.value) }))
                default: return (key, value)
                }
            }
        }
    }

    /// `referenceColumns: idSuffix` when every reference's column is its name with `_id`
    /// (`artist` in `artist_id`), so that no reference needs its own `column:`.
    func useReferenceColumnConvention(_ draft: inout CollectionDraft) {
        func isReference(_ entries: [(key: String, value: YAMLValue)]) -> Bool {
            entries.contains { $0.key == "type" && $0.value == .string("ref") }
        }
        func hasNestedReference(_ value: YAMLValue) -> Bool {
            guard case .map(let pairs) = value else { return false }
            return pairs.contains { pair in
                if case .map(let entries) = pair.value, isReference(entries) { return true }
                return hasNestedReference(pair.value)
            }
        }
        let references = draft.fields.indices.filter { isReference(draft.fields[$0].entries) }
        guard !references.isEmpty, !draft.fields.contains(where: { $0.value("fields").map(hasNestedReference) ?? false }),
              references.allSatisfy({ draft.fields[$0].value("column") == .string(Naming.snakeCase(draft.fields[$0].name) + "_id") })
        else { return }
        draft.referenceColumns = "idSuffix"
        for index in references { draft.fields[index].entries.removeAll { $0.key == "column" } }
    }

    /// The triggers schemagen's own DDL makes: text-search sync and expiry (SQLite), immutable
    /// columns and field write rules.
    func isSchemagenTrigger(_ name: String, table: String) -> Bool {
        if name == Naming.sqlName(table + "_keep_immutable") || name == Naming.sqlName(table + "_check_field_rules") { return true }
        if name.hasSuffix("_immutable") && name.hasPrefix(table + "_") { return true }
        if name.hasSuffix("_expire") { return true }
        return catalog.virtualTables.contains { virtual in ["insert", "delete", "update"].contains { name == Naming.sqlName("\(virtual.name)_\($0)") } }
    }

    func isNow(_ expression: String?) -> Bool {
        guard let expression, let parsed = SQLExpression.parse(expression) else { return false }
        switch parsed.uncast {
        case .function("now", []), .function("current_timestamp", []), .function("statement_timestamp", []),
             .function("transaction_timestamp", []):
            return true
        case .function("strftime", let arguments):
            return arguments.count == 2 && arguments[1].stringValue == "now"
        default:
            return false
        }
    }

    func isDatetime(_ column: DatabaseCatalog.Column, facts: ColumnFacts?) -> Bool {
        isPostgres ? column.type == "timestamp with time zone" : column.type.uppercased() == "TEXT" && facts?.isDatetimeText == true
    }

    /// Columns whose updates a trigger refuses: schemagen's `<table>_<column>_immutable` (SQLite),
    /// or the columns `<table>_keep_immutable()` compares (PostgreSQL).
    func immutableColumns(_ table: DatabaseCatalog.Table) -> Set<String> {
        if isPostgres {
            guard let function = catalog.functions.first(where: { $0.name == Naming.sqlName(table.name + "_keep_immutable") }) else { return [] }
            return Set(table.columns.map(\.name).filter { column in
                let quoted = Naming.sqlQuoted(column)
                return function.body.contains("NEW.\(quoted) IS DISTINCT FROM OLD.\(quoted)")
            })
        }
        return Set(table.columns.map(\.name).filter { column in
            catalog.triggers.contains { $0.table == table.name && $0.name == Naming.sqlName("\(table.name)_\(column)_immutable") }
        })
    }

    // MARK: Fields

    func summary(_ field: FieldDraft) -> String {
        field.entries.filter { $0.key != "description" }.map { "\($0.key) \($0.value.text)" }.joined(separator: ", ")
    }

    func field(_ column: DatabaseCatalog.Column, name: String, table: DatabaseCatalog.Table, facts: ColumnFacts,
               fieldNames: [String: String], notes: inout [String]) -> FieldDraft? {
        var field = FieldDraft(name: name, entries: [], column: column.name)
        let type = column.type.lowercased()
        let label = "Column \(column.name) (\(column.type))"

        // A reference: a foreign key over this column alone.
        if let key = table.foreignKeys.first(where: { $0.columns == [column.name] }) {
            guard let target = key.foreignTable, let targetTable = catalog.table(named: target) else {
                notes.append("\(label): its foreign key \(key.displayName) points outside the imported tables; kept as a plain column.")
                return plainField(column, type: type, facts: facts, label: label, notes: &notes).map { var f = $0; f.name = name; return f }
            }
            field.entries = [("type", .string("ref")), ("to", .string(collectionName(target)))]
            if !column.isNullable { field.set("required", .plain("true")) }
            let rule: String
            switch key.onDelete?.uppercased() ?? "NO ACTION" {
            case "CASCADE": rule = "cascade"
            case "SET NULL": rule = "setNull"
            case "RESTRICT": rule = "restrict"
            case "NO ACTION": rule = "noAction"
            default:
                rule = "restrict"
                notes.append("Foreign key \(key.displayName) is ON DELETE \(key.onDelete ?? "SET DEFAULT"); schemagen's nearest is restrict (the column keeps no default to fall back to).")
            }
            if rule == "setNull" && !column.isNullable {
                notes.append("Foreign key \(key.displayName) sets a NOT NULL column to null on delete; mapped as restrict.")
            } else if rule != (column.isNullable ? "setNull" : "restrict") {
                field.set("onDelete", .string(rule))
            }
            if keyType(targetTable) == nil || key.foreignColumns != [keyColumn(targetTable) ?? "id"] {
                notes.append("Foreign key \(key.displayName) references \(target) (\(key.foreignColumns.joined(separator: ", "))); a schemagen reference points at the target's UUID id, so \(column.name) becomes a UUID column.")
            }
            if let onUpdate = key.onUpdate?.uppercased(), !["NO ACTION", "RESTRICT"].contains(onUpdate) {
                notes.append("Foreign key \(key.displayName): ON UPDATE \(onUpdate) not mapped (schemagen keys never change).")
            }
            // `within`: a composite foreign key (this, scope) → (target's key column, scope) beside the plain one.
            var within: DatabaseCatalog.Constraint?
            if let scope = table.foreignKeys.first(where: { $0.columns.count == 2 && $0.columns[0] == column.name && $0.foreignTable == target
                    && $0.foreignColumns.first == (keyColumn(targetTable) ?? "id") }), let scopeField = fieldNames[scope.columns[1]] {
                field.set("within", .string(scopeField))
                within = scope
            }
            notes += unmappedCompositeKeys(from: column, of: table, except: within)
            return field
        }
        notes += unmappedCompositeKeys(from: column, of: table, except: nil)
        guard var plain = plainField(column, type: type, facts: facts, label: label, notes: &notes) else { return nil }
        plain.name = name
        return plain
    }

    /// Notes for the foreign keys over several columns that start at `column`, other than the one
    /// mapped to `within`: a schemagen reference is one column (and its `within` scope).
    func unmappedCompositeKeys(from column: DatabaseCatalog.Column, of table: DatabaseCatalog.Table,
                               except within: DatabaseCatalog.Constraint?) -> [String] {
        table.foreignKeys.filter { $0.columns.count > 1 && $0.columns.first == column.name && $0 != within }.map { key in
            "Foreign key \(key.displayName) over (\(key.columns.joined(separator: ", "))) not mapped: schemagen references are one column (or a `within` scope)."
        }
    }

    /// A column that is not a reference.
    func plainField(_ column: DatabaseCatalog.Column, type: String, facts: ColumnFacts, label: String,
                    notes: inout [String]) -> FieldDraft? {
        var entries: [(key: String, value: YAMLValue)] = []
        var kind: String
        var note: String?
        if isPostgres {
            let base = type.replacingOccurrences(of: #"\(.*\)"#, with: "", options: .regularExpression)
            switch base {
            case "uuid": kind = "uuid"
            case "text": kind = "string"
            case "character varying":
                kind = "string"
                if let size = Self.typeSize(type) {
                    var facts = facts
                    facts.maxLength = min(facts.maxLength ?? size, size)
                    return finish(column, kind: "string", facts: facts, entries: [("storage", .string("varchar"))], note: nil, notes: &notes)
                }
            case "character", "bpchar":
                kind = "string"
                note = "\(label) becomes text (fixed-width strings are not in the language)."
            case "bigint": kind = "int"
            case "integer": kind = "int32"
            case "smallint": kind = "int16"
            case "double precision": kind = "double"
            case "real":
                kind = "double"
                note = "\(label) becomes double precision."
            case "numeric", "decimal":
                guard let (precision, scale) = Self.typePrecision(type), precision <= 38 else {
                    kind = "double"
                    note = "\(label) becomes double precision: a decimal needs a precision of at most 38 digits (numeric(p, s)), and a double rounds decimal fractions."
                    break
                }
                return finish(column, kind: "decimal", facts: facts,
                              entries: [("precision", .plain(String(precision))), ("scale", .plain(String(scale)))], note: nil, notes: &notes)
            case "money":
                kind = "double"
                note = "\(label) becomes double precision: money has no schemagen type, and a double rounds decimal fractions."
            case "boolean": kind = "bool"
            case "timestamp with time zone": kind = "datetime"
            case "timestamp without time zone": kind = "timestamp"
            case "date": kind = "date"
            case "bytea": kind = "bytes"
            case "jsonb": kind = facts.isJSONArray ? "array" : "json"
            case "json":
                kind = "json"
                note = "\(label) becomes jsonb."
            case "real[]" where facts.vectorDimensions != nil: kind = "vector"
            default:
                if let enumType = catalog.enumTypes.first(where: { $0.name == type || "\"\($0.name)\"" == type }) {
                    // A shared enum of the enums file, whose snake-cased name is the type's.
                    var facts = facts
                    facts.enumValues = nil
                    let name = CatalogMapper.sharedEnumName(enumType.name)
                    let renamed = Naming.snakeCase(name) != enumType.name
                    return finish(column, kind: "enum", facts: facts, entries: [("enum", .string(name)), ("storage", .string("enum"))],
                                  note: renamed ? "\(label): the native enum type \(enumType.name) becomes \(Naming.snakeCase(name)) (enum \(name))." : nil,
                                  notes: &notes)
                }
                if let item = CatalogMapper.nativeArrayItem(type) {
                    // A native array of scalars: a list with `storage: array`; its default, the
                    // array's text, as the list's JSON.
                    var column = column
                    column.defaultExpression = column.defaultExpression.flatMap { CatalogMapper.nativeArrayDefault($0, item: item) }
                        ?? column.defaultExpression
                    return finish(column, kind: "array", facts: facts,
                                  entries: [("items", Self.listItems(item, facts: facts)), ("storage", .string("array"))],
                                  note: nil, notes: &notes)
                }
                if type.hasSuffix("[]") {
                    let element = String(type.dropLast(2))
                    let item = ["text", "character varying"].contains(where: element.hasPrefix) ? "string"
                        : ["bigint", "integer", "smallint"].contains(element) ? "int" : ["double precision", "real", "numeric"].contains(where: element.hasPrefix) ? "double" : element == "boolean" ? "bool" : nil
                    if let item {
                        entries.append(("items", .string(item)))
                        return finish(column, kind: "array", facts: facts, entries: entries,
                                      note: "\(label) becomes a jsonb array (a native array holds strings, integers, uuids or bools).", notes: &notes)
                    }
                }
                notes.append("\(label) left out: schemagen has no type for \(column.type).")
                return nil
            }
        } else {
            let declared = column.type.uppercased()
            switch declared {
            case "TEXT":
                if let (precision, scale) = facts.decimalDigits {
                    return finish(column, kind: "decimal", facts: facts,
                                  entries: [("precision", .plain(String(precision))), ("scale", .plain(String(scale)))], note: nil, notes: &notes)
                }
                kind = facts.isUUIDText ? "uuid" : facts.isDatetimeText ? "datetime" : facts.isTimestampText ? "timestamp"
                    : facts.isDateText ? "date" : facts.isJSONArray ? "array" : facts.isJSON ? "json" : "string"
            case "INTEGER":
                // The whole range of a sized integer is how SQLite spells int16 and int32.
                if facts.min == -32768 && facts.max == 32767 { return sizedInteger(column, "int16", facts, notes: &notes) }
                if facts.min == -2147483648 && facts.max == 2147483647 { return sizedInteger(column, "int32", facts, notes: &notes) }
                kind = facts.isBoolean ? "bool" : "int"
            case "REAL": kind = "double"
            case "BLOB":
                guard let length = facts.blobLength, length % 4 == 0 else {
                    return finish(column, kind: "bytes", facts: facts, entries: [], note: nil, notes: &notes)
                }
                var facts = facts
                facts.vectorDimensions = length / 4
                return finish(column, kind: "vector", facts: facts, entries: [], note: nil, notes: &notes)
            default:
                // SQLite's type affinity rules, with the common names' intent.
                if declared.contains("BOOL") { kind = "bool"; note = "\(label) becomes INTEGER 0 or 1." }
                else if declared.contains("INT") { kind = facts.isBoolean ? "bool" : "int"; note = "\(label) becomes INTEGER." }
                else if declared.contains("DATE") || declared.contains("TIME") {
                    kind = "datetime"
                    note = "\(label) becomes TEXT holding UTC times such as 2026-01-31T12:00:00.000Z (checked); existing values must be in that form."
                } else if declared.contains("CHAR") || declared.contains("CLOB") || declared.contains("TEXT") {
                    kind = "string"
                    if let size = Self.typeSize(declared) {
                        var facts = facts
                        facts.maxLength = min(facts.maxLength ?? size, size)
                        return finish(column, kind: "string", facts: facts, entries: [],
                                      note: "\(label) becomes TEXT with a length check of \(size) (SQLite does not enforce the declared size; schemagen will).", notes: &notes)
                    }
                    note = "\(label) becomes TEXT."
                } else if declared.contains("REAL") || declared.contains("FLOA") || declared.contains("DOUB") { kind = "double"; note = "\(label) becomes REAL." }
                else if declared.contains("NUMERIC") || declared.contains("DECIMAL") {
                    kind = "double"
                    note = "\(label) becomes REAL: decimal is not in the language yet, and a double rounds decimal fractions."
                } else {
                    notes.append("\(label) left out: schemagen has no type for \(column.type.isEmpty ? "a column without a type" : column.type).")
                    return nil
                }
            }
        }
        if kind == "array" { entries.append(("items", Self.listItems("json", facts: facts))) }
        return finish(column, kind: kind, facts: facts, entries: entries, note: note, notes: &notes)
    }

    /// A list's items: an enum's values where a containment CHECK holds the items to them
    /// (`x <@ ARRAY['a', 'b']::text[]`, `x <@ '["a","b"]'::jsonb`), else `item`.
    static func listItems(_ item: String, facts: ColumnFacts) -> YAMLValue {
        guard ["string", "json"].contains(item), let values = facts.itemEnumValues else { return .string(item) }
        return .map([("type", .string("enum")), ("values", .list(values.map(YAMLValue.string)))])
    }

    /// The type refined by the checks (enum, email, url), then constraints and the default.
    func finish(_ column: DatabaseCatalog.Column, kind rawKind: String, facts: ColumnFacts, entries extra: [(key: String, value: YAMLValue)],
                note: String?, notes: inout [String]) -> FieldDraft {
        if let note { notes.append(note) }
        var kind = rawKind
        if kind == "string" {
            if facts.enumValues != nil { kind = "enum" } else if facts.isEmail { kind = "email" } else if facts.isURL { kind = "url" }
        }
        var field = FieldDraft(name: column.name, entries: [("type", .string(kind))], column: column.name)
        // An enum's column is text: a varchar(n) checked to a list of values loses its (n).
        for entry in extra where !(kind == "enum" && entry.key == "storage" && entry.value == .string("varchar")) { field.set(entry.key, entry.value) }
        if kind == "enum", let values = facts.enumValues { field.set("values", .list(values.map(YAMLValue.string))) }
        if kind == "vector", let dimensions = facts.vectorDimensions { field.set("dimensions", .plain(String(dimensions))) }
        if !column.isNullable { field.set("required", .plain("true")) }
        if ["int", "int16", "int32", "int64", "double"].contains(kind) {
            if let min = facts.min { field.set("min", .number(min)) }
            if let max = facts.max { field.set("max", .number(max)) }
        }
        if ["string", "email", "url", "enum"].contains(kind) && kind != "enum" {
            if let minLength = facts.minLength { field.set("minLength", .plain(String(minLength))) }
            if let maxLength = facts.maxLength { field.set("maxLength", .plain(String(maxLength))) }
            if let pattern = facts.pattern { field.set("pattern", .string(pattern)) }
        }
        if kind == "array" {
            if let minItems = facts.minItems { field.set("minItems", .plain(String(minItems))) }
            if let maxItems = facts.maxItems { field.set("maxItems", .plain(String(maxItems))) }
        }
        if let text = column.defaultExpression {
            if let value = defaultValue(text, kind: kind) {
                field.set("default", value)
            } else if !(column.name == "id") {
                notes.append("Column \(column.name): default \(text) not mapped (only constants and now() have a schema spelling).")
            }
        }
        if column.identity != nil {
            notes.append("Column \(column.name) is an identity column; schemagen fields get no generated values, so the application must set it.")
        }
        return field
    }

    /// An SQLite INTEGER whose CHECK is exactly a sized integer's range.
    func sizedInteger(_ column: DatabaseCatalog.Column, _ kind: String, _ facts: ColumnFacts, notes: inout [String]) -> FieldDraft {
        var facts = facts
        facts.min = nil
        facts.max = nil
        return finish(column, kind: kind, facts: facts, entries: [], note: nil, notes: &notes)
    }

    /// `numeric(12,2)` → (12, 2); `numeric(12)` → (12, 0); nil without a precision.
    static func typePrecision(_ type: String) -> (Int, Int)? {
        guard let open = type.firstIndex(of: "("), let close = type.firstIndex(of: ")"), open < close else { return nil }
        let inside = type[type.index(after: open)..<close].split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard let precision = inside.first ?? nil, inside.count <= 2 else { return nil }
        let scale = inside.count == 2 ? inside[1] : 0
        guard let scale, (0...precision).contains(scale) else { return nil }
        return (precision, scale)
    }

    /// `varchar(40)` → 40.
    static func typeSize(_ type: String) -> Int? {
        guard let open = type.firstIndex(of: "("), let close = type.firstIndex(of: ")"), open < close else { return nil }
        let inside = type[type.index(after: open)..<close].split(separator: ",")
        return inside.count == 1 ? Int(inside[0].trimmingCharacters(in: .whitespaces)) : nil
    }

    func defaultValue(_ text: String, kind: String) -> YAMLValue? {
        guard let expression = SQLExpression.parse(text) else { return nil }
        if isNow(text) { return kind == "datetime" ? .string("now") : nil }
        switch kind {
        case "string", "text", "email", "url", "enum":
            return expression.stringValue.map(YAMLValue.string)
        case "int", "int16", "int32", "int64":
            guard let number = expression.numberValue, number == number.rounded() else { return nil }
            return .number(number)
        case "decimal":
            // The digits as written ('9.99' on SQLite, 9.99 on PostgreSQL), never through Double.
            let digits: String? = switch expression.uncast {
            case .number(let text): text
            case .string(let text): text
            default: nil
            }
            return digits.flatMap { DecimalText($0) }.map { .plain($0.text) }
        case "double":
            return expression.numberValue.map(YAMLValue.number)
        case "bool":
            switch expression.uncast {
            case .boolean(let flag): return .plain(flag ? "true" : "false")
            case .number("0"): return .plain("false")
            case .number("1"): return .plain("true")
            default: return nil
            }
        case "json", "array":
            guard let json = expression.stringValue, let data = json.data(using: .utf8),
                  (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil else { return nil }
            return .json(json)
        default:
            return nil
        }
    }

    // MARK: Indexes

    func isWritableName(_ name: String) -> Bool {
        Naming.snakeCase(name) == name && name.utf8.count <= Naming.sqlNameLimit
    }

    func mapIndexes(_ table: DatabaseCatalog.Table, fieldNames: [String: String], draft: inout CollectionDraft) {
        var fields = draft.fields
        defer { draft.fields = fields }
        let timestamps = draft.timestamps, softDelete = draft.softDelete
        func fieldName(_ column: String?) -> String? {
            guard let column else { return nil }
            if column == "created_at" && timestamps { return "createdAt" }
            if column == "updated_at" && timestamps { return "updatedAt" }
            if column == "deleted_at" && softDelete { return "deletedAt" }
            return fieldNames[column].flatMap { name in fields.contains { $0.name == name } ? name : nil }
        }
        func derivedName(_ columns: [String], _ suffix: String) -> String {
            Naming.sqlName("\(table.name)_\(columns.joined(separator: "_"))_\(suffix)")
        }
        // UNIQUE constraints: the (key, scope) key of a `within` is implied by the references to it
        // (the key column `id`, or its own name: `album_id`).
        let ownKey = keyColumn(table) ?? "id"
        let scopeKeys = Set(catalog.tables.flatMap { other in
            other.foreignKeys.filter { $0.foreignTable == table.name && $0.columns.count == 2 && $0.foreignColumns.first == ownKey }
                .map { $0.foreignColumns }
        })
        for unique in table.uniques {
            if scopeKeys.contains(unique.columns) { continue }
            let names = unique.columns.compactMap(fieldName)
            guard names.count == unique.columns.count else {
                draft.notes.append("Unique constraint \(unique.displayName) not mapped: it covers a column that was left out.")
                continue
            }
            // `constraint: true` keeps it a UNIQUE constraint, under its name.
            var entries: [(key: String, value: YAMLValue)] = [("fields", .list(names.map(YAMLValue.string))), ("unique", .plain("true")),
                                                               ("constraint", .plain("true"))]
            if let name = unique.name, name != derivedName(unique.columns, "key") {
                if isWritableName(name) {
                    entries.append(("name", .string(name)))
                } else {
                    draft.notes.append("Unique constraint \(unique.displayName) is renamed \(derivedName(unique.columns, "key")): a schema index name is snake_case.")
                }
            }
            draft.indexes.append(IndexDraft(entries: entries))
            draft.mapped.append("unique \(unique.displayName) → unique constraint on \(names.joined(separator: ", "))")
        }
        let metricFunctions = [("schemagen_cosine_distance", "cosine"), ("schemagen_l2_distance", "l2"), ("schemagen_inner_product", "innerProduct")]
            .filter { function in catalog.functions.contains { $0.name == function.0 } }
        for field in fields where field.value("type") == .string("vector") {
            if isPostgres && metricFunctions.count == 1 {
                let metric = metricFunctions[0].1
                draft.indexes.append(IndexDraft(entries: [("fields", .list([.string(field.name)])), ("kind", .string("vector"))]
                                                + (metric == "cosine" ? [] : [("metric", .string(metric))])))
                draft.mapped.append("vector index on \(field.name) (\(metric), from the function \(metricFunctions[0].0))")
            }
        }
        // Text search on SQLite: an FTS5 table whose content is this table.
        for virtual in catalog.virtualTables where virtual.definition.lowercased().contains("fts5") {
            let arguments = SQLiteTableText.moduleArguments(virtual.definition)
            guard arguments.contains(where: { $0.replacingOccurrences(of: " ", with: "").lowercased() == "content='\(table.name)'" }) else { continue }
            let columns = arguments.filter { !$0.contains("=") }.map(SQLiteTableText.unquoted)
            let names = columns.compactMap(fieldName)
            guard !columns.isEmpty, names.count == columns.count else {
                draft.notes.append("Full-text table \(virtual.name) not mapped: it covers a column that was left out.")
                continue
            }
            var entries: [(key: String, value: YAMLValue)] = [("fields", .list(names.map(YAMLValue.string))), ("kind", .string("text"))]
            if virtual.name != derivedName(columns, "search"), isWritableName(virtual.name) { entries.append(("name", .string(virtual.name))) }
            draft.indexes.append(IndexDraft(entries: entries))
            draft.mapped.append("FTS5 table \(virtual.name) → text index on \(names.joined(separator: ", "))")
        }
        for index in table.indexes {
            // Text search: PostgreSQL's GIN over to_tsvector.
            if index.method == "gin", index.keys.count == 1, let text = index.keys[0].expression, let expression = SQLExpression.parse(text),
               case .function("to_tsvector", let arguments) = expression {
                let columns = arguments.dropFirst().flatMap(Self.columns)
                let names = columns.compactMap(fieldName)
                if !columns.isEmpty, names.count == columns.count, index.predicate == nil {
                    var entries: [(key: String, value: YAMLValue)] = [("fields", .list(names.map(YAMLValue.string))), ("kind", .string("text"))]
                    if index.name != derivedName(columns, "search"), isWritableName(index.name) { entries.append(("name", .string(index.name))) }
                    draft.indexes.append(IndexDraft(entries: entries))
                    draft.mapped.append("index \(index.name) → text index on \(names.joined(separator: ", "))")
                    continue
                }
            }
            // A GIN index over one jsonb column or native array: a json index (jsonb_path_ops is
            // 'pathOps: true').
            if index.method == "gin", index.keys.count == 1, let column = index.keys[0].column,
               let type = table.columns.first(where: { $0.name == column })?.type,
               // A native array's: with its type's default operator class.
               type == "jsonb" || (CatalogMapper.nativeArrayItem(type) != nil && !index.definition.contains("_ops")),
               let name = fieldName(column) {
                var entries: [(key: String, value: YAMLValue)] = [("fields", .list([.string(name)])), ("kind", .string("json"))]
                let pathOps = index.definition.contains("jsonb_path_ops")
                if pathOps { entries.append(("pathOps", .plain("true"))) }
                if let predicate = index.predicate {
                    guard let parsed = SQLExpression.parse(predicate), let read = condition(parsed, fieldName: fieldName, fields: fields) else {
                        draft.notes.append("Index \(index.name) not mapped: its condition (\(predicate)) has no schema spelling.")
                        continue
                    }
                    entries.append(("where", .map(read)))
                }
                if index.name != derivedName([column], "gin") {
                    if isWritableName(index.name) {
                        entries.append(("name", .string(index.name)))
                    } else {
                        draft.notes.append("Index \(index.name) is renamed \(derivedName([column], "gin")): a schema index name is snake_case.")
                    }
                }
                draft.indexes.append(IndexDraft(entries: entries))
                draft.mapped.append("index \(index.name) → json index on \(name)\(pathOps ? " (jsonb_path_ops)" : "")")
                continue
            }
            guard index.method == "btree" else {
                draft.notes.append("Index \(index.name) (\(index.method)) not mapped: only B-tree, full-text and json (GIN over one jsonb column, or one native array with its default operator class) indexes have a schema spelling yet.")
                continue
            }
            let columns = index.keys.compactMap(\.column)
            let names = columns.compactMap(fieldName)
            guard columns.count == index.keys.count, names.count == columns.count else {
                draft.notes.append("Index \(index.name) not mapped: it indexes an expression or a column that was left out (\(index.definition)).")
                continue
            }
            var conditions: [(key: String, value: YAMLValue)] = []
            if let predicate = index.predicate {
                guard let parsed = SQLExpression.parse(predicate), let read = condition(parsed, fieldName: fieldName, fields: fields) else {
                    draft.notes.append("Index \(index.name) not mapped: its condition (\(predicate)) has no schema spelling.")
                    continue
                }
                conditions = read
            }
            // A time-to-live index: schemagen's expiry function (PostgreSQL) or trigger (SQLite).
            let expiry = ttl(index.name)
            let keyTexts: [YAMLValue] = zip(names, index.keys).map { name, key in .string(key.descending ? "\(name) desc" : name) }
            if !index.isUnique, expiry == nil, conditions.isEmpty, index.keys.count == 1, !index.keys[0].descending,
               index.name == derivedName(columns, "idx") {
                // Plain one-column index: the short form.
                draft.indexes.append(IndexDraft(entries: [("fields", .list(keyTexts))]))
                draft.mapped.append("index \(index.name) → index on \(names[0])")
                continue
            }
            if index.isUnique, expiry == nil, conditions.isEmpty, index.keys.count == 1, !index.keys[0].descending,
               index.name == derivedName(columns, "key"), let position = fields.firstIndex(where: { $0.name == names[0] }) {
                fields[position].set("unique", .plain("true"))
                draft.mapped.append("unique index \(index.name) → unique: true on \(names[0])")
                continue
            }
            var entries: [(key: String, value: YAMLValue)] = [("fields", .list(keyTexts))]
            if index.isUnique { entries.append(("unique", .plain("true"))) }
            if let expiry { entries += [("kind", .string("ttl")), ("expireAfter", .string(expiry))] }
            if !conditions.isEmpty { entries.append(("where", .map(conditions))) }
            if index.name != derivedName(columns, index.isUnique ? "key" : "idx") {
                if isWritableName(index.name) {
                    entries.append(("name", .string(index.name)))
                } else {
                    draft.notes.append("Index \(index.name) is renamed \(derivedName(columns, index.isUnique ? "key" : "idx")): a schema index name is snake_case.")
                }
            }
            draft.indexes.append(IndexDraft(entries: entries))
            draft.mapped.append("index \(index.name) → \(expiry != nil ? "ttl " : index.isUnique ? "unique " : "")index on \(names.joined(separator: ", "))")
        }
    }

    /// The columns an expression reads, in order.
    static func columns(_ expression: SQLExpression) -> [String] {
        switch expression {
        case .column(let name): return [name]
        case .function(_, let arguments): return arguments.flatMap(columns)
        case .binary(_, let a, let b): return columns(a) + columns(b)
        case .cast(let inner, _): return columns(inner)
        default: return []
        }
    }

    /// `expireAfter` of a TTL index, from the function or trigger schemagen made for it.
    func ttl(_ index: String) -> String? {
        var seconds: Int?
        if isPostgres {
            guard let function = catalog.functions.first(where: { $0.name == Naming.sqlName(index + "_delete_expired") }),
                  let match = function.body.range(of: #"interval '(\d+) (days|hours|minutes|seconds)'"#, options: .regularExpression) else { return nil }
            let parts = function.body[match].dropFirst("interval '".count).dropLast().split(separator: " ")
            let unit = ["days": 86_400, "hours": 3600, "minutes": 60, "seconds": 1][String(parts[1])] ?? 1
            seconds = Int(parts[0]).map { $0 * unit }
        } else {
            guard let trigger = catalog.triggers.first(where: { $0.name == Naming.sqlName(index + "_expire") }),
                  let match = trigger.definition.range(of: #"'-(\d+) seconds'"#, options: .regularExpression) else { return nil }
            seconds = Int(trigger.definition[match].dropFirst(2).dropLast("' seconds".count - 1).split(separator: " ")[0])
        }
        guard let seconds, seconds > 0 else { return nil }
        for (unit, size) in [("d", 86_400), ("h", 3600), ("m", 60)] where seconds % size == 0 { return "\(seconds / size)\(unit)" }
        return "\(seconds)s"
    }

    /// A partial index's condition as `where:` entries, or nil when it has no schema spelling.
    func condition(_ expression: SQLExpression, fieldName: (String?) -> String?,
                   fields: [FieldDraft]) -> [(key: String, value: YAMLValue)]? {
        var entries: [(key: String, value: YAMLValue)] = []
        for part in expression.conjuncts {
            func literal(_ value: SQLExpression, for field: String) -> YAMLValue? {
                let type = fields.first { $0.name == field }?.value("type")
                if type == .string("bool") {
                    switch value.uncast {
                    case .boolean(let flag): return .plain(flag ? "true" : "false")
                    case .number("1"): return .plain("true")
                    case .number("0"): return .plain("false")
                    default: return nil
                    }
                }
                if let text = value.stringValue { return .string(text) }
                if let number = value.numberValue { return .number(number) }
                return nil
            }
            switch part {
            case .isNull(let subject, let isNull):
                guard let name = fieldName(subject.columnName) else { return nil }
                entries.append((name, .map([("isNull", .plain(isNull ? "true" : "false"))])))
            case .binary(let op, let subject, let value) where op == "=" || op == "<>":
                guard let name = fieldName(subject.columnName), let literal = literal(value, for: name) else { return nil }
                entries.append((name, op == "=" ? literal : .map([("not", literal)])))
            case .inList(let subject, let items):
                guard let name = fieldName(subject.columnName) else { return nil }
                let values = items.compactMap { literal($0, for: name) }
                guard values.count == items.count else { return nil }
                entries.append((name, .map([("in", .list(values))])))
            case .any("=", let subject, let array):
                guard let name = fieldName(subject.columnName), case .array(let items) = array.uncast else { return nil }
                let values = items.compactMap { literal($0, for: name) }
                guard values.count == items.count else { return nil }
                entries.append((name, .map([("in", .list(values))])))
            default:
                return nil
            }
        }
        return entries
    }
}
