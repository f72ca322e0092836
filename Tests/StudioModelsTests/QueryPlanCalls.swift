import Foundation
import SchemaRuntime
import StudioModels

/// The generated methods of the studio's repositories, each called once as `context`, for
/// `QueryPlanTests` to plan what they issue: every finder, the text searches, the queue's claim,
/// the links' edits, the expiry, aggregates, upserts and a similarity search.
enum GeneratedCalls {
    static func run(_ db: any DatabaseExecutor, as context: AccessContext, system: any DatabaseExecutor) async throws {
        // A stored record of each collection, whose values the calls look for.
        func first<Record: StoredRecord>(_ type: Record.Type) async throws -> Record {
            guard let record = try await Repository<Record>(system).list(as: .system).items.first else {
                throw FixtureMissing(collection: Record.table.collection)
            }
            return record
        }
        let user = try await first(User.self), project = try await first(Project.self)
        let episode = try await first(Episode.self), character = try await first(StoryCharacter.self)
        let scene = try await first(Scene.self), media = try await first(Media.self)
        let session = try await first(Session.self), task = try await first(GenerationTask.self)
        let template = try await first(PromptTemplate.self), execution = try await first(PromptExecution.self)

        let users = UserRepository(db)
        _ = try await users.find(email: user.email, as: context)
        _ = try await users.find(role: user.role, as: context)
        _ = try await users.find(subscriptionTier: user.subscription.tier, as: context)
        _ = try? await users.upsert(byEmail: user, as: context)

        let projects = ProjectRepository(db)
        _ = try await projects.find(createdBy: user.id, as: context)
        _ = try await projects.find(createdBy: user.id, status: project.status, as: context)
        _ = try await projects.find(collaborator: user.id, status: project.status, as: context)
        _ = try await projects.find(status: project.status, as: context)
        _ = try await projects.find(genre: project.genre, as: context)
        _ = try await projects.find(styleReference: media.id, as: context)
        _ = try await projects.searchTitle("the", as: context)
        _ = try? await projects.addCollaborator(user.id, to: project.id, as: context)
        _ = try? await projects.removeCollaborator(user.id, from: project.id, as: context)
        _ = try? await projects.addStyleReference(media.id, to: project.id, as: context)
        _ = try? await projects.removeStyleReference(media.id, from: project.id, as: context)

        let episodes = EpisodeRepository(db)
        _ = try await episodes.find(project: project.id, as: context)
        _ = try await episodes.find(project: project.id, episodeNumber: episode.episodeNumber, as: context)
        _ = try await episodes.find(status: episode.status, as: context)
        _ = try await episodes.find(metadataFinalVideo: media.id, as: context)
        _ = try await episodes.find(metadataThumbnail: media.id, as: context)
        _ = try? await episodes.upsert(byProjectAndEpisodeNumber: episode, as: context)
        _ = try await episodes.count(groupedBy: { $0.project }, in: [project.id, episode.project], as: context)

        let characters = StoryCharacterRepository(db)
        _ = try await characters.find(project: project.id, as: context)
        _ = try await characters.find(project: project.id, name: character.name, as: context)
        _ = try await characters.find(visualDesignFinalDesign: media.id, as: context)
        _ = try await characters.find(visualDesignReferenceImage: media.id, as: context)
        _ = try await characters.find(voiceProfileAudioSample: media.id, as: context)
        _ = try await characters.searchName("mara", as: context)
        _ = try? await characters.addVisualDesignReferenceImage(media.id, to: character.id, as: context)
        _ = try? await characters.removeVisualDesignReferenceImage(media.id, from: character.id, as: context)

        let scenes = SceneRepository(db)
        _ = try await scenes.find(project: project.id, as: context)
        _ = try await scenes.find(episode: episode.id, as: context)
        _ = try await scenes.find(episode: episode.id, sceneNumber: scene.sceneNumber, as: context)
        _ = try await scenes.find(character: character.id, as: context)
        _ = try await scenes.find(productionStatus: scene.production.status, as: context)
        _ = try await scenes.find(productionAudioTrack: media.id, as: context)
        _ = try await scenes.find(productionVideoSegment: media.id, as: context)
        _ = try? await scenes.upsert(byEpisodeAndSceneNumber: scene, as: context)
        _ = try? await scenes.addCharacter(character.id, to: scene.id, as: context)
        _ = try? await scenes.removeCharacter(character.id, from: scene.id, as: context)

        let allMedia = MediaRepository(db)
        _ = try await allMedia.find(project: project.id, as: context)
        _ = try await allMedia.find(project: project.id, mediaType: media.mediaType, as: context)
        _ = try await allMedia.find(episode: episode.id, as: context)
        _ = try await allMedia.find(episode: episode.id, mediaType: media.mediaType, as: context)
        _ = try await allMedia.find(scene: scene.id, as: context)
        _ = try await allMedia.find(mediaType: media.mediaType, as: context)
        _ = try await allMedia.find(status: media.status, as: context)
        _ = try await allMedia.find(character: character.id, as: context)
        _ = try await allMedia.find(relatedElementsCharacter: character.id, as: context)
        _ = try? await allMedia.addRelatedElementsCharacter(character.id, to: media.id, as: context)
        _ = try? await allMedia.removeRelatedElementsCharacter(character.id, from: media.id, as: context)
        // No vector index exists on either engine: the unfiltered search is the accepted scan.
        let query = [Float](repeating: 0.5, count: 1024)
        _ = try await allMedia.nearest(to: query, by: { $0.embedding }, limit: 10, as: context)
        _ = try await allMedia.nearest(to: query, by: { $0.embedding }, limit: 10, where: { $0.project == project.id }, as: context)

        let sessions = SessionRepository(db)
        _ = try await sessions.find(project: project.id, as: context)
        _ = try await sessions.find(user: user.id, as: context)
        _ = try await sessions.find(user: user.id, sessionState: session.sessionState, as: context)
        _ = try await sessions.find(sessionState: session.sessionState, as: context)
        _ = try await sessions.find(contextDataCurrentEpisode: episode.id, as: context)
        _ = try await sessions.find(contextDataCurrentScene: scene.id, as: context)
        _ = try await sessions.find(contextDataFocusCharacter: character.id, as: context)

        let tasks = GenerationTaskRepository(db)
        _ = try await tasks.find(project: project.id, as: context)
        _ = try await tasks.find(project: project.id, status: task.status, as: context)
        _ = try await tasks.find(episode: episode.id, as: context)
        _ = try await tasks.find(scene: scene.id, as: context)
        _ = try await tasks.find(character: character.id, as: context)
        _ = try await tasks.find(status: task.status, as: context)
        _ = try await tasks.find(status: task.status, priority: task.priority, as: context)
        _ = try await tasks.find(priority: task.priority, as: context)
        _ = try await tasks.find(taskType: task.taskType, as: context)
        _ = try await tasks.find(inputDependency: task.id, as: context)
        _ = try await tasks.find(inputPromptId: execution.id, as: context)
        _ = try await tasks.find(outputMediaId: media.id, as: context)
        _ = try await tasks.claimNext(as: context) { _ in }
        _ = try await tasks.claimNext(taskType: task.taskType, as: context) { _ in }
        _ = try? await tasks.addInputDependency(task.id, to: task.id, as: context)
        _ = try? await tasks.removeInputDependency(task.id, from: task.id, as: context)
        _ = try await tasks.deleteExpired(now: Date(timeIntervalSince1970: 0), as: context)
        _ = try await tasks.aggregate(.sum, of: { $0.priority }, groupedBy: { $0.status }, in: [task.status], as: context)
        _ = try await tasks.aggregate(.average, of: { $0.priority }, where: { $0.project == project.id }, as: context)

        let templates = PromptTemplateRepository(db)
        _ = try await templates.find(name: template.name, as: context)
        _ = try await templates.find(app: template.app, as: context)
        _ = try await templates.find(app: template.app, stage: template.stage, as: context)
        _ = try await templates.find(stage: template.stage, as: context)

        let executions = PromptExecutionRepository(db)
        _ = try await executions.find(templateId: template.id, as: context)
        _ = try await executions.find(model: execution.model, as: context)
        _ = try await executions.find(status: execution.status, as: context)
        _ = try await executions.find(projectId: execution.projectId ?? "none", as: context)
        _ = try await executions.find(projectId: execution.projectId ?? "none", status: execution.status, as: context)
    }

    struct FixtureMissing: Error {
        let collection: String
    }
}
