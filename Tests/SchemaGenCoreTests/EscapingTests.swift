import Foundation
import Testing
@testable import SchemaGenCore

/// One test per context of `Escaping`: what a hostile string becomes, and that it can't end the
/// context it is put in.
@Suite("Escaping by context")
struct EscapingTests {
    /// Every line terminator some consumer of the output honours.
    static let terminators = ["\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}"]

    @Test(arguments: terminators)
    func aCommentLineHasNoLineTerminator(_ terminator: String) {
        let text = "a\(terminator)DROP TABLE sentinel; --"
        let line = Escaping.sqlComment(text)
        #expect(line == "a DROP TABLE sentinel; --")
        #expect(!line.unicodeScalars.contains(where: Escaping.isLineTerminator))
        #expect(Escaping.oneLine(text) == line)
    }

    @Test(arguments: terminators)
    func docLinesSplitAtEveryTerminator(_ terminator: String) {
        #expect(Escaping.docLines("first\(terminator)second") == ["first", "second"])
        #expect(Escaping.docLines("\(terminator)only\(terminator)") == ["only"])
    }

    @Test func crlfIsOneLineBreakAndControlCharactersAreReplaced() {
        #expect(Escaping.docLines("a\r\nb\n\nc") == ["a", "b", "", "c"])
        #expect(Escaping.oneLine("a\0b\u{1B}[31mc\u{7F}d\u{9B}e\tf") == "a\u{FFFD}b\u{FFFD}[31mc\u{FFFD}d\u{FFFD}e\tf")
        #expect(Escaping.oneLine("trailing   \nnext") == "trailing next")
    }

    @Test func sqlStringLiteralsDoubleQuotesAndHoldNoNUL() {
        #expect(Escaping.sqlString("it's") == "'it''s'")
        #expect(Escaping.sqlString("'; DROP TABLE sentinel; --") == "'''; DROP TABLE sentinel; --'")
        #expect(Escaping.sqlString("a\\b\nc") == "'a\\b\nc'")
        #expect(Escaping.sqlString("a\0b") == "'a\u{FFFD}b'")
        #expect(SQLDialect.postgres.literal("x'y") == "'x''y'")
    }

    @Test func sqlIdentifiersAreQuotedWithDoubledQuotes() {
        #expect(Escaping.sqlIdentifier("title") == "title")
        #expect(Escaping.sqlIdentifier("order") == "\"order\"")
        #expect(Escaping.sqlIdentifier("a\"; DROP TABLE x; --") == "\"a\"\"; DROP TABLE x; --\"")
    }

    @Test func dollarQuotesChooseATagTheBodyDoesNotHold() {
        #expect(Escaping.dollarQuoted(" SELECT 1 ") == "$$ SELECT 1 $$")
        #expect(Escaping.dollarQuoted(" x = '$$' ") == "$schemagen$ x = '$$' $schemagen$")
        // A body ending in `$` would close `$$` one character early.
        #expect(Escaping.dollarTag(for: "a$") == "$schemagen$")
        #expect(Escaping.dollarTag(for: "'$schemagen$' $$") == "$schemagen1$")
        #expect(Escaping.dollarTag(for: "$schemagen$ $schemagen1$ $$ x") == "$schemagen2$")
        for body in ["$$", "$", "a$$b", "$schemagen", "schemagen$", "$schemagen$$"] {
            let quoted = Escaping.dollarQuoted(body)
            let tag = Escaping.dollarTag(for: body)
            // The first closing tag after the opening one is the last one.
            let rest = quoted.dropFirst(tag.count)
            #expect(rest.range(of: tag).map { rest.distance(from: rest.startIndex, to: $0.lowerBound) } == body.count, "\(body)")
        }
    }

    @Test func swiftStringLiteralsEscapeWhatCouldEndOrInterpolate() {
        #expect(Escaping.swiftString(#"x\(fatalError("injected"))"#) == #""x\\(fatalError(\"injected\"))""#)
        #expect(Escaping.swiftString("a\nb\rc\0d\u{2028}e\u{85}") == #""a\nb\rc\0d\u{2028}e\u{85}""#)
        #expect(Escaping.swiftString("\"\"\"") == #""\"\"\"""#)
        #expect(SwiftLiteral.string("plain") == "\"plain\"")
    }

