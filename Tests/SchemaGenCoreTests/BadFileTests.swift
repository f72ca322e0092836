import Foundation
import Testing
@testable import SchemaGenCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every file in a schemas folder that can't be read is answered with a located error naming it,
/// and all of them in one run: bad encodings, special files, links, empty files.
@Suite("Bad schema files")
struct BadFileTests: SchemaTestSupport {
    static let good = "name: notes\nfields:\n  title: string\n"

    /// A fresh folder under the temporary directory, removed by the caller.
    private func folder() throws -> String {
        let path = NSTemporaryDirectory() + "schemagen-badfiles-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// The diagnostics `sources(inDirectory:)` throws for a folder (empty when it read).
    private func readErrors(_ directory: String) -> [Diagnostic] {
        do {
            _ = try SchemaLoader.sources(inDirectory: directory)
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test func everyBadFileIsReportedInOneRun() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write(Array(Self.good.utf8), to: dir + "/a-good.yaml")
        // Invalid UTF-8 on line 3, after two characters.
        try write(Array("name: notes\nfields:\n".utf8) + [0x20, 0x20, 0xFF, 0x61] + Array(": string\n".utf8), to: dir + "/b-latin.yaml")
        try FileManager.default.createDirectory(atPath: dir + "/c-dir.yaml", withIntermediateDirectories: false)
        #expect(mkfifo(dir + "/d-fifo.yaml", 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: dir + "/e-dangling.yaml", withDestinationPath: "nowhere.yaml")
        try write([0xFF, 0xFE] + Array("n\0a\0".utf8), to: dir + "/f-utf16.yaml")
        // A broken YAML file among them: its Load error is reported in the same run.
        try write(Array("name: notes\nfields: [\n".utf8), to: dir + "/g-malformed.yaml")

        let diagnostics = readErrors(dir)  // returns at all: the FIFO was never opened
        let byFile = Dictionary(grouping: diagnostics) { URL(fileURLWithPath: $0.location.file).lastPathComponent }
        #expect(byFile["a-good.yaml"] == nil)
        #expect(byFile.keys.sorted() == ["b-latin.yaml", "c-dir.yaml", "d-fifo.yaml", "e-dangling.yaml", "f-utf16.yaml", "g-malformed.yaml"])
        #expect(byFile["b-latin.yaml"]?.first?.message == "the file is not valid UTF-8: byte 0xFF at byte offset 22 does not start or continue a character")
        #expect(byFile["b-latin.yaml"]?.first.map { ($0.location.line, $0.location.column) } ?? (0, 0) == (3, 3))
        #expect(byFile["c-dir.yaml"]?.first?.message == "the schema file is a directory; only regular files are read")
        #expect(byFile["d-fifo.yaml"]?.first?.message == "the schema file is a named pipe (FIFO), which was not opened; only regular files are read")
        #expect(byFile["e-dangling.yaml"]?.first?.message == "the file is a symbolic link to 'nowhere.yaml', which does not exist")
        #expect(byFile["f-utf16.yaml"]?.first?.message == "the file is encoded as UTF-16 (it starts with its byte-order mark); schema files must be UTF-8")
        #expect(byFile["g-malformed.yaml"]?.first?.message.hasPrefix("malformed YAML") == true)
        for diagnostic in diagnostics {
            #expect(diagnostic.location.file.hasPrefix(dir + "/"))
            #expect(!diagnostic.description.contains("NSCocoaErrorDomain"))
        }
    }

    @Test func generatorReportsBadFilesAsDiagnostics() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write(Array(Self.good.utf8), to: dir + "/a.yaml")
        try write([0x6E, 0xC3, 0x28], to: dir + "/b.yaml")
        #expect(throws: DiagnosticsError.self) { try Generator(schemasDirectory: dir, outputDirectory: dir + "/out").resolve() }
    }

    @Test func configurationAndMigrationHistoryAreReadTheSameWay() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(mkfifo(dir + "/schemagen.yaml", 0o644) == 0)
        #expect(throws: DiagnosticsError.self) { try Configuration.load(path: dir + "/schemagen.yaml") }
        try FileManager.default.createDirectory(atPath: dir + "/out/Migrations", withIntermediateDirectories: true)
        try write([0x7B, 0xFF, 0x7D], to: dir + "/out/Migrations/snapshot.json")
        do {
            _ = try MigrationHistory.read(outputDirectory: dir + "/out")
            Issue.record("a snapshot that is not UTF-8 was read")
        } catch let error as DiagnosticsError {
            #expect(error.diagnostics.map(\.location.file) == [dir + "/out/Migrations/snapshot.json"])
            #expect(error.diagnostics.first?.message.hasPrefix("the file is not valid UTF-8") == true)
        }
    }

