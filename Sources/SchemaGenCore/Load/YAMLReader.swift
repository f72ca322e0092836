import Yams

/// Reads Yams nodes into located values, reporting every node of the wrong kind and every
/// unknown key instead of stopping at the first.
struct YAMLReader {
    let file: String
    var diagnostics = DiagnosticCollector()
    /// Dotted paths of fields that could not be read, so Resolve doesn't also call them unknown.
    var brokenFieldPaths: Set<String> = []
    /// How many repeated keys SchemaLoader hid (replaced by private-use characters) after
    /// reporting them; only then are such keys skipped.
    var hiddenKeys = 0

    init(file: String) {
        self.file = file
    }

    func location(of node: Node) -> SourceLocation {
        let mark = node.mark
        return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    /// The keys of a mapping in order, with their value nodes. Reports a node that is not a
    /// mapping, non-string keys, and keys not in `allowed` (with a "did you mean" hint, or for a
    /// key in `misplaced`, the note that says where it belongs, with FIELD in it read as `naming`).
    mutating func mapping(_ node: Node, what: String, allowed: [String]? = nil,
                          misplaced: [String: String] = [:], naming: String = "") -> [(key: Located<String>, value: Node)]? {
        guard case .mapping(let mapping) = node else {
            diagnostics.error("\(what) must be a mapping of keys to values", at: location(of: node))
            return nil
        }
        var pairs: [(key: Located<String>, value: Node)] = []
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                diagnostics.error("keys in \(what) must be plain names", at: location(of: keyNode))
                continue
            }
            // A repeated key hidden by SchemaLoader after reporting it.
            if hiddenKeys > 0, let first = scalar.string.unicodeScalars.first,
               (0xE000..<0xE000 + UInt32(hiddenKeys)).contains(first.value),
               scalar.string.unicodeScalars.dropFirst().allSatisfy({ $0.value == 0xE100 }) { continue }
            let key = Located(scalar.string, at: location(of: keyNode))
            if let allowed, !allowed.contains(key.value) {
                if let note = misplaced[key.value] {
                    diagnostics.error("'\(key.value)' does not apply to \(what)", at: key.location,
                                      notes: [Diagnostic.Note(naming.isEmpty ? note : note.replacingBytes("FIELD", with: naming))])
                    continue
                }
                let hint = Suggestions.didYouMean(key.value, in: allowed)
                let expected = Diagnostic.Note("expected one of: \(allowed.joined(separator: ", "))")
                diagnostics.error("unknown key '\(key.value)' in \(what)", at: key.location, notes: [hint ?? expected])
                continue
            }
            pairs.append((key, valueNode))
        }
        return pairs
    }

    mutating func sequence(_ node: Node, what: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            diagnostics.error("\(what) must be a list", at: location(of: node))
            return nil
        }
        return Array(sequence)
    }

    mutating func string(_ node: Node, what: String) -> Located<String>? {
        guard case .scalar(let scalar) = node else {
            diagnostics.error("\(what) must be a single value, not a list or mapping", at: location(of: node))
            return nil
        }
        return Located(scalar.string, at: location(of: node))
    }

    mutating func bool(_ node: Node, what: String) -> Located<Bool>? {
        guard let text = string(node, what: what) else { return nil }
        switch text.value {
        case "true": return Located(true, at: text.location)
        case "false": return Located(false, at: text.location)
        default:
            diagnostics.error("\(what) must be true or false, not '\(text.value)'", at: text.location)
            return nil
        }
    }

    mutating func integer(_ node: Node, what: String) -> Located<Int>? {
        guard let text = string(node, what: what) else { return nil }
        guard let value = Int(text.value) else {
            diagnostics.error("\(what) must be a whole number, not '\(text.value)'", at: text.location)
            return nil
        }
        return Located(value, at: text.location)
    }

    mutating func number(_ node: Node, what: String) -> Located<Double>? {
        guard let text = string(node, what: what) else { return nil }
        guard let value = Double(text.value), value.isFinite else {
            diagnostics.error("\(what) must be a number, not '\(text.value)'", at: text.location)
            return nil
        }
        return Located(value, at: text.location)
    }

    /// A value whose meaning depends on context, kept as written.
    func value(_ node: Node) -> SyntaxValue {
        switch node {
        case .scalar(let scalar):
            return .scalar(scalar.string, isPlain: scalar.style == .plain, location(of: node))
        case .sequence(let sequence):
            return .sequence(sequence.map { value($0) }, location(of: node))
        case .mapping(let mapping):
            let pairs = mapping.map { pair in
                (key: Located(pair.key.string ?? "", at: location(of: pair.key)), value: value(pair.value))
            }
            return .mapping(pairs, location(of: node))
        case .alias:
            return .scalar("", isPlain: true, location(of: node))
        }
    }
}
