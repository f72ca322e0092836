import Foundation

/// A field a query may filter and sort on, typed by its Swift value: the generator emits one per
/// field that leads an index (`Project.Columns.status`), so a filter or sort that no index
/// serves does not compile.
///
///     try await projects.list(where: { $0.status.in([.production, .completed]) && $0.genre == .drama },
///                             orderBy: { $0.status.descending }, as: caller)
public struct QueryColumn<Record, Value>: Sendable {
    /// The column as qualified SQL: `projects.status`.
    public let sql: String
    /// A value of the column's SQL kind, to read a cursor's text back.
    let kind: SQLValue
    let encode: @Sendable (Value) -> SQLValue

    public init(_ sql: String, like kind: SQLValue = .text(""), _ encode: @escaping @Sendable (Value) -> SQLValue) {
        self.sql = sql
        self.kind = kind
        self.encode = encode
    }

    private func compare(_ comparison: String, _ value: Value) -> RecordPredicate<Record> {
        RecordPredicate("\(sql) \(comparison) ?", [encode(value)])
    }

    public static func == (column: Self, value: Value) -> RecordPredicate<Record> { column.compare("=", value) }
    public static func < (column: Self, value: Value) -> RecordPredicate<Record> { column.compare("<", value) }
    public static func <= (column: Self, value: Value) -> RecordPredicate<Record> { column.compare("<=", value) }
    public static func > (column: Self, value: Value) -> RecordPredicate<Record> { column.compare(">", value) }
    public static func >= (column: Self, value: Value) -> RecordPredicate<Record> { column.compare(">=", value) }

    /// The value is one of `values` (none: no record).
    public func `in`(_ values: [Value]) -> RecordPredicate<Record> {
        guard !values.isEmpty else { return RecordPredicate("1 = 0", []) }
        return RecordPredicate("\(sql) IN (\(values.map { _ in "?" }.joined(separator: ", ")))", values.map(encode))
    }

    /// `lower <= value < upper`.
    public func between(_ lower: Value, and upper: Value) -> RecordPredicate<Record> {
        (self >= lower) && (self < upper)
    }

    /// Smallest first (ties by id).
    public var ascending: RecordOrder<Record> { RecordOrder([SortKey(sql, like: kind)]) }
    /// Largest first (ties by id).
    public var descending: RecordOrder<Record> { RecordOrder([SortKey(sql, descending: true, like: kind)]) }
}

// Columns of the common kinds, without a closure to encode a value: the generated `Columns`
// names them with a label (`QueryColumn(key: #"media.project"#)`), which leaves the compiler one
// call to check instead of a call and a closure per column.

extension QueryColumn where Value: RecordKey {
    /// A column of keys: the id, or a reference to another collection.
    public init(key sql: String) {
        self.init(sql, like: Value.sqlKind) { $0.sqlValue }
    }
}

extension QueryColumn where Value: RawRepresentable & Sendable, Value.RawValue == String {
    /// A column of a generated enum, stored as its raw value's text.
    public init(enumeration sql: String) {
        self.init(sql) { .text($0.rawValue) }
    }
}

extension QueryColumn where Value == String {
    /// A column of text.
    public init(text sql: String) {
        self.init(sql) { .text($0) }
    }

    /// The text starts with `prefix` (case-sensitive): a range of the index (`>= prefix` and
    /// `< prefix + U+10FFFF`, which is exact in code point order: SQLite's BINARY and
    /// PostgreSQL's C collation), checked exactly by `substr`.
    public func hasPrefix(_ prefix: String) -> RecordPredicate<Record> {
        guard !prefix.isEmpty else { return RecordPredicate("\(sql) IS NOT NULL", []) }
        return RecordPredicate("\(sql) >= ? AND \(sql) < ? AND substr(\(sql), 1, \(prefix.unicodeScalars.count)) = ?",
                               [.text(prefix), .text(prefix + "\u{10FFFF}"), .text(prefix)])
    }
}

/// A column of an optional field: what `QueryColumn` filters, and whether the value is absent.
/// Not a sort key: keyset pages can't step over NULLs the same way on both engines.
public struct OptionalQueryColumn<Record, Value>: Sendable {
    public let column: QueryColumn<Record, Value>

    public init(_ sql: String, like kind: SQLValue = .text(""), _ encode: @escaping @Sendable (Value) -> SQLValue) {
        column = QueryColumn(sql, like: kind, encode)
    }

    public var sql: String { column.sql }

    /// The field has no value (SQL NULL).
    public var isNull: RecordPredicate<Record> { RecordPredicate("\(sql) IS NULL", []) }
    /// The field has a value.
    public var isNotNull: RecordPredicate<Record> { RecordPredicate("\(sql) IS NOT NULL", []) }

