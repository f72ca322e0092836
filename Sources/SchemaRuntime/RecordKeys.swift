import Foundation

/// The identifier of one record of `Record` in a collection with an integer key (`id: int64`):
/// an Int64 that knows which collection it belongs to. The caller gives it (`Invoice(id: 42, …)`).
///
/// Encodes as its number.
public struct IntegerID<Record>: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    CustomStringConvertible, LosslessStringConvertible, ExpressibleByIntegerLiteral
{
    public var rawValue: Int64

    public init(rawValue: Int64) {
        self.rawValue = rawValue
    }

    public init(_ rawValue: Int64) {
        self.rawValue = rawValue
    }

    public init(integerLiteral value: Int64) {
        self.rawValue = value
    }

    /// Parses a decimal number.
    public init?(_ description: String) {
        guard let value = Int64(description) else { return nil }
        self.rawValue = value
    }

    public var description: String { String(rawValue) }

    /// No key yet: a record of a collection whose database generates its keys
    /// (`id: { type: int64, generated: true }`) is made with it, and `create` returns the record
    /// with the key the database gave. Generated keys start at 1, so 0 is never one of them.
    public static var unassigned: IntegerID { IntegerID(rawValue: 0) }

    public static func < (lhs: IntegerID, rhs: IntegerID) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension IntegerID: RecordKey {
    public var sqlValue: SQLValue { .int(rawValue) }
    public static var sqlKind: SQLValue { .int(0) }

    public init(row: SQLRow, column: Int) throws {
        self.init(rawValue: Int64(try row.int(column)))
    }

    public init?(cursorText: String) {
        self.init(cursorText)
    }
}

/// The identifier of one record of `Record` in a collection with a text key (`id: string`), such
/// as an auth provider's user id: a String that knows which collection it belongs to. The caller
/// gives it.
///
/// Encodes as its string.
public struct TextID<Record>: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    CustomStringConvertible, LosslessStringConvertible, ExpressibleByStringLiteral
{
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(_ description: String) {
        self.rawValue = description
    }

    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    public var description: String { rawValue }

    public static func < (lhs: TextID, rhs: TextID) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension TextID: RecordKey {
    public var sqlValue: SQLValue { .text(rawValue) }
    public static var sqlKind: SQLValue { .text("") }

    public init(row: SQLRow, column: Int) throws {
        self.init(rawValue: try row.string(column))
    }

    public init?(cursorText: String) {
        self.init(cursorText)
    }
}
