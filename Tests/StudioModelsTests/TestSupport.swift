import Foundation
import SchemaRuntime
import StudioModels
import Testing

// MARK: - JSON

/// Encodes with `JSONCoding.makeEncoder()` and decodes the bytes back with `JSONCoding.makeDecoder()`.
func jsonRoundTrip<T: Codable>(_ value: T) throws -> (data: Data, decoded: T) {
    let data = try JSONCoding.makeEncoder().encode(value)
    return (data, try JSONCoding.makeDecoder().decode(T.self, from: data))
}

/// Asserts that `value` survives a JSON round trip unchanged, and that encoding the decoded value
/// again gives the same bytes.
func expectJSONRoundTrip<T: Codable & Equatable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let (data, decoded) = try jsonRoundTrip(value)
    #expect(decoded == value, sourceLocation: sourceLocation)
    let again = try JSONCoding.makeEncoder().encode(decoded)
    #expect(String(decoding: again, as: UTF8.self) == String(decoding: data, as: UTF8.self), sourceLocation: sourceLocation)
}

/// The JSON encoding of `value` as a dictionary.
func jsonObject<T: Encodable>(_ value: T) throws -> [String: Any] {
    let data = try JSONCoding.makeEncoder().encode(value)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

func jsonText<T: Encodable>(_ value: T) throws -> String {
    String(decoding: try JSONCoding.makeEncoder().encode(value), as: UTF8.self)
}

func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
    try JSONCoding.makeDecoder().decode(T.self, from: Data(json.utf8))
}

// MARK: - Schema files

/// The field paths a schema file declares, read from the YAML by indentation (enough for the
/// schemas in `schemas/`): `title`, `progress.overallProgress`, `script.dialogue.timing` (fields of
/// array elements are named without an index).
struct SchemaFields {
    /// Every declared field, at any depth.
    var paths: Set<String> = []
    /// The fields that have fields of their own: objects, and arrays of objects.
    var objectPaths: Set<String> = []

    init(file: String) throws {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("schemas").appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        let keyLine = try Regex(#"([A-Za-z_][A-Za-z0-9_]*):(.*)"#)

        // The enclosing keys of the current line, and the field path each one declares (if any).
        var stack: [(indent: Int, key: String, field: String?)] = []
        var blockScalarIndent: Int?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let indent = line.prefix(while: { $0 == " " }).count
            let content = line.dropFirst(indent)
            if content.isEmpty || content.hasPrefix("#") { continue }
            if let block = blockScalarIndent {
                if indent > block { continue }
                blockScalarIndent = nil
            }
            guard let match = try keyLine.wholeMatch(in: content),
                  let key = match.output[1].substring.map(String.init),
                  let rest = match.output[2].substring?.trimmingCharacters(in: .whitespaces)
            else { continue }
            while let last = stack.last, last.indent >= indent { stack.removeLast() }

            var field: String?
            if let parent = stack.last, parent.key == "fields" {
                let owner = stack.dropLast().last(where: { $0.field != nil })?.field
                field = owner.map { "\($0).\(key)" } ?? key
                paths.insert(field!)
            }
            if key == "fields", let owner = stack.last(where: { $0.field != nil })?.field {
                objectPaths.insert(owner)
            }
            if rest.hasPrefix("|") || rest.hasPrefix(">") { blockScalarIndent = indent }
            stack.append((indent, key, field))
        }
    }
}

/// The key paths of an encoded record, named like `SchemaFields.paths`. Only schema objects (and
/// arrays of them) are entered, not free-form `json` values.
func jsonKeyPaths(_ object: [String: Any], objectPaths: Set<String>, prefix: String? = nil) -> Set<String> {
    var paths: Set<String> = []
    for (key, value) in object {
        let path = prefix.map { "\($0).\(key)" } ?? key
        paths.insert(path)
        guard objectPaths.contains(path) else { continue }
        if let nested = value as? [String: Any] {
            paths.formUnion(jsonKeyPaths(nested, objectPaths: objectPaths, prefix: path))
        } else if let elements = value as? [Any] {
            for case let element as [String: Any] in elements {
                paths.formUnion(jsonKeyPaths(element, objectPaths: objectPaths, prefix: path))
            }
        }
    }
    return paths
}

/// Arrays of a schema field (not inside `json` values) in an encoded record, with their paths.
func jsonArrays(_ object: [String: Any], objectPaths: Set<String>, prefix: String? = nil) -> [(path: String, elements: [Any])] {
    var arrays: [(path: String, elements: [Any])] = []
    for (key, value) in object {
        let path = prefix.map { "\($0).\(key)" } ?? key
        if let elements = value as? [Any] { arrays.append((path, elements)) }
        guard objectPaths.contains(path) else { continue }
        if let nested = value as? [String: Any] {
            arrays += jsonArrays(nested, objectPaths: objectPaths, prefix: path)
        } else if let elements = value as? [Any] {
            for case let element as [String: Any] in elements {
                arrays += jsonArrays(element, objectPaths: objectPaths, prefix: path)
            }
        }
    }
    return arrays
}

// MARK: - Collections

