/// Swift source spellings of values: string literals, numbers, defaults.
enum SwiftLiteral {
    /// A string literal with escapes: `"a \"quoted\" word"` (see `Escaping.swiftString`).
    static func string(_ text: String) -> String {
        Escaping.swiftString(text)
    }

    /// A raw string literal, for regular expressions: `#"^[a-z]+$"#`, with as many `#` as it
    /// takes for the text to need no escapes (see `Escaping.swiftRawString`).
    static func rawString(_ text: String) -> String {
        Escaping.swiftRawString(text)
    }

    /// A multi-line raw string literal holding `text` exactly (with as many `#` as it needs).
    /// Characters a multi-line literal can't hold as they are (a `\r`, which Swift would read as
    /// a line end, other control characters, U+2028 …) are written as `\#u{…}` escapes.
    static func multilineRaw(_ text: String) -> String {
        var hashes = "#"
        while text.containsBytes("\"\"\"" + hashes) || text.containsBytes("\\" + hashes) { hashes += "#" }
        var body = text.hasSuffix("\n") ? String(text.dropLast()) : text
        if body.unicodeScalars.contains(where: { ($0 != "\n" && Escaping.isLineTerminator($0)) || Escaping.isOtherControl($0) }) {
            var escaped = String.UnicodeScalarView()
            for scalar in body.unicodeScalars {
                if (scalar != "\n" && Escaping.isLineTerminator(scalar)) || Escaping.isOtherControl(scalar) {
                    escaped += "\\\(hashes)u{\(String(scalar.value, radix: 16))}".unicodeScalars
                } else {
                    escaped.append(scalar)
                }
            }
            body = String(escaped)
        }
        return hashes + "\"\"\"\n" + body + "\n\"\"\"" + hashes
    }

    /// `50`, `0.5`: a number literal that fits either Int or Double context.
    static func number(_ value: Double) -> String {
        format(value)
    }

    static func value(_ value: DefaultValue) -> String {
        switch value {
        case .string(let text): return string(text)
        case .int(let number): return String(number)
        case .double(let number): return format(number)
        // Decimal's float literals go through Double: a fraction is read from its text instead.
        case .decimal(let text): return text.contains(".") ? "Decimal(string: \(string(text)))!" : text
        case .bool(let flag): return flag ? "true" : "false"
        case .now: return "Date()"
        case .enumCase(let enumCase): return "." + Naming.escaped(enumCase.swiftName)
        case .array(let items): return "[" + items.map { Self.value($0) }.joined(separator: ", ") + "]"
        case .json(let literal): return json(literal)
        }
    }

    /// A `JSONValue` literal, relying on its `ExpressibleBy…Literal` conformances.
    static func json(_ literal: JSONLiteral) -> String {
        switch literal {
        case .null: return ".null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return format(number)
        case .string(let text): return string(text)
        case .array(let items): return "[" + items.map(json).joined(separator: ", ") + "]"
        case .object(let pairs):
            if pairs.isEmpty { return "[:]" }
            return "[" + pairs.map { string($0.key) + ": " + json($0.value) }.joined(separator: ", ") + "]"
        }
    }
}
