import Foundation

/// Which SQL a database speaks.
public enum DatabaseDialect: String, Sendable, Hashable {
    case sqlite
    case postgres
}

/// What generated repositories need from a database: statements with `?` placeholders, rows of
/// values, and transactions. SchemaRuntimeSQLite (GRDB) and SchemaRuntimePostgres (PostgresNIO)
/// implement it; generated code depends on nothing else.
public protocol DatabaseExecutor: Sendable {
    var dialect: DatabaseDialect { get }

    /// Runs a statement; returns the number of rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) async throws -> Int

    /// Runs a query; returns its rows, columns in select order.
    func query(_ sql: String, _ arguments: [SQLValue]) async throws -> [SQLRow]

    /// Inserts `rows`, each the values of `columns` in that order, into `table`; returns how many
    /// rows it inserted. By default many rows per `INSERT … VALUES` (see `InsertBatch`);
    /// PostgreSQL sends each column as one array (`INSERT … SELECT … FROM unnest(…)`).
    @discardableResult
    func insertAll(into table: String, columns: [String], rows: [[SQLValue]]) async throws -> Int

    /// Inserts `rows`, each the values of `columns` (every column but `key`, which the database
    /// generates), into `table`; returns the key each row got, in the order of `rows`. By
    /// default one `INSERT … RETURNING` per row; PostgreSQL sends the rows as arrays, in one
    /// statement per batch.
    func insertAll(into table: String, columns: [String], rows: [[SQLValue]], returningGenerated key: String) async throws -> [Int64]

    /// Runs `body` in one transaction, committed when it returns and rolled back when it throws
    /// (a savepoint when this executor is already in a transaction). On PostgreSQL the
    /// transaction carries the caller for row-level security (`app.user_id`, `app.role`).
    /// SQLite write transactions are IMMEDIATE, so two writers never interleave.
    @discardableResult
    func transaction<T: Sendable>(
        as context: AccessContext,
        _ body: @Sendable (any DatabaseExecutor) async throws -> T
    ) async throws -> T

    /// Runs `body`, which only reads, as `context`. By default a transaction; SQLite, where the
    /// generated repositories apply the access rules in their SQL, runs its statements on their
    /// own instead, each reading the latest committed data, with no write lock to wait for (the
    /// generated reads are one statement, plus one per to-many reference).
    func read<T: Sendable>(
        as context: AccessContext,
        _ body: @Sendable (any DatabaseExecutor) async throws -> T
    ) async throws -> T
}

extension DatabaseExecutor {
    @discardableResult
    public func insertAll(into table: String, columns: [String], rows: [[SQLValue]]) async throws -> Int {
        try await InsertBatch.insert(rows, into: table, columns: columns, on: self)
    }

    public func insertAll(into table: String, columns: [String], rows: [[SQLValue]], returningGenerated key: String) async throws -> [Int64] {
        try await InsertBatch.insertReturningKeys(rows, into: table, columns: columns, key: key, on: self)
    }

    public func read<T: Sendable>(
        as context: AccessContext,
        _ body: @Sendable (any DatabaseExecutor) async throws -> T
    ) async throws -> T {
        try await transaction(as: context, body)
    }
}

/// A value bound to, or read from, a statement.
public enum SQLValue: Sendable, Hashable {
    case null
    case int(Int64)
    case double(Double)
    case text(String)
    case bool(Bool)
    case uuid(UUID)
    case date(Date)
    /// JSON text: `jsonb` on PostgreSQL, TEXT on SQLite.
    case json(String)
    /// A vector: `real[]` on PostgreSQL, a BLOB of little-endian 32-bit floats on SQLite.
    case vector([Float])
    /// Bytes, as SQLite returns a BLOB.
    case blob([UInt8])
    /// An exact number: `numeric` on PostgreSQL, its text on SQLite.
    case decimal(Decimal)
    /// A day: `date` on PostgreSQL, `'YYYY-MM-DD'` on SQLite.
    case calendarDate(CalendarDate)
    /// A time without a zone, as UTC: `timestamp` on PostgreSQL, `'YYYY-MM-DDTHH:MM:SS.sss'` on SQLite.
    case timestamp(Date)
    /// A value of a native enum type (`storage: enum`): TEXT on SQLite; on PostgreSQL sent as
    /// text of no declared type, which the server reads as the enum type of the column it is
    /// compared with or stored in. Read back as `.text`.
    case enumValue(String)
    /// A list stored as a native array on PostgreSQL (`storage: array`): the list's JSON text and
    /// PostgreSQL's type of its items (`text`, `bigint`, `integer`, `smallint`, `uuid`,
    /// `boolean`). TEXT (the JSON) on SQLite; on PostgreSQL sent as a binary array of
    /// `element[]`. Read back as `.json` on both engines.
    case array(String, element: String)
}

