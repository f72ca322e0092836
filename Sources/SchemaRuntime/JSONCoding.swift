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
        if let text = formatDateQuickly(date) { return text }
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
        if let date = parseDateQuickly(text) { return date }
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

// MARK: The usual case, without Foundation's formatters

/// Every stored date goes through `formatDate` and `parseDate`, two per row, and Foundation's
/// ISO 8601 formatters took most of a row's time. Years 1583 to 9999 in UTC (`…Z`) are written
/// and read here, by arithmetic on the Gregorian calendar; `ISO8601FormatStyle` handles the rest
/// (before 1583 it counts in the Julian calendar), and the tests compare the two.
extension JSONCoding {
    static func formatDateQuickly(_ date: Date) -> String? {
        guard let total = Int(exactly: (date.timeIntervalSince1970 * 1000).rounded()) else { return nil }
        let (days, milliseconds) = floorDivision(total, 86_400_000)
        let (year, month, day) = civil(fromDays: days)
        guard (1583...9999).contains(year) else { return nil }
        let seconds = milliseconds / 1000
        var bytes = [UInt8](repeating: 0, count: 24)
        func put(_ value: Int, _ at: Int, _ width: Int) {
            var value = value
            for offset in stride(from: width - 1, through: 0, by: -1) {
                bytes[at + offset] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
        }
        put(year, 0, 4)
        bytes[4] = UInt8(ascii: "-")
        put(month, 5, 2)
        bytes[7] = UInt8(ascii: "-")
        put(day, 8, 2)
        bytes[10] = UInt8(ascii: "T")
        put(seconds / 3600, 11, 2)
        bytes[13] = UInt8(ascii: ":")
        put(seconds / 60 % 60, 14, 2)
        bytes[16] = UInt8(ascii: ":")
        put(seconds % 60, 17, 2)
        bytes[19] = UInt8(ascii: ".")
        put(milliseconds % 1000, 20, 3)
        bytes[23] = UInt8(ascii: "Z")
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fraction]Z`, else nil (and `parseDate` asks Foundation).
    static func parseDateQuickly(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            guard bytes.count >= 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
                  bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), bytes[bytes.count - 1] == UInt8(ascii: "Z")
            else { return nil }
            func number(_ at: Int, _ width: Int) -> Int? {
                var value = 0
                for index in at..<at + width {
                    let digit = Int(bytes[index]) - Int(UInt8(ascii: "0"))
                    guard (0...9).contains(digit) else { return nil }
                    value = value * 10 + digit
                }
                return value
            }
            guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
                  let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
                  year >= 1583, (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
                  hour < 24, minute < 60, second < 60
            else { return nil }
            let whole = days(fromCivil: year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
            if bytes.count == 20 { return Date(timeIntervalSince1970: Double(whole)) }
            // A fraction: a dot, 1 to 9 digits (more are read and dropped, as parseDate does), Z.
            let digitCount = bytes.count - 21
            guard bytes[19] == UInt8(ascii: "."), digitCount >= 1,
                  bytes[20..<bytes.count - 1].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
                  let fraction = number(20, min(digitCount, 9))
            else { return nil }
            let scale = (0..<min(digitCount, 9)).reduce(1) { scale, _ in scale * 10 }
            return Date(timeIntervalSince1970: Double(whole * scale + fraction) / Double(scale))
        }
    }

    static func floorDivision(_ value: Int, _ divisor: Int) -> (Int, Int) {
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let year = month <= 2 ? year - 1 : year
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a day since 1970-01-01 (`civil_from_days`).
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let days = days + 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let dayOfEra = days - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension Date {
    /// The current time to the millisecond: what both databases and JSON keep exactly, so a
    /// record reads back equal to what was written.
    public static func nowToTheMillisecond() -> Date {
        Date(timeIntervalSince1970: (Date().timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }
}
