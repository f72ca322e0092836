import Foundation
import GRDB
import SchemaRuntime

/// Running one statement on a GRDB connection, with `SQLValue`s in and out, as docs/sql-mapping.md
/// stores them.
enum SQLiteStatements {
    /// Runs `sql`; returns the rows it changed directly (not through triggers or cascades, as
    /// PostgreSQL counts), 0 for a statement that changed nothing.
    static func execute(_ db: Database, _ sql: String, _ arguments: [SQLValue]) throws -> Int {
        let totalBefore = db.totalChangesCount
        try db.execute(sql: sql, arguments: StatementArguments(arguments.map(databaseValue)))
        // sqlite3_changes() keeps the count of the last INSERT, UPDATE or DELETE, even after a
        // statement that is none of those: trust it only when something changed.
        return db.totalChangesCount == totalBefore ? 0 : db.changesCount
    }

    static func query(_ db: Database, _ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        try query(db.cachedStatement(sql: sql), arguments)
    }

    static func query(_ statement: Statement, _ arguments: [SQLValue]) throws -> [SQLRow] {
        let rows = try Row.fetchCursor(statement, arguments: StatementArguments(arguments.map(databaseValue)))
        var result: [SQLRow] = []
        while let row = try rows.next() {
            result.append(SQLRow(row.databaseValues.map(sqlValue)))
        }
        return result
    }

    /// How a value is stored: UUIDs lowercase, dates as `JSONCoding.formatDate` text, booleans
    /// 0/1, JSON as text, vectors as little-endian float32 BLOBs.
    static func databaseValue(_ value: SQLValue) -> DatabaseValue {
        switch value {
        case .null: return .null
        case .int(let value): return value.databaseValue
        case .double(let value): return value.databaseValue
        case .text(let value), .json(let value): return value.databaseValue
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
        }
    }

    /// A value by its storage class: SQLRow's accessors read UUIDs and dates from text and
    /// vectors from blobs.
    static func sqlValue(_ value: DatabaseValue) -> SQLValue {
        switch value.storage {
        case .null: return .null
        case .int64(let value): return .int(value)
        case .double(let value): return .double(value)
        case .string(let value): return .text(value)
        case .blob(let value): return .blob([UInt8](value))
        }
    }
}
