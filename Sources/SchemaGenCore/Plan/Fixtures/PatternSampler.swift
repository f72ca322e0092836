/// Writes a string that a field's `pattern` matches, for the common subset of regular expressions
/// schemas use: literals, escapes (`\d`, `\w`, `\s`, `\.`), classes (`[a-z0-9.+-]`, `[^…]`), `.`,
/// groups with alternatives, and the quantifiers `? * + {n} {n,} {n,m}`. Anything else gives
/// nil, and the caller falls back to other candidates; every candidate is checked against the
/// generated validator's own pattern test before it is used.
struct PatternSampler {
    private indirect enum Node {
        case characters([Character])
        case sequence([Node])
        case alternatives([Node])
        case repeated(Node, min: Int, max: Int)
    }

    private let pattern: [Character]
    private var position = 0

    static func sample(_ pattern: String, random: inout SeededRandom) -> String? {
        var parser = PatternSampler(pattern: Array(pattern))
        guard let node = parser.parseAlternatives(), parser.position == parser.pattern.count else { return nil }
        var output = ""
        var budget = EngineLimits.maxPatternSampleLength
        // Resolve refuses patterns whose shortest match is longer; a longer sample is given up.
        guard generate(node, into: &output, budget: &budget, random: &random) else { return nil }
        return output
    }

    private init(pattern: [Character]) { self.pattern = pattern }

    private static let printable: [Character] = (0x21...0x7e).map { Character(UnicodeScalar(UInt8($0))) }
    private static let digits: [Character] = Array("0123456789")
    private static let wordCharacters: [Character] = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")

    /// Appends a sample of `node`; false once more than `budget` characters would be written.
    private static func generate(_ node: Node, into output: inout String, budget: inout Int, random: inout SeededRandom) -> Bool {
        switch node {
        case .characters(let choices):
            budget -= 1
            guard budget >= 0 else { return false }
            output.append(random.pick(choices))
        case .sequence(let nodes):
            for node in nodes where !generate(node, into: &output, budget: &budget, random: &random) { return false }
        case .alternatives(let nodes):
            return generate(random.pick(nodes), into: &output, budget: &budget, random: &random)
        case .repeated(let inner, let min, let max):
            for _ in 0..<random.int(in: min...max) where !generate(inner, into: &output, budget: &budget, random: &random) {
                return false
            }
        }
        return true
    }

    private var current: Character? { position < pattern.count ? pattern[position] : nil }

    private mutating func parseAlternatives() -> Node? {
        var branches: [Node] = []
        while true {
            guard let branch = parseSequence() else { return nil }
            branches.append(branch)
            guard current == "|" else { break }
            position += 1
        }
        return branches.count == 1 ? branches[0] : .alternatives(branches)
    }

    private mutating func parseSequence() -> Node? {
        var nodes: [Node] = []
        while let character = current, character != "|", character != ")" {
            if character == "^" || character == "$" {  // anchors: the sample is the whole string
                position += 1
                continue
            }
            guard let atom = parseAtom(), let quantified = parseQuantifier(atom) else { return nil }
            nodes.append(quantified)
        }
        return .sequence(nodes)
    }

    private mutating func parseAtom() -> Node? {
        guard let character = current else { return nil }
        position += 1
        switch character {
        case "(":
            if current == "?" {  // (?:…) only
                guard position + 1 < pattern.count, pattern[position + 1] == ":" else { return nil }
                position += 2
            }
            guard let inner = parseAlternatives(), current == ")" else { return nil }
            position += 1
            return inner
        case "[": return parseClass()
        case ".": return .characters(Self.wordCharacters)
        case "\\": return parseEscape().map(Node.characters)
        case "*", "+", "?", "{", ")", "]": return nil
        default: return .characters([character])
        }
    }

    private mutating func parseEscape() -> [Character]? {
        guard let character = current else { return nil }
        position += 1
        switch character {
        case "d": return Self.digits
        case "w": return Self.wordCharacters
        case "s": return [" "]
        case "D", "W", "S", "b", "B", "p", "P": return nil
        default: return character.isLetter || character.isNumber ? nil : [character]
        }
    }

    private mutating func parseClass() -> Node? {
        let negated = current == "^"
        if negated { position += 1 }
        var members: [Character] = []
        var first = true
        while let character = current, character != "]" || first {
            first = false
            position += 1
            var low: [Character]
            if character == "\\" {
                guard let escaped = parseEscape() else { return nil }
                low = escaped
            } else {
                low = [character]
            }
            if low.count == 1, current == "-", position + 1 < pattern.count, pattern[position + 1] != "]" {
                position += 1
                var high = pattern[position]
                position += 1
                if high == "\\" {
                    guard let escaped = parseEscape(), escaped.count == 1 else { return nil }
                    high = escaped[0]
                }
                guard let from = low[0].unicodeScalars.first?.value, let to = high.unicodeScalars.first?.value, from <= to else { return nil }
                low = (from...to).compactMap { UnicodeScalar($0).map(Character.init) }
            }
            members += low
        }
        guard current == "]" else { return nil }
        position += 1
        if negated { members = Self.printable.filter { !members.contains($0) } }
        return members.isEmpty ? nil : .characters(members)
    }

    private mutating func parseQuantifier(_ atom: Node) -> Node? {
        switch current {
        case "?": position += 1; return .repeated(atom, min: 0, max: 1)
        case "*": position += 1; return .repeated(atom, min: 0, max: 3)
        case "+": position += 1; return .repeated(atom, min: 1, max: 4)
        case "{":
            position += 1
            guard let low = parseNumber() else { return nil }
            var high = low
            if current == "," {
                position += 1
                high = parseNumber() ?? low + 3
            }
            guard current == "}", low <= high else { return nil }
            position += 1
            return .repeated(atom, min: low, max: high)
        default: return atom
        }
    }

    private mutating func parseNumber() -> Int? {
        var digits = ""
        while let character = current, character.isASCII, character.isNumber {
            digits.append(character)
            position += 1
        }
        return Int(digits)
    }
}
