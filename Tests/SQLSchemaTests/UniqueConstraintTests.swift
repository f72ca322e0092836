import Testing
@testable import SchemaGenCore

/// `constraint: true` (KitchenSink `packs`, handle and region): the rule holds as a UNIQUE
/// table constraint, named like the index would be, on both engines.
enum UniqueConstraintScenarios {
    static func refusesADuplicate(_ dialect: SQLDialect) async throws {
        try await withFreshDatabase(dialect, applying: .kitchenSink) { database in
            let pack = { (id: Int, handle: String, region: String?) in
                "INSERT INTO packs (id, title, handle, region) VALUES ('\(Seed.id(id))', 'B', '\(handle)', \(region.map { "'\($0)'" } ?? "NULL"));\n"
            }
            try await database.execute(pack(41, "kit", "eu") + pack(42, "kit", "us") + pack(43, "kit", nil) + pack(44, "kit", nil))
            await database.expectRejected(pack(45, "kit", "eu"),
                                          because: .unique(index: "packs_handle_region_key", table: "packs", columns: ["handle", "region"]))
            #expect(try await database.count("packs", where: "handle = 'kit'") == 4, "nulls are distinct; the duplicate was refused")
            // Written in CREATE TABLE, not as an index of its own.
            switch dialect {
            case .postgres:
                #expect(try await database.value("SELECT contype FROM pg_constraint WHERE conname = 'packs_handle_region_key';") == "u")
                #expect(try await database.value("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'packs_handle_region_key';")
                        == "UNIQUE (handle, region)")
            case .sqlite:
                #expect(try await database.value("SELECT sql FROM sqlite_master WHERE name = 'packs';")
                    .contains("CONSTRAINT packs_handle_region_key UNIQUE (handle, region)"))
                #expect(try await database.count("sqlite_master", where: "name = 'packs_handle_region_key'") == 0)
                #expect(try await database.value("SELECT count(*) FROM pragma_index_list('packs') WHERE origin = 'u';") == "1", "one index backs the constraint")
            }
        }
    }
}

@Suite("Unique constraints on SQLite")
struct SQLiteUniqueConstraintTests {
    @Test("constraint: true is a UNIQUE constraint in CREATE TABLE that refuses a second handle in a region")
    func refusesADuplicate() async throws { try await UniqueConstraintScenarios.refusesADuplicate(.sqlite) }
}

@Suite("Unique constraints on PostgreSQL", .postgres, .timeLimit(.minutes(3)))
struct PostgresUniqueConstraintTests {
    @Test("constraint: true is a UNIQUE constraint (pg_constraint u) that refuses a second handle in a region")
    func refusesADuplicate() async throws { try await UniqueConstraintScenarios.refusesADuplicate(.postgres) }
}
