import Foundation

/// A day of the Gregorian calendar, without a time or a time zone: a `date` field (a birthday,
/// an invoice date). Stored as PostgreSQL's `date` and as `'YYYY-MM-DD'` text on SQLite, and
/// written the same way in JSON, so that no time zone can move it to the day before.
public struct CalendarDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Nil for a day the calendar does not have (February 30th) or a year outside 1 to 9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...JSONCoding.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// `2024-02-29`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The day `date` falls on in UTC.
    public init(_ date: Date) {
        let (days, _) = JSONCoding.floorDivision(Int(date.timeIntervalSince1970.rounded(.down)), 86_400)
        self.init(daysSince1970: days)
    }

    /// The day `days` after 1970-01-01 (before it when negative).
    public init(daysSince1970 days: Int) {
        let (year, month, day) = JSONCoding.civil(fromDays: days)
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days after 1970-01-01.
    public var daysSince1970: Int { JSONCoding.days(fromCivil: year, month, day) }

    /// Midnight UTC at the start of the day.
    public var startOfDayUTC: Date { Date(timeIntervalSince1970: Double(daysSince1970) * 86_400) }

    /// `2024-02-29`.
    public var description: String {
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return padded(year, 4) + "-" + padded(month, 2) + "-" + padded(day, 2)
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = CalendarDate(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a date (YYYY-MM-DD)")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension JSONCoding {
    /// A `timestamp` (without time zone) as text: `2026-11-21T20:15:28.123`, the UTC wall clock
    /// of `date` (SQLite's column; JSON keeps the `Z`).
    public static func formatTimestamp(_ date: Date) -> String {
        let text = formatDate(date)
        return text.hasSuffix("Z") ? String(text.dropLast()) : text
    }

    /// Reads `formatTimestamp`'s text (or a date with its zone) as a UTC wall clock.
    public static func parseTimestamp(_ text: String) -> Date? {
        parseDate(text + "Z") ?? parseDate(text)
    }
}
