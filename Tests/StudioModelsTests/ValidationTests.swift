import Foundation
import SchemaRuntime
import StudioModels
import Testing

/// Sets `field` of a valid `base` to each `accept` value and asserts the record is valid, then to
/// each `reject` value and asserts it reports exactly that one issue, at `path`.
private func expectBounds<T: Validatable, V>(
    _ base: T,
    _ field: WritableKeyPath<T, V>,
    _ path: String,
    accept: [V],
    reject: [(value: V, rule: ValidationIssue.Rule, message: String)],
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(reported(base) == [], "the base record must be valid", sourceLocation: sourceLocation)
    for value in accept {
        var record = base
        record[keyPath: field] = value
        #expect(reported(record) == [], "\(path) = \(value) must be accepted", sourceLocation: sourceLocation)
    }
    for (value, rule, message) in reject {
        var record = base
        record[keyPath: field] = value
        #expect(reported(record) == [Reported(path, rule, message)], "\(path) = \(value) must be rejected", sourceLocation: sourceLocation)
    }
}

private let below0 = (0.0).nextDown
private let above100 = (100.0).nextUp

@Suite("Validators")
struct ValidationTests {
    // MARK: - min / max on int

    @Test func intMinAndMax() {
        expectBounds(Samples.project(), \.episodeCount, "episodeCount", accept: [1, 50], reject: [
            (0, .min, "must be at least 1"), (51, .max, "must be at most 50"), (-1, .min, "must be at least 1"),
        ])
        expectBounds(Samples.task(), \.priority, "priority", accept: [1, 10], reject: [
            (0, .min, "must be at least 1"), (11, .max, "must be at most 10"),
        ])
        expectBounds(Samples.episode(), \.episodeNumber, "episodeNumber", accept: [1, 10_000], reject: [
            (0, .min, "must be at least 1"),
        ])
        expectBounds(Samples.scene(), \.sceneNumber, "sceneNumber", accept: [1], reject: [(0, .min, "must be at least 1")])
        expectBounds(Samples.media(), \.version, "version", accept: [1], reject: [(0, .min, "must be at least 1")])
        expectBounds(Samples.template(), \.version, "_version", accept: [1], reject: [(0, .min, "must be at least 1")])
    }

    @Test func intMinInNestedObjects() {
        expectBounds(Samples.episode(), \.script!.version, "script.version", accept: [1], reject: [(0, .min, "must be at least 1")])
        expectBounds(Samples.episode(), \.script!.wordCount, "script.wordCount", accept: [0], reject: [(-1, .min, "must be at least 0")])
        expectBounds(Samples.episode(), \.production.sceneCount, "production.sceneCount", accept: [0], reject: [(-1, .min, "must be at least 0")])
        expectBounds(Samples.episode(), \.production.completedScenes, "production.completedScenes", accept: [0], reject: [(-1, .min, "must be at least 0")])
        expectBounds(Samples.scene(), \.production.attempts, "production.attempts", accept: [0], reject: [(-1, .min, "must be at least 0")])
        expectBounds(Samples.user(), \.subscription.maxProjects, "subscription.maxProjects", accept: [0, nil], reject: [(-1, .min, "must be at least 0")])
        expectBounds(Samples.user(), \.subscription.maxEpisodesPerProject, "subscription.maxEpisodesPerProject", accept: [0], reject: [(-1, .min, "must be at least 0")])
        expectBounds(Samples.media(), \.filesize, "filesize", accept: [0, nil], reject: [(-1, .min, "must be at least 0")])
        expectBounds(Samples.media(), \.width, "width", accept: [0], reject: [(-1, .min, "must be at least 0")])
        expectBounds(Samples.media(), \.height, "height", accept: [0], reject: [(-1, .min, "must be at least 0")])
        expectBounds(Samples.media(), \.relatedElements.episode, "relatedElements.episode", accept: [1], reject: [(0, .min, "must be at least 1")])
        expectBounds(Samples.media(), \.technicalData!.sampleRate, "technicalData.sampleRate", accept: [0], reject: [(-1, .min, "must be at least 0")])
        expectBounds(Samples.media(), \.technicalData!.bitrate, "technicalData.bitrate", accept: [0], reject: [(-1, .min, "must be at least 0")])
        expectBounds(Samples.task(), \.output!.metrics!.tokensUsed, "output.metrics.tokensUsed", accept: [0], reject: [(-1, .min, "must be at least 0")])
        expectBounds(Samples.task(), \.error!.retryCount, "error.retryCount", accept: [0], reject: [(-1, .min, "must be at least 0")])
    }

