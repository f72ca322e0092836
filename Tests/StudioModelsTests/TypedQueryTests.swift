import Foundation
import SchemaRuntime
import StudioModels
import Testing

/// `Repository.list(where:orderBy:page:as:)` and `count(where:as:)`: typed filters on the columns
/// that lead an index, sorts, keyset pages both ways, and the access rules under all of them.
/// On PostgreSQL the callers' queries go through the NOBYPASSRLS role.
@Suite("Typed queries", .serialized)
struct TypedQueryTests {
    static let otherOwner = User.ID(rawValue: UUID(uuidString: "0a000000-0000-4000-8000-0000000000b0")!)
    static let otherProject = Project.ID(rawValue: UUID(uuidString: "0b000000-0000-4000-8000-0000000000b0")!)

    /// The owner's project with ten tasks, priorities 1…10: the even ones belong to an episode
    /// and are queued, the odd ones have no episode and are failed; another owner's project with
    /// three tasks. Returns the ids of the other project's tasks.
    static func seed(_ system: any DatabaseExecutor) async throws -> [GenerationTask.ID] {
        let users = UserRepository(system)
        try await users.create(Samples.user(), as: .system)
        try await users.create(Samples.user(id: otherOwner, email: "grace.hopper@example.com"), as: .system)
        let projects = ProjectRepository(system)
        try await projects.create(Samples.minimalProject(), as: .system)
        var other = Samples.minimalProject(id: otherProject)
        other.createdBy = otherOwner
        try await projects.create(other, as: .system)
        try await EpisodeRepository(system).create(Samples.minimalEpisode(), as: .system)
        let tasks = GenerationTaskRepository(system)
        for priority in 1...10 {
            var task = Samples.minimalTask(id: .timeOrdered())
            task.priority = priority
            task.status = priority.isMultiple(of: 2) ? .queued : .failed
            task.episode = priority.isMultiple(of: 2) ? Samples.IDs.episode2 : nil
            try await tasks.create(task, as: .system)
        }
        var others: [GenerationTask.ID] = []
        for _ in 0..<3 {
            var task = Samples.minimalTask(id: .timeOrdered())
            task.project = otherProject
            task.priority = 10
            try await tasks.create(task, as: .system)
            others.append(task.id)
        }
        return others
    }

    static let owner = AccessContext.user(Samples.IDs.owner.rawValue, role: "user")

    @Test("equality, ranges, IN, is null / is not null, combined with AND", arguments: Backend.available)
    func filters(_ backend: Backend) async throws {
        try await backend.withDatabase { system, app in
            _ = try await Self.seed(system)
            let tasks = GenerationTaskRepository(app)
            func priorities(_ filter: @Sendable (GenerationTask.Columns) -> RecordPredicate<GenerationTask>) async throws -> [Int] {
                try await tasks.list(where: filter, orderBy: { $0.priority.ascending }, as: Self.owner).items.map(\.priority)
            }
            #expect(try await priorities { $0.priority >= 3 && $0.priority < 7 } == [3, 4, 5, 6])
            #expect(try await priorities { $0.priority.between(8, and: 10) } == [8, 9])
            #expect(try await priorities { $0.priority > 8 } == [9, 10])
            #expect(try await priorities { $0.priority <= 2 } == [1, 2])
            #expect(try await priorities { $0.status.in([.queued, .cancelled]) && $0.priority > 5 } == [6, 8, 10])
            #expect(try await priorities { $0.status.in([]) } == [])
            #expect(try await priorities { $0.episode.isNull } == [1, 3, 5, 7, 9])
            #expect(try await priorities { $0.episode.isNotNull && $0.priority < 5 } == [2, 4])
            #expect(try await priorities { $0.episode == Samples.IDs.episode2 && $0.status == .queued } == [2, 4, 6, 8, 10])
            #expect(try await priorities { $0.episode == nil && $0.priority.in([1, 2, 3]) } == [1, 3])
            #expect(try await priorities { $0.project == Samples.IDs.project && $0.status == .failed } == [1, 3, 5, 7, 9])
            #expect(try await tasks.count(where: { $0.status == .queued }, as: Self.owner) == 5)
            #expect(try await GenerationTaskRepository(system).count(where: { $0.episode.isNull }, as: .system) == 8)
            #expect(try await tasks.first(where: { $0.status == .failed }, orderBy: { $0.priority.descending }, as: Self.owner)?.priority == 9)
        }
    }

