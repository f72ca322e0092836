import Foundation
import PostgresNIO
import SchemaRuntime

/// The executor a transaction's body gets, or a read's (`read(as:)`): every statement runs on the
/// one pooled connection leased for it.
///
/// A read runs its statements on their own (each its own implicit transaction: one round trip for
/// a one-statement read), as the caller the connection's session already carries. A transaction
/// runs them between BEGIN and COMMIT.
///
/// After a statement fails, PostgreSQL refuses the rest of the transaction (SQLSTATE 25P02) until
/// it ends: to go on after an expected failure, run the statement in a nested transaction (a
/// savepoint). Use it from one task at a time. After the transaction ends it refuses statements.
final class PostgresTransaction: DatabaseExecutor {
    let dialect = DatabaseDialect.postgres
    let database: PostgresDatabase
    private let connection: PostgresConnection
    /// A read outside any transaction (no BEGIN, no savepoints), or a transaction.
    private let isRead: Bool
    /// The caller the connection's session carries (see `PostgresDatabase.withConnection`).
    private let sessionCaller: PostgresStatements.Caller

    private struct State {
        var isOpen = true
        var savepointCount = 0
        /// Whose transaction it is now: a nested transaction may run as someone else.
        var context: AccessContext
    }

    private let state: Locked<State>

    init(database: PostgresDatabase, connection: PostgresConnection, context: AccessContext,
         sessionCaller: PostgresStatements.Caller, isRead: Bool = false) {
        self.database = database
        self.connection = connection
        self.sessionCaller = sessionCaller
        self.isRead = isRead
        self.state = Locked(State(context: context))
    }

    /// The open transactions (and reads) of the current task, by database: calls on a database
    /// inside its transaction's body join the transaction, as on SQLite.
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

