import Foundation
import Testing

@Suite("Build plugin plan")
struct SchemaGenPluginPlanTests {
    let target = URL(fileURLWithPath: "/pkg/Sources/Library")
    let work = URL(fileURLWithPath: "/work/plugin")

    func plan(_ files: [String], configuration: String = "") throws -> SchemaGenPluginPlan {
        // The plan reads the configuration file; write it where the test says it is.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plugin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for file in files where file.hasSuffix("schemagen.yaml") {
            let url = folder.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try configuration.write(to: url, atomically: true, encoding: .utf8)
        }
        return try SchemaGenPluginPlan(targetName: "Library", targetDirectory: folder,
                                       files: files.map { folder.appendingPathComponent($0) }, workDirectory: work)
    }

    @Test func inputsAndOutputsFollowFromTheFiles() throws {
        let plan = try plan(["schemagen.yaml", "schemas/books.yaml", "schemas/members.yml", "schemas/notes.txt", "Library.swift"])
        #expect(plan.schemaFiles.map(\.lastPathComponent) == ["books.yaml", "members.yml"])
        #expect(plan.inputs.map(\.lastPathComponent) == ["schemagen.yaml", "books.yaml", "members.yml"])
        #expect(plan.outputs.map(\.path) == [
            "/work/plugin/Generated/Swift/books.swift", "/work/plugin/Generated/Swift/members.swift",
            "/work/plugin/Generated/Swift/DatabaseSchema.swift",
        ])
        #expect(plan.arguments.contains("perSchemaFile") && plan.arguments.contains("swift"))
    }

    @Test func theConfigurationNamesTheSchemasAndTemplatesFolders() throws {
        let plan = try plan(["schemagen.yaml", "model/books.yaml", "schemas/ignored.yaml", "tpl/swift/model.swift.mustache"],
                            configuration: "schemas: model   # the collections\ntemplates: 'tpl'\naccessModifier: internal\n")
        #expect(plan.schemaFiles.map(\.lastPathComponent) == ["books.yaml"])
        #expect(plan.inputs.map(\.lastPathComponent).contains("model.swift.mustache"))
        #expect(plan.arguments.suffix(2).first == "--templates")
    }

    @Test func theMigrationHistoryIsAnInput() throws {
        let plan = try plan(["schemagen.yaml", "schemas/books.yaml", "Migrations/sqlite/0001_initial.sql", "Migrations/postgres/0001_initial.sql",
                             "Migrations/snapshot.json", "Migrations/schemagen.sum", "Migrations/README.txt"],
                            configuration: "schemas: schemas\nmigrations: Migrations\n")
        #expect(plan.inputs.map(\.lastPathComponent) == ["schemagen.yaml", "books.yaml", "0001_initial.sql", "schemagen.sum", "snapshot.json", "0001_initial.sql"])
        #expect(plan.migrationsDirectory?.lastPathComponent == "Migrations")
    }

    @Test func aMissingConfigurationSaysWhichFileToAdd() throws {
        #expect {
            try plan(["schemas/books.yaml"])
        } throws: { error in
            "\(error)".contains("has no schemagen.yaml: add one at") && "\(error)".contains("Library")
        }
    }

    @Test func twoConfigurationsSayWhichToRemove() throws {
        #expect {
            try plan(["schemagen.yaml", "nested/schemagen.yaml", "schemas/books.yaml"])
        } throws: { error in
            "\(error)".contains("has 2 schemagen.yaml files") && "\(error)".contains("keep one and remove the others")
        }
    }

    @Test func noSchemasSaysWhereToPutThem() throws {
        #expect {
            try plan(["schemagen.yaml"])
        } throws: { error in
            "\(error)".contains("has no schema files in") && "\(error)".contains("one .yaml file per collection")
        }
    }
}
