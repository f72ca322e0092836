import Foundation
import SchemaRuntime
import Testing

/// A report issue in comparable form.
private struct Found: Hashable, CustomStringConvertible {
    var path: String
    var rule: ValidationIssue.Rule
    var message: String

    init(_ path: String, _ rule: ValidationIssue.Rule, _ message: String) {
        self.path = path
        self.rule = rule
        self.message = message
    }

    var description: String { "\(path) [\(rule.rawValue)]: \(message)" }
}

/// The issues one check adds to an empty report.
private func found(_ check: (inout ValidationReport) -> Void) -> [Found] {
    var report = ValidationReport()
    check(&report)
    return report.issues.map { Found($0.path.description, $0.rule, $0.message) }
}

private let path = FieldPath.root.appending("a").appending(index: 3).appending("b")

@Suite("ValidationReport checks")
struct ValidationReportTests {
    // MARK: - Int

    @Test func intBoundsAreInclusive() {
        #expect(found { $0.check(1, at: path, min: 1, max: 10) } == [])
        #expect(found { $0.check(10, at: path, min: 1, max: 10) } == [])
        #expect(found { $0.check(0, at: path, min: 1, max: 10) } == [Found("a[3].b", .min, "must be at least 1")])
        #expect(found { $0.check(11, at: path, min: 1, max: 10) } == [Found("a[3].b", .max, "must be at most 10")])
    }

    @Test func intWithoutBoundsIsNotChecked() {
        #expect(found { $0.check(Int.min, at: path) } == [])
        #expect(found { $0.check(Int.max, at: path, min: 0) } == [])
        #expect(found { $0.check(Int.min, at: path, max: 0) } == [])
        #expect(found { $0.check(-1, at: path, min: 0) } == [Found("a[3].b", .min, "must be at least 0")])
        #expect(found { $0.check(-5, at: path, min: -4) } == [Found("a[3].b", .min, "must be at least -4")])
    }

    // MARK: - Double

    @Test func doubleBoundsAreInclusive() {
        #expect(found { $0.check(0.0, at: path, min: 0, max: 100) } == [])
        #expect(found { $0.check(100.0, at: path, min: 0, max: 100) } == [])
        #expect(found { $0.check((0.0).nextDown, at: path, min: 0, max: 100) } == [Found("a[3].b", .min, "must be at least 0")])
        #expect(found { $0.check((100.0).nextUp, at: path, min: 0, max: 100) } == [Found("a[3].b", .max, "must be at most 100")])
    }

    @Test func doubleBoundsInMessages() {
        #expect(found { $0.check(2.6, at: path, max: 2.5) } == [Found("a[3].b", .max, "must be at most 2.5")])
        #expect(found { $0.check(-1.0, at: path, min: -0.25) } == [Found("a[3].b", .min, "must be at least -0.25")])
        #expect(found { $0.check(0.0, at: path, min: 1e20) } == [Found("a[3].b", .min, "must be at least 1e+20")])
    }

    @Test func notANumberIsOutOfBounds() {
        #expect(found { $0.check(Double.nan, at: path, min: 0) } == [Found("a[3].b", .min, "must be at least 0")])
        #expect(found { $0.check(Double.nan, at: path, max: 1) } == [Found("a[3].b", .max, "must be at most 1")])
        #expect(found { $0.check(Double.infinity, at: path, max: 1) } == [Found("a[3].b", .max, "must be at most 1")])
        #expect(found { $0.check(-Double.infinity, at: path, min: 0) } == [Found("a[3].b", .min, "must be at least 0")])
        #expect(found { $0.check(Double.nan, at: path) } == [])
    }

    // MARK: - Length

    @Test func lengthBoundsAreInclusive() {
        #expect(found { $0.checkLength("x", at: path, min: 1, max: 5) } == [])
        #expect(found { $0.checkLength("xxxxx", at: path, min: 1, max: 5) } == [])
        #expect(found { $0.checkLength("", at: path, min: 1, max: 5) } == [Found("a[3].b", .minLength, "must be at least 1 character long")])
        #expect(found { $0.checkLength("xxxxxx", at: path, min: 1, max: 5) } == [Found("a[3].b", .maxLength, "must be at most 5 characters long")])
    }

    @Test func lengthMessagesUseSingularAndPlural() {
        #expect(found { $0.checkLength("x", at: path, min: 2) } == [Found("a[3].b", .minLength, "must be at least 2 characters long")])
        #expect(found { $0.checkLength("xx", at: path, max: 1) } == [Found("a[3].b", .maxLength, "must be at most 1 character long")])
    }

