import BenchSupport
import Foundation
import PostgresNIO
import SchemaRuntime
import StudioModels

/// The drivers' own speed on the find path, between pgbench and the repository: the same prepared
/// SELECT by id (the columns `find` reads), each row decoded into an `Episode` as the repository
/// does, written straight on PostgresNIO, (1) on one `PostgresConnection` and (2) through a
/// `PostgresClient`, which leases a pooled connection per query. pgbench → connection → pool →
/// repository then says which part of the gap is the driver's and which is ours.
enum DriverBaselines {
    /// The find statement, prepared once per connection by PostgresNIO.
    struct FindEpisode: PostgresPreparedStatement {
        static let name = "bench_find_episode"
        static let sql = "SELECT \(Fixtures.episodeColumns) FROM episodes WHERE id = $1"
        static let bindingDataTypes: [PostgresDataType] = [.uuid]
        typealias Row = Episode

        var id: UUID

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(id)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Episode {
            let (id, project, number, title, description, logline, summary, themes, status, content, version, wordCount,
                 estimatedDuration, sceneCount, completedScenes, renderProgress, duration, finalVideo, thumbnail, createdAt, updatedAt)
                = try row.decode((UUID, UUID, Int, String, String?, String?, String?, String?, String, String?, Int?, Int?,
                                  Double?, Int, Int, Double, Double?, UUID?, UUID?, Date, Date).self)
            guard let status = Episode.Status(rawValue: status) else { throw SchemaRuntime.DatabaseError(kind: .other, message: "bad status \(status)") }
            return Episode(
                id: Episode.ID(rawValue: id),
                project: Project.ID(rawValue: project),
                episodeNumber: number,
                title: title,
                description: description,
                synopsis: logline == nil && summary == nil && themes == nil ? nil : Episode.Synopsis(
                    logline: logline,
                    summary: summary,
                    themes: try JSONCoding.makeDecoder().decode([String].self, from: Data((themes ?? "[]").utf8))
                ),
                status: status,
                script: content.map { Episode.Script(content: $0, version: version ?? 1, wordCount: wordCount ?? 0, estimatedDuration: estimatedDuration) },
                production: Episode.Production(sceneCount: sceneCount, completedScenes: completedScenes, renderProgress: renderProgress),
                metadata: duration == nil && finalVideo == nil && thumbnail == nil ? nil : Episode.Metadata(
                    duration: duration,
                    finalVideo: finalVideo.map(Media.ID.init(rawValue:)),
                    thumbnail: thumbnail.map(Media.ID.init(rawValue:))
                ),
                createdAt: createdAt,
                updatedAt: updatedAt
            )
        }
    }

    /// Wall seconds to find every id on one connection, and how many were found.
    static func connection(url: String, ids: [Episode.ID]) async throws -> (seconds: Double, found: Int) {
        let logger = Logger(label: "bench.connection")
        let connection = try await PostgresConnection.connect(configuration: try configuration(url), id: 1, logger: logger)
        var found = 0
        let time = try await seconds {
            for id in ids {
                for try await _ in try await connection.execute(FindEpisode(id: id.rawValue), logger: logger) { found += 1 }
            }
        }
        try await connection.close()
        return (time, found)
    }

    /// Wall seconds to find every id through a pool, a lease per query, by `callers` concurrent
    /// tasks each with its share, and how many were found.
    static func pool(url: String, ids: [Episode.ID], callers: Int = 1) async throws -> (seconds: Double, found: Int) {
        let configuration = try configuration(url)
        let client = PostgresClient(configuration: PostgresClient.Configuration(
            host: configuration.host ?? "localhost", port: configuration.port ?? 5432, username: configuration.username,
            password: configuration.password, database: configuration.database, tls: .disable))
        let logger = Logger(label: "bench.pool")
        return try await withThrowingDiscardingTaskGroup { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            // The pool's first connections open outside the timing, as the repository's do.
            for try await _ in try await client.execute(FindEpisode(id: ids[0].rawValue), logger: logger) {}
            var found = 0
            let time = try await seconds {
                found = try await withThrowingTaskGroup(of: Int.self) { tasks in
                    for caller in 0..<callers {
                        tasks.addTask {
                            var found = 0
                            for index in stride(from: caller, to: ids.count, by: callers) {
                                for try await _ in try await client.execute(FindEpisode(id: ids[index].rawValue), logger: logger) { found += 1 }
                            }
                            return found
                        }
                    }
                    return try await tasks.reduce(0, +)
                }
            }
            return (time, found)
        }
    }

    /// Wall seconds to find every id through a pool (a lease per query) and through `find`,
    /// alternated: `rounds` short rounds, each a slice of the ids through one then the other (the
    /// first of the two alternating too), so that both loops see the machine's load alike; and
    /// how many each found.
    static func alternating(url: String, ids: [Episode.ID], rounds: Int,
                            find: @escaping @Sendable (Episode.ID) async throws -> Bool)
        async throws -> (pool: Double, find: Double, poolFound: Int, findFound: Int) {
        let configuration = try configuration(url)
        let client = PostgresClient(configuration: PostgresClient.Configuration(
            host: configuration.host ?? "localhost", port: configuration.port ?? 5432, username: configuration.username,
            password: configuration.password, database: configuration.database, tls: .disable))
        let logger = Logger(label: "bench.alternating")
        return try await withThrowingDiscardingTaskGroup { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            for try await _ in try await client.execute(FindEpisode(id: ids[0].rawValue), logger: logger) {}
            var result = (pool: 0.0, find: 0.0, poolFound: 0, findFound: 0)
            let size = (ids.count + rounds - 1) / rounds
            for round in 0..<rounds {
                let slice = ids[min(round * size, ids.count)..<min((round + 1) * size, ids.count)]
                func viaPool() async throws {
                    result.pool += try await seconds {
                        for id in slice {
                            for try await _ in try await client.execute(FindEpisode(id: id.rawValue), logger: logger) { result.poolFound += 1 }
                        }
                    }
                }
                func viaFind() async throws {
                    result.find += try await seconds {
                        for id in slice where try await find(id) { result.findFound += 1 }
                    }
                }
                if round % 2 == 0 {
                    try await viaPool()
                    try await viaFind()
                } else {
                    try await viaFind()
                    try await viaPool()
                }
            }
            return result
        }
    }

    /// `postgres://user:password@host:port/database`, as the benchmark gets it from with-postgres.
    static func configuration(_ url: String) throws -> PostgresConnection.Configuration {
        guard let components = URLComponents(string: url), let host = components.host else { fail("not a PostgreSQL URL: \(url)") }
        let database = String(components.path.drop(while: { $0 == "/" }))
        return PostgresConnection.Configuration(
            host: host, port: components.port ?? 5432, username: components.user ?? "postgres",
            password: components.password, database: database.isEmpty ? nil : database, tls: .disable)
    }
}
