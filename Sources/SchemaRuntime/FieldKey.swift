/// The coding key of the generated models: a field's JSON name, written where the field is
/// decoded or encoded (`forKey: "createdAt"`).
///
/// The models spell out `init(from:)` and `encode(to:)` with it instead of synthesizing them:
/// a synthesized `Codable` brings a `CodingKeys` enum per type, some twenty functions each
/// (raw values, `CodingKey`, `Hashable`), which made up a large share of a generated module's
/// build time.
public struct FieldKey: CodingKey, ExpressibleByStringLiteral, Hashable, Sendable {
    public let stringValue: String

    public init(stringValue: String) {
        self.stringValue = stringValue
    }

    public init(stringLiteral value: String) {
        self.stringValue = value
    }

    /// Fields are named, never numbered.
    public var intValue: Int? { nil }

    public init?(intValue: Int) {
        nil
    }
}

/// What a generated `init(from:)` reads its fields with: a keyed container whose methods are
/// generic over the field's type, which the assignment gives (`self.title = try
/// container.decode("title")`). `KeyedDecodingContainer`'s `decode(_:forKey:)` has an overload
/// per primitive type, and choosing among them for every field was most of the type checking of
/// the models' `init(from:)`. The errors are the container's: `keyNotFound` names the key.
public struct FieldDecodingContainer {
    public let container: KeyedDecodingContainer<FieldKey>

    public init(_ decoder: any Decoder) throws {
        container = try decoder.container(keyedBy: FieldKey.self)
    }

    /// A required field: an absent key throws.
    public func decode<T: Decodable>(_ key: FieldKey) throws -> T {
        try container.decode(T.self, forKey: key)
    }

    /// An optional field: nil for an absent key and for null.
    public func decodeIfPresent<T: Decodable>(_ key: FieldKey) throws -> T? {
        try container.decodeIfPresent(T.self, forKey: key)
    }

    /// A field with a default: the default for an absent key and for null.
    public func decode<T: Decodable>(_ key: FieldKey, default value: T) throws -> T {
        try container.decodeIfPresent(T.self, forKey: key) ?? value
    }

    /// A field whose JSON null is a value of its own (`JSONValue.null`): only an absent key takes
    /// the default.
    public func decode<T: Decodable>(_ key: FieldKey, ifAbsent value: T) throws -> T {
        container.contains(key) ? try container.decode(T.self, forKey: key) : value
    }

    /// An optional field with a default: null is nil, and only an absent key takes the default.
    public func decodeIfPresent<T: Decodable>(_ key: FieldKey, ifAbsent value: T?) throws -> T? {
        container.contains(key) ? try container.decodeIfPresent(T.self, forKey: key) : value
    }
}

/// What a generated `encode(to:)` writes its fields with: generic over the field's type, for the
/// same reason as `FieldDecodingContainer`.
public struct FieldEncodingContainer {
    public var container: KeyedEncodingContainer<FieldKey>

    public init(_ encoder: any Encoder) {
        container = encoder.container(keyedBy: FieldKey.self)
    }

    /// Writes the value; an optional one that is nil as null.
    public mutating func encode<T: Encodable>(_ value: T, forKey key: FieldKey) throws {
        try container.encode(value, forKey: key)
    }

    /// Writes the value, or nothing when it is nil.
    public mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: FieldKey) throws {
        try container.encodeIfPresent(value, forKey: key)
    }
}

/// Whether two values of a field are equal: what a generated model's `==` calls for each field.
/// One generic function is far cheaper for the compiler to check than the `==` operator, which it
/// has to pick among hundreds of overloads. Always inlined in optimized builds, where it is then
/// the field's own `==`, as in a synthesized one (a call per field made `==` twice as slow).
@inlinable @inline(__always)
public func fieldsEqual<T: Equatable>(_ lhs: T, _ rhs: T) -> Bool { lhs == rhs }