/// One row of a query's result.
public struct SQLRow: Sendable, Hashable {
    public var values: [SQLValue]

    public init(_ values: [SQLValue]) {
        self.values = values
    }

    public struct DecodingError: Error, Sendable, CustomStringConvertible {
        public var column: Int
        public var expected: String
        public var found: SQLValue
        public var description: String { "column \(column): expected \(expected), found \(found)" }
    }

    public func isNull(_ column: Int) -> Bool { values[column] == .null }

    public func int(_ column: Int) throws -> Int {
        switch values[column] {
        case .int(let value): return Int(value)
        case .double(let value) where value.rounded() == value: return Int(value)
        case .decimal(let value): if let whole = Int(value.description) { return whole }
        default: break
        }
        throw DecodingError(column: column, expected: "an integer", found: values[column])
    }

    public func double(_ column: Int) throws -> Double {
        switch values[column] {
        case .double(let value): return value
        case .int(let value): return Double(value)
        case .decimal(let value): return NSDecimalNumber(decimal: value).doubleValue
        default: throw DecodingError(column: column, expected: "a number", found: values[column])
        }
    }

    /// A sized integer (`int16`, `int32`, `int64`), or an error when the value does not fit.
    public func integer<T: FixedWidthInteger>(_ type: T.Type, _ column: Int) throws -> T {
        if case .int(let value) = values[column], let fitting = T(exactly: value) { return fitting }
        throw DecodingError(column: column, expected: "a \(T.self)", found: values[column])
    }

    /// A `decimal`: PostgreSQL's numeric, or the text SQLite keeps (an integer or a REAL where a
    /// column has no CHECK to keep it text, read as written).
    public func decimal(_ column: Int) throws -> Decimal {
        switch values[column] {
        case .decimal(let value): return value
        case .text(let text): if let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) { return value }
        case .int(let value): return Decimal(value)
        case .double(let value): if let value = Decimal(string: String(value), locale: Locale(identifier: "en_US_POSIX")) { return value }
        default: break
        }
        throw DecodingError(column: column, expected: "a decimal", found: values[column])
    }

    /// A `date`.
    public func calendarDate(_ column: Int) throws -> CalendarDate {
        switch values[column] {
        case .calendarDate(let value): return value
        case .date(let value): return CalendarDate(value)
        case .text(let text): if let value = CalendarDate(text) { return value }
        default: break
        }
        throw DecodingError(column: column, expected: "a date (YYYY-MM-DD)", found: values[column])
    }

    /// A `timestamp` (without time zone), as UTC.
    public func timestamp(_ column: Int) throws -> Date {
        switch values[column] {
        case .timestamp(let value), .date(let value): return value
        case .text(let text): if let value = JSONCoding.parseTimestamp(text) { return value }
        default: break
        }
        throw DecodingError(column: column, expected: "a timestamp", found: values[column])
    }

    /// `bytes`.
    public func bytes(_ column: Int) throws -> Data {
        if case .blob(let bytes) = values[column] { return Data(bytes) }
        throw DecodingError(column: column, expected: "bytes", found: values[column])
    }

    public func string(_ column: Int) throws -> String {
        switch values[column] {
        case .text(let value), .json(let value), .enumValue(let value), .array(let value, _): return value
        default: throw DecodingError(column: column, expected: "text", found: values[column])
        }
    }

    public func bool(_ column: Int) throws -> Bool {
        switch values[column] {
        case .bool(let value): return value
        case .int(let value): return value != 0
        default: throw DecodingError(column: column, expected: "a boolean", found: values[column])
        }
    }

    public func uuid(_ column: Int) throws -> UUID {
        switch values[column] {
        case .uuid(let value): return value
        case .text(let text): if let value = UUID(uuidString: text) { return value }
        default: break
        }
        throw DecodingError(column: column, expected: "a UUID", found: values[column])
    }

    public func date(_ column: Int) throws -> Date {
        switch values[column] {
        case .date(let value): return value
        case .text(let text): if let value = JSONCoding.parseDate(text) { return value }
        default: break
        }
        throw DecodingError(column: column, expected: "a date", found: values[column])
    }

    public func vector(_ column: Int) throws -> [Float] {
        switch values[column] {
        case .vector(let value): return value
        case .blob(let bytes) where bytes.count % 4 == 0:
            return stride(from: 0, to: bytes.count, by: 4).map { offset in
                let bits = UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
                return Float(bitPattern: bits)
            }
        default: throw DecodingError(column: column, expected: "a vector", found: values[column])
        }
    }

    /// A JSON column decoded as `T` (arrays, objects, `JSONValue`).
    public func json<T: Decodable>(_ type: T.Type, _ column: Int) throws -> T {
        try JSONCoding.makeDecoder().decode(T.self, from: Data(string(column).utf8))
    }

    public func enumeration<T: RawRepresentable>(_ type: T.Type, _ column: Int) throws -> T where T.RawValue == String {
        let raw = try string(column)
        guard let value = T(rawValue: raw) else {
            throw DecodingError(column: column, expected: "a value of \(T.self)", found: values[column])
        }
        return value
    }

    /// Nil for NULL, else what `decode` reads.
    public func optional<T>(_ column: Int, _ decode: (Int) throws -> T) throws -> T? {
        isNull(column) ? nil : try decode(column)
    }
}

