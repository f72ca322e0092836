import Foundation
import Testing
@testable import SchemaGenCore
import SchemaGenImport

/// A real outside schema: Chinook's PostgreSQL DDL (Tests/Fixtures/Chinook, MIT), imported,
/// generated and applied to a fresh PostgreSQL. The catalogs differ where schemagen's language
/// chooses otherwise (the join table's order, its cascades and indexes);
/// every difference is listed in Tests/Fixtures/Chinook/expected-differences.txt, and explained
/// in docs/import.md. A new difference, or one that went away, fails the test.
@Suite struct ChinookTests {
    static let folder = SchemaFolder.root.appendingPathComponent("Tests/Fixtures/Chinook")

    @Test(.postgres)
    func importedGeneratedAndCompared() async throws {
        let ddl = try String(contentsOf: Self.folder.appendingPathComponent("chinook-postgres.sql"), encoding: .utf8)
        let original = try await FreshDatabase.postgres(ddl) { try await PostgresCatalogReader.read(url: $0) }
        #expect(original.tables.map(\.name) == ["album", "artist", "customer", "employee", "genre", "invoice", "invoice_line",
                                                "media_type", "playlist", "playlist_track", "track"])
        let imported = try CatalogMapper.map(original)

        // The imported schema files are checked in, so a change in the mapping shows in review.
        let expectedFolder = Self.folder.appendingPathComponent("schemas")
        for file in imported.files {
            let expected = try? String(contentsOf: expectedFolder.appendingPathComponent(file.path), encoding: .utf8)
            #expect(file.contents == expected, "Tests/Fixtures/Chinook/schemas/\(file.path) differs from the import:\n\(file.contents)")
        }
        let checkedIn = try FileManager.default.contentsOfDirectory(atPath: expectedFolder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(checkedIn == imported.files.map(\.path).sorted())

        let sources = imported.files.map { SchemaSource(path: $0.path, contents: $0.contents) }
        let generated = try SchemaFolder.ddl(sources, .postgres)
        let result = try await FreshDatabase.postgres(generated) { try await PostgresCatalogReader.read(url: $0) }
        let differences = CatalogComparison(original, result, ignoring: .accessRules).differences
        let expected = try String(contentsOf: Self.folder.appendingPathComponent("expected-differences.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
        let added = differences.filter { !expected.contains($0) }, gone = expected.filter { !differences.contains($0) }
        #expect(added.isEmpty && gone.isEmpty && differences.count == expected.count,
                "catalog differences changed; new:\n\(added.joined(separator: "\n"))\nno longer there:\n\(gone.joined(separator: "\n"))")
    }
}
