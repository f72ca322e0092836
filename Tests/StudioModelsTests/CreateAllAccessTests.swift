import Foundation
@testable import SchemaRuntime
import StudioModels
import Testing

/// Attacks on `createAll`'s access checks, which ask the database once per rule for the whole
/// batch rather than once per record: a record the caller may not create is refused wherever it
/// stands in the batch, and nothing of the batch is written. Each attack runs on the
/// application's executor (on PostgreSQL the NOBYPASSRLS role, whose row-level security would
/// also refuse the row, as `forbidden` "write") and on the system's (which bypasses row-level
/// security: only the repository's own checks stand), so that the refusal must come from the
/// repository's checks (`forbidden` "create").
@Suite("createAll: access checks of a batch", .serialized)
struct CreateAllAccessTests {
    static let owner = AccessContext.user(Samples.IDs.owner.rawValue, role: "user")
    /// The producer's project, where the owner is nobody.
    static let foreign = Project.ID(rawValue: UUID(uuidString: "0b000000-0000-4000-8000-0000000000f0")!)
    /// The producer's project, where the owner is a collaborator (the member rule).
    static let shared = Project.ID(rawValue: UUID(uuidString: "0b000000-0000-4000-8000-0000000000f1")!)
    static let refused = RepositoryError.forbidden(collection: "episodes", operation: "create")

    /// The owner's project, the producer's (`foreign`) and the producer's shared with the owner.
    static func seed(_ database: any DatabaseExecutor) async throws {
        try await UserRepository(database).createAll(
            [Samples.user(), Samples.minimalUser(), Samples.user(id: Samples.IDs.producer, email: "producer@example.com")], as: .system)
        var foreign = Samples.minimalProject(id: Self.foreign)
        foreign.createdBy = Samples.IDs.producer
        var shared = Samples.minimalProject(id: Self.shared)
        shared.createdBy = Samples.IDs.producer
        shared.collaborators = [Samples.IDs.owner]
        try await ProjectRepository(database).createAll([Samples.minimalProject(), foreign, shared], as: .system)
    }

    /// `count` episodes, numbered from `first`, in `project`.
    static func episodes(_ count: Int, in project: Project.ID, from first: Int = 1) -> [Episode] {
        (first..<first + count).map { number in
            var episode = Samples.minimalEpisode(id: Episode.ID(), episodeNumber: number)
            episode.project = project
            return episode
        }
    }

    static func episodeCount(_ database: any DatabaseExecutor) async throws -> Int {
        try await database.query("SELECT count(*) FROM episodes", [])[0].int(0)
    }

