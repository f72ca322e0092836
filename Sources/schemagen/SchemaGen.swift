import ArgumentParser
import Foundation
import SchemaGenCore

/// Every subcommand spells its `commandName`: without it ArgumentParser derives each name from
/// the type's (`String(describing:)`) at every start, and those first conformance lookups were
/// ~1.5% of a `generate` of `schemas/` before any work.
@main
struct SchemaGen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schemagen",
        abstract: "Generates Swift models and validators from YAML collection schemas.",
        discussion: "Run from the package root: the defaults read schemas/ and write Generated/.",
        subcommands: [Generate.self, Validate.self, Check.self, Lint.self, JSONSchema.self, Migrate.self, Baseline.self, Diff.self, Fixtures.self, Seed.self, Import.self]
    )
}

struct GeneratorOptions: ParsableArguments {
    @Option(name: .long, help: "A configuration file (default: schemagen.yaml, when there is one).")
    var config: String?

    @Option(name: .long, help: "The folder of schema files (*.yaml, *.yml). Default: schemas.")
    var schemas: String?

    @Option(name: .long, help: "The folder schemagen owns and writes into. Default: Generated.")
    var output: String?

    @Option(name: .long, help: "A folder of Mustache templates replacing the built-in ones of the same name.")
    var templates: String?

    @Option(name: .long, help: "What to generate, comma-separated: swift, sql, fixtures, docs. Default: all.")
    var outputs: String?

    @Option(name: .long, help: "perType (a Swift file per type) or perSchemaFile (one per schema file).")
    var layout: String?

    @Option(name: .long, help: "The access level of generated declarations: public, package or internal.")
    var accessModifier: String?

    @Option(name: .long, help: "The module generated code imports (default: SchemaRuntime).")
    var runtimeModule: String?

