import Foundation
import SchemaRuntime
import Synchronization

/// An executor that counts the statements sent through it (and through the transactions and
/// reads it opens), then runs them on `base`: how tests bound the queries a call makes.
final class StatementCounter: DatabaseExecutor {
    let base: any DatabaseExecutor
    private let counted: Mutex<[String]>

    init(_ base: any DatabaseExecutor) {
        self.base = base
        self.counted = Mutex([])
    }

    var dialect: DatabaseDialect { base.dialect }

    /// The statements run since the last `reset`, in order.
    var statements: [String] { counted.withLock { $0 } }

    func reset() { counted.withLock { $0 = [] } }

    func record(_ sql: String) { counted.withLock { $0.append(sql) } }

    func execute(_ sql: String, _ arguments: [SQLValue]) async throws -> Int {
        record(sql)
        return try await base.execute(sql, arguments)
    }

    func query(_ sql: String, _ arguments: [SQLValue]) async throws -> [SQLRow] {
        record(sql)
        return try await base.query(sql, arguments)
    }

    func insertAll(into table: String, columns: [String], rows: [[SQLValue]]) async throws -> Int {
        record("INSERT INTO \(table)")
        return try await base.insertAll(into: table, columns: columns, rows: rows)
    }

    func transaction<T: Sendable>(as context: AccessContext, _ body: @Sendable (any DatabaseExecutor) async throws -> T) async throws -> T {
        try await base.transaction(as: context) { db in try await body(Inner(db, counter: self)) }
    }

    func read<T: Sendable>(as context: AccessContext, _ body: @Sendable (any DatabaseExecutor) async throws -> T) async throws -> T {
        try await base.read(as: context) { db in try await body(Inner(db, counter: self)) }
    }

    /// The executor of a transaction or read: counts into the same list.
    private struct Inner: DatabaseExecutor {
        let base: any DatabaseExecutor
        let counter: StatementCounter

        init(_ base: any DatabaseExecutor, counter: StatementCounter) {
            self.base = base
            self.counter = counter
        }

        var dialect: DatabaseDialect { base.dialect }

        func execute(_ sql: String, _ arguments: [SQLValue]) async throws -> Int {
            counter.record(sql)
            return try await base.execute(sql, arguments)
        }

        func query(_ sql: String, _ arguments: [SQLValue]) async throws -> [SQLRow] {
            counter.record(sql)
            return try await base.query(sql, arguments)
        }

        func insertAll(into table: String, columns: [String], rows: [[SQLValue]]) async throws -> Int {
            counter.record("INSERT INTO \(table)")
            return try await base.insertAll(into: table, columns: columns, rows: rows)
        }

        func transaction<T: Sendable>(as context: AccessContext, _ body: @Sendable (any DatabaseExecutor) async throws -> T) async throws -> T {
            try await base.transaction(as: context) { db in try await body(Inner(db, counter: counter)) }
        }

        func read<T: Sendable>(as context: AccessContext, _ body: @Sendable (any DatabaseExecutor) async throws -> T) async throws -> T {
            try await base.read(as: context) { db in try await body(Inner(db, counter: counter)) }
        }
    }
}
