import Foundation
@testable import SchemaRuntime
import Testing

private struct Stamped: Codable, Equatable {
    var at: Date
    var url: String
    var list: [Int]
}

/// `2026-11-21T20:15:28Z`
private let base: TimeInterval = 1_795_292_128

@Suite("JSONCoding")
struct JSONCodingTests {
    @Test func formatsUTCWithMilliseconds() {
        #expect(JSONCoding.formatDate(Date(timeIntervalSince1970: base + 0.123)) == "2026-11-21T20:15:28.123Z")
        #expect(JSONCoding.formatDate(Date(timeIntervalSince1970: base)) == "2026-11-21T20:15:28.000Z")
        #expect(JSONCoding.formatDate(Date(timeIntervalSince1970: base + 0.5)) == "2026-11-21T20:15:28.500Z")
        #expect(JSONCoding.formatDate(Date(timeIntervalSince1970: base + 0.007)) == "2026-11-21T20:15:28.007Z")
        #expect(JSONCoding.formatDate(Date(timeIntervalSince1970: 1_790_000_000.123)) == "2026-09-21T14:13:20.123Z")
        #expect(JSONCoding.formatDate(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(JSONCoding.formatDate(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
    }

    @Test func formatRoundsToTheNearestMillisecond() {
        #expect(JSONCoding.formatDate(Date(timeIntervalSince1970: base + 0.1236)) == "2026-11-21T20:15:28.124Z")
        #expect(JSONCoding.formatDate(Date(timeIntervalSince1970: base + 0.1234)) == "2026-11-21T20:15:28.123Z")
        #expect(JSONCoding.formatDate(Date(timeIntervalSince1970: base + 0.9996)) == "2026-11-21T20:15:29.000Z")
    }

    @Test func farDatesFormatAndParse() {
        #expect(JSONCoding.formatDate(.distantFuture) == "4001-01-01T00:00:00.000Z")
        #expect(JSONCoding.parseDate("4001-01-01T00:00:00.000Z") == .distantFuture)
    }

