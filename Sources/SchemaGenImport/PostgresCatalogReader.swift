import Foundation
import PostgresNIO
import SchemaGenCore

/// Reads a PostgreSQL schema's catalog (`pg_catalog`) over one connection, in one read-only
/// transaction. One connection rather than a pool: an unreachable server is an error at once,
/// not after the pool's minute of retries.
public enum PostgresCatalogReader {
    public static func read(url: String, schema: String = "public") async throws -> DatabaseCatalog {
        let configuration = try Self.configuration(url: url)
        let place = "\(configuration.host ?? "?"):\(configuration.port ?? 5432)/\(configuration.database ?? configuration.username)"
        var logger = Logger(label: "schemagen.import")
        logger.logLevel = .critical
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        } catch {
            throw CatalogReadError("cannot connect to PostgreSQL at \(place): \(describe(error))")
        }
        do {
            let catalog = try await readCatalog(connection, schema: schema, logger: logger)
            try? await connection.close()
            return catalog
        } catch {
            try? await connection.close()
            if let error = error as? CatalogReadError { throw error }
            throw CatalogReadError("cannot read the catalog of PostgreSQL at \(place): \(describe(error))")
        }
    }

    /// The server's own message when there is one (`permission denied for …`, `database … does not exist`).
    static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            if let underlying = error.underlying { return "\(underlying)" }
            return "\(error.code)"
        }
        return "\(error)"
    }

    static func configuration(url: String) throws -> PostgresConnection.Configuration {
        // The URL is not repeated in errors: it may hold a password.
        guard let components = URLComponents(string: url),
              let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql",
              let host = components.host, !host.isEmpty else {
            throw CatalogReadError("not a PostgreSQL URL: expected postgres://user:password@host:port/database")
        }
        let sslMode = components.queryItems?.last { $0.name == "sslmode" }?.value?.lowercased()
        var tls = PostgresConnection.Configuration.TLS.disable
        if ["require", "verify-ca", "verify-full"].contains(sslMode ?? "") {
            tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        let database = String(components.path.drop { $0 == "/" })
        return PostgresConnection.Configuration(host: host, port: components.port ?? 5432, username: components.user ?? "postgres",
                                                password: components.password, database: database.isEmpty ? nil : database, tls: tls)
    }

    private static let separator = "\u{1F}"

    /// Rows of text (every selected value is text or NULL).
    static func rows(_ connection: PostgresConnection, _ sql: String, schema: String, logger: Logger) async throws -> [[String?]] {
        var bindings = PostgresBindings()
        bindings.append(schema)
        let result = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
        var rows: [[String?]] = []
        for try await row in result {
            rows.append(try row.map { try $0.decode(String?.self) })
        }
        return rows
    }

    static func readCatalog(_ connection: PostgresConnection, schema: String, logger: Logger) async throws -> DatabaseCatalog {
        func query(_ sql: String) async throws -> [[String?]] { try await rows(connection, sql, schema: schema, logger: logger) }
        let found = try await query("SELECT nspname::text FROM pg_namespace WHERE nspname = $1")
        guard !found.isEmpty else { throw CatalogReadError("PostgreSQL has no schema '\(schema)'") }
        var catalog = DatabaseCatalog(engine: .postgres)
        let tables = try await query("""
            SELECT c.relname::text, obj_description(c.oid, 'pg_class'), c.relrowsecurity::text
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition
            ORDER BY c.relname
            """)
        let columns = try await query("""
            SELECT c.relname::text, a.attname::text, format_type(a.atttypid, a.atttypmod), a.attnotnull::text,
                   pg_get_expr(d.adbin, d.adrelid), col_description(a.attrelid, a.attnum), nullif(a.attidentity::text, ''),
                   nullif(a.attgenerated::text, '')
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY c.relname, a.attnum
            """)
        let constraints = try await query("""
            SELECT c.relname::text, con.conname::text, con.contype::text,
                   (SELECT string_agg(a.attname::text, E'\\x1f' ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum),
                   CASE WHEN con.contype = 'c' THEN pg_get_expr(con.conbin, con.conrelid) END,
                   fc.relname::text,
                   (SELECT string_agg(a.attname::text, E'\\x1f' ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum),
                   nullif(con.confdeltype::text, ' '), nullif(con.confupdtype::text, ' ')
            FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_class fc ON fc.oid = con.confrelid
            WHERE n.nspname = $1 AND con.contype IN ('p', 'u', 'c', 'f', 'x')
            ORDER BY c.relname, con.conname
            """)
        let indexes = try await query("""
            SELECT c.relname::text, i.relname::text, x.indisunique::text, am.amname::text, pg_get_indexdef(i.oid),
                   pg_get_expr(x.indpred, x.indrelid),
                   EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.oid AND con.contype IN ('p', 'u', 'x'))::text
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am am ON am.oid = i.relam
            WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')
            ORDER BY c.relname, i.relname
            """)
        let indexKeys = try await query("""
            SELECT i.relname::text, k.n::text,
                   (SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = x.indrelid AND a.attnum = x.indkey[k.n - 1] AND x.indkey[k.n - 1] <> 0),
                   pg_get_indexdef(i.oid, k.n, true), (x.indoption[k.n - 1] & 1)::text
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace CROSS JOIN LATERAL generate_series(1, x.indnkeyatts::int) AS k(n)
            WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')
            ORDER BY i.relname, k.n
            """)
        let policies = try await query("SELECT tablename::text, policyname::text, cmd::text FROM pg_policies WHERE schemaname = $1 ORDER BY 1, 2")
        let enums = try await query("""
            SELECT t.typname::text, e.enumlabel::text FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
            JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = $1 ORDER BY t.typname, e.enumsortorder
            """)
        let triggers = try await query("""
            SELECT c.relname::text, t.tgname::text, pg_get_triggerdef(t.oid) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND NOT t.tgisinternal ORDER BY 1, 2
            """)
        let functions = try await query("""
            SELECT p.proname::text, p.prosrc FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = $1 ORDER BY p.proname, p.prosrc
            """)

        for enumName in Array(Set(enums.compactMap { $0[0] })).sorted() {
            catalog.enumTypes.append(DatabaseCatalog.EnumType(name: enumName, labels: enums.filter { $0[0] == enumName }.compactMap { $0[1] }))
        }
        catalog.triggers = triggers.map { DatabaseCatalog.Trigger(name: $0[1] ?? "", table: $0[0] ?? "", definition: $0[2] ?? "") }
        catalog.functions = functions.map { DatabaseCatalog.Function(name: $0[0] ?? "", body: $0[1] ?? "") }
        let deleteRules = ["a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"]
        let kinds: [String: DatabaseCatalog.Constraint.Kind] = ["p": .primaryKey, "u": .unique, "c": .check, "f": .foreignKey, "x": .exclusion]
        for row in tables {
            let name = row[0] ?? ""
            var table = DatabaseCatalog.Table(name: name, comment: row[1], columns: [], rowLevelSecurity: row[2] == "true")
            for column in columns where column[0] == name {
                var type = column[2] ?? ""
                if column[7] != nil { type += " (generated)" }
                table.columns.append(DatabaseCatalog.Column(name: column[1] ?? "", type: type, isNullable: column[3] != "true",
                                                            defaultExpression: column[4], comment: column[5], identity: column[6]))
            }
            for constraint in constraints where constraint[0] == name {
                let split = { (text: String?) in text.map { $0.components(separatedBy: separator) } ?? [] }
                table.constraints.append(DatabaseCatalog.Constraint(
                    name: constraint[1], kind: kinds[constraint[2] ?? ""] ?? .exclusion, columns: split(constraint[3]),
                    expression: constraint[4], foreignTable: constraint[5], foreignColumns: split(constraint[6]),
                    onDelete: constraint[7].flatMap { deleteRules[$0] }, onUpdate: constraint[8].flatMap { deleteRules[$0] }))
            }
            table.constraints.sort { ($0.kind, $0.name ?? "") < ($1.kind, $1.name ?? "") }
            for index in indexes where index[0] == name && index[6] != "true" {
                let indexName = index[1] ?? ""
                let keys = indexKeys.filter { $0[0] == indexName }.map { key in
                    DatabaseCatalog.Index.Key(column: key[2], expression: key[2] == nil ? key[3] : nil, descending: key[4] == "1")
                }
                table.indexes.append(DatabaseCatalog.Index(name: indexName, isUnique: index[2] == "true", method: index[3] ?? "btree",
                                                           keys: keys, predicate: index[5], definition: index[4] ?? ""))
            }
            table.policies = policies.filter { $0[0] == name }.map { DatabaseCatalog.Policy(name: $0[1] ?? "", command: $0[2] ?? "") }
            catalog.tables.append(table)
        }
        return catalog
    }
}
