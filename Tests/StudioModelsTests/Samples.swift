import Foundation
import SchemaRuntime
import StudioModels

/// Sample records of every collection, for JSON (and later database) round trips.
///
/// The `full` samples set every optional field, every nested object and every array (arrays of
/// objects with several elements), with millisecond-precision dates, JSON values with nested
/// objects and arrays, and references. The `minimal` samples set only what is required and leave
/// every default as it is. Both are valid under the generated validators.
///
/// The references form one small, consistent world (`Samples.IDs`): the project belongs to
/// `IDs.owner`, episodes and characters to the project, and so on, so a database test can insert
/// the records that a sample points at. All ids are fixed, so the same sample always encodes to
/// the same bytes. Every property is a `var`: tests change what they need after building.
enum Samples {
    // MARK: - Ids

    /// The ids the samples use and point at.
    enum IDs {
        static let owner: User.ID = id("0a000000-0000-4000-8000-000000000001")
        static let collaborator: User.ID = id("0a000000-0000-4000-8000-000000000002")
        static let producer: User.ID = id("0a000000-0000-4000-8000-000000000003")

        static let project: Project.ID = id("0b000000-0000-4000-8000-000000000001")

        static let episode1: Episode.ID = id("0c000000-0000-4000-8000-000000000001")
        static let episode2: Episode.ID = id("0c000000-0000-4000-8000-000000000002")

        static let hero: StoryCharacter.ID = id("0d000000-0000-4000-8000-000000000001")
        static let rival: StoryCharacter.ID = id("0d000000-0000-4000-8000-000000000002")
        static let mentor: StoryCharacter.ID = id("0d000000-0000-4000-8000-000000000003")

        static let scene1: Scene.ID = id("0e000000-0000-4000-8000-000000000001")
        static let scene2: Scene.ID = id("0e000000-0000-4000-8000-000000000002")
        static let scene3: Scene.ID = id("0e000000-0000-4000-8000-000000000003")

        static let styleReference: Media.ID = id("0f000000-0000-4000-8000-000000000001")
        static let characterDesign: Media.ID = id("0f000000-0000-4000-8000-000000000002")
        static let conceptArt: Media.ID = id("0f000000-0000-4000-8000-000000000003")
        static let finalVideo: Media.ID = id("0f000000-0000-4000-8000-000000000004")
        static let thumbnail: Media.ID = id("0f000000-0000-4000-8000-000000000005")
        static let voiceSample: Media.ID = id("0f000000-0000-4000-8000-000000000006")
        static let videoSegment: Media.ID = id("0f000000-0000-4000-8000-000000000007")
        static let audioTrack: Media.ID = id("0f000000-0000-4000-8000-000000000008")

        static let session: Session.ID = id("01900000-0000-7000-8000-000000000001")

        static let task: GenerationTask.ID = id("01910000-0000-7000-8000-000000000001")
        static let dependency1: GenerationTask.ID = id("01910000-0000-7000-8000-000000000002")
        static let dependency2: GenerationTask.ID = id("01910000-0000-7000-8000-000000000003")

        static let template: PromptTemplate.ID = id("10000000-0000-4000-8000-000000000001")

        static let execution: PromptExecution.ID = id("01920000-0000-7000-8000-000000000001")

        private static func id<Record>(_ text: String) -> RecordID<Record> {
            guard let id = RecordID<Record>(text) else { fatalError("not a UUID: \(text)") }
            return id
        }
    }

    // MARK: - Dates

    /// `2026-09-21T14:13:20.123Z`, the creation time of every sample.
    static let created = Date(timeIntervalSince1970: 1_790_000_000.123)

    /// A millisecond-precision date `milliseconds` after `created`. Different fields get
    /// different dates, so a field written into the wrong key can't go unnoticed.
    static func date(_ milliseconds: Int) -> Date {
        Date(timeIntervalSince1970: Double(1_790_000_000_123 + milliseconds) / 1000)
    }

    static let updated = date(86_400_456)

    // MARK: - JSON values

    /// A JSON object with nested objects and arrays, every kind of literal, and text that needs
    /// escaping.
    static let parameters: JSONValue = [
        "model": "fal-ai/nano-banana",
        "seed": 424_242,
        "guidance": 7.5,
        "negative": nil,
        "safe": true,
        "size": ["width": 1920, "height": 1080],
        "loras": [["name": "ink", "scale": 0.8], ["name": "grain", "scale": 0.25, "enabled": false]],
        "prompt": "A \"noir\" city at night — rain, neon, 🎬\nline two\\ https://example.com/a/b",
        "mixed": [1, -2.5, "three", false, nil, [], [:], [["deep": [true]]]],
    ]

