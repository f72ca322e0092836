import Foundation
import GRDB
import SchemaRuntime

extension SQLiteDatabase {
    /// Opens (or creates) the database file at `path` and applies, in order, the migrations it
    /// has not had (`DatabaseSchema.sqliteMigrations`). A new database gets them all: the first
    /// is the whole schema as it was, and each later one the changes since.
    public convenience init(path: String, migrations: [DatabaseMigration]) throws {
        try self.init(path: path, schema: nil)
        try migrate(migrations)
    }

    /// A private database in memory with every migration applied.
    public static func inMemory(migrations: [DatabaseMigration]) throws -> SQLiteDatabase {
        let database = try inMemory(schema: nil)
        try database.migrate(migrations)
        return database
    }

    /// The versions recorded in `schema_migrations` (none on a new database).
    public func appliedMigrations() throws -> [Int] {
        try migrationHistory().map(\.version)
    }

    /// The rows of `schema_migrations`, in order (none on a new database).
    public func migrationHistory() throws -> [AppliedMigration] {
        try writer.read { db in try Self.history(db) }
    }

    /// Applies the migrations not yet recorded in `schema_migrations`, in order; returns the
    /// versions applied.
    ///
    /// First the database's history must agree with `migrations`: every recorded migration is
    /// there with the same name and checksum, and none is missing below the newest recorded one
    /// (`MigrationHistoryError` otherwise, and nothing is applied). Each migration runs as
    /// written, in its own transaction, which the runtime opens `IMMEDIATE`: it takes SQLite's
    /// write lock, then looks again whether the migration was recorded meanwhile, so two
    /// processes migrating one file at once apply each migration once (the second waits for the
    /// lock, up to `lockTimeout` seconds, then skips what the first applied). The migration's
    /// checksum is recorded in the same transaction. A failure rolls that migration back and
    /// stops. A migration that rebuilds tables turns foreign keys off around its transaction and
    /// checks them before it commits; they are on again afterwards whatever happens.
    @discardableResult
    public func migrate(_ migrations: [DatabaseMigration], lockTimeout: TimeInterval = 600) throws -> [Int] {
        var applied: [Int] = []
        do {
            try writer.writeWithoutTransaction { db in
                let deadline = Date().addingTimeInterval(lockTimeout)
                // The history table with its checksum column, and the check of the history, under the write lock.
                let pending = try Self.immediately(db, until: deadline) { () throws -> [DatabaseMigration] in
                    try Self.prepareTable(db)
                    let history = try Self.history(db)
                    let pending = try MigrationHistoryError.pending(migrations, applied: history)
                    try Self.fillChecksums(db, history: history, migrations: migrations)
                    return pending
                }
                for migration in pending {
                    if try Self.apply(migration, db, until: deadline) { applied.append(migration.version) }
                }
            }
        } catch let error as GRDB.DatabaseError {
            throw SQLiteErrors.map(error)
        }
        return applied
    }

    /// Records `migrations` up to `version` (default: all) as applied without running them: for
    /// a database built from the DDL (`SQLiteDatabase(path:schema:)`) that is to follow the
    /// migrations from now on. Refuses a database that has migrations recorded already, or none
    /// of the tables the DDL makes. Returns the versions recorded.
    @discardableResult
    public func baseline(_ migrations: [DatabaseMigration], upTo version: Int? = nil) throws -> [Int] {
        let chosen = migrations.filter { $0.version <= (version ?? Int.max) }.sorted { $0.version < $1.version }
        do {
            return try writer.writeWithoutTransaction { db in
                try Self.immediately(db, until: Date().addingTimeInterval(60)) { () throws -> [Int] in
                    try Self.prepareTable(db)
                    let history = try Self.history(db)
                    guard history.isEmpty else { throw MigrationBaselineError.alreadyMigrated(history.map(\.version)) }
                    let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT IN ('schema_migrations') AND name NOT LIKE 'sqlite_%'") ?? 0
                    guard tables > 0 else { throw MigrationBaselineError.noSchema }
                    _ = try MigrationHistoryError.pending(migrations, applied: [])
                    for migration in chosen {
                        try db.execute(sql: "INSERT INTO schema_migrations (version, name, checksum) VALUES (?, ?, ?)",
                                       arguments: [migration.version, migration.name, migration.checksum])
                    }
                    return chosen.map(\.version)
                }
            }
        } catch let error as GRDB.DatabaseError {
            throw SQLiteErrors.map(error)
        }
    }

