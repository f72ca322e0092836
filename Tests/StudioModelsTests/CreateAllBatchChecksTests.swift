import Foundation
import KitchenSinkModels
@testable import SchemaRuntime
import StudioModels
import Testing

/// Attacks on the checks `createAll` makes for a whole batch: its `within` rules (one statement
/// per rule for up to `scopePairsPerStatement` distinct (target, scope) pairs, not one per
/// record) and, with hooks, its access and `within` checks (as a batch, when a hook reads through
/// its database and at the end, not one record at a time). A record the caller may not create,
/// or whose `within` reference points into another scope, is refused wherever it stands, with
/// the error checking it alone throws, and nothing of the batch is written. Each attack runs on
/// the application's executor (on PostgreSQL the NOBYPASSRLS role) and on the system's (which
/// bypasses row-level security: the refusal must come from the repository's checks).
@Suite("createAll: within and hooks, checked as a batch", .serialized)
struct CreateAllBatchChecksTests {
    static let owner = CreateAllAccessTests.owner
    static let refused = RepositoryError.forbidden(collection: "sessions", operation: "create")
    static let otherProject = RepositoryError.validationFailed(ValidationError(issues: [
        ValidationIssue(path: "contextData.currentEpisode", rule: .within, message: "must belong to the same project"),
    ]))

    /// No hooks, hooks that only change their record, hooks that read through their database
    /// (the batch is then checked before each record's hook).
    static let hookings: [(name: String, hooks: (any RecordHooks<Session>)?)] = [
        ("no hooks", nil), ("hooks", SessionStepHooks()), ("reading hooks", SessionCountingHooks()),
    ]

    /// The projects of `CreateAllAccessTests.seed`, `count` episodes of the owner's project and
    /// one of the producer's (`foreign`).
    static func seed(_ system: any DatabaseExecutor, episodes count: Int) async throws -> (owned: [Episode.ID], foreign: Episode.ID) {
        try await CreateAllAccessTests.seed(system)
        let owned = CreateAllAccessTests.episodes(count, in: Samples.IDs.project)
        let foreign = CreateAllAccessTests.episodes(1, in: CreateAllAccessTests.foreign)[0]
        try await EpisodeRepository(system).createAll(owned + [foreign], as: .system)
        return (owned.map(\.id), foreign.id)
    }

    /// A session of the owner in `project` for each of `episodes`.
    static func sessions(_ episodes: [Episode.ID], in project: Project.ID = Samples.IDs.project) -> [Session] {
        episodes.map { episode in
            var session = Samples.minimalSession(id: Session.ID())
            session.project = project
            session.contextData.currentEpisode = episode
            return session
        }
    }

    static func sessionCount(_ system: any DatabaseExecutor) async throws -> Int {
        try await system.query("SELECT count(*) FROM sessions", [])[0].int(0)
    }