    /// Equal to `value`; `nil` is `isNull`.
    public static func == (column: Self, value: Value?) -> RecordPredicate<Record> {
        value.map { column.column == $0 } ?? column.isNull
    }
    public static func < (column: Self, value: Value) -> RecordPredicate<Record> { column.column < value }
    public static func <= (column: Self, value: Value) -> RecordPredicate<Record> { column.column <= value }
    public static func > (column: Self, value: Value) -> RecordPredicate<Record> { column.column > value }
    public static func >= (column: Self, value: Value) -> RecordPredicate<Record> { column.column >= value }
    public func `in`(_ values: [Value]) -> RecordPredicate<Record> { column.in(values) }
    public func between(_ lower: Value, and upper: Value) -> RecordPredicate<Record> { column.between(lower, and: upper) }
}

extension OptionalQueryColumn where Value: RecordKey {
    public init(key sql: String) { column = QueryColumn(key: sql) }
}

extension OptionalQueryColumn where Value: RawRepresentable & Sendable, Value.RawValue == String {
    public init(enumeration sql: String) { column = QueryColumn(enumeration: sql) }
}

extension OptionalQueryColumn where Value == String {
    public init(text sql: String) { column = QueryColumn(text: sql) }

    public func hasPrefix(_ prefix: String) -> RecordPredicate<Record> { column.hasPrefix(prefix) }
}

/// Conditions on a collection's columns that must all hold (`&&`). Values are always bound, never
/// spliced into the SQL, and the repository adds the caller's read rule to whatever they say:
/// a filter narrows what a caller sees, never widens it.
public struct RecordPredicate<Record>: Sendable {
    /// Each condition as SQLite runs it, over the table's columns, `?` for each of `arguments`
    /// (`sql(for:)` gives PostgreSQL's where it differs).
    public let conditions: [String]
    public let arguments: [SQLValue]
    /// The conditions as PostgreSQL runs them, where they differ from SQLite's (`contains`).
    let postgresConditions: [String]

    init(_ condition: String, _ arguments: [SQLValue]) {
        self.conditions = [condition]
        self.postgresConditions = [condition]
        self.arguments = arguments
    }

    /// A condition each engine writes its own way, with the same arguments.
    init(sqlite: String, postgres: String, _ arguments: [SQLValue]) {
        self.conditions = [sqlite]
        self.postgresConditions = [postgres]
        self.arguments = arguments
    }

    private init(conditions: [String], postgresConditions: [String], arguments: [SQLValue]) {
        self.conditions = conditions
        self.postgresConditions = postgresConditions
        self.arguments = arguments
    }

    /// No condition: every record the caller may read.
    public static var all: Self { RecordPredicate(conditions: [], postgresConditions: [], arguments: []) }

    /// Both hold.
    public static func && (left: Self, right: Self) -> Self {
        RecordPredicate(conditions: left.conditions + right.conditions,
                        postgresConditions: left.postgresConditions + right.postgresConditions,
                        arguments: left.arguments + right.arguments)
    }

    /// `(a) AND (b)`, or `1 = 1`, as SQLite runs it. Deprecated: a condition such as `contains`
    /// is written differently on PostgreSQL, which this form would get wrong there.
    @available(*, deprecated, message: "use sql(for:), which gives each engine its own form")
    public var sql: String { Self.joined(conditions) }

    /// `(a) AND (b)`, or `1 = 1`, as `dialect` runs it.
    public func sql(for dialect: DatabaseDialect) -> String {
        Self.joined(dialect == .postgres ? postgresConditions : conditions)
    }

    private static func joined(_ conditions: [String]) -> String {
        conditions.isEmpty ? "1 = 1" : conditions.map { "(\($0))" }.joined(separator: " AND ")
    }
}

/// The order of a query's records: sort keys (then the id, which breaks ties).
public struct RecordOrder<Record>: Sendable {
    public let keys: [SortKey]

    init(_ keys: [SortKey]) {
        self.keys = keys
    }

    /// The id order.
    public static var id: Self { RecordOrder([]) }

    /// Then by `other` among equal values: `$0.status.ascending.then($0.priority.descending)`.
    public func then(_ other: Self) -> Self {
        RecordOrder(keys + other.keys)
    }
}

/// The filter and sort columns of a collection (`Project.Columns`), generated for the fields that
/// lead an index.
public protocol RecordColumns: Sendable {
    init()
}

/// A collection without query columns.
public struct NoColumns: RecordColumns {
    public init() {}
}

/// A column of either kind, as SQL: what a test walks to plan every query a collection's
/// columns can make.
protocol AnyQueryColumn: Sendable {
    var sql: String { get }
    /// A value of the column's SQL kind.
    var kind: SQLValue { get }
    var isSortable: Bool { get }
}

extension QueryColumn: AnyQueryColumn {
    var isSortable: Bool { true }
}

extension OptionalQueryColumn: AnyQueryColumn {
    var kind: SQLValue { column.kind }
    var isSortable: Bool { false }
}
