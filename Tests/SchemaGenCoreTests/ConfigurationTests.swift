import Foundation
import Testing
@testable import SchemaGenCore

@Suite("Configuration and options")
struct ConfigurationTests {
    @Test func everyKeyIsRead() throws {
        let configuration = try Configuration.parse("""
            schemas: model
            output: out
            templates: tpl
            outputs: [swift]
            layout: perSchemaFile
            accessModifier: internal
            runtimeModule: MyRuntime
            """, path: "app/schemagen.yaml")
        #expect(configuration.schemas == "app/model")
        #expect(configuration.output == "app/out")
        #expect(configuration.templates == "app/tpl")
        #expect(configuration.options.outputs == [.swift])
        #expect(configuration.options.layout == .perSchemaFile)
        #expect(configuration.options.accessModifier == .internal)
        #expect(configuration.options.runtimeModule == "MyRuntime")
    }

    @Test func unknownKeysAndWrongValuesAreLocated() {
        do {
            _ = try Configuration.parse("schema: model\nlayout: flat\noutputs: swift\naccessModifier: open\n", path: "schemagen.yaml")
            Issue.record("a bad configuration was accepted")
        } catch {
            #expect(error.diagnostics.map { "\($0.location.line):\($0.location.column) \($0.message)" } == [
                "1:1 unknown key 'schema' in the configuration",
                "2:9 unknown layout 'flat'",
                "3:10 'outputs' must be a list",
                "4:17 unknown access modifier 'open'",
            ])
            #expect(error.diagnostics[0].notes.first?.message == "did you mean 'schemas'?")
        }
    }

    @Test func outputsLayoutAndAccessShapeTheFiles() throws {
        let sources = try SchemaLoader.sources(inDirectory: packageRoot + "/schemas")
        var options = GenerationOptions()
        options.outputs = [.swift]
        options.layout = .perSchemaFile
        options.accessModifier = .internal
        let files = try Pipeline.generate(sources, options: options)
        #expect(files.map(\.path) == ["Swift/DatabaseSchema.swift"] + sources.map { source in
            "Swift/" + source.path.split(separator: "/").last!.replacingOccurrences(of: ".yaml", with: ".swift")
        }.sorted())
        let projects = try #require(files.first { $0.path == "Swift/projects.swift" })
        #expect(projects.contents.components(separatedBy: "import SchemaRuntime").count == 2, "one set of imports")
        #expect(projects.contents.contains("internal struct Project:"))
        #expect(!projects.contents.contains("public "))
        // The types, then validators, then the repository.
        let model = try #require(projects.contents.range(of: "struct Project:"))
        let validator = try #require(projects.contents.range(of: "extension Project: Validatable"))
        let repository = try #require(projects.contents.range(of: "typealias ProjectRepository"))
        #expect(model.lowerBound < validator.lowerBound && validator.lowerBound < repository.lowerBound)
    }

    /// The DDL embedded in Swift is the DDL of the SQL files, byte for byte (but the final newline).
    @Test func embeddedSchemaIsTheSQLFiles() throws {
        let files = try Pipeline.generate(try SchemaLoader.sources(inDirectory: packageRoot + "/schemas"))
        let swift = try #require(files.first { $0.path == "Swift/DatabaseSchema.swift" }).contents
        for dialect in ["sqlite", "postgres"] {
            let sql = try #require(files.first { $0.path == "SQL/\(dialect).sql" }).contents
            #expect(swift.contains("static let \(dialect) = #\"\"\"\n" + sql.dropLast() + "\n\"\"\"#"), "\(dialect)")
        }
    }
}
