import Foundation
@testable import SchemaGenCore
import SchemaRuntime
import StudioModels
import Testing

/// `Repository.nearest(to:by:limit:where:as:)`: similarity search by the index's metric, checked
/// against a brute force computed here, under the caller's read rule and the same typed filters
/// as `list(where:)`. On PostgreSQL the callers' searches go through the NOBYPASSRLS role.
///
/// The studio's only vector index is `media.embedding` (cosine); the other metrics search the
/// same column through a `VectorColumn` made here, with their PostgreSQL functions added from
/// the generator's own definitions (the DDL defines only the metrics a schema uses).
@Suite("Vector search", .serialized)
struct VectorSearchTests {
    static let otherOwner = User.ID(rawValue: UUID(uuidString: "0a000000-0000-4000-8000-0000000000c0")!)
    static let otherProject = Project.ID(rawValue: UUID(uuidString: "0b000000-0000-4000-8000-0000000000c0")!)
    static let owner = AccessContext.user(Samples.IDs.owner.rawValue, role: "user")
    static let dimensions = 1024

    /// A vector with `head` as its first numbers, zeros after. Small integers: every sum and
    /// product is exact in float32, so both engines and the brute force agree to the last bit.
    static func vector(_ head: [Float]) -> [Float] {
        head + Array(repeating: 0, count: dimensions - head.count)
    }

    /// The owner's project with 30 media: vectors from a fixed pseudo-random sequence of small
    /// integers, two pairs of equal vectors (ties), a zero vector (no cosine) and two without a
    /// vector; concept art and storyboards alternate. Another owner's project with media whose
    /// vectors equal the queries (distance 0 by any metric). Returns the owner's media.
    static func seed(_ system: any DatabaseExecutor) async throws -> [Media] {
        try await UserRepository(system).create(Samples.user(), as: .system)
        try await UserRepository(system).create(Samples.user(id: otherOwner, email: "grace.hopper@example.com"), as: .system)
        let projects = ProjectRepository(system)
        try await projects.create(Samples.minimalProject(), as: .system)
        var other = Samples.minimalProject(id: otherProject)
        other.createdBy = otherOwner
        try await projects.create(other, as: .system)

        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Float {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(Int((state >> 33) % 9) - 4)
        }
        var media: [Media] = []
        for position in 0..<30 {
            var item = Samples.minimalMedia(id: Media.ID(rawValue: UUID()))
            item.mediaType = position.isMultiple(of: 2) ? .conceptArt : .storyboard
            switch position {
            case 0, 1: item.embedding = nil
            case 2: item.embedding = vector([0, 0, 0, 0])
            case 4: item.embedding = media[3].embedding // ties with 3, the other media type
            case 6: item.embedding = media[5].embedding
            default: item.embedding = vector((0..<6).map { _ in next() })
            }
            media.append(item)
        }
        let repository = MediaRepository(system)
        try await repository.createAll(media, as: .system)
        for query in queries {
            var foreign = Samples.minimalMedia(id: Media.ID(rawValue: UUID()))
            foreign.project = otherProject
            foreign.embedding = query
            try await repository.create(foreign, as: .system)
        }
        return media
    }

    static let queries = [vector([1, 2, 3, -1, 0, 2]), vector([-4, 0, 1, 1, 3, -2]), vector([0, 0, 0, 0, 0, 1])]

    /// The distance the search reports, computed here from the definitions: cosine
    /// `1 - a·b / (|a||b|)` (none for a zero vector), Euclidean, negated inner product.
    static func distance(_ metric: VectorMetric, _ a: [Float], _ b: [Float]) -> Double? {
        let dot = zip(a, b).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        switch metric {
        case .cosine:
            let norms = a.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot() * b.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
            return norms == 0 ? nil : 1 - dot / norms
        case .l2: return zip(a, b).reduce(0.0) { $0 + (Double($1.0) - Double($1.1)) * (Double($1.0) - Double($1.1)) }.squareRoot()
        case .innerProduct: return -dot
        }
    }

    /// The `limit` nearest of `candidates` by brute force: nearest first, equal distances by id.
    static func bruteForce(_ metric: VectorMetric, _ query: [Float], _ candidates: [Media], limit: Int) -> [(Media.ID, Double)] {
        let scored = candidates.compactMap { item -> (Media.ID, Double)? in
            guard let embedding = item.embedding, let distance = distance(metric, embedding, query) else { return nil }
            return (item.id, distance)
        }
        return Array(scored.sorted { ($0.1, $0.0.rawValue.uuidString.lowercased()) < ($1.1, $1.0.rawValue.uuidString.lowercased()) }.prefix(limit))
    }

    /// The column to search by `metric`: the generated one for the schema's cosine, else the
    /// same field with another metric.
    static func column(_ metric: VectorMetric) -> @Sendable (Media.Columns) -> VectorColumn<Media> {
        if metric == .cosine { return { $0.embedding } }
        return { _ in VectorColumn("media.embedding", metric: metric, dimensions: dimensions) }
    }

    /// The PostgreSQL functions of the metrics the studio schema doesn't use.
    static func otherMetricFunctions(_ dialect: String) -> String {
        dialect == "postgres" ? [Index.VectorMetric.l2, .innerProduct].map(SQLVectorFunctions.definition).joined(separator: "\n") : ""
    }

    static func expectMatches(_ found: [NearestRecord<Media>], _ expected: [(Media.ID, Double)], _ comment: Comment) {
        #expect(found.map(\.record.id) == expected.map(\.0), comment)
        for (hit, (_, distance)) in zip(found, expected) {
            #expect(abs(hit.distance - distance) < 1e-9, comment)
        }
    }

