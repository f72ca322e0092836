import Foundation
import Testing
@testable import SchemaGenCore

/// A schema edit to one collection changes only that collection's generated files and the files
/// that list every collection, and in those only the parts about that collection: fixture values
/// are drawn per collection, row and field path, and dated by reference depth, so nothing else
/// moves (issue 13, part 3).
@Suite("Confined diffs")
struct ConfinedDiffTests {
    /// The files that list every collection: both DDL scripts, the Swift that embeds them, both
    /// fixture scripts and the docs index (with its diagram and relationships table).
    static let sharedFiles: Set<String> = [
        "SQL/sqlite.sql", "SQL/postgres.sql", "Swift/DatabaseSchema.swift",
        "Fixtures/sqlite.sql", "Fixtures/postgres.sql", "Docs/README.md",
    ]

    /// A collection's own files: its Swift (model, validator and repository), its fixtures and its page.
    static func ownFiles(collection: String, model: String) -> Set<String> {
        ["Swift/\(model).swift",
         "Fixtures/\(collection).json", "Docs/\(collection).md"]
    }

    struct Edit: CustomTestStringConvertible, Sendable {
        var name: String
        /// The collection edited (or added), its Swift model and table.
        var collection: String
        var model: String
        var table: String
        /// Schema file name → its new text (nil removes the file), from the old text.
        var apply: @Sendable ([String: String]) throws -> [String: String]
        /// The schemas edited, from the package root.
        var folder = "schemas"

        var testDescription: String { name }
    }

    static func replacing(_ file: String, _ old: String, with new: String) -> @Sendable ([String: String]) throws -> [String: String] {
        { files in
            var files = files
            let text = try #require(files[file], "no \(file)")
            #expect(text.components(separatedBy: old).count == 2, "\(file) should contain \(old) once")
            files[file] = text.replacingOccurrences(of: old, with: new)
            return files
        }
    }

    static let edits: [Edit] = [
        // An optional field in the middle of episodes: the fields after it keep their values.
        Edit(name: "add an optional field to episodes", collection: "episodes", model: "Episode", table: "episodes",
             apply: replacing("episodes.yaml", "  description: { type: text }\n  synopsis:",
                              with: "  description: { type: text }\n  workingTitle: { type: string, maxLength: 200 }\n  synopsis:")),
        Edit(name: "remove a field of promptTemplates", collection: "promptTemplates", model: "PromptTemplate", table: "prompt_templates",
             apply: replacing("promptTemplates.yaml", "  notes: { type: text }\n", with: "")),
        Edit(name: "rename a field of promptsExecuted", collection: "promptsExecuted", model: "PromptExecution", table: "prompts_executed",
             apply: replacing("promptsExecuted.yaml", "  feature: { type: string, maxLength: 100 }",
                              with: "  featureArea: { type: string, maxLength: 100 }")),
        Edit(name: "add a collection", collection: "glossaryTerms", model: "GlossaryTerm", table: "glossary_terms",
             apply: { files in
                 var files = files
                 files["glossaryTerms.yaml"] = """
                     name: glossaryTerms
                     model: GlossaryTerm
                     description: A term of the studio's vocabulary and what it means.
                     id: uuid
                     timestamps: true
                     fields:
                       term: { type: string, required: true, minLength: 1, maxLength: 100, unique: true }
                       definition: { type: text, required: true }
                       kind:
                         type: enum
                         values: [craft, business, technical]
                         required: true
                     access:
                       read: [authenticated]
                       create: [admin]
                       update: [admin]
                       delete: [admin]

                     """
                 return files
             }),
        // An integer key whose rows expire: keys 2, 4, 6 and 8 expire here, and the other
        // collections' choices of albums, genres and tracks (integer keys too, the same numbers)
        // must not leave them out. The new collection comes first in the insertion order.
        Edit(name: "add a collection with integer keys that expire", collection: "alerts", model: "Alert", table: "alerts",
             apply: { files in
                 var files = files
                 files["alerts.yaml"] = """
                     name: alerts
                     model: Alert
                     description: An integer key whose closed rows expire a day after they were created.
                     id: int64
                     timestamps: true
                     fields:
                       title: { type: string, required: true, maxLength: 100 }
                       state: { type: enum, values: [open, closed], required: true }
                     indexes:
                       - fields: [createdAt]
                         kind: ttl
                         expireAfter: 1d
                         where: { state: { in: [closed] } }
                         description: Closed alerts expire.
                     access:
                       read: [admin]
                       create: [admin]
                       update: [admin]
                       delete: [admin]

                     """
                 return files
             }, folder: "Tests/Fixtures/KitchenSink/schemas"),
    ]

