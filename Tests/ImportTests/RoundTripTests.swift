import Foundation
import Testing
@testable import SchemaGenCore
import SchemaGenImport

/// generate → apply to a real database → import → generate again → apply: the two catalogs are
/// the same, on both engines, for the studio schemas and the kitchen-sink fixture. Compared as
/// catalogs (what the engines report), not as text.
@Suite struct RoundTripTests {
    static let folders = ["schemas", "Tests/Fixtures/KitchenSink/schemas"]

    /// Imports the catalog, checks the files resolve, and returns them as sources.
    static func reimport(_ catalog: DatabaseCatalog) throws -> [SchemaSource] {
        let imported = try CatalogMapper.map(catalog)
        return imported.files.map { SchemaSource(path: $0.path, contents: $0.contents) }
    }

    @Test(arguments: folders)
    func sqlite(folder: String) async throws {
        let ddl = try SchemaFolder.ddl(try SchemaFolder.sources(folder), .sqlite)
        let original = try await FreshDatabase.sqlite(ddl) { try SQLiteCatalogReader.read(path: $0) }
        let again = try SchemaFolder.ddl(try Self.reimport(original), .sqlite)
        let result = try await FreshDatabase.sqlite(again) { try SQLiteCatalogReader.read(path: $0) }
        let comparison = CatalogComparison(original, result)
        #expect(comparison.differences == [], "\(folder) on SQLite:\n\(comparison.differences.joined(separator: "\n"))")
    }

    @Test(.postgres, arguments: folders)
    func postgres(folder: String) async throws {
        let ddl = try SchemaFolder.ddl(try SchemaFolder.sources(folder), .postgres)
        let original = try await FreshDatabase.postgres(ddl) { try await PostgresCatalogReader.read(url: $0) }
        let again = try SchemaFolder.ddl(try Self.reimport(original), .postgres)
        let result = try await FreshDatabase.postgres(again) { try await PostgresCatalogReader.read(url: $0) }
        let comparison = CatalogComparison(original, result, ignoring: .accessRules)
        #expect(comparison.differences == [], "\(folder) on PostgreSQL:\n\(comparison.differences.joined(separator: "\n"))")
    }
}
