import BenchSupport
import Foundation
import GRDBSQLite
import SchemaRuntime
import SchemaRuntimeSQLite
import StudioModels

/// Episodes (21 columns: text, integers, doubles, JSON, UUIDs, dates) through the generated
/// `EpisodeRepository` on `SQLiteDatabase`, against a hand-written loop on the SQLite C API over
/// the same table and rows, in the same process. Both sides convert values the same way
/// (lowercase UUID text, `JSONCoding` dates, JSON arrays), so the ratio is the repository's own
/// cost: statements, values, transactions, async calls. Times are the process's CPU time (all
/// threads): SQLite works in-process, and other processes on a shared machine don't count.
struct SQLiteBenchmark {
    var rows: Int

    func run() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("schemagen-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        // The repository's database, and the C loop's, each with one user and one project.
        let database = try SQLiteDatabase(path: folder.appendingPathComponent("repository.sqlite").path, schema: DatabaseSchema.sqlite)
        let project = try await Fixtures.seed(database)
        let cPath = folder.appendingPathComponent("c.sqlite").path
        do {
            let other = try SQLiteDatabase(path: cPath, schema: DatabaseSchema.sqlite)
            _ = try await Fixtures.seed(other, projectID: project)
        }
        let c = try CEpisodes(path: cPath)
        defer { c.close() }

        let records = Fixtures.episodes(rows, project: project)
        let repository = EpisodeRepository(database)

        // Insert: createAll (one transaction, validation, timestamps) against one C transaction.
        let cInsert = try seconds(.cpu) { try c.insert(records) }
        let insert = try await seconds(.cpu) { try await repository.createAll(records, as: .system) }
        report("SQLite insert (createAll)", Double(rows) / insert, unit: "rows/s",
               baseline: "C API", Double(rows) / cInsert, goal: 0.85)

        // Get by id, in a shuffled order: find(_:as:) against a prepared C statement.
        let ids = shuffled(records.map(\.id))
        var found = 0
        var cFound = 0
        let cGet = try seconds(.cpu) {
            for id in ids where try c.find(id) != nil { cFound += 1 }
        }
        let get = try await seconds(.cpu) {
            for id in ids where try await repository.find(id, as: .system) != nil { found += 1 }
        }
        // The driver between them: GRDB by hand on the C loop's file (DatabasePool.read, a cached
        // statement, Row.fetchOne).
        let grdb = try GRDBEpisodes(path: cPath)
        var grdbFound = 0
        let grdbGet = try seconds(.cpu) {
            for id in ids where try grdb.find(id) != nil { grdbFound += 1 }
        }
        var unsafeFound = 0
        let unsafeGet = try seconds(.cpu) {
            for id in ids where try grdb.findUnsafe(id) != nil { unsafeFound += 1 }
        }
        guard found == rows, cFound == rows, grdbFound == rows, unsafeFound == rows else {
            fail("get by id found \(found), \(cFound), \(grdbFound) and \(unsafeFound) of \(rows)")
        }
        report("SQLite get by id, raw GRDB (DatabasePool.read, cached statement)", Double(rows) / grdbGet, unit: "rows/s",
               baseline: "C API", Double(rows) / cGet, goal: 0.75)
        report("SQLite get by id, raw GRDB (DatabasePool.unsafeRead, cached statement)", Double(rows) / unsafeGet, unit: "rows/s",
               baseline: "C API", Double(rows) / cGet, goal: 0.75)
        report("SQLite get by id (find)", Double(rows) / get, unit: "rows/s",
               baseline: "C API", Double(rows) / cGet, goal: 0.75)
        report("SQLite get by id (find) against raw GRDB", Double(rows) / get, unit: "rows/s",
               baseline: "raw GRDB", Double(rows) / grdbGet, goal: 0.75)

        // Full scan, decoding every column: list(page:) a page of 1,000 at a time against one C query.
        var scanned = 0
        var cScanned = 0
        let cScan = try seconds(.cpu) { cScanned = try c.scan() }
        let scan = try await seconds(.cpu) {
            var page = PageRequest(size: 1000)
            while true {
                let result = try await repository.list(page: page, as: .system)
                scanned += result.items.count
                guard let next = result.next else { break }
                page = PageRequest(size: 1000, after: next)
            }
        }
        guard scanned == rows, cScanned == rows else { fail("scan read \(scanned) and \(cScanned) of \(rows)") }
        report("SQLite scan (list, pages of 1,000)", Double(rows) / scan, unit: "rows/s",
               baseline: "C API", Double(rows) / cScan, goal: 0.75)

        // createAll with hooks (that change nothing), in another project: once a statement per row, now
        // the hooks run record by record and the rows go out together (the figure keeps its name).
        let other = try await ProjectRepository(database).create(
            Project(title: "Benchmark 2", genre: .drama, createdBy: try await firstUser(database)), as: .system).id
        // The records are made before the clock starts, as for createAll and the C loop.
        let otherRecords = Fixtures.episodes(rows, project: other)
        let single = try await seconds(.cpu) {
            try await EpisodeRepository(database, hooks: PassThroughHooks()).createAll(otherRecords, as: .system)
        }
        report("SQLite insert, a statement per row (createAll with hooks)", Double(rows) / single, unit: "rows/s",
               baseline: "C API", Double(rows) / cInsert, goal: 0.85)

        // WAL: readers of the pool in parallel (wall time), alone and while one writer inserts a
        // record per transaction until they are done.
        for readers in [1, 2, 4] {
            let writes = Fixtures.episodes(rows, project: try await ProjectRepository(database).create(
                Project(title: "Writer \(readers)", genre: .drama, createdBy: try await firstUser(database)), as: .system).id)
            let alone = try await Self.read(ids, readers: readers, repository: repository)
            let writer = Task {
                var written = 0
                for record in writes {
                    do {
                        try await repository.create(record, as: .system)
                    } catch is CancellationError {
                        break
                    }
                    if Task.isCancelled { break }
                    written += 1
                }
                return written
            }
            let withWriter = try await Self.read(ids, readers: readers, repository: repository)
            writer.cancel()
            let written = try await writer.value
            report("SQLite get by id, \(readers) readers while one writer inserts (\(written) rows)", Double(ids.count) / withWriter,
                   unit: "rows/s", baseline: "\(readers) readers alone", Double(ids.count) / alone, goal: 0.75)
        }
    }

