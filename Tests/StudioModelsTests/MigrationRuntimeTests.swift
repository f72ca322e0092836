import Foundation
import SchemaRuntime
import SchemaRuntimePostgres
import SchemaRuntimeSQLite
@testable import SchemaGenCore
import StudioModels
import Testing

/// The runtime applies the generated migrations: a new database gets them all, an existing one
/// those it hasn't had, each in its own transaction, recorded in `schema_migrations`.
@Suite("Applying migrations")
struct MigrationRuntimeTests {
    /// A database of `backend` with nothing in it.
    private func withEmptyDatabase(_ backend: Backend, _ body: (any DatabaseExecutor, _ migrate: ([DatabaseMigration]) async throws -> [Int],
                                                                 _ applied: () async throws -> [Int]) async throws -> Void) async throws {
        switch backend {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("schemagen-\(UUID().uuidString).sqlite").path
            defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
            let database = try SQLiteDatabase(path: path, migrations: [])
            try await body(database, { try database.migrate($0) }, { try database.appliedMigrations() })
        case .postgres:
            guard let server = ProcessInfo.processInfo.environment["SCHEMAGEN_POSTGRES_URL"], !server.isEmpty else { throw PostgresRequired() }
            let name = "schemagen_migrate_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
            try await PostgresDatabase.withDatabase(url: server) { try await $0.execute("CREATE DATABASE \(name)", []) }
            var components = URLComponents(string: server)!
            components.path = "/" + name
            do {
                try await PostgresDatabase.withDatabase(url: components.string!) { database in
                    try await body(database, { try await database.migrate($0) }, { try await database.appliedMigrations() })
                }
            } catch {
                try? await PostgresDatabase.withDatabase(url: server) { try await $0.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", []) }
                throw error
            }
            try await PostgresDatabase.withDatabase(url: server) { try await $0.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", []) }
        }
    }

    private func tables(_ database: any DatabaseExecutor, _ backend: Backend) async throws -> [String] {
        let sql = backend == .sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'schema_migrations' ORDER BY name"
            : "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations' ORDER BY 1"
        return try await database.query(sql, []).map { try $0.string(0) }
    }

    @Test(arguments: Backend.available)
    func aNewDatabaseGetsEveryStudioMigrationOnce(_ backend: Backend) async throws {
        let migrations = backend == .sqlite ? DatabaseSchema.sqliteMigrations : DatabaseSchema.postgresMigrations
        #expect(migrations.map(\.version) == Array(1...migrations.count))
        try await withEmptyDatabase(backend) { database, migrate, applied in
            #expect(try await migrate(migrations) == migrations.map(\.version))
            #expect(try await migrate(migrations) == [])
            #expect(try await applied() == migrations.map(\.version))
            let migrated = try await tables(database, backend)
            #expect(migrated.contains("projects_collaborators") && migrated.contains("users"))
            // The same tables as the full DDL builds.
            let fresh = try SQLiteDatabase.inMemory(schema: DatabaseSchema.sqlite)
            if backend == .sqlite { #expect(migrated == (try await tables(fresh, .sqlite))) }
        }
    }

    @Test(arguments: Backend.available)
    func anExistingDatabaseGetsTheMigrationsItHasNotHad(_ backend: Backend) async throws {
        let users = """
            name: users
            principal: true
            fields:
              email: { type: email, required: true }
            """
        let v1 = try Pipeline.resolve([
            SchemaSource(path: "users.yaml", contents: users),
            SchemaSource(path: "notes.yaml", contents: "name: notes\nfields:\n  title: { type: string, required: true }\n  old: { type: int }\n  owner: { type: ref, to: users, required: true, onDelete: cascade }\n"),
        ])
        let v2 = try Pipeline.resolve([
            SchemaSource(path: "users.yaml", contents: users),
            SchemaSource(path: "notes.yaml", contents: "name: memos\nrenamedFrom: notes\nfields:\n  heading: { type: string, required: true, renamedFrom: title }\n  owner: { type: ref, to: users, required: true, onDelete: cascade }\n"),
        ])
        let dialect: SQLDialect = backend == .sqlite ? .sqlite : .postgres
        func migration(_ old: Schema?, _ new: Schema, _ version: Int) throws -> DatabaseMigration {
            let plan = try MigrationPlanner.plan(from: old.map(SchemaSnapshot.of) ?? .empty, to: new, snapshotPath: "snapshot.json")
            let file = Renderer.render(MigrationFilePlanner.plan(plan, version: version, name: "v\(version)"), with: .embedded())
                .first { $0.path.hasPrefix("Migrations/\(dialect.rawValue)/") }!
            return DatabaseMigration(version: version, name: "v\(version)", sql: file.contents)
        }
        let first = try migration(nil, v1, 1), second = try migration(v1, v2, 2)
        // Fails half-way: nothing of it may stay, and foreign keys must be on again.
        let broken = DatabaseMigration(version: 3, name: "broken", sql: """
            \(dialect == .sqlite ? "PRAGMA foreign_keys = OFF;" : "")
            BEGIN;
            CREATE TABLE leftovers (x integer);
            INSERT INTO no_such_table VALUES (1);
            INSERT INTO schema_migrations (version, name) VALUES (3, 'broken');
            COMMIT;
            """)
        try await withEmptyDatabase(backend) { database, migrate, applied in
            #expect(try await migrate([first]) == [1])
            let ann = UUID().uuidString.lowercased(), note = UUID().uuidString.lowercased()
            try await database.execute("INSERT INTO users (id, email) VALUES ('\(ann)', 'ann@example.com')", [])
            try await database.execute("INSERT INTO notes (id, title, old, owner) VALUES ('\(note)', 'Kept', 5, '\(ann)')", [])
            #expect(try await migrate([first, second]) == [2])
            let rows = try await database.query("SELECT heading, lower(CAST(owner AS text)) FROM memos", [])
            #expect(try rows.map { [try $0.string(0), try $0.string(1).lowercased()] } == [["Kept", ann]])

            await #expect(throws: (any Error).self) { try await migrate([first, second, broken]) }
            #expect(try await applied() == [1, 2])
            #expect(try await !tables(database, backend).contains("leftovers"))
            if backend == .sqlite {
                #expect(try await database.query("PRAGMA foreign_keys", []).first?.int(0) == 1)
            }
        }
    }
}
