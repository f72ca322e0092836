@testable import SchemaGenCore

/// What the catalog of a database built from a schema's generated DDL must hold, derived from the
/// resolved schema (not from the DDL, and not from hand-written lists), for one dialect.
struct ExpectedCatalog {
    struct Column: Equatable, CustomStringConvertible {
        var name: String
        /// The type as the DDL declares it (`TEXT`, `bigint`, `real[]`).
        var type: String
        var isNullable: Bool

        var description: String { "\(name) \(type)\(isNullable ? "" : " NOT NULL")" }
    }

    struct ForeignKey: Hashable {
        var name: String
        var column: String
        var targetTable: String
        /// The target's key column: `id`, or its `id.column`.
        var targetColumn = "id"
        var onDelete: Reference.DeleteRule
    }

    /// A `within` reference's composite foreign key: (reference, scope) → (id, scope).
    struct ScopeKey: Hashable {
        var name: String
        var columns: [String]
        var targetTable: String
        var targetColumns: [String]
        /// The plain reference's delete rule, which PostgreSQL's composite key repeats for
        /// `setNull` and `cascade` (SQLite's has none).
        var onDelete: Reference.DeleteRule?
    }

    struct Table {
        var name: String
        /// The collection the table stores, or nil for a join table.
        var collection: Collection?
        var columns: [Column]
        var primaryKey: [String]
        /// CHECK constraint names: one per column with conditions, one per optional object whose
        /// required fields come together.
        var checks: Set<String>
        var foreignKeys: Set<ForeignKey>
        /// UNIQUE constraint names (a join table's position).
        var uniques: Set<String>
        var scopeKeys: Set<ScopeKey> = []
        var primaryKeyName: String { Naming.sqlName(name + "_pkey") }
        /// Every named constraint.
        var constraintNames: Set<String> {
            checks.union(foreignKeys.map(\.name)).union(uniques).union(scopeKeys.map(\.name)).union([primaryKeyName])
        }
    }

    /// A B-tree index: a standard index, the time index of a ttl index, or an index over a
    /// to-many reference (on its join table).
    struct BTreeIndex {
        var name: String
        var table: String
        var columns: [(name: String, descending: Bool)]
        var isUnique: Bool
        var isPartial: Bool
    }

    struct TextIndex {
        var name: String
        var table: String
        var columns: [String]
    }

    /// A GIN index over one jsonb column (PostgreSQL; SQLite has none).
    struct JSONIndex {
        var name: String
        var table: String
        var column: String
        var pathOps: Bool
        /// A native array's (`storage: array`) GIN index uses the array type's operator class.
        var isNativeArray = false
    }

    struct TTLIndex {
        var name: String
        var table: String
        /// PostgreSQL: the function that deletes expired rows; SQLite: the trigger.
        var expiry: String
    }

    struct Policy: Hashable {
        var table: String
        var name: String
        /// As pg_policies spells it: SELECT, INSERT, UPDATE, DELETE.
        var command: String
    }

    let dialect: SQLDialect
    var tables: [Table] = []
    var btreeIndexes: [BTreeIndex] = []
    var textIndexes: [TextIndex] = []
    var ttlIndexes: [TTLIndex] = []
    var jsonIndexes: [JSONIndex] = []
    /// Vector indexes: neither engine as installed has one, so nothing of that name exists.
    var vectorIndexes: [String] = []
    var vectorMetrics: Set<Index.VectorMetric> = []
    var policies: Set<Policy> = []
    /// Columns set on insert and refused on update: (table, column).
    var immutableColumns: [(table: String, column: String)] = []
    /// PostgreSQL: the SECURITY DEFINER functions member rules read join tables through.
    var membershipFunctions: Set<String> = []

    var collectionTables: [Table] { tables.filter { $0.collection != nil } }
    var joinTables: [Table] { tables.filter { $0.collection == nil } }

    /// SQLite: the triggers that keep text indexes in step and delete expired rows.
    var sqliteTriggers: Set<String> {
        Set(textIndexes.flatMap { index in ["insert", "delete", "update"].map { Naming.sqlName("\(index.name)_\($0)") } })
            .union(ttlIndexes.map(\.expiry))
            .union(immutableColumns.map { Naming.sqlName("\($0.table)_\($0.column)_immutable") })
    }