    /// BEGIN, and the caller set local to the transaction when the session carries another.
    func begin() async throws {
        try await run("BEGIN")
        let caller = PostgresStatements.Caller(state.withLock { $0.context })
        if caller != sessionCaller {
            try await PostgresStatements.setCaller(caller, local: true, on: connection, logger: database.logger)
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

    /// Ends a read: its executor refuses statements afterwards.
    func end() {
        state.withLock { $0.isOpen = false }
    }

    /// Runs `body` in a transaction on this connection (which must be in none): BEGIN, the body,
    /// COMMIT, or ROLLBACK when it throws.
    static func run<T: Sendable>(
        on connection: PostgresConnection,
        of database: PostgresDatabase,
        as context: AccessContext,
        sessionCaller: PostgresStatements.Caller,
        _ body: @Sendable (any DatabaseExecutor) async throws -> T
    ) async throws -> T {
        let transaction = PostgresTransaction(database: database, connection: connection, context: context, sessionCaller: sessionCaller)
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

    /// In a read, prepared (see `PostgresStatements.query`).
    func query(_ sql: String, _ arguments: [SQLValue]) async throws -> [SQLRow] {
        guard isRead else { return try await run(sql, arguments).rows }
        guard isOpen else { throw DatabaseError(kind: .other, message: "the transaction has ended") }
        return try await PostgresStatements.query(connection, sql, arguments, logger: database.logger)
    }

    /// COPY (`PostgresCopy`) for at least `PostgresCopy.minimumRows` rows in the system context
    /// when row-level security does not apply to the role on `table` (`PostgresDatabase.copies`);
    /// else `PostgresBulkInsert`'s statements, `PostgresBulkInsert.rowsPerStatement` rows each
    /// (many rows per `INSERT … VALUES` for rows whose columns mix kinds of values).
    @discardableResult
    func insertAll(into table: String, columns: [String], rows: [[SQLValue]]) async throws -> Int {
        guard isOpen else { throw DatabaseError(kind: .other, message: "the transaction has ended") }
        if rows.count >= PostgresCopy.minimumRows, state.withLock({ $0.context }) == .system,
           let names = PostgresCopy.names(table: table, columns: columns), PostgresCopy.canWrite(rows),
           try await database.copies(into: table, on: connection) {
            try await PostgresCopy.copy(rows, into: names.table, columns: names.columns, on: connection, logger: database.logger)
            return rows.count
        }
        var inserted = 0
        var start = rows.startIndex
        while start < rows.endIndex {
            let chunk = rows[start..<min(start + PostgresBulkInsert.rowsPerStatement, rows.endIndex)]
            if let query = PostgresBulkInsert.query(into: table, columns: columns, rows: chunk) {
                guard isOpen else { throw DatabaseError(kind: .other, message: "the transaction has ended") }
                inserted += try await PostgresStatements.run(connection, query, logger: database.logger).count
            } else {
                inserted += try await InsertBatch.insert(Array(chunk), into: table, columns: columns, on: self)
            }
            start = chunk.endIndex
        }
        return inserted
    }

    /// The rows as arrays, `PostgresBulkInsert.rowsPerStatement` per statement, in order
    /// (`WITH ORDINALITY … ORDER BY`): the key column's identity gives each row, as the INSERT
    /// takes it, the next value of its sequence, and a sequence only grows, even with other
    /// sessions taking values at the same time. So the keys returned, sorted, are the rows'
    /// keys in their order, whatever order RETURNING gives them in. Rows whose columns mix
    /// kinds of values go one `INSERT … RETURNING` at a time.
    func insertAll(into table: String, columns: [String], rows: [[SQLValue]], returningGenerated key: String) async throws -> [Int64] {
        var keys: [Int64] = []
        keys.reserveCapacity(rows.count)
        var start = rows.startIndex
        while start < rows.endIndex {
            let chunk = rows[start..<min(start + PostgresBulkInsert.rowsPerStatement, rows.endIndex)]
            if let query = PostgresBulkInsert.query(into: table, columns: columns, rows: chunk, returning: key) {
                guard isOpen else { throw DatabaseError(kind: .other, message: "the transaction has ended") }
                let returned = try await PostgresStatements.run(connection, query, logger: database.logger).rows.map { Int64(try $0.int(0)) }
                guard returned.count == chunk.count else {
                    throw DatabaseError(kind: .other, message: "INSERT … RETURNING \(key) gave \(returned.count) keys for \(chunk.count) rows")
                }
                keys += returned.sorted()
            } else {
                keys += try await InsertBatch.insertReturningKeys(Array(chunk), into: table, columns: columns, key: key, on: self)
            }
            start = chunk.endIndex
        }
        return keys
    }

    /// In a read, the body's statements run on their own when `context` is the read's caller,
    /// else in a transaction as `context`; in a transaction, a savepoint (see `transaction`).
    func read<T: Sendable>(
        as context: AccessContext,
        _ body: @Sendable (any DatabaseExecutor) async throws -> T
    ) async throws -> T {
        if isRead, PostgresStatements.Caller(context) == sessionCaller {
            guard isOpen else { throw DatabaseError(kind: .other, message: "the transaction has ended") }
            return try await body(self)
        }
        return try await transaction(as: context, body)
    }

    /// A savepoint inside this transaction: released when `body` returns, rolled back to (and only
    /// it) when `body` throws. When `context` is not the transaction's caller, the savepoint runs as
    /// `context` and the caller comes back after it. In a read: a transaction on the read's
    /// connection.
    @discardableResult
    func transaction<T: Sendable>(
        as context: AccessContext,
        _ body: @Sendable (any DatabaseExecutor) async throws -> T
    ) async throws -> T {
        if isRead {
            guard isOpen else { throw DatabaseError(kind: .other, message: "the transaction has ended") }
            return try await Self.run(on: connection, of: database, as: context, sessionCaller: sessionCaller, body)
        }
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

    private func switchCaller(to context: AccessContext) async throws {
        try await PostgresStatements.setCaller(PostgresStatements.Caller(context), local: true, on: connection, logger: database.logger)
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