    @Test func rawStringContentCannotCloseOrInterpolate() {
        #expect(Escaping.swiftRawStringContent("users.id = ?") == "users.id = ?")
        #expect(Escaping.swiftRawStringContent(#""quoted" = 'a\b'"#) == #""quoted" = 'a\b'"#)
        #expect(Escaping.swiftRawStringContent(##"x = '"#; fatalError("injected"); let _ = #"'"##)
                == ##"x = '\#"#; fatalError("injected"); let _ = #"'"##)
        #expect(Escaping.swiftRawStringContent(##"\#(fatalError())"##) == ##"\#\#(fatalError())"##)
        #expect(Escaping.swiftRawStringContent("a\nb\r\u{2028}") == ##"a\#u{a}b\#u{d}\#u{2028}"##)
        // A leading `""` would turn `#"` into the start of a multi-line literal.
        #expect(Escaping.swiftRawStringContent(#""""x""#) == ##"\#"""x""##)
    }

    @Test func rawStringsGetEnoughHashes() {
        #expect(Escaping.swiftRawString("^[a-z]+$") == ##"#"^[a-z]+$"#"##)
        #expect(Escaping.swiftRawString(##"a"#b"##) == ###"##"a"#b"##"###)
        #expect(Escaping.swiftRawString("a\rb") == #""a\rb""#)
    }

    @Test func multilineRawStringsKeepEveryCharacter() {
        let literal = SwiftLiteral.multilineRaw("a\r\nb\u{2028}c\u{1B}\n")
        #expect(literal == "#\"\"\"\na\\#u{d}\nb\\#u{2028}c\\#u{1b}\n\"\"\"#")
    }

    @Test func markdownCellsAreOneLineWithPipesEscaped() {
        #expect(Escaping.markdownCell("a | b\nc\u{2029}d") == "a \\| b c d")
        #expect(Markdown.cell("x|y\r\n\r\nz") == "x\\|y z")
        #expect(Markdown.code("a|b\nc") == "`a\\|b c`")
    }

    @Test func mermaidLabelsCannotEndTheirQuotes() {
        #expect(Escaping.mermaidLabel("a\"b\nc") == "a#quot;b c")
    }

    @Test func jsonStringsRoundTrip() throws {
        let text = "q\"b\\n\n\r\t\0\u{1B}\u{2028}é$$"
        let json = Escaping.jsonString(text)
        #expect(!json.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{2028}" })
        let decoded = try JSONDecoder().decode(String.self, from: Data(json.utf8))
        #expect(decoded == text)
    }

    @Test func theStatementSplitterFollowsQuotes() {
        let block = """
            -- a comment with it's quote
            CREATE TABLE t (
                a text DEFAULT 'x;
            $$;', -- it's
                b text
            );
            CREATE FUNCTION f() RETURNS int
                AS $schemagen$ SELECT '$$;
            ' $schemagen$;
            SELECT 1;
            """
        let statements = SQLStatementText.statements(block)
        #expect(statements.count == 3)
        #expect(statements.first?.hasPrefix("CREATE TABLE t") == true)
        #expect(statements.last == "SELECT 1;")
    }
}

/// NUL can't be in SQL text, and replacing it would make SQL and Swift disagree: refused where it
/// is written, however it is written.
@Suite("NUL in schemas")
struct NULRefusalTests: SchemaTestSupport {
    @Test(arguments: [#"\0"#, #"\x00"#, #"\u0000"#])
    func aNULIsALocatedError(_ escape: String) {
        let yaml = """
            name: notes
            description: "fine"
            fields:
              title: { type: string, default: "a\(escape)b" }
            indexes:
              - fields: [title]
                description: "x\(escape)"
            """
        let found = diagnostics(yaml)
        #expect(found.map(\.location.line) == [4, 7])
        #expect(found.allSatisfy { $0.message.hasSuffix("contains a NUL character, which SQL text can't hold") && !$0.message.contains("\0") })
    }
}

/// The schema file's name reaches the first line of every generated file.
@Suite("File names in headers")
struct FileNameHeaderTests {
    @Test func aFileNameCannotEndTheHeaderComment() throws {
        let source = SchemaSource(path: "schemas/x\nundefinedInjected()-->.yaml", contents: "name: things\nfields:\n  title: string\n")
        let files = try Pipeline.generate([source])
        for file in files where file.path.hasPrefix("Swift/") || file.path.hasPrefix("Docs/") {
            let first = file.contents.split(separator: "\n", omittingEmptySubsequences: false)[0]
            if file.path.hasPrefix("Docs/"), first.hasPrefix("<!--") {
                #expect(first.hasSuffix("-->") && first.dropFirst(4).dropLast(3).contains("--") == false, "\(file.path): \(first)")
            }
            #expect(!file.contents.contains("\nundefinedInjected()"), "\(file.path)")
        }
        #expect(Escaping.htmlComment("a--->b") == "a- - ->b")
    }
}
