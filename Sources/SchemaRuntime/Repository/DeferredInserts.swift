import Foundation

/// The executor `createAll` hands its hooks and checks when the repository has hooks: the rows it
/// inserts wait in a buffer and go out together (`DatabaseExecutor.insertAll`: many rows per
/// statement, on PostgreSQL columns as arrays) before anything else runs through it.
///
/// So a hook that only changes its record costs no statement of its own, and the batch is
/// checked and written in as few statements as without hooks; a hook (or a to-many link) that
/// reads or writes through its `database` first settles the records hooked so far (`settle`:
/// `createAll` checks them as a batch and buffers their rows) and flushes the rows buffered, and
/// sees every record before it, as when each record was inserted on its own. Errors of
/// the flushed INSERT come out in the schema's terms (`flush` maps them), in the same
/// transaction: a failure anywhere rolls back the whole batch.
///
/// A hook that bypasses its `database` (an executor it captured, joining the transaction
/// through its database) does not flush: it reads only the rows flushed before it.
final class DeferredInserts: DatabaseExecutor, @unchecked Sendable {
    let base: any DatabaseExecutor
    private let settle: @Sendable (DeferredInserts) async throws -> Void
    private let flushRows: @Sendable ([[SQLValue]]) async throws -> Void
    private let lock = NSLock()
    private var pending: [[SQLValue]] = []

    /// `settle` runs first at each flush (it may buffer rows, and run statements through this
    /// executor: their flush settles again, and must then find nothing to do); `flush` writes
    /// the rows (through `base`, in the caller's transaction).
    init(_ base: any DatabaseExecutor, settle: @escaping @Sendable (DeferredInserts) async throws -> Void = { _ in },
         flush: @escaping @Sendable ([[SQLValue]]) async throws -> Void) {
        self.base = base
        self.settle = settle
        self.flushRows = flush
    }

    var dialect: DatabaseDialect { base.dialect }

    /// Buffers one row (the table's column values) for the next flush.
    func append(_ row: [SQLValue]) {
        lock.lock()
        defer { lock.unlock() }
        pending.append(row)
    }

    /// Settles, then writes the buffered rows, if any.
    func flush() async throws {
        try await settle(self)
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

/// The records of `createAll` with hooks between their hook and their checks: they wait for the
/// next flush of its `DeferredInserts`, which checks them, buffers their rows and adds them to
/// `created`.
final class PendingRecords<Record: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var hooked: [Record] = []
    private var checked: [Record] = []

    func append(_ record: Record) {
        lock.withLock { hooked.append(record) }
    }

    /// The records hooked since the last call.
    func take() -> [Record] {
        lock.withLock {
            defer { hooked = [] }
            return hooked
        }
    }

    /// Adds records checked and buffered, in order.
    func append(created records: [Record]) {
        lock.withLock { checked += records }
    }

    /// Every record checked and buffered so far, in order.
    var created: [Record] {
        lock.withLock { checked }
    }
}