    /// Defaults, then the configuration file, then the flags.
    func generator() throws -> Generator {
        var configuration = Configuration()
        let configPath = config ?? (FileManager.default.fileExists(atPath: "schemagen.yaml") ? "schemagen.yaml" : nil)
        if let configPath {
            configuration = try reportingFailures { try Configuration.load(path: configPath) }
        }
        var options = configuration.options
        if let outputs {
            options.outputs = Set(try outputs.split(separator: ",").map { name in
                guard let output = GenerationOptions.Output(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                    throw ValidationError("unknown output '\(name)' (expected \(GenerationOptions.Output.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                return output
            })
        }
        if let layout {
            guard let value = GenerationOptions.Layout(rawValue: layout) else { throw ValidationError("unknown layout '\(layout)'") }
            options.layout = value
        }
        if let accessModifier {
            guard let value = GenerationOptions.AccessModifier(rawValue: accessModifier) else {
                throw ValidationError("unknown access modifier '\(accessModifier)' (expected public, package or internal)")
            }
            options.accessModifier = value
        }
        if let runtimeModule { options.runtimeModule = runtimeModule }
        return Generator(schemasDirectory: schemas ?? configuration.schemas ?? "schemas",
                         outputDirectory: output ?? configuration.output ?? "Generated",
                         templatesDirectory: templates ?? configuration.templates,
                         migrationsDirectory: configuration.migrations, options: options)
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Checks the schemas and reports every problem as path:line:column."
    )

    @OptionGroup var options: GeneratorOptions

    func run() throws {
        let generator = try options.generator()
        let schema = try reportingFailures { try generator.resolve() }
        // The migration history, and each `renamedFrom` against the last migration.
        let problems = try reportingFailures { try generator.migrationProblems() }
        if !problems.isEmpty {
            printToStandardError(DiagnosticsError(problems).description)
            throw ExitCode.failure
        }
        print("\(generator.schemasDirectory): \(schema.collections.count) collections, no problems")
    }
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Writes the generated files, rewriting only those whose bytes change.",
        discussion: """
            Removes files the schemas no longer produce (schemagen owns the output folder). \
            On any error, nothing is written.
            """
    )

    @OptionGroup var options: GeneratorOptions

    func run() throws {
        let generator = try options.generator()
        let result = try reportingFailures { try generator.generate() }
        let total = result.missing.count + result.stale.count + result.unchanged.count
        print("\(generator.outputDirectory): \(total) files: \(result.missing.count + result.stale.count) written, "
              + "\(result.unchanged.count) unchanged, \(result.extra.count) removed")
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Fails when the output folder differs from what the schemas generate; writes nothing.",
        discussion: "Lists stale, missing and extra files, with a diff of each stale one. Run it in CI."
    )

    @OptionGroup var options: GeneratorOptions

    @Flag(name: .long, help: "List the files only, without diffs.")
    var quiet = false

    @Flag(name: .long, help: "Fail on lint findings too (schemagen lint --strict).")
    var strict = false

    func run() throws {
        let generator = try options.generator()
        let lintFailed = try printLint(try reportingFailures { try generator.lint() }, strict: strict, schemas: generator.schemasDirectory)
        let problems = try reportingFailures { try generator.migrationProblems() }
        if !problems.isEmpty {
            printToStandardError(DiagnosticsError(problems).description)
            throw ExitCode.failure
        }
        let (diff, files) = try reportingFailures { try generator.check() }
        let root = generator.outputDirectory
        let needsMigration = try reportingFailures { try generator.needsMigration() }
        if needsMigration {
            printToStandardError("\(generator.historyFolder): the schemas changed since the last migration: run `schemagen migrate --name …`")
        }
        guard !diff.isClean else {
            if needsMigration || lintFailed { throw ExitCode.failure }
            print("\(root): up to date (\(files.count) files)")
            return
        }
        for path in diff.stale {
            printToStandardError("stale: \(root)/\(path)")
            if !quiet, let file = files.first(where: { $0.path == path }),
               let old = try? String(contentsOfFile: "\(root)/\(path)", encoding: .utf8) {
                printToStandardError(UnifiedDiff.make(old: old, new: file.contents, oldName: "\(root)/\(path)",
                                                      newName: "\(root)/\(path) (generated)"))
            }
        }
        for path in diff.missing { printToStandardError("missing: \(root)/\(path)") }
        for path in diff.extra { printToStandardError("extra: \(root)/\(path)") }
        printToStandardError("\(root) is out of date: run `schemagen generate`")
        throw ExitCode.failure
    }
}

struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Writes the next migration of each database from the schema changes since the last one.",
        discussion: """
            Compares the schemas with <output>/Migrations/snapshot.json and writes \
            <output>/Migrations/{sqlite,postgres}/NNNN_<name>.sql, the new snapshot, schemagen.sum (the checksum \
            of every migration) and the regenerated output. The first run writes 0001, the whole schema. \
            Renames are declared in the schemas with 'renamedFrom'. Steps that can lose data, fail on existing \
            rows or widen access are findings, each with an identifier (drop-field:notes.legacy): the \
            migration is refused until each is accepted with --allow ID (or all with --allow-destructive), and \
            they are listed at the top of the migration. --dry-run prints what would be written. --empty writes \
            a migration for hand-written steps; --rehash records edited files in schemagen.sum. On any error, \
            nothing is written.
            """
    )

    @OptionGroup var options: GeneratorOptions

    @Option(name: .long, help: "What the migration does, in lowercase words joined by underscores (add_task_priority).")
    var name: String?

    @Option(name: .long, parsing: .singleValue, help: "Accept one finding by its identifier (repeatable): --allow drop-field:notes.legacy.")
    var allow: [String] = []

    @Flag(name: .long, help: "Accept every destructive or risky step (they are listed at the top of the migration).")
    var allowDestructive = false

    @Flag(name: .long, help: "Print the files the migration would write, and write nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Write a migration without schema steps, for hand-written data steps.")
    var empty = false

    @Flag(name: .long, help: "PostgreSQL: build new indexes of existing tables CONCURRENTLY, after the migration's transaction.")
    var concurrentIndexes = false

    @Flag(name: .long, help: "Record the migration files as they are in schemagen.sum (after editing one no database has had).")
    var rehash = false

    func validate() throws {
        if rehash {
            guard name == nil, allow.isEmpty, !allowDestructive, !dryRun, !empty, !concurrentIndexes else {
                throw ValidationError("--rehash takes no other migrate option")
            }
        } else if name == nil {
            throw ValidationError("missing --name NAME (what the migration does: add_task_priority)")
        }
    }

    func run() throws {
        let generator = try options.generator()
        let folder = generator.historyFolder
        if rehash {
            let paths = try reportingFailures { try generator.rehash() }
            print("\(folder)/schemagen.sum: recorded \(paths.count) files as they are")
            return
        }
        let request = Generator.MigrateOptions(allowDestructive: allowDestructive, allow: allow, dryRun: dryRun, empty: empty,
                                               concurrentIndexes: concurrentIndexes)
        let result = try reportingFailures { try generator.migrate(name: name ?? "", options: request) }
        switch result {
        case .upToDate:
            print("\(folder): up to date, no migration written")
        case .written(let paths, let findings):
            for path in paths { print("wrote \(folder)/\(path.dropFirst(MigrationHistory.folder.count + 1))") }
            if paths.isEmpty { print("\(folder): snapshot updated (no SQL changes)") }
            for finding in findings { printToStandardError("\(finding.location): warning: accepted: \(finding.message) [\(finding.id)]") }
        case .wouldWrite(let files, let findings):
            for finding in findings {
                let accepted = allowDestructive || allow.contains(finding.id)
                printToStandardError("\(finding.location): warning: \(accepted ? "accepted" : "needs --allow"): \(finding.message) [\(finding.id)]")
            }
            for file in files {
                print("=== would write \(folder)/\(file.path.dropFirst(MigrationHistory.folder.count + 1)) ===")
                // The snapshot is long JSON for the tool; its path is enough.
                if file.path == MigrationHistory.snapshotFile { print("(the schemas' snapshot, \(file.contents.utf8.count) bytes)"); continue }
                print(file.contents, terminator: file.contents.hasSuffix("\n") ? "" : "\n")
            }
            print("dry run: nothing written")
        }
    }
}

