/// Plan for templates/sql: the DDL of every collection for SQLite and for PostgreSQL.
///
/// Tables come in dependency order (a table after the tables its foreign keys point at), each
/// with its columns in schema order, its constraints, and then its indexes. Reviewers read
/// this file in pull requests, so a one-field schema edit must change only the lines it must:
/// nothing is aligned across lines, every column line ends with a comma, and the primary key
/// closes the table.
enum SQLPlanner {
    static func plan(_ schema: Schema) -> [PlannedFile] {
        let columns = SQLFilePlanner.columnsByCollection(schema)
        return SQLDialect.allCases.map { dialect in
            PlannedFile(path: "SQL/\(dialect.rawValue).sql", template: "sql/\(dialect.rawValue).sql",
                        context: SQLFilePlanner(schema: schema, dialect: dialect, columns: columns).file())
        }
    }
}

/// A column of a collection's table, with what decides its definition.
struct SQLColumn {
    var field: Field
    var name: String
    var isNullable: Bool
    /// Inside an optional object: no default (an absent object has no values at all).
    var isInOptionalObject: Bool

    /// Every column of a list of fields, nested objects spread in place.
    static func columns(of fields: [Field], inOptionalObject: Bool = false) -> [SQLColumn] {
        fields.flatMap { field -> [SQLColumn] in
            if case .object(let object) = field.type {
                return columns(of: object.fields, inOptionalObject: inOptionalObject || !field.isRequired)
            }
            guard let name = field.columnName else { return [] }
            return [SQLColumn(field: field, name: name, isNullable: !field.isRequired || inOptionalObject,
                              isInOptionalObject: inOptionalObject)]
        }
    }
}

struct SQLFilePlanner {
    let schema: Schema
    let dialect: SQLDialect
    /// Each collection's columns (`SQLColumn.columns`), by collection name: worked out once, not
    /// again by each question asked of a collection (its references, its table, the scopes).
    private let columnsByName: [String: [SQLColumn]]

    init(schema: Schema, dialect: SQLDialect) {
        self.init(schema: schema, dialect: dialect, columns: Self.columnsByCollection(schema))
    }

    /// `columns`: `columnsByCollection(schema)`, shared by the planners of both dialects.
    init(schema: Schema, dialect: SQLDialect, columns: [String: [SQLColumn]]) {
        self.schema = schema
        self.dialect = dialect
        columnsByName = columns
    }

    static func columnsByCollection(_ schema: Schema) -> [String: [SQLColumn]] {
        Dictionary(schema.collections.map { ($0.name, SQLColumn.columns(of: $0.fields)) }, uniquingKeysWith: { first, _ in first })
    }

    private func columns(_ collection: Collection) -> [SQLColumn] {
        columnsByName[collection.name] ?? SQLColumn.columns(of: collection.fields)
    }

    private func q(_ identifier: String) -> String { dialect.quoted(identifier) }

