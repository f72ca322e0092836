// SQLite keeps a table's CHECK constraints and constraint names only in the CREATE TABLE text it
// stores; its pragmas give the rest. This reads that text: the body's elements (split at commas
// outside parentheses and quotes), each table constraint's name, and every CHECK condition.

public enum SQLiteTableText {
    public struct Element: Sendable, Equatable {
        /// `CONSTRAINT name`, if given.
        public var name: String?
        /// `check`, `primaryKey`, `unique`, `foreignKey`, or `column`.
        public var kind: String
        /// A table constraint's columns; a column definition's column.
        public var columns: [String]
        /// The CHECK conditions (a column definition may hold several).
        public var checks: [String]
    }

    /// The elements of `CREATE TABLE name (…) [STRICT]`; empty when the text has no body.
    public static func elements(_ text: String) -> [Element] {
        let createTable = withoutComments(text)
        guard let body = parenthesized(createTable, from: createTable.startIndex) else { return [] }
        return split(String(createTable[body]), at: ",").compactMap(element)
    }

    /// The text after the top-level `WHERE` of a CREATE INDEX, if any.
    public static func whereClause(_ text: String) -> String? {
        let createIndex = withoutComments(text)
        var depth = 0
        var quote: Character?
        let characters = Array(createIndex)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if "'\"`".contains(character) {
                quote = character
            } else if character == "(" {
                depth += 1
            } else if character == ")" {
                depth -= 1
            } else if depth == 0, index + 5 <= characters.count, String(characters[index..<index + 5]).uppercased() == "WHERE",
                      index == 0 || !(characters[index - 1].isLetter || characters[index - 1].isNumber || characters[index - 1] == "_"),
                      index + 5 == characters.count || !(characters[index + 5].isLetter || characters[index + 5].isNumber) {
                return String(characters[(index + 5)...]).trimmingCharacters(in: .whitespacesAndNewlines)
                    .trimmingCharacters(in: CharacterSet(charactersIn: ";"))
            }
            index += 1
        }
        return nil
    }

    /// The arguments of `USING fts5(…)`.
    public static func moduleArguments(_ text: String) -> [String] {
        let createVirtualTable = withoutComments(text)
        guard let body = parenthesized(createVirtualTable, from: createVirtualTable.startIndex) else { return [] }
        return split(String(createVirtualTable[body]), at: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    private static func element(_ raw: String) -> Element? {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, let tokens = SQLTokenizer.tokens(text), !tokens.isEmpty else { return nil }
        var name: String?
        var rest = text[...]
        if case .word("constraint") = tokens[0], tokens.count > 1 {
            if case .quotedName(let quoted) = tokens[1] { name = quoted }
            // Skip `CONSTRAINT name` in the text: the keyword, spaces, the name (quoted or bare).
            var remainder = text.dropFirst("constraint".count).drop { $0.isWhitespace }
            if let open = remainder.first, "\"`[".contains(open) {
                let close: Character = open == "[" ? "]" : open
                remainder = remainder.dropFirst().drop { $0 != close }.dropFirst()
            } else {
                name = String(remainder.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" })
                remainder = remainder.drop { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" }
            }
            rest = remainder.drop { $0.isWhitespace }
        }
        let head = rest.prefix(20).uppercased()
        let restText = String(rest)
        func columnsInParentheses() -> [String] {
            guard let inner = parenthesized(restText, from: restText.startIndex) else { return [] }
            return split(String(restText[inner]), at: ",").map(unquoted)
        }
        if head.hasPrefix("CHECK") {
            return Element(name: name, kind: "check", columns: [], checks: checks(String(rest)))
        }
        if head.hasPrefix("PRIMARY") { return Element(name: name, kind: "primaryKey", columns: columnsInParentheses(), checks: []) }
        if head.hasPrefix("UNIQUE") { return Element(name: name, kind: "unique", columns: columnsInParentheses(), checks: []) }
        if head.hasPrefix("FOREIGN") { return Element(name: name, kind: "foreignKey", columns: columnsInParentheses(), checks: []) }
        // A column definition: its name, then its own CHECKs.
        let columnName: String
        switch tokens[0] {
        case .word, .quotedName:
            let first = rest.prefix { !$0.isWhitespace }
            columnName = unquoted(String(first))
        default: return nil
        }
        return Element(name: nil, kind: "column", columns: [columnName], checks: checks(String(rest)))
    }

    /// SQL text without `-- …` and `/* … */` comments (SQLite stores the text as written).
    static func withoutComments(_ text: String) -> String {
        var result = ""
        var quote: Character?
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            if let open = quote {
                if character == open { quote = nil }
            } else if "'\"`".contains(character) {
                quote = character
            } else if character == "-" && next == "-" {
                while index < characters.count && characters[index] != "\n" { index += 1 }
                continue
            } else if character == "/" && next == "*" {
                index += 2
                while index + 1 < characters.count && !(characters[index] == "*" && characters[index + 1] == "/") { index += 1 }
                index += 2
                result.append(" ")
                continue
            }
            result.append(character)
            index += 1
        }
        return result
    }

    /// The conditions of every `CHECK (…)` in a piece of text (the word, not a part of a name).
    private static func checks(_ text: String) -> [String] {
        var result: [String] = []
        var searchStart = text.startIndex
        while let found = text.range(of: "CHECK", options: .caseInsensitive, range: searchStart..<text.endIndex) {
            let before = found.lowerBound == text.startIndex ? " " : text[text.index(before: found.lowerBound)]
            let after = found.upperBound == text.endIndex ? " " : text[found.upperBound]
            guard !(before.isLetter || before.isNumber || before == "_" || after.isLetter || after.isNumber || after == "_") else {
                searchStart = found.upperBound
                continue
            }
            guard let inner = parenthesized(text, from: found.upperBound) else { break }
            result.append(String(text[inner]).trimmingCharacters(in: .whitespacesAndNewlines))
            searchStart = text.index(after: inner.upperBound)
        }
        return result
    }

    static func unquoted(_ name: String) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        let bare = trimmed.split(separator: " ").first.map(String.init) ?? trimmed  // `col DESC`, `col COLLATE x`
        if let first = trimmed.first, "\"`[".contains(first) {
            let close: Character = first == "[" ? "]" : first
            if let end = trimmed.dropFirst().firstIndex(of: close) { return String(trimmed[trimmed.index(after: trimmed.startIndex)..<end]) }
        }
        return bare
    }

    /// The range inside the first balanced parentheses at or after `start`.
    static func parenthesized(_ text: String, from start: String.Index) -> Range<String.Index>? {
        var depth = 0
        var quote: Character?
        var open: String.Index?
        var index = start
        while index < text.endIndex {
            let character = text[index]
            if let current = quote {
                if character == current { quote = nil }
            } else if "'\"`".contains(character) {
                quote = character
            } else if character == "(" {
                if depth == 0 { open = text.index(after: index) }
                depth += 1
            } else if character == ")" {
                depth -= 1
                if depth == 0, let open { return open..<index }
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// Splits at `separator` outside parentheses and quotes.
    static func split(_ text: String, at separator: Character) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil }
            } else if "'\"`".contains(character) {
                quote = character
            } else if character == "(" {
                depth += 1
            } else if character == ")" {
                depth -= 1
            } else if character == separator && depth == 0 {
                parts.append(current)
                current = ""
                continue
            }
            current.append(character)
        }
        if !current.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { parts.append(current) }
        return parts
    }
}

import Foundation
