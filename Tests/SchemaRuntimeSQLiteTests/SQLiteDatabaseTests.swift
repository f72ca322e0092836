import Foundation
import SchemaRuntime
import Testing
@testable import SchemaRuntimeSQLite

@Suite("SQLite: opening and the schema")
struct SQLiteSchemaTests {
    @Test("a new file gets the schema and user_version 1; reopening does not apply it again")
    func schemaOnNewFileOnly() async throws {
        try await withTemporaryFile { path in
            do {
                let database = try SQLiteDatabase(path: path, schema: testSchema)
                #expect(try await database.query("PRAGMA user_version", [])[0].int(0) == 1)
                try await database.execute("INSERT INTO users (id, email, name) VALUES (?, ?, ?)",
                                           [.uuid(alice), .text("alice@example.com"), .text("Alice")])
            }
            // Applying it again would fail (the tables exist) or lose the row.
            let reopened = try SQLiteDatabase(path: path, schema: testSchema)
            #expect(try await reopened.count("users") == 1)
            #expect(try await reopened.query("PRAGMA user_version", [])[0].int(0) == 1)
        }
    }

    @Test("an existing database with tables is left alone, even at user_version 0")
    func existingTablesLeftAlone() async throws {
        try await withTemporaryFile { path in
            do {
                let database = try SQLiteDatabase(path: path)
                try await database.execute("CREATE TABLE other (x INTEGER)", [])
            }
            let reopened = try SQLiteDatabase(path: path, schema: testSchema)
            #expect(try await reopened.query("PRAGMA user_version", [])[0].int(0) == 0)
            #expect(try await reopened.count("sqlite_master", where: "name = 'users'") == 0)
        }
    }

    @Test("the generated DDL applies", arguments: Storage.allCases)
    func generatedSchemaApplies(_ storage: Storage) async throws {
        try await storage.withDatabase(schema: try generatedSchema()) { database async throws in
            #expect(try await database.count("sqlite_master", where: "type = 'table' AND name IN ('users', 'projects', 'episodes')") == 3)
            #expect(try await database.query("PRAGMA user_version", [])[0].int(0) == 1)
        }
    }

    @Test("the generated immutability trigger refuses a change as permissionDenied")
    func generatedTrigger() async throws {
        let database = try SQLiteDatabase.inMemory(schema: try generatedSchema())
        for (id, email) in [(alice, "alice@example.com"), (bob, "bob@example.com")] {
            try await database.execute("INSERT INTO users (id, email, name, password_hash) VALUES (?, ?, ?, ?)",
                                       [.uuid(id), .text(email), .text("Someone"), .text("hash")])
        }
        let project = UUID()
        try await database.execute("INSERT INTO projects (id, title, genre, created_by) VALUES (?, ?, ?, ?)",
                                   [.uuid(project), .text("Pilot"), .text("drama"), .uuid(alice)])
        let error = await #expect(throws: DatabaseError.self) {
            try await database.execute("UPDATE projects SET created_by = ? WHERE id = ?", [.uuid(bob), .uuid(project)])
        }
        #expect(error?.kind == .permissionDenied)
        #expect(error?.message == "projects.created_by cannot be changed")
        // Full-text search triggers ran too.
        #expect(try await database.count("projects_title_search", where: "projects_title_search MATCH 'pilot'") == 1)
    }

    @Test("every connection has foreign keys on: the writer and the readers", arguments: Storage.allCases)
    func foreignKeysOn(_ storage: Storage) async throws {
        try await storage.withDatabase { database async throws in
            // Outside a transaction a read-only query goes to a reader (file) …
            #expect(try await database.query("PRAGMA foreign_keys", [])[0].int(0) == 1)
            // … inside one, to the writer.
            let inTransaction = try await database.transaction(as: .system) { tx in
                try await tx.query("PRAGMA foreign_keys", [])[0].int(0)
            }
            #expect(inTransaction == 1)
        }
    }

    @Test("a file is in WAL mode")
    func walMode() async throws {
        try await Storage.file.withDatabase { database async throws in
            #expect(try await database.query("PRAGMA journal_mode", [])[0].string(0) == "wal")
        }
    }
}