    @Test func intMinInArraysOfObjects() {
        expectBounds(Samples.scene(), \.storyboard.panels[1].panelNumber, "storyboard.panels[1].panelNumber", accept: [1], reject: [
            (0, .min, "must be at least 1"),
        ])
    }

    // MARK: - min / max on double

    @Test func doublePercentages() {
        expectBounds(Samples.project(), \.progress.overallProgress, "progress.overallProgress", accept: [0, 100, 99.999], reject: [
            (below0, .min, "must be at least 0"), (above100, .max, "must be at most 100"), (-0.5, .min, "must be at least 0"),
        ])
        expectBounds(Samples.episode(), \.production.renderProgress, "production.renderProgress", accept: [0, 100], reject: [
            (below0, .min, "must be at least 0"), (above100, .max, "must be at most 100"),
        ])
        expectBounds(Samples.task(), \.progress.percentage, "progress.percentage", accept: [0, 100], reject: [
            (below0, .min, "must be at least 0"), (above100, .max, "must be at most 100"),
        ])
    }

    @Test func doubleMinimums() {
        let reject: [(value: Double?, rule: ValidationIssue.Rule, message: String)] = [(below0, .min, "must be at least 0")]
        expectBounds(Samples.project(), \.projectSettings.episodeDuration, "projectSettings.episodeDuration", accept: [0, nil], reject: reject)
        expectBounds(Samples.episode(), \.script!.estimatedDuration, "script.estimatedDuration", accept: [0], reject: reject)
        expectBounds(Samples.episode(), \.metadata!.duration, "metadata.duration", accept: [0], reject: reject)
        expectBounds(Samples.scene(), \.script.duration, "script.duration", accept: [0], reject: reject)
        expectBounds(Samples.media(), \.generationMetadata!.cost, "generationMetadata.cost", accept: [0], reject: reject)
        expectBounds(Samples.media(), \.relatedElements.timestamp, "relatedElements.timestamp", accept: [0], reject: reject)
        expectBounds(Samples.media(), \.technicalData!.duration, "technicalData.duration", accept: [0], reject: reject)
        expectBounds(Samples.media(), \.technicalData!.fps, "technicalData.fps", accept: [0], reject: reject)
        expectBounds(Samples.task(), \.output!.metrics!.processingTime, "output.metrics.processingTime", accept: [0], reject: reject)
        expectBounds(Samples.task(), \.output!.metrics!.cost, "output.metrics.cost", accept: [0], reject: reject)
    }

    @Test func doubleMinimumsInArraysOfObjects() {
        expectBounds(Samples.scene(), \.script.dialogue[2].timing, "script.dialogue[2].timing", accept: [0, nil], reject: [
            (below0, .min, "must be at least 0"), (-1.5, .min, "must be at least 0"),
        ])
        expectBounds(Samples.character(), \.appearances[1].screenTime, "appearances[1].screenTime", accept: [0], reject: [
            (below0, .min, "must be at least 0"),
        ])
    }

    @Test func notANumberIsRejected() {
        var project = Samples.project()
        project.progress.overallProgress = .nan
        #expect(!project.validationIssues().isEmpty)
        #expect(Set(reported(project).map(\.path)) == ["progress.overallProgress"])
        project.progress.overallProgress = .infinity
        #expect(reported(project) == [Reported("progress.overallProgress", .max, "must be at most 100")])
    }

    // MARK: - minLength / maxLength

