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
