import Foundation
import SchemaRuntime
import SchemaRuntimePostgres
import SchemaRuntimeSQLite
import Testing

/// The generated repositories run against both databases, each fresh and built from the
/// checked-in DDL: SQLite in memory, PostgreSQL in a new database of the server that
/// scripts/with-postgres starts.
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// The DDL of `folder` (the studio's Generated/SQL by default).
    static func ddl(_ file: String, in folder: String = "Generated/SQL") throws -> String {
        try String(contentsOfFile: root + "/\(folder)/\(file).sql", encoding: .utf8)
    }

    /// Runs `body` with the system executor (it bypasses row-level security) and, on
    /// PostgreSQL, an executor for a role that row-level security holds to the rules (on SQLite
    /// both are the same database).
    func withDatabase(ddl folder: String = "Generated/SQL",
                      _ body: (_ system: any DatabaseExecutor, _ app: any DatabaseExecutor) async throws -> Void) async throws {
        switch self {
        case .sqlite:
            let database = try SQLiteDatabase.inMemory(schema: try Self.ddl("sqlite", in: folder))
            try await body(database, database)
        case .postgres:
            let environment = ProcessInfo.processInfo.environment
            guard let server = environment["SCHEMAGEN_POSTGRES_URL"], !server.isEmpty else {
                throw PostgresRequired()
            }
            let name = "schemagen_repo_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
            let role = name + "_app"
            try await PostgresDatabase.withDatabase(url: server) { admin in
                try await admin.execute("CREATE DATABASE \(name)", [])
                try await admin.execute("CREATE ROLE \(role) LOGIN NOSUPERUSER NOBYPASSRLS", [])
            }
            var components = URLComponents(string: server)!
            components.path = "/" + name
            let systemURL = components.string!
            components.user = role
            let appURL = components.string!
            do {
                try await PostgresDatabase.withDatabase(url: systemURL) { system in
                    try await system.apply(schema: try Self.ddl("postgres", in: folder))
                    try await system.execute("GRANT USAGE ON SCHEMA public TO \(role)", [])
                    try await system.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO \(role)", [])
                    try await PostgresDatabase.withDatabase(url: appURL) { app in
                        try await body(system, app)
                    }
                }
            } catch {
                try? await Self.drop(server: server, name: name, role: role)
                throw error
            }
            try await Self.drop(server: server, name: name, role: role)
        }
    }

    private static func drop(server: String, name: String, role: String) async throws {
        try await PostgresDatabase.withDatabase(url: server) { admin in
            try await admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", [])
            try await admin.execute("DROP ROLE IF EXISTS \(role)", [])
        }
    }

    /// PostgreSQL tests run when a server is available, and fail without one when it is
    /// required (SCHEMAGEN_REQUIRE_POSTGRES=1 or CI=true).
    static var available: [Backend] {
        let environment = ProcessInfo.processInfo.environment
        let required = ["1", "true"].contains(environment["SCHEMAGEN_REQUIRE_POSTGRES"]?.lowercased() ?? "")
            || ["1", "true"].contains(environment["CI"]?.lowercased() ?? "")
        let hasServer = !(environment["SCHEMAGEN_POSTGRES_URL"] ?? "").isEmpty
        return hasServer || required ? allCases : [.sqlite]
    }
}

struct PostgresRequired: Error, CustomStringConvertible {
    var description: String { "PostgreSQL is required: run scripts/with-postgres (SCHEMAGEN_POSTGRES_URL is not set)" }
}