extension SQLValue {
    /// JSON text of an `Encodable` value, for a JSON column.
    public static func json<T: Encodable>(encoding value: T) throws -> SQLValue {
        .json(String(decoding: try JSONCoding.makeEncoder().encode(value), as: UTF8.self))
    }

    /// A list of scalars with `storage: array`: its JSON text, which PostgreSQL stores as an
    /// array of `element` (`text`, `bigint`…) and SQLite as JSON text.
    public static func array<T: Encodable>(encoding value: T, element: String) throws -> SQLValue {
        .array(String(decoding: try JSONCoding.makeEncoder().encode(value), as: UTF8.self), element: element)
    }

    /// A `json` field: SQL NULL for JSON null, so an absent value and null are one.
    public static func json(nullable value: JSONValue) throws -> SQLValue {
        value == .null ? .null : try .json(encoding: value)
    }

    /// `.null` for nil.
    public static func optional<T>(_ value: T?, _ make: (T) throws -> SQLValue) rethrows -> SQLValue {
        try value.map(make) ?? .null
    }
}

/// Reads a row's columns without a `try` for each: a column that does not decode is recorded
/// (the first one wins) and read as a placeholder, and `finish()` throws what was recorded.
/// A generated `init(row:)` is then one plain initializer call and one `try` at its end, which
/// compiles to far less code than a `try` per argument (each of which has to clean up every
/// argument before it). The errors are those of `SQLRow`'s throwing readers.
public struct SQLRowReader {
    public let row: SQLRow
    /// The first column that did not decode.
    public private(set) var error: (any Error)?

    public init(_ row: SQLRow) {
        self.row = row
    }

    /// Throws the error of the first column that did not decode.
    public func finish() throws {
        if let error { throw error }
    }

    private mutating func read<T>(_ placeholder: T, _ decode: (SQLRow) throws -> T) -> T {
        do {
            return try decode(row)
        } catch {
            if self.error == nil { self.error = error }
            return placeholder
        }
    }

    /// Whether the column is NULL. `mutating` though it changes nothing, so that a call reads
    /// the reader in place instead of copying it (which unoptimized builds do for a `var`).
    public mutating func isNull(_ column: Int) -> Bool { row.isNull(column) }

