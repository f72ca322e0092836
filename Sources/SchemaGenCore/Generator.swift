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
        case badMigrationName(String)
        case unreadableSnapshot(String)

        public var description: String {
            switch self {
            case .schemasNotFound(let path): return "schemas folder '\(path)' not found (use --schemas)"
            case .noSchemaFiles(let path): return "no schema files (*.yaml, *.yml) in '\(path)'"
            case .badMigrationName(let name):
                return "'\(name)' can't name a migration: use lowercase letters, digits and underscores (add_task_priority)"
            case .unreadableSnapshot(let detail): return "the migration snapshot can't be read: \(detail)"
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
        return Pipeline.render(try resolve(), templates: templates, options: options,
                               history: try MigrationHistory.read(outputDirectory: outputDirectory))
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

    // MARK: Migrations

    public enum MigrationResult: Sendable, Equatable {
        /// The schemas are what the last migration left: nothing written.
        case upToDate
        /// The migration files written (paths inside the output folder), and the findings it
        /// was allowed to carry.
        case written(paths: [String], findings: [Diagnostic])
    }

    /// Compares the schemas with Generated/Migrations/snapshot.json and writes the next
    /// migration of each dialect, the new snapshot, and the regenerated output (which embeds the
    /// migrations). The first run writes migration 1, the whole schema. Throws `DiagnosticsError`
    /// for a bad `renamedFrom`, or for destructive or risky steps unless `allowDestructive`;
    /// then nothing is written.
    @discardableResult
    public func migrate(name rawName: String, allowDestructive: Bool = false) throws -> MigrationResult {
        let name = rawName.lowercased().replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
        guard let first = name.first, first.isLetter || first.isNumber,
              name.allSatisfy({ ($0.isLowercase || $0.isNumber || $0 == "_") && $0.isASCII }) else {
            throw Failure.badMigrationName(rawName)
        }
        let schema = try resolve()
        let history = try MigrationHistory.read(outputDirectory: outputDirectory)
        let old: SchemaSnapshot
        do {
            old = try history.snapshotText.map(SchemaSnapshot.decode) ?? .empty
        } catch {
            throw Failure.unreadableSnapshot("\(outputDirectory)/\(MigrationHistory.snapshotFile): \(error)")
        }
        let snapshotPath = "\(outputDirectory)/\(MigrationHistory.snapshotFile)"
        let plan = try MigrationPlanner.plan(from: old, to: schema, snapshotPath: snapshotPath)
        let snapshot = SchemaSnapshot.of(schema).json()
        if plan.isEmpty && history.snapshotText == snapshot { return .upToDate }
        if !plan.findings.isEmpty && !allowDestructive {
            throw DiagnosticsError(plan.findings.map { finding in
                var refused = finding
                refused.message = "migration refused: " + finding.message
                refused.notes.append(Diagnostic.Note("if that is intended, run `schemagen migrate --name \(name) --allow-destructive`"))
                return refused
            })
        }
        let templates = try templatesDirectory.map { path throws(DiagnosticsError) in try TemplateSet.embedded(overriddenBy: path) }
            ?? TemplateSet.embedded()
        var files = [GeneratedFile(path: MigrationHistory.snapshotFile, contents: snapshot)]
        if !plan.isEmpty {
            let version = history.lastVersion + 1
            files += Renderer.render(MigrationFilePlanner.plan(plan, version: version, name: name), with: templates)
        }
        let root = URL(fileURLWithPath: outputDirectory)
        for file in files {
            let url = root.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents.utf8).write(to: url, options: .atomic)
        }
        try generate()
        return .written(paths: files.map(\.path).filter { $0 != MigrationHistory.snapshotFile }, findings: plan.findings)
    }

    /// Whether the schemas differ from the last migration's snapshot (false when the output
    /// folder has no migrations: the project doesn't use them).
    public func needsMigration() throws -> Bool {
        let history = try MigrationHistory.read(outputDirectory: outputDirectory)
        guard let text = history.snapshotText else { return false }
        return text != SchemaSnapshot.of(try resolve()).json()
    }

    func readSources() throws -> [SchemaSource] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: schemasDirectory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure.schemasNotFound(schemasDirectory)
        }
        let sources = try SchemaLoader.sources(inDirectory: schemasDirectory)
        guard !sources.isEmpty else { throw Failure.noSchemaFiles(schemasDirectory) }
        return sources
    }
}
