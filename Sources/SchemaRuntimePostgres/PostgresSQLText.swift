/// The little SQL lexing PostgreSQL needs from us: what is code, and what is inside a string, a
/// quoted identifier, a dollar-quoted body or a comment, where `?` and `;` mean nothing.
enum PostgresSQLText {
    /// `?` placeholders as PostgreSQL's `$1`, `$2`, …, and how many there were.
    ///
    /// Every `?` in code is a placeholder: write PostgreSQL's jsonb `?` operators as the functions
    /// `jsonb_exists`, `jsonb_exists_any`, `jsonb_exists_all`.
    ///
    /// Remembered per text: a repository sends the same few statements over and over, and
    /// lexing one character by character on every call was a quarter of a `find`'s client time.
    static func numberingPlaceholders(_ sql: String) -> (sql: String, count: Int) {
        if let numbered = numbered.withLock({ $0[sql] }) { return numbered }
        let numbered = lexingPlaceholders(sql)
        self.numbered.withLock { memo in
            // Texts that differ per call (IN lists of every length) could grow it without end.
            if memo.count >= numberedCapacity { memo.removeAll(keepingCapacity: true) }
            memo[sql] = numbered
        }
        return numbered
    }

    private static let numberedCapacity = 4096
    private static let numbered = Locked([String: (sql: String, count: Int)]())

    private static func lexingPlaceholders(_ sql: String) -> (sql: String, count: Int) {
        var result = ""
        result.reserveCapacity(sql.utf8.count + 16)
        var count = 0
        scan(sql) { piece, isCode in
            guard isCode else { return result += piece }
            for character in piece {
                if character == "?" {
                    count += 1
                    result += "$\(count)"
                } else {
                    result.append(character)
                }
            }
        }
        return (result, count)
    }

    /// A script's statements, split at the semicolons in code; statements that are only
    /// whitespace and comments are left out.
    static func statements(_ script: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var hasCode = false
        scan(script) { piece, isCode in
            guard isCode else {
                if !piece.hasPrefix("--") && !piece.hasPrefix("/*") { hasCode = true }
                return current += piece
            }
            for character in piece {
                if character == ";" {
                    if hasCode { statements.append(current) }
                    current = ""
                    hasCode = false
                } else {
                    current.append(character)
                    if !character.isWhitespace { hasCode = true }
                }
            }
        }
        if hasCode { statements.append(current) }
        return statements
    }

    /// Calls `visit` with consecutive pieces of `sql`: code (`isCode`), or one whole literal,
    /// quoted identifier, dollar-quoted body or comment. An unterminated one runs to the end.
    static func scan(_ sql: String, _ visit: (Substring, _ isCode: Bool) -> Void) {
        let text = Substring(sql)
        var index = text.startIndex
        var codeStart = index

        func flushCode(upTo end: String.Index) {
            if codeStart < end { visit(text[codeStart..<end], true) }
        }

        while index < text.endIndex {
            let character = text[index]
            var end: String.Index?
            switch character {
            case "'":
                // E'…' strings escape with backslashes; standard strings only double the quote.
                end = quoted(text, from: index, quote: "'", backslashEscapes: isEscapeStringPrefix(text, quoteAt: index))
            case "\"":
                end = quoted(text, from: index, quote: "\"", backslashEscapes: false)
            case "-" where text[index...].hasPrefix("--"):
                end = text[index...].firstIndex(of: "\n").map { text.index(after: $0) } ?? text.endIndex
            case "/" where text[index...].hasPrefix("/*"):
                end = blockComment(text, from: index)
            case "$":
                // $tag$ … $tag$, unless the $ continues an identifier or starts a parameter ($1).
                if index == text.startIndex || !isIdentifierCharacter(text[text.index(before: index)]),
                   let tag = dollarTag(text, at: index) {
                    let bodyStart = text.index(index, offsetBy: tag.count)
                    end = text[bodyStart...].range(of: tag)?.upperBound ?? text.endIndex
                }
            default:
                break
            }
            if let end {
                flushCode(upTo: index)
                visit(text[index..<end], false)
                index = end
                codeStart = end
            } else {
                index = text.index(after: index)
            }
        }
        flushCode(upTo: text.endIndex)
    }

    private static func isIdentifierCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "$"
    }

    /// Whether the quote at `index` opens an `E'…'` string: an E that is a word of its own.
    private static func isEscapeStringPrefix(_ text: Substring, quoteAt index: String.Index) -> Bool {
        guard index > text.startIndex else { return false }
        let prefix = text.index(before: index)
        guard text[prefix] == "e" || text[prefix] == "E" else { return false }
        return prefix == text.startIndex || !isIdentifierCharacter(text[text.index(before: prefix)])
    }

    /// The end of a quoted piece starting at `start`; a doubled quote is part of it.
    private static func quoted(_ text: Substring, from start: String.Index, quote: Character, backslashEscapes: Bool) -> String.Index {
        var index = text.index(after: start)
        while index < text.endIndex {
            let character = text[index]
            if backslashEscapes && character == "\\" {
                index = text.index(after: index)
                if index < text.endIndex { index = text.index(after: index) }
                continue
            }
            index = text.index(after: index)
            if character == quote {
                guard index < text.endIndex, text[index] == quote else { return index }
                index = text.index(after: index)
            }
        }
        return text.endIndex
    }

    /// PostgreSQL's block comments nest.
    private static func blockComment(_ text: Substring, from start: String.Index) -> String.Index {
        var depth = 0
        var index = start
        while index < text.endIndex {
            if text[index...].hasPrefix("/*") {
                depth += 1
                index = text.index(index, offsetBy: 2)
            } else if text[index...].hasPrefix("*/") {
                depth -= 1
                index = text.index(index, offsetBy: 2)
                if depth == 0 { return index }
            } else {
                index = text.index(after: index)
            }
        }
        return text.endIndex
    }

    /// `$$` or `$tag$` at `index` (a tag is an identifier without `$`, not starting with a digit).
    private static func dollarTag(_ text: Substring, at index: String.Index) -> Substring? {
        var end = text.index(after: index)
        while end < text.endIndex, text[end] != "$" {
            let character = text[end]
            let valid = character == "_" || character.isLetter || (character.isNumber && end != text.index(after: index))
            guard valid else { return nil }
            end = text.index(after: end)
        }
        guard end < text.endIndex else { return nil }
        return text[index...end]
    }
}
