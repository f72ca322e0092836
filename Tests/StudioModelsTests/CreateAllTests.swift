import Foundation
import SchemaRuntime
import StudioModels
import Testing

/// `createAll` writes many rows per statement (`InsertBatch`) unless hooks are set; either way
/// it is one transaction that checks every record.
@Suite("createAll", .serialized)
struct CreateAllTests {
    /// More than two batches of `InsertBatch.maximumRows`, the last one partial.
    static let count = InsertBatch.maximumRows * 2 + 7

    static func episodes(_ count: Int = count) -> [Episode] {
        (1...count).map { number in
            var episode = Samples.minimalEpisode(id: Episode.ID(), episodeNumber: number)
            episode.title = "Episode \(number)"
            return episode
        }
    }

    static func seed(_ database: any DatabaseExecutor) async throws {
        try await UserRepository(database).create(Samples.user(), as: .system)
        try await ProjectRepository(database).create(Samples.minimalProject(), as: .system)
    }

    @Test("inserts every record, in batches, with timestamps set and values intact", arguments: Backend.available)
    func insertsEveryRecord(_ backend: Backend) async throws {
        try await backend.withDatabase { database, _ in
            try await Self.seed(database)
            let repository = EpisodeRepository(database)
            let records = Self.episodes()
            let before = Date.nowToTheMillisecond()
            let created = try await repository.createAll(records, as: .system)
            #expect(created.map(\.id) == records.map(\.id))
            #expect(created.allSatisfy { $0.createdAt >= before && $0.updatedAt == $0.createdAt })
            #expect(try await repository.count(as: .system) == records.count)
            for index in [0, InsertBatch.maximumRows - 1, InsertBatch.maximumRows, records.count - 1] {
                #expect(try await repository.get(records[index].id, as: .system) == created[index])
            }
        }
    }

    @Test("one invalid record: validationFailed, and nothing is inserted", arguments: Backend.available)
    func invalidRecordInsertsNothing(_ backend: Backend) async throws {
        try await backend.withDatabase { database, _ in
            try await Self.seed(database)
            let repository = EpisodeRepository(database)
            var records = Self.episodes()
            records[records.count - 2].title = ""
            await #expect {
                try await repository.createAll(records, as: .system)
            } throws: { error in
                guard case RepositoryError.validationFailed = error else { return false }
                return true
            }
            #expect(try await repository.count(as: .system) == 0)
        }
    }

    @Test("a duplicate in a later batch: conflict with the index's fields, and nothing is inserted", arguments: Backend.available)
    func conflictInsertsNothing(_ backend: Backend) async throws {
        try await backend.withDatabase { database, _ in
            try await Self.seed(database)
            let repository = EpisodeRepository(database)
            var records = Self.episodes()
            records[records.count - 1].episodeNumber = 1
            await #expect(throws: RepositoryError.conflict(collection: "episodes", fields: ["project", "episodeNumber"])) {
                try await repository.createAll(records, as: .system)
            }
            #expect(try await repository.count(as: .system) == 0)
        }
    }

    @Test("a caller the rules refuse: forbidden, and nothing is inserted", arguments: Backend.available)
    func refusedInsertsNothing(_ backend: Backend) async throws {
        try await backend.withDatabase { database, app in
            try await Self.seed(database)
            let stranger = AccessContext.user(UUID(), role: "user")
            await #expect(throws: RepositoryError.forbidden(collection: "episodes", operation: "create")) {
                try await EpisodeRepository(app).createAll(Self.episodes(3), as: stranger)
            }
            let owner = AccessContext.user(Samples.IDs.owner.rawValue, role: "user")
            #expect(try await EpisodeRepository(app).createAll(Self.episodes(3), as: owner).count == 3)
            #expect(try await EpisodeRepository(database).count(as: .system) == 3)
        }
    }

    @Test("with hooks, each record goes through its hook", arguments: Backend.available)
    func hooksRunForEachRecord(_ backend: Backend) async throws {
        try await backend.withDatabase { database, _ in
            try await Self.seed(database)
            let repository = EpisodeRepository(database, hooks: EpisodeScriptHooks())
            let records = Self.episodes(3).map { episode in
                var episode = episode
                episode.script = Episode.Script(content: "one two three four", version: 1, wordCount: 0)
                return episode
            }
            let created = try await repository.createAll(records, as: .system)
            #expect(created.map { $0.script?.wordCount } == [4, 4, 4])
            #expect(try await repository.get(records[2].id, as: .system).script?.wordCount == 4)
        }
    }

    @Test("the links of to-many references are saved for every record", arguments: Backend.available)
    func linksAreSaved(_ backend: Backend) async throws {
        try await backend.withDatabase { database, _ in
            try await UserRepository(database).createAll(
                [Samples.user(), Samples.minimalUser(), Samples.user(id: Samples.IDs.producer, email: "producer@example.com")], as: .system)
            let projects = (1...3).map { number in
                var project = Samples.minimalProject(id: Project.ID())
                project.title = "Project \(number)"
                project.collaborators = [Samples.IDs.collaborator, Samples.IDs.producer]
                return project
            }
            let repository = ProjectRepository(database)
            try await repository.createAll(projects, as: .system)
            for project in projects {
                #expect(try await repository.get(project.id, as: .system).collaborators == [Samples.IDs.collaborator, Samples.IDs.producer])
            }
        }
    }
}
