import Foundation
import SchemaRuntime
import SchemaRuntimePostgres
import SchemaRuntimeSQLite
@testable import SchemaGenCore
import StudioModels
import Testing

/// The runtime's side of history integrity, on real SQLite and PostgreSQL: each applied
/// migration's checksum is recorded, a history that differs is refused before anything runs,
/// a database built from the DDL adopts the migrations with `baseline`, and two processes that
/// migrate one database at once apply each migration once.
@Suite("Migration history at run time")
struct MigrationHistoryRuntimeTests {
    /// What the tests do to a database, whichever engine.
    struct Target: Sendable {
        var backend: Backend
        /// The SQLite file, or the PostgreSQL database URL.
        var location: String

        /// A new connection (pool) to the database, for the life of `body`.
        func open<T: Sendable>(_ body: @Sendable (Connection) async throws -> T) async throws -> T {
            switch backend {
            case .sqlite:
                return try await body(Connection(sqlite: try SQLiteDatabase(path: location, schema: nil), postgres: nil))
            case .postgres:
                return try await PostgresDatabase.withDatabase(url: location) { try await body(Connection(sqlite: nil, postgres: $0)) }
            }
        }
    }

    struct Connection: Sendable {
        var sqlite: SQLiteDatabase?
        var postgres: PostgresDatabase?
        var executor: any DatabaseExecutor { sqlite ?? postgres! }

        func migrate(_ migrations: [DatabaseMigration]) async throws -> [Int] {
            if let sqlite {
                // Synchronous, so off the cooperative pool: another migrator may hold the lock for a while.
                return try await withCheckedThrowingContinuation { continuation in
                    DispatchQueue.global().async { continuation.resume(with: Result { try sqlite.migrate(migrations) }) }
                }
            }
            return try await postgres!.migrate(migrations)
        }

        func baseline(_ migrations: [DatabaseMigration]) async throws -> [Int] {
            if let sqlite { return try sqlite.baseline(migrations) }
            return try await postgres!.baseline(migrations)
        }

        func history() async throws -> [AppliedMigration] {
            if let sqlite { return try sqlite.migrationHistory() }
            return try await postgres!.migrationHistory()
        }

        func count(_ table: String) async throws -> Int {
            try await executor.query("SELECT count(*) FROM \(table)", []).first?.int(0) ?? -1
        }
    }

    /// An empty database of `backend`, dropped afterwards.
    private func withEmptyDatabase(_ backend: Backend, _ body: (Target) async throws -> Void) async throws {
        switch backend {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("schemagen-history-\(UUID().uuidString).sqlite").path
            defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
            try await body(Target(backend: .sqlite, location: path))
        case .postgres:
            guard let server = ProcessInfo.processInfo.environment["SCHEMAGEN_POSTGRES_URL"], !server.isEmpty else { throw PostgresRequired() }
            let name = "schemagen_history_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
            try await PostgresDatabase.withDatabase(url: server) { try await $0.execute("CREATE DATABASE \(name)", []) }
            var components = URLComponents(string: server)!
            components.path = "/" + name
            let drop = { try await PostgresDatabase.withDatabase(url: server) { try await $0.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", []) } }
            do {
                try await body(Target(backend: .postgres, location: components.string!))
            } catch {
                try? await drop()
                throw error
            }
            try await drop()
        }
    }

    /// A migration as `schemagen migrate` lays it out, with `steps` between BEGIN and the record.
    private func migration(_ version: Int, _ name: String, _ backend: Backend, _ steps: String) -> DatabaseMigration {
        let dialect: SQLDialect = backend == .sqlite ? .sqlite : .postgres
        return DatabaseMigration(version: version, name: name, sql: """
            -- Migration \(version) for a test.
            BEGIN;

            \(MigrationFilePlanner.migrationsTable(dialect))

            \(steps)

            INSERT INTO schema_migrations (version, name) VALUES (\(version), '\(name)');
            COMMIT;
            """)
    }

    private func counterMigrations(_ backend: Backend) -> [DatabaseMigration] {
        [migration(1, "counter", backend, "CREATE TABLE counter (n integer NOT NULL);"),
         migration(2, "count_two", backend, "INSERT INTO counter (n) VALUES (2);"),
         migration(3, "count_three", backend, "INSERT INTO counter (n) VALUES (3);")]
    }

    @Test(arguments: Backend.available)
    func checksumsAreRecordedAndAnEditedMigrationIsRefused(_ backend: Backend) async throws {
        let migrations = counterMigrations(backend)
        try await withEmptyDatabase(backend) { target in
            try await target.open { database in
                let value1 = try await database.migrate(Array(migrations[0...1]))
                #expect(value1 == [1, 2])
                let value2 = try await database.history()
                #expect(value2 == migrations[0...1].map { AppliedMigration(version: $0.version, name: $0.name, checksum: $0.checksum) })

                // Migration 2 edited after it was applied: nothing runs, not even 3.
                var edited = migrations
                edited[1].sql = edited[1].sql.replacingOccurrences(of: "VALUES (2)", with: "VALUES (20)")
                await #expect(throws: MigrationHistoryError.changedMigration(
                    applied: AppliedMigration(version: 2, name: "count_two", checksum: migrations[1].checksum), expected: edited[1])) {
                    try await database.migrate(edited)
                }
                // Renamed (another branch's migration 2).
                var renamed = migrations
                renamed[1].name = "add_color"
                await #expect(throws: MigrationHistoryError.self) { try await database.migrate(renamed) }
                // Two migrations numbered 3 (a merge): refused.
                let duplicate = migrations + [migration(3, "count_other", backend, "INSERT INTO counter (n) VALUES (33);")]
                await #expect(throws: MigrationHistoryError.duplicateVersion(3, names: ["0003_count_other", "0003_count_three"])) {
                    try await database.migrate(duplicate)
                }
                // An older build that lacks migration 2.
                await #expect(throws: MigrationHistoryError.unknownMigration(
                    AppliedMigration(version: 2, name: "count_two", checksum: migrations[1].checksum))) {
                    try await database.migrate([migrations[0]])
                }
                let value3 = try await database.count("counter")
                #expect(value3 == 1)
                let value4 = try await database.history().map(\.version)
                #expect(value4 == [1, 2])