    @Test("an episode of another project in the middle, a forbidden record first or last: refused as one by one, nothing inserted",
          arguments: Backend.available)
    func refusedAnywhere(_ backend: Backend) async throws {
        try await backend.withDatabase { system, app in
            let (owned, foreign) = try await Self.seed(system, episodes: 20)
            let allowed = Self.sessions(owned)
            // In the producer's project, of its episode: its `within` holds, its access does not.
            let forbidden = Self.sessions([foreign], in: CreateAllAccessTests.foreign)[0]
            for executor in [app, system] {
                for (name, hooks) in Self.hookings {
                    let repository = SessionRepository(executor, hooks: hooks)
                    var outOfScope = allowed
                    outOfScope[10].contextData.currentEpisode = foreign
                    await #expect(throws: Self.otherProject, "\(name)") { try await repository.createAll(outOfScope, as: Self.owner) }
                    #expect(try await Self.sessionCount(system) == 0)
                    for position in [0, allowed.count] {
                        var records = allowed
                        records.insert(forbidden, at: position)
                        await #expect(throws: Self.refused, "\(name), forbidden at \(position)") {
                            try await repository.createAll(records, as: Self.owner)
                        }
                        #expect(try await Self.sessionCount(system) == 0)
                    }
                    // The first record that fails decides, as when each is checked in turn.
                    var both = outOfScope
                    both[3] = forbidden
                    await #expect(throws: Self.refused, "\(name)") { try await repository.createAll(both, as: Self.owner) }
                    both = outOfScope
                    both[15] = forbidden
                    await #expect(throws: Self.otherProject, "\(name)") { try await repository.createAll(both, as: Self.owner) }
                    #expect(try await Self.sessionCount(system) == 0)
                }
            }
            for (name, hooks) in Self.hookings {
                let records = Self.sessions(owned)
                let created = try await SessionRepository(app, hooks: hooks).createAll(records, as: Self.owner)
                #expect(created.map(\.id) == records.map(\.id), "\(name)")
                #expect(created.allSatisfy { $0.currentStep == (hooks == nil ? nil : "hooked") } || hooks is SessionCountingHooks, "\(name)")
            }
            #expect(try await Self.sessionCount(system) == 3 * owned.count)
            // A reading hook sees every record before its own.
            let steps = try await system.query("SELECT current_step FROM sessions WHERE current_step LIKE 'after %'", [])
            #expect(Set(try steps.map { try $0.string(0) }) == Set((0..<owned.count).map { "after \(2 * owned.count + $0)" }))
        }
    }

    @Test("more distinct (episode, project) pairs than one statement asks about: each still checked, two statements",
          arguments: Backend.available)
    func manyPairsAcrossStatements(_ backend: Backend) async throws {
        try await backend.withDatabase { system, app in
            let count = Repository<Session>.scopePairsPerStatement + 20
            let (owned, foreign) = try await Self.seed(system, episodes: count)
            let records = Self.sessions(owned)
            for (name, hooks) in Self.hookings.prefix(2) {
                // The first statement's first pair, the second statement's, the last.
                for index in [0, Repository<Session>.scopePairsPerStatement + 3, count - 1] {
                    var attack = records
                    attack[index].contextData.currentEpisode = foreign
                    for executor in [app, system] {
                        await #expect(throws: Self.otherProject, "\(name), at \(index)") {
                            try await SessionRepository(executor, hooks: hooks).createAll(attack, as: Self.owner)
                        }
                    }
                    #expect(try await Self.sessionCount(system) == 0)
                }
            }
            for (name, hooks) in Self.hookings.prefix(2) {
                let counter = StatementCounter(app)
                let batch = Self.sessions(owned)
                #expect(try await SessionRepository(counter, hooks: hooks).createAll(batch, as: Self.owner).count == count)
                // Was one query per record for the `within` rule: 521 in all.
                let checks = counter.statements.filter { !$0.hasPrefix("INSERT") }
                #expect(checks.filter { $0.contains("schemagen_pairs") }.count == 2, "\(name): \(checks)")
                #expect(checks.count == 3, "\(name): the access rule's one query and the two `within` statements: \(checks)")
                #expect(counter.statements.filter { $0.hasPrefix("INSERT") }.count == 1, "\(name)")
            }
            #expect(try await Self.sessionCount(system) == 2 * count)
        }
    }

    @Test("a within target created earlier in the same batch (a sequel of an album of the batch): refused without hooks, let in with them",
          arguments: Backend.available)
    func targetEarlierInTheBatch(_ backend: Backend) async throws {
        try await KeyColumnTests.withAlbums(backend) { system, _, albums, _ in
            let alice = KeyColumnTests.caller(KeyColumnTests.alice)
            let bob = KeyColumnTests.caller(KeyColumnTests.bob)
            try await AlbumRepository(albums.database).create(Album(id: 9, title: "Bob's", owner: KeyColumnTests.bob), as: bob)
            let sameOwner = RepositoryError.validationFailed(ValidationError(issues: [
                ValidationIssue(path: "sequelOf", rule: .within, message: "must belong to the same owner"),
            ]))
            func batch(_ first: Int64) -> [Album] {
                [Album(id: Album.ID(first), title: "First", owner: KeyColumnTests.alice),
                 Album(id: Album.ID(first + 1), title: "Sequel", owner: KeyColumnTests.alice, sequelOf: Album.ID(first)),
                 Album(id: Album.ID(first + 2), title: "Third", owner: KeyColumnTests.alice, sequelOf: Album.ID(first + 1))]
            }
            func albumCount() async throws -> Int { try await system.query("SELECT count(*) FROM albums", [])[0].int(0) }
            for executor in [albums.database, system] {
                // Without hooks, every record is checked before any is written: the sequel's
                // target is not there yet.
                await #expect(throws: sameOwner) { try await AlbumRepository(executor).createAll(batch(1), as: alice) }
                #expect(try await albumCount() == 1)
                // With hooks, a record that fails the batch's check is checked again once the
                // records before it are written, as `create` one at a time would.
                var attack = batch(1)
                attack[2].sequelOf = 9
                await #expect(throws: sameOwner) {
                    try await AlbumRepository(executor, hooks: AlbumTitleHooks()).createAll(attack, as: alice)
                }
                #expect(try await albumCount() == 1)
            }
            let created = try await AlbumRepository(albums.database, hooks: AlbumTitleHooks()).createAll(batch(1), as: alice)
            #expect(created.map(\.title) == ["First (hooked)", "Sequel (hooked)", "Third (hooked)"])
            let stored = try await system.query("SELECT album_id, sequel_of_id FROM albums WHERE album_id < 9 ORDER BY album_id", [])
            #expect(try stored.map { row in [try row.integer(Int64.self, 0), row.isNull(1) ? 0 : try row.integer(Int64.self, 1)] }
                    == [[1, 0], [2, 1], [3, 2]])
        }
    }
}

/// Marks each session it sees: a hook that does not read.
struct SessionStepHooks: RecordHooks {
    func beforeCreate(_ record: inout Session, database: any DatabaseExecutor) async throws {
        record.currentStep = "hooked"
    }
}

/// Notes how many sessions its hook reads through its `database`: every record before its own
/// must be there (so the batch is checked and written before each hook).
struct SessionCountingHooks: RecordHooks {
    func beforeCreate(_ record: inout Session, database: any DatabaseExecutor) async throws {
        let rows = try await database.query("SELECT count(*) FROM sessions", [])
        record.currentStep = "after \(try rows[0].int(0))"
    }
}

struct AlbumTitleHooks: RecordHooks {
    func beforeCreate(_ record: inout Album, database: any DatabaseExecutor) async throws {
        record.title += " (hooked)"
    }
}
