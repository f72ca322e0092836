/// The regular expressions a `pattern` may use: the subset that Swift's `Regex` (the generated
/// validators) and PostgreSQL's advanced regular expressions (the `CHECK (col ~ '…')`
/// constraints) both accept and read the same way, and that the fixture generator can sample.
///
/// ```
/// pattern     = branch ('|' branch)*
/// branch      = (anchor | atom quantifier?)*
/// anchor      = '^' | '$'
/// atom        = literal | '.' | escape | class | '(' ('?:')? pattern ')'
/// escape      = '\' (d D w W s S t n r f | one of . \ ^ $ | ? * + ( ) [ ] { } / - ' " # & ~ , : = ! < > @ % _ space)
/// class       = '[' '^'? item+ ']'      item = char | char '-' char | '\' (d w s | escaped punctuation)
/// quantifier  = ('?' | '*' | '+' | '{' n '}' | '{' n ',' '}' | '{' n ',' m '}') '?'?   with n, m ≤ 255 and n ≤ m
/// ```
///
/// Everything else is refused with the construct named: lookarounds, backreferences, named
/// groups, inline flags, atomic groups, possessive quantifiers, `\b` (a word boundary in Swift, a
/// backspace in PostgreSQL), `\X`, `\x{41}`, `\u`, `\N{…}`, `\p{…}`, POSIX classes `[[:alpha:]]`,
/// class set operations (`&&`, `--`, `~~`), and literal control characters.
struct PatternSubset {
    struct Problem: Error, Equatable, Sendable {
        var message: String
        var hint: String
        /// 0-based offset in Unicode scalars of where the problem starts.
        var offset: Int
    }

    /// Nil when the pattern is in the subset; else its first problem.
    static func check(_ pattern: String) -> Problem? {
        var parser = PatternSubset(Array(pattern.unicodeScalars))
        do throws(Problem) {
            let minimum = try parser.alternatives()
            if parser.position < parser.scalars.count {
                // Only an unbalanced `)` stops a top-level pattern early.
                throw parser.problem("an unmatched ')'", "escape it as \\) to match a parenthesis")
            }
            if minimum > EngineLimits.maxPatternSampleLength {
                return Problem(message: "the shortest string it matches has more than \(EngineLimits.maxPatternSampleLength) characters",
                               hint: "nested quantifiers multiply: lower their bounds", offset: 0)
            }
            return nil
        } catch {
            return error
        }
    }

    private let scalars: [Unicode.Scalar]
    private var position = 0
    /// The largest product of counted bounds (`{n,m}` counts m) along a chain of nested
    /// quantifiers in the group being parsed, and that of the last atom parsed.
    private var nestedRepeat = 1
    private var lastAtomRepeat = 1
    /// The counted bound of the last quantifier parsed (1 for `?`, `*`, `+` and none).
    private var lastFactor = 1
    /// Whether the last quantifier parsed may repeat its atom more than once.
    private var lastRepeats = false

    private init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