    /// PostgreSQL: the functions in schema public.
    var postgresFunctions: Set<String> {
        Set(["schemagen_user_id", "schemagen_role"]).union(vectorMetrics.map(SQLVectorFunctions.name)).union(ttlIndexes.map(\.expiry))
            .union(membershipFunctions)
            .union(immutableColumns.isEmpty && fieldRuleTables.isEmpty ? [] : ["schemagen_is_system"])
            .union(fieldRuleTables.map { Naming.sqlName($0 + "_check_field_rules") })
            .union(immutableColumns.map { Naming.sqlName($0.table + "_keep_immutable") })
    }

    /// Tables with field write rules: PostgreSQL checks them in a trigger function.
    var fieldRuleTables: [String] = []

    init(schema: Schema, dialect: SQLDialect) {
        self.dialect = dialect
        for collection in schema.collections {
            addTable(collection, in: schema)
            addJoinTables(of: collection)
            addIndexes(of: collection)
            addPolicies(of: collection)
        }
    }

    private mutating func addTable(_ collection: Collection, in schema: Schema) {
        let table = collection.tableName
        let columns = SQLColumn.columns(of: collection.fields)
        if columns.contains(where: { $0.field.writeRules != nil }) || hasRuledObject(collection.fields) { fieldRuleTables.append(table) }
        immutableColumns += columns.filter(\.field.isImmutable).map { (table, $0.name) }
        var checks = Set(columns.filter { !dialect.checks(for: $0.field, column: $0.name).isEmpty }
            .map { Naming.sqlName("\(table)_\($0.name)_check") })
        checks.formUnion(Self.presenceChecks(collection.fields, table: table, prefix: ""))
        let foreignKeys = columns.compactMap { column -> ForeignKey? in
            guard case .reference(let reference) = column.field.type, let rule = reference.onDelete else { return nil }
            return ForeignKey(name: Naming.sqlName("\(table)_\(column.name)_fkey"), column: column.name,
                              targetTable: reference.targetTable, targetColumn: reference.targetKeyColumn, onDelete: rule)
        }
        let scopeKeys = columns.compactMap { column -> ScopeKey? in
            guard let within = column.field.within, case .reference(let reference) = column.field.type else { return nil }
            return ScopeKey(name: Naming.sqlName("\(table)_\(column.name)_scope_fkey"), columns: [column.name, within.scopeColumn],
                            targetTable: reference.targetTable, targetColumns: [reference.targetKeyColumn, within.targetScopeColumn],
                            onDelete: reference.onDelete)
        }
        // The (id, scope) keys other collections' `within` references point at.
        var uniques: Set<String> = []
        for other in schema.collections {
            for column in SQLColumn.columns(of: other.fields) {
                guard let within = column.field.within, case .reference(let reference) = column.field.type,
                      reference.target == collection.name else { continue }
                uniques.insert(Naming.sqlName("\(table)_\(collection.keyColumn)_\(within.targetScopeColumn)_key"))
            }
        }
        // Unique indexes written `constraint: true`.
        uniques.formUnion(collection.indexes.filter(\.isConstraint).map(\.name))
        tables.append(Table(
            name: table, collection: collection,
            columns: columns.map { Column(name: $0.name, type: dialect.columnType(for: $0.field), isNullable: $0.isNullable) },
            primaryKey: [collection.keyColumn], checks: checks, foreignKeys: Set(foreignKeys), uniques: uniques, scopeKeys: Set(scopeKeys)))
    }

    private func hasRuledObject(_ fields: [Field]) -> Bool {
        fields.contains { field in
            guard case .object(let object) = field.type else { return false }
            return field.writeRules != nil || hasRuledObject(object.fields)
        }
    }

    /// An optional object whose required fields (through required inner objects) are more than
    /// one: they are present together or not at all.
    private static func presenceChecks(_ fields: [Field], table: String, prefix: String) -> [String] {
        fields.flatMap { field -> [String] in
            guard case .object(let object) = field.type else { return [] }
            let objectPrefix = prefix + Naming.snakeCase(field.name)
            var names = presenceChecks(object.fields, table: table, prefix: objectPrefix + "_")
            if !field.isRequired, requiredColumns(object.fields) > 1 {
                names.append(Naming.sqlName("\(table)_\(objectPrefix)_check"))
            }
            return names
        }
    }

    private static func requiredColumns(_ fields: [Field]) -> Int {
        fields.filter(\.isRequired).reduce(0) { count, field in
            if case .object(let object) = field.type { return count + requiredColumns(object.fields) }
            return count + (field.columnName == nil ? 0 : 1)
        }
    }

