import Foundation
import SchemaGenCore
import SchemaRuntime
import StudioModels
import Testing

/// One collection's four operations, each run as a caller against the seeded world: reading a
/// sample record, updating it, creating a new record and deleting a record made for the cell.
/// Each returns whether the repository let the caller do it.
struct CollectionCase: Sendable {
    var name: String
    /// In the principal collection: which caller the read/updated record is.
    var isSelf: Caller?
    var read: @Sendable (any DatabaseExecutor, AccessContext) async throws -> Bool
    var update: @Sendable (any DatabaseExecutor, AccessContext) async -> Bool
    var create: @Sendable (any DatabaseExecutor, AccessContext, Int) async -> Bool
    /// Makes a victim as the system context, then deletes it as the caller.
    var delete: @Sendable (_ system: any DatabaseExecutor, _ app: any DatabaseExecutor, AccessContext, Int) async throws -> Bool
}

let collectionCases: [CollectionCase] = [
    CollectionCase(
        name: "users", isSelf: .owner,
        read: { db, c in try await UserRepository(db).find(Samples.IDs.owner, as: c) != nil },
        update: { db, c in await succeeds { try await UserRepository(db).update(Samples.IDs.owner, as: c) { $0.name = "Ada L." } } },
        create: { db, c, n in await succeeds { try await UserRepository(db).create(Samples.newAccount(email: "new\(n)@example.com"), as: c) } },
        delete: { system, app, c, n in
            let victim = Samples.user(id: User.ID(), email: "victim\(n)@example.com")
            try await UserRepository(system).create(victim, as: .system)
            return await succeeds { try await UserRepository(app).delete(victim.id, as: c) }
        }),
    CollectionCase(
        name: "projects",
        read: { db, c in try await ProjectRepository(db).find(Samples.IDs.project, as: c) != nil },
        update: { db, c in await succeeds { try await ProjectRepository(db).update(Samples.IDs.project, as: c) { $0.description = "edited" } } },
        create: { db, c, _ in await succeeds { try await ProjectRepository(db).create(Samples.minimalProject(id: Project.ID()), as: c) } },
        delete: { system, app, c, _ in
            let victim = Samples.minimalProject(id: Project.ID())
            try await ProjectRepository(system).create(victim, as: .system)
            return await succeeds { try await ProjectRepository(app).delete(victim.id, as: c) }
        }),
    CollectionCase(
        name: "episodes",
        read: { db, c in try await EpisodeRepository(db).find(Samples.IDs.episode1, as: c) != nil },
        update: { db, c in await succeeds { try await EpisodeRepository(db).update(Samples.IDs.episode1, as: c) { $0.title = "edited" } } },
        create: { db, c, n in await succeeds { try await EpisodeRepository(db).create(Samples.minimalEpisode(id: Episode.ID(), episodeNumber: 100 + n), as: c) } },
        delete: { system, app, c, n in
            let victim = Samples.minimalEpisode(id: Episode.ID(), episodeNumber: 200 + n)
            try await EpisodeRepository(system).create(victim, as: .system)
            return await succeeds { try await EpisodeRepository(app).delete(victim.id, as: c) }
        }),
    CollectionCase(
        name: "characters",
        read: { db, c in try await StoryCharacterRepository(db).find(Samples.IDs.hero, as: c) != nil },
        update: { db, c in await succeeds { try await StoryCharacterRepository(db).update(Samples.IDs.hero, as: c) { $0.name = "edited" } } },
        create: { db, c, _ in await succeeds { try await StoryCharacterRepository(db).create(Samples.minimalCharacter(id: StoryCharacter.ID()), as: c) } },
        delete: { system, app, c, _ in
            let victim = Samples.minimalCharacter(id: StoryCharacter.ID())
            try await StoryCharacterRepository(system).create(victim, as: .system)
            return await succeeds { try await StoryCharacterRepository(app).delete(victim.id, as: c) }
        }),
    CollectionCase(
        name: "scenes",
        read: { db, c in try await SceneRepository(db).find(Samples.IDs.scene1, as: c) != nil },
        update: { db, c in await succeeds { try await SceneRepository(db).update(Samples.IDs.scene1, as: c) { $0.title = "edited" } } },
        create: { db, c, n in await succeeds { try await SceneRepository(db).create(Samples.minimalScene(id: Scene.ID(), sceneNumber: 100 + n), as: c) } },
        delete: { system, app, c, n in
            let victim = Samples.minimalScene(id: Scene.ID(), sceneNumber: 200 + n)
            try await SceneRepository(system).create(victim, as: .system)
            return await succeeds { try await SceneRepository(app).delete(victim.id, as: c) }
        }),
    CollectionCase(
        name: "media",
        read: { db, c in try await MediaRepository(db).find(Samples.IDs.styleReference, as: c) != nil },
        update: { db, c in await succeeds { try await MediaRepository(db).update(Samples.IDs.styleReference, as: c) { $0.alt = "edited" } } },
        create: { db, c, _ in await succeeds { try await MediaRepository(db).create(Samples.minimalMedia(id: Media.ID()), as: c) } },
        delete: { system, app, c, _ in
            let victim = Samples.minimalMedia(id: Media.ID())
            try await MediaRepository(system).create(victim, as: .system)
            return await succeeds { try await MediaRepository(app).delete(victim.id, as: c) }
        }),
    CollectionCase(
        name: "sessions",
        read: { db, c in try await SessionRepository(db).find(Samples.IDs.session, as: c) != nil },
        update: { db, c in await succeeds { try await SessionRepository(db).update(Samples.IDs.session, as: c) { $0.currentStep = "edited" } } },
        create: { db, c, _ in await succeeds { try await SessionRepository(db).create(Samples.minimalSession(id: .timeOrdered()), as: c) } },
        delete: { system, app, c, _ in
            let victim = Samples.minimalSession(id: .timeOrdered())
            try await SessionRepository(system).create(victim, as: .system)
            return await succeeds { try await SessionRepository(app).delete(victim.id, as: c) }
        }),
    CollectionCase(
        name: "tasks",
        read: { db, c in try await GenerationTaskRepository(db).find(Samples.IDs.task, as: c) != nil },
        update: { db, c in await succeeds { try await GenerationTaskRepository(db).update(Samples.IDs.task, as: c) { $0.priority = 7 } } },
        create: { db, c, _ in await succeeds { try await GenerationTaskRepository(db).create(Samples.minimalTask(id: .timeOrdered()), as: c) } },
        delete: { system, app, c, _ in
            let victim = Samples.minimalTask(id: .timeOrdered())
            try await GenerationTaskRepository(system).create(victim, as: .system)
            return await succeeds { try await GenerationTaskRepository(app).delete(victim.id, as: c) }
        }),
    CollectionCase(
        name: "promptTemplates",
        read: { db, c in try await PromptTemplateRepository(db).find(Samples.IDs.template, as: c) != nil },
        update: { db, c in await succeeds { try await PromptTemplateRepository(db).update(Samples.IDs.template, as: c) { $0.notes = "edited" } } },
        create: { db, c, _ in await succeeds { try await PromptTemplateRepository(db).create(Samples.minimalTemplate(id: PromptTemplate.ID()), as: c) } },
        delete: { system, app, c, _ in
            let victim = Samples.minimalTemplate(id: PromptTemplate.ID())
            try await PromptTemplateRepository(system).create(victim, as: .system)
            return await succeeds { try await PromptTemplateRepository(app).delete(victim.id, as: c) }
        }),
    CollectionCase(
        name: "promptsExecuted",
        read: { db, c in try await PromptExecutionRepository(db).find(Samples.IDs.execution, as: c) != nil },
        update: { db, c in await succeeds { try await PromptExecutionRepository(db).update(Samples.IDs.execution, as: c) { $0.notes = "edited" } } },
        create: { db, c, _ in await succeeds { try await PromptExecutionRepository(db).create(Samples.minimalExecution(id: .timeOrdered()), as: c) } },
        delete: { system, app, c, _ in
            let victim = Samples.minimalExecution(id: .timeOrdered())
            try await PromptExecutionRepository(system).create(victim, as: .system)
            return await succeeds { try await PromptExecutionRepository(app).delete(victim.id, as: c) }
        }),
]