    func file() -> SQLFileView {
        var tables: [SQLTableView] = []
        var deferred: [SQLDeferredConstraint] = []
        var created: Set<String> = []
        var pendingJoins = schema.collections.flatMap { collection in
            joinFields(collection).map { (collection: collection, field: $0.field, reference: $0.reference) }
        }
        let scopeColumns = scopeColumnsByTarget()
        let order = dependencyOrder()
        for collection in order {
            let (table, laterConstraints) = tableView(collection, created: created, scopeColumns: scopeColumns[collection.name] ?? [])
            tables.append(table)
            deferred += laterConstraints.map { SQLDeferredConstraint(table: collection.tableName, constraint: $0) }
            created.insert(collection.tableName)
            // A join table follows as soon as both of its ends exist.
            let ready = pendingJoins.filter { created.contains($0.collection.tableName) && created.contains($0.reference.targetTable) }
            pendingJoins.removeAll { created.contains($0.collection.tableName) && created.contains($0.reference.targetTable) }
            tables += ready.map { joinTableView($0.collection, field: $0.field, reference: $0.reference) }
        }
        var policies: [SQLPolicyTableView] = []
        if dialect == .postgres {
            let access = SQLAccessPlanner(schema: schema)
            // Join tables first: their functions must exist before a policy calls them.
            for collection in order {
                policies += joinFields(collection).map { access.joinTablePolicies($0.reference.joinTable!, field: $0.field, of: collection) }
            }
            policies += order.map(access.policies(for:))
        }
        let enumTypes = SQLEnumType.types(of: schema, dialect: dialect)
        var preamble = preamble()
        if !enumTypes.isEmpty {
            preamble.append((["-- The enum types of the fields with 'storage: enum'."] + enumTypes.map(\.createSQL)).joined(separator: "\n"))
        }
        var file = SQLFileView(databaseName: dialect == .postgres ? "PostgreSQL" : "SQLite", notes: notes(),
                           preamble: preamble, tables: tables,
                           deferredConstraints: deferred.map { "ALTER TABLE \(q($0.table)) ADD \(constraintSQL($0.constraint));" },
                           policies: policies, hasDeferredConstraints: !deferred.isEmpty, hasPolicies: !policies.isEmpty,
                           deferredByTable: deferred)
        file.enumTypes = enumTypes
        return file
    }

    private func notes() -> [String] {
        switch dialect {
        case .postgres:
            // `SET NULL (column)` (`scopeKeyOnDelete`) is PostgreSQL 15's; nothing else needs more than 13.
            let requirement = clearsScopedReferences
                ? ["For PostgreSQL 15 or later (`within` references are cleared by ON DELETE SET NULL (column), new in 15),",
                   "applied to an empty database by the role that will own the tables."]
                : ["For PostgreSQL 13 or later, applied to an empty database by the role that will own the tables."]
            return requirement + [
                "Row-level security reads the caller from app.user_id and app.role (see schemagen_user_id());",
                "a role with BYPASSRLS is the system context that access rules do not limit.",
            ]
        case .sqlite:
            return [
                "For SQLite 3.37 or later (STRICT tables) with FTS5. Turn foreign keys on for every connection:",
                "PRAGMA foreign_keys = ON. Dates are UTC text such as 2026-01-31T12:00:00.000Z, UUIDs lowercase text.",
                "SQLite has no row-level security: the generated repositories apply the access rules.",
            ]
        }
    }

    /// PostgreSQL: the functions policies and searches use.
    private func preamble() -> [String] {
        guard dialect == .postgres else { return [] }
        var statements = [
            """
            -- The caller, from settings the application makes per transaction
            -- (SET LOCAL app.user_id = '…'; SET LOCAL app.role = '…'). Unset or empty: anonymous.
            CREATE OR REPLACE FUNCTION schemagen_user_id() RETURNS uuid
                LANGUAGE sql STABLE
                AS $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;
            """,
            """
            -- The caller's role; an anonymous caller has none.
            CREATE OR REPLACE FUNCTION schemagen_role() RETURNS text
                LANGUAGE sql STABLE
                AS $$ SELECT CASE WHEN schemagen_user_id() IS NULL THEN NULL ELSE nullif(current_setting('app.role', true), '') END $$;
            """,
        ]
        if schema.collections.contains(where: { collection in
            columns(collection).contains(where: \.field.isImmutable) || !SQLAccessPlanner.ruledFields(collection).isEmpty
        }) {
            statements.append("""
                -- Whether the caller is the system context: a superuser or a role with BYPASSRLS.
                CREATE OR REPLACE FUNCTION schemagen_is_system() RETURNS boolean
                    LANGUAGE sql STABLE
                    AS $$ SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user $$;
                """)
        }
        let metrics = Set(schema.collections.flatMap(\.indexes).compactMap { index -> Index.VectorMetric? in
            if case .vector(let metric) = index.kind { return metric }
            return nil
        })
        for metric in [Index.VectorMetric.cosine, .l2, .innerProduct] where metrics.contains(metric) {
            statements.append(SQLVectorFunctions.definition(metric))
        }
        return statements
    }

