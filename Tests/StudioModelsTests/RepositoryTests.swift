import Foundation
import SchemaRuntime
import StudioModels
import Testing

/// Every sample of Samples in the database, inserted in an order the foreign keys accept:
/// media before what shows them, and episode references from media set once the episodes exist.
func seedWorld(_ database: any DatabaseExecutor) async throws {
    let system = AccessContext.system
    let users = UserRepository(database)
    try await users.create(Samples.user(), as: system)
    try await users.create(Samples.minimalUser(), as: system)
    try await users.create(Samples.user(id: Samples.IDs.producer, email: "grace@example.com"), as: system)
    var project = Samples.project()
    let styleReferences = project.styleReferences
    project.styleReferences = []
    try await ProjectRepository(database).create(project, as: system)
    // Media first without what they point at, then the records, then the media in full.
    let media = MediaRepository(database)
    let mediaIDs = [Samples.IDs.styleReference, Samples.IDs.characterDesign, Samples.IDs.conceptArt, Samples.IDs.finalVideo,
                    Samples.IDs.thumbnail, Samples.IDs.voiceSample, Samples.IDs.videoSegment, Samples.IDs.audioTrack]
    for id in mediaIDs {
        try await media.create(Samples.minimalMedia(id: id), as: system)
    }
    try await ProjectRepository(database).update(Samples.IDs.project, as: system) { $0.styleReferences = styleReferences }
    try await EpisodeRepository(database).create(Samples.episode(), as: system)
    try await EpisodeRepository(database).create(Samples.minimalEpisode(), as: system)
    let characters = StoryCharacterRepository(database)
    try await characters.create(Samples.character(), as: system)
    try await characters.create(Samples.minimalCharacter(), as: system)
    try await characters.create(Samples.minimalCharacter(id: Samples.IDs.mentor), as: system)
    let scenes = SceneRepository(database)
    try await scenes.create(Samples.scene(), as: system)
    try await scenes.create(Samples.minimalScene(), as: system)
    try await scenes.create(Samples.minimalScene(id: Samples.IDs.scene3, sceneNumber: 3), as: system)
    try await media.update(Samples.media(), as: system)
    try await PromptTemplateRepository(database).create(Samples.template(), as: system)
    try await PromptExecutionRepository(database).create(Samples.execution(), as: system)
    let tasks = GenerationTaskRepository(database)
    try await tasks.create(Samples.minimalTask(), as: system)
    try await tasks.create(Samples.minimalTask(id: Samples.IDs.dependency2), as: system)
    try await tasks.create(Samples.task(), as: system)
    try await SessionRepository(database).create(Samples.session(), as: system)
}

/// What a repository read gives back must be what was written: timestamps are the ones the
/// repository set, everything else the sample's.
func expectSame<Record: Equatable>(_ stored: Record?, _ written: Record, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    #expect(stored == written, sourceLocation: sourceLocation)
}

