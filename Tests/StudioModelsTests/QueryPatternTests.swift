import Foundation
import SchemaRuntime
import StudioModels
import Testing

/// The query patterns of the implementation summary, each one generated call.
@Suite("Query patterns", .serialized)
struct QueryPatternTests {
    @Test("a project's episodes in order, a page at a time", arguments: Backend.available)
    func episodesInOrder(_ backend: Backend) async throws {
        try await backend.withDatabase { database, _ in
            try await UserRepository(database).create(Samples.user(), as: .system)
            try await ProjectRepository(database).create(Samples.minimalProject(), as: .system)
            let episodes = EpisodeRepository(database)
            for number in [5, 3, 1, 4, 2] {
                try await episodes.create(Samples.minimalEpisode(id: Episode.ID(), episodeNumber: number), as: .system)
            }
            var numbers: [Int] = []
            var page = try await episodes.find(project: Samples.IDs.project, page: PageRequest(size: 2), as: .system)
            numbers += page.items.map(\.episodeNumber)
            while let next = page.next {
                page = try await episodes.find(project: Samples.IDs.project, page: PageRequest(size: 2, after: next), as: .system)
                numbers += page.items.map(\.episodeNumber)
            }
            #expect(numbers == [1, 2, 3, 4, 5])
        }
    }

    @Test("the queue: highest priority first, oldest first within a priority; two workers never take the same task",
          arguments: Backend.available)
    func queuePop(_ backend: Backend) async throws {
        try await backend.withDatabase { database, _ in
            try await UserRepository(database).create(Samples.user(), as: .system)
            try await ProjectRepository(database).create(Samples.minimalProject(), as: .system)
            let tasks = GenerationTaskRepository(database)
            var expected: [GenerationTask.ID] = []
            for priority in [3, 9, 3, 5] {
                var task = Samples.minimalTask(id: .timeOrdered())
                task.priority = priority
                try await tasks.create(task, as: .system)
                try await Task.sleep(nanoseconds: 2_000_000)  // distinct creation times
                expected.append(task.id)
            }
            let byPriority = [expected[1], expected[3], expected[0], expected[2]]
            let first = try await tasks.claimNext(as: .system) { $0.status = .processing }
            #expect(first?.id == byPriority[0])
            #expect(try await tasks.get(byPriority[0], as: .system).status == .processing)

            // Many workers, many tasks: every task claimed exactly once.
            for _ in 0..<40 {
                try await tasks.create(Samples.minimalTask(id: .timeOrdered()), as: .system)
            }
            let claimed = try await withThrowingTaskGroup(of: [GenerationTask.ID].self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        var mine: [GenerationTask.ID] = []
                        while let task = try await tasks.claimNext(as: .system, { $0.status = .processing }) {
                            mine.append(task.id)
                        }
                        return mine
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(claimed.count == 43)
            #expect(Set(claimed).count == 43, "no task was taken twice")
            #expect(try await tasks.count(GenerationTaskRepository.Filter(status: .queued), as: .system) == 0)

            // A worker of one task type passes over more urgent tasks of other types.
            var video = Samples.minimalTask(id: .timeOrdered())
            video.taskType = .videoGeneration
            video.priority = 2
            var urgent = Samples.minimalTask(id: .timeOrdered())
            urgent.priority = 10
            try await tasks.createAll([video, urgent], as: .system)
            #expect(try await tasks.claimNext(taskType: .videoGeneration, as: .system) { $0.status = .processing }?.id == video.id)
            #expect(try await tasks.claimNext(taskType: .videoGeneration, as: .system) { $0.status = .processing } == nil)
            #expect(try await tasks.claimNext(as: .system) { $0.status = .processing }?.id == urgent.id)
        }
    }

    @Test("a user's dashboard: own projects and projects they collaborate on, by status", arguments: Backend.available)
    func dashboard(_ backend: Backend) async throws {
        try await backend.withDatabase { database, _ in
            try await seedWorld(database)
            let projects = ProjectRepository(database)
            let status = try await projects.get(Samples.IDs.project, as: .system).status
            let caller = AccessContext.user(Samples.IDs.collaborator.rawValue, role: "user")
            #expect(try await projects.find(createdBy: Samples.IDs.owner, status: status, as: caller).items.count == 1)
            #expect(try await projects.find(collaborator: Samples.IDs.collaborator, status: status, as: caller).items.count == 1)
            #expect(try await projects.find(collaborator: Samples.IDs.collaborator, status: .completed, as: caller).items.isEmpty)
            // In one call: the read rules (owner, member) already limit a user to their own and
            // their collaborations, so the status finder is the dashboard.
            var other = Samples.minimalProject(id: Project.ID())
            other.createdBy = Samples.IDs.producer
            other.status = status
            try await projects.create(other, as: .system)
            #expect(try await projects.find(status: status, as: caller).items.map(\.id) == [Samples.IDs.project])
            #expect(try await projects.find(status: status, as: .system).items.count == 2)
        }
    }
}
