import BenchSupport
import Foundation
import SchemaRuntime
import SchemaRuntimePostgres
import StudioModels

/// The generated `EpisodeRepository` on `PostgresDatabase`, against PostgreSQL's own tools on the
/// same server in the same run: `psql \copy` of the same rows for inserts, and `pgbench -S -M
/// prepared -c N -j 2` (N clients, prepared primary-key selects) for get by id, by one caller (as
/// the system and as a user, whom row-level security reads) and by 1, 4 and 16 concurrent ones.
struct PostgresBenchmark {
    var url: String
    var rows: Int

    func run() async throws {
        try await PostgresDatabase.withDatabase(url: url) { database in
            try await database.apply(schema: DatabaseSchema.postgres)
            let repository = EpisodeRepository(database)

            // Insert: psql \copy of rows of one project, against createAll of rows of another.
            let copyProject = try await Fixtures.seed(database)
            let project = try await ProjectRepository(database).create(
                Project(title: "Benchmark 2", genre: .drama, createdBy: try await database.firstUser()), as: .system).id
            let copyFile = FileManager.default.temporaryDirectory.appendingPathComponent("schemagen-bench-\(getpid()).csv")
            defer { try? FileManager.default.removeItem(at: copyFile) }
            try Data(Self.csv(Fixtures.episodes(rows, project: copyProject)).utf8).write(to: copyFile)
            let copy = try seconds {
                try Self.runTool("psql", [url, "-q", "-v", "ON_ERROR_STOP=1", "-c",
                                          "\\copy episodes (\(Fixtures.episodeColumns)) FROM '\(copyFile.path)' WITH (FORMAT csv)"])
            }
            let records = Fixtures.episodes(rows, project: project)
            let insert = try await seconds { try await repository.createAll(records, as: .system) }
            report("PostgreSQL insert (createAll)", Double(rows) / insert, unit: "rows/s",
                   baseline: "psql \\copy", Double(rows) / copy, goal: 0.90)

            // createAll as a user (the project's owner): row-level security holds the caller, so
            // the rows go as arrays (`unnest`) where the system's go by COPY.
            let userProject = try await ProjectRepository(database).create(
                Project(title: "Benchmark user", genre: .drama, createdBy: try await database.firstUser()), as: .system).id
            let creator = AccessContext.user(try await database.firstUser().rawValue, role: "user")
            let userRecords = Fixtures.episodes(rows, project: userProject)
            let asArrays = try await seconds { try await repository.createAll(userRecords, as: creator) }
            report("PostgreSQL insert as a user (createAll: its access checks, unnest arrays)", Double(rows) / asArrays, unit: "rows/s",
                   baseline: "psql \\copy", Double(rows) / copy, goal: 0.90)

            // createAll with hooks (that change nothing), in a third project: once a statement per row, now
            // the hooks run record by record and the rows go out together (the figure keeps its name).
            let third = try await ProjectRepository(database).create(
                Project(title: "Benchmark 3", genre: .drama, createdBy: try await database.firstUser()), as: .system).id
            // The records are made before the clock starts, as for createAll.
            let thirdRecords = Fixtures.episodes(rows, project: third)
            let single = try await seconds {
                try await EpisodeRepository(database, hooks: PassThroughHooks()).createAll(thirdRecords, as: .system)
            }
            report("PostgreSQL insert, a statement per row (createAll with hooks)", Double(rows) / single, unit: "rows/s",
                   baseline: "psql \\copy", Double(rows) / copy, goal: 0.90)

            // createAll with hooks as a user, in a fourth project: the hooks change nothing, the
            // access checks go per batch (were one query per record).
            let fourth = try await ProjectRepository(database).create(
                Project(title: "Benchmark 4", genre: .drama, createdBy: try await database.firstUser()), as: .system).id
            let fourthRecords = Fixtures.episodes(rows, project: fourth)
            let hookedAsUser = try await seconds {
                try await EpisodeRepository(database, hooks: PassThroughHooks()).createAll(fourthRecords, as: creator)
            }
            report("PostgreSQL insert as a user with hooks (createAll: hooks, access checks, unnest arrays)", Double(rows) / hookedAsUser,
                   unit: "rows/s", baseline: "psql \\copy", Double(rows) / copy, goal: 0.90)

            // Get by id: pgbench's select-only transactions per second, against find(_:as:).
            try Self.runTool("pgbench", ["-i", "-q", "-s", "1", url])
            let output = try Self.runTool("pgbench", ["-S", "-M", "prepared", "-c", "1", "-t", "20000", url])
            guard let tps = Self.transactionsPerSecond(output) else { fail("no tps in pgbench's output:\n\(output)") }
            let ids = shuffled(records.map(\.id)).prefix(min(rows, 20_000))
            var found = 0
            let get = try await seconds {
                for id in ids where try await repository.find(id, as: .system) != nil { found += 1 }
            }
            guard found == ids.count else { fail("get by id found \(found) of \(ids.count)") }

            // The drivers' own speed between pgbench and find: the same prepared SELECT, decoded
            // into an Episode, on one PostgresNIO connection and through a PostgresClient pool.
            let ordered = Array(ids)
            let raw = try await DriverBaselines.connection(url: url, ids: ordered)
            // The pool and find, alternated in short rounds (their ratio is the figure against
            // the raw pool).
            let pooled = try await DriverBaselines.alternating(url: url, ids: ordered, rounds: 8) { id in
                try await repository.find(id, as: .system) != nil
            }
            guard raw.found == ids.count, pooled.poolFound == ids.count, pooled.findFound == ids.count else {
                fail("the drivers found \(raw.found) and \(pooled.poolFound), find alternated \(pooled.findFound) of \(ids.count)")
            }
            report("PostgreSQL get by id, raw PostgresNIO connection (prepared, decoded)", Double(ids.count) / raw.seconds, unit: "rows/s",
                   baseline: "pgbench -S -M prepared -c 1", tps, goal: 0.80)
            report("PostgreSQL get by id, raw PostgresClient (a pool lease per query)", Double(ids.count) / pooled.pool, unit: "rows/s",
                   baseline: "pgbench -S -M prepared -c 1", tps, goal: 0.80)
            report("PostgreSQL get by id (find)", Double(ids.count) / get, unit: "rows/s",
                   baseline: "pgbench -S -M prepared -c 1", tps, goal: 0.80)
            report("PostgreSQL get by id (find) against the raw pool (alternated, 8 rounds)", Double(ids.count) / pooled.find, unit: "rows/s",
                   baseline: "raw PostgresClient", Double(ids.count) / pooled.pool, goal: 0.80)

            // The same as the project's owner, a user: row-level security reads the caller.
            let owner = AccessContext.user(try await database.firstUser().rawValue, role: "user")
            var ownFound = 0
            let asUser = try await seconds {
                for id in ids where try await repository.find(id, as: owner) != nil { ownFound += 1 }
            }
            guard ownFound == ids.count else { fail("get by id as a user found \(ownFound) of \(ids.count)") }
            report("PostgreSQL get by id as a user (find, row-level security)", Double(ids.count) / asUser, unit: "rows/s",
                   baseline: "pgbench -S -M prepared -c 1", tps, goal: 0.80)

            // Concurrent callers, each with its share of the ids, against pgbench's clients.
            for callers in [1, 4, 16] {
                let threads = min(callers, 2)
                let output = try Self.runTool("pgbench", ["-S", "-M", "prepared", "-c", "\(callers)", "-j", "\(threads)", "-t", "\(20_000 / callers)", url])
                guard let tps = Self.transactionsPerSecond(output) else { fail("no tps in pgbench's output:\n\(output)") }
                let shares = (0..<callers).map { caller in Array(ids.enumerated().filter { $0.offset % callers == caller }.map(\.element)) }
                var concurrentFound = 0
                let concurrent = try await seconds {
                    concurrentFound = try await withThrowingTaskGroup(of: Int.self) { group in
                        for share in shares {
                            group.addTask {
                                var found = 0
                                for id in share where try await repository.find(id, as: .system) != nil { found += 1 }
                                return found
                            }
                        }
                        return try await group.reduce(0, +)
                    }
                }
                guard concurrentFound == ids.count else { fail("\(callers) callers found \(concurrentFound) of \(ids.count)") }
                let pooled = try await DriverBaselines.pool(url: url, ids: Array(ids), callers: callers)
                guard pooled.found == ids.count else { fail("the raw pool's \(callers) callers found \(pooled.found) of \(ids.count)") }
                report("PostgreSQL get by id, raw PostgresClient, \(callers) concurrent callers", Double(ids.count) / pooled.seconds, unit: "rows/s",
                       baseline: "pgbench -S -M prepared -c \(callers) -j \(threads)", tps, goal: 0.80)
                report("PostgreSQL get by id, \(callers) concurrent callers", Double(ids.count) / concurrent, unit: "rows/s",
                       baseline: "pgbench -S -M prepared -c \(callers) -j \(threads)", tps, goal: 0.80)
            }
        }
    }