    @Test func lengthCountsCharacters() {
        // One character each, though more bytes, UTF-16 units or scalars.
        for character in ["é", "e\u{301}", "🎬", "👨‍👩‍👧", "🇨🇭"] {
            #expect(found { $0.checkLength(character, at: path, min: 1, max: 1) } == [], "\(character)")
            #expect(found { $0.checkLength(character + character, at: path, max: 1) }.count == 1, "\(character)")
        }
    }

    // MARK: - Pattern

    @Test func patternMustBeFoundInTheValue() {
        let anchored = ValidationPattern(#"^[a-z]+/[a-z0-9.+-]+$"#)
        #expect(anchored.pattern == #"^[a-z]+/[a-z0-9.+-]+$"#)
        #expect(found { $0.checkPattern("image/png", at: path, anchored) } == [])
        #expect(found { $0.checkPattern("image/PNG", at: path, anchored) } == [Found("a[3].b", .pattern, "must match the pattern ^[a-z]+/[a-z0-9.+-]+$")])
        #expect(found { $0.checkPattern("x image/png", at: path, anchored) }.count == 1)

        // Unanchored: a match anywhere is enough.
        let digits = ValidationPattern("[0-9]{3}")
        #expect(found { $0.checkPattern("ab123cd", at: path, digits) } == [])
        #expect(found { $0.checkPattern("ab12cd", at: path, digits) } == [Found("a[3].b", .pattern, "must match the pattern [0-9]{3}")])
        // Ranges are computed on the whole string, also past characters outside the BMP.
        #expect(found { $0.checkPattern("🎬🎬123", at: path, digits) } == [])
    }

    // MARK: - Email

    @Test(arguments: ["a@b.co", "ada.lovelace@example.com", "first.last+tag@sub.example.org", "ADA@EXAMPLE.COM", "o'brien@example.ie"])
    func validEmails(_ email: String) {
        #expect(found { $0.checkEmail(email, at: path) } == [])
    }

    @Test(arguments: [
        "", "ada", "ada@", "@example.com", "ada@example", "ada@@example.com", "ada@work@example.com",
        "ada lovelace@example.com", " ada@example.com", "ada@example.com\n", "ada@.example.com", "ada@example.com.",
    ])
    func invalidEmails(_ email: String) {
        #expect(found { $0.checkEmail(email, at: path) } == [Found("a[3].b", .email, "must be an e-mail address")])
    }

    // MARK: - URL

    @Test(arguments: [
        "https://example.com", "https://cdn.example.com/media/a.png?x=1#f", "http://localhost:8080/x", "s3://bucket/key",
        "https://user:secret@example.com/", "https://[::1]:80/",
    ])
    func validURLs(_ url: String) {
        #expect(found { $0.checkURL(url, at: path) } == [])
    }

    @Test(arguments: [
        "", "example.com", "example.com/a.png", "/a.png", "//example.com/a", "https://", "https:///a.png", "file:///tmp/a.png",
        "mailto:ada@example.com", "urn:isbn:0451450523", "https://example.com/a b.png", " https://example.com", "ht tp://example.com",
    ])
    func invalidURLs(_ url: String) {
        #expect(found { $0.checkURL(url, at: path) } == [Found("a[3].b", .url, "must be an absolute URL with a scheme and a host")])
    }

    // MARK: - Count and dimensions

    @Test func countBoundsAreInclusive() {
        #expect(found { $0.checkCount(1, at: path, min: 1, max: 3) } == [])
        #expect(found { $0.checkCount(3, at: path, min: 1, max: 3) } == [])
        #expect(found { $0.checkCount(0, at: path, min: 1, max: 3) } == [Found("a[3].b", .minItems, "must have at least 1 item")])
        #expect(found { $0.checkCount(4, at: path, min: 1, max: 3) } == [Found("a[3].b", .maxItems, "must have at most 3 items")])
        #expect(found { $0.checkCount(1, at: path, min: 2) } == [Found("a[3].b", .minItems, "must have at least 2 items")])
        #expect(found { $0.checkCount(2, at: path, max: 1) } == [Found("a[3].b", .maxItems, "must have at most 1 item")])
        #expect(found { $0.checkCount(1_000_000, at: path) } == [])
    }

    @Test func dimensionsMustMatchExactly() {
        #expect(found { $0.checkDimensions(1024, at: path, 1024) } == [])
        #expect(found { $0.checkDimensions(1023, at: path, 1024) } == [Found("a[3].b", .dimensions, "must have exactly 1024 numbers, not 1023")])
        #expect(found { $0.checkDimensions(1025, at: path, 1024) } == [Found("a[3].b", .dimensions, "must have exactly 1024 numbers, not 1025")])
        #expect(found { $0.checkDimensions(0, at: path, 1) } == [Found("a[3].b", .dimensions, "must have exactly 1 number, not 0")])
    }

    // MARK: - Report

    @Test func reportKeepsEveryIssueInOrder() {
        var report = ValidationReport()
        #expect(report.issues.isEmpty)
        report.checkLength("", at: "title", min: 1)
        report.check(51, at: "episodeCount", min: 1, max: 50)
        report.add(.url, at: "custom", "a custom message")
        report.checkEmail("nope", at: "email")
        #expect(report.issues.map(\.path.description) == ["title", "episodeCount", "custom", "email"])
        #expect(report.issues.map(\.rule) == [.minLength, .max, .url, .email])
        #expect(report.issues[2].message == "a custom message")
    }

    /// A hand-written validator, as the generator writes them.
    private struct Panel: Validatable {
        var number: Int
        var notes: [String]

        func validate(into report: inout ValidationReport, at path: FieldPath) {
            report.check(number, at: path.appending("number"), min: 1)
            report.checkCount(notes.count, at: path.appending("notes"), max: 2)
        }
    }

    // MARK: - Optional values, sized integers, lists of objects

    @Test func nilPassesEveryCheck() {
        #expect(found {
            $0.check(Int?.none, at: path, min: 1)
            $0.check(Double?.none, at: path, min: 1)
            $0.checkInteger(Int16?.none, at: path, min: 1)
            $0.checkDecimal(nil, at: path, precision: 1, scale: 0)
            $0.checkLength(nil, at: path, min: 1)
            $0.checkPattern(nil, at: path, ValidationPattern("^a$"))
            $0.checkEmail(nil, at: path)
            $0.checkURL(nil, at: path)
            $0.checkCount(nil, at: path, min: 1)
            $0.checkDimensions(nil, at: path, 3)
            $0.validateEach([Panel]?.none, at: path)
        } == [])
        // A present optional is checked like a plain value.
        #expect(found { $0.checkLength(Optional(""), at: path, min: 1) } == [Found("a[3].b", .minLength, "must be at least 1 character long")])
    }

    @Test func sizedIntegersAreComparedWithoutConversion() {
        #expect(found { $0.checkInteger(Int16(-32768), at: path, min: -32768, max: 32767) } == [])
        #expect(found { $0.checkInteger(Int32.max, at: path, max: 2_147_483_646) } == [Found("a[3].b", .max, "must be at most 2147483646")])
        #expect(found { $0.checkInteger(Int64.min, at: path, min: -1) } == [Found("a[3].b", .min, "must be at least -1")])
        #expect(found { $0.checkInteger(UInt8(5), at: path, min: 6) } == [Found("a[3].b", .min, "must be at least 6")])
    }

    @Test func validateEachReportsEachItemAtItsIndex() {
        let panels = [Panel(number: 1, notes: []), Panel(number: 0, notes: []), Panel(number: -1, notes: ["a", "b", "c"])]
        #expect(found { $0.validateEach(panels, at: path.appending("panels")) } == [
            Found("a[3].b.panels[1].number", .min, "must be at least 1"),
            Found("a[3].b.panels[2].number", .min, "must be at least 1"),
            Found("a[3].b.panels[2].notes", .maxItems, "must have at most 2 items"),
        ])
        #expect(found { $0.validateEach([Panel](), at: path) } == [])
    }

    @Test func validatableCollectsAndThrows() throws {
        #expect(Panel(number: 1, notes: []).validationIssues().isEmpty)
        try Panel(number: 1, notes: ["a", "b"]).validate()

        let invalid = Panel(number: 0, notes: ["a", "b", "c"])
        #expect(invalid.validationIssues().map(\.path.description) == ["number", "notes"])
        let error = try #require(throws: ValidationError.self) { try invalid.validate() }
        #expect(error.issues == invalid.validationIssues())
        #expect(error.description == "validation failed: number: must be at least 1; notes: must have at most 2 items")
    }
}

@Suite("ValidationPattern anchors")
struct ValidationPatternAnchorTests {
    @Test func dollarIsTheEndOfTheText() {
        let pattern = ValidationPattern("^[a-z]+$")
        #expect(pattern.matches("abc"))
        #expect(!pattern.matches("abc\n"))
        #expect(!pattern.matches("abc\ndef"))
    }

    @Test func dollarInsideAClassOrEscapedStaysLiteral() {
        #expect(ValidationPattern(#"^[$a]+\$x$"#).matches("$a$x"))
        #expect(!ValidationPattern(#"^[$a]+\$x$"#).matches("$a$x\n"))
        #expect(ValidationPattern("^[$]$").matches("$"))
        #expect(ValidationPattern(#"^a\$$"#).matches("a$"))
    }

    @Test func multiLinePatternsKeepTheirMeaning() {
        #expect(ValidationPattern("(?m)^b$").matches("a\nb\nc"))
    }

    @Test func invalidPatternsAreRejected() {
        #expect(ValidationPattern(checking: "([a-z]") == nil)
    }
}
