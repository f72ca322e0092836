import Foundation
import SchemaRuntime

/// How much sample data to make, and from which seed.
public struct FixtureOptions: Sendable, Equatable {
    /// Same schemas and seed, same bytes; another seed, other values.
    public var seed: UInt64 = 1
    /// Rows per collection unless `rowsPerCollection` says otherwise. A collection gets at least
    /// one row more than its largest enum has values, so every value appears, and the principal
    /// collection at least five (the four sample users and one more).
    public var rows = 8
    /// Exact row counts by collection name (at least 1).
    public var rowsPerCollection: [String: Int] = [:]

    public init() {}
}

/// A value in a fixture document, in the shape the generated models encode: dates as ISO 8601
/// text with milliseconds, ids and references as lowercase UUID text, vectors as number arrays.
public indirect enum FixtureValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([FixtureValue])
    case object([FixtureMember])
    case vector([Float])

    /// The member `key` of an object.
    public subscript(key: String) -> FixtureValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The value at a field's path through nested objects.
    public func value(at path: [String]) -> FixtureValue? {
        path.reduce(Optional(self)) { value, key in value?[key] }
    }

    /// A copy with the value at `path` replaced (`.null` removes the member).
    func setting(_ path: [String], to value: FixtureValue) -> FixtureValue {
        guard let key = path.first, case .object(var members) = self else { return self }
        guard let position = members.firstIndex(where: { $0.key == key }) else { return self }
        if path.count == 1 {
            if value == .null { members.remove(at: position) } else { members[position].value = value }
        } else {
            members[position].value = members[position].value.setting(Array(path.dropFirst()), to: value)
        }
        return .object(members)
    }

    public var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}

public struct FixtureMember: Sendable, Equatable {
    public var key: String
    public var value: FixtureValue
}

/// One record of sample data.
public struct FixtureRow: Sendable {
    public var id: String
    /// The whole record as an object, keys in schema order, absent optional fields left out.
    public var document: FixtureValue
    public var createdAt: Date
}

/// A named sample user: the principal records access can be shown and tested with.
public struct SampleUser: Sendable, Equatable {
    public enum Part: String, Sendable, CaseIterable {
        /// Has the `admin` role.
        case admin
        /// Owns some of the records of every owned collection.
        case owner
        /// A member of the owner's records (and the owner of a few, shared back).
        case collaborator
        /// Owns records neither of the others may see, and sees none of theirs.
        case outsider
    }

    public var part: Part
    public var id: String
    public var name: String
    public var email: String?
    /// The role value the application would put in `Principal.user(id:role:)`.
    public var role: String?
}

/// Sample data for every collection, in the order the rows can be inserted.
public struct FixtureSet: Sendable {
    public var seed: UInt64
    /// Collection names in insertion order: each after the collections its required references
    /// point at (SQLFilePlanner's dependency order).
    public var order: [String]
    public var rows: [String: [FixtureRow]]
    /// Empty when the schema has no principal collection.
    public var sampleUsers: [SampleUser]

    public func rows(of collection: String) -> [FixtureRow] { rows[collection] ?? [] }

    public func sampleUser(_ part: SampleUser.Part) -> SampleUser? { sampleUsers.first { $0.part == part } }

    /// Rows a time-to-live index has expired at `date` (SQLite's expiry trigger deletes them as
    /// soon as the next row is inserted), by collection.
    public func expiredRows(in schema: Schema, at date: Date) -> [String: Set<String>] {
        var expired: [String: Set<String>] = [:]
        for collection in schema.collections {
            for index in collection.indexes {
                guard case .ttl(let seconds, _) = index.kind, let key = index.keys.first else { continue }
                for row in rows(of: collection.name) {
                    guard let text = row.document.value(at: key.field.path)?.string, let time = JSONCoding.parseDate(text),
                          time.addingTimeInterval(TimeInterval(seconds)) < date,
                          index.conditions.allSatisfy({ FixtureSet.holds($0, in: row.document) }) else { continue }
                    expired[collection.name, default: []].insert(row.id)
                }
            }
        }
        return expired
    }

    static func holds(_ condition: Index.Condition, in document: FixtureValue) -> Bool {
        let value = document.value(at: condition.field.path)
        let present = value != nil && value != .null
        func equals(_ expected: DefaultValue) -> Bool {
            switch (expected, value) {
            case (.enumCase(let c), .string(let s)?): return c.value == s
            case (.string(let e), .string(let s)?): return e == s
            case (.int(let e), .int(let i)?): return e == i
            case (.bool(let e), .bool(let b)?): return e == b
            case (.double(let e), .double(let d)?): return e == d
            default: return false
            }
        }
        switch condition.test {
        case .equals(let expected): return equals(expected)
        case .notEquals(let expected): return present && !equals(expected)
        case .isIn(let values): return values.contains(where: equals)
        case .isNull(let isNull): return isNull != present
        }
    }
}