    @Test("a forbidden record first, in the middle or last: forbidden, and nothing of the batch is inserted",
          arguments: Backend.available)
    func forbiddenAnywhereInsertsNothing(_ backend: Backend) async throws {
        try await backend.withDatabase { system, app in
            try await Self.seed(system)
            // Allowed by the owner rule and by the member rule, interleaved.
            let allowed = zip(Self.episodes(10, in: Samples.IDs.project), Self.episodes(10, in: Self.shared)).flatMap { [$0, $1] }
            let forbidden = Self.episodes(1, in: Self.foreign, from: 100)[0]
            for executor in [app, system] {
                for position in [0, allowed.count / 2, allowed.count] {
                    var records = allowed
                    records.insert(forbidden, at: position)
                    await #expect(throws: Self.refused, "the foreign episode at \(position)") {
                        try await EpisodeRepository(executor).createAll(records, as: Self.owner)
                    }
                    #expect(try await Self.episodeCount(system) == 0)
                }
            }
            // Only forbidden records, as a stranger and anonymously.
            let stranger = AccessContext.user(UUID(), role: "user")
            for context in [stranger, .anonymous, Self.owner] {
                await #expect(throws: Self.refused) {
                    try await EpisodeRepository(app).createAll(Self.episodes(3, in: Self.foreign), as: context)
                }
            }
            #expect(try await Self.episodeCount(system) == 0)
            // Without the foreign record, the batch goes in.
            #expect(try await EpisodeRepository(app).createAll(allowed, as: Self.owner).map(\.id) == allowed.map(\.id))
            #expect(try await Self.episodeCount(system) == allowed.count)
        }
    }

    @Test("records allowed by different rules go in one batch; the checks ask once per rule, not once per record",
          arguments: Backend.available)
    func oneQueryPerRule(_ backend: Backend) async throws {
        try await backend.withDatabase { system, app in
            try await Self.seed(system)
            let counter = StatementCounter(app)
            let records = Self.episodes(30, in: Samples.IDs.project) + Self.episodes(30, in: Self.shared)
            let created = try await EpisodeRepository(counter).createAll(records, as: Self.owner)
            #expect(created.map(\.id) == records.map(\.id))
            // Was one query per record for the owner rule, and one more per record of the shared
            // project for the member rule: 90.
            let checks = counter.statements.filter { !$0.hasPrefix("INSERT") }
            #expect(checks.count == 2, "\(checks)")
            #expect(try await EpisodeRepository(system).count(as: .system) == records.count)
            // The member rule alone: collaborator episodes of the shared project (one start, one query).
            counter.reset()
            _ = try await EpisodeRepository(counter).createAll(Self.episodes(5, in: Self.shared, from: 31), as: Self.owner)
            #expect(counter.statements.filter { !$0.hasPrefix("INSERT") }.count == 2)
        }
    }

    @Test("more distinct projects than one check statement asks about: each record still checked",
          arguments: Backend.available)
    func manyStartsAcrossStatements(_ backend: Backend) async throws {
        try await backend.withDatabase { system, app in
            try await Self.seed(system)
            // One of the second statement's projects is the producer's.
            let producers = AccessGrant<Episode>.startsPerStatement + 3
            let projects = (0..<AccessGrant<Episode>.startsPerStatement + 20).map { number in
                var project = Samples.minimalProject(id: Project.ID())
                project.title = "Project \(number)"
                if number == producers { project.createdBy = Samples.IDs.producer }
                return project
            }
            try await ProjectRepository(system).createAll(projects, as: .system)
            var records = projects.map { Self.episodes(1, in: $0.id)[0] }
            await #expect(throws: Self.refused) { try await EpisodeRepository(app).createAll(records, as: Self.owner) }
            #expect(try await Self.episodeCount(system) == 0)
            records.remove(at: producers)
            // The last statement's last start, then the first statement's first: someone else's.
            for index in [records.count - 1, 0] {
                var attack = records
                attack[index].project = Self.foreign
                await #expect(throws: Self.refused) { try await EpisodeRepository(app).createAll(attack, as: Self.owner) }
                #expect(try await Self.episodeCount(system) == 0)
            }
            let counter = StatementCounter(app)
            #expect(try await EpisodeRepository(counter).createAll(records, as: Self.owner).count == records.count)
            #expect(counter.statements.filter { !$0.hasPrefix("INSERT") }.count == 2)
            #expect(try await Self.episodeCount(system) == records.count)
        }
    }

    @Test("a field rule (who may set users.role) is checked for every record of the batch", arguments: Backend.available)
    func fieldRuleInBatch(_ backend: Backend) async throws {
        try await backend.withDatabase { system, app async throws in
            let newcomer = AccessContext.user(UUID(), role: "user")
            let users = (1...6).map { number in
                var user = Samples.minimalUser(id: User.ID())
                user.email = "user\(number)@example.org"
                return user
            }
            for executor in [app, system] {
                for index in [0, users.count - 1] {
                    var attack = users
                    attack[index].role = .admin
                    await #expect(throws: RepositoryError.forbidden(collection: "users", operation: "create", field: "role")) {
                        try await UserRepository(executor).createAll(attack, as: newcomer)
                    }
                    #expect(try await system.query("SELECT count(*) FROM users", [])[0].int(0) == 0)
                }
            }
            var promoted = users
            promoted[2].role = .admin
            let admin = AccessContext.user(UUID(), role: "admin")
            #expect(try await UserRepository(system).createAll(promoted, as: admin).count == users.count)
        }
    }

    @Test("an invalid record after a forbidden one: forbidden, as when each record is checked in turn; nothing inserted",
          arguments: Backend.available)
    func firstFailureWins(_ backend: Backend) async throws {
        try await backend.withDatabase { system, app in
            try await Self.seed(system)
            var records = Self.episodes(6, in: Samples.IDs.project)
            records[2].project = Self.foreign
            records[4].title = ""
            await #expect(throws: Self.refused) { try await EpisodeRepository(app).createAll(records, as: Self.owner) }
            records[2].project = Samples.IDs.project
            await #expect {
                try await EpisodeRepository(app).createAll(records, as: Self.owner)
            } throws: { error in
                guard case RepositoryError.validationFailed = error else { return false }
                return true
            }
            #expect(try await Self.episodeCount(system) == 0)
        }
    }
}