    // MARK: Order

    /// Collections so that each comes after the tables it references: schema order, with a
    /// collection's references placed before it (depth first). A cycle is broken where it is
    /// found; PostgreSQL then adds the foreign keys that point forward at the end.
    func dependencyOrder() -> [Collection] {
        let byTable = Dictionary(schema.collections.map { ($0.tableName, $0) }, uniquingKeysWith: { first, _ in first })
        var order: [Collection] = []
        var placed: Set<String> = []
        var visiting: Set<String> = []
        func visit(_ collection: Collection) {
            guard !placed.contains(collection.tableName), !visiting.contains(collection.tableName) else { return }
            visiting.insert(collection.tableName)
            for table in referencedTables(collection) {
                if let target = byTable[table] { visit(target) }
            }
            visiting.remove(collection.tableName)
            placed.insert(collection.tableName)
            order.append(collection)
        }
        schema.collections.forEach(visit)
        return order
    }

    private func referencedTables(_ collection: Collection) -> [String] {
        columns(collection).compactMap { column in
            if case .reference(let reference) = column.field.type { return reference.targetTable }
            return nil
        }
    }

    // MARK: Tables

    /// `scopeColumns`: the columns of this table that other tables' `within` references pair with its id.
    private func tableView(_ collection: Collection, created: Set<String>,
                           scopeColumns: [String]) -> (SQLTableView, deferred: [SQLNamedConstraint]) {
        let table = collection.tableName
        let columns = self.columns(collection)
        let columnViews = columns.map { column in
            SQLColumnView(definition: columnDefinition(column, collection: collection), source: source(column.field),
                          name: column.name, type: dialect.columnType(for: column.field), isNullable: column.isNullable,
                          defaultSQL: defaultSQL(column, collection: collection), fieldPath: column.field.dottedPath)
        }

        var constraints: [SQLNamedConstraint] = []
        var deferred: [SQLNamedConstraint] = []
        for column in columns {
            let conditions = dialect.checks(for: column.field, column: column.name)
            if !conditions.isEmpty {
                let name = Naming.sqlName("\(table)_\(column.name)_check")
                constraints.append(SQLNamedConstraint(name: name, definition: "CHECK (\(conditions.joined(separator: " AND ")))"))
            }
        }
        constraints += presenceChecks(collection)
        // SQLite checks foreign keys when rows change, so a table may point at a later one;
        // PostgreSQL needs the table to exist.
        func addForeignKey(_ name: String, _ clause: String, to target: String) {
            if dialect == .postgres, target != table, !created.contains(target) {
                deferred.append(SQLNamedConstraint(name: name, definition: clause))
            } else {
                constraints.append(SQLNamedConstraint(name: name, definition: clause))
            }
        }
        for column in columns {
            guard case .reference(let reference) = column.field.type, let rule = reference.onDelete else { continue }
            addForeignKey(Naming.sqlName("\(table)_\(column.name)_fkey"),
                          "FOREIGN KEY (\(q(column.name))) REFERENCES \(q(reference.targetTable)) (\(q(reference.targetKeyColumn))) ON DELETE \(dialect.onDelete(rule))",
                          to: reference.targetTable)
        }
        // A `within` reference also points at the pair (id, scope), so the record it names must
        // share this record's scope; a change of the target's scope carries this record along.
        for column in columns {
            guard let within = column.field.within, case .reference(let reference) = column.field.type else { continue }
            addForeignKey(Naming.sqlName("\(table)_\(column.name)_scope_fkey"),
                          "FOREIGN KEY (\(q(column.name)), \(q(within.scopeColumn))) REFERENCES \(q(reference.targetTable)) (\(q(reference.targetKeyColumn)), \(q(within.targetScopeColumn))) ON UPDATE CASCADE\(scopeKeyOnDelete(reference.onDelete, column: column.name))",
                          to: reference.targetTable)
        }
        constraints += scopeKeys(collection, columns: scopeColumns)
        constraints.append(SQLNamedConstraint(name: Naming.sqlName(table + "_pkey"), definition: "PRIMARY KEY (\(q(collection.keyColumn)))"))
        // Unique indexes written `constraint: true` are UNIQUE table constraints of their name.
        for index in collection.indexes where index.isConstraint {
            constraints.append(SQLNamedConstraint(name: index.name,
                                                  definition: "UNIQUE (\(index.keys.map { q($0.field.columnName ?? "") }.joined(separator: ", ")))"))
        }

        // Indexes over a to-many reference go with its join table, created later.
        let statements = expiryFirst(collection.indexes.filter { $0.joinField == nil && !$0.isConstraint })
            .flatMap { SQLIndexPlanner(dialect: dialect).statements(for: $0, in: collection) }
            + immutabilityTriggers(collection, columns: columns.filter(\.field.isImmutable))
            + (dialect == .postgres ? SQLAccessPlanner(schema: schema).fieldRuleTrigger(collection) : [])
        let view = SQLTableView(name: q(table), doc: tableDoc(collection), columns: columnViews,
                                constraints: withCommas(constraints.map(constraintSQL)), options: dialect == .sqlite ? " STRICT" : "",
                                statements: statements, tableName: table, collectionName: collection.name,
                                namedConstraints: constraints)
        return (view, deferred)
    }

