import ArgumentParser
import Foundation
import SchemaGenCore

struct JSONSchema: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "json-schema",
        abstract: "Writes the JSON Schema of schema files (or, with --config, of schemagen.yaml) for editor completion.",
        discussion: """
            Point the YAML language server at it: `# yaml-language-server: $schema=PATH` at the top of a \
            file, or `yaml.schemas` in the editor's settings. The same files are docs/schemagen.schema.json \
            and docs/schemagen-config.schema.json in schemagen's repository.
            """
    )

    @Flag(name: .long, help: "The schema of schemagen.yaml instead of schema files.")
    var config = false

    @Option(name: .shortAndLong, help: "The file to write (default: standard output).")
    var output: String?

    func run() throws {
        let text = config ? EmbeddedJSONSchemas.configuration : EmbeddedJSONSchemas.collection
        guard let output else {
            print(text)
            return
        }
        try Data((text + "\n").utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        print("wrote \(output)")
    }
}
