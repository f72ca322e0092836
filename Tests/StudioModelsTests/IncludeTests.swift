import Foundation
import SchemaRuntime
import StudioModels
import Testing

/// Includes (`including:`, `include(_:in:as:)`): references, `refs` lists and the reverse side
/// loaded for a whole list in one query per relation, under the caller's read rules. On
/// PostgreSQL the callers' reads go through the NOBYPASSRLS role.
@Suite("Includes", .serialized)
struct IncludeTests {
    static let owner = AccessContext.user(Samples.IDs.owner.rawValue, role: "user")
    static let collaborator = AccessContext.user(Samples.IDs.collaborator.rawValue, role: "user")
    static let otherOwner = User.ID(rawValue: UUID(uuidString: "0a000000-0000-4000-8000-0000000000c0")!)
    static let otherProject = Project.ID(rawValue: UUID(uuidString: "0b000000-0000-4000-8000-0000000000c0")!)
    static let stranger = StoryCharacter.ID(rawValue: UUID(uuidString: "0d000000-0000-4000-8000-0000000000c0")!)

    /// The owner's project (the collaborator on it) with episodes 1 and 2, characters hero and
    /// rival, and `scenes` scenes in episode 1, each with [rival, hero, stranger]: the stranger
    /// is a character of another owner's project.
    static func seed(_ system: any DatabaseExecutor, scenes: Int) async throws -> [Scene.ID] {
        let users = UserRepository(system)
        try await users.create(Samples.user(), as: .system)
        try await users.create(Samples.minimalUser(id: Samples.IDs.collaborator), as: .system)
        try await users.create(Samples.user(id: otherOwner, email: "grace.hopper@example.com"), as: .system)
        var project = Samples.minimalProject()
        project.collaborators = [Samples.IDs.collaborator]
        try await ProjectRepository(system).create(project, as: .system)
        var other = Samples.minimalProject(id: otherProject)
        other.createdBy = otherOwner
        try await ProjectRepository(system).create(other, as: .system)
        // Created out of order: the reverse side comes in the index's order, not the rows'.
        try await EpisodeRepository(system).create(Samples.minimalEpisode(), as: .system)
        try await EpisodeRepository(system).create(Samples.minimalEpisode(id: Samples.IDs.episode1, episodeNumber: 1), as: .system)
        let characters = StoryCharacterRepository(system)
        try await characters.create(Samples.minimalCharacter(id: Samples.IDs.hero), as: .system)
        try await characters.create(Samples.minimalCharacter(id: Samples.IDs.rival), as: .system)
        var stranger = Samples.minimalCharacter(id: stranger)
        stranger.project = otherProject
        try await characters.create(stranger, as: .system)
        var ids: [Scene.ID] = []
        for number in 1...max(scenes, 1) where scenes > 0 {
            var scene = Samples.minimalScene(id: .timeOrdered(), sceneNumber: number)
            scene.characters = [Samples.IDs.rival, Samples.IDs.hero, Self.stranger]
            try await SceneRepository(system).create(scene, as: .system)
            ids.append(scene.id)
        }
        return ids
    }

    @Test("to-one, to-many through the join table and the reverse side, in order", arguments: Backend.available)
    func loadsEachKind(_ backend: Backend) async throws {
        try await backend.withDatabase { system, app in
            let sceneIDs = try await Self.seed(system, scenes: 2)
            let scene = try #require(try await SceneRepository(app).find(sceneIDs[0], including: [\.episode, \.characters, \.project], as: Self.owner))
            #expect(scene.record.id == sceneIDs[0])
            #expect(scene.episode?.id == Samples.IDs.episode1)
            #expect(scene.project?.id == Samples.IDs.project)
            // The scene's own order of its characters; the other owner's character is left out.
            #expect(scene.characters.map(\.id) == [Samples.IDs.rival, Samples.IDs.hero])
            #expect(scene.record.characters.count == 3, "the record itself still lists what is stored")

            let project = try #require(try await ProjectRepository(app).find(Samples.IDs.project, including: [\.episodes, \.episodesCount], as: Self.collaborator))
            #expect(project.episodes.map(\.episodeNumber) == [1, 2])
            #expect(project.episodesCount == 2)

            // Records loaded some other way, with their relations in one call.
            let page = try await SceneRepository(app).find(episode: Samples.IDs.episode1, as: Self.owner)
            let included = try await SceneRepository(app).include([\.episode, \.characters], in: page.items, as: Self.owner)
            #expect(included.map(\.record.sceneNumber) == [1, 2])
            #expect(included.allSatisfy { $0.episode?.episodeNumber == 1 && $0.characters.map(\.id) == [Samples.IDs.rival, Samples.IDs.hero] })
        }
    }

