import Foundation
import SchemaRuntime
import Testing
@testable import SchemaRuntimePostgres

/// `insertAll` by COPY for the system context on a role row-level security does not hold, by
/// arrays (`unnest`) for everyone else: both store the same rows, COPY fails as a whole, and a
/// role held to the policies never reaches COPY.
@Suite("PostgreSQL: insertAll by COPY", .postgres)
struct PostgresCopyTests {
    static let alice = UUID(uuidString: "00000000-0000-0000-0000-0000000000a1")!
    static let bob = UUID(uuidString: "00000000-0000-0000-0000-0000000000b0")!

    /// A table of every kind of value, and a statement trigger that logs the first word of the
    /// statement that inserted (`COPY` or `INSERT`): which path a batch took.
    static let schema = """
        CREATE TYPE mood AS ENUM ('calm', 'it''s \\ odd', 'tab\tinside');
        CREATE TABLE paths (statement text NOT NULL);
        CREATE TABLE values_table (
            id bigint PRIMARY KEY,
            owner uuid,
            t text, n text, j jsonb, tags text[], counts bigint[], flags boolean[],
            d numeric, day date, at timestamptz, wall timestamp, u uuid, b boolean, f double precision,
            v real[], bl bytea, m mood
        );
        CREATE UNIQUE INDEX values_table_t_key ON values_table (t) WHERE t LIKE 'unique:%';
        CREATE FUNCTION log_path() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
        BEGIN
            INSERT INTO paths VALUES (split_part(current_query(), ' ', 1));
            RETURN NULL;
        END $$;
        CREATE TRIGGER values_table_path AFTER INSERT ON values_table FOR EACH STATEMENT EXECUTE FUNCTION log_path();
        ALTER TABLE values_table ENABLE ROW LEVEL SECURITY;
        CREATE POLICY values_table_own ON values_table
            USING (owner::text = current_setting('app.user_id', true))
            WITH CHECK (owner::text = current_setting('app.user_id', true));
        """

    /// Every column but the enum's: rows of a caller go as arrays (`unnest`).
    static let columns = ["id", "owner", "t", "n", "j", "tags", "counts", "flags", "d", "day", "at", "wall", "u", "b", "f", "v", "bl"]
    /// With the enum's: rows of a caller go as rows of VALUES (an array of text would need a cast).
    static let enumColumns = columns + ["m"]

    /// Values COPY's text format must escape or spell exactly, cycled over the rows.
    static let texts = ["it's", "back\\slash", "tab\tand\nnewline\r\nCR", "NULL", "", "\\N", "Zoë 🎬 \"quoted\"", "\\.", "end\\"]