    /// A `within` reference is `setNull`: its scope key says ON DELETE SET NULL (column).
    private var clearsScopedReferences: Bool {
        schema.collections.contains { collection in
            (columnsByName[collection.name] ?? []).contains { column in
                guard column.field.within != nil, case .reference(let reference) = column.field.type else { return false }
                return reference.onDelete == .setNull
            }
        }
    }

    /// What deleting the target does to a `within` reference's (id, scope) key on PostgreSQL:
    /// the plain reference's rule again. PostgreSQL runs the two keys' triggers in the order of
    /// their internal names, numbered by object id, so the pair's check may run before the plain
    /// key has cleared (or deleted) the row and refuse the delete; with the same rule on both, the
    /// order doesn't matter. `SET NULL (column)` clears the reference and keeps the scope
    /// (PostgreSQL 15). SQLite checks a key at the end of the statement, after the actions ran.
    private func scopeKeyOnDelete(_ rule: Reference.DeleteRule?, column: String) -> String {
        guard dialect == .postgres else { return "" }
        switch rule {
        case .setNull?: return " ON DELETE SET NULL (\(q(column)))"
        case .cascade?: return " ON DELETE CASCADE"
        default: return ""
        }
    }

    /// On SQLite, a table with both a time-to-live and a text index gets the expiry trigger
    /// first: SQLite runs the triggers of one event newest first, so the text index then sees a
    /// new row before the expiry trigger can delete it (deleting an unindexed row from an FTS5
    /// external-content table corrupts the index).
    private func expiryFirst(_ indexes: [Index]) -> [Index] {
        func isExpiry(_ index: Index) -> Bool { if case .ttl = index.kind { return true }; return false }
        guard dialect == .sqlite, indexes.contains(where: { $0.kind == .text }), indexes.contains(where: isExpiry) else { return indexes }
        return indexes.filter(isExpiry) + indexes.filter { !isExpiry($0) }
    }

    /// The first paragraph of the collection's description: what the table stores.
    private func tableDoc(_ collection: Collection) -> [String] {
        let lines = DocView(collection.description).lines
        let paragraph = Array(lines.prefix { !$0.isEmpty })
        return [Escaping.sqlComment("\(collection.name) (\(collection.modelName))")] + paragraph
    }

    /// The column's comment: one line.
    private func source(_ field: Field) -> String {
        Escaping.sqlComment(sourceText(field))
    }

    private func sourceText(_ field: Field) -> String {
        switch field.role {
        case .declared: return field.dottedPath
        case .primaryKey: return "id"
        case .createdAt, .updatedAt: return "\(field.name) (timestamps)"
        case .deletedAt: return "deletedAt (softDelete)"
        case .version: return "\(field.name) (version)"
        }
    }

