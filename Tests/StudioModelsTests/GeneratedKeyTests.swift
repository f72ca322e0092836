import Foundation
import KitchenSinkModels
import SchemaRuntime
import Testing

/// KitchenSink's plays (`id: { type: int64, generated: true }`) and charts (`id: { type: int32,
/// generated: true, column: chart_id }`) on both engines: records made without a key
/// (`.unassigned`) come back from `create` and `createAll` with the keys the database gave, in
/// order; a caller may still give one; fixtures move PostgreSQL's identity past their keys; and
/// a caller can't reach another's records by guessing the next key.
@Suite("Keys the database generates", .serialized)
struct GeneratedKeyTests {
    static let alice = KeyTypesTests.alice
    static let bob = KeyTypesTests.bob

    static func caller(_ account: Account.ID) -> AccessContext { .user(account.rawValue, role: "member") }

    /// A database with three accounts, a genre 1 and a track 1 of alice's; `body` gets the system
    /// executor and the repositories of the application's executor (NOBYPASSRLS on PostgreSQL).
    static func withPlays(_ backend: Backend,
                          _ body: (any DatabaseExecutor, PlayRepository, ChartRepository) async throws -> Void) async throws {
        try await KeyTypesTests.withKeys(backend) { system, parts, _ in
            try await GenreRepository(system).create(Genre(id: 1, name: "Jazz", owner: alice), as: .system)
            try await GenreRepository(system).create(Genre(id: 2, name: "Blues", owner: alice), as: .system)
            try await TrackRepository(system).create(Track(id: 1, title: "So What", owner: alice, genre: 1), as: .system)
            try await body(system, PlayRepository(parts.database), ChartRepository(parts.database))
        }
    }

    @Test("create without a key returns the record with the key the database gave; links saved under it",
          arguments: Backend.available)
    func createReturnsTheKey(_ backend: Backend) async throws {
        try await Self.withPlays(backend) { system, plays, charts in
            let alice = Self.caller(Self.alice)
            let draft = Play(owner: Self.alice, track: 1, seconds: 545, moods: [2, 1])
            #expect(draft.id == .unassigned)
            let first = try await plays.create(draft, as: alice)
            let second = try await plays.create(Play(owner: Self.alice, track: 1, seconds: 30), as: alice)
            #expect(first.id == 1 && second.id == 2)
            #expect(try await plays.get(first.id, as: alice) == first)
            #expect(try await plays.get(first.id, as: alice).moods == [2, 1])
            #expect(try await plays.find(mood: 2, as: alice).items.map(\.id) == [first.id])
            #expect(try await system.query("SELECT play_id FROM plays_moods ORDER BY position", []).map { try $0.int(0) } == [1, 1])

            // A 32-bit generated key in its own column.
            let chart = try await charts.create(Chart(owner: Self.alice, title: "Top 40"), as: alice)
            #expect(chart.id == 1)
            #expect(try await system.query("SELECT chart_id FROM charts", []).map { try $0.int(0) } == [1])

            // A key the caller gives still goes in as given.
            let given = try await plays.create(Play(id: 100, owner: Self.alice, track: 1, seconds: 1), as: alice)
            #expect(given.id == 100)
            #expect(try await plays.get(100, as: alice) == given)
            try await plays.update(first.id, as: alice) { $0.seconds = 546 }
            try await plays.delete(second.id, as: alice)
            #expect(try await plays.list(as: alice).items.map(\.id) == [1, 100])
        }
    }

    @Test("an upsert that creates gets a generated key; one that updates keeps the stored key", arguments: Backend.available)
    func upsertCreatesWithAGeneratedKey(_ backend: Backend) async throws {
        try await Self.withPlays(backend) { _, _, charts in
            let alice = Self.caller(Self.alice)
            let first = try await charts.upsert(byOwnerAndTitle: Chart(owner: Self.alice, title: "Top 40"), as: alice)
            let second = try await charts.upsert(byOwnerAndTitle: Chart(owner: Self.alice, title: "Top 10"), as: alice)
            #expect(first.id == 1 && second.id == 2)
            let again = try await charts.upsert(byOwnerAndTitle: Chart(owner: Self.alice, title: "Top 40"), as: alice)
            #expect(again.id == first.id)
            #expect(try await charts.count(as: alice) == 2)
        }
    }

    @Test("createAll returns each record with its own generated key, in input order", arguments: Backend.available)
    func createAllKeepsTheOrder(_ backend: Backend) async throws {
        try await Self.withPlays(backend) { _, plays, _ in
            let alice = Self.caller(Self.alice)
            let seconds: [Int32] = [30, 10, 20, 40]
            let created = try await plays.createAll(seconds.map { Play(owner: Self.alice, track: 1, seconds: $0, moods: [1]) }, as: alice)
            #expect(created.map(\.id) == [1, 2, 3, 4])
            #expect(created.map(\.seconds) == seconds)
            for play in created { #expect(try await plays.get(play.id, as: alice) == play) }
            // All or nothing: an invalid record leaves no row and uses no key visible to reads.
            await #expect(throws: RepositoryError.self) {
                try await plays.createAll([Play(owner: Self.alice, track: 1, seconds: 5), Play(owner: Self.alice, track: 1, seconds: -1)], as: alice)
            }
            #expect(try await plays.count(as: alice) == 4)
        }
    }

