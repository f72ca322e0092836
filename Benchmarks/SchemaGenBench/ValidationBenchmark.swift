import BenchSupport
import Foundation
import SchemaRuntime
import StudioModels

/// Validations per second of a fully populated `Media`, the collection with the most rules
/// (lengths, a pattern, URLs, ranges, nested objects, vector dimensions). There is no baseline:
/// it prints the rate and the time of one validation.
struct ValidationBenchmark {
    var seconds: Double

    func run() {
        let project = Project.ID()
        let media = Media(
            filename: "frame-0001.png", mimeType: "image/png", filesize: 2_400_000, width: 1920, height: 1080,
            url: "https://cdn.example.com/media/frame-0001.png", thumbnailURL: "https://cdn.example.com/media/frame-0001-thumb.png",
            project: project, episode: Episode.ID(), scene: Scene.ID(), character: StoryCharacter.ID(),
            alt: "The kitchen at night", mediaType: .conceptArt, agentGenerated: true,
            generationMetadata: Media.GenerationMetadata(agentId: "painter", promptUsed: "a kitchen at night", modelVersion: "v3",
                                                         generationTime: Date(), taskId: "task-1", provider: .fal, cost: 0.02),
            embedding: [Float](repeating: 0.5, count: 1024), description: "Concept art for the opening scene.",
            tags: ["kitchen", "night"],
            relatedElements: Media.RelatedElements(characters: [StoryCharacter.ID()], episode: 1, scene: "1A", timestamp: 3.5),
            technicalData: Media.TechnicalData(duration: nil, resolution: "1920x1080", fps: nil, sampleRate: nil, bitrate: nil, codec: "png"),
            version: 1, status: .active)
        precondition(media.validationIssues().isEmpty, "the benchmark's record must be valid: \(media.validationIssues())")
        var count = 0
        var issues = 0
        let start = now(.cpu)
        while now(.cpu) - start < seconds {
            for _ in 0..<1000 { issues += media.validationIssues().count }
            count += 1000
        }
        let elapsed = now(.cpu) - start
        precondition(issues == 0)
        printNow(String(format: "| Validation (Media, fully populated) | %.0f validations/s | %.2f µs each | | | |",
                     Double(count) / elapsed, elapsed / Double(count) * 1e6))
    }
}
