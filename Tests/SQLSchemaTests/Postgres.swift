import Foundation
import Testing
@testable import SchemaGenCore

/// Whether PostgreSQL tests run. scripts/with-postgres sets SCHEMAGEN_POSTGRES_URL (a superuser
/// connection to the `postgres` database). Without it the tests are skipped, unless PostgreSQL is
/// required (SCHEMAGEN_REQUIRE_POSTGRES=1, or CI=true): then they run, and fail saying why.
struct PostgresSetting: Sendable {
    var url: String?
    var isRequired: Bool

    static let current = PostgresSetting(environment: ProcessInfo.processInfo.environment)

    init(environment: [String: String]) {
        url = environment["SCHEMAGEN_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
        let flag = { (name: String) in ["1", "true", "yes"].contains(environment[name]?.lowercased() ?? "") }
        isRequired = flag("SCHEMAGEN_REQUIRE_POSTGRES") || flag("CI")
    }

    /// For `.enabled(if:)`: a test runs when there is a server or when there must be one.
    var testsAreEnabled: Bool { url != nil || isRequired }

    /// The superuser URL, or the error a test fails with when there is none.
    func serverURL() throws -> String {
        guard let url else {
            throw PostgresUnavailable()
        }
        return url
    }

    /// The same server, another database.
    func url(ofDatabase name: String) throws -> String {
        guard var components = URLComponents(string: try serverURL()) else { throw PostgresUnavailable(detail: "SCHEMAGEN_POSTGRES_URL is not a URL") }
        components.path = "/" + name
        return try #require(components.string)
    }
}

struct PostgresUnavailable: Error, CustomStringConvertible {
    var detail = "SCHEMAGEN_POSTGRES_URL is not set"
    var description: String { "PostgreSQL is required: run scripts/with-postgres (\(detail))" }
}

extension Trait where Self == ConditionTrait {
    /// PostgreSQL tests: enabled when a server is available or required (see `PostgresSetting`).
    static var postgres: Self {
        .enabled(if: PostgresSetting.current.testsAreEnabled,
                 "PostgreSQL is not available: run scripts/with-postgres (set SCHEMAGEN_REQUIRE_POSTGRES=1 to fail instead of skipping)")
    }
}

/// A fresh database (CREATE DATABASE with a random name) on the server from scripts/with-postgres,
/// driven through `psql`, so that tests can run in parallel. Dropped afterwards, with the roles
/// made for it.
struct PostgresDatabase: SQLDatabase {
    let dialect = SQLDialect.postgres
    let name: String
    let url: String

    static let fieldSeparator = "\u{1F}"

    /// A role for this database only (roles belong to the whole server): `<database>_<suffix>`.
    func roleName(_ suffix: String) -> String { "\(name)_\(suffix)" }

    static func withFresh<T>(applying fixture: Fixture?, _ body: (PostgresDatabase) async throws -> T) async throws -> T {
        let setting = PostgresSetting.current
        let server = try setting.serverURL()
        let name = "schemagen_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        try await psql(server, "CREATE DATABASE \(name);")
        let database = PostgresDatabase(name: name, url: try setting.url(ofDatabase: name))
        do {
            if let fixture { try await database.apply(fixture) }
            let result = try await body(database)
            try await database.drop(server: server)
            return result
        } catch {
            try? await database.drop(server: server)
            throw error
        }
    }

    private func drop(server: String) async throws {
        try await Self.psql(server, """
            DROP DATABASE IF EXISTS \(name) WITH (FORCE);
            DO $$ DECLARE r text; BEGIN
                FOR r IN SELECT rolname FROM pg_roles WHERE rolname LIKE '\(name)\\_%' LOOP
                    EXECUTE format('DROP ROLE %I', r);
                END LOOP;
            END $$;
            """)
    }

    @discardableResult
    func execute(_ script: String) async throws -> [[String]] {
        try await Self.psql(url, script)
    }

    /// psql without ~/.psqlrc, quiet, stopping at the first error, unaligned tuples only.
    @discardableResult
    private static func psql(_ url: String, _ script: String) async throws -> [[String]] {
        let output = try await runTool("psql", [
            "-X", "-q", "-w", "-v", "ON_ERROR_STOP=1", "-A", "-t", "-F", fieldSeparator, "-d", url,
        ], input: script)
        // A row a line (an empty string is an empty line); no rows, no output.
        var lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        return lines.map { $0.split(separator: fieldSeparator, omittingEmptySubsequences: false).map(String.init) }
    }
}