    @Test func topLevelLengths() {
        let oneTo200: [(value: String, rule: ValidationIssue.Rule, message: String)] = [
            ("", .minLength, "must be at least 1 character long"), (text(201), .maxLength, "must be at most 200 characters long"),
        ]
        expectBounds(Samples.project(), \.title, "title", accept: [text(1), text(200)], reject: oneTo200)
        expectBounds(Samples.episode(), \.title, "title", accept: [text(1), text(200)], reject: oneTo200)
        expectBounds(Samples.scene(), \.title, "title", accept: [text(1), text(200)], reject: oneTo200)
        expectBounds(Samples.character(), \.name, "name", accept: [text(1), text(200)], reject: oneTo200)
        expectBounds(Samples.user(), \.name, "name", accept: [text(1), text(200)], reject: oneTo200)
        expectBounds(Samples.template(), \.name, "name", accept: [text(1), text(200)], reject: oneTo200)
        expectBounds(Samples.execution(), \.model, "model", accept: [text(1), text(200)], reject: oneTo200)
        expectBounds(Samples.media(), \.filename, "filename", accept: [text(1), text(255)], reject: [
            ("", .minLength, "must be at least 1 character long"), (text(256), .maxLength, "must be at most 255 characters long"),
        ])
        expectBounds(Samples.media(), \.alt, "alt", accept: [text(1_000), "", nil], reject: [
            (text(1_001), .maxLength, "must be at most 1000 characters long"),
        ])
        expectBounds(Samples.scene(), \.location, "location", accept: [text(200)], reject: [(text(201), .maxLength, "must be at most 200 characters long")])
        expectBounds(Samples.scene(), \.mood, "mood", accept: [text(100)], reject: [(text(101), .maxLength, "must be at most 100 characters long")])
        expectBounds(Samples.session(), \.currentStep, "currentStep", accept: [text(200)], reject: [(text(201), .maxLength, "must be at most 200 characters long")])
        expectBounds(Samples.template(), \.template, "template", accept: [text(1), text(100_000)], reject: [
            ("", .minLength, "must be at least 1 character long"),
        ])
    }

    @Test func appStageAndFeatureLengths() {
        let oneTo100: [(value: String, rule: ValidationIssue.Rule, message: String)] = [
            ("", .minLength, "must be at least 1 character long"), (text(101), .maxLength, "must be at most 100 characters long"),
        ]
        let upTo100: [(value: String?, rule: ValidationIssue.Rule, message: String)] = [
            (text(101), .maxLength, "must be at most 100 characters long"),
        ]
        expectBounds(Samples.template(), \.app, "app", accept: [text(1), text(100)], reject: oneTo100)
        expectBounds(Samples.template(), \.stage, "stage", accept: [text(1), text(100)], reject: oneTo100)
        expectBounds(Samples.template(), \.feature, "feature", accept: ["", text(100)], reject: upTo100)
        expectBounds(Samples.execution(), \.app, "app", accept: [text(1), text(100)], reject: oneTo100)
        expectBounds(Samples.execution(), \.stage, "stage", accept: [text(1), text(100)], reject: oneTo100)
        expectBounds(Samples.execution(), \.feature, "feature", accept: [text(100)], reject: upTo100)
        expectBounds(Samples.execution(), \.projectId, "projectId", accept: [text(100)], reject: upTo100)
    }

    @Test func lengthsInNestedObjects() {
        expectBounds(Samples.user(), \.preferences.theme, "preferences.theme", accept: [text(50)], reject: [(text(51), .maxLength, "must be at most 50 characters long")])
        expectBounds(Samples.user(), \.preferences.language, "preferences.language", accept: [text(35)], reject: [(text(36), .maxLength, "must be at most 35 characters long")])
        expectBounds(Samples.episode(), \.synopsis!.logline, "synopsis.logline", accept: [text(500)], reject: [(text(501), .maxLength, "must be at most 500 characters long")])
        expectBounds(Samples.character(), \.profile.age, "profile.age", accept: [text(50)], reject: [(text(51), .maxLength, "must be at most 50 characters long")])
        expectBounds(Samples.character(), \.profile.gender, "profile.gender", accept: [text(50)], reject: [(text(51), .maxLength, "must be at most 50 characters long")])
        expectBounds(Samples.character(), \.voiceProfile!.voiceId, "voiceProfile.voiceId", accept: [text(100)], reject: [(text(101), .maxLength, "must be at most 100 characters long")])
        expectBounds(Samples.media(), \.generationMetadata!.agentId, "generationMetadata.agentId", accept: [text(200)], reject: [(text(201), .maxLength, "must be at most 200 characters long")])
        expectBounds(Samples.media(), \.generationMetadata!.modelVersion, "generationMetadata.modelVersion", accept: [text(200)], reject: [(text(201), .maxLength, "must be at most 200 characters long")])
        expectBounds(Samples.media(), \.generationMetadata!.taskId, "generationMetadata.taskId", accept: [text(200)], reject: [(text(201), .maxLength, "must be at most 200 characters long")])
        expectBounds(Samples.media(), \.relatedElements.scene, "relatedElements.scene", accept: [text(200)], reject: [(text(201), .maxLength, "must be at most 200 characters long")])
        expectBounds(Samples.media(), \.technicalData!.resolution, "technicalData.resolution", accept: [text(50)], reject: [(text(51), .maxLength, "must be at most 50 characters long")])
        expectBounds(Samples.media(), \.technicalData!.codec, "technicalData.codec", accept: [text(100)], reject: [(text(101), .maxLength, "must be at most 100 characters long")])
        expectBounds(Samples.task(), \.progress.currentStep, "progress.currentStep", accept: [text(200)], reject: [(text(201), .maxLength, "must be at most 200 characters long")])
        expectBounds(Samples.task(), \.error!.code, "error.code", accept: [text(100)], reject: [(text(101), .maxLength, "must be at most 100 characters long")])
        expectBounds(Samples.task(), \.worker!.workerId, "worker.workerId", accept: [text(1), text(200)], reject: [
            ("", .minLength, "must be at least 1 character long"), (text(201), .maxLength, "must be at most 200 characters long"),
        ])
    }

