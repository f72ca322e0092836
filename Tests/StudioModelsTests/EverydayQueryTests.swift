import Foundation
import SchemaRuntime
import StudioModels
import Testing

/// The studio's five everyday screens, each one call (README's "The five everyday queries"; run
/// by studio-demo): results, order and the access rules, on both engines. On PostgreSQL the
/// callers' calls go through the NOBYPASSRLS role.
@Suite("Everyday queries", .serialized)
struct EverydayQueryTests {
    static let owner = AccessContext.user(Samples.IDs.owner.rawValue, role: "user")
    static let collaborator = AccessContext.user(Samples.IDs.collaborator.rawValue, role: "user")
    static let otherOwner = User.ID(rawValue: UUID(uuidString: "0a000000-0000-4000-8000-0000000000d0")!)
    static let outsider = AccessContext.user(otherOwner.rawValue, role: "user")
    static let owned = Project.ID(rawValue: UUID(uuidString: "0b000000-0000-4000-8000-0000000000d1")!)
    static let theirs = Project.ID(rawValue: UUID(uuidString: "0b000000-0000-4000-8000-0000000000d2")!)
    static let collaboratorsOwn = Project.ID(rawValue: UUID(uuidString: "0b000000-0000-4000-8000-0000000000d3")!)
    static let deleted = Project.ID(rawValue: UUID(uuidString: "0b000000-0000-4000-8000-0000000000d4")!)

    /// Sets a record's creation time (the repository stamps it with now on create).
    static func setCreated(_ system: any DatabaseExecutor, table: String, id: UUID, minute: Int) async throws {
        try await system.execute("UPDATE \(table) SET created_at = ? WHERE id = ?", [.date(Samples.date(minute * 60_000)), .uuid(id)])
    }

    /// Projects, oldest first: the owner's (Samples.IDs.project, with the collaborator), the
    /// other owner's (with the collaborator too), the owner's second, the collaborator's own, and
    /// a deleted one of the owner's.
    static func seedProjects(_ system: any DatabaseExecutor) async throws {
        let users = UserRepository(system)
        try await users.create(Samples.user(), as: .system)
        try await users.create(Samples.minimalUser(id: Samples.IDs.collaborator), as: .system)
        try await users.create(Samples.user(id: otherOwner, email: "grace.hopper@example.com"), as: .system)
        let projects = ProjectRepository(system)
        let plan: [(Project.ID, User.ID, [User.ID])] = [
            (Samples.IDs.project, Samples.IDs.owner, [Samples.IDs.collaborator]),
            (theirs, otherOwner, [Samples.IDs.collaborator]),
            (owned, Samples.IDs.owner, []),
            (collaboratorsOwn, Samples.IDs.collaborator, []),
            (deleted, Samples.IDs.owner, [Samples.IDs.collaborator]),
        ]
        for (minute, (id, owner, collaborators)) in plan.enumerated() {
            var project = Samples.minimalProject(id: id)
            project.createdBy = owner
            project.collaborators = collaborators
            try await projects.create(project, as: .system)
            try await setCreated(system, table: "projects", id: id.rawValue, minute: minute)
        }
        try await projects.delete(deleted, as: .system)
        // Episodes: two in the first project (created out of order), one in the other owner's.
        try await EpisodeRepository(system).create(Samples.minimalEpisode(), as: .system)
        try await EpisodeRepository(system).create(Samples.minimalEpisode(id: Samples.IDs.episode1, episodeNumber: 1), as: .system)
        var episode = Samples.minimalEpisode(id: .timeOrdered(), episodeNumber: 1)
        episode.project = theirs
        try await EpisodeRepository(system).create(episode, as: .system)
    }

