import Foundation
import KitchenSinkModels
import SchemaRuntime
import Testing

/// `storage: array` (issue 18) through the kitchen-sink schema's `badges`: native arrays
/// (text[], bigint[], integer[], uuid[], boolean[]) on PostgreSQL, JSON text on SQLite; the same
/// calls give the same records on both engines, through the application's executor (the
/// NOBYPASSRLS role on PostgreSQL).
@Suite("Native arrays", .serialized)
struct NativeArrayTests {
    static let alice = KeyTypesTests.alice
    static let bob = KeyTypesTests.bob

    static func caller(_ account: Account.ID) -> AccessContext { .user(account.rawValue, role: "member") }

    /// The items arrays and JSON get wrong: commas, quotes, braces, backslashes, a NULL-looking
    /// string, an empty string, spaces, unicode.
    static let tricky = ["a,b", #"say "hi""#, "{x}", #"back\slash"#, "NULL", "null", "", " padded ", "ünïcödé ✓", "a"]

    static func withBadges(_ backend: Backend,
                           _ body: (any DatabaseExecutor, BadgeRepository) async throws -> Void) async throws {
        try await backend.withDatabase(generated: NativeEnumTests.kitchenSink) { system, app in
            for (account, email) in [(alice, "alice@example.com"), (bob, "bob@example.com")] {
                try await AccountRepository(system).create(Account(id: account, email: email), as: .system)
            }
            try await body(system, BadgeRepository(app))
        }
    }

    /// A badge's lists, to compare what was written with what is read.
    static func lists(_ badge: Badge) -> String {
        "\(badge.title) \(badge.tags) \(String(describing: badge.scores)) \(String(describing: badge.ranks)) "
            + "\(String(describing: badge.links)) \(String(describing: badge.flags)) \(String(describing: badge.colors))"
    }

    @Test("every kind of list round-trips exactly: create, createAll, update, upsert, find; nil and empty differ",
          arguments: Backend.available)
    func roundTrip(_ backend: Backend) async throws {
        try await Self.withBadges(backend) { system, badges in
            let alice = Self.caller(Self.alice)
            let full = Badge(owner: Self.alice, title: "full", tags: Self.tricky, scores: [0, -1, Int.max, Int.min],
                             ranks: [Int32.max, Int32.min, 7], links: [UUID(), UUID()], flags: [true, false, true],
                             colors: [.blueIsh, .red])
            let empty = Badge(owner: Self.alice, title: "empty", tags: [], scores: [], ranks: [], links: [], flags: [], colors: [])
            let absent = Badge(owner: Self.alice, title: "absent")
            var written = [try await badges.create(full, as: alice), try await badges.create(empty, as: alice),
                           try await badges.create(absent, as: alice)]
            // createAll: each row's array goes as its text in one statement (unnest would flatten
            // an array of arrays), with rows of every shape.
            let batch = [full, empty, absent, Badge(owner: Self.alice, title: "one", tags: ["{\"x\":1}"], scores: [42])]
                .map { var copy = $0; copy.id = Badge.ID(); copy.title += " (batch)"; return copy }
            written += try await badges.createAll(batch, as: alice)
            for badge in written {
                let stored = try await badges.get(badge.id, as: alice)
                #expect(Self.lists(stored) == Self.lists(badge), "\(badge.title) came back as \(stored)")
            }
            #expect(try await badges.get(written[1].id, as: alice).scores == [])
            #expect(try await badges.get(written[2].id, as: alice).scores == nil)
            #expect(try await badges.get(written[2].id, as: alice).tags == ["new"], "the default list")

            // Update: replace, empty, clear.
            let updated = try await badges.update(written[0].id, as: alice) {
                $0.tags = ["}{", "\\\"", ","]
                $0.scores = nil
                $0.flags = []
            }
            #expect(Self.lists(try await badges.get(updated.id, as: alice)) == Self.lists(updated))
            #expect(updated.tags == ["}{", "\\\"", ","] && updated.scores == nil && updated.flags == [])

            // Upsert onto the stored record (by id) and a new one.
            var changed = updated
            changed.tags = ["upserted", "NULL"]
            changed.ranks = [1, 2, 3, 4, 5]
            let upserted = try await badges.upsert(changed, onConflict: ["id"], as: alice)
            #expect(upserted.tags == ["upserted", "NULL"] && upserted.ranks == [1, 2, 3, 4, 5])
            #expect(try await badges.get(changed.id, as: alice).tags == ["upserted", "NULL"])
            let fresh = try await badges.upsert(Badge(owner: Self.alice, title: "fresh", tags: Self.tricky), onConflict: ["id"], as: alice)
            #expect(try await badges.get(fresh.id, as: alice).tags == Self.tricky)

            // The CHECK holds maxItems on both engines.
            await #expect(throws: (any Error).self) {
                try await system.execute("UPDATE badges SET ranks = \(backend == .postgres ? "'{1,2,3,4,5,6}'" : "'[1,2,3,4,5,6]'")", [])
            }
            // PostgreSQL stores native arrays: the catalog says so, and SQL sees the items.
            if backend == .postgres {
                let types = try await system.query(
                    "SELECT column_name, data_type || ':' || udt_name FROM information_schema.columns WHERE table_name = 'badges' AND column_name IN ('tags', 'scores', 'ranks', 'links', 'flags', 'colors') ORDER BY column_name", [])
                #expect(try types.map { try $0.string(1) } == ["ARRAY:_text", "ARRAY:_bool", "ARRAY:_uuid", "ARRAY:_int4", "ARRAY:_int8", "ARRAY:_text"])
                let count = try await system.query("SELECT cardinality(tags) FROM badges WHERE id = $1", [.uuid(fresh.id.rawValue)])
                #expect(try count.first?.int(0) == Self.tricky.count)
                let third = try await system.query("SELECT tags[4] FROM badges WHERE id = $1", [.uuid(fresh.id.rawValue)])
                #expect(try third.first?.string(0) == #"back\slash"#)
            }
        }
    }