    /// Every `refs` field outside arrays, at any depth of nested objects.
    static func joinFields(_ fields: [Field]) -> [(field: Field, reference: Reference, join: JoinTable)] {
        fields.flatMap { field -> [(field: Field, reference: Reference, join: JoinTable)] in
            switch field.type {
            case .object(let object): return joinFields(object.fields)
            case .references(let reference): return reference.joinTable.map { [(field, reference, $0)] } ?? []
            default: return []
            }
        }
    }

    private mutating func addJoinTables(of collection: Collection) {
        for (_, reference, join) in Self.joinFields(collection.fields) {
            // As protected as the record that holds the links: read with it, changed with its update rules;
            // only links to UUID keys (the principal's type) can hold the caller.
            if reference.targetKey == .uuid { membershipFunctions.insert(Naming.sqlName(join.name + "_includes_caller")) }
            policies.insert(Policy(table: join.name, name: Naming.sqlName(join.name + "_read"), command: "SELECT"))
            if !(collection.access.rules[.update] ?? []).isEmpty {
                for (operation, command) in [("create", "INSERT"), ("update", "UPDATE"), ("delete", "DELETE")] {
                    policies.insert(Policy(table: join.name, name: Naming.sqlName("\(join.name)_\(operation)"), command: command))
                }
            }
            tables.append(Table(
                name: join.name, collection: nil,
                columns: [
                    Column(name: join.ownerColumn, type: dialect.keyType(collection.keyType), isNullable: false),
                    Column(name: join.targetColumn, type: dialect.keyType(reference.targetKey), isNullable: false),
                    Column(name: "position", type: dialect == .postgres ? "integer" : "INTEGER", isNullable: false),
                ],
                primaryKey: [join.ownerColumn, join.targetColumn],
                checks: [Naming.sqlName(join.name + "_position_check")],
                foreignKeys: [
                    ForeignKey(name: Naming.sqlName("\(join.name)_\(join.ownerColumn)_fkey"), column: join.ownerColumn,
                               targetTable: collection.tableName, targetColumn: collection.keyColumn, onDelete: .cascade),
                    ForeignKey(name: Naming.sqlName("\(join.name)_\(join.targetColumn)_fkey"), column: join.targetColumn,
                               targetTable: reference.targetTable, targetColumn: reference.targetKeyColumn, onDelete: .cascade),
                ],
                uniques: []))
        }
    }

    private mutating func addIndexes(of collection: Collection) {
        let table = collection.tableName
        for index in collection.indexes {
            let columns = index.keys.map { (name: $0.field.columnName ?? "", descending: $0.descending) }
            switch index.kind {
            case .standard where index.isConstraint:
                continue  // a UNIQUE constraint of the table (its uniques), not a created index
            case .standard:
                if let refs = index.joinField, case .references(let reference) = refs.type, let join = reference.joinTable {
                    // Built on the join table: the records that link to a given target.
                    btreeIndexes.append(BTreeIndex(name: index.name, table: join.name,
                                                   columns: [(join.targetColumn, false), (join.ownerColumn, false)],
                                                   isUnique: false, isPartial: false))
                } else {
                    btreeIndexes.append(BTreeIndex(name: index.name, table: table, columns: columns,
                                                   isUnique: index.isUnique, isPartial: !index.conditions.isEmpty))
                }
            case .text:
                textIndexes.append(TextIndex(name: index.name, table: table, columns: columns.map(\.name)))
            case .ttl:
                btreeIndexes.append(BTreeIndex(name: index.name, table: table, columns: columns,
                                               isUnique: false, isPartial: !index.conditions.isEmpty))
                let expiry = dialect == .postgres ? index.name + "_delete_expired" : index.name + "_expire"
                ttlIndexes.append(TTLIndex(name: index.name, table: table, expiry: Naming.sqlName(expiry)))
            case .vector(let metric):
                vectorIndexes.append(index.name)
                vectorMetrics.insert(metric)
            case .json(let pathOps):
                jsonIndexes.append(JSONIndex(name: index.name, table: table, column: columns[0].name, pathOps: pathOps,
                                             isNativeArray: index.keys[0].field.nativeArrayElement != nil))
            }
        }
    }

    private mutating func addPolicies(of collection: Collection) {
        let commands: [AccessOperation: String] = [.read: "SELECT", .create: "INSERT", .update: "UPDATE", .delete: "DELETE"]
        for operation in AccessOperation.allCases where !(collection.access.rules[operation] ?? []).isEmpty {
            policies.insert(Policy(table: collection.tableName,
                                   name: Naming.sqlName("\(collection.tableName)_\(operation.rawValue)"),
                                   command: commands[operation]!))
        }
    }
}