    /// The rows as `COPY … (FORMAT csv)` reads them: empty for NULL, text quoted.
    static func csv(_ records: [Episode]) throws -> String {
        func quoted(_ text: String?) -> String {
            text.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" } ?? ""
        }
        func plain<T>(_ value: T?) -> String { value.map { "\($0)" } ?? "" }
        var lines: [String] = []
        lines.reserveCapacity(records.count)
        for record in records {
            let now = JSONCoding.formatDate(Date.nowToTheMillisecond())
            let themes = try record.synopsis.map { String(decoding: try JSONCoding.makeEncoder().encode($0.themes), as: UTF8.self) }
            lines.append([
                record.id.rawValue.uuidString.lowercased(), record.project.rawValue.uuidString.lowercased(),
                plain(record.episodeNumber), quoted(record.title), quoted(record.description),
                quoted(record.synopsis?.logline), quoted(record.synopsis?.summary), quoted(themes),
                quoted(record.status.rawValue), quoted(record.script?.content), plain(record.script?.version),
                plain(record.script?.wordCount), plain(record.script?.estimatedDuration),
                plain(record.production.sceneCount), plain(record.production.completedScenes),
                plain(record.production.renderProgress), plain(record.metadata?.duration),
                plain(record.metadata?.finalVideo?.rawValue.uuidString.lowercased()),
                plain(record.metadata?.thumbnail?.rawValue.uuidString.lowercased()), now, now,
            ].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func transactionsPerSecond(_ output: String) -> Double? {
        for line in output.split(separator: "\n") where line.hasPrefix("tps = ") {
            return Double(line.dropFirst(6).prefix(while: { $0.isNumber || $0 == "." }))
        }
        return nil
    }

    /// Runs a PostgreSQL client tool from PATH; returns its standard output, fails on an error.
    @discardableResult
    static func runTool(_ name: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [name] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { fail("\(name) failed (\(process.terminationStatus))") }
        return String(decoding: data, as: UTF8.self)
    }
}

extension PostgresDatabase {
    func firstUser() async throws -> User.ID {
        let rows = try await query("SELECT id FROM users LIMIT 1", [])
        return User.ID(rawValue: try rows[0].uuid(0))
    }
}
