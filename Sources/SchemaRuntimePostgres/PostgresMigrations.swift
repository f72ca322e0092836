import Foundation
import SchemaRuntime

extension PostgresDatabase {
    /// The versions recorded in `schema_migrations` (none on a new database).
    public func appliedMigrations() async throws -> [Int] {
        try await migrationHistory().map(\.version)
    }

    /// The rows of `schema_migrations`, in order (none on a new database).
    public func migrationHistory() async throws -> [AppliedMigration] {
        try await transaction(as: .system) { database in try await Self.history(database) }
    }

    /// Applies the migrations of `DatabaseSchema.postgresMigrations` not yet recorded in
    /// `schema_migrations`, in order, each in one transaction (the file's own BEGIN and COMMIT),
    /// with its checksum recorded in it: a failure rolls that migration back and stops.
    ///
    /// First the database's history must agree with `migrations`: every recorded migration is
    /// there with the same name and checksum, and none is missing below the newest recorded one
    /// (`MigrationHistoryError` otherwise, and nothing is applied). Every transaction takes one
    /// advisory lock first and then looks at the history, so two processes that migrate at once
    /// apply each migration once: the second waits, then skips what the first applied.
    /// Returns the versions applied.
    @discardableResult
    public func migrate(_ migrations: [DatabaseMigration]) async throws -> [Int] {
        try await transaction(as: .system) { database in
            try await Self.lock(database)
            try await Self.prepareTable(database)
            let history = try await Self.history(database)
            _ = try MigrationHistoryError.pending(migrations, applied: history)
            for row in history where row.checksum == nil {
                guard let migration = migrations.first(where: { $0.version == row.version && $0.name == row.name }) else { continue }
                try await database.execute("UPDATE schema_migrations SET checksum = ? WHERE version = ?",
                                           [.text(migration.checksum), .int(Int64(row.version))])
            }
        }
        var applied: [Int] = []
        for migration in migrations.sorted(by: { $0.version < $1.version }) {
            // The file's statements up to its COMMIT run in this transaction (its BEGIN and COMMIT
            // are this transaction's); those after COMMIT (CREATE INDEX CONCURRENTLY, which can't
            // run in a transaction) run alone once it has committed.
            let statements = PostgresSQLText.statements(migration.sql)
            let commit = statements.firstIndex { ["COMMIT", "END", "END TRANSACTION"].contains(MigrationTable.command($0)) } ?? statements.count
            let ran = try await transaction(as: .system) { database -> Bool in
                try await Self.lock(database)
                // Another process may have applied some meanwhile: the history again, under the lock.
                let pending = try MigrationHistoryError.pending(migrations, applied: try await Self.history(database))
                guard pending.contains(where: { $0.version == migration.version }) else { return false }
                for statement in statements[..<commit] where !["BEGIN", "BEGIN TRANSACTION"].contains(MigrationTable.command(statement)) {
                    _ = try await database.execute(statement, [])
                }
                try await database.execute(MigrationTable.record,
                                           [.int(Int64(migration.version)), .text(migration.name), .text(migration.checksum)])
                return true
            }
            guard ran else { continue }
            for statement in statements.dropFirst(commit + 1) {
                do {
                    _ = try await execute(statement, [])
                } catch {
                    throw MigrationAfterCommitError(migration: migration.id, statement: statement.trimmingCharacters(in: .whitespacesAndNewlines),
                                                    underlying: "\(error)")
                }
            }
            applied.append(migration.version)
        }
        return applied
    }

    /// Records `migrations` up to `version` (default: all) as applied without running them: for
    /// a database built from the DDL (`apply(schema:)`) that is to follow the migrations from now
    /// on. Refuses a database that has migrations recorded already, or no tables. Returns the
    /// versions recorded.
    @discardableResult
    public func baseline(_ migrations: [DatabaseMigration], upTo version: Int? = nil) async throws -> [Int] {
        let chosen = migrations.filter { $0.version <= (version ?? Int.max) }.sorted { $0.version < $1.version }
        return try await transaction(as: .system) { database in
            try await Self.lock(database)
            try await Self.prepareTable(database)
            let history = try await Self.history(database)
            guard history.isEmpty else { throw MigrationBaselineError.alreadyMigrated(history.map(\.version)) }
            let tables = try await database.query("""
                SELECT count(*)::bigint FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'
                """, [])
            guard try tables.first?.int(0) ?? 0 > 0 else { throw MigrationBaselineError.noSchema }
            _ = try MigrationHistoryError.pending(migrations, applied: [])
            for migration in chosen {
                try await database.execute(MigrationTable.record,
                                           [.int(Int64(migration.version)), .text(migration.name), .text(migration.checksum)])
            }
            return chosen.map(\.version)
        }
    }

    // MARK: Steps

    /// One lock for every migrating process of this database, held to the end of the transaction.
    private static func lock(_ database: any DatabaseExecutor) async throws {
        _ = try await database.query("SELECT pg_advisory_xact_lock(hashtext('schemagen_migrations'))::text", [])
    }

    /// `schema_migrations` as the migration files make it, with `checksum`.
    private static func prepareTable(_ database: any DatabaseExecutor) async throws {
        try await database.execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version integer NOT NULL PRIMARY KEY,
                name text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """, [])
        try await database.execute("ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS checksum text", [])
    }

    private static func history(_ database: any DatabaseExecutor) async throws -> [AppliedMigration] {
        let exists = try await database.query("SELECT to_regclass('schema_migrations') IS NOT NULL", [])
        guard try exists.first?.bool(0) == true else { return [] }
        let hasChecksum = try await database.query("""
            SELECT count(*)::bigint FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = 'schema_migrations' AND column_name = 'checksum'
            """, []).first?.int(0) ?? 0 > 0
        return try await database.query("SELECT version::bigint, name, \(hasChecksum ? "checksum" : "NULL::text") FROM schema_migrations ORDER BY version", [])
            .map { row in AppliedMigration(version: try row.int(0), name: try row.string(1), checksum: try row.optional(2, row.string)) }
    }
}

/// A statement after a migration's COMMIT failed (a concurrent index build, or the VALIDATE of a
/// foreign key added `NOT VALID`): the migration is applied and recorded; the statement must be
/// run again by hand once its cause is fixed.
public struct MigrationAfterCommitError: Error, CustomStringConvertible {
    public var migration: String
    public var statement: String
    public var underlying: String

    public var description: String {
        "migration \(migration) is applied, but a statement after its COMMIT failed: \(underlying). "
            + "Fix the cause (for a unique index, the rows that repeat a value; for a foreign key, the rows "
            + "that point at nothing), then run by hand: \(statement)"
    }
}
