/// Renders text from a schema (a name, a value, a path) for a diagnostic, so that every message
/// stays on one line and shows exactly what was written: quoted, with line breaks, tabs, control
/// characters and other invisible or unprintable characters written as escapes.
public enum DiagnosticText {
    /// `'name'`, with `\n`, `\r`, `\t`, `\\`, `\'` and `\u{…}` escapes where needed.
    public static func quoted(_ text: String) -> String {
        "'" + escaped(text) + "'"
    }

    /// The text with what can't be shown on one line escaped (no quotes added).
    public static func escaped(_ text: String) -> String {
        escape(text, also: ["\\": "\\\\", "'": "\\'"])
    }

    /// `U+000A`: a code point as Unicode writes it, at least four hex digits.
    public static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let code = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - code.count)) + code
    }

    /// A message made one line: line breaks, tabs and invisible characters escaped, everything
    /// else (quotes included) as it is.
    public static func oneLine(_ message: String) -> String {
        guard message.unicodeScalars.contains(where: { $0 != " " && !isVisible($0) }) else { return message }
        return escape(message, also: [:])
    }

    /// Line breaks and tabs as `\n`, `\r`, `\t`, other invisible characters as `\u{…}`, and
    /// `extra` replaced as it says. (Generated text has its own contexts: see `Escaping`.)
    private static func escape(_ text: String, also extra: [Unicode.Scalar: String]) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if let replacement = extra[scalar] {
                    result += replacement
                } else if isVisible(scalar) {
                    result.unicodeScalars.append(scalar)
                } else {
                    result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                }
            }
        }
        return result
    }

    /// False for control, format, private-use, unassigned and surrogate code points, and for
    /// separators other than the ASCII space (U+2028, U+2029, U+0085, no-break spaces …).
    static func isVisible(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .privateUse, .unassigned, .surrogate, .lineSeparator, .paragraphSeparator, .spaceSeparator:
            return false
        default:
            return true
        }
    }
}
