import Foundation
import SchemaRuntime
import StudioModels
import Testing

/// Aggregates grouped by indexed columns, and the escape hatch for the caller's own SQL, both
/// under the caller's read rule (on PostgreSQL through the NOBYPASSRLS role).
@Suite("Aggregates and raw queries", .serialized)
struct AggregateAndRawQueryTests {
    @Test("count, sum, min, max, average, grouped by an indexed column in one query; access rules apply",
          arguments: Backend.available)
    func aggregates(_ backend: Backend) async throws {
        try await backend.withDatabase { system, app in
            _ = try await TypedQueryTests.seed(system)
            let tasks = GenerationTaskRepository(app)
            let owner = TypedQueryTests.owner
            let unknown = Project.ID()
            let keys = [Samples.IDs.project, TypedQueryTests.otherProject, unknown]
            let counts = try await tasks.count(groupedBy: { $0.project }, in: keys, as: owner)
            #expect(counts == [Samples.IDs.project: 10, TypedQueryTests.otherProject: 0, unknown: 0])
            let all = try await GenerationTaskRepository(system).count(groupedBy: { $0.project }, in: keys, as: .system)
            #expect(all == [Samples.IDs.project: 10, TypedQueryTests.otherProject: 3, unknown: 0])
            let queued = try await tasks.count(groupedBy: { $0.project }, in: keys, where: { $0.status == .queued }, as: owner)
            #expect(queued[Samples.IDs.project] == 5)

            let sums = try await tasks.aggregate(.sum, of: { $0.priority }, groupedBy: { $0.status },
                                                 in: [.queued, .failed, .cancelled], as: owner)
            #expect(sums == [.queued: 30, .failed: 25])
            let maxima = try await tasks.aggregate(.max, of: { $0.priority }, groupedBy: { $0.status }, in: [.queued, .failed], as: owner)
            #expect(maxima == [.queued: 10, .failed: 9])
            #expect(try await tasks.aggregate(.average, of: { $0.priority }, as: owner) == 5.5)
            #expect(try await tasks.aggregate(.min, of: { $0.priority }, where: { $0.status == .queued }, as: owner) == 2)
            #expect(try await tasks.aggregate(.max, of: { $0.priority }, as: owner) == 10)
            #expect(try await tasks.aggregate(.sum, of: { $0.priority }, as: .anonymous) == nil)
            #expect(try await GenerationTaskRepository(system).aggregate(.sum, of: { $0.priority }, as: .system) == 85)
        }
    }

    @Test("the caller's own SQL picks the records, the read rule still applies, rows decode into models in order",
          arguments: Backend.available)
    func rawQuery(_ backend: Backend) async throws {
        try await backend.withDatabase { system, app in
            let others = try await TypedQueryTests.seed(system)
            let tasks = GenerationTaskRepository(app)
            let sql = "SELECT id FROM tasks WHERE priority >= ? ORDER BY priority DESC, id"
            let mine = try await tasks.records(selectedBy: sql, [.int(8)], as: TypedQueryTests.owner)
            #expect(mine.map(\.priority) == [10, 9, 8])
            #expect(mine.allSatisfy { $0.project == Samples.IDs.project })
            let everything = try await GenerationTaskRepository(system).records(selectedBy: sql, [.int(8)], as: .system)
            #expect(everything.count == 6)
            #expect(Set(everything.prefix(4).map(\.id)).isSuperset(of: others))
            let none = try await tasks.records(selectedBy: sql, [.int(1)], as: .anonymous)
            #expect(none.isEmpty)
        }
    }
}
