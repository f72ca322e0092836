import Foundation
import SchemaRuntime

/// `schemagen diff`: how a live database's catalog differs from what the schemas produce, and
/// the statements that would reconcile them.
///
/// The expected catalog is read from a scratch copy built from the DDL (Generated/SQL): an
/// in-memory SQLite database, or on PostgreSQL a temporary schema in the same database, created
/// and rolled back in one transaction. Both catalogs are read the same way, so the comparison is
/// of like with like: tables, columns (type, nullability, default), constraints, indexes,
/// triggers, functions, policies and row-level security; `schema_migrations` is left out.
public enum SchemaDrift {
    /// One object of a catalog: its kind, name (`notes.title` for a column) and definition.
    public struct Entry: Sendable, Hashable {
        public var kind: String
        public var table: String?
        public var name: String
        public var definition: String
        /// The statement that creates it, when the catalog gives one.
        public var create: String?

        var key: String { "\(kind) \(table.map { $0 + "." } ?? "")\(name)" }
    }

    public struct Difference: Sendable, Hashable, CustomStringConvertible {
        public enum Change: String, Sendable { case missing, extra, differs }
        public var change: Change
        public var expected: Entry?
        public var live: Entry?

        /// The object the difference is about (as the schemas say, when they have it).
        public var entry: Entry { (expected ?? live)! }

        public var description: String {
            switch change {
            case .missing: return "missing: \(entry.key): \(entry.definition)"
            case .extra: return "extra: \(entry.key): \(entry.definition)"
            case .differs: return "differs: \(entry.key): the database has \(live!.definition); the schemas say \(expected!.definition)"
            }
        }
    }

    public struct Report: Sendable {
        public var differences: [Difference]
        /// Statements that would make the live database what the schemas say, in order; a line
        /// starting with `--` explains what can't be done by a statement alone.
        public var statements: [String]
        public var isClean: Bool { differences.isEmpty }
    }

    // MARK: Catalogs

    /// The catalog of `database` (on PostgreSQL, of `schema`, default the current one).
    public static func catalog(of database: any DatabaseExecutor, schema: String? = nil) async throws -> [Entry] {
        switch database.dialect {
        case .sqlite: return try await sqliteCatalog(database)
        case .postgres: return try await postgresCatalog(database, schema: schema)
        }
    }

