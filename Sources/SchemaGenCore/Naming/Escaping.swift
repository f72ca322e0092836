/// Escaping by context: every schema string that reaches generated text goes through the function
/// of the context it lands in. Schema text is data; none of these lets it end the context it is
/// put in (a comment, a literal, a quoted identifier, a dollar-quoted body, a table cell).
///
/// Decisions:
/// - **Line terminators** are `\n`, `\r`, `\r\n`, U+000B, U+000C, U+0085, U+2028 and U+2029 (the
///   union of what Swift, PostgreSQL, SQLite, Markdown and editors treat as a line end). A comment
///   is one line per line of text: `docLines` splits at every one; `oneLine` turns each into a space.
/// - **Other control characters** (C0 but tab, DEL, C1) and NUL have no business in a comment or
///   a table cell: they become U+FFFD, so a reader sees that something was there.
/// - **NUL in SQL literals**: PostgreSQL text cannot hold NUL at all, and both command-line
///   clients end a statement at one. Resolve refuses string values with NUL
///   (`Resolve/NameSafety.swift`); should one get here anyway, `sqlString` writes U+FFFD rather
///   than a NUL, so the SQL stays whole.
public enum Escaping {
    // MARK: Lines

    /// Whether a scalar ends a line somewhere (Swift ends `//` comments at `\r` and `\n`, PostgreSQL
    /// ends `--` comments at either; editors and Markdown also break at the others).
    public static func isLineTerminator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// A control character other than tab and the line terminators (NUL, ESC, DEL, C1 …).
    public static func isOtherControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        guard !isLineTerminator(scalar), value != 0x09 else { return false }
        return value < 0x20 || (0x7F...0x9F).contains(value)
    }

    /// The lines of a text, split at every line terminator (`\r\n` counts once), each with its
    /// other control characters replaced by U+FFFD and trailing spaces removed.
    public static func lines(_ text: String) -> [String] {
        // Most texts are one line of plain characters: no byte that could start a line
        // terminator or a control character (0xC2 leads U+0080–U+00BF, 0xE2 U+2028 and U+2029).
        if !text.utf8.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 }) {
            return [text.trimmingTrailingSpaces()]
        }
        // Many more are paragraphs of such characters between `\n`s: split over the bytes.
        if !text.utf8.contains(where: { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A) || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 }) {
            return text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(Substring($0)).trimmingTrailingSpaces() }
        }
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = scalar == "\r"
            if isLineTerminator(scalar) {
                lines.append(String(current))
                current = String.UnicodeScalarView()
            } else if isOtherControl(scalar) {
                current.append("\u{FFFD}")
            } else {
                current.append(scalar)
            }
        }
        lines.append(String(current))
        return lines.map { $0.trimmingTrailingSpaces() }
    }

    /// The lines of a comment (Swift `///`, SQL `--`): `lines(_:)` without leading and trailing
    /// blank lines.
    public static func docLines(_ text: String?) -> [String] {
        var result = lines(text ?? "")
        while result.last?.isEmpty == true { result.removeLast() }
        while result.first?.isEmpty == true { result.removeFirst() }
        return result
    }

    /// A text on one line, for inside a comment or a message: every line terminator (`\r\n` once)
    /// becomes a space, other control characters U+FFFD.
    public static func oneLine(_ text: String) -> String {
        lines(text).joined(separator: " ")
    }

    /// The text of one SQL `--` comment line (the same as `oneLine`: SQL comments have no escapes,
    /// and `--`, `/*` or `*/` inside a line comment mean nothing).
    public static func sqlComment(_ text: String) -> String {
        oneLine(text)
    }

    // MARK: SQL

    /// An SQL string literal: `'it''s'`. Newlines and other characters stay as they are (both
    /// engines take them in a literal, and PostgreSQL's standard strings give `\` no meaning);
    /// NUL, which no SQL text can hold, becomes U+FFFD (Resolve refuses it before this).
    public static func sqlString(_ text: String) -> String {
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "'") || $0 == 0 }) { return "'" + text + "'" }
        // Over the bytes into one buffer (fixture texts often hold a `'`): `'` and NUL are one
        // byte each, never part of another character's bytes.
        var bytes: [UInt8] = [UInt8(ascii: "'")]
        bytes.reserveCapacity(text.utf8.count + 2)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "'"): bytes += [UInt8(ascii: "'"), UInt8(ascii: "'")]
            case 0: bytes += [0xEF, 0xBF, 0xBD]  // U+FFFD
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "'"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// An SQL identifier: see `Naming.sqlQuoted` (bare when plain, else double-quoted with `""`).
    public static func sqlIdentifier(_ identifier: String) -> String {
        Naming.sqlQuoted(identifier)
    }

    /// A PostgreSQL dollar-quoted body: `$$…$$`, or `$schemagen$…$schemagen$` (with a number when
    /// needed) when the body holds `$$` or could run into the closing tag, so nothing in the body
    /// can end it.
    public static func dollarQuoted(_ body: String) -> String {
        let tag = dollarTag(for: body)
        return tag + body + tag
    }

    /// The tag `dollarQuoted` puts around `body`.
    public static func dollarTag(for body: String) -> String {
        var candidates = ["$$", "$schemagen$"]
        candidates += (1...).lazy.prefix(1000).map { "$schemagen\($0)$" }
        for tag in candidates where closesOnlyAtEnd(body, tag) { return tag }
        return "$schemagen_\(body.utf8.count)$"  // unreachable: a body can't hold 1002 tags and be short
    }

    /// Whether the first `tag` in `body + tag` is the one at the end.
    private static func closesOnlyAtEnd(_ body: String, _ tag: String) -> Bool {
        let text = Array((body + tag).utf8)
        let needle = Array(tag.utf8)
        guard text.count >= needle.count else { return false }
        for start in 0...(text.count - needle.count) where text[start..<(start + needle.count)].elementsEqual(needle) {
            return start == text.count - needle.count
        }
        return false
    }

    // MARK: Swift

    /// A Swift string literal with escapes: `"a \"quoted\" word"`. Backslashes (so `\(` can't
    /// interpolate), quotes, line terminators and control characters are escaped.
    public static func swiftString(_ text: String) -> String {
        "\"" + swiftStringContent(text) + "\""
    }

    /// What goes between the quotes of a `"…"` literal.
    public static func swiftStringContent(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\0": result += "\\0"
            case _ where isLineTerminator(scalar) || isOtherControl(scalar):
                result += "\\u{\(String(scalar.value, radix: 16))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// What goes between `#"` and `"#` of a one-`#` raw string literal, written so the text comes
    /// out unchanged: `"#` (and a leading `""`) becomes `\#"#`, `\#` becomes `\#\#` (so `\#(` can't interpolate), and
    /// line terminators and control characters become `\#u{…}` escapes. Text without those is
    /// returned as it is.
    public static func swiftRawStringContent(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            let nextIsHash = index + 1 < scalars.count && scalars[index + 1] == "#"
            // The last character is followed by the literal's own `"#` (or other template text),
            // which never starts with `#`; a trailing `\` or `"` is safe there.
            // After the opening `#"`, a leading `""` would make it `#"""`, a multi-line literal.
            let opensMultiline = index == 0 && scalar == "\"" && scalars.count > 1 && scalars[1] == "\""
            switch scalar {
            case "\"" where nextIsHash || opensMultiline: result += ##"\#""##.unicodeScalars
            case "\\" where nextIsHash: result += ##"\#\"##.unicodeScalars
            case _ where isLineTerminator(scalar) || isOtherControl(scalar) || scalar == "\t":
                result += "\\#u{\(String(scalar.value, radix: 16))}".unicodeScalars
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    /// A raw string literal holding `text` exactly, with as many `#` as it takes for the text to
    /// need no escapes; a text with line terminators or control characters gets a `"…"` literal.
    public static func swiftRawString(_ text: String) -> String {
        // Swift refuses a tab or other control character written as it is in a one-line literal.
        guard !text.unicodeScalars.contains(where: { isLineTerminator($0) || isOtherControl($0) || $0 == "\t" }) else {
            return swiftString(text)
        }
        var hashes = "#"
        while text.containsBytes("\"" + hashes) || text.containsBytes("\\" + hashes) { hashes += "#" }
        return hashes + "\"" + text + "\"" + hashes
    }

    /// Lines of a Swift `///` comment (without the slashes): see `docLines`.
    public static func swiftDocLines(_ text: String?) -> [String] {
        docLines(text)
    }

    // MARK: Documentation

    /// A Markdown table cell: one line, `|` escaped, control characters replaced. Backticks and
    /// other Markdown stay (descriptions use them on purpose); GitHub sanitizes HTML.
    public static func markdownCell(_ text: String) -> String {
        oneLine(text).replacingBytes("|", with: "\\|")
    }

    /// Text inside an HTML comment (`<!-- … -->`): one line, and no `--`, which could end it.
    public static func htmlComment(_ text: String) -> String {
        var result = oneLine(text)
        while result.containsBytes("--") { result = result.replacingBytes("--", with: "- -") }
        return result
    }

    /// A label in a Mermaid diagram, inside `"…"`: one line, with `"` written `#quot;` (Mermaid's
    /// entity code), so the label can't end early.
    public static func mermaidLabel(_ text: String) -> String {
        oneLine(text).replacingBytes("\"", with: "#quot;")
    }

    /// A JSON string: quotes, backslashes and every control character escaped; U+2028 and U+2029
    /// too, so the text is also valid JavaScript.
    public static func jsonString(_ text: String) -> String {
        // Nothing to escape: no quote, backslash, control character, or lead byte of U+2028/U+2029.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == 0x7F || $0 == 0xE2 }) {
            return "\"" + text + "\""
        }
        // Over the bytes into one buffer: what is escaped is one byte, or U+2028/U+2029 (E2 80 A8/A9).
        let utf8 = Array(text.utf8)
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        bytes.reserveCapacity(utf8.count + 8)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""): bytes += Array("\\\"".utf8)
            case UInt8(ascii: "\\"): bytes += Array("\\\\".utf8)
            case UInt8(ascii: "\n"): bytes += Array("\\n".utf8)
            case UInt8(ascii: "\r"): bytes += Array("\\r".utf8)
            case UInt8(ascii: "\t"): bytes += Array("\\t".utf8)
            case 0xE2 where index + 1 < utf8.count && utf8[index] == 0x80 && (utf8[index + 1] == 0xA8 || utf8[index + 1] == 0xA9):
                bytes += Array((utf8[index + 1] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                index += 2
            case _ where byte < 0x20 || byte == 0x7F:
                let hex = String(byte, radix: 16)
                bytes += Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
        return String(decoding: bytes, as: UTF8.self)
    }
}
