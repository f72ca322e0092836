import Foundation

/// The JSON encoding schemagen's models are designed for: dates as ISO 8601 with milliseconds
/// (UTC), keys sorted so the same record always gives the same bytes.
public enum JSONCoding {
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(formatDate(date))
        }
        return encoder
    }

    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = parseDate(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not an ISO 8601 date")
            }
            return date
        }
        return decoder
    }

    /// `2026-11-21T20:15:28.123Z`, rounded to the millisecond.
    ///
    /// The milliseconds are written here: `ISO8601FormatStyle` truncates a lossy binary fraction,
    /// so it writes `Date(timeIntervalSince1970: 1_790_000_000.123)` as `….122Z`.
    public static func formatDate(_ date: Date) -> String {
        guard let total = Int(exactly: (date.timeIntervalSince1970 * 1000).rounded()) else {
            return date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        }
        let (seconds, milliseconds) = total.quotientAndRemainder(dividingBy: 1000)
        let (wholeSeconds, fraction) = milliseconds < 0 ? (seconds - 1, milliseconds + 1000) : (seconds, milliseconds)
        let text = Date(timeIntervalSince1970: Double(wholeSeconds)).formatted(Date.ISO8601FormatStyle())
        let digits = String(fraction)
        return String(text.dropLast()) + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }

    /// Accepts ISO 8601 with or without fractional seconds.
    ///
    /// The fraction (up to 9 digits) is added exactly, so a date written by `formatDate` reads back
    /// as the same `Date`: `ISO8601FormatStyle` can be off by one unit in the last place.
    public static func parseDate(_ text: String) -> Date? {
        guard let time = text.firstIndex(of: "T") else { return nil }
        guard let dot = text[time...].firstIndex(of: ".") else { return try? Date.ISO8601FormatStyle().parse(text) }
        let digitsEnd = text[text.index(after: dot)...].firstIndex(where: { !("0"..."9").contains($0) }) ?? text.endIndex
        let digits = text[text.index(after: dot)..<digitsEnd].prefix(9)
        guard !digits.isEmpty, let fraction = Int(digits),
              let whole = try? Date.ISO8601FormatStyle().parse(String(text[..<dot] + text[digitsEnd...]))
        else { return nil }
        let scale = (0..<digits.count).reduce(1) { scale, _ in scale * 10 }
        return Date(timeIntervalSince1970: Double(Int(whole.timeIntervalSince1970) * scale + fraction) / Double(scale))
    }
}

extension Date {
    /// The current time to the millisecond: what both databases and JSON keep exactly, so a
    /// record reads back equal to what was written.
    public static func nowToTheMillisecond() -> Date {
        Date(timeIntervalSince1970: (Date().timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }
}
