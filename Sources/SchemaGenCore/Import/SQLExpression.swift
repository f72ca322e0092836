// A small reader of the SQL expressions a catalog holds: CHECK conditions, column defaults,
// partial-index conditions. It knows what both engines print for what schemagen and hand-written
// DDL commonly say (comparisons, BETWEEN, IN, `= ANY (ARRAY[…])`, casts, function calls, IS
// NULL, AND/OR/NOT, GLOB/LIKE, `~`), enough to recognise enums, ranges, lengths and patterns.
// Anything it can't read is reported as such, never guessed.

public indirect enum SQLExpression: Sendable, Equatable {
    case column(String)
    case string(String)
    /// A number as written (`-5`, `0.5`).
    case number(String)
    case null
    case boolean(Bool)
    case function(String, [SQLExpression])
    /// `=`, `<>`, `<`, `<=`, `>`, `>=`, `~`, `~*`, `!~`, `<@` (contained in), `glob`, `like`, `||`, `+`, `-`, `*`, `/`.
    case binary(String, SQLExpression, SQLExpression)
    case and([SQLExpression])
    case or([SQLExpression])
    case not(SQLExpression)
    case between(SQLExpression, SQLExpression, SQLExpression)
    case inList(SQLExpression, [SQLExpression])
    /// `x IS NULL` (true) or `x IS NOT NULL` (false).
    case isNull(SQLExpression, Bool)
    case cast(SQLExpression, String)
    case array([SQLExpression])
    /// `x = ANY (ARRAY[…])`.
    case any(String, SQLExpression, SQLExpression)
    /// `interval '12 hours'` and other typed literals.
    case typed(String, String)

    /// Parses one expression; nil when the text is not one this reader knows.
    public static func parse(_ text: String) -> SQLExpression? {
        guard let tokens = SQLTokenizer.tokens(text) else { return nil }
        var parser = SQLExpressionParser(tokens: tokens)
        guard let expression = parser.expression(), parser.atEnd else { return nil }
        return expression
    }

    /// Without casts (`'a'::text` → `'a'`, `(0)::double precision` → `0`).
    public var uncast: SQLExpression {
        if case .cast(let inner, _) = self { return inner.uncast }
        return self
    }

    /// The conjuncts of an AND (itself otherwise), flattened.
    public var conjuncts: [SQLExpression] {
        if case .and(let parts) = self { return parts.flatMap(\.conjuncts) }
        return [self]
    }

    /// A literal number (through casts, quotes and a minus sign): `'-5'::integer`, `(0)::double precision`.
    public var numberValue: Double? {
        switch uncast {
        case .number(let text): return Double(text)
        case .string(let text): return Double(text)
        case .binary("-", .number("0"), let inner): return inner.numberValue.map { -$0 }
        case .function("-", let parts) where parts.count == 1: return parts[0].numberValue.map { -$0 }
        default: return nil
        }
    }

    /// A literal string (through casts).
    public var stringValue: String? {
        if case .string(let text) = uncast { return text }
        return nil
    }

    /// The column named, through casts.
    public var columnName: String? {
        if case .column(let name) = uncast { return name }
        return nil
    }
}

/// Tokens of SQL text: words (lowercased unless quoted), quoted names, strings, numbers and
/// operators. Nil for text it can't split (an unterminated string).
enum SQLToken: Equatable {
    case word(String)
    case quotedName(String)
    case string(String)
    case number(String)
    case symbol(String)
}