    /// Wall seconds for `readers` tasks to find their share of `ids` each.
    static func read(_ ids: [Episode.ID], readers: Int, repository: EpisodeRepository) async throws -> Double {
        try await seconds(.wall) {
            let found = try await withThrowingTaskGroup(of: Int.self) { group in
                for reader in 0..<readers {
                    group.addTask {
                        var found = 0
                        for index in stride(from: reader, to: ids.count, by: readers) where try await repository.find(ids[index], as: .system) != nil {
                            found += 1
                        }
                        return found
                    }
                }
                return try await group.reduce(0, +)
            }
            guard found == ids.count else { fail("\(readers) readers found \(found) of \(ids.count)") }
        }
    }
}

func firstUser(_ database: any DatabaseExecutor) async throws -> User.ID {
    User.ID(rawValue: try await database.query("SELECT id FROM users LIMIT 1", [])[0].uuid(0))
}

/// The C API side: a prepared statement per operation, values bound and read by column index.
final class CEpisodes {
    private var db: OpaquePointer?


    init(path: String) throws {
        guard sqlite3_open(path, &db) == SQLITE_OK else { throw error() }
        // What SQLiteDatabase's connections have: WAL, foreign keys, a busy timeout.
        try exec("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000")
    }

    func close() { sqlite3_close(db) }

    private func error() -> Error {
        SchemaRuntime.DatabaseError(kind: .other, message: String(cString: sqlite3_errmsg(db)))
    }

    private func exec(_ sql: String) throws {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else { throw error() }
    }

    private func prepare(_ sql: String) throws -> OpaquePointer? {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK else { throw error() }
        return statement
    }

    private lazy var findStatement = try? prepare("SELECT \(Fixtures.episodeColumns) FROM episodes WHERE id = ?")