    // MARK: - users

    static func user(id: User.ID = IDs.owner, email: String = "ada.lovelace@example.com") -> User {
        User(
            id: id,
            email: email,
            name: "Ada Lovelace",
            password: "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo",
            role: .producer,
            preferences: User.Preferences(theme: "dark", notifications: false, language: "de-CH"),
            subscription: User.Subscription(
                tier: .enterprise,
                maxProjects: 25,
                maxEpisodesPerProject: 40,
                features: ["beta-editor", "4k-export", "voice-cloning"]
            ),
            createdAt: created,
            updatedAt: updated
        )
    }

    /// A registration as anyone may make it: the default role and subscription.
    static func newAccount(email: String) -> User {
        var user = user(id: User.ID(), email: email)
        user.role = .user
        user.subscription = User.Subscription()
        return user
    }

    static func minimalUser(id: User.ID = IDs.collaborator) -> User {
        User(
            id: id,
            email: "grace@example.org",
            name: "Grace",
            password: "$2b$12$hash",
            preferences: User.Preferences(),
            subscription: User.Subscription(),
            createdAt: created,
            updatedAt: created
        )
    }

    // MARK: - projects

    static func project(id: Project.ID = IDs.project) -> Project {
        Project(
            id: id,
            title: "Neon Rain",
            description: "A detective series set in a city where it never stops raining.",
            genre: .sciFi,
            episodeCount: 12,
            targetAudience: .adult,
            status: .preProduction,
            createdBy: IDs.owner,
            collaborators: [IDs.collaborator, IDs.producer],
            styleReferences: [IDs.styleReference, IDs.conceptArt],
            projectSettings: Project.ProjectSettings(aspectRatio: ._16_9, episodeDuration: 22.5, qualityTier: .premium),
            progress: Project.Progress(
                currentPhase: .characterCreation,
                completedSteps: ["premise", "world-bible", "series-arc"],
                overallProgress: 37.25
            ),
            createdAt: created,
            updatedAt: updated
        )
    }

    static func minimalProject(id: Project.ID = IDs.project) -> Project {
        Project(
            id: id,
            title: "Untitled",
            genre: .drama,
            createdBy: IDs.owner,
            projectSettings: Project.ProjectSettings(),
            progress: Project.Progress(),
            createdAt: created,
            updatedAt: created
        )
    }

    // MARK: - episodes

    static func episode(id: Episode.ID = IDs.episode1, episodeNumber: Int = 1) -> Episode {
        Episode(
            id: id,
            project: IDs.project,
            episodeNumber: episodeNumber,
            title: "The Long Drizzle",
            description: "The detective takes the case nobody wants.",
            synopsis: Episode.Synopsis(
                logline: "A detective chases a thief who only steals umbrellas.",
                summary: "Rain, a missing umbrella and a city full of secrets.",
                themes: ["loneliness", "obsession", "redemption"]
            ),
            status: .storyboarding,
            script: Episode.Script(
                content: "INT. OFFICE - NIGHT\nRain hammers the window.",
                version: 3,
                wordCount: 8,
                estimatedDuration: 1_320.5
            ),
            production: Episode.Production(sceneCount: 14, completedScenes: 6, renderProgress: 42.75),
            metadata: Episode.Metadata(duration: 1_298.04, finalVideo: IDs.finalVideo, thumbnail: IDs.thumbnail),
            createdAt: created,
            updatedAt: updated
        )
    }

    static func minimalEpisode(id: Episode.ID = IDs.episode2, episodeNumber: Int = 2) -> Episode {
        Episode(
            id: id,
            project: IDs.project,
            episodeNumber: episodeNumber,
            title: "Untitled",
            production: Episode.Production(),
            createdAt: created,
            updatedAt: created
        )
    }

    // MARK: - characters

