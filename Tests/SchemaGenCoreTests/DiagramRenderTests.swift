import Foundation
import Testing

/// The docs' Mermaid diagrams rendered by the real mermaid.js (scripts/render-mermaid, through
/// the `mermaidx` package, which .ci/run installs): a diagram Mermaid can't parse or lay out
/// fails here, not on GitHub. The pictures stay in .build/docs-render/ to look at.
@Suite("Docs diagrams render")
struct DiagramRenderTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    @Test func everyDiagramOfTheStudioDocsRenders() throws {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import mermaidx"]
        probe.standardError = FileHandle.nullDevice
        let available = (try? probe.run()).map { probe.waitUntilExit(); return probe.terminationStatus == 0 } ?? false
        let required = ["1", "true"].contains(ProcessInfo.processInfo.environment["CI"]?.lowercased() ?? "")
        guard available else {
            if required { Issue.record("python3 with mermaidx is required under CI (.ci/run installs it)") }
            return
        }
        let docs = Self.root + "/Generated/Docs"
        let pages = try FileManager.default.contentsOfDirectory(atPath: docs).filter { $0.hasSuffix(".md") }.sorted()
        let output = Self.root + "/.build/docs-render"
        let render = Process()
        render.executableURL = URL(fileURLWithPath: Self.root + "/scripts/render-mermaid")
        render.arguments = [output] + pages.map { docs + "/" + $0 }
        let pipe = Pipe()
        render.standardOutput = pipe
        render.standardError = pipe
        try render.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        render.waitUntilExit()
        #expect(render.terminationStatus == 0, "\(text)")
        // One picture per page (the index's overview and each collection's neighbourhood), each
        // of a size a reader can take in: not the 4,926 × 6,848 of an overview with every column.
        let pictures = text.split(separator: "\n").compactMap { line -> (String, Int, Int)? in
            let parts = line.split(separator: " ")
            guard parts.count == 2 else { return nil }
            let size = parts[1].split(separator: "x").compactMap { Int($0) }
            return size.count == 2 ? (String(parts[0]), size[0], size[1]) : nil
        }
        #expect(pictures.count == pages.count, "\(text)")
        for (path, width, height) in pictures {
            #expect(width * height <= 12_000_000, "\(path) is \(width) × \(height)")
        }
        print("rendered diagrams: \(output) (\(pictures.map { "\(URL(fileURLWithPath: $0.0).lastPathComponent) \($0.1)x\($0.2)" }.joined(separator: ", ")))")
    }
}
