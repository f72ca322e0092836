import Foundation
import SchemaRuntime
import StudioModels
import Testing

@Suite("JSON round trips")
struct JSONRoundTripTests {
    // MARK: - Every collection

    @Test("A fully populated record survives a JSON round trip", arguments: StudioCollection.allCases)
    func fullRoundTrip(_ collection: StudioCollection) throws {
        try collection.expectFullRoundTrip()
    }

    @Test("A record with every optional field nil survives a JSON round trip", arguments: StudioCollection.allCases)
    func minimalRoundTrip(_ collection: StudioCollection) throws {
        try collection.expectMinimalRoundTrip()
    }

    @Test("The full sample encodes exactly the schema's keys, at every depth", arguments: StudioCollection.allCases)
    func fullSampleHasEverySchemaKey(_ collection: StudioCollection) throws {
        let schema = try SchemaFields(file: collection.schemaFile)
        #expect(schema.paths.count > 5, "the schema file was not read")
        // `version: true` (projects) adds `version`, as timestamps add their two.
        let expected = schema.paths.union(["id", "createdAt", "updatedAt"] + (collection == .projects ? ["version"] : []))
        let encoded = jsonKeyPaths(try collection.fullJSON(), objectPaths: schema.objectPaths)
        // Keys the schema declares that the JSON lacks: a field the sample leaves nil, or a key
        // that is spelled differently in JSON.
        #expect(expected.subtracting(encoded).sorted() == [])
        // Keys in the JSON the schema does not declare.
        #expect(encoded.subtracting(expected).sorted() == [])
    }

    @Test("The full sample fills every array; arrays of objects have several elements", arguments: StudioCollection.allCases)
    func fullSampleFillsEveryArray(_ collection: StudioCollection) throws {
        let schema = try SchemaFields(file: collection.schemaFile)
        let arrays = jsonArrays(try collection.fullJSON(), objectPaths: schema.objectPaths)
        #expect(arrays.filter(\.elements.isEmpty).map(\.path).sorted() == [])
        let objectArrays = arrays.filter { schema.objectPaths.contains($0.path) }
        #expect(objectArrays.filter { $0.elements.count < 2 }.map(\.path).sorted() == [])
        // Every element sets every field, not just one of them.
        for (path, elements) in objectArrays {
            let fields = Set(schema.paths.filter { $0.hasPrefix(path + ".") }.map { $0.dropFirst(path.count + 1) }.filter { !$0.contains(".") }.map(String.init))
            for (index, element) in elements.enumerated() {
                let keys = Set((element as? [String: Any] ?? [:]).keys)
                #expect(fields.subtracting(keys).sorted() == [], "\(path)[\(index)]")
            }
        }
    }

    @Test("The samples are valid", arguments: StudioCollection.allCases)
    func samplesAreValid(_ collection: StudioCollection) {
        let issues = collection.sampleIssues()
        #expect(issues.full.map(Reported.init) == [])
        #expect(issues.minimal.map(Reported.init) == [])
    }

    @Test("A minimal record leaves out its nil optionals", arguments: StudioCollection.allCases)
    func minimalSampleOmitsNilKeys(_ collection: StudioCollection) throws {
        let schema = try SchemaFields(file: collection.schemaFile)
        let full = jsonKeyPaths(try collection.fullJSON(), objectPaths: schema.objectPaths)
        let minimal = jsonKeyPaths(try collection.minimalJSON(), objectPaths: schema.objectPaths)
        #expect(minimal.isSubset(of: full))
        #expect(minimal.count < full.count)
        #expect(minimal.isSuperset(of: ["id", "createdAt", "updatedAt"]))
    }

    // MARK: - Key names and values

    @Test func promptTemplateUsesUnderscoredVersionKeys() throws {
        let json = try jsonObject(Samples.template())
        #expect(json["_version"] as? Int == 3)
        #expect((json["_versions"] as? [Any])?.count == 3)
        #expect(json["version"] == nil)
        #expect(json["versions"] == nil)
        #expect(json["model"] as? String == "anthropic/claude-sonnet-4")
        let definitions = try #require(json["variableDefs"] as? [[String: Any]])
        #expect(definitions.map { $0["type"] as? String } == ["string", "json", "number"])
        #expect(definitions.map { $0["required"] as? Bool } == [true, false, false])

        let decoded = try decode(PromptTemplate.self, try jsonText(Samples.template()))
        #expect(decoded.version == 3)
        #expect(decoded.versions.count == 3)
        #expect(decoded.versions[2] == .null)
    }

