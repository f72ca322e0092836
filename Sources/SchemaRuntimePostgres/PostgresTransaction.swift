import Foundation
import PostgresNIO
import SchemaRuntime

/// The executor a transaction's body gets: every statement runs on the one pooled connection
/// leased for the transaction.
///
/// After a statement fails, PostgreSQL refuses the rest of the transaction (SQLSTATE 25P02) until
/// it ends: to go on after an expected failure, run the statement in a nested transaction (a
/// savepoint). Use it from one task at a time. After the transaction ends it refuses statements.
final class PostgresTransaction: DatabaseExecutor {
    let dialect = DatabaseDialect.postgres
    let database: PostgresDatabase
    private let connection: PostgresConnection

    private struct State {
        var isOpen = true
        var savepointCount = 0
        /// Whose transaction it is now: a nested transaction may run as someone else.
        var context: AccessContext
    }

    private let state: Locked<State>

    init(database: PostgresDatabase, connection: PostgresConnection, context: AccessContext) {
        self.database = database
        self.connection = connection
        self.state = Locked(State(context: context))
    }

    /// The open transactions of the current task, by database: calls on a database inside its
    /// transaction's body join the transaction, as on SQLite.
    @TaskLocal private static var joined: [ObjectIdentifier: PostgresTransaction] = [:]

    static func current(in database: PostgresDatabase) -> PostgresTransaction? {
        guard let transaction = joined[ObjectIdentifier(database)], transaction.isOpen else { return nil }
        return transaction
    }

    func joining<T>(_ body: () async throws -> T) async throws -> T {
        var transactions = Self.joined
        transactions[ObjectIdentifier(database)] = self
        return try await Self.$joined.withValue(transactions) { try await body() }
    }

    private var isOpen: Bool { state.withLock { $0.isOpen } }

    // MARK: Beginning and ending

    func begin() async throws {
        try await run("BEGIN")
        if let settings = PostgresStatements.callerSettings(state.withLock { $0.context }) {
            try await PostgresStatements.setCaller(settings, on: connection, logger: database.logger)
        }
    }

    func commit() async throws {
        let result = try await run("COMMIT")
        state.withLock { $0.isOpen = false }
        // PostgreSQL answers a COMMIT of a failed transaction by rolling it back, without an error.
        if result.command == "ROLLBACK" {
            throw DatabaseError(kind: .other, message: "the transaction was rolled back: a statement in it had failed")
        }
    }

    /// Rolls back; if even that fails, closes the connection, so that the pool does not lend it
    /// again in the middle of a transaction.
    func rollback() async {
        state.withLock { $0.isOpen = false }
        do {
            _ = try await PostgresStatements.run(connection, "ROLLBACK", [], logger: database.logger)
        } catch {
            try? await connection.close()
        }
    }

    @discardableResult
    private func run(_ sql: String, _ arguments: [SQLValue] = []) async throws -> PostgresStatements.Result {
        guard isOpen else { throw DatabaseError(kind: .other, message: "the transaction has ended") }
        return try await PostgresStatements.run(connection, sql, arguments, logger: database.logger)
    }

    // MARK: DatabaseExecutor

    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) async throws -> Int {
        try await run(sql, arguments).count
    }

    func query(_ sql: String, _ arguments: [SQLValue]) async throws -> [SQLRow] {
        try await run(sql, arguments).rows
    }

    /// A savepoint inside this transaction: released when `body` returns, rolled back to (and only
    /// it) when `body` throws. When `context` is not the transaction's caller, the savepoint runs as
    /// `context` and the caller comes back after it.
    @discardableResult
    func transaction<T: Sendable>(
        as context: AccessContext,
        _ body: @Sendable (any DatabaseExecutor) async throws -> T
    ) async throws -> T {
        let (name, outer) = state.withLock { state in
            state.savepointCount += 1
            return ("schemagen_savepoint_\(state.savepointCount)", state.context)
        }
        try await run("SAVEPOINT \(name)")
        do {
            if context != outer { try await switchCaller(to: context) }
            let value = try await body(self)
            try await run("RELEASE SAVEPOINT \(name)")
            if context != outer { try await switchCaller(to: outer) }
            return value
        } catch {
            if isOpen {
                _ = try? await run("ROLLBACK TO SAVEPOINT \(name)")
                _ = try? await run("RELEASE SAVEPOINT \(name)")
                // Rolling back to the savepoint undid its set_config; the state follows.
                state.withLock { $0.context = outer }
            }
            throw error
        }
    }

    /// The system context clears the caller here: outside a savepoint it would have set nothing.
    private func switchCaller(to context: AccessContext) async throws {
        let settings = PostgresStatements.callerSettings(context) ?? ("", "")
        try await PostgresStatements.setCaller(settings, on: connection, logger: database.logger)
        state.withLock { $0.context = context }
    }
}

/// A value behind a thread lock, for the little mutable state of a Sendable class.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
