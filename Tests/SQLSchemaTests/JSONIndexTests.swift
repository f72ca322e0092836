import Testing
@testable import SchemaGenCore

/// `kind: json` indexes (KitchenSink `packs`): containment over a json and an array field finds
/// the same rows on both engines; on PostgreSQL the planner answers it from the GIN index, on
/// SQLite (no such index) by reading each row's JSON.
enum JSONIndexScenarios {
    /// Labels with the characters array and JSON text get wrong: commas, quotes, braces,
    /// backslashes, a NULL-looking string, unicode; one pack has none.
    static let packs: [(id: String, labels: String, settings: String)] = [
        (Seed.id(31), #"["a,b", "say \"hi\"", "{x}", "back\\slash"]"#, #"{"theme": "dark", "beta": true}"#),
        (Seed.id(32), #"["NULL", "ünïcödé ✓", "a"]"#, #"{"theme": "light"}"#),
        (Seed.id(33), "[]", #"{"beta": true, "limits": {"rows": 10}}"#),
    ]

    /// The packs whose labels contain `label`: `@>` on PostgreSQL, `json_each` on SQLite.
    static func labelled(_ label: String, _ dialect: SQLDialect) -> String {
        let json = dialect.literal("[" + jsonString(label) + "]")
        switch dialect {
        case .postgres: return "SELECT id FROM packs WHERE labels @> \(json)::jsonb ORDER BY id;"
        case .sqlite:
            return "SELECT id FROM packs WHERE EXISTS (SELECT 1 FROM json_each(labels) WHERE value = \(dialect.literal(label))) ORDER BY id;"
        }
    }

    static func jsonString(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func containment(_ dialect: SQLDialect) async throws {
        try await withFreshDatabase(dialect, applying: .kitchenSink) { database in
            try await database.execute(packs.map { pack in
                "INSERT INTO packs (id, title, labels, settings) VALUES ('\(pack.id)', 'B', \(dialect.literal(pack.labels)), \(dialect.literal(pack.settings)));\n"
            }.joined())
            #expect(try await database.column(labelled("a,b", dialect)) == [Seed.id(31)])
            #expect(try await database.column(labelled("a", dialect)) == [Seed.id(32)], "no match on a part of a label")
            #expect(try await database.column(labelled(#"say "hi""#, dialect)) == [Seed.id(31)])
            #expect(try await database.column(labelled(#"back\slash"#, dialect)) == [Seed.id(31)])
            #expect(try await database.column(labelled("{x}", dialect)) == [Seed.id(31)])
            #expect(try await database.column(labelled("NULL", dialect)) == [Seed.id(32)])
            #expect(try await database.column(labelled("ünïcödé ✓", dialect)) == [Seed.id(32)])
            #expect(try await database.column(labelled("b", dialect)).isEmpty)

            let beta = dialect == .postgres
                ? #"SELECT id FROM packs WHERE settings @> '{"beta": true}' ORDER BY id;"#
                : "SELECT id FROM packs WHERE json_extract(settings, '$.beta') = 1 ORDER BY id;"
            #expect(try await database.column(beta) == [Seed.id(31), Seed.id(33)])

            guard dialect == .postgres else { return }
            // The planner reaches for the GIN indexes once a scan is off the table.
            func plan(_ condition: String) async throws -> String {
                try await database.column("""
                    SET enable_seqscan = off;
                    EXPLAIN (COSTS OFF) SELECT id FROM packs WHERE \(condition);
                    """).joined(separator: "\n")
            }
            let labels = try await plan(#"labels @> '["a,b"]'"#)
            #expect(labels.contains("packs_labels_gin"), "containment in labels does not use the GIN index:\n\(labels)")
            let settings = try await plan(#"settings @> '{"beta": true}'"#)
            #expect(settings.contains("packs_settings_search_gin"), "containment in settings does not use the GIN index:\n\(settings)")
            // jsonb_ops (no pathOps) also serves key existence; jsonb_path_ops does not.
            let key = try await plan("settings ? 'limits'")
            #expect(key.contains("packs_settings_search_gin"), "key existence does not use the jsonb_ops index:\n\(key)")
            #expect(try await database.column("SELECT id FROM packs WHERE settings ? 'limits';") == [Seed.id(33)])
        }
    }
}

@Suite("json indexes on SQLite")
struct SQLiteJSONIndexTests {
    @Test("containment in a json and an array field finds the same packs as on PostgreSQL, reading each row's JSON")
    func containment() async throws { try await JSONIndexScenarios.containment(.sqlite) }
}

@Suite("json indexes on PostgreSQL", .postgres, .timeLimit(.minutes(3)))
struct PostgresJSONIndexTests {
    @Test("containment in a jsonb and an array field finds the packs through the GIN indexes (jsonb_path_ops and jsonb_ops)")
    func containment() async throws { try await JSONIndexScenarios.containment(.postgres) }
}
