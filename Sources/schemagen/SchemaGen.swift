import ArgumentParser
import Foundation
import SchemaGenCore

@main
struct SchemaGen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schemagen",
        abstract: "Generates Swift models and validators from YAML collection schemas.",
        discussion: "Run from the package root: the defaults read schemas/ and write Generated/.",
        subcommands: [Generate.self, Validate.self, Check.self]
    )
}

struct SchemaOptions: ParsableArguments {
    @Option(name: .long, help: "The folder of schema files (*.yaml, *.yml).")
    var schemas: String = "schemas"
}

struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "The folder schemagen owns and writes into.")
    var output: String = "Generated"

    @Option(name: .long, help: "A folder of Mustache templates replacing the built-in ones of the same name.")
    var templates: String?
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Checks the schemas and reports every problem as path:line:column."
    )

    @OptionGroup var options: SchemaOptions

    func run() throws {
        let schema = try reportingFailures { try Generator(schemasDirectory: options.schemas).resolve() }
        print("\(options.schemas): \(schema.collections.count) collections, no problems")
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

    @OptionGroup var schemaOptions: SchemaOptions
    @OptionGroup var outputOptions: OutputOptions

    func run() throws {
        let generator = Generator(schemasDirectory: schemaOptions.schemas, outputDirectory: outputOptions.output,
                                  templatesDirectory: outputOptions.templates)
        let result = try reportingFailures { try generator.generate() }
        let total = result.missing.count + result.stale.count + result.unchanged.count
        print("\(outputOptions.output): \(total) files: \(result.missing.count + result.stale.count) written, "
              + "\(result.unchanged.count) unchanged, \(result.extra.count) removed")
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fails when the output folder differs from what the schemas generate; writes nothing.",
        discussion: "Lists stale, missing and extra files, with a diff of each stale one. Run it in CI."
    )

    @OptionGroup var schemaOptions: SchemaOptions
    @OptionGroup var outputOptions: OutputOptions

    @Flag(name: .long, help: "List the files only, without diffs.")
    var quiet = false

    func run() throws {
        let generator = Generator(schemasDirectory: schemaOptions.schemas, outputDirectory: outputOptions.output,
                                  templatesDirectory: outputOptions.templates)
        let (diff, files) = try reportingFailures { try generator.check() }
        let root = outputOptions.output
        guard !diff.isClean else {
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
