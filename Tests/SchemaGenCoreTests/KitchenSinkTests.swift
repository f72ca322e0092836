import Foundation
import KitchenSinkModels
import SchemaRuntime
import Testing

/// Exercises generated code for features the studio schemas don't use.
@Suite("Kitchen-sink generated code")
struct KitchenSinkTests {
    let owner = Account.ID()

    func widget() -> Widget {
        Widget(owner: owner, outer: Widget.Outer(middle: Widget.Outer.Middle()))
    }

    @Test func initializerDefaultsComeFromTheSchema() {
        let widget = widget()
        #expect(widget.class == 0)
        #expect(widget.priority == .normal)
        #expect(widget.mode == .on)
        #expect(widget.homepage == "https://example.com/a?b=c")
        #expect(widget.code == "AB-12\"#")
        #expect(widget.settings == ["theme": "dark", "sizes": [1, 2.5], "nested": ["on": true, "none": .null]])
        #expect(widget.tags == ["a"])
        #expect(widget.version == 1)
        #expect(widget.watchers.isEmpty)
        // uuidv7: the version nibble is 7.
        #expect(widget.id.rawValue.uuidString.dropFirst(14).first == "7")
        #expect(widget.validationIssues().isEmpty, "the defaults must pass the schema's own rules")
    }

    @Test func enumValuesKeepTheirSchemaSpelling() throws {
        #expect(Widget.Mode.one.rawValue == "1")
        #expect(Widget.Mode.default.rawValue == "default")
        #expect(Widget.Mode.onHold.rawValue == "on_hold")
        #expect(Widget.Mode.allCases.count == 5)
        #expect(Priority.allCases.map(\.rawValue) == ["low", "normal", "high"])
    }

    @Test func decodingFillsInDefaultsAndUsesSchemaKeyNames() throws {
        let json = """
            {"id": "\(UUID())", "owner": "\(owner)", "outer": {"middle": {"inner": {}}},
             "_version": 7, "createdAt": "2026-01-02T03:04:05.678Z", "updatedAt": "2026-01-02T03:04:05Z"}
            """
        var widget = try JSONCoding.makeDecoder().decode(Widget.self, from: Data(json.utf8))
        #expect(widget.version == 7)
        // `default: now` filled it in; JSON keeps milliseconds, so pin it to compare a round trip.
        #expect(abs(widget.expiresAt!.timeIntervalSinceNow) < 60)
        widget.expiresAt = Date(timeIntervalSince1970: 1_790_000_000.5)
        #expect(widget.class == 0 && widget.mode == .on && widget.priority == .normal)
        #expect(widget.outer.middle.inner?.depth == 3)
        let encoded = String(decoding: try JSONCoding.makeEncoder().encode(widget), as: UTF8.self)
        #expect(encoded.contains("\"_version\":7"))
        #expect(encoded.contains("\"class\":0"))
        #expect(try JSONCoding.makeDecoder().decode(Widget.self, from: Data(encoded.utf8)) == widget)
    }

    /// Properties named `path`, `report` and `class` must not confuse the validator.
    @Test func validatorReportsEveryRuleWithItsPath() {
        var widget = widget()
        widget.class = 6
        widget.path = "01234567890"
        widget.report = 0.25
        widget.watchers = [Account.ID(), Account.ID(), Account.ID(), Account.ID()]
        widget.code = "ab-1"
        widget.tags = []
        widget.matrix = [[1, 2], [3, -1]]
        widget.shape = [1, 2]
        widget.layers = [Widget.Layer(name: "ok"), Widget.Layer(name: "", opacity: 1.5, points: [1])]
        widget.outer.middle.inner = Widget.Outer.Middle.Inner(depth: 4, label: "too long")
        widget.homepage = "not a url"
        let issues = widget.validationIssues().map { "\($0.path) \($0.rule.rawValue)" }
        #expect(issues == [
            "class max", "path maxLength", "report min", "watchers maxItems", "homepage url", "code pattern",
            "tags minItems", "matrix[1][1] min", "shape dimensions", "layers[1].name minLength",
            "layers[1].opacity max", "layers[1].points dimensions", "outer.middle.inner.depth max",
            "outer.middle.inner.label maxLength",
        ])
    }

    @Test func nestedSensitiveValuesStayOutOfDebugOutput() {
        var widget = widget()
        widget.outer.middle.inner = Widget.Outer.Middle.Inner(label: "hush")
        var dumped = ""
        dump(widget, to: &dumped)
        for text in [String(describing: widget), String(reflecting: widget), dumped] {
            #expect(!text.contains("hush"))
            #expect(text.contains("<redacted>"))
        }
        let account = Account(email: "a@example.com", secrets: Account.Secrets(apiKey: "sk-0123456789abcdefghij", note: "visible"))
        #expect(!String(describing: account).contains("sk-0123456789"))
        #expect(String(describing: account).contains("visible"))
    }
}