struct Fixtures: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fixtures",
        abstract: "Writes only the sample data (Fixtures/ in the output folder): JSON per collection, SQL per dialect.",
        discussion: """
            The same seed and schemas give the same bytes. `generate` writes the fixtures too, with the \
            configuration's settings (`fixtures:` in schemagen.yaml); use this command to try other \
            settings, for example into another folder with --output.
            """
    )

    @OptionGroup var options: GeneratorOptions

    @Option(name: .long, help: "The seed (default: the configuration's, else 1).")
    var seed: UInt64?

    @Option(name: .long, help: "Rows per collection (default: the configuration's, else 8).")
    var rows: Int?

    @Option(name: .long, parsing: .singleValue, help: "Rows of one collection, as name=count (repeatable): --count media=50.")
    var count: [String] = []

    func run() throws {
        var generator = try options.generator()
        if let seed { generator.options.fixtures.seed = seed }
        if let rows {
            guard rows >= 1 else { throw ValidationError("--rows must be 1 or more") }
            generator.options.fixtures.rows = rows
        }
        for item in count {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let rows = Int(parts[1]), rows >= 1 else {
                throw ValidationError("--count wants name=rows with rows 1 or more, not '\(item)'")
            }
            generator.options.fixtures.rowsPerCollection[parts[0]] = rows
        }
        let result = try reportingFailures { try generator.generateFixtures() }
        print("\(generator.outputDirectory)/Fixtures: \(result.missing.count + result.stale.count) written, "
              + "\(result.unchanged.count) unchanged, \(result.extra.count) removed (seed \(generator.options.fixtures.seed))")
    }
}