@Suite("Generated repositories", .serialized)
struct RepositoryTests {
    @Test("every collection round-trips: create, get, equal; update, get, equal; delete, gone",
          arguments: Backend.available)
    func roundTrips(_ backend: Backend) async throws {
        try await backend.withDatabase { database, _ in
            try await seedWorld(database)
            let system = AccessContext.system

            let users = UserRepository(database)
            var user = try await users.get(Samples.IDs.owner, as: system)
            var expected = Samples.user()
            expected.createdAt = user.createdAt
            expected.updatedAt = user.updatedAt
            #expect(user == expected)
            user.subscription.features.append("beta")
            let updatedUser = try await users.update(user, as: system)
            expectSame(try await users.find(user.id, as: system), updatedUser)

            let projects = ProjectRepository(database)
            let project = try await projects.get(Samples.IDs.project, as: system)
            var expectedProject = Samples.project()
            expectedProject.createdAt = project.createdAt
            expectedProject.updatedAt = project.updatedAt
            expectedProject.version = 2  // created, then its style references set (seedWorld)
            #expect(project == expectedProject, "nested objects, refs in order, JSON arrays")

            let episode = try await EpisodeRepository(database).get(Samples.IDs.episode1, as: system)
            var expectedEpisode = Samples.episode()
            (expectedEpisode.createdAt, expectedEpisode.updatedAt) = (episode.createdAt, episode.updatedAt)
            #expect(episode == expectedEpisode)
            let minimalEpisode = try await EpisodeRepository(database).get(Samples.IDs.episode2, as: system)
            #expect(minimalEpisode.synopsis == nil && minimalEpisode.metadata == nil, "absent optional objects stay absent")

            let character = try await StoryCharacterRepository(database).get(Samples.IDs.hero, as: system)
            var expectedCharacter = Samples.character()
            (expectedCharacter.createdAt, expectedCharacter.updatedAt) = (character.createdAt, character.updatedAt)
            #expect(character == expectedCharacter)

            let scene = try await SceneRepository(database).get(Samples.IDs.scene1, as: system)
            var expectedScene = Samples.scene()
            (expectedScene.createdAt, expectedScene.updatedAt) = (scene.createdAt, scene.updatedAt)
            #expect(scene == expectedScene)

            let media = try await MediaRepository(database).get(Samples.IDs.styleReference, as: system)
            var expectedMedia = Samples.media()
            (expectedMedia.createdAt, expectedMedia.updatedAt) = (media.createdAt, media.updatedAt)
            #expect(media == expectedMedia, "vector, JSON, nested objects")

            let session = try await SessionRepository(database).get(Samples.IDs.session, as: system)
            var expectedSession = Samples.session()
            (expectedSession.createdAt, expectedSession.updatedAt) = (session.createdAt, session.updatedAt)
            #expect(session == expectedSession)

            let task = try await GenerationTaskRepository(database).get(Samples.IDs.task, as: system)
            var expectedTask = Samples.task()
            (expectedTask.createdAt, expectedTask.updatedAt) = (task.createdAt, task.updatedAt)
            #expect(task == expectedTask, "self-relation through the join table")

            let template = try await PromptTemplateRepository(database).get(Samples.IDs.template, as: system)
            var expectedTemplate = Samples.template()
            (expectedTemplate.createdAt, expectedTemplate.updatedAt) = (template.createdAt, template.updatedAt)
            #expect(template == expectedTemplate)

            let execution = try await PromptExecutionRepository(database).get(Samples.IDs.execution, as: system)
            var expectedExecution = Samples.execution()
            (expectedExecution.createdAt, expectedExecution.updatedAt) = (execution.createdAt, execution.updatedAt)
            #expect(execution == expectedExecution)

            // Partial update, then delete: gone, and what cascades goes too.
            let renamed = try await projects.update(project.id, as: system) { $0.title = "Neon Rain II" }
            #expect(try await projects.get(project.id, as: system) == renamed)
            #expect(renamed.updatedAt >= project.updatedAt)
            // Projects are soft-deleted: gone from reads, back on restore, removed for good by purge.
            try await projects.delete(project.id, as: system)
            #expect(try await projects.find(project.id, as: system) == nil)
            #expect(try await projects.find(project.id, includingDeleted: true, as: system)?.deletedAt != nil)
            #expect(try await projects.count(as: system) == 0)
            await #expect(throws: RepositoryError.notFound(collection: "projects", id: project.id.description)) {
                try await projects.delete(project.id, as: system)
            }
            try await projects.restore(project.id, as: system)
            var restored = renamed
            restored.version += 2  // delete and restore each wrote the row
            #expect(try await projects.get(project.id, as: system) == restored)
            try await projects.purge(project.id, as: system)
            #expect(try await projects.find(project.id, includingDeleted: true, as: system) == nil)
            #expect(try await EpisodeRepository(database).count(as: system) == 0, "episodes cascade with their project")
            await #expect(throws: RepositoryError.notFound(collection: "projects", id: project.id.description)) {
                try await projects.purge(project.id, as: system)
            }
        }
    }

    @Test("every collection: update, get, equal; delete, gone", arguments: Backend.available)
    func updatesAndDeletes(_ backend: Backend) async throws {
        try await backend.withDatabase { database, _ in
            try await seedWorld(database)
            let system = AccessContext.system
            func check<Record: Equatable & Sendable>(
                _ name: String,
                update: () async throws -> Record,
                get: () async throws -> Record?,
                delete: () async throws -> Void
            ) async throws {
                let updated = try await update()
                #expect(try await get() == updated, "\(name): read back as updated")
                try await delete()
                #expect(try await get() == nil, "\(name): gone after delete")
            }
            // Dependents first, so that no restrict rule stands in the way.
            let tasks = GenerationTaskRepository(database)
            try await check("tasks", update: { try await tasks.update(Samples.IDs.task, as: system) { $0.priority = 9; $0.progress.percentage = 50.5 } },
                            get: { try await tasks.find(Samples.IDs.task, as: system) }, delete: { try await tasks.delete(Samples.IDs.task, as: system) })
            let sessions = SessionRepository(database)
            try await check("sessions", update: { try await sessions.update(Samples.IDs.session, as: system) { $0.awaitingUserInput.toggle() } },
                            get: { try await sessions.find(Samples.IDs.session, as: system) }, delete: { try await sessions.delete(Samples.IDs.session, as: system) })
            let executions = PromptExecutionRepository(database)
            try await check("promptsExecuted", update: { try await executions.update(Samples.IDs.execution, as: system) { $0.notes = "reviewed" } },
                            get: { try await executions.find(Samples.IDs.execution, as: system) }, delete: { try await executions.delete(Samples.IDs.execution, as: system) })
            let templates = PromptTemplateRepository(database)
            try await check("promptTemplates", update: { try await templates.update(Samples.IDs.template, as: system) { $0.notes = "second draft" } },
                            get: { try await templates.find(Samples.IDs.template, as: system) }, delete: { try await templates.delete(Samples.IDs.template, as: system) })
            let scenes = SceneRepository(database)
            try await check("scenes", update: { try await scenes.update(Samples.IDs.scene1, as: system) { $0.characters.reverse(); $0.mood = "tense" } },
                            get: { try await scenes.find(Samples.IDs.scene1, as: system) }, delete: { try await scenes.delete(Samples.IDs.scene1, as: system) })
            let characters = StoryCharacterRepository(database)
            try await check("characters", update: { try await characters.update(Samples.IDs.hero, as: system) { $0.profile.personality.append("stubborn") } },
                            get: { try await characters.find(Samples.IDs.hero, as: system) }, delete: { try await characters.delete(Samples.IDs.hero, as: system) })
            let episodes = EpisodeRepository(database)
            try await check("episodes", update: { try await episodes.update(Samples.IDs.episode1, as: system) { $0.metadata = nil } },
                            get: { try await episodes.find(Samples.IDs.episode1, as: system) }, delete: { try await episodes.delete(Samples.IDs.episode1, as: system) })
            let media = MediaRepository(database)
            try await check("media", update: { try await media.update(Samples.IDs.styleReference, as: system) { $0.embedding = Array(repeating: 0.25, count: 1024) } },
                            get: { try await media.find(Samples.IDs.styleReference, as: system) }, delete: { try await media.delete(Samples.IDs.styleReference, as: system) })
            let projects = ProjectRepository(database)
            try await check("projects", update: { try await projects.update(Samples.IDs.project, as: system) { $0.collaborators = [Samples.IDs.producer] } },
                            get: { try await projects.find(Samples.IDs.project, as: system) }, delete: { try await projects.delete(Samples.IDs.project, as: system) })
            let users = UserRepository(database)
            try await check("users", update: { try await users.update(Samples.IDs.collaborator, as: system) { $0.preferences.theme = "dark" } },
                            get: { try await users.find(Samples.IDs.collaborator, as: system) }, delete: { try await users.delete(Samples.IDs.collaborator, as: system) })
        }
    }

    @Test("a unique index refusal is a conflict naming its fields; an invalid record lists every problem",
          arguments: Backend.available)
    func conflictsAndValidation(_ backend: Backend) async throws {
        try await backend.withDatabase { database, _ in
            let users = UserRepository(database)
            try await users.create(Samples.user(), as: .system)
            await #expect(throws: RepositoryError.conflict(collection: "users", fields: ["email"])) {
                try await users.create(Samples.user(id: Samples.IDs.producer), as: .system)
            }
            var invalid = Samples.minimalUser()
            invalid.email = "not an address"
            invalid.name = ""
            do {
                try await users.create(invalid, as: .system)
                Issue.record("an invalid record was inserted")
            } catch RepositoryError.validationFailed(let error) {
                #expect(error.issues.map(\.path.description) == ["email", "name"])
            }
            #expect(try await users.count(as: .system) == 1)
        }
    }

    @Test("text that looks like SQL is stored and read back as plain data", arguments: Backend.available)
    func injectionIsData(_ backend: Backend) async throws {
        try await backend.withDatabase { database, _ in
            let users = UserRepository(database)
            let nasty = "Robert'); DROP TABLE users; -- \"x\" ? $1"
            var user = Samples.minimalUser()
            user.name = nasty
            try await users.create(user, as: .system)
            #expect(try await users.get(user.id, as: .system).name == nasty)
            #expect(try await users.find(email: user.email, as: .system)?.name == nasty)
        }
    }

    @Test("8 concurrent tasks × 500 inserts lose nothing", arguments: Backend.available)
    func concurrentInserts(_ backend: Backend) async throws {
        try await backend.withDatabase { database, _ in
            try await UserRepository(database).create(Samples.user(), as: .system)
            try await ProjectRepository(database).create(Samples.minimalProject(), as: .system)
            let templates = PromptTemplateRepository(database)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<8 {
                    group.addTask {
                        for number in 0..<500 {
                            var template = Samples.minimalTemplate(id: PromptTemplate.ID())
                            template.name = "worker \(worker) template \(number)"
                            try await templates.create(template, as: .system)
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await templates.count(as: .system) == 4000)
        }
    }

    @Test("8 concurrent tasks × 100 increments of one record's counter lose none", arguments: Backend.available)
    func concurrentIncrements(_ backend: Backend) async throws {
        try await backend.withDatabase { system, app in
            try await seedWorld(system)
            // The owner and a collaborator, through the role that row-level security holds to
            // the rules: the row lock must be one they may take.
            let media = MediaRepository(app)
            let before = try await media.get(Samples.IDs.conceptArt, as: Caller.owner.context).version
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<8 {
                    let caller = worker.isMultiple(of: 2) ? Caller.owner : Caller.collaborator
                    group.addTask {
                        for _ in 0..<100 {
                            try await media.update(Samples.IDs.conceptArt, as: caller.context) { $0.version += 1 }
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await MediaRepository(system).get(Samples.IDs.conceptArt, as: .system).version == before + 800)
        }
    }

    @Test("a claim passes over a deleted record rather than returning nothing or locking it", arguments: Backend.available)
    func claimSkipsDeletedRecords(_ backend: Backend) async throws {
        try await backend.withDatabase { database, _ in
            try await UserRepository(database).create(Samples.user(), as: .system)
            let projects = ProjectRepository(database)
            // Same owner and status: the claim's order is then the ids'.
            let trashed = Project.ID(rawValue: UUID(uuidString: "0b000000-0000-4000-8000-000000000001")!)
            let kept = Project.ID(rawValue: UUID(uuidString: "0b000000-0000-4000-8000-000000000002")!)
            try await projects.createAll([Samples.minimalProject(id: trashed), Samples.minimalProject(id: kept)], as: .system)
            try await projects.delete(trashed, as: .system)
            let claimed = try await projects.claimFirst(where: "projects.created_by = ?", [.uuid(Samples.IDs.owner.rawValue)],
                                                        orderedBy: [SortKey("projects.status")], as: .system) { $0.title = "Claimed" }
            #expect(claimed?.id == kept)
            #expect(try await projects.find(trashed, includingDeleted: true, as: .system)?.title == "Untitled")
        }
    }

    @Test("finders use the declared indexes; lists page with a cursor", arguments: Backend.available)
    func findersAndPages(_ backend: Backend) async throws {
        try await backend.withDatabase { database, _ in
            try await seedWorld(database)
            let system = AccessContext.system
            let episodes = EpisodeRepository(database)
            #expect(try await episodes.find(project: Samples.IDs.project, episodeNumber: 2, as: system)?.id == Samples.IDs.episode2)
            #expect(try await episodes.find(project: Samples.IDs.project, episodeNumber: 9, as: system) == nil)
            let projects = ProjectRepository(database)
            let project = try await projects.get(Samples.IDs.project, as: system)
            let owned = try await projects.find(createdBy: Samples.IDs.owner, status: project.status, as: system)
            #expect(owned.items.map(\.id) == [Samples.IDs.project])
            let collaborating = try await projects.find(collaborator: Samples.IDs.collaborator, status: project.status, as: system)
            #expect(collaborating.items.map(\.id) == [Samples.IDs.project])
            #expect(try await projects.searchTitle(project.title.split(separator: " ").first.map(String.init) ?? "", as: system).items.count == 1)

            let media = MediaRepository(database)
            var seen: [Media.ID] = []
            var page = try await media.list(page: PageRequest(size: 3), as: system)
            seen += page.items.map(\.id)
            while let next = page.next {
                page = try await media.list(page: PageRequest(size: 3, after: Cursor(next.description)), as: system)
                seen += page.items.map(\.id)
            }
            #expect(seen.count == 8 && Set(seen).count == 8, "every media once, over three pages")
            #expect(seen == seen.sorted())
            let filtered = try await media.list(MediaRepository.Filter(project: Samples.IDs.project, mediaType: .styleReference), as: system)
            #expect(filtered.items.map(\.id) == [Samples.IDs.styleReference])
        }
    }
}