    static func schemaFiles(_ folder: String = "schemas") throws -> [String: String] {
        let folder = packageRoot + "/" + folder
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".yaml") {
            files[name] = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
        }
        return files
    }

    static func generate(_ files: [String: String]) throws -> [String: String] {
        let sources = files.sorted { $0.key < $1.key }.map { SchemaSource(path: "schemas/" + $0.key, contents: $0.value) }
        return Dictionary(uniqueKeysWithValues: try Pipeline.generate(sources).map { ($0.path, $0.contents) })
    }

    /// The paragraphs of a text (runs of lines between blank lines).
    static func blocks(_ text: String) -> [String] {
        text.components(separatedBy: "\n\n")
    }

    @Test(arguments: edits)
    func anEditChangesOnlyItsCollection(edit: Edit) throws {
        let original = try Self.schemaFiles(edit.folder)
        let before = try Self.generate(original)
        let after = try Self.generate(try edit.apply(original))

        let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }
        let allowed = Self.ownFiles(collection: edit.collection, model: edit.model).union(Self.sharedFiles)
        #expect(changed.subtracting(allowed).isEmpty, "\(edit.name) changed \(changed.subtracting(allowed).sorted())")
        // The edit shows where it must: the collection's fixtures and page.
        #expect(changed.contains("Fixtures/\(edit.collection).json"))
        #expect(changed.contains("Docs/\(edit.collection).md"))

        // In the shared files, every place that changed is about the edited collection: each
        // run of paragraphs that differs (old and new side together) names it, and the other
        // tables, their fixture rows and their lines of the docs index stay as they were.
        for path in changed.intersection(Self.sharedFiles).sorted() {
            for hunk in Self.changedRuns(Self.blocks(before[path] ?? ""), Self.blocks(after[path] ?? "")) {
                let mentions = hunk.contains { block in [edit.collection, edit.model, edit.table].contains { block.contains($0) } }
                #expect(mentions, "\(edit.name): \(path) changed paragraphs about something else:\n\(hunk.joined(separator: "\n\n"))")
            }
        }
    }

    /// The runs of paragraphs that differ between two versions, each with its old and new
    /// paragraphs, from a longest common subsequence of paragraphs.
    static func changedRuns(_ old: [String], _ new: [String]) -> [[String]] {
        var common = Array(repeating: Array(repeating: 0, count: new.count + 1), count: old.count + 1)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                common[i][j] = old[i] == new[j] ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
            }
        }
        var runs: [[String]] = [], run: [String] = []
        var i = 0, j = 0
        while i < old.count || j < new.count {
            if i < old.count, j < new.count, old[i] == new[j] {
                if !run.isEmpty { runs.append(run); run = [] }
                i += 1; j += 1
            } else if j < new.count, i == old.count || common[i][j + 1] >= common[i + 1][j] {
                run.append(new[j]); j += 1
            } else {
                run.append(old[i]); i += 1
            }
        }
        if !run.isEmpty { runs.append(run) }
        return runs
    }

    /// The same checks hold for every field: removing any one optional scalar field of episodes
    /// leaves every other value of every fixture row as it was.
    @Test func removingAFieldLeavesTheOtherValues() throws {
        let original = try Self.schemaFiles()
        let edited = try Self.replacing("episodes.yaml", "  description: { type: text }\n", with: "")(original)
        let schemaBefore = try Pipeline.resolve(original.map { SchemaSource(path: "schemas/" + $0.key, contents: $0.value) })
        let schemaAfter = try Pipeline.resolve(edited.map { SchemaSource(path: "schemas/" + $0.key, contents: $0.value) })
        let before = Pipeline.fixtures(schemaBefore), after = Pipeline.fixtures(schemaAfter)
        for collection in schemaBefore.collections {
            let old = before.rows(of: collection.name), new = after.rows(of: collection.name)
            #expect(old.count == new.count)
            for (a, b) in zip(old, new) {
                var expected = a.document
                if collection.name == "episodes" { expected = expected.setting(["description"], to: .null) }
                #expect(expected == b.document, "\(collection.name) row \(a.id) changed beyond the removed field")
                #expect(a.createdAt == b.createdAt)
            }
        }
    }
}
