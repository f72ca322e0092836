/// The statements behind one schema index. Where a dialect cannot build the index as written,
/// it gets its nearest real equivalent and a comment that says so:
///
/// - text: PostgreSQL a GIN index over `to_tsvector('english', …)`; SQLite an FTS5 table kept
///   in sync by triggers.
/// - ttl: an index on the time column, plus what deletes expired rows (PostgreSQL a function to
///   run on a schedule, SQLite a trigger after each insert).
/// - vector: no similarity index exists in either engine as installed; searches scan, ordered
///   by a distance function.
/// - json: PostgreSQL a GIN index over the jsonb column (`jsonb_path_ops` with `pathOps`), or
///   over a native array column (`storage: array`) with its default operator class;
///   SQLite has no index over the inside of a JSON value, so a comment says so and containment
///   reads each row's JSON.
/// - an index over a to-many reference: an index on its join table.
struct SQLIndexPlanner {
    let dialect: SQLDialect

    private func q(_ identifier: String) -> String { dialect.quoted(identifier) }

    func statements(for index: Index, in collection: Collection) -> [String] {
        let table = collection.tableName
        let comment = Escaping.docLines(index.description).map { "-- \($0)\n" }.joined()
        switch index.kind {
        case .standard:
            if let refs = index.joinField {
                return [comment + joinTableIndex(index, refs: refs, in: collection)]
            }
            return [comment + createIndex(index, table: table)]
        case .text:
            return dialect == .postgres ? [comment + postgresTextIndex(index, table: table)] : [comment + sqliteTextSearch(index, table: table)]
        case .ttl(let seconds, let written):
            return [comment + createIndex(index, table: table), expiry(index, table: table, seconds: seconds, written: written)]
        case .vector(let metric):
            let column = index.keys[0].field.columnName ?? ""
            let how = dialect == .postgres
                ? "order by \(SQLVectorFunctions.name(metric))(\(column), $1)"
                : "the repository computes the \(metric.rawValue) distance of each row"
            return [comment + "-- \(Escaping.sqlComment(index.name)): a \(metric.rawValue) similarity index on \(column) needs a vector extension this database doesn't have;\n-- searches scan the table: \(how)."]
        case .json(let pathOps):
            let column = index.keys[0].field.columnName ?? ""
            switch dialect {
            case .postgres:
                // A native array (`storage: array`) uses its type's default operator class.
                let operatorClass = pathOps && index.keys[0].field.nativeArrayElement == nil ? " jsonb_path_ops" : ""
                return [comment + "CREATE INDEX \(q(index.name)) ON \(q(table)) USING gin (\(q(column))\(operatorClass))\(whereClause(index));"]
            case .sqlite:
                return [comment + "-- \(Escaping.sqlComment(index.name)): SQLite has no index over the inside of a JSON value (PostgreSQL builds a GIN index on \(Escaping.sqlComment(column)));\n-- a containment test reads each row's JSON with json_each."]
            }
        }
    }

    /// SQLite: the triggers that keep a text index's FTS5 table in sync (insert, delete, update).
    static func textSearchTriggers(_ index: Index) -> [String] {
        ["_insert", "_delete", "_update"].map { Naming.sqlName(index.name + $0) }
    }

    /// What deletes a TTL index's expired rows: PostgreSQL a function, SQLite a trigger.
    static func expiryObject(_ index: Index, dialect: SQLDialect) -> String {
        Naming.sqlName(index.name + (dialect == .postgres ? "_delete_expired" : "_expire"))
    }

    private func columnList(_ index: Index) -> String {
        index.keys.map { key in q(key.field.columnName ?? "") + (key.descending ? " DESC" : "") }.joined(separator: ", ")
    }

    private func createIndex(_ index: Index, table: String) -> String {
        "CREATE \(index.isUnique ? "UNIQUE " : "")INDEX \(q(index.name)) ON \(q(table)) (\(columnList(index)))\(whereClause(index));"
    }

    private func whereClause(_ index: Index) -> String {
        guard !index.conditions.isEmpty else { return "" }
        return " WHERE " + conditionSQL(index.conditions)
    }

    func conditionSQL(_ conditions: [Index.Condition]) -> String {
        conditions.map { condition in
            let column = q(condition.field.columnName ?? "")
            let value = { (value: DefaultValue) in dialect.defaultValue(value, type: condition.field.type) }
            switch condition.test {
            case .equals(let v): return "\(column) = \(value(v))"
            case .notEquals(let v): return "\(column) <> \(value(v))"
            case .isIn(let values): return "\(column) IN (\(values.map(value).joined(separator: ", ")))"
            case .isNull(let flag): return "\(column) IS \(flag ? "" : "NOT ")NULL"
            }
        }.joined(separator: " AND ")
    }