                // The same history goes on.
                let value5 = try await database.migrate(migrations)
                #expect(value5 == [3])
                let value6 = try await database.count("counter")
                #expect(value6 == 2)
            }
        }
    }

    @Test(arguments: Backend.available)
    func aMigrationInsertedBeforeAppliedOnesIsRefused(_ backend: Backend) async throws {
        let migrations = counterMigrations(backend)
        try await withEmptyDatabase(backend) { target in
            try await target.open { database in
                let value7 = try await database.migrate([migrations[0], migrations[2]])
                #expect(value7 == [1, 3])
                await #expect(throws: MigrationHistoryError.skippedMigration(migrations[1], newestApplied: 3)) {
                    try await database.migrate(migrations)
                }
            }
        }
    }

    @Test(arguments: Backend.available)
    func aMigrationRecordedWithoutAChecksumGetsOne(_ backend: Backend) async throws {
        let migrations = counterMigrations(backend)
        try await withEmptyDatabase(backend) { target in
            try await target.open { database in
                try await database.migrate(Array(migrations[0...1]))
                // As `sqlite3 < file` or `psql -f file` leaves it.
                try await database.executor.execute("UPDATE schema_migrations SET checksum = NULL", [])
                let value8 = try await database.migrate(migrations)
                #expect(value8 == [3])
                let value9 = try await database.history().map(\.checksum)
                #expect(value9 == migrations.map(\.checksum))
            }
        }
    }

    /// Two application instances start at once against one database: each migration is applied
    /// once, by one of them; the other waits for the lock and finds it done.
    @Test(arguments: Backend.available)
    func twoMigratorsAtOnceApplyEachMigrationOnce(_ backend: Backend) async throws {
        let slow = backend == .sqlite
            ? "INSERT INTO filler (n) WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200000) SELECT x FROM c;"
            : "SELECT pg_sleep(0.3);"
        let migrations = (1...6).map { version in
            version == 1 ? migration(1, "counter", backend, "CREATE TABLE counter (n integer NOT NULL);\nCREATE TABLE filler (n integer NOT NULL);")
                : migration(version, "step_\(version)", backend, "\(slow)\nINSERT INTO counter (n) VALUES (\(version));")
        }
        try await withEmptyDatabase(backend) { target in
            for round in 0..<2 {
                // The second round starts from three applied.
                let list = round == 0 ? Array(migrations[0...2]) : migrations
                async let first = target.open { try await $0.migrate(list) }
                async let second = target.open { try await $0.migrate(list) }
                let (a, b) = try await (first, second)
                #expect(Set(a).isDisjoint(with: b), "both applied \(Set(a).intersection(b))")
                #expect((a + b).sorted() == (round == 0 ? [1, 2, 3] : [4, 5, 6]))
            }
            try await target.open { database in
                let value10 = try await database.count("counter")
                #expect(value10 == 5)
                let value11 = try await database.history().map(\.version)
                #expect(value11 == Array(1...6))
            }
        }
    }

    /// The race of the test above, made certain: migration 1 does what another process would do
    /// between this one's look at the history and its turn at migration 2 (make its table and
    /// record it). Migration 2 is then skipped whole; on SQLite its `CREATE TABLE` used to be
    /// compiled anyway, and fail with "table … already exists".
    @Test(arguments: Backend.available)
    func aMigrationAppliedMeanwhileIsSkippedWhole(_ backend: Backend) async throws {
        let second = migration(2, "made_elsewhere", backend, "CREATE TABLE made_elsewhere (n integer NOT NULL);")
        let first = migration(1, "counter", backend, """
            CREATE TABLE counter (n integer NOT NULL);
            CREATE TABLE made_elsewhere (n integer NOT NULL);
            INSERT INTO schema_migrations (version, name) VALUES (2, 'made_elsewhere');
            """)
        try await withEmptyDatabase(backend) { target in
            try await target.open { database in
                let applied = try await database.migrate([first, second])
                #expect(applied == [1])
                let history = try await database.history().map(\.version)
                #expect(history == [1, 2])
            }
        }
    }

    /// A database built from the DDL (no migrations recorded) adopts them: `baseline` records
    /// every migration as applied, and migrate-on-open then has nothing to do.
    @Test(arguments: Backend.available)
    func aDatabaseBuiltFromTheDDLAdoptsTheMigrations(_ backend: Backend) async throws {
        let migrations = backend == .sqlite ? DatabaseSchema.sqliteMigrations : DatabaseSchema.postgresMigrations
        try await withEmptyDatabase(backend) { target in
            try await target.open { database in
                // Nothing there yet: not a database built from the DDL.
                await #expect(throws: MigrationBaselineError.noSchema) { try await database.baseline(migrations) }
                // (The refused baseline rolled back: the database is still empty.)
            }
            switch backend {
            case .sqlite: _ = try SQLiteDatabase(path: target.location, schema: DatabaseSchema.sqlite)
            case .postgres: try await PostgresDatabase.withDatabase(url: target.location) { try await $0.apply(schema: DatabaseSchema.postgres) }
            }
            try await target.open { database in
                let value12 = try await database.baseline(migrations)
                #expect(value12 == migrations.map(\.version))
                let value13 = try await database.migrate(migrations)
                #expect(value13 == [])
                let value14 = try await database.history().map(\.checksum)
                #expect(value14 == migrations.map(\.checksum))
                await #expect(throws: MigrationBaselineError.alreadyMigrated(migrations.map(\.version))) { try await database.baseline(migrations) }
            }
        }
    }

    /// `migrate --concurrent-indexes`: a new index on a table with rows is built CONCURRENTLY
    /// after the migration's transaction, by the runtime as by psql.
    @Test(.enabled(if: Backend.available.contains(.postgres))) func concurrentIndexesAreBuiltAfterTheTransaction() async throws {
        let users = "name: users\nprincipal: true\nfields:\n  email: { type: email, required: true }\n"
        let notes = "name: notes\nfields:\n  title: { type: string, required: true }\n  owner: { type: ref, to: users, required: true, onDelete: cascade }\n"
        let v1 = try Pipeline.resolve([SchemaSource(path: "users.yaml", contents: users), SchemaSource(path: "notes.yaml", contents: notes)])
        let v2 = try Pipeline.resolve([SchemaSource(path: "users.yaml", contents: users),
                                       SchemaSource(path: "notes.yaml", contents: notes + "indexes:\n  - fields: [owner, title]\n")])
        func migration(_ old: Schema?, _ new: Schema, _ version: Int) throws -> DatabaseMigration {
            let plan = try MigrationPlanner.plan(from: old.map(SchemaSnapshot.of) ?? .empty, to: new, snapshotPath: "s.json", concurrentIndexes: true)
            let file = Renderer.render(MigrationFilePlanner.plan(plan, version: version, name: "v\(version)"), with: .embedded())
                .first { $0.path.hasPrefix("Migrations/postgres/") }!
            return DatabaseMigration(version: version, name: "v\(version)", sql: file.contents)
        }
        let first = try migration(nil, v1, 1), second = try migration(v1, v2, 2)
        #expect(!first.sql.contains("CONCURRENTLY"), "a new table has no rows to wait for")
        let afterCommit = try #require(second.sql.components(separatedBy: "COMMIT;").last)
        #expect(afterCommit.contains("DROP INDEX CONCURRENTLY IF EXISTS notes_owner_title_idx;\nCREATE INDEX CONCURRENTLY notes_owner_title_idx ON notes (owner, title);"))
        try await withEmptyDatabase(.postgres) { target in
            try await target.open { database in
                let applied = try await database.migrate([first])
                #expect(applied == [1])
                let ann = UUID().uuidString.lowercased()
                try await database.executor.execute("INSERT INTO users (id, email) VALUES ('\(ann)', 'ann@example.com')", [])
                try await database.executor.execute("INSERT INTO notes (id, title, owner) VALUES ('\(UUID().uuidString.lowercased())', 'Kept', '\(ann)')", [])
                let second = try await database.migrate([first, second])
                #expect(second == [2])
                let valid = try await database.executor.query("""
                    SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'notes_owner_title_idx'
                    """, [])
                #expect(try valid.first?.bool(0) == true)
            }
        }
    }

    /// A reference added to a table with rows: the runtime adds its foreign key NOT VALID in the
    /// migration's transaction and runs the VALIDATE after it. A row that points at nothing fails
    /// that VALIDATE with `MigrationAfterCommitError` naming the key, the row and the statement;
    /// the migration stays recorded, and the VALIDATE by hand passes once the row is fixed.
    @Test(.enabled(if: Backend.available.contains(.postgres)), arguments: [false, true])
    func foreignKeysAreValidatedAfterTheTransaction(_ violating: Bool) async throws {
        let users = "name: users\nprincipal: true\nfields:\n  email: { type: email, required: true }\n"
        let notes = "name: notes\nfields:\n  title: { type: string, required: true }\n  editor: { type: uuid }\n"
        let v1 = try Pipeline.resolve([SchemaSource(path: "users.yaml", contents: users), SchemaSource(path: "notes.yaml", contents: notes)])
        let v2 = try Pipeline.resolve([SchemaSource(path: "users.yaml", contents: users),
                                       SchemaSource(path: "notes.yaml", contents: notes.replacingOccurrences(of: "{ type: uuid }", with: "{ type: ref, to: users }"))])
        func migration(_ old: Schema?, _ new: Schema, _ version: Int) throws -> DatabaseMigration {
            let plan = try MigrationPlanner.plan(from: old.map(SchemaSnapshot.of) ?? .empty, to: new, snapshotPath: "s.json")
            let file = Renderer.render(MigrationFilePlanner.plan(plan, version: version, name: "v\(version)"), with: .embedded())
                .first { $0.path.hasPrefix("Migrations/postgres/") }!
            return DatabaseMigration(version: version, name: "v\(version)", sql: file.contents)
        }
        let first = try migration(nil, v1, 1), second = try migration(v1, v2, 2)
        let validate = "ALTER TABLE notes VALIDATE CONSTRAINT notes_editor_fkey;"
        #expect(try #require(second.sql.components(separatedBy: "COMMIT;").last).contains(validate))
        try await withEmptyDatabase(.postgres) { target in
            try await target.open { database in
                #expect(try await database.migrate([first]) == [1])
                let ann = UUID().uuidString.lowercased(), stray = UUID().uuidString.lowercased()
                try await database.executor.execute("INSERT INTO users (id, email) VALUES ('\(ann)', 'ann@example.com')", [])
                try await database.executor.execute("INSERT INTO notes (id, title, editor) VALUES ('\(UUID().uuidString.lowercased())', 'Kept', '\(violating ? stray : ann)')", [])
                let validated = "SELECT convalidated::text FROM pg_constraint WHERE conname = 'notes_editor_fkey'"
                if violating {
                    do {
                        _ = try await database.migrate([first, second])
                        Issue.record("a row that points at nothing passed the VALIDATE")
                    } catch let error as MigrationAfterCommitError {
                        #expect(error.statement + ";" == validate)
                        #expect(error.description.contains("for a foreign key, the rows that point at nothing"))
                        #expect(error.underlying.contains("violates foreign key constraint \"notes_editor_fkey\""), "\(error)")
                    }
                    #expect(try await database.history().map(\.version) == [1, 2])
                    #expect(try await database.executor.query(validated, []).first?.string(0) == "false")
                    try await database.executor.execute("UPDATE notes SET editor = NULL", [])
                    try await database.executor.execute(validate, [])
                } else {
                    #expect(try await database.migrate([first, second]) == [2])
                }
                #expect(try await database.executor.query(validated, []).first?.string(0) == "true")
            }
        }
    }
}
