import Foundation
import Testing
@testable import SchemaGenCore
import SchemaGenImport

/// Bad input: each error names the object, and nothing is written.
@Suite struct ImportErrorTests {
    static func message(_ body: () async throws -> Void) async -> String {
        do {
            try await body()
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func missingAndUnreadableSQLiteFiles() async throws {
        let missing = await Self.message { _ = try SQLiteCatalogReader.read(path: "/nonexistent/shop.sqlite") }
        #expect(missing == "no SQLite database at '/nonexistent/shop.sqlite' (the file does not exist)")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("schemagen-import-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(String(repeating: "not a database\n", count: 100).utf8).write(to: URL(fileURLWithPath: path))
        let garbage = await Self.message { _ = try SQLiteCatalogReader.read(path: path) }
        #expect(garbage.hasPrefix("cannot read the SQLite database '\(path)'") && garbage.contains("not a database"), "\(garbage)")
    }

    @Test func aTableThatCannotBeMappedIsNamed() async throws {
        let message = try await FreshDatabase.sqlite("CREATE TABLE legacy (id REAL PRIMARY KEY, name TEXT);") { path in
            await Self.message { _ = try CatalogMapper.map(try SQLiteCatalogReader.read(path: path)) }
        }
        #expect(message.hasPrefix("table 'legacy' cannot be imported: its column 'id' is not a primary key of a type schemagen keys by"))
    }

    @Test func unreachableServer() async {
        let message = await Self.message { _ = try await PostgresCatalogReader.read(url: "postgres://nobody:secret@127.0.0.1:1/shop") }
        #expect(message.hasPrefix("cannot connect to PostgreSQL at 127.0.0.1:1/shop:"), "\(message)")
        #expect(!message.contains("secret"))
        let notAURL = await Self.message { _ = try await PostgresCatalogReader.read(url: "mysql://x") }
        #expect(notAURL == "not a PostgreSQL URL: expected postgres://user:password@host:port/database")
    }

    @Test(.postgres) func missingDatabaseSchemaAndPermission() async throws {
        let setting = PostgresSetting.current
        let missing = await Self.message { _ = try await PostgresCatalogReader.read(url: try setting.url(ofDatabase: "no_such_database")) }
        #expect(missing.contains("database \"no_such_database\" does not exist"), "\(missing)")
        try await FreshDatabase.postgres("CREATE TABLE t (id uuid PRIMARY KEY, name text);") { url in
            let noSchema = await Self.message { _ = try await PostgresCatalogReader.read(url: url, schema: "sales") }
            #expect(noSchema == "PostgreSQL has no schema 'sales'")
            // A role that may not connect to the database.
            let database = String(url.split(separator: "/").last!)
            let role = database + "_outsider"
            try FreshDatabase.psql(url, "REVOKE CONNECT ON DATABASE \(database) FROM PUBLIC; CREATE ROLE \(role) LOGIN;")
            defer { _ = try? FreshDatabase.psql(url, "DROP ROLE IF EXISTS \(role);") }
            var components = try #require(URLComponents(string: url))
            components.user = role
            components.password = nil
            let denied = await Self.message { _ = try await PostgresCatalogReader.read(url: components.string!) }
            #expect(denied.contains("permission denied for database"), "\(denied)")
        }
    }

    @Test func outputIsAllOrNothingAndNeverOverHandWrittenSchemas() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("schemagen-import-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("schemas").path
        let imported = try CatalogMapper.map(DatabaseCatalog(engine: .postgres, tables: [MappingTests.projects, MappingTests.users]))
        try ImportOutput.write(imported, to: output)
        try ImportOutput.write(imported, to: output)  // again: the same files
        #expect(try FileManager.default.contentsOfDirectory(atPath: output).sorted() == ["projects.yaml", "users.yaml"])
        #expect(try String(contentsOfFile: output + "/users.yaml", encoding: .utf8) == imported.files[1].contents)
        try Data("name: mine\n".utf8).write(to: URL(fileURLWithPath: output + "/mine.yaml"))
        #expect(throws: CatalogReadError("'\(output)' holds mine.yaml, which schemagen import did not write: import into an empty or new folder (--output)")) {
            try ImportOutput.write(imported, to: output)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: output).sorted() == ["mine.yaml", "projects.yaml", "users.yaml"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["schemas"], "no staging folder left behind")
    }
}
