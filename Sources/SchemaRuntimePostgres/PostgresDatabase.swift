import Foundation
import PostgresNIO
import SchemaRuntime

/// PostgreSQL through a PostgresNIO connection pool (`PostgresClient`).
///
/// The pool works only while `run()` runs, in a task of the owner's (a task group, a service
/// group), until `shutdown()` or the task's cancellation; `withDatabase(url:tls:_:)` does it all.
///
/// Statements outside a transaction run on any pooled connection, each in its own implicit
/// transaction, with no caller set: row-level security sees them as anonymous, unless the
/// database role bypasses it. A transaction leases one connection for its whole body and makes
/// the caller known to row-level security there (see `transaction(as:_:)`). Inside a
/// transaction's body, this database's own methods join that transaction (through a task local)
/// rather than take another connection, which would not see the transaction's changes and could
/// wait forever on its locks.
///
/// Statements are written with `?` placeholders, numbered `$1`, `$2`… here; values are sent
/// apart from the text, in binary.
public final class PostgresDatabase: DatabaseExecutor {
    public let dialect = DatabaseDialect.postgres

    let client: PostgresClient
    let logger: Logger
    /// Finished by `shutdown()`, which ends `run()`.
    private let stopped: (stream: AsyncStream<Void>, continuation: AsyncStream<Void>.Continuation)
    /// Whether `run()` has started the pool, and who waits for it: a lease before it would only
    /// wait in the pool (which PostgresNIO warns about), so this database's leases wait here.
    private let started = Locked((isRunning: false, waiting: [CheckedContinuation<Void, Never>]()))

    /// A pool for `postgres://user:password@host:port/database`. TLS is on when `tls` is true or
    /// the URL says `?sslmode=require` (or `verify-ca`, `verify-full`); the server's certificate
    /// is then verified against the system's trusted roots and the host name. Connections open
    /// when needed, once `run()` is running.
    ///
    /// `logger` gets PostgresNIO's messages: queries at debug level, failed connection attempts
    /// at info.
    public init(url: String, tls: Bool = false, logger: Logger = Logger(label: "schemagen.postgres")) throws {
        self.logger = logger
        client = PostgresClient(configuration: try Self.configuration(url: url, tls: tls), backgroundLogger: logger)
        stopped = AsyncStream.makeStream(of: Void.self)
    }

    static func configuration(url: String, tls: Bool) throws -> PostgresClient.Configuration {
        // The URL is not repeated in errors: it may hold a password.
        guard let components = URLComponents(string: url),
              let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql",
              let host = components.host, !host.isEmpty
        else {
            throw DatabaseError(kind: .other, message: "not a PostgreSQL URL: expected postgres://user:password@host:port/database")
        }
        let sslMode = components.queryItems?.last(where: { $0.name == "sslmode" })?.value?.lowercased()
        let useTLS = tls || ["require", "verify-ca", "verify-full"].contains(sslMode ?? "")
        let database = String(components.path.drop(while: { $0 == "/" }))
        return PostgresClient.Configuration(
            host: host,
            port: components.port ?? 5432,
            username: components.user ?? "postgres",
            password: components.password,
            database: database.isEmpty ? nil : database,
            tls: useTLS ? .require(TLSConfiguration.makeClientConfiguration()) : .disable
        )
    }

    /// Runs the connection pool until `shutdown()` is called or the task is cancelled; then closes
    /// its connections. Call it once.
    public func run() async {
        await withDiscardingTaskGroup { group in
            group.addTask {
                // Nothing suspends between waking the waiting leases and the client marking
                // itself running, its first step.
                for waiting in self.started.withLock({ state in
                    state.isRunning = true
                    defer { state.waiting = [] }
                    return state.waiting
                }) {
                    waiting.resume()
                }
                await self.client.run()
            }
            // Ends when shutdown() finishes the stream, or when this task is cancelled.
            for await _ in stopped.stream {}
            group.cancelAll()
        }
    }

    /// Ends `run()`. Statements after it fail.
    public func shutdown() {
        stopped.continuation.finish()
    }

    /// Opens a database, runs its pool while `body` runs, and closes it afterwards.
    public static func withDatabase<T>(
        url: String,
        tls: Bool = false,
        _ body: (PostgresDatabase) async throws -> T
    ) async throws -> T {
        let database = try PostgresDatabase(url: url, tls: tls)
        return try await withThrowingDiscardingTaskGroup { group in
            group.addTask { await database.run() }
            defer { database.shutdown() }
            return try await body(database)
        }
    }

    /// Runs a DDL script, such as Generated/SQL/postgres.sql, in one transaction: all of it or
    /// nothing. PostgresNIO sends one statement per query, so the script is split at the
    /// semicolons outside strings, quoted names, comments and `$$` bodies.
    public func apply(schema: String) async throws {
        try await transaction(as: .system) { database in
            for statement in PostgresSQLText.statements(schema) {
                try await database.execute(statement, [])
            }
        }
    }

    /// Leases a connection for `body`. While the server cannot be reached, the pool keeps trying
    /// and the lease waits; after about a minute of failures it fails, as `.other`.
    private func withConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        await withCheckedContinuation { continuation in
            let isRunning = started.withLock { state in
                if !state.isRunning { state.waiting.append(continuation) }
                return state.isRunning
            }
            if isRunning { continuation.resume() }
        }
        let leased = Locked(false)
        do {
            return try await client.withConnection { connection in
                leased.withLock { $0 = true }
                return try await body(connection)
            }
        } catch let error as PSQLError {
            throw PostgresErrors.map(error)
        } catch where !leased.withLock({ $0 }) && !(error is CancellationError) {
            // The pool's own errors (no connection could be made: "circuit breaker tripped").
            throw DatabaseError(kind: .other, message: "PostgreSQL: no connection: \(error)")
        }
    }

    // MARK: DatabaseExecutor

    @discardableResult
    public func execute(_ sql: String, _ arguments: [SQLValue]) async throws -> Int {
        if let transaction = PostgresTransaction.current(in: self) {
            return try await transaction.execute(sql, arguments)
        }
        return try await withConnection { connection in
            try await PostgresStatements.run(connection, sql, arguments, logger: logger).count
        }
    }

    public func query(_ sql: String, _ arguments: [SQLValue]) async throws -> [SQLRow] {
        if let transaction = PostgresTransaction.current(in: self) {
            return try await transaction.query(sql, arguments)
        }
        return try await withConnection { connection in
            try await PostgresStatements.run(connection, sql, arguments, logger: logger).rows
        }
    }

    /// Runs `body` in a transaction on one leased connection: `BEGIN`; for a principal,
    /// `app.user_id` and `app.role` set local to the transaction (empty for anonymous, so that
    /// nothing can leak from one transaction to the next); the body; `COMMIT`, or `ROLLBACK` when
    /// it throws. The transaction is READ COMMITTED, PostgreSQL's default: lock what you read
    /// to update (`SELECT … FOR UPDATE`).
    @discardableResult
    public func transaction<T: Sendable>(
        as context: AccessContext,
        _ body: @Sendable (any DatabaseExecutor) async throws -> T
    ) async throws -> T {
        if let transaction = PostgresTransaction.current(in: self) {
            return try await transaction.transaction(as: context, body)
        }
        return try await withConnection { connection in
            let transaction = PostgresTransaction(database: self, connection: connection, context: context)
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
