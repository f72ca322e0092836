import Foundation
import GRDB
import GRDBSQLite
import SchemaRuntime

/// The SQL functions every connection of a `SQLiteDatabase` has: the writer (through GRDB's
/// `prepareDatabase`) and each read-only connection of `SQLiteReaders` register this one list,
/// through `register(on:)`, so a function added here is on both sides or on neither.
enum SQLiteFunctions {
    /// A scalar function: its name, how many arguments it takes, and its value from them.
    struct Function: Sendable {
        var name: String
        var argumentCount: Int32
        /// Deterministic: SQLite may use it in an index or a CHECK, and computes it once per row.
        var isDeterministic = true
        var value: @Sendable (_ arguments: Arguments) -> Value
    }

    /// A function's result.
    enum Value: Equatable {
        case null
        case double(Double)
    }

    /// A call's arguments, read through SQLite's value API.
    struct Arguments {
        let values: UnsafeMutablePointer<OpaquePointer?>
        let count: Int

        /// Argument `index` as little-endian float32s; nil unless it is a BLOB of a multiple of
        /// 4 bytes (NULL included).
        func floats(_ index: Int) -> [Float]? {
            let value = values[index]
            guard sqlite3_value_type(value) == SQLITE_BLOB else { return nil }
            let count = Int(sqlite3_value_bytes(value))
            guard count % 4 == 0 else { return nil }
            guard count > 0, let bytes = sqlite3_value_blob(value) else { return [] }
            let raw = UnsafeRawBufferPointer(start: bytes, count: count)
            return (0..<count / 4).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
        }
    }

    /// Every function, in registration order.
    static let all: [Function] = VectorMetric.allCases.map(vectorDistance)

    /// `schemagen_cosine_distance(a, b)` (and `_l2_distance`, `_inner_product`) over two vector
    /// BLOBs of little-endian float32, as PostgreSQL's DDL defines them over `real[]`: what a
    /// similarity search (`Repository.nearest`) orders by. NULL when either is not a vector
    /// (NULL included), the lengths differ, or (cosine) a vector is zero.
    private static func vectorDistance(_ metric: VectorMetric) -> Function {
        Function(name: metric.sqlFunction, argumentCount: 2) { arguments in
            guard let a = arguments.floats(0), let b = arguments.floats(1), let value = metric.value(a, b) else { return .null }
            return .double(value)
        }
    }

    /// Registers every function on a connection (a GRDB `Database`'s `sqliteConnection`, or a
    /// read connection's handle).
    static func register(on connection: OpaquePointer) throws {
        for (index, function) in all.enumerated() {
            // The function's place in `all` (plus one: not a null pointer) is its user data.
            let flags = SQLITE_UTF8 | (function.isDeterministic ? SQLITE_DETERMINISTIC : 0)
            let code = sqlite3_create_function_v2(connection, function.name, function.argumentCount, flags,
                                                  UnsafeMutableRawPointer(bitPattern: index + 1), callFunction, nil, nil, nil)
            guard code == SQLITE_OK else {
                throw GRDB.DatabaseError(resultCode: ResultCode(rawValue: code),
                                         message: "could not register the SQL function \(function.name)")
            }
        }
    }
}

/// The one C entry point of every function of `SQLiteFunctions.all`: finds the function by its
/// user data and hands its value to SQLite.
private func callFunction(_ context: OpaquePointer?, _ count: Int32, _ values: UnsafeMutablePointer<OpaquePointer?>?) {
    guard let context else { return }
    guard let index = sqlite3_user_data(context).map({ Int(bitPattern: $0) - 1 }),
          SQLiteFunctions.all.indices.contains(index), let values else {
        sqlite3_result_null(context)
        return
    }
    switch SQLiteFunctions.all[index].value(SQLiteFunctions.Arguments(values: values, count: Int(count))) {
    case .null: sqlite3_result_null(context)
    case .double(let number): sqlite3_result_double(context, number)
    }
}