    private func columnDefinition(_ column: SQLColumn, collection: Collection) -> String {
        var definition = "\(q(column.name)) \(dialect.columnType(for: column.field))"
        if !column.isNullable { definition += " NOT NULL" }
        if let value = defaultSQL(column, collection: collection) { definition += SQLDialect.defaultClause(value) }
        return definition
    }

    func defaultSQL(_ column: SQLColumn, collection: Collection) -> String? {
        guard !column.isInOptionalObject else { return nil }
        if column.field.role == .primaryKey {
            // `generated: true`: PostgreSQL numbers the keys (BY DEFAULT, so fixtures, seeds and
            // imports may still give theirs); SQLite's INTEGER PRIMARY KEY is the rowid, which
            // numbers itself.
            if collection.keyIsGenerated { return dialect == .postgres ? SQLDialect.identity : nil }
            // Ids come from the application; a random default helps a hand-written insert.
            return dialect == .postgres && collection.keyType == .uuid && collection.idStrategy == .uuid ? "gen_random_uuid()" : nil
        }
        return column.field.defaultValue.map { dialect.defaultValue($0, for: column.field) }
    }

    /// The unique keys (id, scope) that other collections' `within` references point at: a
    /// constraint, so that it exists before any foreign key that needs it, named after its
    /// columns (`albums_album_id_owner_id_key`).
    private func scopeKeys(_ collection: Collection, columns: [String]) -> [SQLNamedConstraint] {
        columns.map { column in
            SQLNamedConstraint(name: Naming.sqlName("\(collection.tableName)_\(collection.keyColumn)_\(column)_key"), definition: "UNIQUE (\(q(collection.keyColumn)), \(q(column)))")
        }
    }

    /// For each collection a `within` reference points at, the scope columns those references
    /// pair with its id, in schema order without repeats. Gathered in one pass over the schema:
    /// asking every collection about every other made the DDL quadratic in the collections.
    private func scopeColumnsByTarget() -> [String: [String]] {
        var columns: [String: [String]] = [:]
        for other in schema.collections {
            for column in self.columns(other) {
                guard let within = column.field.within, case .reference(let reference) = column.field.type,
                      columns[reference.target]?.contains(within.targetScopeColumn) != true else { continue }
                columns[reference.target, default: []].append(within.targetScopeColumn)
            }
        }
        return columns
    }

    /// Immutable columns: set on insert, refused on update (on PostgreSQL, unless the caller is
    /// the system context).
    private func immutabilityTriggers(_ collection: Collection, columns: [SQLColumn]) -> [String] {
        guard !columns.isEmpty else { return [] }
        let table = q(collection.tableName)
        switch dialect {
        case .postgres:
            let function = q(Self.immutabilityTrigger(collection, column: nil, dialect: .postgres))
            let checks = columns.map { column in
                let c = q(column.name)
                return """
                        IF NEW.\(c) IS DISTINCT FROM OLD.\(c) AND NOT schemagen_is_system() THEN
                            RAISE EXCEPTION '\(collection.tableName).\(column.name) cannot be changed' USING ERRCODE = 'insufficient_privilege';
                        END IF;
                """
            }.joined(separator: "\n")
            return ["""
                -- \(columns.map(\.name).joined(separator: ", ")) \(columns.count == 1 ? "is" : "are") set when a row is created; only the system context may change \(columns.count == 1 ? "it" : "them").
                CREATE OR REPLACE FUNCTION \(function)() RETURNS trigger
                    LANGUAGE plpgsql
                    AS $$
                    BEGIN
                \(checks)
                        RETURN NEW;
                    END
                    $$;
                CREATE TRIGGER \(function) BEFORE UPDATE ON \(table)
                    FOR EACH ROW EXECUTE FUNCTION \(function)();
                """]
        case .sqlite:
            return columns.map { column in
                let c = q(column.name)
                return """
                    -- \(column.name) is set when a row is created and never changes.
                    CREATE TRIGGER \(q(Self.immutabilityTrigger(collection, column: column.name, dialect: .sqlite))) BEFORE UPDATE OF \(c) ON \(table)
                        WHEN NEW.\(c) IS NOT OLD.\(c)
                    BEGIN
                        SELECT RAISE(ABORT, '\(collection.tableName).\(column.name) cannot be changed');
                    END;
                    """
            }
        }
    }