    /// The catalog of `ddl` built in a temporary schema of the PostgreSQL `database`, rolled
    /// back afterwards: nothing stays.
    public static func expectedPostgresCatalog(ddl: String, in database: any DatabaseExecutor) async throws -> [Entry] {
        struct RollBack: Error { var entries: [Entry] }
        let schema = "schemagen_diff_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        do {
            _ = try await database.transaction(as: .system) { tx -> Int in
                try await tx.execute("CREATE SCHEMA \(schema)", [])
                try await tx.execute("SET LOCAL search_path TO \(schema), public", [])
                for statement in statements(ddl) { try await tx.execute(statement, []) }
                throw RollBack(entries: try await postgresCatalog(tx, schema: schema))
            }
        } catch let rollBack as RollBack {
            return rollBack.entries
        }
        return []
    }

    private static func sqliteCatalog(_ database: any DatabaseExecutor) async throws -> [Entry] {
        var entries: [Entry] = []
        let objects = try await database.query("""
            SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master
            WHERE name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY type, name
            """, [])
        for object in objects {
            let (type, name, table, sql) = (try object.string(0), try object.string(1), try object.string(2), try object.string(3))
            if type == "table" {
                // Columns one by one; the table's constraints (and STRICT and such) as its definition.
                let columns = try await database.query("SELECT name, type, \"notnull\", coalesce(dflt_value, '') FROM pragma_table_info(?)", [.text(name)])
                for column in columns {
                    let definition = try column.string(1) + (try column.int(2) == 1 ? " NOT NULL" : "")
                        + (try column.string(3).isEmpty ? "" : " DEFAULT " + (try column.string(3)))
                    entries.append(Entry(kind: "column", table: name, name: try column.string(0), definition: definition,
                                         create: "ALTER TABLE \(name) ADD COLUMN \(try column.string(0)) \(definition);"))
                }
                let constraints = tableEntries(normalized(sql)).filter { $0.hasPrefix("CONSTRAINT ") || $0.hasPrefix("PRIMARY KEY") }.sorted()
                let options = normalized(sql).components(separatedBy: ")").last?.trimmingCharacters(in: .whitespaces) ?? ""
                entries.append(Entry(kind: "table", table: nil, name: name,
                                     definition: (constraints + (options.isEmpty ? [] : [options])).joined(separator: ", "), create: sql + ";"))
            } else {
                entries.append(Entry(kind: type, table: table, name: name, definition: normalized(sql), create: sql.isEmpty ? nil : sql + ";"))
            }
        }
        return entries
    }

    private static func postgresCatalog(_ database: any DatabaseExecutor, schema: String?) async throws -> [Entry] {
        let namespace = schema.map { "'\($0)'::regnamespace" } ?? "current_schema()::regnamespace"
        var entries: [Entry] = []
        // Names as the schema's own, unqualified: the catalog qualifies what isn't on the
        // search path (the live database's `public.`, the scratch schema's name).
        func strip(_ text: String) -> String {
            let unqualified = text.replacingOccurrences(of: "public.", with: "")
            return schema.map { unqualified.replacingOccurrences(of: "'\($0)', ", with: "").replacingOccurrences(of: "\($0).", with: "") } ?? unqualified
        }
        // A function's search_path is the one of the session that made it: not part of the schema.
        func withoutSearchPath(_ text: String) -> String {
            text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix(" SET search_path TO ") }.joined(separator: "\n")
        }
        let columns = try await database.query("""
            SELECT c.relname::text, a.attname::text, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                   coalesce(pg_get_expr(d.adbin, d.adrelid), '')
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE c.relnamespace = \(namespace) AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
              AND c.relname <> 'schema_migrations'
            ORDER BY 1, 2
            """, [])
        for row in columns {
            let table = try row.string(0), name = try row.string(1)
            let definition = try row.string(2) + (try row.bool(3) ? " NOT NULL" : "") + (try row.string(4).isEmpty ? "" : " DEFAULT " + strip(try row.string(4)))
            entries.append(Entry(kind: "column", table: table, name: name, definition: definition,
                                 create: "ALTER TABLE \(table) ADD COLUMN \(name) \(definition);"))
        }
        let tables = try await database.query("""
            SELECT relname::text, relrowsecurity, relforcerowsecurity FROM pg_class
            WHERE relnamespace = \(namespace) AND relkind = 'r' AND relname <> 'schema_migrations' ORDER BY 1
            """, [])
        for row in tables {
            entries.append(Entry(kind: "table", table: nil, name: try row.string(0),
                                 definition: "row level security \(try row.bool(1) ? "enabled" : "disabled")\(try row.bool(2) ? ", forced" : "")", create: nil))
        }
        let constraints = try await database.query("""
            SELECT c.relname::text, k.conname::text, pg_get_constraintdef(k.oid) FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
            WHERE k.connamespace = \(namespace) AND c.relname <> 'schema_migrations' ORDER BY 1, 2
            """, [])
        for row in constraints {
            let table = try row.string(0), name = try row.string(1), definition = strip(try row.string(2))
            entries.append(Entry(kind: "constraint", table: table, name: name, definition: definition,
                                 create: "ALTER TABLE \(table) ADD CONSTRAINT \(name) \(definition);"))
        }
        let indexes = try await database.query("""
            SELECT i.tablename::text, i.indexname::text, i.indexdef FROM pg_indexes i
            WHERE i.schemaname = \(schema.map { "'\($0)'" } ?? "current_schema()") AND i.tablename <> 'schema_migrations'
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname AND k.connamespace = \(namespace))
            ORDER BY 1, 2
            """, [])
        for row in indexes {
            let definition = strip(try row.string(2))
            entries.append(Entry(kind: "index", table: try row.string(0), name: try row.string(1), definition: definition, create: definition + ";"))
        }
        let triggers = try await database.query("""
            SELECT c.relname::text, t.tgname::text, pg_get_triggerdef(t.oid) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
            WHERE c.relnamespace = \(namespace) AND NOT t.tgisinternal ORDER BY 1, 2
            """, [])
        for row in triggers {
            let definition = strip(try row.string(2))
            entries.append(Entry(kind: "trigger", table: try row.string(0), name: try row.string(1), definition: definition, create: definition + ";"))
        }
        let functions = try await database.query("""
            SELECT proname::text, pg_get_functiondef(oid) FROM pg_proc WHERE pronamespace = \(namespace) ORDER BY 1, 2
            """, [])
        for row in functions {
            let definition = strip(try row.string(1))
            entries.append(Entry(kind: "function", table: nil, name: try row.string(0),
                                 definition: withoutSearchPath(definition).split(whereSeparator: \.isWhitespace).joined(separator: " "),
                                 create: definition.trimmingCharacters(in: .whitespacesAndNewlines) + ";"))
        }
        let policies = try await database.query("""
            SELECT tablename::text, policyname::text, permissive, cmd, array_to_string(roles, ', '), coalesce(qual, ''), coalesce(with_check, '')
            FROM pg_policies WHERE schemaname = \(schema.map { "'\($0)'" } ?? "current_schema()") ORDER BY 1, 2
            """, [])
        for row in policies {
            let table = try row.string(0), name = try row.string(1)
            let using = strip(try row.string(5)), check = strip(try row.string(6))
            var create = "CREATE POLICY \(name) ON \(table) AS \(try row.string(2)) FOR \(try row.string(3)) TO \(try row.string(4))"
            if !using.isEmpty { create += " USING (\(using))" }
            if !check.isEmpty { create += " WITH CHECK (\(check))" }
            entries.append(Entry(kind: "policy", table: table, name: name, definition: create, create: create + ";"))
        }
        return entries
    }

    // MARK: Comparing

    /// The differences between `live` and `expected`, and the statements that reconcile them.
    public static func compare(live: [Entry], expected: [Entry], dialect: DatabaseDialect) -> Report {
        let liveByKey = Dictionary(live.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let expectedByKey = Dictionary(expected.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var differences: [Difference] = []
        for entry in expected {
            if let found = liveByKey[entry.key] {
                if found.definition != entry.definition { differences.append(Difference(change: .differs, expected: entry, live: found)) }
            } else {
                differences.append(Difference(change: .missing, expected: entry, live: nil))
            }
        }
        for entry in live where expectedByKey[entry.key] == nil {
            differences.append(Difference(change: .extra, expected: nil, live: entry))
        }
        return Report(differences: differences, statements: reconcile(differences, dialect: dialect))
    }

    private static func reconcile(_ differences: [Difference], dialect: DatabaseDialect) -> [String] {
        let missingTables = Set(differences.filter { $0.change == .missing && $0.entry.kind == "table" }.map(\.entry.name))
        let extraTables = Set(differences.filter { $0.change == .extra && $0.entry.kind == "table" }.map(\.entry.name))
        var drops: [String] = [], creates: [String] = [], alters: [String] = [], notes: [String] = []
        var rebuild: Set<String> = []
        func drop(_ entry: Entry) -> String? {
            switch entry.kind {
            case "table": return "DROP TABLE \(entry.name);"
            case "index": return "DROP INDEX \(entry.name);"
            case "trigger": return dialect == .sqlite ? "DROP TRIGGER \(entry.name);" : "DROP TRIGGER \(entry.name) ON \(entry.table!);"
            case "view": return "DROP VIEW \(entry.name);"
            case "policy": return "DROP POLICY \(entry.name) ON \(entry.table!);"
            case "constraint": return "ALTER TABLE \(entry.table!) DROP CONSTRAINT \(entry.name);"
            case "column": return dialect == .postgres ? "ALTER TABLE \(entry.table!) DROP COLUMN \(entry.name);" : nil
            default: return nil
            }
        }
        for difference in differences {
            let entry = difference.entry
            // A missing or extra table takes its columns, constraints and so on with it.
            if let table = entry.table, entry.kind != "index" && entry.kind != "trigger" && entry.kind != "policy",
               missingTables.contains(table) || extraTables.contains(table) { continue }
            if let table = entry.table, extraTables.contains(table) { continue }
            switch (difference.change, entry.kind, dialect) {
            case (.missing, "table", .postgres):
                creates.append(entry.create ?? "-- table \(entry.name): see Generated/SQL/postgres.sql")
            case (.differs, "table", .postgres):
                alters.append("ALTER TABLE \(entry.name) \(entry.definition.hasPrefix("row level security enabled") ? "ENABLE" : "DISABLE") ROW LEVEL SECURITY;")
                alters.append("ALTER TABLE \(entry.name) \(entry.definition.hasSuffix("forced") ? "" : "NO ")FORCE ROW LEVEL SECURITY;")
            case (.differs, "table", .sqlite), (.differs, "column", .sqlite), (.extra, "column", .sqlite):
                rebuild.insert(entry.table ?? entry.name)
            case (.missing, "column", .sqlite):
                let definition = entry.definition
                if definition.contains("NOT NULL") && !definition.contains("DEFAULT") || definition.contains("DEFAULT (") {
                    rebuild.insert(entry.table!)
                } else {
                    alters.append(entry.create!)
                }
            case (.differs, "column", .postgres):
                let (was, now) = (difference.live!.definition, entry.definition)
                let type = { (text: String) in text.components(separatedBy: " NOT NULL").first!.components(separatedBy: " DEFAULT ").first! }
                let defaultOf = { (text: String) in text.components(separatedBy: " DEFAULT ").dropFirst().first }
                let (table, column) = (entry.table!, entry.name)
                if type(was) != type(now) { alters.append("ALTER TABLE \(table) ALTER COLUMN \(column) TYPE \(type(now)) USING \(column)::\(type(now));") }
                if defaultOf(was) != defaultOf(now) {
                    alters.append(defaultOf(now).map { "ALTER TABLE \(table) ALTER COLUMN \(column) SET DEFAULT \($0);" }
                                  ?? "ALTER TABLE \(table) ALTER COLUMN \(column) DROP DEFAULT;")
                }
                if was.contains(" NOT NULL") != now.contains(" NOT NULL") {
                    alters.append("ALTER TABLE \(table) ALTER COLUMN \(column) \(now.contains(" NOT NULL") ? "SET" : "DROP") NOT NULL;")
                }
            case (.missing, _, _):
                if let create = entry.create { creates.append(create) } else { notes.append("-- \(entry.key): see Generated/SQL") }
            case (.extra, _, _):
                if let statement = drop(entry) { drops.append(statement) }
            case (.differs, _, _):
                if entry.kind == "function", let create = entry.create {
                    creates.append(create)  // CREATE OR REPLACE
                } else {
                    if let statement = drop(difference.live!) { drops.append(statement) }
                    if let create = entry.create { creates.append(create) }
                }
            }
        }
        for table in rebuild.sorted() {
            notes.append("-- \(table): its columns or constraints differ in ways SQLite's ALTER TABLE can't change: rebuild it "
                         + "(create the table as Generated/SQL/sqlite.sql has it, copy the rows, drop, rename; see docs/migrations.md)")
        }
        // Tables before what goes on them; foreign keys among new tables are in their CREATE.
        let tablesFirst = creates.filter { $0.hasPrefix("CREATE TABLE") } + creates.filter { !$0.hasPrefix("CREATE TABLE") }
        return drops + alters + tablesFirst + notes
    }

    // MARK: Text

    /// A script's statements, split at semicolons outside quotes, dollar quotes and comments.
    static func statements(_ script: String) -> [String] {
        let text = Array(script)
        var statements: [String] = [], current = ""
        var quote: Character? = nil, dollarTag: [Character]? = nil, inComment = false
        var index = 0
        func flush() {
            let statement = current.trimmingCharacters(in: .whitespacesAndNewlines)
            let hasCode = statement.split(separator: "\n").contains { line in
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                return !trimmed.isEmpty && !trimmed.hasPrefix("--")
            }
            if hasCode { statements.append(statement) }
            current = ""
        }
        while index < text.count {
            let character = text[index]
            if inComment {
                if character == "\n" { inComment = false }
            } else if let tag = dollarTag {
                if Array(text[index...].prefix(tag.count)) == tag {
                    current += String(tag)
                    index += tag.count
                    dollarTag = nil
                    continue
                }
            } else if let open = quote {
                if character == open { quote = nil }
            } else if character == "-", index + 1 < text.count, text[index + 1] == "-" {
                inComment = true
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "$" {
                var end = index + 1
                while end < text.count, text[end].isLetter || text[end].isNumber || text[end] == "_" { end += 1 }
                if end < text.count, text[end] == "$" {
                    let tag = Array(text[index...end])
                    current += String(tag)
                    index = end + 1
                    dollarTag = tag
                    continue
                }
            } else if character == ";" {
                current.append(character)
                flush()
                index += 1
                continue
            }
            current.append(character)
            index += 1
        }
        flush()
        return statements
    }

    /// One line, quotes and comments out, single spaces.
    static func normalized(_ sql: String) -> String {
        sql.split(separator: "\n").map { line in line.range(of: "--").map { String(line[..<$0.lowerBound]) } ?? String(line) }
            .joined(separator: " ").replacingOccurrences(of: "\"", with: "")
            .split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
            .replacingOccurrences(of: "( ", with: "(").replacingOccurrences(of: " )", with: ")")
    }

    /// The comma-separated entries of a CREATE TABLE's parentheses.
    static func tableEntries(_ create: String) -> [String] {
        guard let open = create.firstIndex(of: "(") else { return [] }
        var depth = 0, entries: [String] = [], current = "", inString = false
        for character in create[create.index(after: open)...] {
            if character == "'" { inString.toggle() }
            if !inString {
                if character == "(" { depth += 1 }
                if character == ")" {
                    if depth == 0 { break }
                    depth -= 1
                }
                if character == ",", depth == 0 {
                    entries.append(current.trimmingCharacters(in: .whitespaces))
                    current = ""
                    continue
                }
            }
            current.append(character)
        }
        entries.append(current.trimmingCharacters(in: .whitespaces))
        return entries
    }
}