    static func rows(_ ids: ClosedRange<Int>, owner: UUID = alice, withEnum: Bool = false) -> [[SQLValue]] {
        ids.map { key in
            // The values depend on the key's last four digits: keys 1… and 10,001… get the same.
            let id = key % 10_000
            let n = id % texts.count
            let text = texts[n]
            let width = withEnum ? enumColumns.count : columns.count
            guard id % 7 != 3 else { return [.int(Int64(key)), .uuid(owner)] + Array(repeating: SQLValue.null, count: width - 2) }
            let json = String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
            return [
                .int(Int64(key)), .uuid(owner), .text(text), n == 3 ? .null : .text("NULL"),
                .json(#"{"text": \#(json), "n": [1, 2.5, null]}"#),
                .array(#"["a,b", "{c}", "NULL", "quote\"", "back\\slash", ""]"#, element: "text"),
                .array("[\(id), -9007199254740993]", element: "bigint"), .array("[true, false]", element: "boolean"),
                .decimal(Decimal(string: "-1234567890123456789.0000000001")!),
                .calendarDate(CalendarDate(year: 1 + id % 9999, month: 2, day: 28)!),
                .date(Date(timeIntervalSince1970: Double(1_700_000_000_123_456 + Int64(id) * 1_000_001) / 1_000_000)),
                .timestamp(Date(timeIntervalSince1970: -2_000_000_000.5)),
                .uuid(UUID(uuidString: "00000000-0000-4000-8000-\(String(100_000_000_000 + id).suffix(12))")!), .bool(id % 2 == 0), .double([0.1, -1.5e-300, .infinity, 1 / 3][id % 4]),
                .vector([1.5, Float(id) / 7, -.infinity]), .blob([0, 9, 10, 13, 92, 255]),
            ] + (withEnum ? [.enumValue(["calm", "it's \\ odd", "tab\tinside"][id % 3])] : [])
        }
    }

    /// Every column but the id, as the server prints the row (`to_jsonb`), in id order.
    static func stored(_ database: any DatabaseExecutor, _ ids: ClosedRange<Int>) async throws -> [String] {
        try await database.query("SELECT (to_jsonb(r) - 'id')::text FROM values_table r WHERE id BETWEEN ? AND ? ORDER BY id",
                                 [.int(Int64(ids.lowerBound)), .int(Int64(ids.upperBound))]).map { try $0.string(0) }
    }

    /// The rows of `copied` and `unnested` are the same, row by row.
    static func expectSame(_ database: any DatabaseExecutor, _ copied: ClosedRange<Int>, _ unnested: ClosedRange<Int>) async throws {
        let byCopy = try await stored(database, copied), byArrays = try await stored(database, unnested)
        #expect(byCopy.count == copied.count && byArrays.count == unnested.count)
        for (copy, arrays) in zip(byCopy, byArrays) where copy != arrays {
            Issue.record("COPY stored \(copy)\nthe arrays \(arrays)")
            return
        }
    }

    static func paths(_ database: any DatabaseExecutor) async throws -> [String] {
        let paths = try await database.query("SELECT statement FROM paths", []).map { try $0.string(0) }
        try await database.execute("DELETE FROM paths", [])
        return paths
    }

    @Test("COPY and arrays store identical rows: quotes, backslashes, tabs, newlines, NULL and 'NULL', unicode, JSON, arrays, decimals, dates, enums")
    func bothPathsStoreTheSameRows() async throws {
        try await FreshDatabase.with(schema: Self.schema) { database, _ in
            let count = PostgresCopy.minimumRows + 40
            // The superuser, as the system: COPY.
            let copied = 1...count
            #expect(try await database.transaction(as: .system) { tx in
                try await tx.insertAll(into: "values_table", columns: Self.columns, rows: Self.rows(copied))
            } == count)
            #expect(try await Self.paths(database) == ["COPY"])
            // A caller: arrays.
            let unnested = 10_001...(10_000 + count)
            #expect(try await database.transaction(as: .user(Self.alice, role: "user")) { tx in
                try await tx.insertAll(into: "values_table", columns: Self.columns, rows: Self.rows(unnested))
            } == count)
            #expect(try await Self.paths(database) == ["INSERT"])
            try await Self.expectSame(database, copied, unnested)