    @Test("every metric finds what brute force finds, nearest first, ties by id, with and without a filter",
          arguments: Backend.available)
    func matchesBruteForce(_ backend: Backend) async throws {
        try await backend.withDatabase(thenSQL: Self.otherMetricFunctions) { system, app in
            let media = try await Self.seed(system)
            let repository = MediaRepository(app)
            for metric in VectorMetric.allCases {
                for (number, query) in Self.queries.enumerated() {
                    for limit in [1, 5, 100] {
                        let comment: Comment = "\(metric), query \(number), limit \(limit)"
                        let found = try await repository.nearest(to: query, by: Self.column(metric), limit: limit, as: Self.owner)
                        Self.expectMatches(found, Self.bruteForce(metric, query, media, limit: limit), comment)
                        let art = try await repository.nearest(to: query, by: Self.column(metric), limit: limit,
                                                               where: { $0.mediaType == .conceptArt }, as: Self.owner)
                        Self.expectMatches(art, Self.bruteForce(metric, query, media.filter { $0.mediaType == .conceptArt }, limit: limit),
                                           comment)
                    }
                }
                // The ties: equal vectors come out by id, whatever the engine.
                let tied = [media[3], media[4]].sorted { $0.id.rawValue.uuidString.lowercased() < $1.id.rawValue.uuidString.lowercased() }
                let found = try await repository.nearest(to: media[3].embedding!, by: Self.column(metric), limit: 100, as: Self.owner)
                let positions = tied.map { item in found.firstIndex { $0.record.id == item.id } }
                #expect(positions[0] != nil && positions[1] == positions[0].map { $0 + 1 }, "\(metric): equal distances by id")
            }
        }
    }

    @Test("a search sees only what the caller may read: another owner's media stay out, a filter can't widen",
          arguments: Backend.available)
    func keepsTheRules(_ backend: Backend) async throws {
        try await backend.withDatabase(thenSQL: Self.otherMetricFunctions) { system, app in
            let media = try await Self.seed(system)
            let owned = Set(media.map(\.id))
            let repository = MediaRepository(app)
            for metric in VectorMetric.allCases {
                for query in Self.queries {
                    // The other project's media equal the query, so they'd be nearest of all.
                    let found = try await repository.nearest(to: query, by: Self.column(metric), limit: 100, as: Self.owner)
                    #expect(!found.isEmpty && found.allSatisfy { owned.contains($0.record.id) }, "\(metric)")
                    let widened = try await repository.nearest(to: query, by: Self.column(metric), limit: 100,
                                                               where: { $0.project == Self.otherProject }, as: Self.owner)
                    #expect(widened.isEmpty, "\(metric): a filter on another owner's project finds nothing")
                    let signedOut = try await repository.nearest(to: query, by: Self.column(metric), limit: 100, as: .anonymous)
                    #expect(signedOut.isEmpty, "\(metric): anonymous reads no media")
                    let stranger = try await repository.nearest(to: query, by: Self.column(metric), limit: 100,
                                                                 as: .user(Self.otherOwner.rawValue, role: "user"))
                    #expect(stranger.map(\.record.project) == Array(repeating: Self.otherProject, count: Self.queries.count), "\(metric)")
                    // The system context sees them, nearest of all (by distance; a longer vector
                    // can have a larger inner product than the query's own).
                    let everything = try await MediaRepository(system).nearest(to: query, by: Self.column(metric), limit: 1, as: .system)
                    if metric != .innerProduct { #expect(everything.first?.record.project == Self.otherProject, "\(metric)") }
                    #expect(everything.first?.record.project == Self.otherProject || metric == .innerProduct, "\(metric)")
                    #expect(everything.count == 1)
                }
            }
        }
    }

    @Test("records without a vector are skipped; a zero vector has no cosine distance; a wrong dimension is a typed error",
          arguments: Backend.available)
    func nullsZerosAndDimensions(_ backend: Backend) async throws {
        try await backend.withDatabase(thenSQL: Self.otherMetricFunctions) { system, app in
            let media = try await Self.seed(system)
            let repository = MediaRepository(app)
            let query = Self.queries[0]
            for metric in VectorMetric.allCases {
                let found = try await repository.nearest(to: query, by: Self.column(metric), limit: 1000, as: Self.owner)
                let ids = Set(found.map(\.record.id))
                #expect(!ids.contains(media[0].id) && !ids.contains(media[1].id), "\(metric): no vector, no result")
                #expect(ids.contains(media[2].id) == (metric != .cosine), "\(metric): the zero vector")
                #expect(found.count == (metric == .cosine ? 27 : 28), "\(metric)")
            }
            // A zero query vector has no direction: a cosine search finds nothing, the others do.
            #expect(try await repository.nearest(to: Self.vector([]), by: Self.column(.cosine), as: Self.owner).isEmpty)
            #expect(try await repository.nearest(to: Self.vector([]), by: Self.column(.l2), limit: 3, as: Self.owner).count == 3)
            #expect(try await repository.nearest(to: query, by: { $0.embedding }, limit: 0, as: Self.owner).isEmpty)
            await #expect(throws: RepositoryError.vectorDimensions(collection: "media", column: "media.embedding", expected: 1024, found: 3)) {
                try await repository.nearest(to: [1, 2, 3], by: { $0.embedding }, as: Self.owner)
            }
        }
    }
}
