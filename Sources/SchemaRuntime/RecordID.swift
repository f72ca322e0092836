import Foundation

/// The identifier of one record of `Record`: a UUID that knows which collection it belongs to, so
/// a `User.ID` can't be passed where a `Project.ID` is expected.
///
/// Encodes as its UUID string.
public struct RecordID<Record>: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    CustomStringConvertible, LosslessStringConvertible
{
    public var rawValue: UUID

    public init(rawValue: UUID) {
        self.rawValue = rawValue
    }

    /// A new random (version 4) identifier.
    public init() {
        self.rawValue = UUID()
    }

    /// Parses a UUID string.
    public init?(_ description: String) {
        guard let uuid = UUID(uuidString: description) else { return nil }
        self.rawValue = uuid
    }

    /// A new time-ordered (version 7) identifier: ids made later sort later, which keeps B-tree
    /// inserts local.
    public static func timeOrdered(at date: Date = Date()) -> RecordID {
        RecordID(rawValue: UUIDv7.make(at: date))
    }

    public var description: String { rawValue.uuidString.lowercased() }

    public static func < (lhs: RecordID, rhs: RecordID) -> Bool {
        lhs.rawValue.uuidString < rhs.rawValue.uuidString
    }

    public init(from decoder: Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(UUID.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Version 7 UUIDs (RFC 9562): 48 bits of Unix milliseconds, then random bits.
enum UUIDv7 {
    static func make(at date: Date) -> UUID {
        let milliseconds = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 {
            bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index)))
        }
        var generator = SystemRandomNumberGenerator()
        for index in 6..<16 {
            bytes[index] = UInt8.random(in: 0...255, using: &generator)
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x70  // version 7
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 4122 variant
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