            // With the enum column: COPY against rows of VALUES.
            try await database.execute("DELETE FROM values_table", [])
            try await database.insertAll(into: "values_table", columns: Self.enumColumns, rows: Self.rows(copied, withEnum: true))
            try await database.transaction(as: .user(Self.alice, role: "user")) { tx in
                try await tx.insertAll(into: "values_table", columns: Self.enumColumns, rows: Self.rows(unnested, withEnum: true))
            }
            #expect(try await Self.paths(database) == ["COPY", "INSERT"])
            try await Self.expectSame(database, copied, unnested)
            #expect(try await database.query("SELECT DISTINCT m::text FROM values_table WHERE m IS NOT NULL ORDER BY 1", []).map { try $0.string(0) }
                    == ["calm", "it's \\ odd", "tab\tinside"])

            // What was written is what is read, through the typed reads.
            let written = Self.rows(copied)
            let read = try await database.query("SELECT t, n, d, at, wall, b, f, v, bl, u FROM values_table WHERE id <= ? ORDER BY id", [.int(Int64(count))])
            #expect(read.count == count)
            for (row, values) in zip(read, written) where values[2] != .null {
                guard case .timestamp(let wall) = values[11] else { continue }
                #expect(row.values == [values[2], values[3], values[8], values[10], .date(wall), values[13], values[14], values[15], values[16], values[12]])
            }
            #expect(try await database.query("SELECT count(*) FROM values_table WHERE n IS NULL AND t = 'NULL'", [])[0].int(0) > 0)
            #expect(try await database.query("SELECT count(*) FROM values_table WHERE n = 'NULL'", [])[0].int(0) > 0)
            #expect(try await database.query("SELECT count(*) FROM values_table WHERE t = ''", [])[0].int(0) > 0)
        }
    }

    @Test("a duplicate key in a COPY batch inserts nothing and fails as a unique violation naming the index")
    func duplicateInsertsNothing() async throws {
        try await FreshDatabase.with(schema: Self.schema) { database, _ in
            let rows = Self.rows(1...(PostgresCopy.minimumRows + 5))
            var duplicateKey = rows
            duplicateKey[rows.count - 1][0] = .int(1)
            let keyRows = duplicateKey
            let duplicate = await #expect(throws: DatabaseError.self) {
                try await database.transaction(as: .system) { tx in
                    try await tx.insertAll(into: "values_table", columns: Self.columns, rows: keyRows)
                }
            }
            #expect(duplicate?.kind == .uniqueViolation)
            #expect(duplicate?.constraint == "values_table_pkey")
            // A unique index on another column, and a batch outside any transaction.
            var duplicateText = rows
            duplicateText[10][2] = .text("unique:x")
            duplicateText[20][2] = .text("unique:x")
            let textRows = duplicateText
            let index = await #expect(throws: DatabaseError.self) {
                try await database.insertAll(into: "values_table", columns: Self.columns, rows: textRows)
            }
            #expect(index?.kind == .uniqueViolation)
            #expect(index?.constraint == "values_table_t_key")
            #expect(try await database.count("values_table") == 0)
            #expect(try await Self.paths(database) == [])
            // The transaction goes on after a savepoint's failed COPY.
            duplicateText[20][2] = .text("unique:y")
            let fixedRows = duplicateText
            try await database.transaction(as: .system) { tx in
                await #expect(throws: DatabaseError.self) {
                    try await tx.transaction(as: .system) { inner in
                        try await inner.insertAll(into: "values_table", columns: Self.columns, rows: textRows)
                    }
                }
                try await tx.insertAll(into: "values_table", columns: Self.columns, rows: fixedRows)
            }
            #expect(try await database.count("values_table") == rows.count)
            #expect(try await Self.paths(database) == ["COPY"])
        }
    }

    @Test("a NOBYPASSRLS role goes through arrays even as the system, and the policies refuse rows not the caller's")
    func rowLevelSecurityKeepsArrays() async throws {
        try await FreshDatabase.with(schema: Self.schema) { database, fresh in
            let app = fresh.roleName("app")
            try await FreshDatabase.admin(try fresh.url(), [
                "CREATE ROLE \(app) LOGIN NOSUPERUSER NOBYPASSRLS",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO \(app)",
            ])
            let count = PostgresCopy.minimumRows + 1
            try await PostgresDatabase.withDatabase(url: try fresh.url(user: app)) { appDatabase in
                // The system context is nobody to the policies: every row refused.
                let system = await #expect(throws: DatabaseError.self) {
                    try await appDatabase.transaction(as: .system) { tx in
                        try await tx.insertAll(into: "values_table", columns: Self.columns, rows: Self.rows(1...count))
                    }
                }
                #expect(system?.kind == .permissionDenied)
                // One row of bob's among alice's: refused as a whole.
                var bobs = Self.rows(1...count)
                bobs[count / 2][1] = .uuid(Self.bob)
                let rows = bobs
                let mixed = await #expect(throws: DatabaseError.self) {
                    try await appDatabase.transaction(as: .user(Self.alice, role: "user")) { tx in
                        try await tx.insertAll(into: "values_table", columns: Self.columns, rows: rows)
                    }
                }
                #expect(mixed?.kind == .permissionDenied)
                #expect(try await database.count("values_table") == 0)
                // Alice's own rows go in, as an INSERT.
                try await appDatabase.transaction(as: .user(Self.alice, role: "user")) { tx in
                    try await tx.insertAll(into: "values_table", columns: Self.columns, rows: Self.rows(1...count))
                }
                #expect(try await database.count("values_table") == count)
            }
            #expect(try await Self.paths(database) == ["INSERT"])
            // The superuser's system context copies rows of anyone's.
            try await database.insertAll(into: "values_table", columns: Self.columns, rows: Self.rows(1_001...(1_000 + count), owner: Self.bob))
            #expect(try await Self.paths(database) == ["COPY"])
        }
    }

    @Test("names COPY can quote: plain lower-case names and quoted ones; not schema-qualified or capitalized unquoted names")
    func names() {
        #expect(PostgresCopy.names(table: "episodes", columns: ["id", "\"order\""])! == ("episodes", ["id", "order"]))
        #expect(PostgresCopy.names(table: "public.episodes", columns: ["id"]) == nil)
        #expect(PostgresCopy.names(table: "Episodes", columns: ["id"]) == nil)
        #expect(PostgresCopy.names(table: "episodes", columns: ["\"a\"\"b\""]) == nil)
    }
}
