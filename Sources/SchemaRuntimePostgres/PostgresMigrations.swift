import Foundation
import SchemaRuntime

extension PostgresDatabase {
    /// The versions recorded in `schema_migrations` (none on a new database).
    public func appliedMigrations() async throws -> [Int] {
        try await transaction(as: .system) { database in
            let exists = try await database.query("SELECT to_regclass('schema_migrations') IS NOT NULL", [])
            guard try exists.first?.bool(0) == true else { return [] }
            return try await database.query("SELECT version FROM schema_migrations ORDER BY version", []).map { try $0.int(0) }
        }
    }

    /// Applies the migrations of `DatabaseSchema.postgresMigrations` not yet recorded in
    /// `schema_migrations`, in order, each in one transaction (the file's own BEGIN and COMMIT):
    /// a failure rolls that migration back and stops. An advisory lock keeps two processes that
    /// migrate at once from applying one migration twice. Returns the versions applied.
    @discardableResult
    public func migrate(_ migrations: [DatabaseMigration]) async throws -> [Int] {
        var applied: [Int] = []
        for migration in migrations.sorted(by: { $0.version < $1.version }) {
            let ran = try await transaction(as: .system) { database -> Bool in
                _ = try await database.query("SELECT pg_advisory_xact_lock(hashtext('schemagen_migrations'))", [])
                let exists = try await database.query("SELECT to_regclass('schema_migrations') IS NOT NULL", [])
                if try exists.first?.bool(0) == true {
                    let rows = try await database.query("SELECT 1 FROM schema_migrations WHERE version = $1", [.int(Int64(migration.version))])
                    if !rows.isEmpty { return false }
                }
                for statement in PostgresSQLText.statements(migration.sql) {
                    // The file's BEGIN and COMMIT: the transaction is this one.
                    let command = statement.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("--") }
                        .joined(separator: " ").trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
                    if command == "BEGIN" || command == "COMMIT" { continue }
                    _ = try await database.execute(statement, [])
                }
                return true
            }
            if ran { applied.append(migration.version) }
        }
        return applied
    }
}
