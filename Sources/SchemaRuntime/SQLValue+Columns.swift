import Foundation

/// The values of a record's columns as the generated `columnValues()` writes them: nil is SQL
/// NULL, and an integer of any width is an `.int`. So a generated file holds no closure per
/// optional column and no integer conversion: `Int64(x)` in a file made the compiler bring in
/// and check some hundred functions of the standard library's integer protocols for that file.
extension SQLValue {
    /// An integer column (`Int`, `Int16`, `Int32`, `Int64`).
    public static func integer<T: BinaryInteger>(_ value: T?) -> SQLValue {
        guard let value else { return .null }
        return .int(Int64(value))
    }

    public static func text(_ value: String?) -> SQLValue {
        guard let value else { return .null }
        return .text(value)
    }

    public static func double(_ value: Double?) -> SQLValue {
        guard let value else { return .null }
        return .double(value)
    }

    public static func bool(_ value: Bool?) -> SQLValue {
        guard let value else { return .null }
        return .bool(value)
    }

    public static func uuid(_ value: UUID?) -> SQLValue {
        guard let value else { return .null }
        return .uuid(value)
    }

    public static func date(_ value: Date?) -> SQLValue {
        guard let value else { return .null }
        return .date(value)
    }

    public static func timestamp(_ value: Date?) -> SQLValue {
        guard let value else { return .null }
        return .timestamp(value)
    }

    public static func decimal(_ value: Decimal?) -> SQLValue {
        guard let value else { return .null }
        return .decimal(value)
    }

    public static func calendarDate(_ value: CalendarDate?) -> SQLValue {
        guard let value else { return .null }
        return .calendarDate(value)
    }

    public static func vector(_ value: [Float]?) -> SQLValue {
        guard let value else { return .null }
        return .vector(value)
    }

    public static func enumValue(_ value: String?) -> SQLValue {
        guard let value else { return .null }
        return .enumValue(value)
    }

    /// A `bytes` column.
    public static func blob(_ value: Data?) -> SQLValue {
        guard let value else { return .null }
        return .blob(Array(value))
    }

    /// JSON text of an optional `Encodable` value; nil is NULL, not the JSON text `null`.
    public static func json<T: Encodable>(encoding value: T?) throws -> SQLValue {
        guard let value else { return .null }
        return try .json(encoding: value)
    }

    /// An optional `json` field: NULL for nil and for JSON null alike.
    public static func json(nullable value: JSONValue?) throws -> SQLValue {
        guard let value else { return .null }
        return try .json(nullable: value)
    }

    /// An optional list with `storage: array`; nil is NULL.
    public static func array<T: Encodable>(encoding value: T?, element: String) throws -> SQLValue {
        guard let value else { return .null }
        return try .array(encoding: value, element: element)
    }
}
