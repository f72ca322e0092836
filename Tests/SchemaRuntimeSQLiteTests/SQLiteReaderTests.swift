import Foundation
import SchemaRuntime
import Testing
@testable import SchemaRuntimeSQLite

/// The read-only connections (`SQLiteReaders`) that run a file's read-only queries outside a
/// transaction, on real files.
@Suite("SQLite: the read connections")
struct SQLiteReaderTests {
    @Test("a read-only query outside a transaction runs on a read connection; a query that writes does not")
    func readsGoToReaders() async throws {
        try await withTemporaryFile { path in
            let database = try SQLiteDatabase(path: path, schema: testSchema)
            let readers = try #require(database.readers)
            #expect(readers.idleCount == 0)
            #expect(try await database.count("users") == 0)
            #expect(readers.idleCount == 1)
            // RETURNING writes: the writer runs it, and a reader sees the row it committed.
            let returned = try await database.query("INSERT INTO counters (name, value) VALUES ('a', 7) RETURNING value", [])
            #expect(returned.map(\.values) == [[.int(7)]])
            #expect(try await database.query("SELECT value FROM counters WHERE name = ?", [.text("a")]).map(\.values) == [[.int(7)]])
        }
    }

    @Test("readers see each committed write at once: a statement, a transaction, a rollback")
    func readersSeeCommittedWrites() async throws {
        try await withTemporaryFile { path in
            let database = try SQLiteDatabase(path: path, schema: testSchema)
            for value in 1...20 {
                try await database.execute("INSERT INTO counters (name, value) VALUES (?, ?)", [.text("c\(value)"), .int(Int64(value))])
                // The same prepared statement, read again after each write.
                #expect(try await database.query("SELECT sum(value) FROM counters", [])[0].int(0) == value * (value + 1) / 2)
            }
            try await database.transaction(as: .system) { tx in
                try await tx.execute("UPDATE counters SET value = 0", [])
            }
            #expect(try await database.count("counters", where: "value = 0") == 20)
            await #expect(throws: Expected.self) {
                try await database.transaction(as: .system) { tx in
                    try await tx.execute("DELETE FROM counters", [])
                    throw Expected()
                }
            }
            #expect(try await database.count("counters") == 20)
        }
    }

    @Test("a read inside a transaction sees the transaction's own uncommitted write; a reader outside does not")
    func readInTransactionSeesItsWrites() async throws {
        try await withTemporaryFile { path in
            let database = try SQLiteDatabase(path: path, schema: testSchema)
            try await database.transaction(as: .system) { tx in
                try await tx.execute("INSERT INTO users (id, email, name) VALUES (?, 'alice@example.com', 'Alice')", [.uuid(alice)])
                // The transaction's executor, the database's own methods, and `read(as:)` inside it.
                #expect(try await tx.count("users") == 1)
                #expect(try await database.count("users") == 1)
                let read = try await database.read(as: .system) { db in try await db.count("users") }
                #expect(read == 1)
                // Another task, outside the transaction, reads the committed state from a reader.
                let outside = try await Task.detached { try await database.count("users") }.value
                #expect(outside == 0)
            }
            #expect(try await database.count("users") == 1)
        }
    }

    @Test("8 reader tasks and one writer at once: every read succeeds and never goes back in time")
    func concurrentReadersAndWriter() async throws {
        try await withTemporaryFile { path in
            let database = try SQLiteDatabase(path: path, schema: testSchema)
            let writes = 300
            let writer = Task {
                for n in 1...writes {
                    try await database.transaction(as: .system) { tx in
                        try await tx.execute("INSERT INTO entries (task, n) VALUES (0, ?)", [.int(Int64(n))])
                    }
                }
            }
            let seen = try await withThrowingTaskGroup(of: (Bool, Int).self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        var last = 0
                        var ordered = true
                        for _ in 0..<200 {
                            // Rows commit in order: the count and the highest n agree in a snapshot.
                            let row = try await database.query("SELECT count(*), coalesce(max(n), 0) FROM entries", [])[0]
                            let count = try row.int(0)
                            let highest = try row.int(1)
                            ordered = ordered && count >= last && count == highest
                            last = count
                        }
                        return (ordered, last)
                    }
                }
                return try await group.reduce(into: [(Bool, Int)]()) { $0.append($1) }
            }
            try await writer.value
            #expect(seen.count == 8)
            #expect(seen.allSatisfy { $0.0 && $0.1 <= writes })
            #expect(try await database.count("entries") == writes)
            #expect(try #require(database.readers).idleCount >= 1)
        }
    }

    @Test("errors from a reader map as the writer's do; the vector functions work there too")
    func errorsAndFunctions() async throws {
        try await withTemporaryFile { path in
            let database = try SQLiteDatabase(path: path, schema: testSchema)
            let missing = await #expect(throws: DatabaseError.self) { try await database.query("SELECT nope FROM users", []) }
            #expect(missing?.kind == .other)
            #expect(missing?.message.contains("no such column: nope") == true)
            let arity = await #expect(throws: DatabaseError.self) { try await database.query("SELECT ? FROM users", []) }
            #expect(arity?.message.contains("wrong number of statement arguments") == true)
            // Still usable after the errors.
            #expect(try await database.count("users") == 0)
            let distances = try await database.query(
                "SELECT schemagen_l2_distance(?, ?), schemagen_cosine_distance(?, ?), schemagen_l2_distance(?, ?)",
                [.vector([0, 3]), .vector([4, 0]), .vector([1, 0]), .vector([0, 1]), .vector([1]), .vector([1, 2])])
            #expect(distances[0].values == [.double(5), .double(1), .null])
        }
    }

    @Test("the file is in WAL mode, and one writer connection is all GRDB opens: reads go to our readers")
    func walWithOneWriter() async throws {
        try await withTemporaryFile { path in
            let database = try SQLiteDatabase(path: path, schema: testSchema)
            #expect(try await database.query("PRAGMA journal_mode", []).map(\.values) == [[.text("wal")]])
            #expect(String(describing: type(of: database.writer)) == "DatabaseQueue")
            // A reader reads beside a transaction that holds the write lock.
            try await database.transaction(as: .system) { transaction in
                try await transaction.execute("INSERT INTO counters (name, value) VALUES ('a', 1)", [])
                let outside = try await Task.detached { try await database.count("counters") }.value
                #expect(outside == 0)
            }
            #expect(try await database.count("counters") == 1)
        }
    }

    @Test("every SQL function of SQLiteFunctions is on the writer and on the readers, and gives the same value through both")
    func functionsOnWriterAndReaders() async throws {
        try await withTemporaryFile { path in
            let database = try SQLiteDatabase(path: path, schema: testSchema)
            let readers = try #require(database.readers)
            #expect(!SQLiteFunctions.all.isEmpty)
            for function in SQLiteFunctions.all {
                let listed = "SELECT count(*) FROM pragma_function_list WHERE name = ? AND narg = ?"
                let arguments: [SQLValue] = [.text(function.name), .int(Int64(function.argumentCount))]
                // Outside a transaction, a read-only query runs on a read connection.
                #expect(try await database.query(listed, arguments).map(\.values) == [[.int(1)]], "\(function.name) on a reader")
                // In a transaction, on the writer.
                let onWriter = try await database.transaction(as: .system) { try await $0.query(listed, arguments) }
                #expect(onWriter.map(\.values) == [[.int(1)]], "\(function.name) on the writer")
            }
            #expect(readers.idleCount >= 1)
            // A write computes with it (the writer), a read (a reader) computes the same.
            let a = SQLValue.vector([1, 2, 2]), b = SQLValue.vector([0, 0, 0])
            try await database.execute("INSERT INTO items (id, d) VALUES (1, schemagen_l2_distance(?, ?))", [a, b])
            #expect(try await database.query("SELECT d FROM items WHERE id = 1", []).map(\.values) == [[.double(3)]])
            #expect(try await database.query("SELECT schemagen_l2_distance(?, ?)", [a, b]).map(\.values) == [[.double(3)]])
            let written = try await database.query("INSERT INTO items (id, d) VALUES (2, 0) RETURNING schemagen_inner_product(?, ?)", [a, a])
            #expect(written.map(\.values) == [[.double(9)]])
        }
    }

    #if os(Linux)
    @Test("the database's connections, the readers' with them, close when the database goes")
    func readersCloseWithTheDatabase() async throws {
        try await withTemporaryFile { path in
            do {
                let database = try SQLiteDatabase(path: path, schema: testSchema)
                // Several readers at once, so that more than one connection opens.
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<4 {
                        group.addTask { for _ in 0..<50 { _ = try await database.count("users") } }
                    }
                    try await group.waitForAll()
                }
                #expect(try #require(database.readers).idleCount >= 1)
                // The writer's file descriptor, and at least one reader's.
                #expect(try openDescriptors(of: path) >= 2)
            }
            #expect(try openDescriptors(of: path) == 0)
        }
    }

    /// How many of this process's file descriptors are open on `path`.
    func openDescriptors(of path: String) throws -> Int {
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        return try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").filter { fd in
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + fd)) == target
        }.count
    }
    #endif
}