/// Whether a repository call went through; a refusal is `false`, anything else an issue.
func succeeds(_ body: () async throws -> some Any) async -> Bool {
    await AccessMatrixTests.succeeds(body)
}

@Suite("Role × operation for every collection", .serialized)
struct FullAccessMatrixTests {
    /// Owner, collaborator, admin, another user and anonymous × read, create, update, delete, for
    /// all ten collections; each expected outcome comes from the schema's rules. On PostgreSQL
    /// the calls run as a role row-level security holds to the same rules.
    @Test(arguments: Backend.available)
    func everyCell(_ backend: Backend) async throws {
        let schema = AccessMatrixTests.schema
        try await backend.withDatabase { system, app in
            try await seedWorld(system)
            for (number, caller) in Caller.allCases.enumerated() {
                let context = caller.context
                for item in collectionCases {
                    let collection = try #require(schema.collection(named: item.name))
                    let expected = { (operation: AccessOperation) in caller.isGranted(operation, in: collection, isSelf: item.isSelf) }
                    #expect(try await item.read(app, context) == expected(.read), "\(caller) read \(item.name)")
                    #expect(await item.create(app, context, number) == expected(.create), "\(caller) create \(item.name)")
                    #expect(try await item.delete(system, app, context, number) == expected(.delete), "\(caller) delete \(item.name)")
                }
                // Updates last: they change the sample records the reads look at.
                for item in collectionCases {
                    let collection = try #require(schema.collection(named: item.name))
                    #expect(await item.update(app, context) == caller.isGranted(.update, in: collection, isSelf: item.isSelf),
                            "\(caller) update \(item.name)")
                }
            }
        }
    }

    @Test("a transaction spans repositories: all of it, or none", arguments: Backend.available)
    func transactionsSpanRepositories(_ backend: Backend) async throws {
        try await backend.withDatabase { database, _ in
            struct Stop: Error {}
            try await UserRepository(database).create(Samples.user(), as: .system)
            await #expect(throws: Stop.self) {
                try await database.transaction(as: .system) { tx in
                    try await ProjectRepository(tx).create(Samples.minimalProject(), as: .system)
                    try await EpisodeRepository(tx).create(Samples.minimalEpisode(), as: .system)
                    throw Stop()
                }
            }
            #expect(try await ProjectRepository(database).count(as: .system) == 0)
            #expect(try await EpisodeRepository(database).count(as: .system) == 0)
            try await database.transaction(as: .system) { tx in
                try await ProjectRepository(tx).create(Samples.minimalProject(), as: .system)
                try await EpisodeRepository(tx).create(Samples.minimalEpisode(), as: .system)
            }
            #expect(try await EpisodeRepository(database).count(as: .system) == 1)
        }
    }
}