    /// What refuses changes to immutable columns: PostgreSQL one trigger (and function) per
    /// table, `projects_keep_immutable`; SQLite one trigger per column, `projects_created_by_immutable`.
    static func immutabilityTrigger(_ collection: Collection, column: String?, dialect: SQLDialect) -> String {
        switch dialect {
        case .postgres: return Naming.sqlName(collection.tableName + "_keep_immutable")
        case .sqlite: return Naming.sqlName("\(collection.tableName)_\(column ?? "")_immutable")
        }
    }

    /// In an optional object, required fields are present together or not at all.
    private func presenceChecks(_ collection: Collection) -> [SQLNamedConstraint] {
        var checks: [SQLNamedConstraint] = []
        func visit(_ fields: [Field], prefix: String) {
            for field in fields {
                guard case .object(let object) = field.type else { continue }
                let objectPrefix = prefix + Naming.snakeCase(field.name)
                if !field.isRequired {
                    let required = requiredColumns(object.fields)
                    if required.count > 1 {
                        let first = q(required[0])
                        let conditions = required.dropFirst().map { "(\(first) IS NULL) = (\(q($0)) IS NULL)" }
                        let name = Naming.sqlName("\(collection.tableName)_\(objectPrefix)_check")
                        checks.append(SQLNamedConstraint(name: name, definition: "CHECK (\(conditions.joined(separator: " AND ")))"))
                    }
                }
                visit(object.fields, prefix: objectPrefix + "_")
            }
        }
        visit(collection.fields, prefix: "")
        return checks
    }

    /// Columns of required fields, through required nested objects.
    private func requiredColumns(_ fields: [Field]) -> [String] {
        fields.flatMap { field -> [String] in
            guard field.isRequired else { return [] }
            if case .object(let object) = field.type { return requiredColumns(object.fields) }
            return field.columnName.map { [$0] } ?? []
        }
    }

    // MARK: Join tables

    private func joinFields(_ collection: Collection) -> [(field: Field, reference: Reference)] {
        func visit(_ fields: [Field]) -> [(field: Field, reference: Reference)] {
            fields.flatMap { field -> [(field: Field, reference: Reference)] in
                switch field.type {
                case .object(let object): return visit(object.fields)
                case .references(let reference) where reference.joinTable != nil: return [(field, reference)]
                default: return []
                }
            }
        }
        return visit(collection.fields)
    }