    // MARK: Steps

    /// Runs one migration's statements; false when another process had applied it meanwhile.
    private static func apply(_ migration: DatabaseMigration, _ db: Database, until deadline: Date) throws -> Bool {
        var ran = true
        do {
            let statements = try db.allStatements(sql: migration.sql)
            // Once another process is found to have applied it, the loop stops: the rest is not
            // even compiled, since compiling the `CREATE TABLE` of a table that process made
            // fails ("already exists"). The pragma back on comes below, whatever happens.
            while ran, let statement = try statements.next() {
                switch MigrationTable.command(statement.sql) {
                case "BEGIN", "BEGIN TRANSACTION":
                    // The write lock first, then the look: did another process apply it meanwhile?
                    try begin(db, until: deadline)
                    let done = try Int.fetchOne(db, sql: "SELECT count(*) FROM schema_migrations WHERE version = ?",
                                                arguments: [migration.version]) ?? 0
                    if done > 0 {
                        try db.execute(sql: "ROLLBACK")
                        ran = false
                    }
                case "COMMIT", "END", "END TRANSACTION":
                    try db.execute(sql: MigrationTable.record, arguments: [migration.version, migration.name, migration.checksum])
                    try statement.execute()
                default:
                    try statement.execute()
                }
            }
        } catch {
            if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK") }
            try? db.execute(sql: "PRAGMA foreign_keys = ON")
            throw error
        }
        try? db.execute(sql: "PRAGMA foreign_keys = ON")
        return ran
    }

    /// `BEGIN IMMEDIATE`, retried while another connection holds the write lock (each try waits
    /// the busy timeout) until `deadline`.
    private static func begin(_ db: Database, until deadline: Date) throws {
        while true {
            do {
                try db.execute(sql: "BEGIN IMMEDIATE")
                return
            } catch let error as GRDB.DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < deadline {
                continue
            }
        }
    }

    private static func immediately<T>(_ db: Database, until deadline: Date, _ body: () throws -> T) throws -> T {
        try begin(db, until: deadline)
        do {
            let result = try body()
            try db.execute(sql: "COMMIT")
            return result
        } catch {
            try? db.execute(sql: "ROLLBACK")
            throw error
        }
    }

    /// `schema_migrations` as the migration files make it, with `checksum`.
    private static func prepareTable(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER NOT NULL PRIMARY KEY,
                name TEXT NOT NULL,
                applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
            ) STRICT
            """)
        let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info('schema_migrations')")
        if !columns.contains("checksum") {
            try db.execute(sql: "ALTER TABLE schema_migrations ADD COLUMN checksum TEXT")
        }
    }

    private static func history(_ db: Database) throws -> [AppliedMigration] {
        guard try db.tableExists("schema_migrations") else { return [] }
        let hasChecksum = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info('schema_migrations')").contains("checksum")
        return try Row.fetchAll(db, sql: "SELECT version, name, \(hasChecksum ? "checksum" : "NULL") FROM schema_migrations ORDER BY version")
            .map { AppliedMigration(version: $0[0], name: $0[1], checksum: $0[2]) }
    }

    /// A migration recorded without a checksum (applied by hand, or before checksums) gets the
    /// one of the migration of its version and name.
    private static func fillChecksums(_ db: Database, history: [AppliedMigration], migrations: [DatabaseMigration]) throws {
        for row in history where row.checksum == nil {
            guard let migration = migrations.first(where: { $0.version == row.version && $0.name == row.name }) else { continue }
            try db.execute(sql: "UPDATE schema_migrations SET checksum = ? WHERE version = ?", arguments: [migration.checksum, row.version])
        }
    }
}
