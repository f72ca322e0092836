import Foundation
import Logging
import SchemaRuntime
import Testing
@testable import SchemaRuntimePostgres

@Suite("PostgreSQL: schema", .postgres)
struct PostgresSchemaTests {
    @Test("the generated DDL applies, functions with $$ bodies included")
    func generatedSchemaApplies() async throws {
        try await FreshDatabase.with(schema: try generatedSchema()) { database, _ async throws in
            let tables = try await database.count("pg_tables", where: "schemaname = 'public' AND tablename IN ('users', 'projects', 'episodes')")
            #expect(tables == 3)
            #expect(try await database.count("pg_proc", where: "proname = 'projects_keep_immutable'") == 1)
            #expect(try await database.count("pg_policies", where: "tablename = 'projects'") >= 4)
        }
    }

    @Test("a script that fails applies nothing")
    func failedScriptAppliesNothing() async throws {
        try await FreshDatabase.with(schema: nil) { database, _ async throws in
            await #expect(throws: DatabaseError.self) {
                try await database.apply(schema: "CREATE TABLE a (x int); CREATE TABLE b (x nonsense);")
            }
            #expect(try await database.count("pg_tables", where: "tablename = 'a'") == 0)
        }
    }
}

@Suite("PostgreSQL: values", .postgres)
struct PostgresValueTests {
    static let date = JSONCoding.parseDate("2026-01-31T12:00:00.123Z")!
    static let injection = "'); DROP TABLE users; --"

