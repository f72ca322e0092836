import Foundation
import SchemaRuntime
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
