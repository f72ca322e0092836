/// Plan for templates/migrations: the migration files of one migration, one per dialect.
enum MigrationFilePlanner {
    struct FileView: Sendable {
        /// `0002_add_priority`
        var id: String
        var databaseName: String
        var findings: [String]
        var hasFindings: Bool
        var notes: [NoteView]
        var before: [String]
        var migrationsTable: String
        var steps: [String]
        var record: String
        var after: [String]
    }

    struct NoteView: Sendable {
        var lines: [String]
    }

    /// The table that records applied migrations, created by the first migration a database gets.
    static func migrationsTable(_ dialect: SQLDialect) -> String {
        switch dialect {
        case .sqlite:
            return """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version INTEGER NOT NULL PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
                ) STRICT;
                """
        case .postgres:
            return """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version integer NOT NULL PRIMARY KEY,
                    name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                );
                """
        }
    }

    static func path(_ dialect: SQLDialect, version: Int, name: String) -> String {
        "Migrations/\(dialect.rawValue)/\(id(version: version, name: name)).sql"
    }

    static func id(version: Int, name: String) -> String {
        let number = String(version)
        return String(repeating: "0", count: max(0, 4 - number.count)) + number + "_" + name
    }

    /// `empty`: a migration for hand-written steps (`schemagen migrate --empty`), with the
    /// place to write them marked.
    static func plan(_ plan: MigrationPlan, version: Int, name: String, empty: Bool = false) -> [PlannedFile] {
        SQLDialect.allCases.map { dialect in
            var notes: [NoteView] = []
            var before: [String] = []
            var after: [String] = []
            if dialect == .sqlite, plan.sqliteNeedsForeignKeysOff {
                notes.append(NoteView(lines: [
                    "Tables are rebuilt or dropped, so foreign keys are off while the migration runs (PRAGMA",
                    "foreign_keys cannot change inside a transaction) and every one is checked before it commits.",
                ]))
                before = ["PRAGMA foreign_keys = OFF;"]
                after = ["PRAGMA foreign_keys = ON;"]
            }
            if let validations = plan.validations[dialect], !validations.isEmpty {
                notes.append(NoteView(lines: [
                    "Foreign keys added to existing tables are added NOT VALID (new and changed rows are checked at once; no",
                    "old row is read, so the SHARE ROW EXCLUSIVE lock on both tables is brief) and validated after COMMIT by",
                    "VALIDATE CONSTRAINT, which reads every row under SHARE UPDATE EXCLUSIVE: reads and writes go on. If one",
                    "fails (a row points at nothing), the migration stays applied with that key NOT VALID: fix the rows, then",
                    "run its VALIDATE below by hand.",
                ]))
                after = validations + after
            }
            if let concurrent = plan.afterCommit[dialect], !concurrent.isEmpty {
                notes.append(NoteView(lines: [
                    "New indexes of existing tables are built CONCURRENTLY after COMMIT (writes go on meanwhile; it can't run",
                    "in a transaction). If one fails (a unique index over repeated values), the migration stays applied and the",
                    "index is missing: fix the rows, then run its two statements below by hand.",
                ]))
                after = concurrent + after
            }
            if let slow = plan.slowSteps[dialect], !slow.isEmpty {
                notes.append(NoteView(lines: ["LONG LOCKS OR TABLE REWRITES (on a large table, apply at a quiet time):"]
                                      + slow.map { "  * " + Escaping.sqlComment($0) }))
            }
            var steps = plan.steps[dialect] ?? []
            if dialect == .sqlite, steps.isEmpty, !empty, !(plan.steps[.postgres] ?? []).isEmpty {
                notes.append(NoteView(lines: [
                    "Nothing changes on SQLite: the changes are PostgreSQL's own (how it stores fields, such as `storage: array`,",
                    "whose lists SQLite keeps as the same JSON text and CHECK, or checks only PostgreSQL can hold).",
                ]))
            }
            if empty {
                notes.append(NoteView(lines: [
                    "Hand-written steps (data changes the schemas can't express): write them between BEGIN and",
                    "the INSERT below, for \(dialect == .postgres ? "PostgreSQL" : "SQLite"), then record the new text with `schemagen migrate --rehash`",
                    "before any database has had this migration. They run in order with the other migrations.",
                ]))
                steps = ["-- Your statements here, each ending with a semicolon."]
            }
            if version == 1 {
                notes.append(NoteView(lines: ["The first migration: every table of the schemas as they were."]))
            }
            let findings = plan.findings.map { Escaping.sqlComment("[\($0.id)] \($0.message) (\($0.location))") }
            let view = FileView(id: id(version: version, name: name), databaseName: dialect == .postgres ? "PostgreSQL" : "SQLite",
                                findings: findings, hasFindings: !findings.isEmpty, notes: notes, before: before,
                                migrationsTable: migrationsTable(dialect), steps: steps,
                                record: "INSERT INTO schema_migrations (version, name) VALUES (\(version), \(dialect.literal(name)));",
                                after: after)
            return PlannedFile(path: path(dialect, version: version, name: name), template: "migrations/migration.sql", context: view)
        }
    }
}