    @Test func lengthsInArraysOfObjects() {
        expectBounds(Samples.scene(), \.script.dialogue[0].lines, "script.dialogue[0].lines", accept: [text(1), text(5_000)], reject: [
            ("", .minLength, "must be at least 1 character long"),
        ])
        expectBounds(Samples.scene(), \.script.dialogue[1].emotion, "script.dialogue[1].emotion", accept: [text(100)], reject: [
            (text(101), .maxLength, "must be at most 100 characters long"),
        ])
        expectBounds(Samples.scene(), \.storyboard.panels[0].cameraAngle, "storyboard.panels[0].cameraAngle", accept: [text(100)], reject: [
            (text(101), .maxLength, "must be at most 100 characters long"),
        ])
        expectBounds(Samples.character(), \.profile.relationships[1].relationshipType, "profile.relationships[1].relationshipType", accept: [text(1), text(100)], reject: [
            ("", .minLength, "must be at least 1 character long"), (text(101), .maxLength, "must be at most 100 characters long"),
        ])
        expectBounds(Samples.character(), \.profile.relationships[0].description, "profile.relationships[0].description", accept: [text(1_000)], reject: [
            (text(1_001), .maxLength, "must be at most 1000 characters long"),
        ])
        expectBounds(Samples.session(), \.lastChoices[1].choiceId, "lastChoices[1].choiceId", accept: [text(1), text(100)], reject: [
            ("", .minLength, "must be at least 1 character long"), (text(101), .maxLength, "must be at most 100 characters long"),
        ])
        expectBounds(Samples.session(), \.lastChoices[2].label, "lastChoices[2].label", accept: [text(1), text(200)], reject: [
            ("", .minLength, "must be at least 1 character long"), (text(201), .maxLength, "must be at most 200 characters long"),
        ])
        expectBounds(Samples.session(), \.lastChoices[0].action, "lastChoices[0].action", accept: [text(1), text(200)], reject: [
            ("", .minLength, "must be at least 1 character long"), (text(201), .maxLength, "must be at most 200 characters long"),
        ])
        expectBounds(Samples.template(), \.tags[2].value, "tags[2].value", accept: [text(1), text(100)], reject: [
            ("", .minLength, "must be at least 1 character long"), (text(101), .maxLength, "must be at most 100 characters long"),
        ])
        expectBounds(Samples.template(), \.variableDefs[1].name, "variableDefs[1].name", accept: [text(1), text(100)], reject: [
            ("", .minLength, "must be at least 1 character long"), (text(101), .maxLength, "must be at most 100 characters long"),
        ])
        expectBounds(Samples.execution(), \.tagsSnapshot[1].value, "tagsSnapshot[1].value", accept: [text(1), text(100)], reject: [
            ("", .minLength, "must be at least 1 character long"), (text(101), .maxLength, "must be at most 100 characters long"),
        ])
    }

    @Test func lengthCountsCharactersNotBytes() {
        let reject: [(value: String, rule: ValidationIssue.Rule, message: String)] = [
            (text(201, "🎬"), .maxLength, "must be at most 200 characters long"),
        ]
        // 🎬 is 4 UTF-8 bytes and 2 UTF-16 units; é written as e + U+0301 is 2 scalars.
        expectBounds(Samples.project(), \.title, "title", accept: [text(200, "🎬"), text(200, "é"), text(200, "e\u{301}")], reject: reject)
    }

