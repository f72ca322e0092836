import SchemaRuntime
import Testing
@testable import SchemaGenCore

/// Resource bounds and what the engines can't do: each refused with a located error, and the
/// hostile cases (alias bombs, deep nesting, huge quantifiers) cheap by design.
@Suite("Input limits")
struct InputLimitsTests: SchemaTestSupport {
    // MARK: YAML

    @Test func aliasBombInADefaultIsRefusedBeforeExpanding() {
        // Nine levels of ten aliases each: 10^9 values if expanded.
        var yaml = "name: notes\nfields:\n  title: string\n  data:\n    type: json\n    default:\n      a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for (previous, name) in zip(names, names.dropFirst()) {
            yaml += "      \(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
        }
        let found = diagnostics(yaml)
        #expect(found.map(\.message) == ["the file expands to more than \(EngineLimits.maxYAMLNodes) YAML values once its aliases are expanded"])
        // At the alias that crossed the limit: on the line of `e` (10^5 values).
        #expect(found.first?.location.line == 11)
    }

    @Test func aliasesUsedAsKeysAreBoundedToo() {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        let names = ["a", "b", "c", "d", "e", "f", "g", "h"]
        for (previous, name) in zip(names, names.dropFirst()) {
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
        }
        yaml += "? *h\n: x\n"
        #expect(diagnostics(yaml).map(\.message) == ["the file expands to more than \(EngineLimits.maxYAMLNodes) YAML values once its aliases are expanded"])
    }

    @Test func tooManyValuesWithoutAliases() {
        let yaml = "name: notes\nfields:\n  title: string\n  data:\n    type: json\n    default: ["
            + Array(repeating: "1", count: EngineLimits.maxYAMLNodes).joined(separator: ",") + "]\n"
        #expect(diagnostics(yaml).map(\.message) == ["the file has more than \(EngineLimits.maxYAMLNodes) YAML values"])
    }

    @Test func manyRepeatedKeysInALargeFileStayCheap() {
        // Each repeated key is reported by composing the file again; a large file gets fewer tries.
        let yaml = "name: notes\nfields:\n" + (0..<120).map { "  dup\($0): int\n  dup\($0): int\n" }.joined()
            + (0..<20_000).map { "  f\($0): int\n" }.joined()
        let found = diagnostics(yaml)
        #expect(found.allSatisfy { $0.message.hasPrefix("duplicate key 'dup") })
        #expect(found.count >= 1 && found.count < 120)
    }

    @Test func tooManyAliases() {
        let yaml = "name: notes\nfields:\n  title: string\n  data:\n    type: json\n    default:\n      a: &a x\n      b: ["
            + Array(repeating: "*a", count: EngineLimits.maxAliases + 1).joined(separator: ", ") + "]\n"
        #expect(diagnostics(yaml).map(\.message) == ["the file uses more than \(EngineLimits.maxAliases) aliases"])
    }

    @Test func aliasesNestedTooDeep() {
        var yaml = "a0: &a0 x\n"
        for level in 1...EngineLimits.maxAliasNesting + 1 {
            yaml += "a\(level): &a\(level) [*a\(level - 1)]\n"
        }
        #expect(diagnostics(yaml).map(\.message) == ["alias '*a\(EngineLimits.maxAliasNesting)' nests aliases more than \(EngineLimits.maxAliasNesting) deep"])
    }

    @Test func ordinaryAliasesStillWork() throws {
        let yaml = "name: notes\nfields:\n  title: &text { type: string, maxLength: 20 }\n  subtitle: *text\n"
        let schema = try resolved([(schemaPath, yaml)])
        #expect(schema.collections.first?.fields.map(\.name).contains("subtitle") == true)
    }

    @Test func deepFlowNestingIsRefusedWithoutRecursing() {
        let depth = 200_000
        let yaml = "name: notes\nfields:\n  data: { type: json, default: " + String(repeating: "[", count: depth)
            + String(repeating: "]", count: depth) + " }\n"
        let found = diagnostics(yaml)
        #expect(found.map(\.message) == ["the YAML nests deeper than \(EngineLimits.maxYAMLDepth) levels here"])
        #expect(found.first?.location.line == 3)
    }

    @Test func deepBlockNestingIsRefused() {
        var yaml = "name: notes\nfields:\n"
        var indent = "  "
        for level in 0..<40 {
            yaml += "\(indent)o\(level):\n\(indent)  type: object\n\(indent)  fields:\n"
            indent += "    "
        }
        yaml += "\(indent)leaf: string\n"
        #expect(diagnostics(yaml).map(\.message) == ["the YAML nests deeper than \(EngineLimits.maxYAMLDepth) levels here"])
    }

    // MARK: Schema size

    /// Objects nested `depth` deep, each an array of objects: the shape that multiplies fixtures.
    private func nestedArrays(_ depth: Int) -> String {
        var yaml = "name: notes\nfields:\n  title: string\n"
        var indent = "  "
        for level in 0..<depth {
            yaml += "\(indent)a\(level):\n\(indent)  type: array\n\(indent)  items:\n\(indent)    type: object\n\(indent)    fields:\n"
            indent += "      "
            yaml += "\(indent)x\(level): int\n"
        }
        return yaml
    }

    @Test func fieldsNestedTooDeep() {
        // Each array of objects is two levels (the array and its element object).
        // `a0` is 1 level, its element 2, the element's `x0` and `a1` 3…: `x3` is 9.
        let found = diagnostics(nestedArrays(4))
        #expect(found.map(\.message) == ["field 'x3' is nested 9 levels deep; the limit is \(EngineLimits.maxFieldDepth)"])
    }

    @Test func theDeepestAllowedNestingGeneratesQuickly() throws {
        // Arrays of objects as deep as allowed: the fixtures stay small (no timing asserted: the
        // size is what bounds the time).
        for yaml in [nestedArrays(3), "name: notes\nfields:\n  title: string\n  cube: int[][][][][][][]\n"] {
            let schema = try resolved([(schemaPath, yaml)])
            let files = Pipeline.render(schema)
            let fixtures = files.filter { $0.path.hasPrefix("Fixtures/") }
            #expect(!fixtures.isEmpty)
            #expect(fixtures.map(\.contents.utf8.count).reduce(0, +) < 2_000_000)
        }
    }

    @Test func tooManyColumns() {
        let count = EngineLimits.maxColumns
        let yaml = "name: wide\nfields:\n  big:\n    type: object\n    fields:\n"
            + (0..<count).map { "      f\($0): int\n" }.joined()
        let found = diagnostics(yaml)
        // The id and two timestamps are columns too.
        #expect(found.map(\.message) == ["collection 'wide' would have \(count + 3) columns in table 'wide'; PostgreSQL allows at most \(EngineLimits.maxColumns)"])
        #expect(found.first.map { ($0.location.line, $0.location.column) } ?? (0, 0) == (1, 7))
    }

    @Test func tooManyFields() {
        let yaml = "name: wide\nfields:\n  list:\n    type: array\n    items:\n      type: object\n      fields:\n"
            + (0..<EngineLimits.maxFieldsPerCollection).map { "        f\($0): int\n" }.joined()
        #expect(diagnostics(yaml).map(\.message) == ["collection 'wide' has \(EngineLimits.maxFieldsPerCollection + 2) fields; the limit is \(EngineLimits.maxFieldsPerCollection)"])
    }

    @Test func joinTableColumnTooLong() {
        let name = String(repeating: "a", count: 64)
        let yaml = "name: notes\nfields:\n  title: string\n  \(name): { type: refs, to: notes }\n"
        let found = diagnostics(yaml)
        #expect(found.count == 1)
        #expect(found.first?.message.hasPrefix("column '\(name)_id' of join table 'notes_") == true)
        #expect(found.first?.message.hasSuffix("for '\(name)' is longer than 63 bytes, which PostgreSQL would cut") == true)
        #expect(found.first?.location.line == 4)
    }

    // MARK: Names

    @Test func unsafeNamesAreRefusedOnOneLine() throws {
        let yaml = """
            name: notes
            fields:
              title: string
              "a\\nb": string
              "\\uE000": { type: string, required: true }
              "x\\u200By": int
            indexes:
              - { fields: [title], name: "" }
            access:
              read: [{ role: "admin\\r\\nDROP TABLE x;" }]
            """
        let found = diagnostics(yaml)
        #expect(found.map(\.message) == [
            "field name 'a\\nb' contains the control character U+000A",
            "field name '\\u{E000}' contains the private-use character U+E000",
            "field name 'x\\u{200B}y' contains the invisible format character U+200B",
            "index name is empty",
            "role name 'admin\\r\\nDROP TABLE x;' contains the control character U+000D",
        ])
        #expect(found.map(\.location.line) == [4, 5, 6, 8, 10])
        let text = DiagnosticsError(found).description
        #expect(text.split(separator: "\n").count == found.count * 2 + 1)  // each error, its hint, the summary
    }

    @Test func messagesQuotingRawNamesStayOnOneLine() {
        let diagnostic = Diagnostic(.error, "unknown type 'a\nb\u{2028}c'", at: SchemaGenCore.SourceLocation(file: "x.yaml", line: 1, column: 1),
                                    notes: [Diagnostic.Note("did you mean 'x\ry'?")])
        #expect(diagnostic.description == "x.yaml:1:1: error: unknown type 'a\\nb\\u{2028}c'\nx.yaml:1:1: note: did you mean 'x\\ry'?")
    }

    // MARK: Patterns

    @Test(arguments: [
        "^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$", "^\\d{3}-\\d{4}$", "^(?:ab|cd)*$", "^[A-Z][a-z]*( [A-Z][a-z]*)?$",
        "^\\w+\\s\\S+$", "^[^\\s]+$", "^v\\d+\\.\\d+(\\.\\d+)?$", "a{0,255}", "[\\]\\[]", "^[-a-z]+$", "^é+$", "^(a|b)??$",
        "^[a-z]{1,5}?$", "\\$\\^\\{\\}", "^$", "^[a-z0-9]+(-[a-z0-9]+)*$", "^(\\d{3}-){2}\\d{4}$", "((a{10}){10}){10}", "((a{1,10}){1,10}){1,10}", "^(a?)?$", "(a*){1}",
        "\\t\\n\\r\\f", "[\\d\\w\\s.]", "\\/\\-\\'\\\"\\#\\&\\~\\,\\:\\=\\!\\<\\>\\@\\%\\_\\ ",
    ])
    func patternsInTheSubsetAreAccepted(_ pattern: String) {
        // Each of these also compiles in PostgreSQL 16 (`SELECT 'x' ~ $p$…$p$`, checked by hand).
        #expect(PatternSubset.check(pattern) == nil)
        #expect(ValidationPattern(checking: pattern) != nil)
    }

    @Test(arguments: [
        ("^(?=a)a$", "a lookahead '(?=' is not supported"),
        ("^(?!a)b$", "a negative lookahead '(?!' is not supported"),
        ("(?<=a)b", "a lookbehind '(?<=' is not supported"),
        ("(?<name>a)", "a named group is not supported"),
        ("(?P<name>a)", "a named group is not supported"),
        ("(?m)^a$", "an inline option or special group '(?' is not supported"),
        ("(?i)abc", "an inline option or special group '(?' is not supported"),
        ("(?>a+)b", "an atomic group '(?>' is not supported"),
        ("a++", "a possessive quantifier is not supported"),
        ("a{2}+", "a possessive quantifier is not supported"),
        ("(a)\\1", "a backreference '\\1' is not supported"),
        ("(?<n>a)\\k<n>", "a named group is not supported"),
        ("\\X", "the grapheme cluster escape '\\X' is not supported"),
        ("\\x{41}", "the code point escape '\\x' is not supported"),
        ("\\x41", "the code point escape '\\x' is not supported"),
        ("\\u0041", "the code point escape '\\u' is not supported"),
        ("\\N{LATIN SMALL LETTER A}", "the named character escape '\\N' is not supported"),
        ("\\p{L}+", "the Unicode property '\\p' is not supported"),
        ("\\bword\\b", "'\\b' is not supported"),
        ("\\Aabc\\z", "the anchor '\\A' is not supported"),
        ("[[:alpha:]]", "a '[' inside brackets (POSIX classes such as [:alpha:] and nested classes) is not supported"),
        ("[a-z&&[^aeiou]]", "'&&' inside brackets is not supported"),
        ("[\\D]", "'\\D' inside brackets is not supported"),
        ("[z-a]", "the range 'z-a' is out of order"),
        ("a{1000}", "the bound 1000 is larger than 255, the largest PostgreSQL accepts"),
        ("((a{1000}){1000}){1000}", "the bound 1000 is larger than 255, the largest PostgreSQL accepts"),
        ("((a{200}){200}){200}", "nested quantifiers repeat up to 40000 times"),
        ("^((a{1,255}){1,255}){1,40}$", "nested quantifiers repeat up to 65025 times"),
        ("(x(a{1,40})+){30}", "nested quantifiers repeat up to 1200 times"),
        ("^((a{0,10}){0,10}){0,10}$", "a repeated group that can match the empty string"),
        ("^(a*)*$", "a repeated group that can match the empty string"),
        ("^(a|b?)+$", "a repeated group that can match the empty string"),
        (String(repeating: "a{250}", count: 41), "the shortest string it matches has more than 10000 characters"),
        ("a{3,2}", "the quantifier {3,2} has its bounds out of order"),
        ("(ab", "the group opened here is not closed"),
        ("ab)", "an unmatched ')' is not supported"),
        ("[ab", "the brackets opened here are not closed"),
        ("*a", "a quantifier with nothing to repeat ('*') is not supported"),
        ("a\\", "a '\\' at the end of the pattern is not supported"),
        ("a\u{7}b", "the invisible character U+0007 is not supported"),
        ("\\q", "the escape '\\q' is not supported"),
        ("\\v", "'\\v' is not supported"),
    ])
    func patternsOutsideTheSubsetAreRefused(_ pattern: String, _ message: String) {
        #expect(PatternSubset.check(pattern)?.message == message)
    }

    @Test func patternErrorsAreLocatedWithAHint() {
        let yaml = "name: notes\nfields:\n  code: { type: string, pattern: \"^(?=x)\\\\w+$\" }\n"
        #expect(diagnostics(yaml) == [
            error("'pattern' of field 'code': a lookahead '(?=' is not supported (at character 2)", 3, 34,
                  notes: [hint("lookarounds differ between Swift and PostgreSQL; describe the value without them")]),
        ])
    }

    @Test func patternSamplesAreBounded() {
        var random = SeededRandom(seed: 1)
        // In the subset, but a sample may be long: the sampler gives up instead of running on.
        for _ in 0..<20 {
            if let sample = PatternSampler.sample("((a{1,255}){1,255})", random: &random) {
                #expect(sample.count <= EngineLimits.maxPatternSampleLength)
            }
        }
        #expect(PatternSampler.sample("a{3}", random: &random) == "aaa")
    }
}
