import Foundation
import GRDB
import GRDBSQLite
import SchemaRuntime

/// Running one statement on a GRDB connection, with `SQLValue`s in and out, as docs/sql-mapping.md
/// stores them.
///
/// Statements are prepared once per connection (GRDB's statement cache); values are bound and
/// read with SQLite's C API, by column index, straight from and into `SQLValue`s.
enum SQLiteStatements {
    /// Runs `sql`; returns the rows it changed directly (not through triggers or cascades, as
    /// PostgreSQL counts), 0 for a statement that changed nothing.
    static func execute(_ db: Database, _ sql: String, _ arguments: [SQLValue]) throws -> Int {
        let totalBefore = db.totalChangesCount
        if let statement = try? db.cachedStatement(sql: sql) {
            try run(statement, arguments, db) { _ in }
        } else {
            // Several statements, or one SQLite refuses: GRDB runs them, or explains the refusal.
            try db.execute(sql: sql, arguments: StatementArguments(arguments.map(databaseValue)))
        }
        // sqlite3_changes() keeps the count of the last INSERT, UPDATE or DELETE, even after a
        // statement that is none of those: trust it only when something changed.
        return db.totalChangesCount == totalBefore ? 0 : db.changesCount
    }

    static func query(_ db: Database, _ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        try query(db.cachedStatement(sql: sql), arguments, db)
    }

    static func query(_ statement: Statement, _ arguments: [SQLValue], _ db: Database) throws -> [SQLRow] {
        var rows: [SQLRow] = []
        let columns = Int32(statement.columnCount)
        try run(statement, arguments, db) { handle in
            var values: [SQLValue] = []
            values.reserveCapacity(Int(columns))
            for column in 0..<columns { values.append(sqlValue(handle, column)) }
            rows.append(SQLRow(values))
        }
        return rows
    }

    /// Binds `arguments`, steps through the rows (each given to `row`) and resets the statement.
    private static func run(_ statement: Statement, _ arguments: [SQLValue], _ db: Database, row: (SQLiteStatement) throws -> Void) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        defer { sqlite3_reset(handle) }
        guard arguments.count == Int(sqlite3_bind_parameter_count(handle)) else {
            throw GRDB.DatabaseError(resultCode: .SQLITE_MISUSE, message: "wrong number of statement arguments: \(arguments.count)", sql: statement.sql)
        }
        for (index, argument) in arguments.enumerated() {
            let code = bind(argument, to: handle, at: Int32(index + 1))
            guard code == SQLITE_OK else { throw error(code, db, statement) }
        }
        while true {
            switch sqlite3_step(handle) {
            case SQLITE_ROW: try row(handle)
            case SQLITE_DONE: return
            case let code: throw error(code, db, statement)
            }
        }
    }

    private static func error(_ code: Int32, _ db: Database, _ statement: Statement) -> GRDB.DatabaseError {
        // The connection's extended code ("UNIQUE" rather than "constraint") and message.
        let extended = sqlite3_extended_errcode(db.sqliteConnection)
        let message = sqlite3_errmsg(db.sqliteConnection).map { String(cString: $0) }
        return GRDB.DatabaseError(resultCode: ResultCode(rawValue: extended != 0 ? extended : code), message: message, sql: statement.sql)
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// How a value is stored: UUIDs lowercase, dates as `JSONCoding.formatDate` text, booleans
    /// 0/1, JSON as text, vectors as little-endian float32 BLOBs, decimals as their plain text
    /// (exact), calendar dates as `YYYY-MM-DD`, timestamps without zone as UTC text without `Z`.
    static func bind(_ value: SQLValue, to handle: SQLiteStatement, at index: Int32) -> Int32 {
        switch value {
        case .null: return sqlite3_bind_null(handle, index)
        case .int(let value): return sqlite3_bind_int64(handle, index, value)
        case .double(let value): return sqlite3_bind_double(handle, index, value)
        case .text(let value), .json(let value), .enumValue(let value), .array(let value, _): return bindText(value, handle, index)
        case .bool(let value): return sqlite3_bind_int64(handle, index, value ? 1 : 0)
        case .uuid(let value): return bindText(value.uuidString.lowercased(), handle, index)
        case .date(let value): return bindText(JSONCoding.formatDate(value), handle, index)
        case .vector(let value):
            var bytes: [UInt8] = []
            bytes.reserveCapacity(value.count * 4)
            for element in value {
                withUnsafeBytes(of: element.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
            }
            return bindBlob(bytes, handle, index)
        case .blob(let value): return bindBlob(value, handle, index)
        case .decimal(let value): return bindText(value.description, handle, index)
        case .calendarDate(let value): return bindText(value.description, handle, index)
        case .timestamp(let value): return bindText(JSONCoding.formatTimestamp(value), handle, index)
        }
    }

    private static func bindText(_ text: String, _ handle: SQLiteStatement, _ index: Int32) -> Int32 {
        var text = text
        return text.withUTF8 { bytes -> Int32 in
            // A null pointer would bind NULL: the empty string is bound from a literal.
            guard !bytes.isEmpty else { return sqlite3_bind_text(handle, index, "", 0, transient) }
            return bytes.withMemoryRebound(to: CChar.self) { text in
                sqlite3_bind_text(handle, index, text.baseAddress, Int32(text.count), transient)
            }
        }
    }

    private static func bindBlob(_ bytes: [UInt8], _ handle: SQLiteStatement, _ index: Int32) -> Int32 {
        // An empty array must still be a BLOB, not NULL: zeroblob(0).
        guard !bytes.isEmpty else { return sqlite3_bind_zeroblob(handle, index, 0) }
        return bytes.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), transient) }
    }

    /// A value by its storage class: SQLRow's accessors read UUIDs and dates from text and
    /// vectors from blobs.
    static func sqlValue(_ handle: SQLiteStatement, _ column: Int32) -> SQLValue {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER: return .int(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT: return .double(sqlite3_column_double(handle, column))
        case SQLITE_TEXT:
            guard let text = sqlite3_column_text(handle, column) else { return .text("") }
            let count = Int(sqlite3_column_bytes(handle, column))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, column))
            guard count > 0, let blob = sqlite3_column_blob(handle, column) else { return .blob([]) }
            return .blob([UInt8](UnsafeRawBufferPointer(start: blob, count: count)))
        default: return .null
        }
    }

    /// A value as GRDB binds it, for statements GRDB runs itself.
    static func databaseValue(_ value: SQLValue) -> DatabaseValue {
        switch value {
        case .null: return .null
        case .int(let value): return value.databaseValue
        case .double(let value): return value.databaseValue
        case .text(let value), .json(let value), .enumValue(let value), .array(let value, _): return value.databaseValue
        case .bool(let value): return Int64(value ? 1 : 0).databaseValue
        case .uuid(let value): return value.uuidString.lowercased().databaseValue
        case .date(let value): return JSONCoding.formatDate(value).databaseValue
        case .vector(let value):
            var data = Data(capacity: value.count * 4)
            for element in value {
                withUnsafeBytes(of: element.bitPattern.littleEndian) { data.append(contentsOf: $0) }
            }
            return data.databaseValue
        case .blob(let value): return Data(value).databaseValue
        case .decimal(let value): return value.description.databaseValue
        case .calendarDate(let value): return value.description.databaseValue
        case .timestamp(let value): return JSONCoding.formatTimestamp(value).databaseValue
        }
    }
}
