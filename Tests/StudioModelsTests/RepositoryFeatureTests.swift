import Foundation
import SchemaRuntime
import StudioModels
import Testing

/// The application's own code: an episode's word count and estimated duration, computed
/// before every write, as the implementation summary has it.
struct EpisodeScriptHooks: RecordHooks {
    func beforeCreate(_ record: inout Episode, database: any DatabaseExecutor) async throws {
        Self.measure(&record)
    }

    func beforeUpdate(_ record: inout Episode, stored: Episode, database: any DatabaseExecutor) async throws {
        Self.measure(&record)
    }

    /// 150 spoken words a minute.
    static func measure(_ record: inout Episode) {
        guard var script = record.script else { return }
        script.wordCount = script.content.split(whereSeparator: \.isWhitespace).count
        script.estimatedDuration = Double(script.wordCount) / 150 * 60
        record.script = script
    }
}

@Suite("Repository features", .serialized)
struct RepositoryFeatureTests {
    @Test("hooks run before create and update, inside the write", arguments: Backend.available)
    func hooks(_ backend: Backend) async throws {
        try await backend.withDatabase { database, _ in
            try await UserRepository(database).create(Samples.user(), as: .system)
            try await ProjectRepository(database).create(Samples.minimalProject(), as: .system)
            let episodes = EpisodeRepository(database, hooks: EpisodeScriptHooks())
            var episode = Samples.minimalEpisode()
            episode.script = Episode.Script(content: "one two three", version: 1, wordCount: 0)
            let created = try await episodes.create(episode, as: .system)
            #expect(created.script?.wordCount == 3)
            #expect(try await episodes.get(episode.id, as: .system).script?.estimatedDuration == 1.2)
            let updated = try await episodes.update(episode.id, as: .system) { $0.script?.content = String(repeating: "word ", count: 300) }
            #expect(updated.script?.wordCount == 300)
            #expect(try await episodes.get(episode.id, as: .system).script?.estimatedDuration == 120)
        }
    }

    @Test("a scene's characters through its to-many reference, in the scene's order", arguments: Backend.available)
    func sceneDetail(_ backend: Backend) async throws {
        try await backend.withDatabase { database, _ in
            try await seedWorld(database)
            let scene = try await SceneRepository(database).get(Samples.IDs.scene1, as: .system)
            #expect(!scene.characters.isEmpty)
            let characters = try await StoryCharacterRepository(database).findAll(scene.characters, as: .system)
            #expect(characters.map(\.id) == scene.characters)
            let outsider = AccessContext.user(UUID(), role: "user")
            #expect(try await StoryCharacterRepository(database).findAll(scene.characters, as: outsider).isEmpty)
        }
    }

    @Test("deleteExpired removes finished tasks older than 90 days, and nothing else", arguments: Backend.available)
    func timeToLive(_ backend: Backend) async throws {
        try await backend.withDatabase { database, _ in
            try await UserRepository(database).create(Samples.user(), as: .system)
            try await ProjectRepository(database).create(Samples.minimalProject(), as: .system)
            let tasks = GenerationTaskRepository(database)
            var finished = Samples.minimalTask(id: .timeOrdered())
            finished.status = .completed
            var queued = Samples.minimalTask(id: .timeOrdered())
            queued.status = .queued
            try await tasks.create(finished, as: .system)
            try await tasks.create(queued, as: .system)
            #expect(try await tasks.deleteExpired(as: .system) == 0, "both are new")
            let later = Date().addingTimeInterval(91 * 86_400)
            #expect(try await tasks.deleteExpired(now: later, as: .system) == 1)
            #expect(try await tasks.find(finished.id, as: .system) == nil)
            #expect(try await tasks.find(queued.id, as: .system) != nil, "queued tasks never expire")
        }
    }
}

/// Read access of every collection with access rules, for each caller, derived from the schema.
@Suite("Read access of every collection", .serialized)
struct ReadAccessTests {
    @Test(arguments: Backend.available)
    func everyCollection(_ backend: Backend) async throws {
        let schema = AccessMatrixTests.schema
        try await backend.withDatabase { system, app in
            try await seedWorld(system)
            for caller in Caller.allCases {
                let context = caller.context
                let cells: [(String, Bool, Caller?)] = [
                    ("users", try await UserRepository(app).find(Samples.IDs.owner, as: context) != nil, .owner),
                    ("projects", try await ProjectRepository(app).find(Samples.IDs.project, as: context) != nil, nil),
                    ("episodes", try await EpisodeRepository(app).find(Samples.IDs.episode1, as: context) != nil, nil),
                    ("characters", try await StoryCharacterRepository(app).find(Samples.IDs.hero, as: context) != nil, nil),
                    ("scenes", try await SceneRepository(app).find(Samples.IDs.scene1, as: context) != nil, nil),
                    ("media", try await MediaRepository(app).find(Samples.IDs.styleReference, as: context) != nil, nil),
                    ("sessions", try await SessionRepository(app).find(Samples.IDs.session, as: context) != nil, nil),
                    ("tasks", try await GenerationTaskRepository(app).find(Samples.IDs.task, as: context) != nil, nil),
                    ("promptTemplates", try await PromptTemplateRepository(app).find(Samples.IDs.template, as: context) != nil, nil),
                    ("promptsExecuted", try await PromptExecutionRepository(app).find(Samples.IDs.execution, as: context) != nil, nil),
                ]
                for (name, sees, isSelf) in cells {
                    let collection = try #require(schema.collection(named: name))
                    #expect(sees == caller.isGranted(.read, in: collection, isSelf: isSelf), "\(caller) reading \(name)")
                }
            }
        }
    }
}
