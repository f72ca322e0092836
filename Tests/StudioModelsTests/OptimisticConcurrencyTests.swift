import Foundation
import SchemaRuntime
import StudioModels
import Testing

/// `version: true` on projects: two editors of one project can't overwrite each other.
@Suite("Optimistic concurrency", .serialized)
struct OptimisticConcurrencyTests {
    /// What one editor's `update(record)` came to.
    enum Outcome: Sendable {
        case saved(Project)
        case stale(expected: Int, found: Int)
    }

    @Test("two editors read version 1 and write at once: one wins, the other gets staleRecord and changes nothing",
          arguments: Backend.available)
    func twoConcurrentEditors(_ backend: Backend) async throws {
        try await backend.withDatabase { system, app in
            try await UserRepository(system).create(Samples.user(), as: .system)
            try await UserRepository(system).create(Samples.minimalUser(), as: .system)
            var project = Samples.minimalProject()
            project.collaborators = [Samples.IDs.collaborator]
            try await ProjectRepository(system).create(project, as: .system)
            // Both editors, through the role row-level security holds to the rules, read v1.
            let projects = ProjectRepository(app)
            let editors = [(Caller.owner, "Owner's title"), (Caller.collaborator, "Collaborator's title")]
            var copies: [Project] = []
            for (caller, _) in editors { copies.append(try await projects.get(project.id, as: caller.context)) }
            #expect(copies.map(\.version) == [1, 1])
            let projectID = project.id
            let outcomes = try await withThrowingTaskGroup(of: (Int, Outcome).self) { group in
                for (index, (caller, title)) in editors.enumerated() {
                    var copy = copies[index]
                    copy.title = title
                    group.addTask { [copy] in
                        do {
                            return (index, .saved(try await projects.update(copy, as: caller.context)))
                        } catch RepositoryError.staleRecord(let collection, let id, let expected, let found) {
                            #expect(collection == "projects" && id == projectID.description)
                            return (index, .stale(expected: expected, found: found))
                        }
                    }
                }
                var outcomes: [Int: Outcome] = [:]
                for try await (index, outcome) in group { outcomes[index] = outcome }
                return outcomes
            }
            let winners = outcomes.compactMap { index, outcome -> (Int, Project)? in
                if case .saved(let saved) = outcome { return (index, saved) } else { return nil }
            }
            let losers = outcomes.compactMap { _, outcome -> (Int, Int)? in
                if case .stale(let expected, let found) = outcome { return (expected, found) } else { return nil }
            }
            try #require(winners.count == 1, "exactly one editor wins: \(outcomes)")
            #expect(losers.count == 1)
            #expect(losers.first?.0 == 1 && losers.first?.1 == 2, "the loser read version 1 and found 2")
            let (winner, saved) = winners[0]
            #expect(saved.version == 2)
            let stored = try await ProjectRepository(system).get(project.id, as: .system)
            #expect(stored.title == editors[winner].1)
            #expect(stored.version == 2)
            #expect(stored == saved)
        }
    }

    @Test("a stale update(record) changes neither the row nor its links; the fresh copy then goes through",
          arguments: Backend.available)
    func aStaleUpdateChangesNothing(_ backend: Backend) async throws {
        try await backend.withDatabase { system, app in
            try await seedWorld(system)
            let projects = ProjectRepository(app)
            let owner = Caller.owner.context
            var stale = try await projects.get(Samples.IDs.project, as: owner)
            // Another write comes first: a collaborator retitles the project.
            let other = try await projects.update(Samples.IDs.project, as: Caller.collaborator.context) { $0.title = "Theirs" }
            #expect(other.version == stale.version + 1)
            stale.title = "Mine"
            stale.collaborators = []
            await #expect(throws: RepositoryError.staleRecord(collection: "projects", id: stale.id.description,
                                                               expected: stale.version, found: other.version)) {
                try await projects.update(stale, as: owner)
            }
            let stored = try await ProjectRepository(system).get(Samples.IDs.project, as: .system)
            #expect(stored == other)
            #expect(stored.collaborators == [Samples.IDs.collaborator, Samples.IDs.producer])
            // Read again, changed again: saved.
            var fresh = stored
            fresh.title = "Mine"
            let saved = try await projects.update(fresh, as: owner)
            #expect(saved.version == other.version + 1)
            #expect(try await ProjectRepository(system).get(Samples.IDs.project, as: .system) == saved)
        }
    }

    @Test("create sets version 1 and every write of the row adds 1, whatever the record says", arguments: Backend.available)
    func everyWriteBumpsTheVersion(_ backend: Backend) async throws {
        try await backend.withDatabase { system, app in
            try await UserRepository(system).create(Samples.user(), as: .system)
            try await UserRepository(system).create(Samples.minimalUser(), as: .system)
            let projects = ProjectRepository(app)
            let owner = Caller.owner.context
            var project = Samples.minimalProject()
            project.version = 7
            #expect(try await projects.create(project, as: owner).version == 1)
            let stored = { try await ProjectRepository(system).get(project.id, as: .system).version }
            #expect(try await stored() == 1)
            // The closure can't set the version: the repository keeps it.
            #expect(try await projects.update(project.id, as: owner) { $0.title = "Renamed"; $0.version = 100 }.version == 2)
            #expect(try await stored() == 2)
            try await projects.addCollaborator(Samples.IDs.collaborator, to: project.id, as: owner)
            #expect(try await stored() == 3)
            try await projects.removeCollaborator(Samples.IDs.collaborator, from: project.id, as: owner)
            #expect(try await stored() == 4)
            try await projects.delete(project.id, as: owner)
            #expect(try await ProjectRepository(system).find(project.id, includingDeleted: true, as: .system)?.version == 5)
            try await projects.restore(project.id, as: owner)
            #expect(try await stored() == 6)
            var current = try await projects.get(project.id, as: owner)
            current.episodeCount = 3
            #expect(try await projects.update(current, as: owner).version == 7)
            #expect(try await stored() == 7)
            // A batch too.
            var second = Samples.minimalProject(id: Project.ID(rawValue: UUID(uuidString: "0b000000-0000-4000-8000-0000000000b2")!))
            second.version = 9
            #expect(try await projects.createAll([second], as: owner).map(\.version) == [1])
            #expect(try await ProjectRepository(system).get(second.id, as: .system).version == 1)
        }
    }
}
