import Foundation
import Testing
@testable import SchemaGenCore

/// A real `schemagen generate` killed with SIGKILL at random moments (fixed seed) leaves the
/// output folder byte for byte the old tree or the new one, never a mix; the next run leaves no
/// temporary file or folder behind. Two runs at once both succeed with the right output.
///
/// Uses the `schemagen` executable built beside the test bundle (`swift build --build-tests`
/// builds it).
@Suite("Interrupted runs", .serialized)
struct InterruptedWriteTests {
    /// The folder holding the test bundle, where SwiftPM also puts `schemagen`.
    static var executable: URL {
        let candidates = [
            Bundle.main.executableURL?.deletingLastPathComponent(),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            URL(fileURLWithPath: packageRoot + "/.build/debug"),
        ].compactMap { $0 }
        for folder in candidates {
            var url = folder
            // On macOS the bundle's executable is deep inside `….xctest/Contents/MacOS`.
            while url.path != "/" {
                let tool = url.appendingPathComponent("schemagen")
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: tool.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    return tool
                }
                if url.pathExtension != "xctest" && url.lastPathComponent != "Contents" && url.lastPathComponent != "MacOS" { break }
                url = url.deletingLastPathComponent()
            }
        }
        return URL(fileURLWithPath: packageRoot + "/.build/debug/schemagen")
    }

    /// Two schema folders whose outputs differ in changed, added and removed files.
    struct Workspace {
        let root: String
        var oldSchemas: String { root + "/old" }
        var newSchemas: String { root + "/new" }
        var output: String { root + "/out/Generated" }

        init() throws {
            root = try makeTemporaryFolder()
            let files = FileManager.default
            try files.copyItem(atPath: packageRoot + "/schemas", toPath: oldSchemas)
            try files.copyItem(atPath: oldSchemas, toPath: newSchemas)
            // Old only: a collection whose files the new run removes.
            try "name: tags\ndescription: Labels.\nfields:\n  label: { type: string, required: true }\n"
                .write(toFile: oldSchemas + "/tags.yaml", atomically: true, encoding: .utf8)
            // New only: a collection whose files it adds, and a changed description.
            try "name: notes\ndescription: Free notes.\nfields:\n  body: { type: text }\n"
                .write(toFile: newSchemas + "/notes.yaml", atomically: true, encoding: .utf8)
            let projects = newSchemas + "/projects.yaml"
            let text = try String(contentsOfFile: projects, encoding: .utf8)
            try text.replacingOccurrences(of: "description: \"The series title;", with: "description: \"The title of the series;")
                .write(toFile: projects, atomically: true, encoding: .utf8)
            try files.createDirectory(atPath: root + "/out", withIntermediateDirectories: true)
        }
    }

    /// Every entry below `folder` (hidden ones too), files with their bytes.
    static func tree(_ folder: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory)
            result[path] = isDirectory.boolValue ? Data("<folder>".utf8) : try Data(contentsOf: URL(fileURLWithPath: folder + "/" + path))
        }
        return result
    }

    static func start(_ schemas: String, output: String) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["generate", "--schemas", schemas, "--output", output]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func run(_ schemas: String, output: String) throws -> Int32 {
        let process = try start(schemas, output: output)
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// A small seeded generator (SplitMix64): the same delays on every run of the test.
    struct SeededDelays {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func fraction() -> Double { Double(next() >> 11) / Double(1 << 53) }
    }

    @Test func aKilledRunLeavesTheOldTreeOrTheNewOne() throws {
        let tool = Self.executable
        try #require(FileManager.default.isExecutableFile(atPath: tool.path), "build schemagen first: \(tool.path)")
        let space = try Workspace()
        let output = space.output
        let reference = space.root + "/reference/Generated"
        try #require(try Self.run(space.newSchemas, output: reference) == 0)
        let newTree = try Self.tree(reference)
        try #require(try Self.run(space.oldSchemas, output: output) == 0)
        try "".write(toFile: output + "/.gitkeep", atomically: false, encoding: .utf8)
        let oldTree = try Self.tree(output)
        var newWithKeep = newTree
        newWithKeep[".gitkeep"] = Data()
        #expect(oldTree != newWithKeep)
        #expect(oldTree.keys.contains("Swift/Tag.swift") && newWithKeep.keys.contains("Swift/Note.swift"))
        #expect(oldTree["Swift/Project.swift"] != newWithKeep["Swift/Project.swift"])

        // How long a run that writes takes here, to spread the kills over it (not an assertion).
        let started = Date()
        try #require(try Self.run(space.newSchemas, output: output) == 0)
        try #require(try Self.run(space.oldSchemas, output: output) == 0)
        let duration = max(Date().timeIntervalSince(started) / 2, 0.05)
        #expect(try Self.tree(output) == oldTree)

        var random = SeededDelays(state: 20)
        var outcomes = (old: 0, new: 0)
        var finished = 0, killedWhileWriting = 0, killedBeforeWriting = 0, killedBeforeCleanUp = 0, killedAfterSwap = 0
        var current = oldTree
        let tries = 40
        for attempt in 0..<tries {
            // From the old tree towards the new one, or back.
            let target = current == oldTree ? space.newSchemas : space.oldSchemas
            // Most kills land in the last part of the run, where it writes.
            let fraction = attempt % 4 == 0 ? random.fraction() : 0.5 + 0.6 * random.fraction()
            let process = try Self.start(target, output: output)
            if attempt % 2 == 0 {
                usleep(useconds_t(duration * fraction * 1_000_000))
            } else {
                // Aim at the write itself, a few milliseconds at the end: wait for the new tree
                // to appear beside the folder, then kill within the next 0–10 ms.
                let parent = space.root + "/out"
                for _ in 0..<50_000 where process.isRunning {
                    if ((try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []).contains(where: { $0.contains(".schemagen-new-") }) { break }
                    usleep(100)
                }
                usleep(useconds_t(10_000 * random.fraction()))
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()

            let after = try Self.tree(output)
            if process.terminationReason == .uncaughtSignal {
                let leftovers = try FileManager.default.contentsOfDirectory(atPath: space.root + "/out").filter { $0 != "Generated" }
                if leftovers.contains(where: { $0.contains(".schemagen-new-") }) {
                    if after == current { killedWhileWriting += 1 } else { killedBeforeCleanUp += 1 }
                } else if after == current {
                    killedBeforeWriting += 1
                } else {
                    killedAfterSwap += 1
                }
            } else {
                finished += 1
            }
            if after == oldTree {
                outcomes.old += 1
            } else if after == newWithKeep {
                outcomes.new += 1
            } else {
                let mixed = Set(after.keys).symmetricDifference(oldTree.keys).union(Set(after.keys).symmetricDifference(newWithKeep.keys))
                Issue.record("try \(attempt): the folder is neither the old tree nor the new one (e.g. \(mixed.sorted().prefix(5)))")
                return
            }
            current = after
        }
        print("kill test: \(tries) tries: \(killedBeforeWriting) killed before writing, \(killedWhileWriting) while building the new tree, "
              + "\(killedBeforeCleanUp) after the swap but before removing the old tree, \(killedAfterSwap) after that, \(finished) finished first; "
              + "\(outcomes.old) left the old tree, \(outcomes.new) the new one")
        #expect(outcomes.old + outcomes.new == tries)

        // The next run completes and leaves nothing of the killed ones.
        try #require(try Self.run(space.newSchemas, output: output) == 0)
        #expect(try Self.tree(output) == newWithKeep)
        #expect(try FileManager.default.contentsOfDirectory(atPath: space.root + "/out") == ["Generated"])
    }

    @Test func twoRunsAtOnceBothSucceed() throws {
        let tool = Self.executable
        try #require(FileManager.default.isExecutableFile(atPath: tool.path), "build schemagen first: \(tool.path)")
        let space = try Workspace()
        let reference = space.root + "/reference/Generated"
        try #require(try Self.run(space.newSchemas, output: reference) == 0)
        let newTree = try Self.tree(reference)
        for round in 0..<6 {
            try #require(try Self.run(space.oldSchemas, output: space.output) == 0)
            let first = try Self.start(space.newSchemas, output: space.output)
            let second = try Self.start(space.newSchemas, output: space.output)
            first.waitUntilExit()
            second.waitUntilExit()
            #expect(first.terminationStatus == 0 && second.terminationStatus == 0, "round \(round)")
            #expect(try Self.tree(space.output) == newTree, "round \(round)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: space.root + "/out") == ["Generated"])
    }
}
