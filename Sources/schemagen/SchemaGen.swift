import ArgumentParser
import Foundation
import SchemaGenCore

@main
struct SchemaGen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schemagen",
        abstract: "Generates Swift models and validators from YAML collection schemas.",
        discussion: "Run from the package root: the defaults read schemas/ and write Generated/.",
        subcommands: [Generate.self, Validate.self, Check.self, Lint.self, JSONSchema.self, Migrate.self, Fixtures.self, Seed.self, Import.self]
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
                         templatesDirectory: templates ?? configuration.templates, options: options)
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Checks the schemas and reports every problem as path:line:column."
    )

    @OptionGroup var options: GeneratorOptions

    func run() throws {
        let generator = try options.generator()
        let schema = try reportingFailures { try generator.resolve() }
        print("\(generator.schemasDirectory): \(schema.collections.count) collections, no problems")
    }
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
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
        let (diff, files) = try reportingFailures { try generator.check() }
        let root = generator.outputDirectory
        let needsMigration = try reportingFailures { try generator.needsMigration() }
        if needsMigration {
            printToStandardError("\(root)/Migrations: the schemas changed since the last migration: run `schemagen migrate --name …`")
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
        abstract: "Writes the next migration of each database from the schema changes since the last one.",
        discussion: """
            Compares the schemas with <output>/Migrations/snapshot.json and writes \
            <output>/Migrations/{sqlite,postgres}/NNNN_<name>.sql, the new snapshot, and the regenerated output. \
            The first run writes 0001, the whole schema. Renames are declared in the schemas with \
            'renamedFrom'. Steps that can lose data, fail on existing rows or widen access (dropping a \
            table or column, narrowing a type, a new required field without a default, removing an enum \
            value, a new access rule) are refused unless --allow-destructive is given; each is listed at the \
            top of the migration. On any error, nothing is written.
            """
    )

    @OptionGroup var options: GeneratorOptions

    @Option(name: .long, help: "What the migration does, in lowercase words joined by underscores (add_task_priority).")
    var name: String

    @Flag(name: .long, help: "Accept destructive or risky steps (they are listed at the top of the migration).")
    var allowDestructive = false

    func run() throws {
        let generator = try options.generator()
        let result = try reportingFailures { try generator.migrate(name: name, allowDestructive: allowDestructive) }
        switch result {
        case .upToDate:
            print("\(generator.outputDirectory)/Migrations: up to date, no migration written")
        case .written(let paths, let findings):
            for path in paths { print("wrote \(generator.outputDirectory)/\(path)") }
            if paths.isEmpty { print("\(generator.outputDirectory)/Migrations: snapshot updated (no SQL changes)") }
            for finding in findings { printToStandardError("warning: \(finding.location): \(finding.message)") }
        }
    }
}

struct Fixtures: ParsableCommand {
    static let configuration = CommandConfiguration(
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
        let executable = Bundle.main.executableURL?.resolvingSymlinksInPath()
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let tool = executable.deletingLastPathComponent().appendingPathComponent("schemagen-seed")
        guard FileManager.default.isExecutableFile(atPath: tool.path) else {
            printToStandardError("error: schemagen seed needs schemagen-seed beside schemagen (\(tool.path))")
            printToStandardError("note: build it with `swift build --product schemagen-seed`, or run `swift run schemagen-seed …`")
            throw ExitCode.failure
        }
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 { throw ExitCode(process.terminationStatus) }
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
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
        let executable = Bundle.main.executableURL?.resolvingSymlinksInPath()
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let tool = executable.deletingLastPathComponent().appendingPathComponent("schemagen-import")
        guard FileManager.default.isExecutableFile(atPath: tool.path) else {
            printToStandardError("error: schemagen import needs schemagen-import beside schemagen (\(tool.path))")
            printToStandardError("note: build it with `swift build --product schemagen-import`, or run `swift run schemagen-import …`")
            throw ExitCode.failure
        }
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 { throw ExitCode(process.terminationStatus) }
    }
}