    @Test("dashboard: my projects and those I collaborate on, newest first, with episode counts", arguments: Backend.available)
    func dashboard(_ backend: Backend) async throws {
        try await backend.withDatabase { system, app in
            try await Self.seedProjects(system)
            let projects = ProjectRepository(app)
            let mine = try await projects.list(orderBy: { $0.createdAt.descending }, including: [\.episodesCount], as: Self.collaborator)
            #expect(mine.items.map(\.id) == [Self.collaboratorsOwn, Self.theirs, Samples.IDs.project])
            #expect(mine.items.map(\.episodesCount) == [0, 1, 2])
            let owners = try await projects.list(orderBy: { $0.createdAt.descending }, including: [\.episodesCount], as: Self.owner)
            #expect(owners.items.map(\.id) == [Self.owned, Samples.IDs.project], "the deleted one and others' stay out")
            #expect(owners.items.map(\.episodesCount) == [0, 2])
            let outsiders = try await projects.list(orderBy: { $0.createdAt.descending }, including: [\.episodesCount], as: Self.outsider)
            #expect(outsiders.items.map(\.id) == [Self.theirs])
            #expect(try await projects.list(orderBy: { $0.createdAt.descending }, including: [\.episodesCount], as: .anonymous).items.isEmpty)
            // Pages keep the order: two, then the rest.
            let first = try await projects.list(orderBy: { $0.createdAt.descending }, page: PageRequest(size: 2), including: [\.episodesCount], as: Self.collaborator)
            let next = try #require(first.next)
            let rest = try await projects.list(orderBy: { $0.createdAt.descending }, page: PageRequest(size: 2, after: next), including: [\.episodesCount], as: Self.collaborator)
            #expect((first.items + rest.items).map(\.id) == mine.items.map(\.id))
        }
    }

    @Test("a project's episodes in order", arguments: Backend.available)
    func episodesInOrder(_ backend: Backend) async throws {
        try await backend.withDatabase { system, app in
            try await Self.seedProjects(system)
            let episodes = EpisodeRepository(app)
            #expect(try await episodes.find(project: Samples.IDs.project, as: Self.collaborator).items.map(\.episodeNumber) == [1, 2])
            #expect(try await episodes.find(project: Samples.IDs.project, as: Self.outsider).items.isEmpty)
            // The same through the project: its episodes included, in the index's order.
            let project = try await ProjectRepository(app).find(Samples.IDs.project, including: [\.episodes], as: Self.owner)
            #expect(project?.episodes.map(\.id) == [Samples.IDs.episode1, Samples.IDs.episode2])
            #expect(try await ProjectRepository(app).find(Samples.IDs.project, including: [\.episodes], as: Self.outsider) == nil)
        }
    }

    @Test("a scene with its characters", arguments: Backend.available)
    func sceneWithCharacters(_ backend: Backend) async throws {
        try await backend.withDatabase { system, app in
            try await Self.seedProjects(system)
            let characters = StoryCharacterRepository(system)
            try await characters.create(Samples.minimalCharacter(id: Samples.IDs.hero), as: .system)
            try await characters.create(Samples.minimalCharacter(id: Samples.IDs.rival), as: .system)
            var theirs = Samples.minimalCharacter(id: Samples.IDs.mentor)
            theirs.project = Self.theirs
            try await characters.create(theirs, as: .system)
            var scene = Samples.minimalScene()
            scene.characters = [Samples.IDs.rival, Samples.IDs.mentor, Samples.IDs.hero]
            try await SceneRepository(system).create(scene, as: .system)

            let scenes = SceneRepository(app)
            let found = try #require(try await scenes.find(scene.id, including: [\.characters], as: Self.owner))
            #expect(found.characters.map(\.id) == [Samples.IDs.rival, Samples.IDs.hero], "another project's character is never included")
            let asCollaborator = try await scenes.find(scene.id, including: [\.characters], as: Self.collaborator)
            // The collaborator works on both projects: every character, in the scene's order.
            #expect(asCollaborator?.characters.map(\.id) == [Samples.IDs.rival, Samples.IDs.mentor, Samples.IDs.hero])
            #expect(try await scenes.find(scene.id, including: [\.characters], as: Self.outsider) == nil)
        }
    }

