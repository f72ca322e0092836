import Foundation
import SchemaRuntime
import Testing

private func roundTrip(_ value: JSONValue) throws -> JSONValue {
    try JSONCoding.makeDecoder().decode(JSONValue.self, from: JSONCoding.makeEncoder().encode(value))
}

private func encoded(_ value: JSONValue) throws -> String {
    String(decoding: try JSONCoding.makeEncoder().encode(value), as: UTF8.self)
}

private func decoded(_ text: String) throws -> JSONValue {
    try JSONCoding.makeDecoder().decode(JSONValue.self, from: Data(text.utf8))
}

@Suite("JSONValue")
struct JSONValueTests {
    @Test func literalsBuildTheMatchingCases() {
        let value: JSONValue = ["a": [1, 2.5, "x", true, nil], "b": ["c": "d"], "e": [], "f": [:]]
        #expect(value == .object([
            "a": .array([.number(1), .number(2.5), .string("x"), .bool(true), .null]),
            "b": .object(["c": .string("d")]),
            "e": .array([]),
            "f": .object([:]),
        ]))
        let duplicate: JSONValue = ["k": 1, "k": 2]
        #expect(duplicate == ["k": 2])
    }

    @Test(arguments: [
        JSONValue.null, true, false, 0, -17, 3.25, 1e300, -0.1, "", "text with \"quotes\", \\ and / and ünïcödé 🎬\n",
        [], [:], [1, "two", [3, [4, nil]], ["five": false]],
        ["nested": ["deeper": ["deepest": [1, 2, 3]], "list": [["a": 1], ["b": nil]]], "empty": [:]],
    ])
    func roundTripsUnchanged(_ value: JSONValue) throws {
        #expect(try roundTrip(value) == value)
    }

    @Test func encodesAsPlainJSON() throws {
        let value: JSONValue = ["b": ["c": "d/e"], "a": [1, 2.5, "x", true, nil]]
        #expect(try encoded(value) == #"{"a":[1,2.5,"x",true,null],"b":{"c":"d/e"}}"#)
        #expect(try encoded(.null) == "null")
        #expect(try encoded(42) == "42")
    }

    @Test func decodesEveryKindOfValue() throws {
        let value = try decoded(#"{"n": 1, "f": -1.5, "t": true, "s": "x", "z": null, "a": [], "o": {}, "big": 12345678901234}"#)
        #expect(value == ["n": 1, "f": -1.5, "t": true, "s": "x", "z": nil, "a": [], "o": [:], "big": 12_345_678_901_234])
    }

    @Test func booleansAndNumbersStayApart() throws {
        #expect(try decoded("true") == .bool(true))
        #expect(try decoded("false") == .bool(false))
        #expect(try decoded("1") == .number(1))
        #expect(try decoded("0") == .number(0))
        #expect(try decoded(#""true""#) == .string("true"))
    }

    @Test func subscriptReadsObjectMembers() {
        let value: JSONValue = ["size": ["width": 1920], "list": [1]]
        #expect(value["size"]?["width"] == 1920)
        #expect(value["missing"] == nil)
        #expect(value["list"]?["0"] == nil)
        #expect(JSONValue.string("size")["size"] == nil)
    }
}