/// The ten collections, for tests that run over all of them.
enum StudioCollection: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case users, projects, episodes, characters, scenes, media, sessions, tasks, promptTemplates, promptsExecuted

    var testDescription: String { rawValue }

    var schemaFile: String { "\(rawValue).yaml" }

    /// The fully populated sample, encoded.
    func fullJSON() throws -> [String: Any] {
        switch self {
        case .users: try jsonObject(Samples.user())
        case .projects: try jsonObject(Samples.project())
        case .episodes: try jsonObject(Samples.episode())
        case .characters: try jsonObject(Samples.character())
        case .scenes: try jsonObject(Samples.scene())
        case .media: try jsonObject(Samples.media())
        case .sessions: try jsonObject(Samples.session())
        case .tasks: try jsonObject(Samples.task())
        case .promptTemplates: try jsonObject(Samples.template())
        case .promptsExecuted: try jsonObject(Samples.execution())
        }
    }

    /// The minimal sample, encoded.
    func minimalJSON() throws -> [String: Any] {
        switch self {
        case .users: try jsonObject(Samples.minimalUser())
        case .projects: try jsonObject(Samples.minimalProject())
        case .episodes: try jsonObject(Samples.minimalEpisode())
        case .characters: try jsonObject(Samples.minimalCharacter())
        case .scenes: try jsonObject(Samples.minimalScene())
        case .media: try jsonObject(Samples.minimalMedia())
        case .sessions: try jsonObject(Samples.minimalSession())
        case .tasks: try jsonObject(Samples.minimalTask())
        case .promptTemplates: try jsonObject(Samples.minimalTemplate())
        case .promptsExecuted: try jsonObject(Samples.minimalExecution())
        }
    }

    func expectFullRoundTrip(sourceLocation: SourceLocation = #_sourceLocation) throws {
        switch self {
        case .users: try expectJSONRoundTrip(Samples.user(), sourceLocation: sourceLocation)
        case .projects: try expectJSONRoundTrip(Samples.project(), sourceLocation: sourceLocation)
        case .episodes: try expectJSONRoundTrip(Samples.episode(), sourceLocation: sourceLocation)
        case .characters: try expectJSONRoundTrip(Samples.character(), sourceLocation: sourceLocation)
        case .scenes: try expectJSONRoundTrip(Samples.scene(), sourceLocation: sourceLocation)
        case .media: try expectJSONRoundTrip(Samples.media(), sourceLocation: sourceLocation)
        case .sessions: try expectJSONRoundTrip(Samples.session(), sourceLocation: sourceLocation)
        case .tasks: try expectJSONRoundTrip(Samples.task(), sourceLocation: sourceLocation)
        case .promptTemplates: try expectJSONRoundTrip(Samples.template(), sourceLocation: sourceLocation)
        case .promptsExecuted: try expectJSONRoundTrip(Samples.execution(), sourceLocation: sourceLocation)
        }
    }

    func expectMinimalRoundTrip(sourceLocation: SourceLocation = #_sourceLocation) throws {
        switch self {
        case .users: try expectJSONRoundTrip(Samples.minimalUser(), sourceLocation: sourceLocation)
        case .projects: try expectJSONRoundTrip(Samples.minimalProject(), sourceLocation: sourceLocation)
        case .episodes: try expectJSONRoundTrip(Samples.minimalEpisode(), sourceLocation: sourceLocation)
        case .characters: try expectJSONRoundTrip(Samples.minimalCharacter(), sourceLocation: sourceLocation)
        case .scenes: try expectJSONRoundTrip(Samples.minimalScene(), sourceLocation: sourceLocation)
        case .media: try expectJSONRoundTrip(Samples.minimalMedia(), sourceLocation: sourceLocation)
        case .sessions: try expectJSONRoundTrip(Samples.minimalSession(), sourceLocation: sourceLocation)
        case .tasks: try expectJSONRoundTrip(Samples.minimalTask(), sourceLocation: sourceLocation)
        case .promptTemplates: try expectJSONRoundTrip(Samples.minimalTemplate(), sourceLocation: sourceLocation)
        case .promptsExecuted: try expectJSONRoundTrip(Samples.minimalExecution(), sourceLocation: sourceLocation)
        }
    }

    /// The validation issues of the full and the minimal sample.
    func sampleIssues() -> (full: [ValidationIssue], minimal: [ValidationIssue]) {
        switch self {
        case .users: (Samples.user().validationIssues(), Samples.minimalUser().validationIssues())
        case .projects: (Samples.project().validationIssues(), Samples.minimalProject().validationIssues())
        case .episodes: (Samples.episode().validationIssues(), Samples.minimalEpisode().validationIssues())
        case .characters: (Samples.character().validationIssues(), Samples.minimalCharacter().validationIssues())
        case .scenes: (Samples.scene().validationIssues(), Samples.minimalScene().validationIssues())
        case .media: (Samples.media().validationIssues(), Samples.minimalMedia().validationIssues())
        case .sessions: (Samples.session().validationIssues(), Samples.minimalSession().validationIssues())
        case .tasks: (Samples.task().validationIssues(), Samples.minimalTask().validationIssues())
        case .promptTemplates: (Samples.template().validationIssues(), Samples.minimalTemplate().validationIssues())
        case .promptsExecuted: (Samples.execution().validationIssues(), Samples.minimalExecution().validationIssues())
        }
    }
}

// MARK: - Validation

/// A validation issue in comparable, printable form.
struct Reported: Hashable, CustomStringConvertible {
    var path: String
    var rule: ValidationIssue.Rule
    var message: String

    init(_ path: String, _ rule: ValidationIssue.Rule, _ message: String) {
        self.path = path
        self.rule = rule
        self.message = message
    }

    init(_ issue: ValidationIssue) {
        self.init(issue.path.description, issue.rule, issue.message)
    }

    var description: String { "\(path) [\(rule.rawValue)]: \(message)" }
}

/// The issues `value` reports, in order.
func reported<T: Validatable>(_ value: T) -> [Reported] {
    value.validationIssues().map(Reported.init)
}

/// `count` characters.
func text(_ count: Int, _ character: Character = "x") -> String {
    String(repeating: character, count: count)
}