    static func character(id: StoryCharacter.ID = IDs.hero) -> StoryCharacter {
        StoryCharacter(
            id: id,
            project: IDs.project,
            name: "Mara Voss",
            description: "A detective who remembers every raindrop.",
            profile: StoryCharacter.Profile(
                age: "mid-30s",
                gender: "female",
                personality: ["stubborn", "observant", "wry"],
                backstory: "Grew up above a laundromat on the east side.",
                motivations: ["find her brother", "clear her name"],
                relationships: [
                    StoryCharacter.Profile.Relationship(characterId: IDs.rival, relationshipType: "rival", description: "Former partner."),
                    StoryCharacter.Profile.Relationship(characterId: IDs.mentor, relationshipType: "mentor", description: "Taught her the trade."),
                ]
            ),
            visualDesign: StoryCharacter.VisualDesign(
                referenceImages: [IDs.characterDesign, IDs.conceptArt],
                finalDesign: IDs.characterDesign,
                styleNotes: "Trench coat, always damp.",
                colorPalette: ["#1B1F3B", "#F2C14E", "teal"]
            ),
            voiceProfile: StoryCharacter.VoiceProfile(
                voiceId: "21m00Tcm4TlvDq8ikWAM",
                audioSample: IDs.voiceSample,
                voiceCharacteristics: ["low", "raspy", "measured"]
            ),
            appearances: [
                StoryCharacter.Appearance(episodeId: IDs.episode1, sceneIds: [IDs.scene1, IDs.scene2], screenTime: 412.5),
                StoryCharacter.Appearance(episodeId: IDs.episode2, sceneIds: [IDs.scene3], screenTime: 95.25),
            ],
            createdAt: created,
            updatedAt: updated
        )
    }

    static func minimalCharacter(id: StoryCharacter.ID = IDs.rival) -> StoryCharacter {
        StoryCharacter(
            id: id,
            project: IDs.project,
            name: "Nobody",
            profile: StoryCharacter.Profile(),
            visualDesign: StoryCharacter.VisualDesign(),
            createdAt: created,
            updatedAt: created
        )
    }

    // MARK: - scenes

    static func scene(id: Scene.ID = IDs.scene1, sceneNumber: Int = 1) -> Scene {
        Scene(
            id: id,
            project: IDs.project,
            episode: IDs.episode1,
            sceneNumber: sceneNumber,
            title: "The Office",
            script: Scene.Script(
                action: "Mara stares at the window. A knock.",
                dialogue: [
                    Scene.Script.DialogueLine(character: IDs.hero, lines: "Door's open.", emotion: "tired", timing: 0),
                    Scene.Script.DialogueLine(character: IDs.rival, lines: "It always is.", emotion: "smug", timing: 4.5),
                    Scene.Script.DialogueLine(character: IDs.mentor, lines: "Some things never change.", emotion: "wistful", timing: 9.25),
                ],
                duration: 95.5
            ),
            storyboard: Scene.Storyboard(panels: [
                Scene.Storyboard.StoryboardPanel(panelNumber: 1, description: "Window, rain.", image: IDs.conceptArt, cameraAngle: "close-up", notes: "Slow push in."),
                Scene.Storyboard.StoryboardPanel(panelNumber: 2, description: "Door opens.", image: IDs.characterDesign, cameraAngle: "wide shot", notes: "Hold two beats."),
            ]),
            production: Scene.Production(
                status: .reviewing,
                videoSegment: IDs.videoSegment,
                audioTrack: IDs.audioTrack,
                attempts: 2,
                lastAttempt: date(3_600_789)
            ),
            characters: [IDs.hero, IDs.rival, IDs.mentor],
            location: "Mara's office, 4th floor",
            timeOfDay: .night,
            mood: "melancholic",
            createdAt: created,
            updatedAt: updated
        )
    }

    static func minimalScene(id: Scene.ID = IDs.scene2, sceneNumber: Int = 2) -> Scene {
        Scene(
            id: id,
            project: IDs.project,
            episode: IDs.episode1,
            sceneNumber: sceneNumber,
            title: "Untitled",
            script: Scene.Script(),
            storyboard: Scene.Storyboard(),
            production: Scene.Production(),
            createdAt: created,
            updatedAt: created
        )
    }

    // MARK: - media

    /// 1024 numbers, as `Media.embedding` requires; not all exactly representable in decimal.
    static let embedding: [Float] = (0..<1024).map { index in Float(index % 97) / 97 - 0.5 + Float(index) / 3_000 }

