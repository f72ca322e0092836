import Foundation
import PostgresNIO
import SchemaRuntime

/// PostgreSQL through a PostgresNIO connection pool (`PostgresClient`).
///
/// The pool works only while `run()` runs, in a task of the owner's (a task group, a service
/// group), until `shutdown()` or the task's cancellation; `withDatabase(url:tls:_:)` does it all.
///
/// Every lease of a pooled connection is for one caller, whom row-level security knows by the
/// session settings `app.user_id` and `app.role`. Each connection's session keeps the last
/// caller's settings, and this database remembers them: a lease sets them (one round trip) only
/// when its caller is not the connection's last one, and sets them before anything else runs, so
/// that nothing leaks from one lease to the next. Statements outside a transaction or a read run
/// on any pooled connection, each in its own implicit transaction, as nobody: row-level security
/// sees them as anonymous, unless the database role bypasses it. A read (`read(as:_:)`) leases
/// one connection and runs its statements on their own, a one-statement read in one round trip;
/// a transaction leases one for its whole body (see `transaction(as:_:)`). Inside a read's or a
/// transaction's body, this database's own methods join it (through a task local) rather than
/// take another connection, which would not see the transaction's changes and could wait
/// forever on its locks.
///
/// Don't change `app.user_id` or `app.role` with statements of your own: the settings this
/// database remembers would no longer be the session's.
///
/// Statements are written with `?` placeholders, numbered `$1`, `$2`… here; values are sent
/// apart from the text, in binary. Queries outside a transaction block (in a read, or on their
/// own) are prepared statements, parsed once per connection (see `PostgresPrepared`).
public final class PostgresDatabase: DatabaseExecutor {
    public let dialect = DatabaseDialect.postgres

    let client: PostgresClient
    let logger: Logger
    /// Finished by `shutdown()`, which ends `run()`.
    private let stopped: (stream: AsyncStream<Void>, continuation: AsyncStream<Void>.Continuation)
    /// Whether `run()` has started the pool, and who waits for it: a lease before it would only
    /// wait in the pool (which PostgresNIO warns about), so this database's leases wait here.
    private let started = Locked((isRunning: false, waiting: [CheckedContinuation<Void, Never>]()))
    /// The caller each pooled connection's session carries, by connection; none while unknown
    /// (a new connection, or while its settings change).
    private let callers = Locked([PostgresConnection.ID: PostgresStatements.Caller]())
    /// Whether COPY may write a table (row-level security does not apply to this pool's role
    /// there), by table as SQL; asked once per table (see `copies`).
    private let copyableTables = Locked([String: Bool]())

