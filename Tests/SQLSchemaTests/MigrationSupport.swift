import Foundation
import Testing
@testable import SchemaGenCore

/// Schemas of the migration tests, written in code: a principal `users` and a `notes`
/// collection that each scenario edits.
enum MigrationSchemas {
    static let users = """
        name: users
        principal: true
        fields:
          email: { type: email, required: true, unique: true }
          name: { type: string, required: true, maxLength: 100 }
          role: { type: enum, values: [user, admin], default: user, required: true }
        access:
          read: [self, admin]
          update: [self, admin]
        """

    /// `notes` with the given fields, indexes and access (YAML bodies, indented by two).
    static func notes(name: String = "notes", extra: String = "", fields: String, indexes: String = "",
                      access: String = defaultAccess) -> String {
        var text = "name: \(name)\n\(extra)fields:\n\(fields)\n"
        if !indexes.isEmpty { text += "indexes:\n\(indexes)\n" }
        return text + "access:\n\(access)\n"
    }

    static let defaultAccess = """
          read: [{ owner: owner }, admin]
          create: [authenticated]
          update: [{ owner: owner }]
          delete: [{ owner: owner }, admin]
        """

    static let baseFields = """
          title: { type: string, required: true, maxLength: 200 }
          body: { type: text }
          status: { type: enum, values: [draft, published, archived], default: draft, required: true }
          owner: { type: ref, to: users, required: true, onDelete: cascade }
          readers: { type: refs, to: users }
          score: { type: int }
          settings:
            type: object
            fields:
              color: { type: string, default: blue, required: true }
        """

    static let baseIndexes = """
          - fields: [owner, status]
          - fields: [title]
            kind: text
        """

    static func resolve(_ files: [String: String]) throws -> Schema {
        try Pipeline.resolve(files.sorted { $0.key < $1.key }.map { SchemaSource(path: "schemas/\($0.key).yaml", contents: $0.value) })
    }

    static func ddl(_ schema: Schema, _ dialect: SQLDialect) -> String {
        var options = GenerationOptions()
        options.outputs = [.sql]
        return Pipeline.render(schema, options: options).first { $0.path == "SQL/\(dialect.rawValue).sql" }!.contents
    }

    /// The migration from `old` to `new` for `dialect`, as `schemagen migrate` writes it.
    static func migration(from old: Schema?, to new: Schema, _ dialect: SQLDialect, version: Int = 2) throws -> (sql: String, plan: MigrationPlan) {
        let snapshot = old.map(SchemaSnapshot.of) ?? .empty
        let plan = try MigrationPlanner.plan(from: snapshot, to: new, snapshotPath: "Generated/Migrations/snapshot.json")
        let files = Renderer.render(MigrationFilePlanner.plan(plan, version: version, name: "test"), with: .embedded())
        return (files.first { $0.path.hasPrefix("Migrations/\(dialect.rawValue)/") }!.contents, plan)
    }
}

