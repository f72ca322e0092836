import Foundation

/// What the command-line tool and the command plugin do, from folders on disk.
public struct Generator: Sendable {
    public var schemasDirectory: String
    public var outputDirectory: String
    /// A folder of templates overriding the built-in ones, if any.
    public var templatesDirectory: String?
    public var options: GenerationOptions

    public init(schemasDirectory: String = "schemas", outputDirectory: String = "Generated", templatesDirectory: String? = nil,
                options: GenerationOptions = GenerationOptions()) {
        self.schemasDirectory = schemasDirectory
        self.outputDirectory = outputDirectory
        self.templatesDirectory = templatesDirectory
        self.options = options
    }

    public enum Failure: Error, CustomStringConvertible {
        case schemasNotFound(String)
        case noSchemaFiles(String)

        public var description: String {
            switch self {
            case .schemasNotFound(let path): return "schemas folder '\(path)' not found (use --schemas)"
            case .noSchemaFiles(let path): return "no schema files (*.yaml, *.yml) in '\(path)'"
            }
        }
    }

    /// The checked schema. Throws `DiagnosticsError` with every problem.
    public func resolve() throws -> Schema {
        try Pipeline.resolve(try readSources())
    }

    /// Every output file, in memory.
    public func render() throws -> [GeneratedFile] {
        let templates = try templatesDirectory.map { path throws(DiagnosticsError) in try TemplateSet.embedded(overriddenBy: path) }
            ?? TemplateSet.embedded()
        return Pipeline.render(try resolve(), templates: templates, options: options)
    }

    /// Generates and writes; on any error before writing, the output folder is untouched.
    @discardableResult
    public func generate() throws -> OutputDiff {
        try OutputWriter.write(try render(), to: outputDirectory)
    }

    /// Writes only the fixtures, into `Fixtures/` of the output folder (the rest is untouched).
    @discardableResult
    public func generateFixtures() throws -> OutputDiff {
        var fixturesOnly = self
        fixturesOnly.options.outputs = [.fixtures]
        let files = try fixturesOnly.render().map { file in
            GeneratedFile(path: String(file.path.dropFirst("Fixtures/".count)), contents: file.contents)
        }
        return try OutputWriter.write(files, to: outputDirectory + "/Fixtures")
    }

    /// How the output folder differs from what would be generated; writes nothing.
    public func check() throws -> (diff: OutputDiff, files: [GeneratedFile]) {
        let files = try render()
        return (try OutputWriter.diff(files, against: outputDirectory), files)
    }

    private func readSources() throws -> [SchemaSource] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: schemasDirectory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure.schemasNotFound(schemasDirectory)
        }
        let sources = try SchemaLoader.sources(inDirectory: schemasDirectory)
        guard !sources.isEmpty else { throw Failure.noSchemaFiles(schemasDirectory) }
        return sources
    }
}