    @Test func formatOfNowHasTheISOShape() throws {
        let shape = try Regex(#"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z"#)
        let text = JSONCoding.formatDate(Date())
        #expect(try shape.wholeMatch(in: text) != nil, "\(text)")
        #expect(text.hasPrefix("20"))
    }

    @Test func parsesWithAndWithoutFractionalSeconds() {
        #expect(JSONCoding.parseDate("2026-11-21T20:15:28Z") == Date(timeIntervalSince1970: base))
        #expect(JSONCoding.parseDate("2026-11-21T20:15:28.123Z") == Date(timeIntervalSince1970: base + 0.123))
        #expect(JSONCoding.parseDate("2026-11-21T20:15:28.000Z") == Date(timeIntervalSince1970: base))
        #expect(JSONCoding.parseDate("2026-11-21T20:15:28.5Z") == Date(timeIntervalSince1970: base + 0.5))
        #expect(JSONCoding.parseDate("2026-11-21T20:15:28.123456Z") == Date(timeIntervalSince1970: 1_795_292_128.123456))
        #expect(JSONCoding.parseDate("2026-11-21T22:15:28+02:00") == Date(timeIntervalSince1970: base))
        #expect(JSONCoding.parseDate("2026-11-21T22:15:28.250+02:00") == Date(timeIntervalSince1970: base + 0.25))
        #expect(JSONCoding.parseDate("1969-12-31T23:59:59.500Z") == Date(timeIntervalSince1970: -0.5))
    }

    @Test(arguments: ["", "garbage", "2026-11-21", "2026-11-21 20:15:28Z", "2026-11-21T20:15:28.Z", "2026-11-21T20:15:28.12a3Z", "2026-13-21T20:15:28Z"])
    func rejectsWhatIsNotADate(_ text: String) {
        #expect(JSONCoding.parseDate(text) == nil)
    }

    @Test func everyMillisecondSurvivesFormatAndParse() {
        var failures: [Int] = []
        for milliseconds in Array(0..<1_000) + [86_399_999, 1_000_000_007, 123_456_789_012] {
            let date = Date(timeIntervalSince1970: Double(1_790_000_000_000 + milliseconds) / 1000)
            let text = JSONCoding.formatDate(date)
            if JSONCoding.parseDate(text) != date { failures.append(milliseconds) }
        }
        #expect(failures == [])
    }

    @Test func encoderWritesDatesAsStringsWithSortedKeysAndPlainSlashes() throws {
        let value = Stamped(at: Date(timeIntervalSince1970: base + 0.123), url: "https://example.com/a/b", list: [3, 1])
        let text = String(decoding: try JSONCoding.makeEncoder().encode(value), as: UTF8.self)
        #expect(text == #"{"at":"2026-11-21T20:15:28.123Z","list":[3,1],"url":"https://example.com/a/b"}"#)
        #expect(try JSONCoding.makeDecoder().decode(Stamped.self, from: Data(text.utf8)) == value)
    }

    @Test func decoderAcceptsDatesWithoutFractionAndRejectsOthers() throws {
        let decoder = JSONCoding.makeDecoder()
        let plain = try decoder.decode(Stamped.self, from: Data(#"{"at":"2026-11-21T20:15:28Z","url":"","list":[]}"#.utf8))
        #expect(plain.at == Date(timeIntervalSince1970: base))
        #expect(throws: DecodingError.self) {
            try decoder.decode(Stamped.self, from: Data(#"{"at":"yesterday","url":"","list":[]}"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try decoder.decode(Stamped.self, from: Data(#"{"at":1795292128,"url":"","list":[]}"#.utf8))
        }
    }
}

/// The quick paths of `formatDate` and `parseDate` agree with Foundation's ISO 8601 formatters.
@Suite("JSONCoding quick date paths")
struct JSONCodingQuickDateTests {
    /// Dates from 1583 (the first whole Gregorian year) to 9999, leap days and year ends included.
    static let dates: [Date] = {
        var generator = SystemRandomNumberGenerator()
        let random = (0..<2000).map { _ in Double(Int.random(in: -12_212_553_600_000...253_402_300_799_999, using: &generator)) / 1000 }
        let edges: [Double] = [0, -0.001, 0.999, 951_782_400, 951_868_799.999, 4_107_542_399.999, -12_212_553_600, 253_402_300_799.999,
                               1_790_000_000.123, 1_709_164_800, 1_709_251_199.5]
        return (random + edges).map(Date.init(timeIntervalSince1970:))
    }()

    @Test func formatMatchesFoundation() {
        for date in Self.dates {
            let total = Int((date.timeIntervalSince1970 * 1000).rounded())
            let (seconds, milliseconds) = total.quotientAndRemainder(dividingBy: 1000)
            let (whole, fraction) = milliseconds < 0 ? (seconds - 1, milliseconds + 1000) : (seconds, milliseconds)
            let text = Date(timeIntervalSince1970: Double(whole)).formatted(Date.ISO8601FormatStyle())
            let expected = String(text.dropLast()) + "." + String(format: "%03d", fraction) + "Z"
            #expect(JSONCoding.formatDateQuickly(date) == expected)
        }
    }

    @Test func parseMatchesFoundation() throws {
        for date in Self.dates {
            let text = JSONCoding.formatDate(date)
            let whole = try Date.ISO8601FormatStyle().parse(String(text.prefix(19)) + "Z")
            let fraction = Int(text.dropFirst(20).prefix(3))!
            let expected = Date(timeIntervalSince1970: Double(Int(whole.timeIntervalSince1970) * 1000 + fraction) / 1000)
            #expect(JSONCoding.parseDateQuickly(text) == expected)
            #expect(JSONCoding.parseDateQuickly(String(text.prefix(19)) + "Z") == whole)
        }
    }

    @Test(arguments: ["2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-11-21T24:00:00Z", "2026-11-21T20:60:00Z",
                      "0000-01-01T00:00:00Z", "1582-10-15T00:00:00Z", "2026-11-21T20:15:28+02:00", "2026-11-21T20:15:28.Z", "2026-11-21T20:15:28.1a3Z"])
    func leavesTheRestToFoundation(_ text: String) {
        #expect(JSONCoding.parseDateQuickly(text) == nil)
    }

    @Test func datesBefore1583AreLeftToFoundation() {
        #expect(JSONCoding.formatDateQuickly(Date(timeIntervalSince1970: -12_212_553_600.001)) == nil)
        let medieval = Date(timeIntervalSince1970: -20_000_000_000.25)
        #expect(JSONCoding.parseDateQuickly(JSONCoding.formatDate(medieval)) == nil)
        #expect(JSONCoding.parseDate(JSONCoding.formatDate(medieval)) == medieval)
    }

    @Test func moreThanNineFractionDigitsAreDropped() {
        #expect(JSONCoding.parseDateQuickly("2026-11-21T20:15:28.1234567891234Z") == JSONCoding.parseDateQuickly("2026-11-21T20:15:28.123456789Z"))
        #expect(JSONCoding.parseDate("2026-11-21T20:15:28.1234567891234Z") == JSONCoding.parseDate("2026-11-21T20:15:28.123456789Z"))
    }
}