@Suite("SQLite: values")
struct SQLiteValueTests {
    static let date = JSONCoding.parseDate("2026-01-31T12:00:00.123Z")!
    static let injection = "'); DROP TABLE users; --"

    @Test("every SQLValue goes in and comes back", arguments: Storage.allCases)
    func roundTrip(_ storage: Storage) async throws {
        try await storage.withDatabase { database async throws in
            let id = UUID()
            try await database.execute("INSERT INTO users (id, email, name) VALUES (?, ?, ?)",
                                       [.uuid(id), .text("ünïcødé@example.com"), .text("Zoë 🎬 \"quoted\"")])
            let inserted = try await database.execute(
                "INSERT INTO items (id, owner, i, d, t, b, u, dt, j, v, bl) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [.int(1), .uuid(id), .int(Int64.min), .double(-1.5e-300), .text(Self.injection), .bool(true), .uuid(id),
                 .date(Self.date), .json(#"{"a":[1,"ß"]}"#), .vector([1.5, -0.25, .greatestFiniteMagnitude]), .blob([0, 255, 7])])
            #expect(inserted == 1)
            try await database.execute("INSERT INTO items (id) VALUES (?)", [.int(2)])
            try await database.execute(
                "INSERT INTO items (id, owner, i, d, t, b, u, dt, j, v, bl) VALUES (3, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Array(repeating: SQLValue.null, count: 10))

            let rows = try await database.query("SELECT owner, i, d, t, b, u, dt, j, v, bl FROM items ORDER BY id", [])
            #expect(rows.count == 3)
            let row = rows[0]
            #expect(try row.uuid(0) == id)
            #expect(try row.int(1) == Int(Int64.min))
            #expect(try row.double(2) == -1.5e-300)
            #expect(try row.string(3) == Self.injection)
            #expect(try row.bool(4) == true)
            #expect(try row.uuid(5) == id)
            #expect(try row.date(6) == Self.date)
            #expect(try row.string(7) == #"{"a":[1,"ß"]}"#)
            #expect(try row.vector(8) == [1.5, -0.25, .greatestFiniteMagnitude])
            #expect(row.values[9] == .blob([0, 255, 7]))
            for empty in rows[1...] {
                #expect(empty.values == Array(repeating: .null, count: 10))
            }
            // The injection was only text.
            #expect(try await database.count("users") == 1)
            #expect(try await database.query("SELECT name, email FROM users", [])[0].values == [.text("Zoë 🎬 \"quoted\""), .text("ünïcødé@example.com")])
            #expect(try await database.count("items", where: "t = ?", [.text(Self.injection)]) == 1)
        }
    }

    @Test("values are stored as docs/sql-mapping.md says")
    func storageFormats() async throws {
        let database = try SQLiteDatabase.inMemory(schema: testSchema)
        let id = try #require(UUID(uuidString: "6F1C2A4E-ABCD-4000-8000-00000000000F"))
        try await database.execute("INSERT INTO items (id, u, dt, b, v, j) VALUES (1, ?, ?, ?, ?, ?)",
                                   [.uuid(id), .date(Self.date), .bool(false), .vector([1, -2]), .json("[]")])
        let row = try await database.query("SELECT u, typeof(u), dt, b, typeof(b), hex(v), typeof(v), typeof(j) FROM items", [])[0]
        #expect(row.values == [
            .text("6f1c2a4e-abcd-4000-8000-00000000000f"), .text("text"),
            .text("2026-01-31T12:00:00.123Z"),
            .int(0), .text("integer"),
            .text("0000803F000000C0"), .text("blob"), // 1.0 and -2.0, little-endian float32
            .text("text"),
        ])
        // A UUID, date or boolean compares with what is stored.
        #expect(try await database.count("items", where: "u = ? AND dt = ? AND b = ?", [.uuid(id), .date(Self.date), .bool(false)]) == 1)
    }

    @Test("an empty blob or vector stays empty, not NULL")
    func emptyBlob() async throws {
        let database = try SQLiteDatabase.inMemory(schema: testSchema)
        try await database.execute("INSERT INTO items (id, v, bl) VALUES (1, ?, ?)", [.vector([]), .blob([])])
        let row = try await database.query("SELECT v, bl, typeof(v), typeof(bl) FROM items", [])[0]
        #expect(row.values == [.blob([]), .blob([]), .text("blob"), .text("blob")])
        #expect(try row.vector(0) == [])
    }

    @Test("reading goes by storage class: INTEGER, REAL, TEXT, BLOB, NULL")
    func readingByStorageClass() async throws {
        let database = try SQLiteDatabase.inMemory()
        let row = try await database.query("SELECT 42, 2.5, 'text', x'0102', NULL", [])[0]
        #expect(row.values == [.int(42), .double(2.5), .text("text"), .blob([1, 2]), .null])
    }

    @Test("execute counts the rows a statement changed itself", arguments: Storage.allCases)
    func changesCount(_ storage: Storage) async throws {
        try await storage.withDatabase { database async throws in
            for n in 1...3 {
                #expect(try await database.execute("INSERT INTO counters (name, value) VALUES (?, 0)", [.text("c\(n)")]) == 1)
            }
            #expect(try await database.execute("UPDATE counters SET value = value + 1", []) == 3)
            #expect(try await database.execute("UPDATE counters SET value = 1 WHERE name = 'none'", []) == 0)
            // Not the last INSERT's count again.
            #expect(try await database.execute("CREATE TABLE more (x INTEGER)", []) == 0)
            #expect(try await database.transaction(as: .system) { tx in try await tx.execute("DELETE FROM counters", []) } == 3)
        }
    }

    @Test("a query that writes (RETURNING) works outside a transaction", arguments: Storage.allCases)
    func returningOutsideTransaction(_ storage: Storage) async throws {
        try await storage.withDatabase { database async throws in
            let rows = try await database.query("INSERT INTO counters (name, value) VALUES (?, ?) RETURNING value", [.text("a"), .int(7)])
            #expect(rows.map(\.values) == [[.int(7)]])
        }
    }
}

@Suite("SQLite: transactions")
struct SQLiteTransactionTests {
    @Test("a transaction commits when its body returns", arguments: Storage.allCases)
    func commits(_ storage: Storage) async throws {
        try await storage.withDatabase { database async throws in
            let value = try await database.transaction(as: .user(alice, role: "user")) { tx in
                try await tx.execute("INSERT INTO counters (name, value) VALUES ('a', 1)", [])
                try await tx.execute("INSERT INTO counters (name, value) VALUES ('b', 2)", [])
                return try await tx.count("counters")
            }
            #expect(value == 2)
            #expect(try await database.count("counters") == 2)
        }
    }

