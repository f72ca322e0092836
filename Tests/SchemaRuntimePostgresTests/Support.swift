import Foundation
import SchemaRuntime
import Testing
@testable import SchemaRuntimePostgres

/// The package root, found from this file: Tests/SchemaRuntimePostgresTests/Support.swift.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

/// Generated/SQL/postgres.sql, as checked in.
func generatedSchema() throws -> String {
    try String(contentsOfFile: packageRoot + "/Generated/SQL/postgres.sql", encoding: .utf8)
}

/// Whether PostgreSQL tests run (as in Tests/SQLSchemaTests/Postgres.swift): scripts/with-postgres
/// sets SCHEMAGEN_POSTGRES_URL, a superuser connection. Without it the tests are skipped, unless
/// PostgreSQL is required (SCHEMAGEN_REQUIRE_POSTGRES=1, or CI=true): then they run, and fail
/// saying why.
struct PostgresSetting: Sendable {
    var url: String?
    var isRequired: Bool

    static let current = PostgresSetting(environment: ProcessInfo.processInfo.environment)

    init(environment: [String: String]) {
        url = environment["SCHEMAGEN_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
        let flag = { (name: String) in ["1", "true", "yes"].contains(environment[name]?.lowercased() ?? "") }
        isRequired = flag("SCHEMAGEN_REQUIRE_POSTGRES") || flag("CI")
    }

    var testsAreEnabled: Bool { url != nil || isRequired }

    func serverURL() throws -> String {
        guard let url else { throw PostgresUnavailable() }
        return url
    }

    /// The same server, another database and possibly another user.
    func url(ofDatabase name: String, user: String? = nil) throws -> String {
        guard var components = URLComponents(string: try serverURL()) else { throw PostgresUnavailable(detail: "SCHEMAGEN_POSTGRES_URL is not a URL") }
        components.path = "/" + name
        if let user { components.user = user }
        return try #require(components.string)
    }
}

struct PostgresUnavailable: Error, CustomStringConvertible {
    var detail = "SCHEMAGEN_POSTGRES_URL is not set"
    var description: String { "PostgreSQL is required: run scripts/with-postgres (\(detail))" }
}

extension Trait where Self == ConditionTrait {
    /// PostgreSQL tests: enabled when a server is available or required.
    static var postgres: Self {
        .enabled(if: PostgresSetting.current.testsAreEnabled,
                 "PostgreSQL is not available: run scripts/with-postgres (set SCHEMAGEN_REQUIRE_POSTGRES=1 to fail instead of skipping)")
    }
}

/// A fresh database (CREATE DATABASE with a random name) on the server, so that tests run in
/// parallel; dropped afterwards, with the roles made for it (`<name>_…`).
struct FreshDatabase: Sendable {
    let name: String
    let setting = PostgresSetting.current

    func url(user: String? = nil) throws -> String { try setting.url(ofDatabase: name, user: user) }

    /// A role for this database only (roles belong to the whole server).
    func roleName(_ suffix: String) -> String { "\(name)_\(suffix)" }

    static func with<T>(
        schema: String? = testSchema,
        maximumConnections: Int? = nil,
        _ body: (PostgresDatabase, FreshDatabase) async throws -> T
    ) async throws -> T {
        let setting = PostgresSetting.current
        let server = try setting.serverURL()
        let fresh = FreshDatabase(name: "schemagen_rt_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16))
        try await admin(server, ["CREATE DATABASE \(fresh.name)"])
        do {
            let result = try await PostgresDatabase.withDatabase(url: try fresh.url(), maximumConnections: maximumConnections) { database in
                if let schema { try await database.apply(schema: schema) }
                return try await body(database, fresh)
            }
            try await fresh.drop(server: server)
            return result
        } catch {
            try? await fresh.drop(server: server)
            throw error
        }
    }

    static func admin(_ url: String, _ statements: [String]) async throws {
        try await PostgresDatabase.withDatabase(url: url) { database in
            for statement in statements { try await database.execute(statement, []) }
        }
    }

    private func drop(server: String) async throws {
        try await Self.admin(server, [
            "DROP DATABASE IF EXISTS \(name) WITH (FORCE)",
            """
            DO $$ DECLARE r text; BEGIN
                FOR r IN SELECT rolname FROM pg_roles WHERE rolname LIKE '\(name)\\_%' LOOP
                    EXECUTE format('DROP ROLE %I', r);
                END LOOP;
            END $$
            """,
        ])
    }
}

/// A small schema with every column type, each kind of constraint, and a trigger that refuses.
let testSchema = """
    -- users, with a trigger like the generated immutability triggers
    CREATE TABLE users (
        id uuid NOT NULL PRIMARY KEY,
        email text NOT NULL,
        name text NOT NULL,
        CONSTRAINT users_name_check CHECK (char_length(name) BETWEEN 1 AND 50)
    );
    CREATE UNIQUE INDEX users_email_key ON users (email);
    CREATE OR REPLACE FUNCTION users_keep_email() RETURNS trigger
        LANGUAGE plpgsql
        AS $$
        BEGIN
            IF NEW.email IS DISTINCT FROM OLD.email THEN
                RAISE EXCEPTION 'users.email cannot be changed; really' USING ERRCODE = 'insufficient_privilege';
            END IF;
            RETURN NEW;
        END
        $$;
    CREATE TRIGGER users_keep_email BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION users_keep_email();
    CREATE TABLE pairs (a bigint NOT NULL, b bigint NOT NULL, CONSTRAINT pairs_pkey PRIMARY KEY (a, b));
    CREATE TABLE items (
        id bigint PRIMARY KEY,
        owner uuid CONSTRAINT items_owner_fkey REFERENCES users (id),
        i bigint, small integer, d double precision, t text, b boolean, u uuid, dt timestamptz,
        j jsonb, v real[], bl bytea
    );
    CREATE TABLE counters (name text PRIMARY KEY, value bigint NOT NULL);
    CREATE TABLE entries (task bigint NOT NULL, n bigint NOT NULL, PRIMARY KEY (task, n));
    """

struct Expected: Error, Equatable {}

extension DatabaseExecutor {
    func count(_ table: String, where condition: String = "true", _ arguments: [SQLValue] = []) async throws -> Int {
        try await query("SELECT count(*) FROM \(table) WHERE \(condition)", arguments)[0].int(0)
    }
}

let alice = UUID(uuidString: "6F1C2A4E-0000-4000-8000-00000000000A")!
let bob = UUID(uuidString: "6F1C2A4E-0000-4000-8000-00000000000B")!
