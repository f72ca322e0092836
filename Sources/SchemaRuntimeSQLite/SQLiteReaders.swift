import Foundation
import GRDB
import GRDBSQLite
import SchemaRuntime

/// The read-only connections of a database file, where `SQLiteDatabase` runs a read-only query
/// outside a transaction: SQLite's C API with nothing between the caller and the statement.
///
/// A query leases an idle connection (or opens one), runs on the calling thread, and gives it
/// back: no queue to hop to, no async access. A lease lasts one synchronous statement and never
/// spans a suspension point, so there are at most as many connections as threads that read at
/// once; `maximumIdle` of them are kept open between reads. Each connection keeps its statements
/// prepared (by SQL text) for its lifetime.
///
/// In WAL mode each statement reads the latest committed snapshot, in parallel with the writer.
/// The connections are closed when this value goes, with its `SQLiteDatabase`.
final class SQLiteReaders: @unchecked Sendable {
    // @unchecked: `idle` is only touched under `lock`, and a connection taken from it is used by
    // one thread at a time (the leaseholder) until it is put back under the lock.
    private let path: String
    private let lock = NSLock()
    private var idle: [ReadConnection] = []
    private let maximumIdle = max(4, ProcessInfo.processInfo.activeProcessorCount)

    init(path: String) {
        self.path = path
    }

    /// The rows of `sql`; nil when the statement may write (`INSERT … RETURNING`, some PRAGMAs),
    /// or is several statements, which the writer must run.
    func query(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow]? {
        let connection = try lease()
        defer { giveBack(connection) }
        return try connection.query(sql, arguments)
    }

    /// How many connections are open and idle (tests).
    var idleCount: Int {
        lock.withLock { idle.count }
    }

    private func lease() throws -> ReadConnection {
        if let connection = lock.withLock({ idle.popLast() }) { return connection }
        return try ReadConnection(path: path)
    }

    private func giveBack(_ connection: ReadConnection) {
        // Beyond `maximumIdle`, the connection closes as it goes.
        lock.withLock {
            if idle.count < maximumIdle { idle.append(connection) }
        }
    }
}

/// One read-only SQLite connection and its prepared statements; used by one thread at a time.
private final class ReadConnection {
    private let handle: OpaquePointer
    private var statements: [String: OpaquePointer] = [:]
    /// The statement used last: a repository sends the same statement over and over, and
    /// comparing its text is cheaper than hashing it for the dictionary.
    private var last: (sql: String, statement: OpaquePointer)?
    /// Prepared statements kept at most; past it the cache starts over (raw queries of many shapes).
    private static let maximumStatements = 256

    init(path: String) throws {
        var handle: OpaquePointer?
        let code = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil)
        guard code == SQLITE_OK, let handle else {
            let message = handle.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            sqlite3_close_v2(handle)
            throw GRDB.DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
        }
        do {
            // The writer registers the same list (SQLiteDatabase's configuration).
            try SQLiteFunctions.register(on: handle)
        } catch {
            sqlite3_close_v2(handle)
            throw error
        }
        self.handle = handle
        sqlite3_extended_result_codes(handle, 1)
        // Another process checkpointing, or recovering the WAL: wait as the writer does.
        sqlite3_busy_timeout(handle, 5_000)
        // No effect on reads; every connection of the database answers `PRAGMA foreign_keys` alike.
        sqlite3_exec(handle, "PRAGMA foreign_keys = ON", nil, nil, nil)
    }

    deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        sqlite3_close_v2(handle)
    }

    func query(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow]? {
        guard let statement = try statement(sql), sqlite3_stmt_readonly(statement) != 0 else { return nil }
        // Reset at the end, which also ends the statement's read transaction (its snapshot).
        defer { sqlite3_reset(statement) }
        guard arguments.count == Int(sqlite3_bind_parameter_count(statement)) else {
            throw GRDB.DatabaseError(resultCode: .SQLITE_MISUSE, message: "wrong number of statement arguments: \(arguments.count)", sql: sql)
        }
        for (index, argument) in arguments.enumerated() {
            let code = SQLiteStatements.bind(argument, to: statement, at: Int32(index + 1))
            guard code == SQLITE_OK else { throw error(code, sql) }
        }
        let columns = sqlite3_column_count(statement)
        var rows: [SQLRow] = []
        while true {
            switch sqlite3_step(statement) {
            case SQLITE_ROW:
                var values: [SQLValue] = []
                values.reserveCapacity(Int(columns))
                for column in 0..<columns { values.append(SQLiteStatements.sqlValue(statement, column)) }
                rows.append(SQLRow(values))
            case SQLITE_DONE:
                return rows
            case let code:
                throw error(code, sql)
            }
        }
    }

    /// `sql` prepared on this connection, from the cache; nil for several statements.
    private func statement(_ sql: String) throws -> OpaquePointer? {
        if let last, last.sql == sql { return last.statement }
        if let statement = statements[sql] {
            last = (sql, statement)
            return statement
        }
        var statement: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        let code = sql.withCString { text in
            let code = sqlite3_prepare_v3(handle, text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, &tail)
            // Anything but white space after the first statement: not ours.
            if code == SQLITE_OK, let rest = tail, String(cString: rest).contains(where: { !$0.isWhitespace }) {
                sqlite3_finalize(statement)
                statement = nil
            }
            return code
        }
        guard code == SQLITE_OK else { throw error(code, sql) }
        guard let statement else { return nil }
        if statements.count >= Self.maximumStatements {
            for statement in statements.values { sqlite3_finalize(statement) }
            statements.removeAll(keepingCapacity: true)
        }
        statements[sql] = statement
        last = (sql, statement)
        return statement
    }

    /// The connection's extended code ("UNIQUE" rather than "constraint") and message, as the
    /// writer's statements report them.
    private func error(_ code: Int32, _ sql: String) -> GRDB.DatabaseError {
        let extended = sqlite3_extended_errcode(handle)
        let message = sqlite3_errmsg(handle).map { String(cString: $0) }
        return GRDB.DatabaseError(resultCode: ResultCode(rawValue: extended != 0 ? extended : code), message: message, sql: sql)
    }
}
