import ArgumentParser
import Foundation
import SchemaGenCore

@main
struct SchemaGen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schemagen",
        abstract: "Generates Swift models, validators and more from YAML collection schemas.",
        subcommands: [Validate.self]
    )
}

struct SchemaOptions: ParsableArguments {
    @Option(name: .long, help: "The folder of schema files (*.yaml, *.yml).")
    var schemas: String = "schemas"
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Checks the schemas and reports every problem with its file, line and column."
    )

    @OptionGroup var options: SchemaOptions

    func run() throws {
        let schema = try loadSchema(from: options.schemas)
        let fields = schema.collections.reduce(0) { $0 + $1.fields.count }
        print("\(options.schemas): \(schema.collections.count) collections, \(fields) top-level fields, no problems")
    }
}
