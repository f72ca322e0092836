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
}

/// Which page of a list to read: how many records, and after (or before) which one.
public struct PageRequest: Sendable, Hashable {
    public var size: Int
    public var after: Cursor?
    /// The page that ends just before this cursor (a page's `previous`): paging backwards.
    /// `Repository.list(where:orderBy:…)` reads it; the finders page forwards only.
    public var before: Cursor?

    public init(size: Int = 50, after: Cursor? = nil) {
        self.size = max(1, size)
        self.after = after
    }

    /// The page of `size` records that ends just before `cursor`.
    public init(size: Int = 50, before cursor: Cursor) {
        self.size = max(1, size)
        self.before = cursor
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

/// One page of records, the cursor of the next page (nil on the last page) and, from
/// `Repository.list(where:orderBy:…)`, of the previous one (nil on the first page).
public struct Page<Record: Sendable>: Sendable {
    public var items: [Record]
    public var next: Cursor?
    public var previous: Cursor?

    public init(items: [Record], next: Cursor?, previous: Cursor? = nil) {
        self.items = items
        self.next = next
        self.previous = previous
    }
}

/// A column a page is ordered by, before the id that breaks ties.
public struct SortKey: Sendable, Hashable {
    /// Qualified SQL: `episodes.episode_number`.
    public var column: String
    public var descending: Bool
    /// A value of the column's kind (`.int(0)`), to read a cursor's text back.
    public var kind: SQLValue

    public init(_ column: String, descending: Bool = false, like kind: SQLValue = .text("")) {
        self.column = column
        self.descending = descending
        self.kind = kind
    }
}

/// Keyset pagination over sort keys and then the id: the next page starts after the last
/// record's values, so a page costs the same however deep it is.
public enum Keyset {
    /// `ORDER BY a DESC, b, t.id`
    public static func orderBy(_ keys: [SortKey], id: String) -> String {
        (keys.map { $0.column + ($0.descending ? " DESC" : "") } + [id]).joined(separator: ", ")
    }

    /// The condition "after these values": `(a < ?) OR (a = ? AND b > ?) OR (a = ? AND b = ? AND id > ?)`.
    /// `values` are the keys' values and then the id's.
    public static func after(_ keys: [SortKey], id: String, values: [SQLValue]) -> (String, [SQLValue]) {
        let columns = keys.map { ($0.column, $0.descending) } + [(id, false)]
        var alternatives: [String] = []
        var arguments: [SQLValue] = []
        for (position, (column, descending)) in columns.enumerated() {
            var parts: [String] = []
            for earlier in 0..<position {
                parts.append("\(columns[earlier].0) = ?")
                arguments.append(values[earlier])
            }
            parts.append("\(column) \(descending ? "<" : ">") ?")
            arguments.append(values[position])
            alternatives.append("(" + parts.joined(separator: " AND ") + ")")
        }
        return ("(" + alternatives.joined(separator: " OR ") + ")", arguments)
    }
}

extension SQLValue {
    /// The value as cursor text (see `init(cursor:like:)`).
    public var cursorText: String {
        switch self {
        case .null: return ""
        case .int(let value): return String(value)
        case .double(let value): return String(value)
        case .text(let value), .json(let value), .enumValue(let value), .array(let value, _): return value
        case .bool(let value): return value ? "1" : "0"
        case .uuid(let value): return value.uuidString
        case .date(let value): return JSONCoding.formatDate(value)
        case .decimal(let value): return value.description
        case .calendarDate(let value): return value.description
        case .timestamp(let value): return JSONCoding.formatTimestamp(value)
        case .vector, .blob: return ""
        }
    }

    /// A value read back from cursor text, of the same kind as `example`.
    public init?(cursor text: String, like example: SQLValue) {
        switch example {
        case .int: guard let value = Int64(text) else { return nil }; self = .int(value)
        case .double: guard let value = Double(text) else { return nil }; self = .double(value)
        case .text: self = .text(text)
        case .enumValue: self = .enumValue(text)
        case .bool: self = .bool(text == "1")
        case .uuid: guard let value = UUID(uuidString: text) else { return nil }; self = .uuid(value)
        case .date: guard let value = JSONCoding.parseDate(text) else { return nil }; self = .date(value)
        case .decimal: guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else { return nil }; self = .decimal(value)
        case .calendarDate: guard let value = CalendarDate(text) else { return nil }; self = .calendarDate(value)
        case .timestamp: guard let value = JSONCoding.parseTimestamp(text) else { return nil }; self = .timestamp(value)
        default: return nil
        }
    }
}
