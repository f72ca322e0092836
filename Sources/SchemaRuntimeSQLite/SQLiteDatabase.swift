import Foundation
import GRDB
import SchemaRuntime

/// SQLite through GRDB: the embedded default database.
///
/// **Connections.** A file is opened as a GRDB `DatabaseQueue` in WAL mode: one connection, the
/// writer, which runs every write; read-only queries outside a transaction go to `SQLiteReaders`,
/// read-only connections of our own on SQLite's C API, which read committed snapshots while the
/// writer works (WAL lets them). In memory the one `DatabaseQueue` connection runs everything.
/// Every connection has `PRAGMA foreign_keys = ON`, which SQLite leaves off by default and the
/// generated schema needs, and the SQL functions of `SQLiteFunctions`.
///
/// **Transactions.** SQLite has one writer at a time, and all of a transaction's statements must
/// run on its connection. GRDB lends a connection only for a synchronous closure, while the body
/// of `transaction(as:_:)` is async and runs its statements across suspension points. So:
///
/// - `writeLock`, an async first-come-first-served lock, is held for a whole transaction, from
///   `BEGIN IMMEDIATE` to `COMMIT` or `ROLLBACK`.
/// - Each statement of the transaction is a short GRDB access to the writer connection, on which
///   the transaction stays open between accesses (GRDB's `allowsUnsafeTransactions`: safe here
///   only because nothing touches the writer without holding `writeLock`).
/// - A statement outside a transaction that may write takes `writeLock` too, so it never runs
///   inside another task's open transaction; it runs alone, SQLite's implicit transaction.
///   A read-only query outside a transaction goes to a reader (in memory: to the one connection,
///   under the lock), which sees only committed data.
/// - `IMMEDIATE` takes SQLite's write lock at `BEGIN`: another process writing the same file
///   makes us wait there (busy timeout: 5 seconds), not fail at the first write.
///
/// Transactions therefore never interleave: a read-then-write in one transaction cannot be
/// overtaken by another writer. The price is that a transaction waiting on something slow holds
/// up every other writer: keep transaction bodies to database work.
///
/// Inside a transaction's body, this database's own methods join that transaction (through a
/// task local) rather than wait for the lock the transaction holds, which would never come. (A
/// body that awaits a detached task writing to the same database still deadlocks: don't.)
/// `transaction(as:_:)` there makes a savepoint. The access context changes nothing on SQLite:
/// the generated repositories apply the access rules in their queries.
public final class SQLiteDatabase: DatabaseExecutor {
    public let dialect = DatabaseDialect.sqlite

    /// The one connection that writes.
    let writer: any DatabaseWriter
    /// Where read-only queries go outside a transaction; nil in memory (the writer, locked).
    let readers: SQLiteReaders?
    /// Held for each transaction, and each statement outside one that may write.
    let writeLock = AsyncLock()

    /// Opens (or creates) the database file at `path`. A new database (no tables,
    /// `PRAGMA user_version` 0) gets `schema`, the DDL of Generated/SQL/sqlite.sql, and
    /// `user_version` 1; an existing one is left as it is.
    public convenience init(path: String, schema: String? = nil) throws {
        var configuration = Self.configuration
        configuration.journalMode = .wal // readers beside the writer
        let queue = try Self.mappingErrors { try DatabaseQueue(path: path, configuration: configuration) }
        try self.init(writer: queue, readers: SQLiteReaders(path: queue.path), schema: schema)
    }

    /// A private database in memory, gone when the value is; `schema` as in `init(path:schema:)`.
    public static func inMemory(schema: String? = nil) throws -> SQLiteDatabase {
        let queue = try mappingErrors { try DatabaseQueue(configuration: configuration) }
        return try SQLiteDatabase(writer: queue, readers: nil, schema: schema)
    }

    private init(writer: any DatabaseWriter, readers: SQLiteReaders?, schema: String?) throws {
        self.writer = writer
        self.readers = readers
        if let schema {
            try Self.mappingErrors { try Self.apply(schema: schema, to: writer) }
        }
    }