    @Test func promptTemplateModelsUseTheirSlashedNames() throws {
        #expect(PromptTemplate.Model.allCases.map(\.rawValue) == [
            "anthropic/claude-sonnet-4", "qwen/qwen3-vl-235b-a22b-thinking", "fal-ai/nano-banana", "fal-ai/nano-banana/edit",
        ])
        // Slashes are written as they are, not as `\/`.
        #expect(try jsonText(Samples.minimalTemplate()).contains(#""model":"fal-ai/nano-banana/edit""#))
    }

    @Test func mediaKeysAndValues() throws {
        let json = try jsonObject(Samples.media())
        #expect(json["thumbnailURL"] as? String == "https://media.example.com/projects/neon-rain/style-01.thumb.png")
        #expect(json["thumbnailUrl"] == nil)
        #expect(json["mediaType"] as? String == "style_reference")
        #expect(json["status"] as? String == "draft")
        #expect((json["generationMetadata"] as? [String: Any])?["provider"] as? String == "fal")
        #expect((json["generationMetadata"] as? [String: Any])?["generationTime"] as? String == "2026-09-21T14:13:21.357Z")
        #expect((json["embedding"] as? [Any])?.count == 1024)
        #expect(Media.MediaType.allCases.map(\.rawValue).contains("final_video"))

        let decoded = try decode(Media.self, try jsonText(Samples.media()))
        #expect(decoded.embedding == Samples.embedding)
    }

    @Test func projectEnumsUseTheSchemaValues() throws {
        let json = try jsonObject(Samples.project())
        #expect(json["genre"] as? String == "sci-fi")
        #expect(json["status"] as? String == "pre-production")
        #expect(json["targetAudience"] as? String == "adult")
        let settings = try #require(json["projectSettings"] as? [String: Any])
        #expect(settings["aspectRatio"] as? String == "16:9")
        #expect(settings["qualityTier"] as? String == "premium")
        #expect((json["progress"] as? [String: Any])?["currentPhase"] as? String == "character_creation")

        #expect(Project.Genre.allCases.map(\.rawValue) == ["action", "comedy", "drama", "horror", "sci-fi", "thriller", "romance", "documentary"])
        #expect(Project.Status.allCases.map(\.rawValue) == ["concept", "pre-production", "production", "post-production", "completed", "on-hold"])
        #expect(Project.ProjectSettings.AspectRatio.allCases.map(\.rawValue) == ["16:9", "4:3", "21:9"])

        var project = Samples.project()
        project.status = .onHold
        project.projectSettings.aspectRatio = ._21_9
        let text = try jsonText(project)
        #expect(text.contains(#""status":"on-hold""#))
        #expect(text.contains(#""aspectRatio":"21:9""#))
        #expect(try decode(Project.self, text) == project)
    }

    @Test func unknownEnumValuesAreRejected() throws {
        let text = try jsonText(Samples.project()).replacingOccurrences(of: #""genre":"sci-fi""#, with: #""genre":"scifi""#)
        #expect(throws: DecodingError.self) { try decode(Project.self, text) }
    }

    @Test func datesAndIdsAreStrings() throws {
        let json = try jsonObject(Samples.task())
        #expect(json["createdAt"] as? String == "2026-09-21T14:13:20.123Z")
        #expect(json["updatedAt"] as? String == "2026-09-22T14:13:20.579Z")
        #expect(json["completedAt"] as? String == "2026-09-21T14:15:20.623Z")
        #expect((json["worker"] as? [String: Any])?["heartbeat"] as? String == "2026-09-21T14:14:21.122Z")
        #expect((json["id"] as? String)?.lowercased() == Samples.IDs.task.description)
        #expect((json["project"] as? String)?.lowercased() == Samples.IDs.project.description)
        let dependencies = try #require((json["input"] as? [String: Any])?["dependencies"] as? [String])
        #expect(dependencies.map { $0.lowercased() } == [Samples.IDs.dependency1.description, Samples.IDs.dependency2.description])
    }

    @Test func millisecondDatesSurviveExactly() throws {
        var message = Samples.session().conversationHistory[0]
        for milliseconds in [0, 1, 7, 122, 123, 499, 500, 999, 1_000, 86_399_999] {
            message.timestamp = Samples.date(milliseconds)
            let decoded = try jsonRoundTrip(message).decoded
            #expect(decoded.timestamp == message.timestamp, "\(milliseconds) ms")
            #expect(decoded.timestamp.timeIntervalSince1970 == message.timestamp.timeIntervalSince1970)
        }
    }

    @Test func jsonFieldsKeepTheirStructure() throws {
        let decoded = try jsonRoundTrip(Samples.task()).decoded
        let parameters = decoded.input.parameters
        #expect(parameters == Samples.parameters)
        #expect(parameters["size"]?["width"] == 1920)
        #expect(parameters["negative"] == .null)
        #expect(parameters["loras"] == [["name": "ink", "scale": 0.8], ["name": "grain", "scale": 0.25, "enabled": false]])
        #expect(parameters["prompt"] == .string("A \"noir\" city at night — rain, neon, 🎬\nline two\\ https://example.com/a/b"))
    }

    @Test func explicitNullsDecodeAsAbsent() throws {
        let json = """
            {"id": "\(Samples.IDs.project)", "title": "T", "genre": "drama", "createdBy": "\(Samples.IDs.owner)",
             "description": null, "targetAudience": null, "projectSettings": {"episodeDuration": null}, "progress": {},
             "createdAt": "2026-09-21T14:13:20.123Z", "updatedAt": "2026-09-21T14:13:20Z"}
            """
        let project = try decode(Project.self, json)
        #expect(project.description == nil)
        #expect(project.targetAudience == nil)
        #expect(project.projectSettings.episodeDuration == nil)
        #expect(project.createdAt == Samples.created)
        #expect(project.updatedAt == Date(timeIntervalSince1970: 1_790_000_000))
    }

    @Test("A json field holding JSON null keeps it")
    func jsonNullInOptionalJSONField() throws {
        // `defaultValue: null` (the default is JSON null) and no default are different things,
        // but `decodeIfPresent` reads a null as absent.
        let definition = PromptTemplate.VariableDefinition(name: "x", type: .json, defaultValue: .null)
        #expect(try jsonText(definition).contains(#""defaultValue":null"#))
        let decoded = try jsonRoundTrip(definition).decoded
        #expect(decoded.defaultValue == .null)
    }

    // MARK: - Defaults

    private static let stamps = #""createdAt": "2026-09-21T14:13:20.123Z", "updatedAt": "2026-09-21T14:13:20.123Z""#

    @Test func userDefaults() throws {
        let user = try decode(User.self, """
            {"id": "\(Samples.IDs.owner)", "email": "a@example.com", "name": "A", "password": "h",
             "preferences": {}, "subscription": {}, \(Self.stamps)}
            """)
        #expect(user.role == .user)
        #expect(user.preferences == User.Preferences(theme: "system", notifications: true, language: "en"))
        #expect(user.subscription.tier == .free)
        #expect(user.subscription.features == [])
        #expect(user.subscription.maxProjects == nil)
    }

    @Test func projectDefaults() throws {
        let project = try decode(Project.self, """
            {"id": "\(Samples.IDs.project)", "title": "T", "genre": "horror", "createdBy": "\(Samples.IDs.owner)",
             "projectSettings": {}, "progress": {}, \(Self.stamps)}
            """)
        #expect(project.status == .concept)
        #expect(project.episodeCount == 1)
        #expect(project.collaborators == [])
        #expect(project.styleReferences == [])
        #expect(project.projectSettings.aspectRatio == ._16_9)
        #expect(project.projectSettings.qualityTier == .standard)
        #expect(project.progress.currentPhase == .storyDevelopment)
        #expect(project.progress.completedSteps == [])
        #expect(project.progress.overallProgress == 0)
    }

    @Test func episodeDefaults() throws {
        let episode = try decode(Episode.self, """
            {"id": "\(Samples.IDs.episode1)", "project": "\(Samples.IDs.project)", "episodeNumber": 4, "title": "T",
             "synopsis": {}, "script": {"content": "FADE IN."}, "production": {}, \(Self.stamps)}
            """)
        #expect(episode.status == .planning)
        #expect(episode.synopsis?.themes == [])
        #expect(episode.script?.version == 1)
        #expect(episode.script?.wordCount == 0)
        #expect(episode.production == Episode.Production(sceneCount: 0, completedScenes: 0, renderProgress: 0))
    }

    @Test func characterDefaults() throws {
        let character = try decode(StoryCharacter.self, """
            {"id": "\(Samples.IDs.hero)", "project": "\(Samples.IDs.project)", "name": "N",
             "profile": {}, "visualDesign": {}, "voiceProfile": {},
             \(Self.stamps)}
            """)
        #expect(character.profile.personality == [])
        #expect(character.profile.motivations == [])
        #expect(character.profile.relationships == [])
        #expect(character.visualDesign.referenceImages == [])
        #expect(character.visualDesign.colorPalette == [])
        #expect(character.voiceProfile?.voiceCharacteristics == [])
        #expect(character.appearances == [])

        let appearance = try decode(StoryCharacter.Appearance.self, #"{"episodeId": "\#(Samples.IDs.episode1)"}"#)
        #expect(appearance.sceneIds == [])
    }

    @Test func sceneDefaults() throws {
        let scene = try decode(Scene.self, """
            {"id": "\(Samples.IDs.scene1)", "project": "\(Samples.IDs.project)", "episode": "\(Samples.IDs.episode1)",
             "sceneNumber": 1, "title": "T", "script": {}, "storyboard": {}, "production": {}, \(Self.stamps)}
            """)
        #expect(scene.script.dialogue == [])
        #expect(scene.storyboard.panels == [])
        #expect(scene.production.status == .pending)
        #expect(scene.production.attempts == 0)
        #expect(scene.characters == [])
    }

    @Test func mediaDefaults() throws {
        let media = try decode(Media.self, """
            {"id": "\(Samples.IDs.thumbnail)", "filename": "f.png", "mimeType": "image/png", "url": "https://x.example/f.png",
             "project": "\(Samples.IDs.project)", "mediaType": "storyboard", "relatedElements": {}, \(Self.stamps)}
            """)
        #expect(media.agentGenerated == false)
        #expect(media.tags == [])
        #expect(media.relatedElements.characters == [])
        #expect(media.version == 1)
        #expect(media.status == .active)
        #expect(media.mediaType == .storyboard)
        #expect(media.embedding == nil)
    }

    @Test func sessionDefaults() throws {
        let session = try decode(Session.self, """
            {"id": "\(Samples.IDs.session)", "project": "\(Samples.IDs.project)", "user": "\(Samples.IDs.owner)",
             "contextData": {}, \(Self.stamps)}
            """)
        #expect(session.conversationHistory == [])
        #expect(session.lastChoices == [])
        #expect(session.awaitingUserInput == false)
        #expect(session.sessionState == .active)
        #expect(session.contextData == Session.ContextData())
    }

    @Test func taskDefaults() throws {
        let task = try decode(GenerationTask.self, """
            {"id": "\(Samples.IDs.task)", "taskType": "video_generation", "project": "\(Samples.IDs.project)",
             "input": {}, "progress": {}, "error": {"message": "boom"}, \(Self.stamps)}
            """)
        #expect(task.priority == 5)
        #expect(task.status == .queued)
        #expect(task.taskType == .videoGeneration)
        #expect(task.input.dependencies == [])
        #expect(task.progress.percentage == 0)
        #expect(task.error?.retryCount == 0)
        #expect(task.output == nil)
    }

    @Test func promptTemplateDefaults() throws {
        let template = try decode(PromptTemplate.self, """
            {"id": "\(Samples.IDs.template)", "name": "N", "app": "a", "stage": "s", "template": "t",
             "variableDefs": [{"name": "v"}], "model": "fal-ai/nano-banana", \(Self.stamps)}
            """)
        #expect(template.version == 1)
        #expect(template.versions == [])
        #expect(template.tags == [])
        #expect(template.variableDefs == [PromptTemplate.VariableDefinition(name: "v", type: .string, required: false)])
        #expect(template.model == .falAiNanoBanana)
    }

    @Test func promptExecutionDefaults() throws {
        let execution = try decode(PromptExecution.self, """
            {"id": "\(Samples.IDs.execution)", "app": "a", "stage": "s", "resolvedPrompt": "p", "model": "m",
             "status": "success", "startedAt": "2026-09-21T14:13:20.001Z", \(Self.stamps)}
            """)
        #expect(execution.tagsSnapshot == [])
        #expect(execution.status == .success)
        #expect(execution.startedAt == Samples.date(-122))
    }

    @Test func requiredFieldsWithoutDefaultMustBePresent() throws {
        // PromptExecution.status is required and has no default.
        #expect(throws: DecodingError.self) {
            try decode(PromptExecution.self, """
                {"id": "\(Samples.IDs.execution)", "app": "a", "stage": "s", "resolvedPrompt": "p", "model": "m",
                 "startedAt": "2026-09-21T14:13:20.001Z", \(Self.stamps)}
                """)
        }
        // Project.genre is required and has no default.
        #expect(throws: DecodingError.self) {
            try decode(Project.self, """
                {"id": "\(Samples.IDs.project)", "title": "T", "createdBy": "\(Samples.IDs.owner)",
                 "projectSettings": {}, "progress": {}, \(Self.stamps)}
                """)
        }
        // A required object whose fields all have defaults decodes to those defaults when absent.
        let project = try decode(Project.self, """
            {"id": "\(Samples.IDs.project)", "title": "T", "genre": "drama", "createdBy": "\(Samples.IDs.owner)",
             "progress": {}, \(Self.stamps)}
            """)
        #expect(project.projectSettings == Project.ProjectSettings(aspectRatio: ._16_9, qualityTier: .standard))
    }
}
