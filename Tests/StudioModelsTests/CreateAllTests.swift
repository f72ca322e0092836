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

    @Test("with hooks that only change their record, every row is changed and they go out in one insertAll",
          arguments: Backend.available)
    func hooksBatchTheirRows(_ backend: Backend) async throws {
        try await backend.withDatabase { database, _ in
            try await Self.seed(database)
            let counter = StatementCounter(database)
            let repository = EpisodeRepository(counter, hooks: EpisodeScriptHooks())
            let records = Self.episodes().map { episode in
                var episode = episode
                episode.script = Episode.Script(content: String(repeating: "word ", count: episode.episodeNumber), version: 1, wordCount: 0)
                return episode
            }
            let created = try await repository.createAll(records, as: .system)
            // Was one INSERT per record.
            #expect(counter.statements.filter { $0.hasPrefix("INSERT INTO episodes") } == ["INSERT INTO episodes"])
            #expect(created.map { $0.script?.wordCount } == records.map(\.episodeNumber))
            let stored = try await EpisodeRepository(database).get(records[records.count - 1].id, as: .system)
            #expect(stored.script?.wordCount == Self.count)
            #expect(try await EpisodeRepository(database).count(as: .system) == Self.count)
        }
    }

    @Test("a hook that reads through its database sees every record before its own", arguments: Backend.available)
    func hooksSeeEarlierRecords(_ backend: Backend) async throws {
        try await backend.withDatabase { database, app in
            try await Self.seed(database)
            let owner = AccessContext.user(Samples.IDs.owner.rawValue, role: "user")
            for (executor, context) in [(database, AccessContext.system), (app, owner)] {
                let repository = EpisodeRepository(executor, hooks: EarlierEpisodesHooks())
                let offset = try await repository.count(as: context)
                let created = try await repository.createAll(Self.episodes(4).map { episode in
                    var episode = episode
                    episode.episodeNumber += offset
                    return episode
                }, as: context)
                #expect(created.map(\.title) == (0..<4).map { "after \(offset + $0)" })
                #expect(try await repository.list(as: context).items.map(\.title).sorted().suffix(4)
                        == (0..<4).map { "after \(offset + $0)" })
            }
        }
    }

    @Test("with hooks, a duplicate (found by the final insert or by a hook's read) and a refusal insert nothing",
          arguments: Backend.available)
    func hooksFailuresInsertNothing(_ backend: Backend) async throws {
        try await backend.withDatabase { database, app in
            try await Self.seed(database)
            var records = Self.episodes(6)
            records[5].episodeNumber = 1
            let conflict = RepositoryError.conflict(collection: "episodes", fields: ["project", "episodeNumber"])
            await #expect(throws: conflict) {
                try await EpisodeRepository(database, hooks: EpisodeScriptHooks()).createAll(records, as: .system)
            }
            #expect(try await EpisodeRepository(database).count(as: .system) == 0)
            // Here the duplicate goes out when the next record's hook reads.
            records[3].episodeNumber = 1
            await #expect(throws: conflict) {
                try await EpisodeRepository(database, hooks: EarlierEpisodesHooks()).createAll(records, as: .system)
            }
            #expect(try await EpisodeRepository(database).count(as: .system) == 0)
            let stranger = AccessContext.user(UUID(), role: "user")
            for hooks in [EpisodeScriptHooks() as any RecordHooks<Episode>, EarlierEpisodesHooks()] {
                await #expect(throws: RepositoryError.forbidden(collection: "episodes", operation: "create")) {
                    try await EpisodeRepository(app, hooks: hooks).createAll(Self.episodes(3), as: stranger)
                }
            }
            #expect(try await EpisodeRepository(database).count(as: .system) == 0)
        }
    }
}

/// Titles each new episode by how many episodes its hook reads through its `database`: the
/// records `createAll` wrote before it must be there.
struct EarlierEpisodesHooks: RecordHooks {
    func beforeCreate(_ record: inout Episode, database: any DatabaseExecutor) async throws {
        let rows = try await database.query("SELECT COUNT(*) FROM episodes", [])
        record.title = "after \(try rows[0].int(0))"
    }
}