    @Test("the media gallery: a project's media of one type, newest first", arguments: Backend.available)
    func mediaGallery(_ backend: Backend) async throws {
        try await backend.withDatabase { system, app in
            try await Self.seedProjects(system)
            let media = MediaRepository(system)
            var ids: [Media.ID] = []
            for (minute, type) in [Media.MediaType.styleReference, .characterDesign, .styleReference, .styleReference].enumerated() {
                var item = Samples.minimalMedia(id: .timeOrdered())
                item.mediaType = type
                try await media.create(item, as: .system)
                try await Self.setCreated(system, table: "media", id: item.id.rawValue, minute: [3, 1, 7, 5][minute])
                ids.append(item.id)
            }
            var elsewhere = Samples.minimalMedia(id: .timeOrdered())
            elsewhere.mediaType = .styleReference
            elsewhere.project = Self.theirs
            try await media.create(elsewhere, as: .system)

            let gallery = MediaRepository(app)
            let styles = try await gallery.find(project: Samples.IDs.project, mediaType: .styleReference, as: Self.collaborator)
            #expect(styles.items.map(\.id) == [ids[2], ids[3], ids[0]], "minutes 7, 5, 3")
            let page = try await gallery.find(project: Samples.IDs.project, mediaType: .styleReference, page: PageRequest(size: 2), as: Self.owner)
            let rest = try await gallery.find(project: Samples.IDs.project, mediaType: .styleReference, page: PageRequest(size: 2, after: page.next), as: Self.owner)
            #expect((page.items + rest.items).map(\.id) == [ids[2], ids[3], ids[0]])
            #expect(try await gallery.find(project: Samples.IDs.project, mediaType: .characterDesign, as: Self.owner).items.map(\.id) == [ids[1]])
            #expect(try await gallery.find(project: Samples.IDs.project, mediaType: .styleReference, as: Self.outsider).items.isEmpty)
            #expect(try await gallery.find(project: Self.theirs, mediaType: .styleReference, as: Self.owner).items.isEmpty)
        }
    }

    @Test("claiming the next task: highest priority, oldest first, only what the caller may update", arguments: Backend.available)
    func claimNextTask(_ backend: Backend) async throws {
        try await backend.withDatabase { system, app in
            try await Self.seedProjects(system)
            let tasks = GenerationTaskRepository(system)
            var mine: [GenerationTask.ID] = []
            for (minute, priority) in [5, 9, 9].enumerated() {
                var task = Samples.minimalTask(id: .timeOrdered())
                task.priority = priority
                task.status = .queued
                try await tasks.create(task, as: .system)
                try await Self.setCreated(system, table: "tasks", id: task.id.rawValue, minute: minute)
                mine.append(task.id)
            }
            var theirs = Samples.minimalTask(id: .timeOrdered())
            theirs.project = Self.theirs
            theirs.priority = 10
            theirs.status = .queued
            try await tasks.create(theirs, as: .system)

            let queue = GenerationTaskRepository(app)
            // Priority 9 twice: the older (minute 1) first; the other project's 10 is not the owner's.
            let first = try await queue.claimNext(as: Self.owner) { $0.status = .processing }
            #expect(first?.id == mine[1])
            #expect(first?.status == .processing)
            #expect(try await queue.claimNext(as: Self.owner) { $0.status = .processing }?.id == mine[2])
            #expect(try await queue.claimNext(as: Self.owner) { $0.status = .processing }?.id == mine[0])
            #expect(try await queue.claimNext(as: Self.owner) { $0.status = .processing } == nil)
            #expect(try await queue.claimNext(as: .anonymous) { $0.status = .processing } == nil)
            #expect(try await queue.claimNext(as: Self.outsider) { $0.status = .processing }?.id == theirs.id)
        }
    }
}
