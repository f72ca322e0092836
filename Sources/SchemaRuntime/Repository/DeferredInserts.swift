import Foundation

/// The executor `createAll` hands its hooks and checks when the repository has hooks: the rows it
/// inserts wait in a buffer and go out together (`DatabaseExecutor.insertAll`: many rows per
/// statement, on PostgreSQL columns as arrays) before anything else runs through it.
///
/// So a hook that only changes its record costs no statement of its own, and the batch is
/// written in as few statements as without hooks; a hook (or an access rule, a `within` check, a
/// to-many link) that reads or writes through its `database` first flushes the rows buffered so
/// far, and sees every record before it, as when each record was inserted on its own. Errors of
/// the flushed INSERT come out in the schema's terms (`flush` maps them), in the same
/// transaction: a failure anywhere rolls back the whole batch.
///
/// A hook that bypasses its `database` (an executor it captured, joining the transaction
/// through its database) does not flush: it reads only the rows flushed before it.
final class DeferredInserts: DatabaseExecutor, @unchecked Sendable {
    let base: any DatabaseExecutor
    private let flushRows: @Sendable ([[SQLValue]]) async throws -> Void
    private let lock = NSLock()
    private var pending: [[SQLValue]] = []

    /// `flush` writes the rows (through `base`, in the caller's transaction).
    init(_ base: any DatabaseExecutor, flush: @escaping @Sendable ([[SQLValue]]) async throws -> Void) {
        self.base = base
        self.flushRows = flush
    }

    var dialect: DatabaseDialect { base.dialect }

    /// Buffers one row (the table's column values) for the next flush.
    func append(_ row: [SQLValue]) {
        lock.lock()
        defer { lock.unlock() }
        pending.append(row)
    }

    /// Writes the buffered rows, if any.
    func flush() async throws {
        let rows: [[SQLValue]] = {
            lock.lock()
            defer { lock.unlock() }
            let rows = pending
            pending = []
            return rows
        }()
        guard !rows.isEmpty else { return }
        try await flushRows(rows)
    }

    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) async throws -> Int {
        try await flush()
        return try await base.execute(sql, arguments)
    }

    func query(_ sql: String, _ arguments: [SQLValue]) async throws -> [SQLRow] {
        try await flush()
        return try await base.query(sql, arguments)
    }

    @discardableResult
    func insertAll(into table: String, columns: [String], rows: [[SQLValue]]) async throws -> Int {
        try await flush()
        return try await base.insertAll(into: table, columns: columns, rows: rows)
    }

    func insertAll(into table: String, columns: [String], rows: [[SQLValue]], returningGenerated key: String) async throws -> [Int64] {
        try await flush()
        return try await base.insertAll(into: table, columns: columns, rows: rows, returningGenerated: key)
    }

    @discardableResult
    func transaction<T: Sendable>(as context: AccessContext, _ body: @Sendable (any DatabaseExecutor) async throws -> T) async throws -> T {
        try await flush()
        return try await base.transaction(as: context, body)
    }

    func read<T: Sendable>(as context: AccessContext, _ body: @Sendable (any DatabaseExecutor) async throws -> T) async throws -> T {
        try await flush()
        return try await base.read(as: context, body)
    }
}