    @Test("every SQLValue goes in and comes back, NULLs of every column type included")
    func roundTrip() async throws {
        try await FreshDatabase.with { database, _ async throws in
            let id = UUID()
            try await database.execute("INSERT INTO users (id, email, name) VALUES (?, ?, ?)",
                                       [.uuid(id), .text("ünïcødé@example.com"), .text("Zoë 🎬 \"quoted\" ?")])
            let inserted = try await database.execute(
                "INSERT INTO items (id, owner, i, small, d, t, b, u, dt, j, v, bl) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [.int(1), .uuid(id), .int(Int64.min), .int(-7), .double(-1.5e-300), .text(Self.injection), .bool(true), .uuid(id),
                 .date(Self.date), .json(#"{"a": [1, "ß"]}"#), .vector([1.5, -0.25, .greatestFiniteMagnitude]), .blob([0, 255, 7])])
            #expect(inserted == 1)
            try await database.execute(
                "INSERT INTO items (id, owner, i, small, d, t, b, u, dt, j, v, bl) VALUES (2, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Array(repeating: SQLValue.null, count: 11))
            try await database.execute("INSERT INTO items (id, v, bl, j) VALUES (3, ?, ?, ?)", [.vector([]), .blob([]), .json("[]")])

            let rows = try await database.query("SELECT owner, i, small, d, t, b, u, dt, j, v, bl FROM items ORDER BY id", [])
            #expect(rows.count == 3)
            #expect(rows[0].values == [
                .uuid(id), .int(Int64.min), .int(-7), .double(-1.5e-300), .text(Self.injection), .bool(true), .uuid(id),
                .date(Self.date), .json(#"{"a": [1, "ß"]}"#), .vector([1.5, -0.25, .greatestFiniteMagnitude]), .blob([0, 255, 7]),
            ])
            #expect(rows[1].values == Array(repeating: .null, count: 11))
            #expect(rows[2].values[9...10] == [.vector([]), .blob([])])
            #expect(try rows[0].date(7) == Self.date)
            #expect(try await database.query("SELECT name, email FROM users", [])[0].values == [.text("Zoë 🎬 \"quoted\" ?"), .text("ünïcødé@example.com")])
            #expect(try await database.count("items", where: "t = ? AND dt = ? AND u = ?", [.text(Self.injection), .date(Self.date), .uuid(id)]) == 1)
            #expect(try await database.count("users") == 1)
        }
    }

    @Test("insertAll sends each column as an array: every SQLValue, NULLs, several statements, and a column of mixed kinds")
    func insertAll() async throws {
        try await FreshDatabase.with { database, _ async throws in
            let columns = ["id", "i", "small", "d", "t", "b", "u", "dt", "j", "v", "bl"]
            let count = PostgresBulkInsert.rowsPerStatement * 2 + 3
            let rows: [[SQLValue]] = (1...count).map { n in
                guard n % 4 != 0 else { return [.int(Int64(n))] + Array(repeating: .null, count: columns.count - 1) }
                return [
                    .int(Int64(n)), .int(Int64(n) * 1_000_000_007), .int(Int64(n % 30_000)), .double(Double(n) / 3),
                    .text("row \(n) ' \" {x}, é\\"), .bool(n % 2 == 0), .uuid(UUID()),
                    // Whole microseconds since 1970, as the server keeps them.
                    .date(Date(timeIntervalSince1970: Double(1_700_000_000_123_456 + Int64(n) * 1_000_001) / 1_000_000)),
                    .json("{\"a\": [1, null], \"n\": \(n)}"), .vector([1.5, Float(n) / 7, -0.25]), .blob([0, 1, 255, UInt8(n % 256)]),
                ]
            }
            #expect(try await database.insertAll(into: "items", columns: columns, rows: rows) == count)
            let read = try await database.query("SELECT \(columns.joined(separator: ", ")) FROM items ORDER BY id", [])
            #expect(read.count == count)
            for (row, written) in zip(read, rows) where row.values != written {
                Issue.record("read back \(row.values), wrote \(written)")
                break
            }

            // An integer among texts: no array type fits the column, so those rows go as VALUES.
            let mixed: [[SQLValue]] = [[.int(-1), .text("a")], [.int(-2), .int(5)]]
            #expect(try await database.insertAll(into: "items", columns: ["id", "t"], rows: mixed) == 2)
            #expect(try await database.query("SELECT t FROM items WHERE id < 0 ORDER BY id DESC", []).map(\.values) == [[.text("a")], [.text("5")]])
        }
    }

    @Test("dates keep microseconds; the server stores what was sent")
    func dates() async throws {
        try await FreshDatabase.with { database, _ async throws in
            let micro = Date(timeIntervalSince1970: 1_790_000_000.123456)
            let row = try await database.query("SELECT ?::timestamptz, to_char(?::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')",
                                               [.date(micro), .date(Self.date)])[0]
            #expect(abs(try row.date(0).timeIntervalSince(micro)) < 0.000_001)
            #expect(try row.string(1) == "2026-01-31T12:00:00.123Z")
        }
    }

    @Test("reading goes by type: integers, floats, numeric, text, json, arrays")
    func readingByType() async throws {
        try await FreshDatabase.with(schema: nil) { database, _ async throws in
            let row = try await database.query("""
                SELECT 1::int2, 2::int4, 3::int8, 1.5::float4, 2.5::float8, 3.25::numeric, 'x'::varchar, 'y'::name,
                       '{"a":1}'::json, '{"a": 1}'::jsonb, '{1,2}'::float8[], NULL::text, true, 'z'
                """, [])[0]
            #expect(row.values == [.int(1), .int(2), .int(3), .double(1.5), .double(2.5), .decimal(3.25), .text("x"), .text("y"),
                                   .json(#"{"a":1}"#), .json(#"{"a": 1}"#), .vector([1, 2]), .null, .bool(true), .text("z")])
            let error = await #expect(throws: DatabaseError.self) { try await database.query("SELECT interval '1 day' AS span", []) }
            #expect(error?.message.contains("span") == true)
        }
    }

    @Test("execute counts the rows a statement changed")
    func changesCount() async throws {
        try await FreshDatabase.with { database, _ async throws in
            for n in 1...3 {
                #expect(try await database.execute("INSERT INTO counters (name, value) VALUES (?, 0)", [.text("c\(n)")]) == 1)
            }
            #expect(try await database.execute("UPDATE counters SET value = value + 1", []) == 3)
            #expect(try await database.execute("UPDATE counters SET value = 1 WHERE name = 'none'", []) == 0)
            #expect(try await database.execute("CREATE TABLE more (x int)", []) == 0)
            #expect(try await database.transaction(as: .system) { tx in try await tx.execute("DELETE FROM counters", []) } == 3)
        }
    }
}

@Suite("PostgreSQL: transactions", .postgres)
struct PostgresTransactionTests {
    @Test("a transaction commits when its body returns")
    func commits() async throws {
        try await FreshDatabase.with { database, _ async throws in
            let value = try await database.transaction(as: .system) { tx in
                try await tx.execute("INSERT INTO counters (name, value) VALUES ('a', 1)", [])
                try await tx.execute("INSERT INTO counters (name, value) VALUES ('b', 2)", [])
                return try await tx.count("counters")
            }
            #expect(value == 2)
            #expect(try await database.count("counters") == 2)
        }
    }

    @Test("a transaction rolls back when its body throws, and the error comes through")
    func rollsBack() async throws {
        try await FreshDatabase.with { database, _ async throws in
            await #expect(throws: Expected.self) {
                try await database.transaction(as: .system) { tx in
                    try await tx.execute("INSERT INTO counters (name, value) VALUES ('a', 1)", [])
                    throw Expected()
                }
            }
            #expect(try await database.count("counters") == 0)
        }
    }

    @Test("a nested transaction is a savepoint: rolling it back keeps the rest, and the transaction goes on")
    func nestedSavepoint() async throws {
        try await FreshDatabase.with { database, _ async throws in
            try await database.execute("INSERT INTO users (id, email, name) VALUES (?, 'alice@example.com', 'Alice')", [.uuid(alice)])
            try await database.transaction(as: .system) { tx in
                try await tx.execute("INSERT INTO counters (name, value) VALUES ('outer', 1)", [])
                await #expect(throws: Expected.self) {
                    try await tx.transaction(as: .system) { inner in
                        try await inner.execute("INSERT INTO counters (name, value) VALUES ('inner', 1)", [])
                        throw Expected()
                    }
                }
                // A failed statement in a savepoint does not abort the transaction.
                let error = await #expect(throws: DatabaseError.self) {
                    try await tx.transaction(as: .system) { inner in
                        try await inner.execute("INSERT INTO users (id, email, name) VALUES (?, 'alice@example.com', 'B')", [.uuid(bob)])
                    }
                }
                #expect(error?.kind == .uniqueViolation)
                _ = try await tx.transaction(as: .system) { inner in
                    try await inner.execute("INSERT INTO counters (name, value) VALUES ('kept', 1)", [])
                }
                try await tx.execute("INSERT INTO counters (name, value) VALUES ('after', 1)", [])
            }
            let names = try await database.query("SELECT name FROM counters ORDER BY name", []).map { try $0.string(0) }
            #expect(names == ["after", "kept", "outer"])
        }
    }

