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
        try writer.read { db in
            guard try db.tableExists("schema_migrations") else { return [] }
            return try Int.fetchAll(db, sql: "SELECT version FROM schema_migrations ORDER BY version")
        }
    }

    /// Applies the migrations not yet recorded in `schema_migrations`, in order; returns the
    /// versions applied. Each runs as written: its own transaction (a failure rolls it back and
    /// stops here, with the later ones not applied). A migration that rebuilds tables turns
    /// foreign keys off around its transaction and checks them before it commits; they are on
    /// again afterwards whatever happens.
    @discardableResult
    public func migrate(_ migrations: [DatabaseMigration]) throws -> [Int] {
        var applied: [Int] = []
        do {
            try writer.writeWithoutTransaction { db in
                for migration in migrations.sorted(by: { $0.version < $1.version }) {
                    let done = try db.tableExists("schema_migrations")
                        && (try Int.fetchOne(db, sql: "SELECT count(*) FROM schema_migrations WHERE version = ?",
                                             arguments: [migration.version]) ?? 0) > 0
                    if done { continue }
                    do {
                        try db.execute(sql: migration.sql)
                    } catch {
                        if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK") }
                        try? db.execute(sql: "PRAGMA foreign_keys = ON")
                        throw error
                    }
                    applied.append(migration.version)
                }
            }
        } catch let error as GRDB.DatabaseError {
            throw SQLiteErrors.map(error)
        }
        return applied
    }
}