enum SQLTokenizer {
    static func tokens(_ text: String) -> [SQLToken]? {
        let characters = Array(text)
        var tokens: [SQLToken] = []
        var index = 0
        func peek(_ offset: Int = 0) -> Character? {
            index + offset < characters.count ? characters[index + offset] : nil
        }
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace { index += 1; continue }
            if character == "-" && peek(1) == "-" {  // a comment to the end of the line
                while let next = peek(), next != "\n" { index += 1 }
                continue
            }
            if character == "'" || ((character == "E" || character == "e") && peek(1) == "'") {
                let escapes = character != "'"
                index += escapes ? 2 : 1
                var value = ""
                while true {
                    guard let next = peek() else { return nil }
                    if next == "'" {
                        if peek(1) == "'" { value.append("'"); index += 2; continue }
                        index += 1
                        break
                    }
                    if escapes && next == "\\", let escaped = peek(1) {
                        value.append(escaped == "n" ? "\n" : escaped == "t" ? "\t" : escaped)
                        index += 2
                        continue
                    }
                    value.append(next)
                    index += 1
                }
                tokens.append(.string(value))
                continue
            }
            if character == "\"" || character == "`" || character == "[" && tokens.last.map(isOperand) != true {
                let close: Character = character == "[" ? "]" : character
                if character == "[" {
                    // `[name]` is an SQLite quoted name only where an operand starts; ARRAY[ is a symbol.
                    if case .word("array") = tokens.last { tokens.append(.symbol("[")); index += 1; continue }
                }
                index += 1
                var value = ""
                while true {
                    guard let next = peek() else { return nil }
                    if next == close {
                        if close != "]" && peek(1) == close { value.append(close); index += 2; continue }
                        index += 1
                        break
                    }
                    value.append(next)
                    index += 1
                }
                tokens.append(.quotedName(value))
                continue
            }
            if character.isNumber || (character == "." && peek(1)?.isNumber == true) {
                var value = ""
                while let next = peek(), next.isNumber || next == "." || next == "e" || next == "E"
                        || ((next == "-" || next == "+") && (value.last == "e" || value.last == "E")) {
                    value.append(next)
                    index += 1
                }
                tokens.append(.number(value))
                continue
            }
            if character.isLetter || character == "_" {
                var value = ""
                while let next = peek(), next.isLetter || next.isNumber || next == "_" || next == "$" {
                    value.append(next)
                    index += 1
                }
                tokens.append(.word(value.lowercased()))
                continue
            }
            let symbols = ["!~*", "::", "<@", "<>", "!=", "<=", ">=", "||", "!~", "~*", "==", "(", ")", ",", "=", "<", ">", "~", "+", "-",
                           "*", "/", "%", "[", "]", "."]
            guard let symbol = symbols.first(where: { String(characters[index..<min(characters.count, index + $0.count)]) == $0 }) else {
                return nil
            }
            tokens.append(.symbol(symbol))
            index += symbol.count
        }
        return tokens
    }

    private static func isOperand(_ token: SQLToken) -> Bool {
        switch token {
        case .word(let word): return !["and", "or", "not", "in", "is", "between", "check", "where", "then", "else", "when"].contains(word)
        case .quotedName, .string, .number: return true
        case .symbol(let symbol): return symbol == ")" || symbol == "]"
        }
    }
}

struct SQLExpressionParser {
    var tokens: [SQLToken]
    var position = 0

    var atEnd: Bool { position == tokens.count }

    private var current: SQLToken? { position < tokens.count ? tokens[position] : nil }

    private mutating func take(word: String) -> Bool {
        if case .word(word) = current { position += 1; return true }
        return false
    }

    private mutating func take(symbol: String) -> Bool {
        if case .symbol(symbol) = current { position += 1; return true }
        return false
    }

    private func isWord(_ word: String, at offset: Int = 0) -> Bool {
        guard position + offset < tokens.count, case .word(word) = tokens[position + offset] else { return false }
        return true
    }

    mutating func expression() -> SQLExpression? { or() }

    private mutating func or() -> SQLExpression? {
        guard var parts = and().map({ [$0] }) else { return nil }
        while take(word: "or") {
            guard let next = and() else { return nil }
            parts.append(next)
        }
        return parts.count == 1 ? parts[0] : .or(parts)
    }

    private mutating func and() -> SQLExpression? {
        guard var parts = not().map({ [$0] }) else { return nil }
        while take(word: "and") {
            guard let next = not() else { return nil }
            parts.append(next)
        }
        return parts.count == 1 ? parts[0] : .and(parts)
    }

    private mutating func not() -> SQLExpression? {
        if take(word: "not") { return not().map { .not($0) } }
        return comparison()
    }

    private mutating func comparison() -> SQLExpression? {
        guard let left = concatenation() else { return nil }
        if take(word: "is") {
            let negated = take(word: "not")
            if take(word: "null") { return .isNull(left, !negated) }
            return nil
        }
        if isWord("notnull") { position += 1; return .isNull(left, false) }
        if isWord("isnull") { position += 1; return .isNull(left, true) }
        let negated = isWord("not") && (isWord("in", at: 1) || isWord("between", at: 1) || isWord("like", at: 1) || isWord("glob", at: 1))
        if negated { position += 1 }
        var result: SQLExpression?
        if take(word: "between") {
            guard let low = concatenation(), take(word: "and"), let high = concatenation() else { return nil }
            result = .between(left, low, high)
        } else if take(word: "in") {
            guard take(symbol: "("), let items = list(until: ")") else { return nil }
            result = .inList(left, items)
        } else if take(word: "like") || take(word: "glob") {
            let op = tokens[position - 1] == .word("like") ? "like" : "glob"
            guard let right = concatenation() else { return nil }
            result = .binary(op, left, right)
        } else if case .symbol(let op) = current, ["=", "==", "<>", "!=", "<", "<=", ">", ">=", "~", "~*", "!~", "!~*", "<@"].contains(op) {
            position += 1
            let normalized = op == "==" ? "=" : op == "!=" ? "<>" : op
            if take(word: "any") || take(word: "some") {
                guard take(symbol: "("), let array = expression(), take(symbol: ")") else { return nil }
                return .any(normalized, left, array)
            }
            guard let right = concatenation() else { return nil }
            result = .binary(normalized, left, right)
        } else {
            return left
        }
        return negated ? result.map { .not($0) } : result
    }

