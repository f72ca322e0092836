import Foundation
import PostgresNIO
import SchemaRuntime

/// `SQLValue`s to PostgreSQL's binary formats and back.
enum PostgresValues {
    /// Each value with the type its column has in Generated/SQL/postgres.sql. NULL goes with no
    /// type (OID 0): PostgreSQL infers it from where the parameter is used, so it fits any column.
    static func bindings(_ arguments: [SQLValue]) -> PostgresBindings {
        var bindings = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch argument {
            case .null: bindings.appendNull()
            case .int(let value): bindings.append(value)
            case .double(let value): bindings.append(value)
            case .text(let value): bindings.append(value)
            case .bool(let value): bindings.append(value)
            case .uuid(let value): bindings.append(value)
            case .date(let value): bindings.append(Timestamp(value))
            case .json(let value): bindings.append(JSONB(text: value))
            case .vector(let value): bindings.append(value)
            case .blob(let value): bindings.append(ByteBuffer(bytes: value))
            case .decimal(let value): bindings.append(Numeric(value: value))
            case .calendarDate(let value): bindings.append(Day(date: value))
            case .timestamp(let value): bindings.append(Timestamp(value, withTimeZone: false))
            // No type (OID 0): the server takes it as the column's enum type.
            case .enumValue(let value): bindings.append(PostgresData(type: PostgresDataType(0), formatCode: .text, value: ByteBuffer(string: value)))
            // The list's items, as a binary array of their type.
            case .array(let json, let element): PostgresArrays.append(json: json, element: element, to: &bindings)
            }
        }
        return bindings
    }

    /// A cell by its type. A user-defined type's value in binary format whose bytes are UTF-8
    /// (an enum's binary form is its label's text) reads as `.text`. Other types (intervals,
    /// arrays of timestamps…) have no `SQLValue`: cast them in the query (`::text`). Arrays of
    /// text, integers, UUIDs and booleans read as the JSON text of their list.
    static func sqlValue(_ cell: PostgresCell) throws -> SQLValue {
        guard var buffer = cell.bytes else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8:
            return .int(try cell.decode(Int64.self))
        case .oid:
            guard let value = buffer.readInteger(as: UInt32.self) else { break }
            return .int(Int64(value))
        case .float4, .float8:
            return .double(try cell.decode(Double.self))
        case .numeric:
            // Exact: SQLRow.double and .int read it as a number too.
            return .decimal(try cell.decode(Decimal.self))
        case .bool:
            return .bool(try cell.decode(Bool.self))
        case .text, .varchar, .bpchar, .name:
            return .text(try cell.decode(String.self))
        case .uuid:
            return .uuid(try cell.decode(UUID.self))
        case .timestamptz, .timestamp:
            guard cell.format == .binary, let microseconds = buffer.readInteger(as: Int64.self) else { break }
            return .date(Timestamp.date(microseconds: Double(microseconds)))
        case .date:
            guard cell.format == .binary, let days = buffer.readInteger(as: Int32.self) else { break }
            return .date(Timestamp.date(microseconds: Double(days) * 86_400_000_000))
        case .jsonb, .json:
            // String's decoder drops jsonb's leading version byte.
            return .json(try cell.decode(String.self))
        case .float4Array, .float8Array:
            return .vector(try cell.decode([Float].self))
        case .textArray, .varcharArray, .int8Array, .int4Array, .int2Array, .uuidArray, .boolArray:
            // A native array (`storage: array`) as the JSON text of its list.
            return .json(try PostgresArrays.json(cell))
        case .bytea:
            return .blob(Array(buffer.readableBytesView))
        case .void:
            return .null
        case let type where type.rawValue >= firstUserDefinedOID && cell.format == .binary:
            guard let text = String(validating: buffer.readableBytesView, as: UTF8.self) else { break }
            return .text(text)
        default:
            throw DatabaseError(kind: .other, message: "column \(cell.columnName) is of type \(cell.dataType), which has no SQLValue: cast it in the query")
        }
        throw DatabaseError(kind: .other, message: "column \(cell.columnName): cannot read \(cell.dataType) in \(cell.format) format")
    }

    /// PostgreSQL's FirstNormalObjectId: types at or above it were created in the database
    /// (`CREATE TYPE`), not built in.
    static let firstUserDefinedOID: UInt32 = 16_384

    /// timestamptz in microseconds since 2000-01-01, rounded (PostgresNIO's `Date` truncates,
    /// which can turn `.123` seconds into `.122999`).
    /// `withTimeZone: false` binds a `timestamp` (the same microseconds, read as a UTC wall
    /// clock), so that PostgreSQL converts nothing through the session's time zone.
    struct Timestamp: PostgresDynamicTypeEncodable {
        var date: Date
        var withTimeZone = true

        init(_ date: Date, withTimeZone: Bool = true) {
            self.date = date
            self.withTimeZone = withTimeZone
        }

        var psqlType: PostgresDataType { withTimeZone ? .timestamptz : .timestamp }
        var psqlFormat: PostgresFormat { .binary }

        /// 2000-01-01 is 366 days before 2001-01-01, Foundation's reference date.
        private static let referenceDateMicroseconds: Double = 31_622_400 * 1_000_000
        /// 2000-01-01 after 1970-01-01.
        private static let unixEpochMicroseconds: Double = 946_684_800 * 1_000_000

        func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
            let microseconds = (date.timeIntervalSinceReferenceDate * 1_000_000 + Self.referenceDateMicroseconds).rounded()
            // PostgreSQL's ±infinity are Int64's extremes.
            buffer.writeInteger(microseconds >= 9.2e18 ? Int64.max : microseconds <= -9.2e18 ? Int64.min : Int64(microseconds))
        }

        /// Divided once from whole microseconds since 1970 (exact in a Double for any date near
        /// ours), as `JSONCoding.parseDate` divides whole milliseconds, so that a date read back
        /// equals the date written. Infinite timestamps give far dates, not a crash.
        static func date(microseconds: Double) -> Date {
            Date(timeIntervalSince1970: (microseconds + unixEpochMicroseconds) / 1_000_000)
        }
    }

    /// A `date`: days since 2000-01-01, a 32-bit integer.
    struct Day: PostgresNonThrowingEncodable {
        var date: CalendarDate

        static var psqlType: PostgresDataType { .date }
        static var psqlFormat: PostgresFormat { .binary }

        /// 2000-01-01 after 1970-01-01, in days.
        private static let epochDays = 10_957

        func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
            buffer.writeInteger(Int32(date.daysSince1970 - Self.epochDays))
        }
    }

    /// A `numeric` in text format, exactly as Decimal writes it (`Decimal.description`).
    struct Numeric: PostgresNonThrowingEncodable {
        var value: Decimal

        static var psqlType: PostgresDataType { .numeric }
        static var psqlFormat: PostgresFormat { .text }

        func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
            buffer.writeString(value.description)
        }
    }

    /// JSON text as jsonb: binary format is a version byte, 1, then the text.
    struct JSONB: PostgresNonThrowingEncodable {
        var text: String

        static var psqlType: PostgresDataType { .jsonb }
        static var psqlFormat: PostgresFormat { .binary }

        func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
            buffer.writeInteger(UInt8(1))
            buffer.writeString(text)
        }
    }
}