    private var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }
    private func peek(_ offset: Int) -> Unicode.Scalar? {
        position + offset < scalars.count ? scalars[position + offset] : nil
    }

    private func problem(_ what: String, _ hint: String, at offset: Int? = nil) -> Problem {
        Problem(message: "\(what) is not supported", hint: hint, offset: offset ?? position)
    }

    /// Each parse function returns the length of the shortest string its part matches (capped),
    /// which bounds what a nested quantifier asks of the fixture generator.
    private mutating func alternatives() throws(Problem) -> Int {
        var shortest = try branch()
        while current == "|" {
            position += 1
            shortest = min(shortest, try branch())
        }
        return shortest
    }

    private mutating func branch() throws(Problem) -> Int {
        var total = 0
        while let scalar = current, scalar != "|", scalar != ")" {
            if scalar == "^" || scalar == "$" {
                position += 1
                continue
            }
            let start = position
            let isGroup = scalar == "("
            let atomLength = try atom()
            let times = try quantifier(after: start)
            if isGroup, atomLength == 0, lastRepeats {
                // `(a*)*`, `((a{0,9}){0,9}){0,9}`: every way of splitting a value between the
                // repetitions is tried, which ICU does in exponential time.
                throw Problem(message: "a repeated group that can match the empty string",
                              hint: "make the group match at least one character, e.g. (a+)* → a*", offset: start)
            }
            let repeats = lastAtomRepeat * lastFactor
            if repeats > EngineLimits.maxPatternNestedRepeat {
                throw Problem(message: "nested quantifiers repeat up to \(repeats) times",
                              hint: "the bounds of nested quantifiers multiply (the limit is \(EngineLimits.maxPatternNestedRepeat)): lower them, or use 'maxLength'",
                              offset: start)
            }
            nestedRepeat = max(nestedRepeat, repeats)
            total = Self.capped(total + Self.capped(atomLength * times))
        }
        return total
    }

    private static func capped(_ value: Int) -> Int { min(value, EngineLimits.maxPatternSampleLength + 1) }

    private mutating func atom() throws(Problem) -> Int {
        lastAtomRepeat = 1
        guard let scalar = current else { return 0 }
        let start = position
        position += 1
        switch scalar {
        case "(":
            if current == "?" {
                guard peek(1) == ":" else { throw groupProblem(at: start) }
                position += 2
            }
            let outer = nestedRepeat
            nestedRepeat = 1
            let inner = try alternatives()
            guard current == ")" else {
                throw Problem(message: "the group opened here is not closed", hint: "add ')'", offset: start)
            }
            position += 1
            lastAtomRepeat = nestedRepeat
            nestedRepeat = outer
            return inner
        case "[":
            try characterClass(start: start)
            return 1
        case ".":
            return 1
        case "\\":
            try escape(inClass: false)
            return 1
        case "*", "+", "?":
            throw problem("a quantifier with nothing to repeat ('\(scalar)')", "escape it as \\\(scalar) to match it", at: start)
        case "{":
            throw problem("a '{' that is not a quantifier", "escape it as \\{ to match a brace", at: start)
        case "]", "}":
            throw problem("an unescaped '\(scalar)'", "escape it as \\\(scalar) to match it", at: start)
        default:
            try literal(scalar, at: start)
            return 1
        }
    }

    private func literal(_ scalar: Unicode.Scalar, at offset: Int) throws(Problem) {
        guard DiagnosticText.isVisible(scalar) || scalar == " " else {
            throw problem("the invisible character \(DiagnosticText.codePoint(scalar))",
                          "remove it; match whitespace with \\s", at: offset)
        }
    }

    private func groupProblem(at start: Int) -> Problem {
        let next = peek(1), after = peek(2)
        switch (next, after) {
        case ("=", _): return problem("a lookahead '(?='", "lookarounds differ between Swift and PostgreSQL; describe the value without them", at: start)
        case ("!", _): return problem("a negative lookahead '(?!'", "lookarounds differ between Swift and PostgreSQL; describe the value without them", at: start)
        case ("<", "="), ("<", "!"): return problem("a lookbehind '(?<\(after!)'", "lookarounds differ between Swift and PostgreSQL; describe the value without them", at: start)
        case ("<", _), ("P", _), ("'", _): return problem("a named group", "use a plain group (…) or (?:…)", at: start)
        case (">", _): return problem("an atomic group '(?>'", "use (?:…)", at: start)
        case ("#", _): return problem("a comment group '(?#'", "remove the comment", at: start)
        default: return problem("an inline option or special group '(?'", "write the pattern without inline flags such as (?i) or (?m): spell out both cases, e.g. [Aa]", at: start)
        }
    }

    private static let punctuation: Set<Unicode.Scalar> = Set(".\\^$|?*+()[]{}/-'\"#&~,:=!<>@%_ ".unicodeScalars)

    private mutating func escape(inClass: Bool) throws(Problem) {
        let start = position - 1
        guard let scalar = current else {
            throw problem("a '\\' at the end of the pattern", "write \\\\ to match a backslash", at: start)
        }
        position += 1
        switch scalar {
        case "d", "w", "s":
            return
        case "D", "W", "S":
            if inClass {
                throw problem("'\\\(scalar)' inside brackets", "PostgreSQL refuses it there: use [^…] or move it out of the brackets", at: start)
            }
            return
        case "t", "n", "r", "f":
            return
        case "v", "h", "R":
            throw problem("'\\\(scalar)'", "it is a class of whitespace in Swift but not in PostgreSQL; use \\s or the character", at: start)
        case "b", "B":
            throw problem("'\\\(scalar)'", "it is a word boundary in Swift but a backspace in PostgreSQL; describe the value without it", at: start)
        case "x", "u", "U":
            throw problem("the code point escape '\\\(scalar)'", "write the character itself", at: start)
        case "N":
            throw problem("the named character escape '\\N'", "write the character itself", at: start)
        case "p", "P":
            throw problem("the Unicode property '\\\(scalar)'", "use a class such as [A-Za-z] or \\w", at: start)
        case "X":
            throw problem("the grapheme cluster escape '\\X'", "use '.' or a class", at: start)
        case "k", "g":
            throw problem("a backreference '\\\(scalar)'", "backreferences differ between the engines; describe the value without them", at: start)
        case "1"..."9":
            throw problem("a backreference '\\\(scalar)'", "backreferences differ between the engines; describe the value without them", at: start)
        case "0":
            throw problem("the octal escape '\\0'", "write the character itself", at: start)
        case "A", "Z", "z", "G":
            throw problem("the anchor '\\\(scalar)'", "use ^ and $", at: start)
        case "Q", "E":
            throw problem("the quoting escape '\\\(scalar)'", "escape each special character with \\", at: start)
        default:
            if Self.punctuation.contains(scalar) { return }
            throw problem("the escape '\\\(DiagnosticText.escaped(String(scalar)))'",
                          "escape only punctuation; supported escapes are \\d \\w \\s \\D \\W \\S \\t \\n \\r", at: start)
        }
    }

    private mutating func characterClass(start: Int) throws(Problem) {
        if current == "^" { position += 1 }
        var count = 0
        while let scalar = current, scalar != "]" {
            let itemStart = position
            position += 1
            var single: Unicode.Scalar?
            switch scalar {
            case "[":
                throw problem("a '[' inside brackets (POSIX classes such as [:alpha:] and nested classes)",
                              "escape it as \\[, or list the characters, e.g. [A-Za-z]", at: itemStart)
            case "\\":
                let escaped = current
                try escape(inClass: true)
                if let escaped, Self.punctuation.contains(escaped) { single = escaped }
            case "&", "-", "~":
                if current == scalar, count > 0 || scalar != "-" {
                    throw problem("'\(scalar)\(scalar)' inside brackets", "Swift reads it as a set operation: escape it as \\\(scalar)", at: itemStart)
                }
                single = scalar
            default:
                try literal(scalar, at: itemStart)
                single = scalar
            }
            // A range: `a-z`, with a plain or escaped punctuation character at each end.
            if let low = single, current == "-", let next = peek(1), next != "]" {
                let dash = position
                position += 1
                var high = next
                position += 1
                if next == "\\" {
                    guard let escaped = current, Self.punctuation.contains(escaped) else {
                        throw problem("a range ending in an escape", "end a range with a character", at: dash)
                    }
                    high = escaped
                    position += 1
                } else if next == "[" {
                    throw problem("a '[' inside brackets", "escape it as \\[", at: dash + 1)
                } else {
                    try literal(next, at: dash + 1)
                }
                guard low.value <= high.value else {
                    throw Problem(message: "the range '\(DiagnosticText.escaped(String(low)))-\(DiagnosticText.escaped(String(high)))' is out of order",
                                  hint: "write the lower character first", offset: itemStart)
                }
            }
            count += 1
        }
        guard current == "]" else {
            throw Problem(message: "the brackets opened here are not closed", hint: "add ']', or escape '[' as \\[", offset: start)
        }
        guard count > 0 else {
            throw problem("an empty class '[]'", "list at least one character; write \\] to match a bracket", at: start)
        }
        position += 1
    }

    /// How many times the atom must repeat at least (1 without a quantifier).
    private mutating func quantifier(after atomStart: Int) throws(Problem) -> Int {
        let start = position
        var minimum = 1
        lastFactor = 1
        lastRepeats = false
        switch current {
        case "?": position += 1; minimum = 0
        case "*": position += 1; minimum = 0; lastRepeats = true
        case "+": position += 1; minimum = 1; lastRepeats = true
        case "{":
            position += 1
            guard let low = number() else {
                throw problem("a '{' that is not a quantifier", "write {n}, {n,} or {n,m}, or escape it as \\{", at: start)
            }
            var high = low
            if current == "," {
                position += 1
                high = number() ?? Int.max
            }
            guard current == "}" else {
                throw problem("a '{' that is not a quantifier", "write {n}, {n,} or {n,m}, or escape it as \\{", at: start)
            }
            position += 1
            let largest = high == Int.max ? low : high
            if largest > EngineLimits.maxPatternRepeat {
                throw Problem(message: "the bound \(largest) is larger than \(EngineLimits.maxPatternRepeat), the largest PostgreSQL accepts",
                              hint: "use a smaller bound, or 'maxLength' for the length of the whole value", offset: start)
            }
            guard low <= high else {
                throw Problem(message: "the quantifier {\(low),\(high)} has its bounds out of order", hint: "write the smaller bound first", offset: start)
            }
            minimum = low
            lastFactor = max(1, largest)
            lastRepeats = high > 1
        default:
            return 1
        }
        switch current {
        case "?": position += 1  // lazy: the same strings match
        case "+": throw problem("a possessive quantifier", "remove the '+' after the quantifier", at: position)
        case "*", "{": throw problem("a quantifier of a quantifier", "group the repeated part: (…)+", at: position)
        default: break
        }
        return minimum
    }

    private mutating func number() -> Int? {
        var value = 0
        var digits = 0
        while let scalar = current, ("0"..."9").contains(scalar) {
            value = min(value * 10 + Int(scalar.value - 48), 1_000_000)
            digits += 1
            position += 1
        }
        return digits == 0 ? nil : value
    }
}