    static func media(id: Media.ID = IDs.styleReference) -> Media {
        Media(
            id: id,
            filename: "neon-rain-style-01.png",
            mimeType: "image/png",
            filesize: 2_483_112,
            width: 1920,
            height: 1080,
            url: "https://media.example.com/projects/neon-rain/style-01.png",
            thumbnailURL: "https://media.example.com/projects/neon-rain/style-01.thumb.png",
            project: IDs.project,
            episode: IDs.episode1,
            scene: IDs.scene1,
            character: IDs.hero,
            alt: "A rain-soaked street lit by neon signs.",
            mediaType: .styleReference,
            agentGenerated: true,
            generationMetadata: Media.GenerationMetadata(
                agentId: "visual-design-agent",
                promptUsed: "Rainy neon street, cinematic, 35mm.",
                modelVersion: "nano-banana-2025-08",
                generationTime: date(1_234),
                taskId: IDs.task.description,
                provider: .fal,
                cost: 0.039
            ),
            embedding: embedding,
            description: "Style reference for the whole series.",
            tags: ["style", "neon", "rain"],
            relatedElements: Media.RelatedElements(
                characters: [IDs.hero, IDs.rival],
                episode: 1,
                scene: "1A",
                timestamp: 12.5
            ),
            technicalData: Media.TechnicalData(
                duration: 8.125,
                resolution: "1920x1080",
                fps: 23.976,
                sampleRate: 48_000,
                bitrate: 8_000_000,
                codec: "h264"
            ),
            version: 2,
            status: .draft,
            createdAt: created,
            updatedAt: updated
        )
    }

    static func minimalMedia(id: Media.ID = IDs.conceptArt) -> Media {
        Media(
            id: id,
            filename: "upload.bin",
            mimeType: "application/octet-stream",
            url: "https://media.example.com/upload.bin",
            project: IDs.project,
            mediaType: .conceptArt,
            relatedElements: Media.RelatedElements(),
            createdAt: created,
            updatedAt: created
        )
    }

    // MARK: - sessions

    static func session(id: Session.ID = IDs.session) -> Session {
        Session(
            id: id,
            project: IDs.project,
            user: IDs.owner,
            currentStep: "character_creation.voice",
            conversationHistory: [
                Session.ConversationMessage(role: .system, content: "You are the studio assistant.", timestamp: date(1), metadata: ["prompt": "system-v3"]),
                Session.ConversationMessage(role: .user, content: "Give Mara a voice.", timestamp: date(2_000), metadata: ["client": ["app": "ios", "build": 512]]),
                Session.ConversationMessage(role: .assistant, content: "Here are three options.", timestamp: date(4_321), metadata: ["tokens": 187, "choices": [1, 2, 3]]),
            ],
            contextData: Session.ContextData(
                currentEpisode: IDs.episode1,
                currentScene: IDs.scene1,
                focusCharacter: IDs.hero,
                workflowState: ["step": 3, "completed": ["profile", "design"], "draft": ["voiceId": nil]],
                userPreferences: ["tone": "noir", "verbose": false]
            ),
            awaitingUserInput: true,
            lastChoices: [
                Session.Choice(choiceId: "voice-1", label: "Low and raspy", action: "select_voice", metadata: ["voiceId": "21m00Tcm4TlvDq8ikWAM"]),
                Session.Choice(choiceId: "voice-2", label: "Bright and quick", action: "select_voice", metadata: ["voiceId": "AZnzlk1XvdvUeBnXmlld"]),
                Session.Choice(choiceId: "more", label: "Show me more", action: "list_voices", metadata: ["page": 2]),
            ],
            sessionState: .paused,
            createdAt: created,
            updatedAt: updated
        )
    }

    static func minimalSession(id: Session.ID = IDs.session) -> Session {
        Session(
            id: id,
            project: IDs.project,
            user: IDs.owner,
            contextData: Session.ContextData(),
            createdAt: created,
            updatedAt: created
        )
    }

    // MARK: - tasks

    static func task(id: GenerationTask.ID = IDs.task) -> GenerationTask {
        GenerationTask(
            id: id,
            taskType: .imageGeneration,
            project: IDs.project,
            episode: IDs.episode1,
            scene: IDs.scene1,
            character: IDs.hero,
            status: .processing,
            priority: 8,
            input: GenerationTask.Input(
                promptId: IDs.execution,
                parameters: parameters,
                dependencies: [IDs.dependency1, IDs.dependency2]
            ),
            output: GenerationTask.Output(
                mediaId: IDs.styleReference,
                result: ["images": [["url": "https://media.example.com/a.png", "nsfw": false], ["url": "https://media.example.com/b.png", "nsfw": false]], "seed": 7],
                metrics: GenerationTask.Output.Metrics(processingTime: 12.375, cost: 0.078, tokensUsed: 1_532)
            ),
            progress: GenerationTask.Progress(percentage: 62.5, currentStep: "upscaling", estimatedCompletion: date(90_001)),
            error: GenerationTask.TaskError(message: "Provider timed out.", code: "provider_timeout", retryCount: 2, lastRetry: date(45_678)),
            worker: GenerationTask.Worker(workerId: "worker-eu-3", startedAt: date(30_000), heartbeat: date(60_999)),
            completedAt: date(120_500),
            createdAt: created,
            updatedAt: updated
        )
    }

