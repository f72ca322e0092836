/// Text no output can hold as written, refused with its location before anything is generated.
///
/// A NUL character can't be in SQL text at all: PostgreSQL's text type refuses it, and both
/// command-line clients end a statement at one, silently skipping the rest (an index description
/// holding `\0` made both engines skip its `CREATE INDEX`). Replacing it would make the SQL and
/// the Swift disagree about a default, an enum value or a `where` value, so every schema string
/// with a NUL (however written: `\0`, `\x00`, `\u0000`) is an error. Other control characters and
/// line terminators are escaped where they land (see `Escaping`).
enum NameSafety {
    static func diagnostics(_ files: [SchemaFileSyntax]) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for file in files {
            visit(file, nearest: SourceLocation(file: file.path, line: 1, column: 1), into: &found)
        }
        return found
    }

    /// Whether a schema file's text can hold a NUL at all: as a character, or written as a YAML
    /// escape (`\0`, `\x00`, `\u0000`, `\U00000000`) or as a URI escape in a tag (`%00`). Only
    /// such files are walked: the walk reflects over every node of the syntax tree, and was a
    /// sixth of a generation run.
    static func mayHoldNUL(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        func follows(_ index: Int, _ escape: String) -> Bool {
            let tail = escape.utf8
            return index + tail.count < bytes.count && bytes[(index + 1)...].starts(with: tail)
        }
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case 0: return true
            case UInt8(ascii: "\\") where follows(index, "0") || follows(index, "x00") || follows(index, "u0000") || follows(index, "U00000000"):
                return true
            case UInt8(ascii: "%") where follows(index, "00"): return true
            default: continue
            }
        }
        return false
    }

    private static func check(_ text: String, at location: SourceLocation, into found: inout [Diagnostic]) {
        guard text.unicodeScalars.contains("\0") else { return }
        let shown = Escaping.swiftStringContent(text)
        found.append(Diagnostic(.error, "'\(shown.count > 60 ? String(shown.prefix(60)) + "…" : shown)' contains a NUL character, which SQL text can't hold",
                                at: location, notes: [Diagnostic.Note("remove the \\0")]))
    }

    /// Walks the syntax tree by reflection (it has many node types, and every string in it is
    /// schema text), keeping the location of the nearest node for strings that have none.
    private static func visit(_ value: Any, nearest: SourceLocation, into found: inout [Diagnostic]) {
        switch value {
        case let text as String:
            check(text, at: nearest, into: &found)
            return
        case let located as Located<String>:
            check(located.value, at: located.location, into: &found)
            return
        case let syntax as SyntaxValue:
            switch syntax {
            case .scalar(let text, _, let location): check(text, at: location, into: &found)
            case .sequence(let items, _): for item in items { visit(item, nearest: syntax.location, into: &found) }
            case .mapping(let pairs, _):
                for pair in pairs {
                    check(pair.key.value, at: pair.key.location, into: &found)
                    visit(pair.value, nearest: pair.value.location, into: &found)
                }
            }
            return
        case is SourceLocation, is Bool, is Int, is Double:
            return
        default:
            break
        }
        let mirror = Mirror(reflecting: value)
        let here = mirror.children.first { $0.label == "location" }?.value as? SourceLocation ?? nearest
        for child in mirror.children {
            visit(child.value, nearest: here, into: &found)
        }
    }
}
