import Foundation
import SchemaRuntime
import StudioModels

// What both benchmark executables share: timing, the table rows, and the rows they write.

/// Which clock a benchmark reads.
public enum Clock: Sendable {
    /// Wall time: for work spread over several processes (PostgreSQL, psql, pgbench).
    case wall
    /// CPU time of this process, all threads: for work done in-process (SQLite), so that other
    /// processes busy on the machine don't skew the figures.
    case cpu
}

/// Seconds on `clock`.
public func now(_ clock: Clock = .wall) -> Double {
    var time = timespec()
    clock_gettime(clock == .wall ? CLOCK_MONOTONIC : CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Seconds `body` takes on `clock`.
public func seconds(_ clock: Clock = .wall, _ body: () throws -> Void) rethrows -> Double {
    let start = now(clock)
    try body()
    return now(clock) - start
}

public func seconds(_ clock: Clock = .wall, _ body: () async throws -> Void) async rethrows -> Double {
    let start = now(clock)
    try await body()
    return now(clock) - start
}

/// One row of the table Benchmarks/run prints: a figure, its baseline, their ratio and the goal.
public func report(_ figure: String, _ value: Double, unit: String, baseline: String, _ baselineValue: Double, goal: Double) {
    let ratio = value / baselineValue
    let met = ratio >= goal ? "yes" : "no"
    printNow(String(format: "| %@ | %.0f %@ | %@: %.0f %@ | %.0f%% | ≥ %.0f%% | %@ |",
                    figure, value, unit, baseline, baselineValue, unit, ratio * 100, goal * 100, met))
}

/// A line on standard output at once, even into a pipe.
public func printNow(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// A deterministic shuffle (xorshift), so that runs read the same order.
public func shuffled<T>(_ items: [T], seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> [T] {
    var items = items
    var state = seed
    for index in stride(from: items.count - 1, to: 0, by: -1) {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        items.swapAt(index, Int(state % UInt64(index + 1)))
    }
    return items
}

public func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(1)
}

/// The rows both sides write.
public enum Fixtures {
    /// The columns of `episodes`, in the order of the generated DDL.
    public static let episodeColumns = "id, project, episode_number, title, description, synopsis_logline, synopsis_summary, synopsis_themes, status, script_content, script_version, script_word_count, script_estimated_duration, production_scene_count, production_completed_scenes, production_render_progress, metadata_duration, metadata_final_video, metadata_thumbnail, created_at, updated_at"

    /// One user and one project owned by them; returns the project's id.
    public static func seed(_ database: any DatabaseExecutor, projectID: Project.ID = Project.ID()) async throws -> Project.ID {
        let user = try await UserRepository(database).create(
            User(email: "bench@example.com", name: "Bench", password: "x"), as: .system)
        let project = try await ProjectRepository(database).create(
            Project(id: projectID, title: "Benchmark", genre: .drama, createdBy: user.id), as: .system)
        return project.id
    }

    /// `count` episodes of `project`, numbered from 1, every field set but the media references.
    public static func episodes(_ count: Int, project: Project.ID) -> [Episode] {
        (1...count).map { number in
            Episode(
                project: project,
                episodeNumber: number,
                title: "Episode \(number)",
                description: "An episode written for the benchmark, long enough to look like a real description.",
                synopsis: Episode.Synopsis(logline: "Someone wants something.", summary: "It goes well, then badly.", themes: ["loss", "hope"]),
                status: .scripting,
                script: Episode.Script(content: "INT. KITCHEN - NIGHT", version: 2, wordCount: 4, estimatedDuration: 12.5),
                production: Episode.Production(sceneCount: 12, completedScenes: 3, renderProgress: 25),
                metadata: Episode.Metadata(duration: 1320)
            )
        }
    }
}

/// Hooks that change nothing: `createAll` with hooks runs each record's hook and checks in turn
/// (before issue 15, one INSERT per record; now its rows go out together unless a hook reads in
/// between), which shows what the hooks' path costs over the plain one.
public struct PassThroughHooks: RecordHooks {
    public typealias Record = Episode
    public init() {}
}