    // MARK: - pattern

    @Test func mimeTypePattern() {
        let message = "must match the pattern ^[a-z]+/[a-z0-9.+-]+$"
        expectBounds(Samples.media(), \.mimeType, "mimeType", accept: [
            "image/png", "video/mp4", "audio/x-wav", "application/vnd.api+json", "a/b", "a/" + text(253),
        ], reject: [
            ("Image/png", .pattern, message),
            ("image/PNG", .pattern, message),
            ("image/", .pattern, message),
            ("/png", .pattern, message),
            ("imagepng", .pattern, message),
            ("image/png; charset=utf-8", .pattern, message),
            (" image/png", .pattern, message),
            ("", .pattern, message),
            // 256 characters that match the pattern: only the length is wrong.
            ("a/" + text(254), .maxLength, "must be at most 255 characters long"),
        ])
    }

    @Test("The mimeType pattern, anchored with $, rejects a trailing newline")
    func mimeTypePatternTrailingNewline() {
        var media = Samples.media()
        media.mimeType = "image/png\n"
        // `$` is the end of the text, as in PostgreSQL, not also before a final line break.
        #expect(reported(media) == [Reported("mimeType", .pattern, "must match the pattern ^[a-z]+/[a-z0-9.+-]+$")])
    }

    // MARK: - email

    @Test func email() {
        let message = "must be an e-mail address"
        let longest = text(254 - "@example.com".count) + "@example.com"
        #expect(longest.count == 254)
        expectBounds(Samples.user(), \.email, "email", accept: [
            "a@b.co", "first.last+tag@sub.example.org", "ADA@EXAMPLE.COM", longest,
        ], reject: [
            ("ada@example", .email, message),
            ("ada.example.com", .email, message),
            ("@example.com", .email, message),
            ("ada@", .email, message),
            ("ada@@example.com", .email, message),
            ("ada@work@example.com", .email, message),
            ("ada lovelace@example.com", .email, message),
            ("ada@.example.com", .email, message),
            ("ada@example.com.", .email, message),
            ("", .email, message),
            ("x" + longest, .maxLength, "must be at most 254 characters long"),
        ])
    }

