import Foundation
import Testing
@testable import SchemaGenCore

/// The package root, found from this file: Tests/SQLSchemaTests/Fixtures.swift.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

/// A folder of schemas and the SQL generated from it (checked in; the golden tests keep the two
/// in step).
enum Fixture: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// schemas/ and Generated/.
    case studio
    /// Tests/Fixtures/KitchenSink: keyword names, partial and TTL indexes, vectors, shared enums.
    case kitchenSink

    var testDescription: String { rawValue }

    private var folder: String {
        switch self {
        case .studio: return packageRoot
        case .kitchenSink: return packageRoot + "/Tests/Fixtures/KitchenSink"
        }
    }

    /// The generated DDL for `dialect`, as checked in.
    func sql(_ dialect: SQLDialect) throws -> String {
        try String(contentsOfFile: folder + "/Generated/SQL/\(dialect.rawValue).sql", encoding: .utf8)
    }

    /// The generated sample data script for `dialect`, as checked in.
    func fixtureSQL(_ dialect: SQLDialect) throws -> String {
        try String(contentsOfFile: folder + "/Generated/Fixtures/\(dialect.rawValue).sql", encoding: .utf8)
    }

    /// The checked-in migrations for `dialect` (Generated/Migrations/<dialect>), in order:
    /// (file name, SQL).
    func migrations(_ dialect: SQLDialect) throws -> [(name: String, sql: String)] {
        let directory = folder + "/Generated/Migrations/\(dialect.rawValue)"
        return try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".sql") }.sorted()
            .map { ($0, try String(contentsOfFile: directory + "/" + $0, encoding: .utf8)) }
    }

    /// The resolved schema the DDL was generated from: what the catalog checks expect.
    func schema() throws -> Schema {
        let directory = folder + "/schemas"
        return try Generator(schemasDirectory: directory).resolve()
    }
}