struct Seed: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Creates the schema if needed and loads the fixtures: seed --sqlite PATH or --postgres URL.",
        discussion: """
            Runs schemagen-seed, built beside schemagen (`swift build` builds both); it is a separate \
            tool so that the generator doesn't depend on the database libraries. Its options: \
            --sqlite PATH | --postgres URL, --config, --schemas, --seed, --rows.
            """
    )

    @Argument(parsing: .captureForPassthrough, help: "The options of schemagen-seed.")
    var arguments: [String] = []

    func run() throws {
        try runSeedTool(arguments)
    }
}

struct Baseline: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Marks a database built from the DDL as being at the last migration: baseline --sqlite PATH or --postgres URL.",
        discussion: """
            For a database made by SQLiteDatabase(path:schema:), apply(schema:) or `schemagen seed` before the project \
            had migrations: records every migration of <output>/Migrations as applied (with its checksum) without running \
            it, so that migrate-on-open applies only later ones. Refuses a database that has migrations recorded, or no \
            tables, and schemas that changed since the last migration. Runs schemagen-seed --baseline (the generator \
            doesn't link the database libraries); its options: --sqlite PATH | --postgres URL, --config, --schemas.
            """
    )

    @Argument(parsing: .captureForPassthrough, help: "--sqlite PATH or --postgres URL, and --config or --schemas.")
    var arguments: [String] = []

    func run() throws {
        try runSeedTool(["--baseline"] + arguments)
    }
}

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compares a live database with what the schemas produce: diff --sqlite PATH or --postgres URL.",
        discussion: """
            Reads the database's catalog (tables, columns with type, nullability and default, constraints, indexes, \
            triggers, functions, policies, row-level security) and that of a scratch copy built from the DDL of the \
            schemas (SQLite: in memory; PostgreSQL: a temporary schema in a transaction that is rolled back), prints \
            every difference and the statements that would reconcile them, and exits 1 when there is any. Runs \
            schemagen-seed --diff (the generator doesn't link the database libraries); its options: \
            --sqlite PATH | --postgres URL, --config, --schemas.
            """
    )

    @Argument(parsing: .captureForPassthrough, help: "--sqlite PATH or --postgres URL, and --config or --schemas.")
    var arguments: [String] = []

    func run() throws {
        try runSeedTool(["--diff"] + arguments)
    }
}

/// Runs schemagen-seed, built beside schemagen, with `arguments`.
func runSeedTool(_ arguments: [String]) throws {
    try runTool("schemagen-seed", arguments)
}

/// Runs a tool built beside schemagen (the ones that link the database libraries, which the
/// generator doesn't) with `arguments`, passing on its exit status.
func runTool(_ name: String, _ arguments: [String]) throws {
    let executable = Bundle.main.executableURL?.resolvingSymlinksInPath()
        ?? URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    let tool = executable.deletingLastPathComponent().appendingPathComponent(name)
    guard FileManager.default.isExecutableFile(atPath: tool.path) else {
        printToStandardError("error: this command needs \(name) beside schemagen (\(tool.path))")
        printToStandardError("note: build it with `swift build --product \(name)`, or run `swift run \(name) …`")
        throw ExitCode.failure
    }
    let process = Process()
    process.executableURL = tool
    process.arguments = arguments
    try process.run()
    process.waitUntilExit()
    if process.terminationStatus != 0 { throw ExitCode(process.terminationStatus) }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Writes one schema file per table of a live database: import --sqlite PATH or --postgres URL [--output DIR].",
        discussion: """
            Runs schemagen-import, built beside schemagen (`swift build` builds both); it is a separate \
            tool so that the generator doesn't depend on the database libraries. Its options: \
            --sqlite PATH | --postgres URL, --schema NAME (PostgreSQL, default public), --output DIR \
            (default schemas). See docs/import.md.
            """
    )

    @Argument(parsing: .captureForPassthrough, help: "The options of schemagen-import.")
    var arguments: [String] = []

    func run() throws {
        try runTool("schemagen-import", arguments)
    }
}
