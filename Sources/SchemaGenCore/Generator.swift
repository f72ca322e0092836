import Foundation

/// What the command-line tool and the command plugin do, from folders on disk.
public struct Generator: Sendable {
    public var schemasDirectory: String
    public var outputDirectory: String
    /// A folder of templates overriding the built-in ones, if any.
    public var templatesDirectory: String?
    /// The migration history's folder; nil: `<outputDirectory>/Migrations`.
    public var migrationsDirectory: String?
    public var options: GenerationOptions

    /// Where the migration history is.
    public var historyFolder: String { migrationsDirectory ?? outputDirectory + "/" + MigrationHistory.folder }

    public init(schemasDirectory: String = "schemas", outputDirectory: String = "Generated", templatesDirectory: String? = nil,
                migrationsDirectory: String? = nil, options: GenerationOptions = GenerationOptions()) {
        self.migrationsDirectory = migrationsDirectory
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
        case emptyWithSchemaChanges(String)
        case unknownFindings([String], known: [String])
        case noMigrations(String)

        public var description: String {
            switch self {
            case .schemasNotFound(let path): return "schemas folder '\(path)' not found (use --schemas)"
            case .noSchemaFiles(let path): return "no schema files (*.yaml, *.yml) in '\(path)'"
            case .badMigrationName(let name):
                return "'\(name)' can't name a migration: use lowercase letters, digits and underscores (add_task_priority)"
            case .unreadableSnapshot(let detail): return "the migration snapshot can't be read: \(detail)"
            case .emptyWithSchemaChanges(let name):
                return "the schemas changed since the last migration: run `schemagen migrate --name …` for them first, then `--name \(name) --empty`"
            case .unknownFindings(let ids, let known):
                let listed = known.isEmpty ? "this migration has no findings" : "its findings are: " + known.joined(separator: ", ")
                let hint = ids.count == 1 ? Suggestions.closest(to: ids[0], in: known).map { " (did you mean \($0)?)" } ?? "" : ""
                return "--allow \(ids.joined(separator: ", ")): no such finding\(hint); \(listed)"
            case .noMigrations(let folder): return "\(folder) has no migrations to record"
            }
        }
    }

    /// The checked schema. Throws `DiagnosticsError` with every problem.
    public func resolve() throws -> Schema {
        try Pipeline.resolve(try readSources())
    }

    /// Every output file, in memory.
    public func render() throws -> [GeneratedFile] {
        // Reading the migration history and parsing the templates need no schema: they run
        // beside loading and resolving it, which is otherwise the part of a run no other core
        // can help with. Their errors come first, as when they ran before it. They run as a
        // task of their own, not as one iteration of a `concurrentPerform` beside the loading:
        // a `concurrentPerform` inside another gets no more threads than the outer one's
        // iterations leave, so the schema files were read one after another.
        let prepared = Slots<Result<(MigrationHistory, TemplateSet), any Error>>(count: 1)
        let preparing = DispatchGroup()
        DispatchQueue.global().async(group: preparing) {
            prepared.put(Result {
                let history = try MigrationHistory.read(folder: historyFolder)
                let problems = history.problems()
                if !problems.isEmpty { throw DiagnosticsError(problems) }
                let templates = try templatesDirectory.map { path throws(DiagnosticsError) in try TemplateSet.embedded(overriddenBy: path) }
                    ?? TemplateSet.embedded()
                return (history, templates)
            }, at: 0)
        }
        let resolved = Result { try resolve() }
        preparing.wait()
        let (history, templates) = try prepared.values()[0].get()
        return Pipeline.render(try resolved.get(), templates: templates, options: options, history: history)
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
        case written(paths: [String], findings: [MigrationFinding])
        /// `dryRun`: what would be written (migration files, snapshot, schemagen.sum), and the
        /// findings; nothing was.
        case wouldWrite(files: [GeneratedFile], findings: [MigrationFinding])
    }

    /// What `migrate` may do beyond writing the next migration of safe steps.
    public struct MigrateOptions: Sendable, Equatable {
        /// Accept every finding (`--allow-destructive`).
        public var allowDestructive = false
        /// Accept these findings, by identifier (`--allow drop-field:notes.legacy`).
        public var allow: [String] = []
        /// Compute and return the files; write nothing.
        public var dryRun = false
        /// Write a migration with no schema steps, for hand-written data steps (the schemas
        /// must be up to date with the snapshot).
        public var empty = false
        /// PostgreSQL: new indexes of existing tables built `CONCURRENTLY`, after the transaction.
        public var concurrentIndexes = false

        public init(allowDestructive: Bool = false, allow: [String] = [], dryRun: Bool = false, empty: Bool = false,
                    concurrentIndexes: Bool = false) {
            self.concurrentIndexes = concurrentIndexes
            self.allowDestructive = allowDestructive
            self.allow = allow
            self.dryRun = dryRun
            self.empty = empty
        }
    }

    /// Compares the schemas with Generated/Migrations/snapshot.json and writes the next
    /// migration of each dialect, the new snapshot, `schemagen.sum`, and the regenerated output
    /// (which embeds the migrations). The first run writes migration 1, the whole schema.
    /// Throws `DiagnosticsError` for a broken history (see `MigrationHistory.problems()`), a bad
    /// `renamedFrom`, or findings not accepted; then nothing is written.
    @discardableResult
    public func migrate(name rawName: String, allowDestructive: Bool = false) throws -> MigrationResult {
        try migrate(name: rawName, options: MigrateOptions(allowDestructive: allowDestructive))
    }

