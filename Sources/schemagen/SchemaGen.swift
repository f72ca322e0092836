import ArgumentParser
import Foundation
import SchemaGenCore

@main
struct SchemaGen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schemagen",
        abstract: "Generates Swift models and validators from YAML collection schemas.",
        discussion: "Run from the package root: the defaults read schemas/ and write Generated/.",
        subcommands: [Generate.self, Validate.self, Check.self],
        defaultSubcommand: nil
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
        let schema = try loadSchema(from: options.schemas)
        print("\(options.schemas): \(schema.collections.count) collections, no problems")
    }
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Writes the generated files, rewriting only those whose bytes change.",
        discussion: "Removes files the schemas no longer produce. On any error, nothing is written."
    )

    @OptionGroup var schemaOptions: SchemaOptions
    @OptionGroup var outputOptions: OutputOptions

    func run() throws {
        let files = try generateFiles(schemas: schemaOptions.schemas, templates: outputOptions.templates)
        let result = try OutputWriter.write(files, to: outputOptions.output)
        let written = result.missing.count + result.stale.count
        print("\(outputOptions.output): \(files.count) files, \(written) written, \(result.extra.count) removed, \(result.unchanged.count) unchanged")
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fails when the output folder differs from what the schemas generate; writes nothing.",
        discussion: "Lists stale, missing and extra files. Run it in CI to catch a forgotten `schemagen generate`."
    )

    @OptionGroup var schemaOptions: SchemaOptions
    @OptionGroup var outputOptions: OutputOptions

    func run() throws {
        let files = try generateFiles(schemas: schemaOptions.schemas, templates: outputOptions.templates)
        let diff = try OutputWriter.diff(files, against: outputOptions.output)
        guard !diff.isClean else {
            print("\(outputOptions.output): up to date (\(files.count) files)")
            return
        }
        let root = outputOptions.output
        for path in diff.stale { printToStandardError("stale: \(root)/\(path)") }
        for path in diff.missing { printToStandardError("missing: \(root)/\(path)") }
        for path in diff.extra { printToStandardError("extra: \(root)/\(path)") }
        printToStandardError("\(root) is out of date: run `schemagen generate`")
        throw ExitCode.failure
    }
}
