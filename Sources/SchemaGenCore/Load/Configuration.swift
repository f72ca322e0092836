import Foundation
import Yams

/// `schemagen.yaml`: where the schemas are, where output goes, and what to generate. Paths are
/// relative to the file. Command-line flags override it.
public struct Configuration: Sendable, Equatable {
    public var schemas: String?
    public var output: String?
    public var templates: String?
    /// The migration history's folder (default: `<output>/Migrations`). A target that uses the
    /// build plugin keeps it beside its schemagen.yaml, since the plugin's output folder is
    /// rebuilt.
    public var migrations: String?
    public var options = GenerationOptions()

    public init() {}

    static let keys = ["schemas", "output", "templates", "migrations", "outputs", "layout", "accessModifier", "runtimeModule", "fixtures"]
    static let fixturesKeys = ["seed", "rows", "counts"]

    /// Reads a configuration file; every problem is reported with its line and column.
    public static func load(path: String) throws -> Configuration {
        switch SchemaFileReader.readFile(path) {
        case .success(let source): return try parse(source.contents, path: path)
        case .failure(let diagnostic): throw DiagnosticsError([diagnostic])
        }
    }

    public static func parse(_ text: String, path: String) throws(DiagnosticsError) -> Configuration {
        var reader = YAMLReader(file: path)
        if let problem = YAMLPreflight.check(text, path: path) { throw DiagnosticsError([problem]) }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text, SchemaLoader.scalarsAsWritten) else { return Configuration() }
            root = node
        } catch let error as YamlError {
            throw DiagnosticsError([SchemaLoader.diagnostic(for: error, in: SchemaSource(path: path, contents: text))])
        } catch {
            throw DiagnosticsError([Diagnostic(.error, "could not read YAML: \(error)", at: SourceLocation(file: path, line: 1, column: 1))])
        }
        let directory = (path as NSString).deletingLastPathComponent
        func resolved(_ value: String) -> String {
            value.hasPrefix("/") || directory.isEmpty ? value : directory + "/" + value
        }
        var configuration = Configuration()
        for pair in reader.mapping(root, what: "the configuration", allowed: keys) ?? [] {
            let what = "'\(pair.key.value)'"
            switch pair.key.value {
            case "schemas": configuration.schemas = reader.string(pair.value, what: what).map { resolved($0.value) }
            case "output": configuration.output = reader.string(pair.value, what: what).map { resolved($0.value) }
            case "templates": configuration.templates = reader.string(pair.value, what: what).map { resolved($0.value) }
            case "migrations": configuration.migrations = reader.string(pair.value, what: what).map { resolved($0.value) }
            case "runtimeModule":
                if let module = reader.string(pair.value, what: what) {
                    if Naming.isValidIdentifier(module.value) {
                        configuration.options.runtimeModule = module.value
                    } else {
                        reader.diagnostics.error("'runtimeModule' must be a module name, not '\(module.value)'", at: module.location)
                    }
                }
            case "outputs":
                guard let items = reader.sequence(pair.value, what: what) else { continue }
                var outputs: Set<GenerationOptions.Output> = []
                for item in items {
                    guard let name = reader.string(item, what: "an output") else { continue }
                    guard let output = GenerationOptions.Output(rawValue: name.value) else {
                        reader.diagnostics.error("unknown output '\(name.value)'", at: name.location,
                                                 notes: [Diagnostic.Note("expected: \(GenerationOptions.Output.allCases.map(\.rawValue).joined(separator: ", "))")])
                        continue
                    }
                    outputs.insert(output)
                }
                configuration.options.outputs = outputs
            case "fixtures":
                readFixtures(pair.value, into: &configuration.options.fixtures, reader: &reader)
            case "layout":
                guard let name = reader.string(pair.value, what: what) else { continue }
                guard let layout = GenerationOptions.Layout(rawValue: name.value) else {
                    reader.diagnostics.error("unknown layout '\(name.value)'", at: name.location,
                                             notes: [Diagnostic.Note("expected: perType or perSchemaFile")])
                    continue
                }
                configuration.options.layout = layout
            default:  // accessModifier
                guard let name = reader.string(pair.value, what: what) else { continue }
                guard let modifier = GenerationOptions.AccessModifier(rawValue: name.value) else {
                    reader.diagnostics.error("unknown access modifier '\(name.value)'", at: name.location,
                                             notes: [Diagnostic.Note("expected: public, package or internal")])
                    continue
                }
                configuration.options.accessModifier = modifier
            }
        }
        try reader.diagnostics.throwIfErrors()
        return configuration
    }

    /// `fixtures: { seed: 7, rows: 10, counts: { media: 20 } }`
    private static func readFixtures(_ node: Node, into options: inout FixtureOptions, reader: inout YAMLReader) {
        for pair in reader.mapping(node, what: "'fixtures'", allowed: fixturesKeys) ?? [] {
            switch pair.key.value {
            case "seed":
                guard let seed = reader.integer(pair.value, what: "'seed'") else { continue }
                guard seed.value >= 0 else {
                    reader.diagnostics.error("'seed' must be 0 or more, not \(seed.value)", at: seed.location)
                    continue
                }
                options.seed = UInt64(seed.value)
            case "rows":
                guard let rows = reader.integer(pair.value, what: "'rows'") else { continue }
                guard rows.value >= 1 else {
                    reader.diagnostics.error("'rows' must be 1 or more, not \(rows.value)", at: rows.location)
                    continue
                }
                options.rows = rows.value
            default:  // counts
                for count in reader.mapping(pair.value, what: "'counts'") ?? [] {
                    guard let rows = reader.integer(count.value, what: "the row count of '\(count.key.value)'") else { continue }
                    guard rows.value >= 1 else {
                        reader.diagnostics.error("the row count of '\(count.key.value)' must be 1 or more, not \(rows.value)",
                                                 at: rows.location)
                        continue
                    }
                    options.rowsPerCollection[count.key.value] = rows.value
                }
            }
        }
    }
}