    func insert(_ records: [Episode]) throws {
        let statement = try prepare("INSERT INTO episodes (\(Fixtures.episodeColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        defer { sqlite3_finalize(statement) }
        try exec("BEGIN IMMEDIATE")
        for record in records {
            let now = Date.nowToTheMillisecond()
            bind(statement, 1, record.id.rawValue)
            bind(statement, 2, record.project.rawValue)
            sqlite3_bind_int64(statement, 3, Int64(record.episodeNumber))
            bind(statement, 4, record.title)
            bind(statement, 5, record.description)
            bind(statement, 6, record.synopsis?.logline)
            bind(statement, 7, record.synopsis?.summary)
            bind(statement, 8, try record.synopsis.map { String(decoding: try JSONCoding.makeEncoder().encode($0.themes), as: UTF8.self) })
            bind(statement, 9, record.status.rawValue)
            bind(statement, 10, record.script?.content)
            bind(statement, 11, record.script.map { Int64($0.version) })
            bind(statement, 12, record.script.map { Int64($0.wordCount) })
            bind(statement, 13, record.script?.estimatedDuration)
            sqlite3_bind_int64(statement, 14, Int64(record.production.sceneCount))
            sqlite3_bind_int64(statement, 15, Int64(record.production.completedScenes))
            sqlite3_bind_double(statement, 16, record.production.renderProgress)
            bind(statement, 17, record.metadata?.duration)
            bind(statement, 18, record.metadata?.finalVideo?.rawValue)
            bind(statement, 19, record.metadata?.thumbnail?.rawValue)
            bind(statement, 20, JSONCoding.formatDate(now))
            bind(statement, 21, JSONCoding.formatDate(now))
            guard sqlite3_step(statement) == SQLITE_DONE else { throw error() }
            sqlite3_reset(statement)
        }
        try exec("COMMIT")
    }

    func find(_ id: Episode.ID) throws -> Episode? {
        let statement = findStatement
        defer { sqlite3_reset(statement) }
        bind(statement, 1, id.rawValue)
        switch sqlite3_step(statement) {
        case SQLITE_ROW: return try decode(statement)
        case SQLITE_DONE: return nil
        default: throw error()
        }
    }

    func scan() throws -> Int {
        let statement = try prepare("SELECT \(Fixtures.episodeColumns) FROM episodes ORDER BY id")
        defer { sqlite3_finalize(statement) }
        var count = 0
        while sqlite3_step(statement) == SQLITE_ROW {
            _ = try decode(statement)
            count += 1
        }
        return count
    }

    // MARK: Values

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private func bind(_ statement: OpaquePointer?, _ index: Int32, _ value: String?) {
        guard let value else { sqlite3_bind_null(statement, index); return }
        sqlite3_bind_text(statement, index, value, -1, Self.transient)
    }

    private func bind(_ statement: OpaquePointer?, _ index: Int32, _ value: UUID?) {
        bind(statement, index, value?.uuidString.lowercased())
    }

    private func bind(_ statement: OpaquePointer?, _ index: Int32, _ value: Int64?) {
        guard let value else { sqlite3_bind_null(statement, index); return }
        sqlite3_bind_int64(statement, index, value)
    }

    private func bind(_ statement: OpaquePointer?, _ index: Int32, _ value: Double?) {
        guard let value else { sqlite3_bind_null(statement, index); return }
        sqlite3_bind_double(statement, index, value)
    }

    private func isNull(_ statement: OpaquePointer?, _ column: Int32) -> Bool {
        sqlite3_column_type(statement, column) == SQLITE_NULL
    }

    private func text(_ statement: OpaquePointer?, _ column: Int32) -> String? {
        guard let text = sqlite3_column_text(statement, column) else { return nil }
        return String(cString: text)
    }

    private func uuid(_ statement: OpaquePointer?, _ column: Int32) -> UUID? {
        text(statement, column).flatMap(UUID.init(uuidString:))
    }

    private func int(_ statement: OpaquePointer?, _ column: Int32) -> Int? {
        isNull(statement, column) ? nil : Int(sqlite3_column_int64(statement, column))
    }

    private func double(_ statement: OpaquePointer?, _ column: Int32) -> Double? {
        isNull(statement, column) ? nil : sqlite3_column_double(statement, column)
    }

    private func decode(_ s: OpaquePointer?) throws -> Episode {
        guard let id = uuid(s, 0), let project = uuid(s, 1), let title = text(s, 3), let status = text(s, 8).flatMap(Episode.Status.init(rawValue:)),
              let created = text(s, 19).flatMap(JSONCoding.parseDate), let updated = text(s, 20).flatMap(JSONCoding.parseDate)
        else { throw SchemaRuntime.DatabaseError(kind: .other, message: "bad row") }
        return Episode(
            id: Episode.ID(rawValue: id),
            project: Project.ID(rawValue: project),
            episodeNumber: Int(sqlite3_column_int64(s, 2)),
            title: title,
            description: text(s, 4),
            synopsis: isNull(s, 5) && isNull(s, 6) && isNull(s, 7) ? nil : Episode.Synopsis(
                logline: text(s, 5),
                summary: text(s, 6),
                themes: try JSONCoding.makeDecoder().decode([String].self, from: Data((text(s, 7) ?? "[]").utf8))
            ),
            status: status,
            script: isNull(s, 9) ? nil : Episode.Script(
                content: text(s, 9) ?? "",
                version: int(s, 10) ?? 1,
                wordCount: int(s, 11) ?? 0,
                estimatedDuration: double(s, 12)
            ),
            production: Episode.Production(
                sceneCount: Int(sqlite3_column_int64(s, 13)),
                completedScenes: Int(sqlite3_column_int64(s, 14)),
                renderProgress: sqlite3_column_double(s, 15)
            ),
            metadata: isNull(s, 16) && isNull(s, 17) && isNull(s, 18) ? nil : Episode.Metadata(
                duration: double(s, 16),
                finalVideo: uuid(s, 17).map(Media.ID.init(rawValue:)),
                thumbnail: uuid(s, 18).map(Media.ID.init(rawValue:))
            ),
            createdAt: created,
            updatedAt: updated
        )
    }
}
