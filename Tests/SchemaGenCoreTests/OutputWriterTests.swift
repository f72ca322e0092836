import Foundation
import Testing
@testable import SchemaGenCore

/// A fresh temporary folder per test.
func makeTemporaryFolder() throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("schemagen-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
}

/// Every file below a folder with its bytes and modification date, to prove nothing changed.
/// Folders are listed with no bytes and no date: creating and removing a temporary file inside
/// one changes its date, not what it holds.
func snapshot(_ folder: String) throws -> [String: (Data, Date)] {
    var result: [String: (Data, Date)] = [:]
    let enumerator = FileManager.default.enumerator(atPath: folder)
    while let path = enumerator?.nextObject() as? String {
        let full = folder + "/" + path
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory)
        let attributes = try FileManager.default.attributesOfItem(atPath: full)
        let data = isDirectory.boolValue ? Data() : try Data(contentsOf: URL(fileURLWithPath: full))
        result[path] = (data, isDirectory.boolValue ? Date.distantPast : attributes[.modificationDate] as! Date)
    }
    return result
}

func expectSameSnapshot(_ a: [String: (Data, Date)], _ b: [String: (Data, Date)], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    #expect(a.keys.sorted() == b.keys.sorted(), sourceLocation: sourceLocation)
    for (path, (data, date)) in a {
        #expect(b[path]?.0 == data, "\(path) bytes changed", sourceLocation: sourceLocation)
        #expect(b[path]?.1 == date, "\(path) was rewritten", sourceLocation: sourceLocation)
    }
}

@Suite("Write")
struct OutputWriterTests {
    let files = [
        GeneratedFile(path: "Swift/A.swift", contents: "let a = 1\n"),
        GeneratedFile(path: "Swift/B.swift", contents: "let b = 2\n"),
        GeneratedFile(path: "SQL/schema.sql", contents: "SELECT 1;\n"),
    ]

    @Test func writesEverythingIntoAnEmptyFolder() throws {
        let folder = try makeTemporaryFolder()
        let result = try OutputWriter.write(files, to: folder + "/Generated")
        #expect(result.missing.sorted() == files.map(\.path).sorted())
        for file in files {
            #expect(try String(contentsOfFile: folder + "/Generated/" + file.path, encoding: .utf8) == file.contents)
        }
    }

    @Test func rewritesOnlyChangedFilesAndRemovesExtraOnes() throws {
        let folder = try makeTemporaryFolder()
        try OutputWriter.write(files, to: folder)
        try "stale\n".write(toFile: folder + "/Swift/Old.swift", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: folder + "/Docs", withIntermediateDirectories: true)
        try "gone\n".write(toFile: folder + "/Docs/old.md", atomically: true, encoding: .utf8)
        try "".write(toFile: folder + "/.gitkeep", atomically: true, encoding: .utf8)
        // Let the clock move so a rewrite would show in the modification date.
        Thread.sleep(forTimeInterval: 0.05)
        let before = try snapshot(folder)

        var changed = files
        changed[1].contents = "let b = 3\n"
        let result = try OutputWriter.write(changed, to: folder)

        #expect(result.stale == ["Swift/B.swift"])
        #expect(result.extra == ["Docs/old.md", "Swift/Old.swift"])
        #expect(result.unchanged.sorted() == ["SQL/schema.sql", "Swift/A.swift"])
        let after = try snapshot(folder)
        #expect(after["Swift/A.swift"]?.1 == before["Swift/A.swift"]?.1, "an unchanged file was rewritten")
        #expect(after["Swift/B.swift"]?.0 == Data("let b = 3\n".utf8))
        #expect(after["Swift/Old.swift"] == nil && after["Docs/old.md"] == nil)
        #expect(after["Docs"] == nil, "a folder left empty is removed")
        #expect(after[".gitkeep"] != nil, "hidden files are not schemagen's")
        #expect(!after.keys.contains { $0.contains("schemagen-") }, "no temporary file is left behind")
    }

    @Test func aSecondRunWritesNothing() throws {
        let folder = try makeTemporaryFolder()
        try OutputWriter.write(files, to: folder)
        let before = try snapshot(folder)
        let result = try OutputWriter.write(files, to: folder)
        #expect(result.missing.isEmpty && result.stale.isEmpty && result.extra.isEmpty)
        expectSameSnapshot(before, try snapshot(folder))
    }

