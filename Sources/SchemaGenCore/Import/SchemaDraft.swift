// A schema file as the import writes it: keys in the order a person would write them, as YAML
// text. Kept apart from the mapping so that the mapping decides and this only spells.

/// A YAML value of a schema file.
indirect enum YAMLValue: Equatable {
    /// A number or boolean, written as is.
    case plain(String)
    case string(String)
    case list([YAMLValue])
    case map([(key: String, value: YAMLValue)])
    /// JSON text, which YAML reads as the same flow value (a json default).
    case json(String)

    static func == (a: YAMLValue, b: YAMLValue) -> Bool { a.text == b.text }

    static func number(_ value: Double) -> YAMLValue {
        .plain(value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value))
    }

    /// One line of flow YAML.
    var text: String {
        switch self {
        case .plain(let text), .json(let text): return text
        case .string(let text): return YAMLValue.scalar(text)
        case .list(let items): return "[" + items.map(\.text).joined(separator: ", ") + "]"
        case .map(let pairs):
            return pairs.isEmpty ? "{}" : "{ " + pairs.map { YAMLValue.scalar($0.key) + ": " + $0.value.text }.joined(separator: ", ") + " }"
        }
    }

    private static let reserved: Set<String> = ["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"]

    /// Plain when that is unambiguous in flow context, else double-quoted (JSON escapes are YAML's).
    static func scalar(_ text: String) -> String {
        let plain = text.first.map { $0.isLetter || $0 == "_" } == true
            && text.allSatisfy { ($0.isLetter || $0.isNumber || "_-./ ".contains($0)) && $0.isASCII }
            && !text.hasSuffix(" ") && !text.contains("  ")
            && !reserved.contains(text.lowercased())
        return plain ? text : Escaping.jsonString(text)
    }
}

struct FieldDraft {
    var name: String
    var entries: [(key: String, value: YAMLValue)]
    var column: String?

    mutating func set(_ key: String, _ value: YAMLValue) {
        if let index = entries.firstIndex(where: { $0.key == key }) { entries[index].value = value } else { entries.append((key, value)) }
    }

    func value(_ key: String) -> YAMLValue? { entries.first { $0.key == key }?.value }
}

struct IndexDraft {
    var entries: [(key: String, value: YAMLValue)]
}

struct CollectionDraft {
    var table: String
    var name: String
    /// Set only when the default model name can't be used.
    var model: String?
    var description: String?
    var idStrategy: String?
    var timestamps = true
    var softDelete = false
    /// `idSuffix` when every reference's column is its name with `_id`.
    var referenceColumns: String?
    var fields: [FieldDraft] = []
    var indexes: [IndexDraft] = []
    /// What could not be mapped, and why: comments at the top of the file.
    var notes: [String] = []
    /// What was mapped, for the import's summary (`column → field`).
    var mapped: [String] = []

    /// The schema file's text.
    var yaml: String {
        var lines = ["# Imported by schemagen import from table \(table)."]
        if !notes.isEmpty {
            lines.append("# Not mapped, or mapped with a change:")
            for note in notes { lines += Self.wrap(note, prefix: "#   - ", continuation: "#     ") }
        }
        lines.append("name: \(YAMLValue.scalar(name))")
        if let model { lines.append("model: \(model)") }
        if let description { lines.append("description: \(Escaping.jsonString(description))") }
        if let idStrategy { lines.append("id: \(idStrategy)") }
        if !timestamps { lines.append("timestamps: false") }
        if softDelete { lines.append("softDelete: true") }
        if let referenceColumns { lines.append("referenceColumns: \(referenceColumns)") }
        lines.append(fields.isEmpty ? "fields: {}" : "fields:")
        for field in fields {
            lines.append("  \(YAMLValue.scalar(field.name)): \(YAMLValue.map(field.entries).text)")
        }
        if !indexes.isEmpty {
            lines.append("indexes:")
            for index in indexes {
                var first = true
                for (key, value) in index.entries {
                    lines.append((first ? "  - " : "    ") + "\(key): \(value.text)")
                    first = false
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Comment lines of at most about 100 characters.
    static func wrap(_ text: String, prefix: String, continuation: String) -> [String] {
        var lines: [String] = []
        var line = prefix
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let oneLine = word.replacingOccurrences(of: "\n", with: " ")
            if line.count + oneLine.count + 1 > 100 && line != prefix && line != continuation {
                lines.append(line)
                line = continuation
            }
            line += (line == prefix || line == continuation ? "" : " ") + oneLine
        }
        lines.append(line)
        return lines
    }
}