    @Test("a transaction rolls back when its body throws, and the error comes through", arguments: Storage.allCases)
    func rollsBack(_ storage: Storage) async throws {
        try await storage.withDatabase { database async throws in
            await #expect(throws: Expected.self) {
                try await database.transaction(as: .system) { tx in
                    try await tx.execute("INSERT INTO counters (name, value) VALUES ('a', 1)", [])
                    throw Expected()
                }
            }
            #expect(try await database.count("counters") == 0)
            // And the writer is free again.
            try await database.execute("INSERT INTO counters (name, value) VALUES ('b', 1)", [])
            #expect(try await database.count("counters") == 1)
        }
    }

    @Test("a nested transaction is a savepoint: rolling it back keeps the rest", arguments: Storage.allCases)
    func nestedSavepoint(_ storage: Storage) async throws {
        try await storage.withDatabase { database async throws in
            try await database.transaction(as: .system) { tx in
                try await tx.execute("INSERT INTO counters (name, value) VALUES ('outer', 1)", [])
                await #expect(throws: Expected.self) {
                    try await tx.transaction(as: .system) { inner in
                        try await inner.execute("INSERT INTO counters (name, value) VALUES ('inner', 1)", [])
                        throw Expected()
                    }
                }
                _ = try await tx.transaction(as: .system) { inner in
                    try await inner.execute("INSERT INTO counters (name, value) VALUES ('kept', 1)", [])
                }
                try await tx.execute("INSERT INTO counters (name, value) VALUES ('after', 1)", [])
            }
            let names = try await database.query("SELECT name FROM counters ORDER BY name", []).map { try $0.string(0) }
            #expect(names == ["after", "kept", "outer"])
        }
    }

    @Test("inside a body, the database's own methods join the transaction instead of waiting for it", arguments: Storage.allCases)
    func databaseMethodsJoin(_ storage: Storage) async throws {
        try await storage.withDatabase { database async throws in
            await #expect(throws: Expected.self) {
                try await database.transaction(as: .system) { _ in
                    try await database.execute("INSERT INTO counters (name, value) VALUES ('a', 1)", [])
                    #expect(try await database.count("counters") == 1)
                    try await database.transaction(as: .system) { _ in
                        try await database.execute("INSERT INTO counters (name, value) VALUES ('b', 1)", [])
                    }
                    throw Expected()
                }
            }
            #expect(try await database.count("counters") == 0)
        }
    }

    @Test("outside the transaction, nobody sees its changes before it commits", arguments: Storage.allCases)
    func isolation(_ storage: Storage) async throws {
        try await storage.withDatabase { database async throws in
            let (insertedStream, inserted) = AsyncStream.makeStream(of: Void.self)
            let (checkedStream, checked) = AsyncStream.makeStream(of: Void.self)
            async let transaction: Void = database.transaction(as: .system) { tx in
                try await tx.execute("INSERT INTO counters (name, value) VALUES ('a', 1)", [])
                inserted.yield()
                for await _ in checkedStream { break }
            }
            for await _ in insertedStream { break }
            if storage == .file {
                // A reader sees the last committed state, at once.
                let seen = try await Task.detached { try await database.count("counters") }.value
                #expect(seen == 0)
                checked.yield()
            } else {
                // One connection: a read waits for the transaction.
                let read = Task.detached { try await database.count("counters") }
                try await Task.sleep(for: .milliseconds(50))
                checked.yield()
                #expect(try await read.value == 1)
            }
            try await transaction
            #expect(try await database.count("counters") == 1)
        }
    }

    @Test("the executor of an ended transaction refuses statements")
    func endedTransaction() async throws {
        let database = try SQLiteDatabase.inMemory(schema: testSchema)
        let escaped = try await database.transaction(as: .system) { tx in tx }
        let error = await #expect(throws: DatabaseError.self) {
            try await escaped.execute("INSERT INTO counters (name, value) VALUES ('late', 1)", [])
        }
        #expect(error?.message == "the transaction has ended")
        #expect(try await database.count("counters") == 0)
    }

    @Test("a cancelled transaction rolls back and frees the writer", arguments: Storage.allCases)
    func cancellation(_ storage: Storage) async throws {
        try await storage.withDatabase { database async throws in
            let (startedStream, started) = AsyncStream.makeStream(of: Void.self)
            let task = Task {
                try await database.transaction(as: .system) { tx in
                    try await tx.execute("INSERT INTO counters (name, value) VALUES ('a', 1)", [])
                    started.yield()
                    try await Task.sleep(for: .seconds(60))
                }
            }
            for await _ in startedStream { break }
            task.cancel()
            await #expect(throws: CancellationError.self) { try await task.value }
            #expect(try await database.count("counters") == 0)
            try await database.transaction(as: .system) { tx in
                try await tx.execute("INSERT INTO counters (name, value) VALUES ('b', 1)", [])
            }
            #expect(try await database.count("counters") == 1)
        }
    }

    @Test("8 tasks × 500 inserts, each in its own transaction, lose nothing", arguments: Storage.allCases)
    func concurrentInserts(_ storage: Storage) async throws {
        try await storage.withDatabase { database async throws in
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
            #expect(try await database.query("SELECT count(DISTINCT task) FROM entries", [])[0].int(0) == 8)
        }
    }

    @Test("concurrent read-then-write transactions never interleave", arguments: Storage.allCases)
    func counterSerializes(_ storage: Storage) async throws {
        try await storage.withDatabase { database async throws in
            try await database.execute("INSERT INTO counters (name, value) VALUES ('c', 0)", [])
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        for _ in 0..<50 {
                            try await database.transaction(as: .system) { tx in
                                let value = try await tx.query("SELECT value FROM counters WHERE name = 'c'", [])[0].int(0)
                                // Give the other task every chance to interleave.
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

@Suite("SQLite: errors")
struct SQLiteErrorTests {
    func database() async throws -> SQLiteDatabase {
        let database = try SQLiteDatabase.inMemory(schema: testSchema)
        try await database.execute("INSERT INTO users (id, email, name) VALUES (?, 'alice@example.com', 'Alice')", [.uuid(alice)])
        return database
    }

    func refusal(_ database: SQLiteDatabase, _ sql: String, _ arguments: [SQLValue] = []) async -> DatabaseError? {
        await #expect(throws: DatabaseError.self) { try await database.execute(sql, arguments) }
    }

    @Test("UNIQUE: the table and columns")
    func unique() async throws {
        let database = try await database()
        let error = await refusal(database, "INSERT INTO users (id, email, name) VALUES (?, 'alice@example.com', 'Other')", [.uuid(bob)])
        #expect(error?.kind == .uniqueViolation)
        #expect(error?.table == "users")
        #expect(error?.columns == ["email"])
        #expect(error?.message == "UNIQUE constraint failed: users.email")

        try await database.execute("INSERT INTO pairs (a, b) VALUES (1, 2)", [])
        let compound = await refusal(database, "INSERT INTO pairs (a, b) VALUES (1, 2)")
        #expect(compound?.kind == .uniqueViolation) // PRIMARY KEY
        #expect(compound?.table == "pairs")
        #expect(compound?.columns == ["a", "b"])

        let expression = await refusal(database, "INSERT INTO users (id, email, name) VALUES (?, 'b@example.com', 'ALICE')", [.uuid(bob)])
        #expect(expression?.kind == .uniqueViolation)
        #expect(expression?.constraint == "users_name_key")
    }

    @Test("CHECK: the constraint's name")
    func check() async throws {
        let error = await refusal(try await database(), "INSERT INTO users (id, email, name) VALUES (?, 'b@example.com', '')", [.uuid(bob)])
        #expect(error?.kind == .checkViolation)
        #expect(error?.constraint == "users_name_check")
    }

    @Test("FOREIGN KEY")
    func foreignKey() async throws {
        let error = await refusal(try await database(), "INSERT INTO items (id, owner) VALUES (1, ?)", [.uuid(bob)])
        #expect(error?.kind == .foreignKeyViolation)
    }

    @Test("NOT NULL: the table and column")
    func notNull() async throws {
        let error = await refusal(try await database(), "INSERT INTO users (id, email, name) VALUES (?, NULL, 'Bob')", [.uuid(bob)])
        #expect(error?.kind == .notNullViolation)
        #expect(error?.table == "users")
        #expect(error?.columns == ["email"])
    }

    @Test("RAISE(ABORT) in a trigger: permission denied, with the trigger's message")
    func trigger() async throws {
        let error = await refusal(try await database(), "UPDATE users SET email = 'new@example.com'")
        #expect(error?.kind == .permissionDenied)
        #expect(error?.message == "users.email cannot be changed")
    }

    @Test("anything else: other, with SQLite's message")
    func other() async throws {
        let database = try await database()
        let syntax = await refusal(database, "INSERT INTO nowhere VALUES (1)")
        #expect(syntax?.kind == .other)
        #expect(syntax?.message.contains("no such table: nowhere") == true)
        let type = await refusal(database, "INSERT INTO counters (name, value) VALUES ('a', 'not a number')")
        #expect(type?.kind == .other) // STRICT
    }

    @Test("a failed statement in a transaction leaves the transaction usable, as on PostgreSQL with a savepoint")
    func errorInsideTransaction() async throws {
        let database = try await database()
        try await database.transaction(as: .system) { tx in
            let error = await #expect(throws: DatabaseError.self) {
                try await tx.transaction(as: .system) { inner in
                    try await inner.execute("INSERT INTO users (id, email, name) VALUES (?, 'alice@example.com', 'B')", [.uuid(bob)])
                }
            }
            #expect(error?.kind == .uniqueViolation)
            try await tx.execute("INSERT INTO users (id, email, name) VALUES (?, 'bob@example.com', 'Bob')", [.uuid(bob)])
        }
        #expect(try await database.count("users") == 2)
    }
}