    @Test("a filter can't widen what a caller sees: another owner's tasks stay out by project, by id and by count",
          arguments: Backend.available)
    func filtersKeepTheRules(_ backend: Backend) async throws {
        try await backend.withDatabase { system, app in
            let others = try await Self.seed(system)
            let tasks = GenerationTaskRepository(app)
            let byProject = try await tasks.list(where: { $0.project == Self.otherProject }, as: Self.owner)
            #expect(byProject.items.isEmpty)
            let ids = others
            let byID = try await tasks.list(where: { $0.id.in(ids) }, as: Self.owner)
            #expect(byID.items.isEmpty)
            let countByID = try await tasks.count(where: { $0.id.in(ids) }, as: Self.owner)
            #expect(countByID == 0)
            #expect(try await tasks.count(where: { $0.priority == 10 }, as: Self.owner) == 1)
            #expect(try await tasks.count(where: { $0.priority == 10 }, as: .anonymous) == 0)
            #expect(try await GenerationTaskRepository(system).count(where: { $0.priority == 10 }, as: .system) == 4)
            // Values are bound, never spliced into the SQL.
            let users = UserRepository(app)
            #expect(try await users.count(where: { $0.email == "x' OR 1 = 1 --" }, as: .system) == 0)
            #expect(try await users.list(where: { $0.email.hasPrefix("%") }, as: .system).items.isEmpty)
            // A cursor naming another owner's task shows nothing of it.
            let forged = Cursor(values: ["10", others[0].description])
            let page = try await tasks.list(where: { $0.priority >= 1 }, orderBy: { $0.priority.descending },
                                            page: PageRequest(size: 50, after: forged), as: Self.owner)
            #expect(page.items.allSatisfy { $0.project == Samples.IDs.project })
            let garbled = Cursor(values: ["not a number", others[0].description])
            var refused = false
            do {
                _ = try await tasks.list(where: { $0.priority >= 1 }, orderBy: { $0.priority.descending },
                                         page: PageRequest(after: garbled), as: Self.owner)
            } catch RepositoryError.invalidCursor {
                refused = true
            }
            #expect(refused, "a cursor that isn't one of this order's is refused")
        }
    }

    @Test("sort either way, keyset pages forwards and backwards with opaque cursors", arguments: Backend.available)
    func pagesBothWays(_ backend: Backend) async throws {
        try await backend.withDatabase { system, app in
            _ = try await Self.seed(system)
            let tasks = GenerationTaskRepository(app)
            func page(_ request: PageRequest, descending: Bool) async throws -> Page<GenerationTask> {
                try await tasks.list(where: { $0.project == Samples.IDs.project },
                                     orderBy: { descending ? $0.priority.descending : $0.priority.ascending },
                                     page: request, as: Self.owner)
            }
            for descending in [false, true] {
                var pages: [[Int]] = []
                var current = try await page(PageRequest(size: 3), descending: descending)
                #expect(current.previous == nil)
                pages.append(current.items.map(\.priority))
                while let next = current.next {
                    // Through the text an API would hand out.
                    let cursor = Cursor(next.description)
                    #expect(cursor == next)
                    current = try await page(PageRequest(size: 3, after: cursor), descending: descending)
                    pages.append(current.items.map(\.priority))
                }
                let expected = descending ? Array((1...10).reversed()) : Array(1...10)
                #expect(pages.flatMap { $0 } == expected)
                #expect(pages.map(\.count) == [3, 3, 3, 1])
                // Back from the last page to the first, the same pages.
                var backwards: [[Int]] = [current.items.map(\.priority)]
                while let previous = current.previous {
                    current = try await page(PageRequest(size: 3, before: previous), descending: descending)
                    backwards.insert(current.items.map(\.priority), at: 0)
                }
                #expect(backwards == pages)
                #expect(current.next != nil)
            }
        }
    }

    @Test("string prefix: case-sensitive, exact, over the index", arguments: Backend.available)
    func prefix(_ backend: Backend) async throws {
        try await backend.withDatabase { system, _ in
            let users = UserRepository(system)
            for email in ["ada.lovelace@example.com", "adam@example.com", "Ada@example.com", "bob@example.com", "ad@example.com", "ädam@example.com"] {
                try await users.create(Samples.user(id: User.ID(), email: email), as: .system)
            }
            let found = try await users.list(where: { $0.email.hasPrefix("ada") }, orderBy: { $0.email.ascending }, as: .system)
            #expect(found.items.map(\.email) == ["ada.lovelace@example.com", "adam@example.com"])
            #expect(try await users.count(where: { $0.email.hasPrefix("ä") }, as: .system) == 1)
            #expect(try await users.count(where: { $0.email.hasPrefix("") }, as: .system) == 6)
        }
    }

    /// What a SwiftUI view model or other main-actor code writes: the filter, sort and column
    /// closures are `@Sendable`, so passing literals from the main actor to the repository's
    /// nonisolated async methods compiles under Swift 6's strict concurrency (it did not:
    /// "sending … risks causing data races").
    @MainActor
    static func queuedFromTheMainActor(_ tasks: GenerationTaskRepository) async throws -> (list: [Int], first: Int?, count: Int) {
        let minimum = 4
        let list = try await tasks.list(where: { $0.status == .queued && $0.priority >= minimum },
                                        orderBy: { $0.priority.descending }, as: owner).items.map(\.priority)
        let first = try await tasks.first(where: { $0.status == .queued }, orderBy: { $0.priority.ascending }, as: owner)?.priority
        let count = try await tasks.count(where: { $0.status == .failed }, as: owner)
        return (list, first, count)
    }

    @Test("a @MainActor caller passes filter and sort closures (they are @Sendable)", arguments: Backend.available)
    func mainActorCaller(_ backend: Backend) async throws {
        try await backend.withDatabase { system, app in
            _ = try await Self.seed(system)
            let found = try await Self.queuedFromTheMainActor(GenerationTaskRepository(app))
            #expect(found.list == [10, 8, 6, 4])
            #expect(found.first == 2)
            #expect(found.count == 5)
        }
    }
}
