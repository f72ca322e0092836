import Foundation
import SchemaRuntime
import StudioModels
import Testing

/// The version nibble of a UUID (4 for random, 7 for time-ordered).
private func version(_ uuid: UUID) -> UInt8 { uuid.uuid.6 >> 4 }

/// Typed ids of the models. That a `User.ID` can't be passed where a `Project.ID` is expected is a
/// compile-time guarantee; these tests cover what can be checked at run time.
@Suite("Record ids of the models")
struct ModelRecordIDTests {
    @Test func uuidCollectionsGetRandomIDs() {
        #expect(version(Samples.minimalUser(id: User.ID()).id.rawValue) == 4)
        let project = Project(title: "T", genre: .drama, createdBy: Samples.IDs.owner, projectSettings: .init(), progress: .init())
        #expect(version(project.id.rawValue) == 4)
        let media = Media(filename: "f", mimeType: "image/png", url: "https://x.example", project: project.id, mediaType: .storyboard, relatedElements: .init())
        #expect(version(media.id.rawValue) == 4)
    }

    @Test("uuidv7 collections (sessions, tasks, promptsExecuted) get time-ordered ids")
    func uuidv7CollectionsGetTimeOrderedIDs() {
        let before = Date()
        let session = Session(project: Samples.IDs.project, user: Samples.IDs.owner, contextData: .init())
        let task = GenerationTask(taskType: .sceneAssembly, project: Samples.IDs.project, input: .init(), progress: .init())
        let execution = PromptExecution(app: "a", stage: "s", resolvedPrompt: "p", model: "m", status: .success, startedAt: before)
        let after = Date()
        for uuid in [session.id.rawValue, task.id.rawValue, execution.id.rawValue] {
            #expect(version(uuid) == 7)
            // The first 48 bits are the Unix time in milliseconds.
            let bytes = withUnsafeBytes(of: uuid.uuid) { Array($0) }
            let milliseconds = bytes[0..<6].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            #expect(milliseconds >= UInt64(before.timeIntervalSince1970 * 1000) - 1)
            #expect(milliseconds <= UInt64(after.timeIntervalSince1970 * 1000) + 1)
        }
    }

    @Test func referencesEncodeAsPlainUUIDStrings() throws {
        let scene = Samples.scene()
        let json = try jsonObject(scene)
        #expect(json["episode"] as? String == scene.episode.rawValue.uuidString)
        #expect(json["characters"] as? [String] == scene.characters.map(\.rawValue.uuidString))
        let dialogue = try #require((json["script"] as? [String: Any])?["dialogue"] as? [[String: Any]])
        #expect(dialogue.map { $0["character"] as? String } == scene.script.dialogue.map { $0.character?.rawValue.uuidString })
    }

    @Test func referencesDecodeFromLowercaseUUIDs() throws {
        // JavaScript clients and PostgreSQL write lowercase UUIDs.
        let text = try jsonText(Samples.scene())
        let lowercase = text.replacingOccurrences(of: Samples.IDs.hero.rawValue.uuidString, with: Samples.IDs.hero.description)
        #expect(lowercase != text)
        #expect(try decode(Scene.self, lowercase) == Samples.scene())
    }

    @Test func malformedReferencesAreRejected() throws {
        let text = try jsonText(Samples.scene())
            .replacingOccurrences(of: Samples.IDs.episode1.rawValue.uuidString, with: "episode-1")
        #expect(throws: DecodingError.self) { try decode(Scene.self, text) }
    }
}
