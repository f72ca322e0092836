import Foundation
import GRDB
import SchemaRuntime

/// The executor a transaction's body gets: each statement is a GRDB access to the writer
/// connection, where the transaction stays open while its `SQLiteDatabase` holds `writeLock`.
///
/// Use it from one task at a time (statements from concurrent child tasks do run one after the
/// other, but their savepoints would not nest). After the transaction ends it refuses statements.
final class SQLiteTransaction: DatabaseExecutor {
    let dialect = DatabaseDialect.sqlite
    let database: SQLiteDatabase

    private struct State {
        var isOpen = true
        var savepointCount = 0
    }

    private let state = Locked(State())

    init(database: SQLiteDatabase) {
        self.database = database
    }

    /// The open transactions of the current task, by database: calls on a database inside its
    /// transaction's body join the transaction.
    @TaskLocal private static var joined: [ObjectIdentifier: SQLiteTransaction] = [:]

    static func current(in database: SQLiteDatabase) -> SQLiteTransaction? {
        guard let transaction = joined[ObjectIdentifier(database)], transaction.isOpen else { return nil }
        return transaction
    }

    /// Runs `body` with this transaction joined by its database's methods.
    func joining<T>(_ body: () async throws -> T) async throws -> T {
        var transactions = Self.joined
        transactions[ObjectIdentifier(database)] = self
        return try await Self.$joined.withValue(transactions) { try await body() }
    }

    private var isOpen: Bool { state.withLock { $0.isOpen } }

    // MARK: Beginning and ending (with `writeLock` held)

    func begin() async throws {
        try await access { db in
            // A rollback that failed (it should not) left a transaction open: end it first.
            if db.isInsideTransaction { try db.execute(sql: "ROLLBACK") }
            try db.execute(sql: "BEGIN IMMEDIATE")
        }
    }

    func commit() async throws {
        try await access { db in
            try db.execute(sql: "COMMIT")
            self.state.withLock { $0.isOpen = false }
        }
    }

    /// Rolls back, even when the task is cancelled; SQLite may have rolled back already (after an
    /// interrupt, a full disk).
    func rollback() async {
        state.withLock { $0.isOpen = false }
        await Self.uncancelled { [writer = database.writer] in
            try await writer.writeWithoutTransaction { db in
                if db.isInsideTransaction { try db.execute(sql: "ROLLBACK") }
            }
        }
    }

    /// A cancelled task's GRDB accesses fail at once; a rollback must still happen, so it runs in
    /// a new task, which does not inherit the cancellation.
    private static func uncancelled(_ work: @escaping @Sendable () async throws -> Void) async {
        await Task { try? await work() }.value
    }

    /// One access to the writer, refused once the transaction has ended, or when the task is
    /// cancelled.
    ///
    /// The access is synchronous: this transaction's `writeLock` keeps every other access off the
    /// writer, so it never waits, and an asynchronous GRDB access (a hop to GRDB's queue and
    /// back) cost more than most statements.
    private func access<T: Sendable>(_ work: @Sendable (Database) throws -> T) async throws -> T {
        try Task.checkCancellation()
        return try SQLiteErrors.mappingNow {
            try SQLiteDatabase.synchronousWrite(database.writer) { db in
                guard self.isOpen else {
                    throw SchemaRuntime.DatabaseError(kind: .other, message: "the transaction has ended")
                }
                return try work(db)
            }
        }
    }

    // MARK: DatabaseExecutor

    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) async throws -> Int {
        try await access { db in try SQLiteStatements.execute(db, sql, arguments) }
    }

    func query(_ sql: String, _ arguments: [SQLValue]) async throws -> [SQLRow] {
        try await access { db in try SQLiteStatements.query(db, sql, arguments) }
    }

    /// Reads in this transaction, as it is.
    func read<T: Sendable>(
        as context: AccessContext,
        _ body: @Sendable (any DatabaseExecutor) async throws -> T
    ) async throws -> T {
        try await body(self)
    }

    /// A savepoint inside this transaction: released when `body` returns, rolled back to (and only
    /// it) when `body` throws.
    @discardableResult
    func transaction<T: Sendable>(
        as context: AccessContext,
        _ body: @Sendable (any DatabaseExecutor) async throws -> T
    ) async throws -> T {
        let name = state.withLock { state in
            state.savepointCount += 1
            return "schemagen_savepoint_\(state.savepointCount)"
        }
        try await access { db in try db.execute(sql: "SAVEPOINT \(name)") }
        do {
            let value = try await body(self)
            try await access { db in try db.execute(sql: "RELEASE SAVEPOINT \(name)") }
            return value
        } catch {
            await Self.uncancelled { [self] in
                try await access { db in
                    guard db.isInsideTransaction else { return }
                    try db.execute(sql: "ROLLBACK TO SAVEPOINT \(name)")
                    try db.execute(sql: "RELEASE SAVEPOINT \(name)")
                }
            }
            throw error
        }
    }
}