    @Test("a body that swallows a failed statement does not commit: the transaction reports its rollback")
    func swallowedFailure() async throws {
        try await FreshDatabase.with { database, _ async throws in
            let error = await #expect(throws: DatabaseError.self) {
                try await database.transaction(as: .system) { tx in
                    try await tx.execute("INSERT INTO counters (name, value) VALUES ('a', 1)", [])
                    _ = try? await tx.execute("INSERT INTO counters (name, value) VALUES ('a', 1)", [])
                }
            }
            #expect(error?.message.contains("rolled back") == true)
            #expect(try await database.count("counters") == 0)
        }
    }

    @Test("inside a body, the database's own methods join the transaction")
    func databaseMethodsJoin() async throws {
        try await FreshDatabase.with { database, _ async throws in
            await #expect(throws: Expected.self) {
                try await database.transaction(as: .system) { tx in
                    let pid = try await tx.query("SELECT pg_backend_pid()", [])[0].int(0)
                    #expect(try await database.query("SELECT pg_backend_pid()", [])[0].int(0) == pid)
                    try await database.execute("INSERT INTO counters (name, value) VALUES ('a', 1)", [])
                    #expect(try await database.count("counters") == 1)
                    throw Expected()
                }
            }
            #expect(try await database.count("counters") == 0)
        }
    }

    @Test("the executor of an ended transaction refuses statements")
    func endedTransaction() async throws {
        try await FreshDatabase.with { database, _ async throws in
            let escaped = try await database.transaction(as: .system) { tx in tx }
            let error = await #expect(throws: DatabaseError.self) {
                try await escaped.execute("INSERT INTO counters (name, value) VALUES ('late', 1)", [])
            }
            #expect(error?.message == "the transaction has ended")
        }
    }

    @Test("the caller is set for the transaction only, and does not leak into the next one")
    func callerSettings() async throws {
        try await FreshDatabase.with(schema: try generatedSchema()) { database, _ async throws in
            let settings = "SELECT current_setting('app.user_id', true), current_setting('app.role', true), schemagen_user_id(), schemagen_role(), pg_backend_pid()"
            let asAlice = try await database.transaction(as: .user(alice, role: "admin")) { tx in try await tx.query(settings, [])[0] }
            #expect(Array(asAlice.values[0..<4]) == [.text(alice.uuidString.lowercased()), .text("admin"), .uuid(alice), .text("admin")])

            // The pool hands the same idle connection to the next transactions: nothing is left.
            let system = try await database.transaction(as: .system) { tx in try await tx.query(settings, [])[0] }
            #expect(system.values[4] == asAlice.values[4])
            #expect(system.values[2] == .null && system.values[3] == .null)
            #expect(system.values[0] != asAlice.values[0])
            let anonymous = try await database.transaction(as: .anonymous) { tx in try await tx.query(settings, [])[0] }
            #expect(Array(anonymous.values[0..<4]) == [.text(""), .text(""), .null, .null])
            let outside = try await database.query(settings, [])[0]
            #expect(outside.values[2] == .null)

            // A nested transaction as someone else runs as them, then gives the caller back.
            try await database.transaction(as: .user(alice, role: "user")) { tx in
                let inner = try await tx.transaction(as: .user(bob, role: "admin")) { inner in try await inner.query(settings, [])[0] }
                #expect(inner.values[2] == .uuid(bob))
                #expect(try await tx.query(settings, [])[0].values[2] == .uuid(alice))
            }
        }
    }

    @Test("a read runs outside any transaction as its caller, whom its connection's next lease does not inherit")
    func reads() async throws {
        try await FreshDatabase.with(schema: try generatedSchema(), maximumConnections: 1) { database, _ async throws in
            let caller = "SELECT schemagen_user_id(), schemagen_role(), pg_backend_pid()"
            let asAlice = try await database.read(as: .user(alice, role: "admin")) { db in try await db.query(caller, [])[0] }
            #expect(Array(asAlice.values[0..<2]) == [.uuid(alice), .text("admin")])
            let asBob = try await database.transaction(as: .user(bob, role: "user")) { tx in try await tx.query(caller, [])[0] }
            #expect(Array(asBob.values[0..<2]) == [.uuid(bob), .text("user")])
            #expect(asBob.values[2] == asAlice.values[2])
            #expect(Array(try await database.query(caller, [])[0].values[0..<2]) == [.null, .null])

            // now() is the transaction's start: the same for two statements of a transaction, not
            // for two of a read (each its own implicit transaction).
            let twice: @Sendable (any DatabaseExecutor) async throws -> [SQLValue] = { db in
                [try await db.query("SELECT now(), pg_sleep(0.01)::text", [])[0].values[0], try await db.query("SELECT now()", [])[0].values[0]]
            }
            let inRead = try await database.read(as: .anonymous, twice)
            #expect(inRead[0] != inRead[1])
            let inTransaction = try await database.transaction(as: .anonymous, twice)
            #expect(inTransaction[0] == inTransaction[1])
            #expect(try await database.read(as: .anonymous) { db in try await db.query(caller, [])[0] }.values[0] == .null)
            #expect(try await database.read(as: .system) { db in try await db.query(caller, [])[0] }.values[0] == .null)
            #expect(try await database.read(as: .user(bob, role: "user")) { db in try await db.query(caller, [])[0] }.values[0] == .uuid(bob))

            // In a read, a transaction as someone else, then the read's caller again; the
            // database's own methods join the read.
            try await database.read(as: .user(alice, role: "user")) { db in
                let inner = try await db.transaction(as: .user(bob, role: "admin")) { tx in try await tx.query(caller, [])[0] }
                #expect(Array(inner.values[0..<2]) == [.uuid(bob), .text("admin")])
                #expect(try await db.query(caller, [])[0].values[0] == .uuid(alice))
                #expect(try await database.query(caller, [])[0].values[0] == .uuid(alice))
            }
            // A transaction that fails leaves nothing of its caller.
            await #expect(throws: DatabaseError.self) {
                try await database.transaction(as: .user(alice, role: "admin")) { tx in try await tx.execute("SELECT 1 / 0", []) }
            }
            #expect(try await database.read(as: .anonymous) { db in try await db.query(caller, [])[0] }.values[0] == .null)
            let escaped = try await database.read(as: .anonymous) { db in db }
            await #expect(throws: DatabaseError.self) { try await escaped.query(caller, []) }
        }
    }

    @Test("queries on their own and in reads are prepared once per connection, and prepared again when a table they read has changed")
    func preparedQueries() async throws {
        try await FreshDatabase.with(maximumConnections: 1) { database, _ async throws in
            try await database.execute("INSERT INTO counters (name, value) VALUES ('a', 1)", [])
            let select = "SELECT * FROM counters WHERE name = ?"
            let prepared = "SELECT count(*) FROM pg_prepared_statements WHERE statement = 'SELECT * FROM counters WHERE name = $1'"
            #expect(try await database.query(select, [.text("a")]).map(\.values) == [[.text("a"), .int(1)]])
            #expect(try await database.read(as: .anonymous) { db in try await db.query(select, [.text("a")]) }.map(\.values) == [[.text("a"), .int(1)]])
            #expect(try await database.query(prepared, [])[0].values == [.int(1)])

            // Its rows change type: the prepared statement no longer fits, and is replaced.
            try await database.execute("ALTER TABLE counters ADD COLUMN note text", [])
            for _ in 0..<2 {
                #expect(try await database.read(as: .system) { db in try await db.query(select, [.text("a")]) }.map(\.values) == [[.text("a"), .int(1), .null]])
            }
            #expect(try await database.query(prepared, [])[0].values == [.int(2)])
        }
    }

    @Test("8 tasks × 500 inserts, each in its own transaction, lose nothing")
    func concurrentInserts() async throws {
        try await FreshDatabase.with { database, _ async throws in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for task in 0..<8 {
                    group.addTask {
                        for n in 0..<500 {
                            try await database.transaction(as: .system) { tx in
                                try await tx.execute("INSERT INTO entries (task, n) VALUES (?, ?)", [.int(Int64(task)), .int(Int64(n))])
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await database.count("entries") == 4000)
        }
    }

    @Test("concurrent read-then-write transactions with SELECT … FOR UPDATE lose no update")
    func counterWithRowLock() async throws {
        try await FreshDatabase.with { database, _ async throws in
            try await database.execute("INSERT INTO counters (name, value) VALUES ('c', 0)", [])
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        for _ in 0..<50 {
                            try await database.transaction(as: .system) { tx in
                                let value = try await tx.query("SELECT value FROM counters WHERE name = 'c' FOR UPDATE", [])[0].int(0)
                                await Task.yield()
                                try await tx.execute("UPDATE counters SET value = ? WHERE name = 'c'", [.int(Int64(value + 1))])
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await database.query("SELECT value FROM counters", [])[0].int(0) == 100)
        }
    }
}

@Suite("PostgreSQL: errors", .postgres)
struct PostgresErrorTests {
    func refusal(_ database: PostgresDatabase, _ sql: String, _ arguments: [SQLValue] = []) async -> DatabaseError? {
        await #expect(throws: DatabaseError.self) { try await database.execute(sql, arguments) }
    }

    @Test("unique, check, foreign key, not null, a trigger's insufficient_privilege, and the rest")
    func mapping() async throws {
        try await FreshDatabase.with { database, _ async throws in
            try await database.execute("INSERT INTO users (id, email, name) VALUES (?, 'alice@example.com', 'Alice')", [.uuid(alice)])

            let unique = await refusal(database, "INSERT INTO users (id, email, name) VALUES (?, 'alice@example.com', 'B')", [.uuid(bob)])
            #expect(unique?.kind == .uniqueViolation)
            #expect(unique?.constraint == "users_email_key")
            #expect(unique?.table == "users")
            #expect(unique?.columns == ["email"])
            #expect(unique?.message.contains("alice@example.com") == false) // the detail, with the value, stays out

            try await database.execute("INSERT INTO pairs (a, b) VALUES (1, 2)", [])
            let compound = await refusal(database, "INSERT INTO pairs (a, b) VALUES (1, 2)")
            #expect(compound?.kind == .uniqueViolation)
            #expect(compound?.constraint == "pairs_pkey")
            #expect(compound?.columns == ["a", "b"])

            let check = await refusal(database, "INSERT INTO users (id, email, name) VALUES (?, 'b@example.com', '')", [.uuid(bob)])
            #expect(check?.kind == .checkViolation)
            #expect(check?.constraint == "users_name_check")

            let foreignKey = await refusal(database, "INSERT INTO items (id, owner) VALUES (1, ?)", [.uuid(bob)])
            #expect(foreignKey?.kind == .foreignKeyViolation)
            #expect(foreignKey?.constraint == "items_owner_fkey")

            let notNull = await refusal(database, "INSERT INTO users (id, email, name) VALUES (?, NULL, 'Bob')", [.uuid(bob)])
            #expect(notNull?.kind == .notNullViolation)
            #expect(notNull?.table == "users")
            #expect(notNull?.columns == ["email"])

            let trigger = await refusal(database, "UPDATE users SET email = 'new@example.com'")
            #expect(trigger?.kind == .permissionDenied)
            #expect(trigger?.message == "users.email cannot be changed; really")

            let other = await refusal(database, "INSERT INTO nowhere VALUES (1)")
            #expect(other?.kind == .other)
            #expect(other?.message == #"relation "nowhere" does not exist"#)
        }
    }

    @Test("row-level security refuses as permissionDenied, and sees the transaction's caller")
    func rowLevelSecurity() async throws {
        try await FreshDatabase.with(schema: nil) { _, fresh async throws in
            // The tables' owner is held to the policies (FORCE), unlike the superuser.
            let owner = fresh.roleName("owner")
            try await FreshDatabase.admin(try fresh.url(), [
                "CREATE ROLE \(owner) LOGIN NOSUPERUSER NOBYPASSRLS",
                "GRANT ALL ON SCHEMA public TO \(owner)",
            ])
            try await PostgresDatabase.withDatabase(url: try fresh.url(user: owner)) { database in
                try await database.apply(schema: try generatedSchema())
                for (id, email) in [(alice, "alice@example.com"), (bob, "bob@example.com")] {
                    try await database.transaction(as: .anonymous) { tx in
                        try await tx.execute("INSERT INTO users (id, email, name, password_hash) VALUES (?, ?, 'Someone', 'hash')", [.uuid(id), .text(email)])
                    }
                }
                let project = UUID()
                let insertProject = "INSERT INTO projects (id, title, genre, created_by) VALUES (?, 'Pilot', 'drama', ?)"
                let refused = await #expect(throws: DatabaseError.self) {
                    try await database.transaction(as: .anonymous) { tx in try await tx.execute(insertProject, [.uuid(project), .uuid(alice)]) }
                }
                #expect(refused?.kind == .permissionDenied)
                #expect(refused?.message.contains("row-level security") == true)

                try await database.transaction(as: .user(alice, role: "user")) { tx in
                    try await tx.execute(insertProject, [.uuid(project), .uuid(alice)])
                }
                #expect(try await database.transaction(as: .user(alice, role: "user")) { tx in try await tx.count("projects") } == 1)
                #expect(try await database.transaction(as: .user(bob, role: "user")) { tx in try await tx.count("projects") } == 0)
                #expect(try await database.transaction(as: .user(bob, role: "admin")) { tx in try await tx.count("projects") } == 1)

                let immutable = await #expect(throws: DatabaseError.self) {
                    try await database.transaction(as: .user(alice, role: "user")) { tx in
                        try await tx.execute("UPDATE projects SET created_by = ? WHERE id = ?", [.uuid(bob), .uuid(project)])
                    }
                }
                #expect(immutable?.kind == .permissionDenied)

                // Rows as arrays are held to the policies row by row: one that is not the caller's
                // refuses the whole statement.
                let bulk = await #expect(throws: DatabaseError.self) {
                    try await database.transaction(as: .user(alice, role: "user")) { tx in
                        try await tx.insertAll(into: "projects", columns: ["id", "title", "genre", "created_by"], rows: [
                            [.uuid(UUID()), .text("Mine"), .text("drama"), .uuid(alice)],
                            [.uuid(UUID()), .text("Bob's"), .text("drama"), .uuid(bob)],
                        ])
                    }
                }
                #expect(bulk?.kind == .permissionDenied)
                #expect(try await database.transaction(as: .user(bob, role: "admin")) { tx in try await tx.count("projects") } == 1)
            }
        }
    }
}

@Suite("PostgreSQL: client lifecycle", .postgres)
struct PostgresLifecycleTests {
    /// Collects what PostgresNIO logs at warning level or above.
    struct WarningCollector: LogHandler {
        let messages: Locked<[String]>
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .warning

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String,
                 file: String, function: String, line: UInt) {
            messages.withLock { $0.append("\(level): \(message)") }
        }
    }

    @Test("statements sent the moment run() is started wait for the pool, without PostgresNIO's warning")
    func noLeaseBeforeRun() async throws {
        let messages = Locked<[String]>([])
        let logger = Logger(label: "test") { _ in WarningCollector(messages: messages) }
        let database = try PostgresDatabase(url: try PostgresSetting.current.serverURL(), logger: logger)
        // The statements race the pool's start: several of them, before run() has had a turn.
        async let statements: Void = withThrowingDiscardingTaskGroup { group in
            for _ in 0..<4 {
                group.addTask {
                    let rows = try await database.query("SELECT 1", [])
                    #expect(try rows[0].int(0) == 1)
                }
            }
        }
        let pool = Task { await database.run() }
        try await statements
        database.shutdown()
        await pool.value
        #expect(messages.withLock { $0 }.isEmpty)
    }
}
