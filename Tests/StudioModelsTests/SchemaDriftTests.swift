import Foundation
import SchemaGenSeed
import SchemaRuntime
import SchemaRuntimePostgres
import SchemaRuntimeSQLite
import StudioModels
import Testing

/// `schemagen diff` on real databases: a database built by the migrations has no drift from the
/// DDL; edits made behind the schemas' back are each found, and the statements it prints make
/// the database what the schemas say again.
@Suite("Drift against a live database")
struct SchemaDriftTests {
    @Test func sqlite() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("schemagen-drift-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let live = try SQLiteDatabase(path: path, migrations: DatabaseSchema.sqliteMigrations)
        let expected = try await SchemaDrift.catalog(of: try SQLiteDatabase.inMemory(schema: DatabaseSchema.sqlite))
        let clean = SchemaDrift.compare(live: try await SchemaDrift.catalog(of: live), expected: expected, dialect: .sqlite)
        #expect(clean.isClean, "\(clean.differences)")

        let index = try #require(expected.first { $0.kind == "index" })
        try await live.execute("DROP INDEX \(index.name)", [])
        try await live.execute("CREATE INDEX users_drift_idx ON users (email)", [])
        try await live.execute("ALTER TABLE users ADD COLUMN nickname TEXT", [])
        let drift = SchemaDrift.compare(live: try await SchemaDrift.catalog(of: live), expected: expected, dialect: .sqlite)
        #expect(Set(drift.differences.map { "\($0.change.rawValue) \($0.entry.kind) \($0.entry.table ?? "").\($0.entry.name)" })
            == ["missing index \(index.table!).\(index.name)", "extra index users.users_drift_idx", "extra column users.nickname"])
        #expect(drift.statements.contains("DROP INDEX users_drift_idx;"))
        #expect(drift.statements.contains { $0.hasPrefix("-- users: its columns or constraints differ") })

        // The statements (the rebuild note aside) put back what they can.
        for statement in drift.statements where !statement.hasPrefix("--") { try await live.execute(statement, []) }
        let after = SchemaDrift.compare(live: try await SchemaDrift.catalog(of: live), expected: expected, dialect: .sqlite)
        #expect(after.differences.map(\.description) == ["extra: column users.nickname: TEXT"])
    }

    @Test(.enabled(if: Backend.available.contains(.postgres))) func postgres() async throws {
        guard let server = ProcessInfo.processInfo.environment["SCHEMAGEN_POSTGRES_URL"], !server.isEmpty else { throw PostgresRequired() }
        let name = "schemagen_drift_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        try await PostgresDatabase.withDatabase(url: server) { try await $0.execute("CREATE DATABASE \(name)", []) }
        var components = URLComponents(string: server)!
        components.path = "/" + name
        try await PostgresDatabase.withDatabase(url: components.string!) { live in
            try await live.migrate(DatabaseSchema.postgresMigrations)
            let expected = try await SchemaDrift.expectedPostgresCatalog(ddl: DatabaseSchema.postgres, in: live)
            #expect(expected.count > 100)
            // The scratch schema is gone.
            let scratch = try await live.query("SELECT count(*)::bigint FROM pg_namespace WHERE nspname LIKE 'schemagen_diff_%'", [])
            #expect(try scratch.first?.int(0) == 0)
            let clean = SchemaDrift.compare(live: try await SchemaDrift.catalog(of: live), expected: expected, dialect: .postgres)
            #expect(clean.isClean, "\(clean.differences)")

            let index = try #require(expected.first { $0.kind == "index" })
            let policy = try #require(expected.first { $0.kind == "policy" })
            try await live.execute("DROP INDEX \(index.name)", [])
            try await live.execute("DROP POLICY \(policy.name) ON \(policy.table!)", [])
            try await live.execute("ALTER TABLE users ALTER COLUMN email DROP NOT NULL", [])
            try await live.execute("ALTER TABLE users ADD COLUMN nickname text", [])
            let drift = SchemaDrift.compare(live: try await SchemaDrift.catalog(of: live), expected: expected, dialect: .postgres)
            #expect(Set(drift.differences.map { "\($0.change.rawValue) \($0.entry.kind) \($0.entry.table ?? "").\($0.entry.name)" }) == [
                "missing index \(index.table!).\(index.name)", "missing policy \(policy.table!).\(policy.name)",
                "differs column users.email", "extra column users.nickname",
            ])
            for statement in drift.statements where !statement.hasPrefix("--") { try await live.execute(statement, []) }
            let after = SchemaDrift.compare(live: try await SchemaDrift.catalog(of: live), expected: expected, dialect: .postgres)
            #expect(after.isClean, "\(after.differences)\n\(drift.statements.joined(separator: "\n"))")
        }
        try await PostgresDatabase.withDatabase(url: server) { try await $0.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", []) }
    }
}