    @Test("PostgreSQL's CHECK holds an enum list to its cases, in text[] and in jsonb, against SQL that skips the validators",
          .enabled(if: Backend.available.contains(.postgres)))
    func enumListItemsAreChecked() async throws {
        try await Self.withBadges(.postgres) { system, badges in
            let alice = Self.caller(Self.alice)
            let badge = try await badges.create(Badge(owner: Self.alice, title: "colors", colors: [.blueIsh]), as: alice)
            let widget = try await WidgetRepository(system).create(Widget(owner: Self.alice, levels: [.low, .high]), as: .system)
            // Cases, an empty list and no list pass.
            for colors in ["'{red,green,blue-ish}'", "'{}'", "NULL"] {
                try await system.execute("UPDATE badges SET colors = \(colors) WHERE id = $1", [.uuid(badge.id.rawValue)])
            }
            for levels in [#"'["mid","mid"]'"#, "'[]'", "NULL"] {
                try await system.execute("UPDATE widgets SET levels = \(levels) WHERE id = $1", [.uuid(widget.id.rawValue)])
            }
            // An item that is no case, a case in another spelling, and a nested list are refused.
            for colors in ["'{red,purple}'", "'{Red}'", "'{\"blue-ish \"}'"] {
                await #expect(throws: (any Error).self, "colors = \(colors)") {
                    try await system.execute("UPDATE badges SET colors = \(colors) WHERE id = $1", [.uuid(badge.id.rawValue)])
                }
            }
            for levels in [#"'["low","extreme"]'"#, #"'["LOW"]'"#, #"'[["low"]]'"#, "'[1]'", #"'[{"low":1}]'"#] {
                await #expect(throws: (any Error).self, "levels = \(levels)") {
                    try await system.execute("UPDATE widgets SET levels = \(levels) WHERE id = $1", [.uuid(widget.id.rawValue)])
                }
            }
        }
    }

    @Test("contains finds the same badges on both engines for every tricky item, and never another owner's",
          arguments: Backend.available)
    func contains(_ backend: Backend) async throws {
        try await Self.withBadges(backend) { _, badges in
            let alice = Self.caller(Self.alice), bob = Self.caller(Self.bob)
            let first = try await badges.create(Badge(owner: Self.alice, title: "first", tags: Array(Self.tricky.prefix(5))), as: alice)
            let second = try await badges.create(Badge(owner: Self.alice, title: "second", tags: Array(Self.tricky.suffix(5))), as: alice)
            let none = try await badges.create(Badge(owner: Self.alice, title: "none", tags: []), as: alice)
            // Bob's badge holds every item: it must never come back to Alice.
            let bobs = try await badges.create(Badge(owner: Self.bob, title: "bob's", tags: Self.tricky), as: bob)
            for (index, item) in Self.tricky.enumerated() {
                let found = try await badges.list(where: { $0.tags.contains(item) }, as: alice).items.map(\.id)
                #expect(found == [index < 5 ? first.id : second.id], "contains(\(item))")
                #expect(try await badges.count(where: { $0.tags.contains(item) }, as: alice) == 1)
                #expect(try await badges.list(where: { $0.tags.contains(item) }, as: bob).items.map(\.id) == [bobs.id])
            }
            #expect(try await badges.list(where: { $0.tags.contains("b") }, as: alice).items.isEmpty, "no match on part of an item")
            #expect(try await badges.list(where: { $0.tags.contains("A") }, as: alice).items.isEmpty, "case-sensitive")
            // With another filter, and on a JSON list (packs.labels, jsonb on PostgreSQL).
            let both = try await badges.list(where: { $0.tags.contains("a") && $0.owner == Self.alice }, as: alice).items
            #expect(both.map(\.id) == [second.id])
            _ = none
        }
    }

    @Test("contains on a JSON list (jsonb) finds the same packs on both engines", arguments: Backend.available)
    func containsOnJSON(_ backend: Backend) async throws {
        try await backend.withDatabase(generated: NativeEnumTests.kitchenSink) { system, _ in
            let packs = PackRepository(system)
            let first = try await packs.create(Pack(title: "first", labels: Array(Self.tricky.prefix(5))), as: .system)
            let second = try await packs.create(Pack(title: "second", labels: Array(Self.tricky.suffix(5))), as: .system)
            _ = try await packs.create(Pack(title: "none", labels: nil), as: .system)
            _ = try await packs.create(Pack(title: "empty", labels: []), as: .system)
            for (index, item) in Self.tricky.enumerated() {
                let found = try await packs.list(where: { $0.labels.contains(item) }, as: .system).items.map(\.id)
                #expect(found == [index < 5 ? first.id : second.id], "contains(\(item))")
            }
            #expect(try await packs.list(where: { $0.labels.contains("b") }, as: .system).items.isEmpty)
        }
    }

    @Test("PostgreSQL answers contains from the GIN index, over a text[] and over a jsonb list",
          .enabled(if: Backend.available.contains(.postgres)))
    func containsUsesTheGINIndex() async throws {
        try await Backend.postgres.withDatabase(generated: NativeEnumTests.kitchenSink) { system, _ in
            let tags = Badge.Columns().tags.contains("a,b"), labels = Pack.Columns().labels.contains("a,b")
            #expect(tags.sql(for: .postgres) == "(badges.tags @> ?)" && labels.sql(for: .postgres) == "(packs.labels @> ?)")
            #expect(tags.sql(for: .sqlite) == "(EXISTS (SELECT 1 FROM json_each(badges.tags) WHERE value = json_extract(?, '$[0]')))")
            let plans = try await QueryPlanTests.plans([
                ("SELECT id FROM badges WHERE \(tags.sql(for: .postgres))", tags.arguments),
                ("SELECT id FROM packs WHERE \(labels.sql(for: .postgres))", labels.arguments),
            ], on: system)
            #expect(plans[0].joined(separator: "\n").contains("badges_tags_gin"), "contains on text[] does not use the GIN index:\n\(plans[0])")
            #expect(plans[1].joined(separator: "\n").contains("packs_labels_gin"), "contains on jsonb does not use the GIN index:\n\(plans[1])")
        }
    }

    @Test("createAll on PostgreSQL inserts rows of arrays in one statement through the app role, items exact",
          .enabled(if: Backend.available.contains(.postgres)))
    func createAllUnnestsArraysAsText() async throws {
        try await Backend.postgres.withDatabase(generated: NativeEnumTests.kitchenSink) { system, app in
            try await AccountRepository(system).create(Account(id: Self.alice, email: "alice@example.com"), as: .system)
            let counter = StatementCounter(app)
            let badges = BadgeRepository(counter)
            let rows = (0..<3).map { index in
                Badge(owner: Self.alice, title: "b\(index)", tags: [Self.tricky[index * 3], "{a,b}", "NULL"],
                      scores: index == 0 ? nil : [index, -index], links: [], colors: index == 2 ? [.blueIsh] : nil)
            }
            let created = try await badges.createAll(rows, as: Self.caller(Self.alice))
            let inserts = counter.statements.filter { $0.contains("INSERT INTO") }
            #expect(inserts.count == 1, "\(inserts)")
            // (The statement's text: PostgresArrayTests.bulkInsertCastsEachRow.)
            for (badge, row) in zip(created, rows) {
                #expect(Self.lists(try await badges.get(badge.id, as: Self.caller(Self.alice))) == Self.lists(row))
            }
        }
    }
}