    /// A failure while building the new tree (here: one generated file stands where another
    /// needs a folder) leaves every existing file as it was, and no temporary folder.
    @Test func aFailedWriteChangesNothing() throws {
        let parent = try makeTemporaryFolder()
        let folder = parent + "/Generated"
        try OutputWriter.write(files, to: folder)
        let before = try snapshot(folder)
        var changed = files
        changed[0].contents = "let a = 10\n"
        changed.append(GeneratedFile(path: "SQL/schema.sql/inner", contents: "x\n"))
        #expect(throws: WriteError.self) { try OutputWriter.write(changed, to: folder) }
        expectSameSnapshot(before, try snapshot(folder))
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["Generated"])
    }

    /// Unchanged files keep their inode (and so their date) even when others change: the new
    /// tree links them.
    @Test func unchangedFilesAreTheSameFilesAfterAChange() throws {
        let folder = try makeTemporaryFolder() + "/Generated"
        try OutputWriter.write(files, to: folder)
        let inode = { (path: String) throws -> UInt64 in
            (try FileManager.default.attributesOfItem(atPath: folder + "/" + path)[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
        }
        let before = try inode("Swift/A.swift")
        var changed = files
        changed[1].contents = "let b = 4\n"
        try OutputWriter.write(changed, to: folder)
        #expect(try inode("Swift/A.swift") == before)
        #expect(try String(contentsOfFile: folder + "/Swift/B.swift", encoding: .utf8) == "let b = 4\n")
    }

    /// What killed runs leave behind goes at the next run: new or old trees beside the folder,
    /// and the hidden temporary files of older versions inside it. Other hidden files stay.
    @Test func leftoversOfKilledRunsAreRemoved() throws {
        let parent = try makeTemporaryFolder()
        let folder = parent + "/Generated"
        try OutputWriter.write(files, to: folder)
        for leftover in [".Generated.schemagen-new-123/Swift", ".Generated.schemagen-old-45/SQL"] {
            try FileManager.default.createDirectory(atPath: parent + "/" + leftover, withIntermediateDirectories: true)
        }
        try "x".write(toFile: folder + "/Swift/.A.swift.schemagen-999", atomically: false, encoding: .utf8)
        try "keep".write(toFile: folder + "/Swift/.keep", atomically: false, encoding: .utf8)
        try "mine".write(toFile: parent + "/.Generated.schemagen-notes", atomically: false, encoding: .utf8)

        let result = try OutputWriter.write(files, to: folder)
        #expect(result.isClean)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent).sorted() == [".Generated.schemagen-notes", "Generated"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/Swift").sorted() == [".keep", "A.swift", "B.swift"])

        // The same when something changed: the hidden file is carried into the new tree.
        try "x".write(toFile: folder + "/Swift/.B.swift.schemagen-77", atomically: false, encoding: .utf8)
        var changed = files
        changed[0].contents = "let a = 0\n"
        try OutputWriter.write(changed, to: folder)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/Swift").sorted() == [".keep", "A.swift", "B.swift"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent).sorted() == [".Generated.schemagen-notes", "Generated"])
    }

    /// A run killed after moving the old folder aside and before moving the new one in (the
    /// fallback where the system can't exchange two folders): the next run puts the old one back
    /// first, so the folder was never missing for more than that run.
    @Test func anInterruptedFallbackSwapIsRolledBack() throws {
        let parent = try makeTemporaryFolder()
        let folder = parent + "/Generated"
        try OutputWriter.write(files, to: folder)
        try "hidden".write(toFile: folder + "/.gitkeep", atomically: false, encoding: .utf8)
        #expect(rename(folder, parent + "/.Generated.schemagen-old-4242") == 0)
        try FileManager.default.createDirectory(atPath: parent + "/.Generated.schemagen-new-4242", withIntermediateDirectories: true)
        let result = try OutputWriter.write(files, to: folder)
        #expect(result.isClean, "the old tree is back, and it was already up to date")
        #expect(FileManager.default.fileExists(atPath: folder + "/.gitkeep"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["Generated"])
    }

    /// Where two folders can't be exchanged in one step: the old one aside, the new one in, the
    /// old one removed; unchanged files are still the same files.
    @Test func withoutExchangeTheOldTreeGoesAsideThenAway() throws {
        let parent = try makeTemporaryFolder()
        let folder = parent + "/Generated"
        try OutputWriter.write(files, to: folder, exchanging: false)
        try "".write(toFile: folder + "/.gitkeep", atomically: false, encoding: .utf8)
        let inode = { (path: String) throws -> UInt64 in
            (try FileManager.default.attributesOfItem(atPath: folder + "/" + path)[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
        }
        let before = try inode("Swift/A.swift")
        var changed = files
        changed[2].contents = "SELECT 2;\n"
        let result = try OutputWriter.write(changed, to: folder, exchanging: false)
        #expect(result.stale == ["SQL/schema.sql"])
        #expect(try inode("Swift/A.swift") == before)
        #expect(try String(contentsOfFile: folder + "/SQL/schema.sql", encoding: .utf8) == "SELECT 2;\n")
        #expect(FileManager.default.fileExists(atPath: folder + "/.gitkeep"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["Generated"])
    }

    /// A folder that can't be written is one line naming it, not a Foundation error dump.
    @Test func aFolderThatCannotBeWrittenIsOneLine() throws {
        let parent = try makeTemporaryFolder()
        try "a file".write(toFile: parent + "/file", atomically: false, encoding: .utf8)
        do {
            try OutputWriter.write(files, to: parent + "/file/Generated")
            Issue.record("expected an error")
        } catch let error as WriteError {
            #expect(error.description.hasPrefix("cannot create \(parent)/file: "), "\(error)")
            #expect(!error.description.contains("\n") && !error.description.contains("NSCocoaErrorDomain"))
        }
    }

    @Test func diffReportsMissingStaleAndExtraWithoutWriting() throws {
        let folder = try makeTemporaryFolder()
        try OutputWriter.write(Array(files.prefix(2)), to: folder)
        try "x\n".write(toFile: folder + "/Swift/Extra.swift", atomically: true, encoding: .utf8)
        var changed = files
        changed[0].contents = "let a = 5\n"
        let before = try snapshot(folder)
        let diff = try OutputWriter.diff(changed, against: folder)
        #expect(diff.missing == ["SQL/schema.sql"])
        #expect(diff.stale == ["Swift/A.swift"])
        #expect(diff.extra == ["Swift/Extra.swift"])
        #expect(diff.unchanged == ["Swift/B.swift"])
        #expect(!diff.isClean)
        expectSameSnapshot(before, try snapshot(folder))
    }
}

@Suite("Generator")
struct GeneratorTests {
    /// A schema error stops the run before Write: the output folder keeps every byte and date.
    @Test func aBadSchemaLeavesTheOutputFolderAsItWas() throws {
        let folder = try makeTemporaryFolder()
        let schemas = folder + "/schemas", output = folder + "/Generated"
        try FileManager.default.createDirectory(atPath: schemas, withIntermediateDirectories: true)
        try "name: things\nfields:\n  title: string\n".write(toFile: schemas + "/things.yaml", atomically: true, encoding: .utf8)
        let generator = Generator(schemasDirectory: schemas, outputDirectory: output)
        let first = try generator.generate()
        #expect(first.missing == ["Docs/README.md", "Docs/things.md", "Fixtures/postgres.sql", "Fixtures/sqlite.sql", "Fixtures/things.json",
                                  "SQL/postgres.sql", "SQL/sqlite.sql", "Swift/DatabaseSchema.swift", "Swift/Thing.swift"])
        let before = try snapshot(output)

        try "name: things\nfields:\n  title: strng\n  other: string\n".write(toFile: schemas + "/things.yaml", atomically: true, encoding: .utf8)
        #expect(throws: DiagnosticsError.self) { try generator.generate() }
        expectSameSnapshot(before, try snapshot(output))
    }

    @Test func aMissingSchemasFolderIsAClearError() throws {
        let generator = Generator(schemasDirectory: "/nonexistent/schemas", outputDirectory: "/nonexistent/out")
        #expect(throws: Generator.Failure.self) { try generator.generate() }
    }

    /// A user's templates folder replaces the built-in template of the same name only.
    @Test func customTemplatesOverrideBuiltInOnes() throws {
        let folder = try makeTemporaryFolder()
        let schemas = folder + "/schemas", templates = folder + "/templates"
        try FileManager.default.createDirectory(atPath: schemas, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: templates + "/swift", withIntermediateDirectories: true)
        try "name: things\nfields:\n  title: string\n".write(toFile: schemas + "/things.yaml", atomically: true, encoding: .utf8)
        try "// custom {{sourceFile}} <{{#model}}{{name}}{{/model}}>\n".write(toFile: templates + "/swift/model.swift.mustache",
                                                                           atomically: true, encoding: .utf8)
        let files = try Generator(schemasDirectory: schemas, outputDirectory: folder + "/out", templatesDirectory: templates).render()
        // The model's part is the custom template's; the repository joined to it is built in.
        let thing = try #require(files.first { $0.path == "Swift/Thing.swift" }?.contents)
        #expect(thing.contains("\n// custom things.yaml <Thing>\n"))
        #expect(thing.contains("typealias ThingRepository"))
    }

    @Test func aTemplateThatDoesNotParseIsReportedWithItsLocation() throws {
        let folder = try makeTemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder + "/swift", withIntermediateDirectories: true)
        try "line one\n{{#model}}\nno end\n".write(toFile: folder + "/swift/model.swift.mustache", atomically: true, encoding: .utf8)
        do {
            _ = try TemplateSet.embedded(overriddenBy: folder)
            Issue.record("expected a template error")
        } catch {
            #expect(error.diagnostics.count == 1)
            #expect(error.diagnostics[0].location.file == folder + "/swift/model.swift.mustache")
            #expect(error.diagnostics[0].message.hasPrefix("template does not parse"))
        }
    }
}