    @discardableResult
    public func migrate(name rawName: String, options: MigrateOptions) throws -> MigrationResult {
        let name = rawName.lowercased().replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
        guard let first = name.first, first.isLetter || first.isNumber,
              name.allSatisfy({ ($0.isLowercase || $0.isNumber || $0 == "_") && $0.isASCII }) else {
            throw Failure.badMigrationName(rawName)
        }
        let schema = try resolve()
        let history = try MigrationHistory.read(folder: historyFolder)
        let problems = history.problems()
        if !problems.isEmpty { throw DiagnosticsError(problems) }
        let old = try snapshot(of: history)
        let snapshotPath = "\(historyFolder)/snapshot.json"
        let plan = try MigrationPlanner.plan(from: old, to: schema, snapshotPath: snapshotPath, concurrentIndexes: options.concurrentIndexes)
        let snapshot = SchemaSnapshot.of(schema).json()
        if options.empty {
            guard plan.isEmpty, history.snapshotText == snapshot else {
                throw Failure.emptyWithSchemaChanges(name)
            }
        } else if plan.isEmpty && history.snapshotText == snapshot {
            return .upToDate
        }
        // Every finding must be accepted: all at once, or each by its identifier.
        let known = Set(plan.findings.map(\.id))
        let unknown = options.allow.filter { !known.contains($0) }
        if !unknown.isEmpty { throw Failure.unknownFindings(unknown, known: known.sorted()) }
        let refused = options.allowDestructive ? [] : plan.findings.filter { !options.allow.contains($0.id) }
        if !refused.isEmpty && !options.dryRun {
            let accept = refused.map { "--allow \($0.id)" }.joined(separator: " ")
            throw DiagnosticsError(refused.map { finding in
                var diagnostic = finding.labeled
                diagnostic.message = "migration refused: " + diagnostic.message
                diagnostic.notes.append(Diagnostic.Note("if that is intended, accept it: `schemagen migrate --name \(name) --allow \(finding.id)`"
                                                        + (refused.count > 1 ? " (all of them: `\(accept)`)" : "")))
                return diagnostic
            })
        }
        let templates = try templatesDirectory.map { path throws(DiagnosticsError) in try TemplateSet.embedded(overriddenBy: path) }
            ?? TemplateSet.embedded()
        var files = [GeneratedFile(path: MigrationHistory.snapshotFile, contents: snapshot)]
        var next = history
        next.snapshotText = snapshot
        if !plan.isEmpty || options.empty {
            let version = history.lastVersion + 1
            let migration = Renderer.render(MigrationFilePlanner.plan(plan, version: version, name: name, empty: options.empty), with: templates)
            files += migration
            for file in migration {
                let dialect: SQLDialect = file.path.hasPrefix("Migrations/sqlite/") ? .sqlite : .postgres
                next.migrations[dialect, default: []].append(MigrationHistory.File(version: version, name: name, sql: file.contents))
            }
        }
        files.append(GeneratedFile(path: MigrationHistory.sumFile, contents: next.computedSum))
        if options.dryRun { return .wouldWrite(files: files, findings: plan.findings) }
        try write(files)
        // The output embeds the migrations. A history kept apart (`migrations:`, a build-plugin
        // target) has no checked-in output: the plugin regenerates on the next build.
        if migrationsDirectory == nil { try generate() }
        return .written(paths: files.map(\.path).filter { $0 != MigrationHistory.snapshotFile && $0 != MigrationHistory.sumFile },
                        findings: plan.findings)
    }

    /// `migrate --rehash`: writes `schemagen.sum` for the migration files as they are, after a
    /// hand-written step was added to a migration no database has had yet (or once, for a
    /// history written before checksums). Returns the paths it lists.
    @discardableResult
    public func rehash() throws -> [String] {
        let history = try MigrationHistory.read(folder: historyFolder)
        // Numbering problems aren't fixed by new checksums.
        let numbering = history.problems().filter { !$0.message.contains("schemagen.sum") && !$0.message.contains("was edited")
            && !$0.message.contains("was deleted") && !$0.message.contains("is not in schemagen.sum") }
        if !numbering.isEmpty { throw DiagnosticsError(numbering) }
        guard !history.isEmpty else { throw Failure.noMigrations(historyFolder) }
        try write([GeneratedFile(path: MigrationHistory.sumFile, contents: history.computedSum)])
        if migrationsDirectory == nil { try generate() }
        return history.entries.map(\.path)
    }

    private func snapshot(of history: MigrationHistory) throws -> SchemaSnapshot {
        do {
            return try history.snapshotText.map(SchemaSnapshot.decode) ?? .empty
        } catch {
            throw Failure.unreadableSnapshot("\(historyFolder)/snapshot.json: \(error)")
        }
    }

    /// Writes history files (paths `Migrations/…`) into the history folder.
    private func write(_ files: [GeneratedFile]) throws {
        let root = URL(fileURLWithPath: historyFolder)
        for file in files {
            let url = root.appendingPathComponent(String(file.path.dropFirst(MigrationHistory.folder.count + 1)))
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents.utf8).write(to: url, options: .atomic)
        }
    }

    /// The problems of the migration history (`MigrationHistory.problems()`) and of the schemas
    /// against it: a `renamedFrom` that names nothing the last migration had. What `check` and
    /// `validate` report; empty for a project without migrations.
    public func migrationProblems() throws -> [Diagnostic] {
        let history = try MigrationHistory.read(folder: historyFolder)
        var problems = history.problems()
        guard let text = history.snapshotText, let old = try? SchemaSnapshot.decode(text) else { return problems }
        do {
            _ = try Renames(old: old, schema: try resolve())
        } catch let error as DiagnosticsError {
            problems += error.diagnostics
        }
        return problems
    }

    /// Whether the schemas differ from the last migration's snapshot (false when the output
    /// folder has no migrations: the project doesn't use them).
    public func needsMigration() throws -> Bool {
        let history = try MigrationHistory.read(folder: historyFolder)
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