    /// A pool for `postgres://user:password@host:port/database`. TLS is on when `tls` is true or
    /// the URL says `?sslmode=require` (or `verify-ca`, `verify-full`); the server's certificate
    /// is then verified against the system's trusted roots and the host name. Connections open
    /// when needed, once `run()` is running.
    ///
    /// `logger` gets PostgresNIO's messages: queries at debug level, failed connection attempts
    /// at info.
    ///
    /// `maximumConnections`: the most connections the pool opens (PostgresNIO's default: 20).
    public init(url: String, tls: Bool = false, maximumConnections: Int? = nil,
                logger: Logger = Logger(label: "schemagen.postgres")) throws {
        self.logger = logger
        var configuration = try Self.configuration(url: url, tls: tls)
        if let maximumConnections { configuration.options.maximumConnections = maximumConnections }
        client = PostgresClient(configuration: configuration, backgroundLogger: logger)
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
        maximumConnections: Int? = nil,
        _ body: (PostgresDatabase) async throws -> T
    ) async throws -> T {
        let database = try PostgresDatabase(url: url, tls: tls, maximumConnections: maximumConnections)
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

    /// Leases a connection for `body`, its session set for `caller` first. While the server
    /// cannot be reached, the pool keeps trying and the lease waits; after about a minute of
    /// failures it fails, as `.other`.
    private func withConnection<T: Sendable>(
        as caller: PostgresStatements.Caller,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        if !started.withLock({ $0.isRunning }) {
            await withCheckedContinuation { continuation in
                let isRunning = started.withLock { state in
                    if !state.isRunning { state.waiting.append(continuation) }
                    return state.isRunning
                }
                if isRunning { continuation.resume() }
            }
        }
        let leased = Locked(false)
        do {
            return try await client.withConnection { connection in
                leased.withLock { $0 = true }
                try await setCaller(caller, on: connection)
                return try await body(connection)
            }
        } catch let error as PSQLError {
            throw PostgresErrors.map(error)
        } catch where !leased.withLock({ $0 }) && !(error is CancellationError) {
            // The pool's own errors (no connection could be made: "circuit breaker tripped").
            throw DatabaseError(kind: .other, message: "PostgreSQL: no connection: \(error)")
        }
    }

    /// Makes `caller` the connection's session's caller, unless it is already. The connection is
    /// marked unknown until the server has answered, so that a failure or a cancellation in
    /// between makes the next lease set it again.
    private func setCaller(_ caller: PostgresStatements.Caller, on connection: PostgresConnection) async throws {
        let id = connection.id
        let isSet = callers.withLock { callers in
            if callers[id] == caller { return true }
            callers[id] = nil
            return false
        }
        guard !isSet else { return }
        try await PostgresStatements.setCaller(caller, local: false, on: connection, logger: logger)
        callers.withLock { $0[id] = caller }
    }

    // MARK: DatabaseExecutor

    @discardableResult
    public func execute(_ sql: String, _ arguments: [SQLValue]) async throws -> Int {
        if let transaction = PostgresTransaction.current(in: self) {
            return try await transaction.execute(sql, arguments)
        }
        return try await withConnection(as: .nobody) { connection in
            try await PostgresStatements.run(connection, sql, arguments, logger: logger).count
        }
    }

    public func query(_ sql: String, _ arguments: [SQLValue]) async throws -> [SQLRow] {
        if let transaction = PostgresTransaction.current(in: self) {
            return try await transaction.query(sql, arguments)
        }
        return try await withConnection(as: .nobody) { connection in
            try await PostgresStatements.query(connection, sql, arguments, logger: logger)
        }
    }

    /// Inserts the rows in one transaction (the current one, if any), columns as arrays (see
    /// `PostgresBulkInsert`).
    @discardableResult
    public func insertAll(into table: String, columns: [String], rows: [[SQLValue]]) async throws -> Int {
        if let transaction = PostgresTransaction.current(in: self) {
            return try await transaction.insertAll(into: table, columns: columns, rows: rows)
        }
        return try await transaction(as: .system) { db in try await db.insertAll(into: table, columns: columns, rows: rows) }
    }

    /// Inserts the rows in one transaction (the current one, if any), columns as arrays, and
    /// returns their generated keys in order (see `PostgresTransaction`).
    public func insertAll(into table: String, columns: [String], rows: [[SQLValue]], returningGenerated key: String) async throws -> [Int64] {
        if let transaction = PostgresTransaction.current(in: self) {
            return try await transaction.insertAll(into: table, columns: columns, rows: rows, returningGenerated: key)
        }
        return try await transaction(as: .system) { db in
            try await db.insertAll(into: table, columns: columns, rows: rows, returningGenerated: key)
        }
    }

    /// Whether `COPY … FROM` may write `table` on this pool's connections: row-level security
    /// does not apply to the role there (`row_security_active`: false for a superuser, a
    /// BYPASSRLS role, the owner of a table that does not FORCE it, or a table without it), and
    /// the session reads text as UTF-8. Asked on `connection` the first time, then remembered:
    /// every connection of the pool logs in as the same role. (A table made to FORCE row-level
    /// security afterwards refuses the COPY, and the insert fails; a new pool asks again.)
    func copies(into table: String, on connection: PostgresConnection) async throws -> Bool {
        if let known = copyableTables.withLock({ $0[table] }) { return known }
        let row = try await PostgresStatements.run(
            connection, "SELECT NOT row_security_active(?), current_setting('client_encoding') = 'UTF8'", [.text(table)], logger: logger).rows[0]
        let copies = try row.bool(0) && row.bool(1)
        copyableTables.withLock { $0[table] = copies }
        return copies
    }

    /// Runs `body`, which only reads, as `context`, on one leased connection, outside any
    /// transaction: each statement reads the latest committed data, and a one-statement read is
    /// one round trip (the caller's settings stay with the connection). A transaction in `body`
    /// is a transaction on that connection.
    public func read<T: Sendable>(
        as context: AccessContext,
        _ body: @Sendable (any DatabaseExecutor) async throws -> T
    ) async throws -> T {
        if let transaction = PostgresTransaction.current(in: self) {
            return try await transaction.read(as: context, body)
        }
        let caller = PostgresStatements.Caller(context)
        return try await withConnection(as: caller) { connection in
            let read = PostgresTransaction(database: self, connection: connection, context: context, sessionCaller: caller, isRead: true)
            defer { read.end() }
            return try await read.joining { try await body(read) }
        }
    }

    /// Runs `body` in a transaction on one leased connection, whose session carries the caller
    /// (`app.user_id` and `app.role`, empty for anonymous and the system context): `BEGIN`; the
    /// body; `COMMIT`, or `ROLLBACK` when it throws. The transaction is READ COMMITTED,
    /// PostgreSQL's default: lock what you read to update (`SELECT … FOR UPDATE`).
    @discardableResult
    public func transaction<T: Sendable>(
        as context: AccessContext,
        _ body: @Sendable (any DatabaseExecutor) async throws -> T
    ) async throws -> T {
        if let transaction = PostgresTransaction.current(in: self) {
            return try await transaction.transaction(as: context, body)
        }
        let caller = PostgresStatements.Caller(context)
        return try await withConnection(as: caller) { connection in
            try await PostgresTransaction.run(on: connection, of: self, as: context, sessionCaller: caller, body)
        }
    }
}