    @Test("one query per relation whatever the number of records (no N+1)", arguments: Backend.available)
    func boundedQueries(_ backend: Backend) async throws {
        for count in [1, 12] {
            try await backend.withDatabase { system, app in
                _ = try await Self.seed(system, scenes: count)
                let counter = StatementCounter(app)
                let scenes = SceneRepository(counter)
                let page = try await scenes.list(where: { $0.episode == Samples.IDs.episode1 }, page: PageRequest(size: 50),
                                                 including: [\.episode, \.characters], as: Self.owner)
                #expect(page.items.count == count)
                #expect(page.items.allSatisfy { $0.characters.count == 2 && $0.episode != nil })
                // The scenes and their join table; the episodes; the characters and their own
                // join table (`visualDesign.referenceImages`).
                #expect(counter.statements.count == 5, "\(counter.statements)")
                counter.reset()
                let projects = try await ProjectRepository(counter).list(orderBy: { $0.id.ascending }, including: [\.episodes, \.episodesCount], as: Self.owner)
                #expect(projects.items.map { $0.episodes.count } == [2])
                // The projects and their two join tables; the episodes; their count.
                #expect(counter.statements.count == 5, "\(counter.statements)")
            }
        }
    }

    @Test("included records keep the read rules: another owner's stay hidden, a deleted one is absent", arguments: Backend.available)
    func includedRecordsKeepTheRules(_ backend: Backend) async throws {
        try await backend.withDatabase { system, app in
            _ = try await Self.seed(system, scenes: 1)
            // The other owner's episode, in their project: their scenes and episodes stay theirs.
            var theirs = Samples.minimalEpisode(id: .timeOrdered(), episodeNumber: 1)
            theirs.project = Self.otherProject
            try await EpisodeRepository(system).create(theirs, as: .system)
            let projects = ProjectRepository(app)
            let mine = try await projects.list(orderBy: { $0.id.ascending }, including: [\.episodes, \.episodesCount, \.createdBy], as: Self.collaborator)
            #expect(mine.items.map(\.id) == [Samples.IDs.project])
            #expect(mine.items[0].episodes.allSatisfy { $0.project == Samples.IDs.project })
            #expect(mine.items[0].episodesCount == 2)
            // Users read only themselves: the collaborator sees the project, not its owner's account.
            #expect(mine.items[0].createdBy == nil)
            let byOwner = try await projects.find(Samples.IDs.project, including: [\.createdBy], as: Self.owner)
            #expect(byOwner?.createdBy?.id == Samples.IDs.owner)
            // Everything the system sees, the other project's episode included.
            let all = try await ProjectRepository(system).list(orderBy: { $0.id.ascending }, including: [\.episodesCount], as: .system)
            #expect(all.items.map(\.episodesCount) == [2, 1])

            // A soft-deleted project is not included, by anyone.
            try await ProjectRepository(system).delete(Self.otherProject, as: .system)
            let episodes = try await EpisodeRepository(system).list(orderBy: { $0.id.ascending }, including: [\.project], as: .system)
            #expect(episodes.items.count == 3)
            #expect(episodes.items.filter { $0.project == nil }.map(\.record.id) == [theirs.id])
            #expect(try await EpisodeRepository(app).find(theirs.id, including: [\.project], as: Self.owner) == nil)
        }
    }
}