    private mutating func concatenation() -> SQLExpression? {
        guard var left = additive() else { return nil }
        while take(symbol: "||") {
            guard let right = additive() else { return nil }
            left = .binary("||", left, right)
        }
        return left
    }

    private mutating func additive() -> SQLExpression? {
        guard var left = multiplicative() else { return nil }
        while case .symbol(let op) = current, op == "+" || op == "-" {
            position += 1
            guard let right = multiplicative() else { return nil }
            left = .binary(op, left, right)
        }
        return left
    }

    private mutating func multiplicative() -> SQLExpression? {
        guard var left = unary() else { return nil }
        while case .symbol(let op) = current, op == "*" || op == "/" || op == "%" {
            position += 1
            guard let right = unary() else { return nil }
            left = .binary(op, left, right)
        }
        return left
    }

    private mutating func unary() -> SQLExpression? {
        if take(symbol: "-") {
            guard let inner = unary() else { return nil }
            if case .number(let text) = inner { return .number("-" + text) }
            return .function("-", [inner])
        }
        if take(symbol: "+") { return unary() }
        return postfix()
    }

    private mutating func postfix() -> SQLExpression? {
        guard var value = primary() else { return nil }
        while take(symbol: "::") {
            guard let type = typeName() else { return nil }
            value = .cast(value, type)
        }
        return value
    }

    /// `text`, `double precision`, `character varying(40)`, `timestamp with time zone`, `real[]`.
    private mutating func typeName() -> String? {
        var words: [String] = []
        guard case .word(let first) = current else {
            if case .quotedName(let name) = current { position += 1; return name }
            return nil
        }
        position += 1
        words.append(first)
        let continuations: [String: [String]] = ["double": ["precision"], "character": ["varying"], "bit": ["varying"],
                                                 "timestamp": ["with", "without"], "time": ["with", "without"]]
        if let next = continuations[first], next.contains(where: { isWord($0) }) {
            if case .word(let word) = current { words.append(word); position += 1 }
            if words.last == "with" || words.last == "without" {
                guard take(word: "time"), take(word: "zone") else { return nil }
                words += ["time", "zone"]
            }
        }
        var text = words.joined(separator: " ")
        if take(symbol: "(") {
            var arguments: [String] = []
            while case .number(let number) = current {
                arguments.append(number)
                position += 1
                if !take(symbol: ",") { break }
            }
            guard take(symbol: ")") else { return nil }
            text += "(" + arguments.joined(separator: ",") + ")"
        }
        while take(symbol: "[") {
            guard take(symbol: "]") else { return nil }
            text += "[]"
        }
        return text
    }

    private mutating func list(until close: String) -> [SQLExpression]? {
        var items: [SQLExpression] = []
        if take(symbol: close) { return items }
        while true {
            guard let item = expression() else { return nil }
            items.append(item)
            if take(symbol: close) { return items }
            guard take(symbol: ",") else { return nil }
        }
    }

    private mutating func primary() -> SQLExpression? {
        guard let token = current else { return nil }
        position += 1
        switch token {
        case .string(let text): return .string(text)
        case .number(let text): return .number(text)
        case .quotedName(let name):
            if take(symbol: "(") { return list(until: ")").map { .function(name.lowercased(), $0) } }
            return qualified(name)
        case .symbol("("):
            guard let inner = expression(), take(symbol: ")") else { return nil }
            return inner
        case .symbol:
            return nil
        case .word(let word):
            switch word {
            case "null": return .null
            case "true": return .boolean(true)
            case "false": return .boolean(false)
            case "array":
                guard take(symbol: "["), let items = list(until: "]") else { return nil }
                return .array(items)
            case "current_timestamp", "current_date", "current_time", "localtimestamp", "current_user":
                return .function(word, [])
            case "interval", "date", "timestamp", "time":
                if case .string(let text) = current { position += 1; return .typed(word, text) }
                return qualified(word)
            case "case", "select", "exists":
                return nil
            default:
                if take(symbol: "(") {
                    if word == "cast" {
                        guard let inner = expression(), take(word: "as"), let type = typeName(), take(symbol: ")") else { return nil }
                        return .cast(inner, type)
                    }
                    return list(until: ")").map { .function(word, $0) }
                }
                return qualified(word)
            }
        }
    }

    /// `name`, or `table.name` (the table is dropped: a catalog expression speaks of one table).
    private mutating func qualified(_ name: String) -> SQLExpression {
        if case .symbol(".") = current, position + 1 < tokens.count {
            switch tokens[position + 1] {
            case .word(let column), .quotedName(let column):
                position += 2
                return .column(column)
            default: break
            }
        }
        return .column(name)
    }
}
