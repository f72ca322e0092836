import Foundation
import Testing
@testable import SchemaGenCore

/// The package root, found from this file: Tests/SchemaGenCoreTests/GoldenTests.swift.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

@Suite("Golden files")
struct GoldenTests {
    /// Regenerates in memory and compares with the checked-in folder byte for byte, printing a
    /// unified diff of each stale file.
    @Test(arguments: [
        ("schemas", "Generated", 36),
        ("Tests/Fixtures/KitchenSink/schemas", "Tests/Fixtures/KitchenSink/Generated", 56),
    ])
    func generatedFolderMatchesTheSchemas(schemas: String, generated: String, fileCount: Int) throws {
        let generator = Generator(schemasDirectory: packageRoot + "/" + schemas, outputDirectory: packageRoot + "/" + generated)
        let (diff, files) = try generator.check()
        var report: [String] = []
        for path in diff.stale {
            let old = try String(contentsOfFile: packageRoot + "/\(generated)/" + path, encoding: .utf8)
            let new = files.first { $0.path == path }!.contents
            report.append(UnifiedDiff.make(old: old, new: new, oldName: "\(generated)/\(path)", newName: "generated \(path)"))
        }
        report += diff.missing.map { "missing: \(generated)/\($0)" }
        report += diff.extra.map { "extra: \(generated)/\($0)" }
        let command = "swift run schemagen generate --schemas \(schemas) --output \(generated)"
        #expect(diff.isClean, "\(generated)/ is stale; run `\(command)`:\n\(report.joined(separator: "\n"))")
        #expect(files.count == fileCount)
    }

    /// Two runs give the same bytes: nothing depends on dictionary order, time or paths.
    @Test func outputIsDeterministic() throws {
        let sources = try SchemaLoader.sources(inDirectory: packageRoot + "/schemas")
        let first = try Pipeline.generate(sources)
        let second = try Pipeline.generate(sources.reversed())
        #expect(first.map(\.path) == second.map(\.path))
        for (a, b) in zip(first, second) where a.contents != b.contents {
            Issue.record("\(a.path) depends on the order of the schema files:\n\(UnifiedDiff.make(old: a.contents, new: b.contents, oldName: "sorted", newName: "reversed"))")
        }
        for file in first {
            #expect(!file.contents.contains("\r"), "\(file.path) has a CR")
            #expect(file.contents.hasSuffix("\n") && !file.contents.hasSuffix("\n\n"), "\(file.path) must end with one newline")
            #expect(!file.contents.split(separator: "\n").contains { $0.hasSuffix(" ") }, "\(file.path) has trailing spaces")
        }
    }

    /// The tool must work where templates/ is not on disk, so it embeds a copy; the copy must be
    /// what templates/ holds (run scripts/embed-templates after editing a template).
    @Test func embeddedTemplatesMatchTheTemplatesFolder() throws {
        let root = URL(fileURLWithPath: packageRoot + "/templates")
        var onDisk: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "mustache" else { continue }
            let name = String(url.path.dropFirst(root.path.count + 1).dropLast(".mustache".count))
            onDisk[name] = try String(contentsOf: url, encoding: .utf8)
        }
        #expect(onDisk.keys.sorted() == EmbeddedTemplates.all.keys.sorted(), "run scripts/embed-templates")
        for (name, text) in onDisk {
            #expect(EmbeddedTemplates.all[name] == text, "templates/\(name).mustache differs from its embedded copy; run scripts/embed-templates")
        }
    }

    /// Finders and filters take only what someone can match exactly: a time orders a finder
    /// (`find(status:)` of a queue by priority, oldest first) but is never an equality parameter.
    @Test func noFinderOrFilterMatchesATimeExactly() throws {
        let files = try Pipeline.generate(try SchemaLoader.sources(inDirectory: packageRoot + "/schemas"))
        // Each model's file ends with its repository, from its typealias on.
        let repositories = Dictionary(files.compactMap { file in
            file.contents.range(of: "Repository = Repository<").map { (file.path, file.contents[$0.lowerBound...]) }
        }, uniquingKeysWith: { first, _ in first })
        #expect(repositories.count == 10)
        for (path, repository) in repositories {
            for line in repository.split(separator: "\n") where line.contains("func find(") || line.contains(": Date?") {
                #expect(!line.contains(": Date"), "\(path): \(line)")
            }
        }
        let tasks = try #require(repositories["Swift/GenerationTask.swift"])
        #expect(tasks.contains("func find(status: GenerationTask.Status, page:"))
    }
}
