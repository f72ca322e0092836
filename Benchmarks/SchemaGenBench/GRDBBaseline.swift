import BenchSupport
import Foundation
import GRDB
import SchemaRuntime
import StudioModels

/// The driver's own speed on the find path, between the C API and the repository: GRDB written by
/// hand, `DatabasePool.read` (and `unsafeRead`) with a cached statement and `Row.fetchOne`, each row decoded into an
/// `Episode` the way the C loop does. C API → GRDB → repository says which part of the gap is the
/// driver's (a reader lease, a queue hop, `Row`) and which is ours.
final class GRDBEpisodes {
    let pool: DatabasePool
    static let findSQL = "SELECT \(Fixtures.episodeColumns) FROM episodes WHERE id = ?"

    init(path: String) throws {
        pool = try DatabasePool(path: path)
    }

    /// `read`: a reader from the pool, its queue, and the read in a transaction (BEGIN, COMMIT).
    func find(_ id: Episode.ID) throws -> Episode? {
        try pool.read { db in try Self.find(id, db) }
    }

    /// `unsafeRead`: a reader from the pool and its queue, the statement on its own (what
    /// SQLiteDatabase's reads use).
    func findUnsafe(_ id: Episode.ID) throws -> Episode? {
        try pool.unsafeRead { db in try Self.find(id, db) }
    }

    private static func find(_ id: Episode.ID, _ db: Database) throws -> Episode? {
        let statement = try db.cachedStatement(sql: findSQL)
        return try Row.fetchOne(statement, arguments: [id.rawValue.uuidString.lowercased()]).map(decode)
    }

    private static func uuid(_ row: Row, _ column: Int) -> UUID? {
        (row[column] as String?).flatMap(UUID.init(uuidString:))
    }

    static func decode(_ row: Row) throws -> Episode {
        guard let id = uuid(row, 0), let project = uuid(row, 1), let title = row[3] as String?,
              let status = (row[8] as String?).flatMap(Episode.Status.init(rawValue:)),
              let created = (row[19] as String?).flatMap(JSONCoding.parseDate),
              let updated = (row[20] as String?).flatMap(JSONCoding.parseDate)
        else { throw SchemaRuntime.DatabaseError(kind: .other, message: "bad row") }
        let logline: String? = row[5], summary: String? = row[6], themes: String? = row[7]
        let content: String? = row[9]
        let duration: Double? = row[16]
        let finalVideo = uuid(row, 17), thumbnail = uuid(row, 18)
        return Episode(
            id: Episode.ID(rawValue: id),
            project: Project.ID(rawValue: project),
            episodeNumber: row[2],
            title: title,
            description: row[4],
            synopsis: logline == nil && summary == nil && themes == nil ? nil : Episode.Synopsis(
                logline: logline,
                summary: summary,
                themes: try JSONCoding.makeDecoder().decode([String].self, from: Data((themes ?? "[]").utf8))
            ),
            status: status,
            script: content.map { Episode.Script(content: $0, version: row[10] ?? 1, wordCount: row[11] ?? 0, estimatedDuration: row[12]) },
            production: Episode.Production(sceneCount: row[13], completedScenes: row[14], renderProgress: row[15]),
            metadata: duration == nil && finalVideo == nil && thumbnail == nil ? nil : Episode.Metadata(
                duration: duration,
                finalVideo: finalVideo.map(Media.ID.init(rawValue:)),
                thumbnail: thumbnail.map(Media.ID.init(rawValue:))
            ),
            createdAt: created,
            updatedAt: updated
        )
    }
}