    private func joinTableView(_ collection: Collection, field: Field, reference: Reference) -> SQLTableView {
        let join = reference.joinTable!
        let ownerType = dialect.keyType(collection.keyType), targetType = dialect.keyType(reference.targetKey)
        let positionType = dialect == .postgres ? "integer" : "INTEGER"
        let owner = q(join.ownerColumn), target = q(join.targetColumn)
        // Positions run from 0, so a bound on their value bounds the number of links.
        let positionRange = field.constraints.maxItems.map { "position BETWEEN 0 AND \($0 - 1)" } ?? "position >= 0"
        let uuidCheck = { (column: String, key: KeyType) in
            dialect == .sqlite && key == .uuid ? " AND length(\(column)) = 36 AND \(column) = lower(\(column))" : ""
        }
        let constraints = [
            SQLNamedConstraint(name: Naming.sqlName(join.name + "_position_check"),
                               definition: "CHECK (\(positionRange)\(uuidCheck(owner, collection.keyType))\(uuidCheck(target, reference.targetKey)))"),
            SQLNamedConstraint(name: Naming.sqlName("\(join.name)_\(join.ownerColumn)_fkey"),
                               definition: "FOREIGN KEY (\(owner)) REFERENCES \(q(collection.tableName)) (\(q(collection.keyColumn))) ON DELETE CASCADE"),
            SQLNamedConstraint(name: Naming.sqlName("\(join.name)_\(join.targetColumn)_fkey"),
                               definition: "FOREIGN KEY (\(target)) REFERENCES \(q(reference.targetTable)) (\(q(reference.targetKeyColumn))) ON DELETE CASCADE"),
            SQLNamedConstraint(name: Naming.sqlName(join.name + "_pkey"), definition: "PRIMARY KEY (\(owner), \(target))"),
        ]
        let doc = [Escaping.sqlComment("\(collection.name).\(field.dottedPath)") + ": each \(collection.modelName) links to \(reference.targetModel) records, in order."]
        return SQLTableView(
            name: q(join.name), doc: doc,
            columns: [
                SQLColumnView(definition: "\(owner) \(ownerType) NOT NULL", source: "the \(collection.modelName)",
                              name: join.ownerColumn, type: ownerType, fieldPath: "#owner"),
                SQLColumnView(definition: "\(target) \(targetType) NOT NULL", source: Escaping.sqlComment("\(field.dottedPath)[]"),
                              name: join.targetColumn, type: targetType, fieldPath: "#target"),
                SQLColumnView(definition: "position \(positionType) NOT NULL", source: Escaping.sqlComment("its place in \(field.dottedPath)"),
                              name: "position", type: positionType, fieldPath: "#position"),
            ],
            constraints: withCommas(constraints.map(constraintSQL)), options: dialect == .sqlite ? " STRICT" : "",
            statements: collection.indexes.filter { $0.joinField?.path == field.path }
                .flatMap { SQLIndexPlanner(dialect: dialect).statements(for: $0, in: collection) },
            tableName: join.name, collectionName: collection.name, joinFieldPath: field.dottedPath,
            namedConstraints: constraints)
    }

    /// `CONSTRAINT name definition`
    func constraintSQL(_ constraint: SQLNamedConstraint) -> String {
        "CONSTRAINT \(q(constraint.name)) \(constraint.definition)"
    }

    private func withCommas(_ lines: [String]) -> [String] {
        lines.enumerated().map { $0.offset == lines.count - 1 ? $0.element : $0.element + "," }
    }
}

extension Index {
    /// The `refs` field of an index over a to-many reference, which is built on its join table.
    var joinField: Field? {
        keys.first { key in
            if case .references = key.field.type { return true }
            return false
        }?.field
    }
}

/// Similarity functions for `vector` columns on PostgreSQL without pgvector.
enum SQLVectorFunctions {
    static func name(_ metric: Index.VectorMetric) -> String {
        switch metric {
        case .cosine: return "schemagen_cosine_distance"
        case .l2: return "schemagen_l2_distance"
        case .innerProduct: return "schemagen_inner_product"
        }
    }

    static func definition(_ metric: Index.VectorMetric) -> String {
        let body: String
        switch metric {
        case .cosine: body = "SELECT 1 - sum(x * y) / nullif(sqrt(sum(x * x)) * sqrt(sum(y * y)), 0) FROM unnest(a, b) AS v(x, y)"
        case .l2: body = "SELECT sqrt(sum((x - y) * (x - y))) FROM unnest(a, b) AS v(x, y)"
        case .innerProduct: body = "SELECT sum(x * y) FROM unnest(a, b) AS v(x, y)"
        }
        return """
            -- The \(metric.rawValue) \(metric == .innerProduct ? "" : "distance ")of two vectors, to order a similarity search by
            -- (PostgreSQL has no vector index without the pgvector extension).
            CREATE OR REPLACE FUNCTION \(name(metric))(a real[], b real[]) RETURNS double precision
                LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                AS $$ \(body) $$;
            """
    }
}
