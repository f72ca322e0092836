import Foundation

/// How a vector index measures the distance between two vectors (the schema's `metric:`).
public enum VectorMetric: String, Sendable, CaseIterable {
    /// `1 - a·b / (|a| |b|)`: 0 for the same direction, 2 for opposite ones; none for a zero vector.
    case cosine
    /// The Euclidean distance `|a - b|`.
    case l2
    /// The inner product `a·b`: the larger, the nearer (a search's distance is its negation,
    /// as pgvector's `<#>`).
    case innerProduct

    /// The SQL function both engines compute it with: PostgreSQL's is in the schema's DDL
    /// (`schemagen_cosine_distance(a real[], b real[])`), SQLite's is registered on every
    /// connection by `SQLiteDatabase`.
    public var sqlFunction: String {
        switch self {
        case .cosine: return "schemagen_cosine_distance"
        case .l2: return "schemagen_l2_distance"
        case .innerProduct: return "schemagen_inner_product"
        }
    }

    /// The value of `sqlFunction` for two vectors of the same length (nil otherwise, and for the
    /// cosine of a zero vector), computed in double precision.
    public func value(_ a: some Collection<Float>, _ b: some Collection<Float>) -> Double? {
        guard a.count == b.count else { return nil }
        var dot = 0.0, normA = 0.0, normB = 0.0, squares = 0.0
        for (x, y) in zip(a, b) {
            let x = Double(x), y = Double(y)
            dot += x * y
            normA += x * x
            normB += y * y
            squares += (x - y) * (x - y)
        }
        switch self {
        case .cosine:
            let norms = normA.squareRoot() * normB.squareRoot()
            return norms == 0 ? nil : 1 - dot / norms
        case .l2: return squares.squareRoot()
        case .innerProduct: return dot
        }
    }

    /// The distance a search orders by, as SQL over `column` and a bound vector: the function,
    /// negated for the inner product (larger is nearer).
    func distanceSQL(_ column: String) -> String {
        let call = "\(sqlFunction)(\(column), ?)"
        return self == .innerProduct ? "-\(call)" : call
    }
}

/// A vector field with a `kind: vector` index (`Media.Columns.embedding`): what
/// `nearest(to:by:)` searches by, with the index's metric and the field's dimensions. No filter,
/// no sort: a vector is only compared by distance.
public struct VectorColumn<Record>: Sendable {
    /// The column as qualified SQL: `media.embedding`.
    public let sql: String
    public let metric: VectorMetric
    public let dimensions: Int

    public init(_ sql: String, metric: VectorMetric, dimensions: Int) {
        self.sql = sql
        self.metric = metric
        self.dimensions = dimensions
    }
}

/// A record a similarity search found, and its distance to the query vector (smaller is nearer;
/// for the inner product, the negated product).
public struct NearestRecord<Record: Sendable>: Sendable {
    public let record: Record
    public let distance: Double
}

/// Similarity search: the records whose vector is nearest a query vector by the index's metric.
/// Neither engine has a vector index here (no pgvector; SQLite ships none), so a search computes
/// the distance of every row that the filter and the caller's read rule leave, in SQL on both
/// engines: PostgreSQL with the DDL's `schemagen_<metric>` functions over `real[]`, SQLite with
/// the same functions registered on its connections over the little-endian float32 BLOBs.
extension Repository {
    /// The `limit` records nearest `vector` by `column`'s metric, nearest first (equal distances
    /// by id), among those matching `filter` that the caller may read. Records without a vector
    /// (and, for cosine, with a zero vector, which has no direction) are left out. Throws
    /// `RepositoryError.vectorDimensions` when `vector` doesn't have the field's dimensions.
    ///
    ///     let similar = try await media.nearest(to: embedding, by: { $0.embedding }, limit: 10,
    ///                                           where: { $0.project == project.id }, as: caller)
    ///     for hit in similar { print(hit.record.filename, hit.distance) }
    public func nearest(
        to vector: [Float],
        by column: @Sendable (Record.Columns) -> VectorColumn<Record>,
        limit: Int = 10,
        where filter: @Sendable (Record.Columns) -> RecordPredicate<Record> = { _ in .all },
        as context: AccessContext
    ) async throws -> [NearestRecord<Record>] {
        let columns = Record.Columns()
        let column = column(columns)
        let predicate = filter(columns)
        guard vector.count == column.dimensions else {
            throw RepositoryError.vectorDimensions(collection: table.collection, column: column.sql,
                                                   expected: column.dimensions, found: vector.count)
        }
        guard limit > 0 else { return [] }
        // The distance is the last column read; NULL (a zero vector's cosine) sorts last on both
        // engines and is dropped, so it never takes a nearer record's place.
        let (records, rows) = try await database.read(as: context) { db in
            try await selectRows(
                where: "\(predicate.sql(for: db.dialect)) AND \(column.sql) IS NOT NULL", [.vector(vector)] + predicate.arguments,
                access: table.access.read.filter(for: context),
                extraColumns: [column.metric.distanceSQL(column.sql) + " AS schemagen_distance"],
                orderBy: "schemagen_distance NULLS LAST, \(table.idColumn)", limit: limit, db: db)
        }
        return try zip(records, rows).compactMap { record, row in
            let last = row.values.count - 1
            guard row.values[last] != .null else { return nil }
            return NearestRecord(record: record, distance: try row.double(last))
        }
    }
}