    @Test func emailBreakingTwoRulesReportsBoth() {
        var user = Samples.user()
        user.email = text(255)
        #expect(reported(user) == [
            Reported("email", .maxLength, "must be at most 254 characters long"),
            Reported("email", .email, "must be an e-mail address"),
        ])
    }

    // MARK: - url

    @Test func urls() {
        let message = "must be an absolute URL with a scheme and a host"
        let invalid: [String] = [
            "media.example.com/a.png", "/media/a.png", "//media.example.com/a.png", "https://", "https:///a.png",
            "mailto:ada@example.com", "file:///tmp/a.png", "https://media.example.com/a b.png", "",
        ]
        expectBounds(Samples.media(), \.url, "url", accept: [
            "https://media.example.com/a.png", "http://localhost:8080/a.png?size=2#top", "s3://bucket/key.png", "https://[::1]/a",
        ], reject: invalid.map { ($0, .url, message) })
        expectBounds(Samples.media(), \.thumbnailURL, "thumbnailURL", accept: ["https://media.example.com/t.png", nil], reject: invalid.map { ($0, .url, message) })
    }

    // MARK: - vector dimensions

    @Test func embeddingDimensions() {
        expectBounds(Samples.media(), \.embedding, "embedding", accept: [Array(repeating: 0, count: 1024), nil], reject: [
            (Array(repeating: 0.5, count: 1023), .dimensions, "must have exactly 1024 numbers, not 1023"),
            (Array(repeating: 0.5, count: 1025), .dimensions, "must have exactly 1024 numbers, not 1025"),
            (Array(repeating: 0.5, count: 512), .dimensions, "must have exactly 1024 numbers, not 512"),
            ([], .dimensions, "must have exactly 1024 numbers, not 0"),
        ])
    }

    // MARK: - Several violations

    @Test func everyViolationIsReportedInFieldOrder() {
        var project = Samples.project()
        project.title = ""
        project.episodeCount = 51
        project.projectSettings.episodeDuration = -1
        project.progress.overallProgress = 100.5
        #expect(reported(project) == [
            Reported("title", .minLength, "must be at least 1 character long"),
            Reported("episodeCount", .max, "must be at most 50"),
            Reported("projectSettings.episodeDuration", .min, "must be at least 0"),
            Reported("progress.overallProgress", .max, "must be at most 100"),
        ])
    }

    @Test func violationsInNestedArraysAreAllReported() {
        var scene = Samples.scene()
        scene.sceneNumber = 0
        scene.script.dialogue[0].lines = ""
        scene.script.dialogue[2].timing = -0.25
        scene.script.dialogue[2].emotion = text(101)
        scene.storyboard.panels[1].panelNumber = 0
        scene.production.attempts = -1
        scene.mood = text(101)
        let issues = scene.validationIssues()
        #expect(issues.count == 7)
        #expect(issues.map(\.path.description) == [
            "sceneNumber",
            "script.dialogue[0].lines",
            "script.dialogue[2].emotion",
            "script.dialogue[2].timing",
            "storyboard.panels[1].panelNumber",
            "production.attempts",
            "mood",
        ])
        #expect(issues.map(\.rule) == [.min, .minLength, .maxLength, .min, .min, .min, .maxLength])
        // The index is a real component of the path, not part of a key.
        #expect(issues[3].path.components == [.key("script"), .key("dialogue"), .index(2), .key("timing")])
    }

    @Test func mediaReportsEveryKindOfRule() {
        var media = Samples.media()
        media.filename = ""
        media.mimeType = "IMAGE/" + text(300)
        media.width = -1
        media.url = "not a url"
        media.thumbnailURL = "thumb.png"
        media.generationMetadata?.cost = -0.01
        media.embedding = [1, 2, 3]
        media.relatedElements.episode = 0
        media.technicalData?.codec = text(101)
        media.version = 0
        #expect(reported(media) == [
            Reported("filename", .minLength, "must be at least 1 character long"),
            Reported("mimeType", .maxLength, "must be at most 255 characters long"),
            Reported("mimeType", .pattern, "must match the pattern ^[a-z]+/[a-z0-9.+-]+$"),
            Reported("width", .min, "must be at least 0"),
            Reported("url", .url, "must be an absolute URL with a scheme and a host"),
            Reported("thumbnailURL", .url, "must be an absolute URL with a scheme and a host"),
            Reported("generationMetadata.cost", .min, "must be at least 0"),
            Reported("embedding", .dimensions, "must have exactly 1024 numbers, not 3"),
            Reported("relatedElements.episode", .min, "must be at least 1"),
            Reported("technicalData.codec", .maxLength, "must be at most 100 characters long"),
            Reported("version", .min, "must be at least 1"),
        ])
    }

    @Test func validateThrowsEveryIssue() throws {
        var task = Samples.task()
        task.priority = 11
        task.progress.percentage = -1
        task.worker?.workerId = ""
        let expected = task.validationIssues()
        #expect(expected.count == 3)

        let error = try #require(throws: ValidationError.self) { try task.validate() }
        #expect(error.issues == expected)
        #expect(error.issues.map(\.path.description) == ["priority", "progress.percentage", "worker.workerId"])
        #expect(error.description == "validation failed: priority: must be at most 10; progress.percentage: must be at least 0; worker.workerId: must be at least 1 character long")
    }

    @Test func validateDoesNotThrowForValidRecords() throws {
        try Samples.user().validate()
        try Samples.project().validate()
        try Samples.scene().validate()
        try Samples.minimalMedia().validate()
        try Samples.task().validate()
    }

    @Test func messagesDoNotQuoteTheValue() throws {
        var user = Samples.user()
        user.email = "s3cr3t-t0ken-value"
        user.name = "s3cr3t-" + text(200)
        let error = try #require(throws: ValidationError.self) { try user.validate() }
        #expect(error.issues.count == 2)
        #expect(!error.description.contains("s3cr3t"))
    }

    @Test func nestedValidatorsUseTheGivenPath() {
        var report = ValidationReport()
        var dialogue = Samples.scene().script.dialogue[0]
        dialogue.timing = -1
        dialogue.validate(into: &report, at: FieldPath(components: [.key("scenes"), .index(4), .key("line")]))
        #expect(report.issues.map(\.path.description) == ["scenes[4].line.timing"])
    }
}