    /// An index naming a `refs` field lives on the join table: it finds the records that link to
    /// a given target. Other fields of the index are on the collection's own table.
    private func joinTableIndex(_ index: Index, refs: Field, in collection: Collection) -> String {
        guard case .references(let reference) = refs.type, let join = reference.joinTable else { return "" }
        let others = index.keys.filter { $0.field.path != refs.path }.map { $0.field.dottedPath }
        var note = "-- " + Escaping.sqlComment("\(index.name) spans the to-many reference \(refs.dottedPath)") + ", so it is built on \(join.name)"
        if !others.isEmpty {
            note += ";\n-- \(Escaping.sqlComment(others.joined(separator: ", "))) is read from \(collection.tableName) for each linked row"
        }
        return note + ".\nCREATE INDEX \(q(index.name)) ON \(q(join.name)) (\(q(join.targetColumn)), \(q(join.ownerColumn)));"
    }

    func textExpression(_ index: Index) -> String {
        index.keys.map { "coalesce(\(q($0.field.columnName ?? "")), '')" }.joined(separator: " || ' ' || ")
    }

    private func postgresTextIndex(_ index: Index, table: String) -> String {
        "CREATE INDEX \(q(index.name)) ON \(q(table)) USING gin (to_tsvector('english', \(textExpression(index))));"
    }

    /// An external-content FTS5 table over the indexed columns, kept in sync by triggers.
    private func sqliteTextSearch(_ index: Index, table: String) -> String {
        let search = q(index.name)
        let columns = index.keys.map { q($0.field.columnName ?? "") }
        let names = columns.joined(separator: ", ")
        let new = columns.map { "new.\($0)" }.joined(separator: ", ")
        let old = columns.map { "old.\($0)" }.joined(separator: ", ")
        let insert = "INSERT INTO \(search) (rowid, \(names)) VALUES (new.rowid, \(new));"
        let delete = "INSERT INTO \(search) (\(search), rowid, \(names)) VALUES ('delete', old.rowid, \(old));"
        let triggers = Self.textSearchTriggers(index)
        return """
            CREATE VIRTUAL TABLE \(search) USING fts5(\(names), content=\(dialect.literal(table)), content_rowid='rowid', tokenize='porter unicode61');
            CREATE TRIGGER \(q(triggers[0])) AFTER INSERT ON \(q(table)) BEGIN
                \(insert)
            END;
            CREATE TRIGGER \(q(triggers[1])) AFTER DELETE ON \(q(table)) BEGIN
                \(delete)
            END;
            CREATE TRIGGER \(q(triggers[2])) AFTER UPDATE OF \(names) ON \(q(table)) BEGIN
                \(delete)
                \(insert)
            END;
            """
    }

    /// What deletes a TTL index's expired rows.
    private func expiry(_ index: Index, table: String, seconds: Int, written: String) -> String {
        let column = q(index.keys[0].field.columnName ?? "")
        let conditions = index.conditions.isEmpty ? "" : " AND " + conditionSQL(index.conditions)
        switch dialect {
        case .postgres:
            let function = q(Self.expiryObject(index, dialect: .postgres))
            // The body holds the index's `where` values: its dollar quote is one they don't contain.
            // (The rest of the body holds no `$`.)
            let tag = Escaping.dollarTag(for: " \(q(table)) \(column) \(conditions) ")
            return """
                -- Rows expire \(written) after \(column). Run SELECT \(function)(); on a schedule (pg_cron, or the
                -- application's deleteExpired) as the system context; it returns how many rows it deleted.
                CREATE OR REPLACE FUNCTION \(function)() RETURNS bigint
                    LANGUAGE sql
                    AS \(tag)
                        WITH expired AS (
                            DELETE FROM \(q(table)) WHERE \(column) < now() - \(dialect.expiry(seconds: seconds))\(conditions) RETURNING 1
                        )
                        SELECT count(*) FROM expired
                    \(tag);
                """
        case .sqlite:
            return """
                -- Rows expire \(written) after \(column): each insert deletes the rows that have.
                CREATE TRIGGER \(q(Self.expiryObject(index, dialect: .sqlite))) AFTER INSERT ON \(q(table)) BEGIN
                    DELETE FROM \(q(table)) WHERE \(column) < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', \(dialect.expiry(seconds: seconds)))\(conditions);
                END;
                """
        }
    }
}