    private static var configuration: Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true // GRDB's default; the schema depends on it
        configuration.allowsUnsafeTransactions = true // transactions span accesses, see above
        configuration.busyMode = .timeout(5) // another process holding the write lock
        configuration.prepareDatabase { db in
            // The readers register the same list (SQLiteReaders).
            guard let connection = db.sqliteConnection else { return }
            try SQLiteFunctions.register(on: connection)
        }
        return configuration
    }

    /// Checks for an empty database and applies `schema` in one IMMEDIATE transaction, so that two
    /// processes opening a new file at once apply it once.
    private static func apply(schema: String, to writer: any DatabaseWriter) throws {
        try writer.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                let objects = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
                if version == 0 && objects == 0 {
                    try db.execute(sql: schema)
                    try db.execute(sql: "PRAGMA user_version = 1")
                }
                return .commit
            }
        }
    }

    private static func mappingErrors<T>(_ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch let error as GRDB.DatabaseError {
            throw SQLiteErrors.map(error)
        }
    }

    // MARK: DatabaseExecutor

    // GRDB's synchronous accesses: a statement is short work, and holding `writeLock` (or asking
    // for a reader, which is never held across a suspension) makes the wait short too. An
    // asynchronous GRDB access, a hop to its queue and back, cost more than most statements.

    @discardableResult
    public func execute(_ sql: String, _ arguments: [SQLValue]) async throws -> Int {
        if let transaction = SQLiteTransaction.current(in: self) {
            return try await transaction.execute(sql, arguments)
        }
        return try await writeLock.withLock {
            try Task.checkCancellation()
            return try SQLiteErrors.mappingNow {
                try Self.synchronousWrite(writer) { db in try SQLiteStatements.execute(db, sql, arguments) }
            }
        }
    }

    public func query(_ sql: String, _ arguments: [SQLValue]) async throws -> [SQLRow] {
        if let transaction = SQLiteTransaction.current(in: self) {
            return try await transaction.query(sql, arguments)
        }
        try Task.checkCancellation()
        // Readers refuse writes, and `INSERT … RETURNING` is a query: they answer nil for it.
        if let readers, let rows = try SQLiteErrors.mappingNow({ try readers.query(sql, arguments) }) {
            return rows
        }
        return try await writeLock.withLock {
            try SQLiteErrors.mappingNow {
                try Self.synchronousWrite(writer) { db in try SQLiteStatements.query(db, sql, arguments) }
            }
        }
    }

    /// GRDB's synchronous write access (its asynchronous one is preferred in async code).
    static func synchronousWrite<T>(_ writer: any DatabaseWriter, _ work: (Database) throws -> T) throws -> T {
        try writer.writeWithoutTransaction(work)
    }

    /// Runs `body`'s statements on their own, each reading the latest committed data (see
    /// `DatabaseExecutor.read(as:_:)`); inside a transaction, in the transaction.
    public func read<T: Sendable>(
        as context: AccessContext,
        _ body: @Sendable (any DatabaseExecutor) async throws -> T
    ) async throws -> T {
        if let transaction = SQLiteTransaction.current(in: self) {
            return try await body(transaction)
        }
        return try await body(self)
    }

    /// Runs `body` in an IMMEDIATE transaction, alone among this database's writers (see the type's
    /// documentation); committed when `body` returns, rolled back when it throws.
    @discardableResult
    public func transaction<T: Sendable>(
        as context: AccessContext,
        _ body: @Sendable (any DatabaseExecutor) async throws -> T
    ) async throws -> T {
        if let transaction = SQLiteTransaction.current(in: self) {
            return try await transaction.transaction(as: context, body)
        }
        return try await writeLock.withLock {
            let transaction = SQLiteTransaction(database: self)
            do {
                try await transaction.begin()
                let value = try await transaction.joining { try await body(transaction) }
                try await transaction.commit()
                return value
            } catch {
                await transaction.rollback()
                throw error
            }
        }
    }
}