    static func minimalTask(id: GenerationTask.ID = IDs.dependency1) -> GenerationTask {
        GenerationTask(
            id: id,
            taskType: .sceneAssembly,
            project: IDs.project,
            input: GenerationTask.Input(),
            progress: GenerationTask.Progress(),
            createdAt: created,
            updatedAt: created
        )
    }

    // MARK: - promptTemplates

    static func template(id: PromptTemplate.ID = IDs.template) -> PromptTemplate {
        PromptTemplate(
            id: id,
            name: "Character voice brief",
            app: "studio",
            feature: "characters",
            stage: "voice_design",
            tags: [PromptTemplate.Tag(value: "voice"), PromptTemplate.Tag(value: "character"), PromptTemplate.Tag(value: "elevenlabs")],
            template: "Describe a voice for {{name}}, who is {{personality}}. Keep it under {{maxWords}} words.",
            variableDefs: [
                PromptTemplate.VariableDefinition(name: "name", type: .string, required: true, description: "The character's name.", defaultValue: "Unnamed"),
                PromptTemplate.VariableDefinition(name: "personality", type: .json, required: false, description: "Traits.", defaultValue: ["traits": ["calm", "dry"]]),
                PromptTemplate.VariableDefinition(name: "maxWords", type: .number, required: false, description: "Word limit.", defaultValue: 80),
            ],
            outputSchema: [
                "type": "object",
                "required": ["voiceDescription"],
                "properties": ["voiceDescription": ["type": "string", "maxLength": 500], "tags": ["type": "array", "items": ["type": "string"]]],
            ],
            model: .anthropicClaudeSonnet4,
            notes: "Reviewed by the audio team.",
            version: 3,
            versions: [
                ["_version": 1, "template": "Describe a voice for {{name}}.", "publishedAt": "2026-01-02T03:04:05.678Z"],
                ["_version": 2, "template": "Describe a voice for {{name}} ({{personality}}).", "draft": true],
                nil,
            ],
            createdAt: created,
            updatedAt: updated
        )
    }

    static func minimalTemplate(id: PromptTemplate.ID = IDs.template) -> PromptTemplate {
        PromptTemplate(
            id: id,
            name: "Minimal",
            app: "studio",
            stage: "draft",
            template: "Say hello.",
            model: .falAiNanoBananaEdit,
            createdAt: created,
            updatedAt: created
        )
    }

    // MARK: - promptsExecuted

    static func execution(id: PromptExecution.ID = IDs.execution) -> PromptExecution {
        PromptExecution(
            id: id,
            templateId: IDs.template,
            app: "studio",
            feature: "characters",
            stage: "voice_design",
            projectId: IDs.project.description,
            tagsSnapshot: [PromptExecution.Tag(value: "voice"), PromptExecution.Tag(value: "character")],
            inputs: ["name": "Mara Voss", "personality": ["traits": ["stubborn", "wry"]], "maxWords": 80],
            resolvedPrompt: "Describe a voice for Mara Voss, who is stubborn, wry. Keep it under 80 words.",
            model: "anthropic/claude-sonnet-4",
            status: .error,
            outputRaw: ["id": "msg_01", "content": [["type": "text", "text": "A low, raspy alto…"]], "usage": ["input_tokens": 41, "output_tokens": 0]],
            errorMessage: "The response was cut off (max_tokens).",
            startedAt: date(-2_500),
            finishedAt: date(-1),
            notes: "Retried with a higher limit.",
            createdAt: created,
            updatedAt: updated
        )
    }

    static func minimalExecution(id: PromptExecution.ID = IDs.execution) -> PromptExecution {
        PromptExecution(
            id: id,
            app: "studio",
            stage: "draft",
            resolvedPrompt: "Say hello.",
            model: "fal-ai/nano-banana",
            status: .success,
            startedAt: created,
            createdAt: created,
            updatedAt: created
        )
    }
}