    @Test("createAll of thousands: one statement per batch on PostgreSQL, each record its own key in input order while another caller takes keys, all readable; a refused record inserts none",
          arguments: Backend.available)
    func createAllInBatches(_ backend: Backend) async throws {
        try await Self.withPlays(backend) { system, plays, _ in
            let alice = Self.caller(Self.alice), bob = Self.caller(Self.bob)
            // More than one batch of 5,000 rows (PostgreSQL's arrays), in an order the keys don't follow.
            let seconds = (0..<5_123).map { Int32(($0 * 7_919) % 10_007) }
            let drafts = seconds.enumerated().map { Play(owner: Self.alice, track: 1, seconds: $1, moods: $0 % 1_000 == 0 ? [2, 1] : []) }
            // Other plays are created meanwhile, one per transaction, taking keys of the same
            // identity between the batch's (on PostgreSQL; SQLite's writes take turns).
            async let others: [Play] = (0..<20).asyncMap { n in
                try await plays.create(Play(owner: Self.alice, track: 1, seconds: Int32(20_000 + n)), as: alice)
            }
            let created = try await plays.createAll(drafts, as: alice)
            let other = try await others
            #expect(other.count == 20)
            #expect(created.count == drafts.count)
            #expect(created.map(\.seconds) == seconds)
            #expect(Set(created.map(\.id)).count == created.count)
            #expect(!created.contains { $0.id == .unassigned })
            // Each record is stored under the key it came back with.
            let stored = try await system.query("SELECT id, seconds FROM plays ORDER BY id", [])
            #expect(stored.count == created.count + other.count)
            let byKey = Dictionary(uniqueKeysWithValues: try stored.map { (try $0.int(0), try $0.int(1)) })
            #expect(created.allSatisfy { byKey[Int($0.id.rawValue)] == Int($0.seconds) })
            #expect(other.allSatisfy { byKey[Int($0.id.rawValue)] == Int($0.seconds) })
            for index in [0, 999, 1_000, 4_999, 5_000, drafts.count - 1] {
                #expect(try await plays.get(created[index].id, as: alice) == created[index])
            }
            #expect(try await plays.get(created[1_000].id, as: alice).moods == [2, 1])
            #expect(try await plays.find(mood: 2, as: alice).items.map(\.id) == [0, 1_000, 2_000, 3_000, 4_000, 5_000].map { created[$0].id })

            // A record the caller may not create (bob's, among alice's): refused, nothing inserted.
            var refused = Array(drafts.prefix(300))
            refused[150].owner = Self.bob
            await #expect(throws: RepositoryError.self) { try await plays.createAll(refused, as: alice) }
            #expect(try await plays.count(as: alice) == drafts.count + other.count)
            #expect(try await plays.count(as: bob) == 0)
        }
    }

    @Test("another caller gets keys of their own and can't reach a record by guessing its key",
          arguments: Backend.available)
    func guessedKeys(_ backend: Backend) async throws {
        try await Self.withPlays(backend) { _, plays, charts in
            let alice = Self.caller(Self.alice), bob = Self.caller(Self.bob)
            let secret = try await plays.create(Play(owner: Self.alice, track: 1, seconds: 7), as: alice)
            let chart = try await charts.create(Chart(owner: Self.alice, title: "Private"), as: alice)
            // Bob's key comes right after alice's: he knows hers is one less.
            let mine = try await charts.create(Chart(owner: Self.bob, title: "Mine"), as: bob)
            #expect(mine.id == Chart.ID(rawValue: chart.id.rawValue + 1))
            #expect(try await charts.find(chart.id, as: bob) == nil)
            #expect(try await charts.list(as: bob).items.map(\.id) == [mine.id])
            #expect(try await plays.find(secret.id, as: bob) == nil)
            #expect(try await plays.list(where: { $0.id <= secret.id }, as: bob).items.isEmpty)
            await #expect(throws: RepositoryError.self) { try await plays.update(secret.id, as: bob) { $0.seconds = 0 } }
            await #expect(throws: RepositoryError.self) { try await plays.delete(secret.id, as: bob) }
            await #expect(throws: RepositoryError.self) { try await charts.update(chart.id, as: bob) { $0.owner = Self.bob } }
            // Creating a record for alice, or under her key, is refused.
            await #expect(throws: RepositoryError.self) { try await charts.create(Chart(owner: Self.alice, title: "Hers"), as: bob) }
            await #expect(throws: (any Error).self) { try await charts.create(Chart(id: chart.id, owner: Self.bob, title: "Taken"), as: bob) }
            #expect(try await charts.get(chart.id, as: alice).title == "Private")
            #expect(try await plays.get(secret.id, as: alice).seconds == 7)
        }
    }

    @Test("after the fixtures' explicit keys, the next generated key comes after them", arguments: Backend.available)
    func fixturesMoveTheIdentity(_ backend: Backend) async throws {
        var scripts: [String: String] = [:]
        for dialect in ["sqlite", "postgres"] {
            scripts[dialect] = try String(contentsOfFile: LosslessModelTests.generated + "/Fixtures/\(dialect).sql", encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false)
                .filter { $0 != "BEGIN;" && $0 != "COMMIT;" }.joined(separator: "\n")
        }
        try await backend.withDatabase(generated: LosslessModelTests.generated, thenSQL: { scripts[$0] ?? "" }) { system, _ in
            let highest = try #require(try await system.query("SELECT max(id) FROM plays", []).first).int(0)
            let highestChart = try #require(try await system.query("SELECT max(chart_id) FROM charts", []).first).int(0)
            #expect(highest > 0 && highestChart > 0)
            let play = try #require(try await PlayRepository(system).list(as: .system).items.first)
            let created = try await PlayRepository(system).create(Play(owner: play.owner, track: play.track, seconds: 1), as: .system)
            #expect(created.id.rawValue == Int64(highest) + 1)
            let chart = try #require(try await ChartRepository(system).list(as: .system).items.first)
            let newChart = try await ChartRepository(system).create(Chart(owner: chart.owner, title: "New"), as: .system)
            #expect(newChart.id.rawValue == Int64(highestChart) + 1)
        }
    }
}

extension Sequence {
    /// `map` with an async transform, one element after another.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