/// What a database's catalog says about its schema, in a form two databases can be compared in:
/// tables, columns (type, nullability, default, identity, comment), constraints (checks and
/// foreign keys with their rules, and whether they are validated), indexes, triggers, functions,
/// enum types, policies and row-level security. The table of applied migrations is left out.
func catalog(of database: any SQLDatabase) async throws -> [String] {
    switch database.dialect {
    case .sqlite:
        // The CREATE text holds every column, type, default and constraint; comments, quotes and
        // spacing are not part of the schema (SQLite quotes a name it rewrites on RENAME).
        let rows = try await database.execute("""
            SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master
            WHERE name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY type, name;
            """)
        let text = rows.map { row in
            let sql = row[3].split(separator: "\n").map { line in
                line.range(of: "--").map { String(line[..<$0.lowerBound]) } ?? String(line)
            }.joined(separator: " ")
            let normalized = sql.replacingOccurrences(of: "\"", with: "").split(whereSeparator: { $0 == " " || $0 == "\t" })
                .joined(separator: " ").replacingOccurrences(of: "( ", with: "(").replacingOccurrences(of: " )", with: ")")
            return "\(row[0]) \(row[1]) on \(row[2]): \(row[0] == "table" ? unorderedColumns(normalized) : normalized)"
        }
        // What SQLite makes of that text, by its pragmas: columns (by name, as an ADD COLUMN
        // appends), foreign keys with their rules, and indexes with their keys.
        let tables = "m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'schema_migrations'"
        let pragmas = try await database.execute("""
            SELECT 'column', m.name, p.name, p.type, p."notnull", coalesce(p.dflt_value, ''), p.pk, p.hidden
            FROM sqlite_master m, pragma_table_xinfo(m.name) p WHERE \(tables) ORDER BY 2, 3;
            SELECT 'foreign key', m.name, p."table", p."from", coalesce(p."to", ''), p.seq, p.on_update, p.on_delete, p."match"
            FROM sqlite_master m, pragma_foreign_key_list(m.name) p WHERE \(tables) ORDER BY 2, 3, 4, 6;
            SELECT 'index', m.name, i.name, i."unique", i.origin, i.partial,
                (SELECT group_concat(coalesce(x.name, '(expression)') || CASE WHEN x."desc" THEN ' DESC' ELSE '' END, ', ')
                 FROM pragma_index_xinfo(i.name) x WHERE x.key = 1)
            FROM sqlite_master m, pragma_index_list(m.name) i WHERE \(tables) ORDER BY 2, 3;
            """)
        return text + pragmas.map { $0.joined(separator: " | ") }
    case .postgres:
        let queries = [
            """
            SELECT 'column', c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                coalesce(pg_get_expr(d.adbin, d.adrelid), ''), a.attidentity, a.attgenerated, coalesce(col_description(c.oid, a.attnum), '')
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND c.relname <> 'schema_migrations'
                AND a.attnum > 0 AND NOT a.attisdropped ORDER BY 2, 3;
            """,
            """
            SELECT 'constraint', conrelid::regclass::text, conname, pg_get_constraintdef(oid), convalidated FROM pg_constraint
            WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> 'schema_migrations' ORDER BY 2, 3;
            """,
            "SELECT 'index', tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'schema_migrations' ORDER BY 2, 3;",
            "SELECT 'trigger', tgrelid::regclass::text, tgname, pg_get_triggerdef(oid), tgenabled FROM pg_trigger WHERE NOT tgisinternal ORDER BY 2, 3;",
            "SELECT 'function', proname, pg_get_functiondef(oid) FROM pg_proc WHERE pronamespace = 'public'::regnamespace ORDER BY 2, 3;",
            """
            SELECT 'enum type', t.typname, string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder) FROM pg_type t
            JOIN pg_enum e ON e.enumtypid = t.oid WHERE t.typnamespace = 'public'::regnamespace GROUP BY t.typname ORDER BY 2;
            """,
            """
            SELECT 'policy', tablename, policyname, permissive, roles::text, cmd, coalesce(qual, ''), coalesce(with_check, '')
            FROM pg_policies ORDER BY 2, 3;
            """,
            """
            SELECT 'table', relname, relrowsecurity, relforcerowsecurity, coalesce(obj_description(oid, 'pg_class'), '') FROM pg_class
            WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relname <> 'schema_migrations' ORDER BY 2;
            """,
        ]
        var lines: [String] = []
        for query in queries {
            lines += try await database.execute(query).map { $0.joined(separator: " | ") }
        }
        return lines
    }
}

/// A CREATE TABLE with its columns and constraints sorted: a column SQLite's ADD COLUMN
/// appended compares equal to the same column in a fresh table's order (PostgreSQL's catalog is
/// compared by column name too; nothing reads columns by position).
func unorderedColumns(_ create: String) -> String {
    guard let open = create.firstIndex(of: "(") else { return create }
    var depth = 0, entries: [String] = [], current = "", close = create.endIndex
    var inString = false
    scan: for index in create.indices[create.index(after: open)...] {
        let character = create[index]
        if character == "'" { inString.toggle() }
        if !inString {
            switch character {
            case "(": depth += 1
            case ")":
                if depth == 0 { close = index; break scan }
                depth -= 1
            case "," where depth == 0:
                entries.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
                continue
            default: break
            }
        }
        current.append(character)
    }
    entries.append(current.trimmingCharacters(in: .whitespaces))
    let rest = close < create.endIndex ? create[create.index(after: close)...] : ""
    return create[...open] + entries.sorted().joined(separator: ", ") + ")" + rest
}

/// Lines of `a` not in `b` and of `b` not in `a`, for a readable failure.
func catalogDifference(_ migrated: [String], _ fresh: [String]) -> String {
    let onlyMigrated = migrated.filter { !fresh.contains($0) }
    let onlyFresh = fresh.filter { !migrated.contains($0) }
    return (onlyMigrated.map { "only after the migration: \($0)" } + onlyFresh.map { "only when built fresh: \($0)" })
        .joined(separator: "\n")
}