    public mutating func int(_ column: Int) -> Int { read(0) { try $0.int(column) } }
    public mutating func double(_ column: Int) -> Double { read(0) { try $0.double(column) } }
    public mutating func integer<T: FixedWidthInteger>(_ type: T.Type, _ column: Int) -> T { read(0) { try $0.integer(T.self, column) } }
    public mutating func decimal(_ column: Int) -> Decimal { read(0) { try $0.decimal(column) } }
    public mutating func calendarDate(_ column: Int) -> CalendarDate { read(CalendarDate(daysSince1970: 0)) { try $0.calendarDate(column) } }
    public mutating func timestamp(_ column: Int) -> Date { read(Date(timeIntervalSince1970: 0)) { try $0.timestamp(column) } }
    public mutating func bytes(_ column: Int) -> Data { read(Data()) { try $0.bytes(column) } }
    public mutating func string(_ column: Int) -> String { read("") { try $0.string(column) } }
    public mutating func bool(_ column: Int) -> Bool { read(false) { try $0.bool(column) } }
    public mutating func uuid(_ column: Int) -> UUID { read(UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))) { try $0.uuid(column) } }
    public mutating func date(_ column: Int) -> Date { read(Date(timeIntervalSince1970: 0)) { try $0.date(column) } }
    public mutating func vector(_ column: Int) -> [Float] { read([]) { try $0.vector(column) } }

    /// A `json` column: any JSON value.
    public mutating func json(_ column: Int) -> JSONValue { read(.null) { try $0.json(JSONValue.self, column) } }

    /// A list kept as JSON (or as a native array on PostgreSQL).
    public mutating func json<T: Decodable & RangeReplaceableCollection>(_ type: T.Type, _ column: Int) -> T {
        read(T()) { try $0.json(T.self, column) }
    }

    /// A value of a generated enum (the placeholder is its first case: a schema's enum has one).
    public mutating func enumeration<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ column: Int) -> T where T.RawValue == String {
        read(T.allCases.first!) { try $0.enumeration(T.self, column) }
    }

    // MARK: Columns that may be NULL

    // One call per optional column (`row.string(nullable: 3)`), where a generated
    // `row.isNull(3) ? nil : row.string(3)` was a ternary for the type checker to solve each time.

    /// Whether every column from `first` through `last` is NULL: an optional object stored in
    /// those columns is nil. (Two numbers, not a range: `..<` is an operator to resolve.)
    public mutating func allNull(_ first: Int, through last: Int) -> Bool {
        (first...last).allSatisfy { row.isNull($0) }
    }

    private mutating func readIfPresent<T>(_ column: Int, _ decode: (SQLRow) throws -> T) -> T? {
        row.isNull(column) ? nil : read(nil) { try decode($0) }
    }

    public mutating func int(nullable column: Int) -> Int? { readIfPresent(column) { try $0.int(column) } }
    public mutating func double(nullable column: Int) -> Double? { readIfPresent(column) { try $0.double(column) } }
    public mutating func integer<T: FixedWidthInteger>(_ type: T.Type, nullable column: Int) -> T? {
        readIfPresent(column) { try $0.integer(T.self, column) }
    }
    public mutating func decimal(nullable column: Int) -> Decimal? { readIfPresent(column) { try $0.decimal(column) } }
    public mutating func calendarDate(nullable column: Int) -> CalendarDate? { readIfPresent(column) { try $0.calendarDate(column) } }
    public mutating func timestamp(nullable column: Int) -> Date? { readIfPresent(column) { try $0.timestamp(column) } }
    public mutating func bytes(nullable column: Int) -> Data? { readIfPresent(column) { try $0.bytes(column) } }
    public mutating func string(nullable column: Int) -> String? { readIfPresent(column) { try $0.string(column) } }
    public mutating func bool(nullable column: Int) -> Bool? { readIfPresent(column) { try $0.bool(column) } }
    public mutating func uuid(nullable column: Int) -> UUID? { readIfPresent(column) { try $0.uuid(column) } }
    public mutating func date(nullable column: Int) -> Date? { readIfPresent(column) { try $0.date(column) } }
    public mutating func vector(nullable column: Int) -> [Float]? { readIfPresent(column) { try $0.vector(column) } }

    /// An optional `json` column: NULL reads as `JSONValue.null`.
    public mutating func json(nullable column: Int) -> JSONValue { readIfPresent(column) { try $0.json(JSONValue.self, column) } ?? .null }

    public mutating func json<T: Decodable & RangeReplaceableCollection>(_ type: T.Type, nullable column: Int) -> T? {
        readIfPresent(column) { try $0.json(T.self, column) }
    }

    public mutating func enumeration<T: RawRepresentable & CaseIterable>(_ type: T.Type, nullable column: Int) -> T? where T.RawValue == String {
        readIfPresent(column) { try $0.enumeration(T.self, column) }
    }

    /// An optional reference: the key of the record it points at.
    public mutating func key<K: RecordKey>(_ type: K.Type, nullable column: Int) -> K? {
        readIfPresent(column) { try K(row: $0, column: column) }
    }
}