    @Test func templateOverridesAreReadTheSameWay() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(mkfifo(dir + "/model.swift.mustache", 0o644) == 0)
        try write([0x7B, 0x7B, 0xFF], to: dir + "/bad.mustache")
        do {
            _ = try TemplateSet.embedded(overriddenBy: dir)  // returns at all: the FIFO was never opened
            Issue.record("unreadable templates were accepted")
        } catch {
            #expect(error.diagnostics.map { URL(fileURLWithPath: $0.location.file).lastPathComponent }.sorted() == ["bad.mustache", "model.swift.mustache"])
        }
    }

    @Test func unreadableFile() throws {
        // root reads any file whatever its mode, so only another user can see this refusal.
        guard geteuid() != 0 else { return }
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write(Array(Self.good.utf8), to: dir + "/a.yaml")
        chmod(dir + "/a.yaml", 0)
        #expect(readErrors(dir).map(\.message) == ["the file can't be read: permission denied"])
    }

    @Test func oversizedFile() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let line = Array("# padding padding padding padding padding padding padding padding\n".utf8)
        try write(Array(repeating: line, count: EngineLimits.maxFileBytes / line.count + 1).flatMap { $0 }, to: dir + "/big.yaml")
        let messages = readErrors(dir).map(\.message)
        #expect(messages.count == 1)
        #expect(messages.first?.hasSuffix("bytes; the limit is \(EngineLimits.maxFileBytes)") == true)
    }

    @Test func utf8ByteOrderMarkIsAccepted() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write([0xEF, 0xBB, 0xBF] + Array("name: notes\nfields:\n  title: { type: strin }\n".utf8), to: dir + "/bom.yaml")
        let sources = try SchemaLoader.sources(inDirectory: dir)
        // Columns are counted without the mark.
        #expect(diagnostics([(sources[0].path, sources[0].contents)]).first.map { ($0.location.line, $0.location.column) } ?? (0, 0) == (3, 18))
        // And in memory too, as a plugin would pass it.
        #expect(throws: Never.self) { try resolved([(schemaPath, "\u{FEFF}" + Self.good)]) }
    }

    @Test func crlfLineEndingsWork() throws {
        let schema = try resolved([(schemaPath, "name: notes\r\nfields:\r\n  title: string\r\n  body: { type: text, description: \"two\r\n    lines\" }\r\n")])
        #expect(schema.collections.first?.fields.map(\.name).contains("body") == true)
        // Places are still right with CRLF.
        #expect(diagnostics("name: notes\r\nfields:\r\n  title: strng\r\n").first.map { ($0.location.line, $0.location.column) } ?? (0, 0) == (3, 10))
    }

    @Test func emptyFiles() {
        for text in ["", "\n\n", "   \n", "# only a comment\n", "\u{FEFF}"] {
            #expect(diagnostics(text).map(\.message) == ["the file is empty"])
        }
    }

    @Test func nulAndControlCharacters() {
        let nul = diagnostics("name: notes\nfields:\n  ti\0tle: string\n")
        #expect(nul.map(\.message) == ["the file contains a NUL character (U+0000), which YAML does not allow"])
        #expect(nul.first.map { ($0.location.line, $0.location.column) } ?? (0, 0) == (3, 5))
        let bell = diagnostics("name: notes\nfields:\n  title: string\n  body: \"a\u{07}b\"\n")
        #expect(bell.map(\.message) == ["the file contains the character U+0007, which YAML does not allow"])
        #expect(bell.first.map { ($0.location.line, $0.location.column) } ?? (0, 0) == (4, 11))
    }

    @Test func tabsInIndentationGetAHint() {
        for yaml in ["name: notes\nfields:\n\ttitle: string\n", "name: notes\nfields:\n  title: string\n \tbody: text\n"] {
            let found = diagnostics(yaml)
            #expect(found.count == 1)
            #expect(found.first?.notes.contains(Diagnostic.Note("YAML forbids tabs for indentation; use spaces")) == true)
        }
    }

    @Test func fileNamesWithLineBreaksStayOnOneLine() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write(Array("name: notes\nfields:\n  title: strng\n".utf8), to: dir + "/a\nb.yaml")
        do {
            _ = try Pipeline.resolve(try SchemaLoader.sources(inDirectory: dir))
            Issue.record("expected diagnostics")
        } catch {
            #expect(error.diagnostics.count == 1)
            #expect(error.description.split(separator: "\n").count == error.diagnostics.count * 2 + 1)
            #expect(error.description.hasPrefix(dir + "/a\\nb.yaml:3:10: error: "))
        }
    }

    @Test func diagnosticTextStaysOnOneLine() {
        #expect(DiagnosticText.quoted("a\nb\r\tc'\\") == #"'a\nb\r\tc\'\\'"#)
        #expect(DiagnosticText.quoted("x\u{0}\u{85}\u{2028}\u{E000}\u{200B}é") == #"'x\u{0}\u{85}\u{2028}\u{E000}\u{200B}é'"#)
    }
}
