import Foundation

/// The rows a caller may touch, as a WHERE condition the repositories add to their statements.
/// Rules the caller itself decides (a role, being signed in) are settled before any SQL runs.
public struct AccessFilter: Sendable, Hashable {
    /// Conditions any one of which grants; empty means nothing is granted.
    public private(set) var conditions: [String]
    public private(set) var arguments: [SQLValue]
    public private(set) var grantsEverything: Bool

    public static let everything = AccessFilter(conditions: [], arguments: [], grantsEverything: true)
    public static let nothing = AccessFilter(conditions: [], arguments: [], grantsEverything: false)

    /// Adds one more way to be granted.
    public mutating func or(_ condition: String, _ arguments: [SQLValue]) {
        conditions.append(condition)
        self.arguments += arguments
    }

    /// `(a OR b)`, `1 = 1` or `1 = 0`.
    public var sql: String {
        if grantsEverything { return "1 = 1" }
        if conditions.isEmpty { return "1 = 0" }
        return "(" + conditions.joined(separator: " OR ") + ")"
    }

    public var grantsNothing: Bool { !grantsEverything && conditions.isEmpty }
}

/// Which page of a list to read: how many records, and after which one.
public struct PageRequest: Sendable, Hashable {
    public var size: Int
    public var after: Cursor?

    public init(size: Int = 50, after: Cursor? = nil) {
        self.size = max(1, size)
        self.after = after
    }

    public static let first = PageRequest()
}

/// Where a page ended: the sort values of its last record. Opaque to callers; pass it back to
/// get the next page. Keyset pagination: a page costs the same however deep it is.
public struct Cursor: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The last record's sort values, as text.
    public var values: [String]

    public init(values: [String]) {
        self.values = values
    }

    /// URL-safe text for an API response.
    public var description: String {
        let data = (try? JSONEncoder().encode(values)) ?? Data()
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    }

    public init?(_ text: String) {
        let base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        guard let data = Data(base64Encoded: base64), let values = try? JSONDecoder().decode([String].self, from: data) else { return nil }
        self.values = values
    }
}

/// One page of records and the cursor of the next page (nil on the last page).
public struct Page<Record: Sendable>: Sendable {
    public var items: [Record]
    public var next: Cursor?

    public init(items: [Record], next: Cursor?) {
        self.items = items
        self.next = next
    }
}
