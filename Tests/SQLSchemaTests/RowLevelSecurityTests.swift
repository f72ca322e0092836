import Foundation
import Testing
@testable import SchemaGenCore

/// Who calls, as the application tells PostgreSQL per transaction (app.user_id, app.role).
enum Caller: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case owner, collaborator, admin, outsider, anonymous

    var testDescription: String { rawValue }

    var userID: String? {
        switch self {
        case .owner: return Seed.owner
        case .collaborator: return Seed.collaborator
        case .admin: return Seed.admin
        case .outsider: return Seed.outsider
        case .anonymous: return nil
        }
    }

    var role: String { self == .admin ? "admin" : "user" }
}

/// The studio's access rules, enforced by PostgreSQL's row-level security for a role the
/// application would connect as: not a superuser, without BYPASSRLS, with plain table privileges.
/// The seed (made as superuser, which bypasses row-level security): an owner, a collaborator, an
/// admin and an outsider; a project of the owner with the collaborator linked; its episode.
@Suite("PostgreSQL row-level security", .postgres, .timeLimit(.minutes(3)))
struct RowLevelSecurityTests {
    struct Studio {
        let database: any SQLDatabase
        let role: String

        /// A transaction as `caller`, rolled back unless `commit`.
        func session(as caller: Caller, _ statements: String, commit: Bool = false) -> String {
            var script = "BEGIN;\nSET LOCAL ROLE \(role);\n"
            if let id = caller.userID {
                script += "SET LOCAL app.user_id = '\(id)';\nSET LOCAL app.role = '\(caller.role)';\n"
            }
            return script + statements + "\n" + (commit ? "COMMIT;" : "ROLLBACK;") + "\n"
        }

        /// How many rows a statement changed: `WITH changed AS (… RETURNING 1) SELECT count(*)`.
        func changed(as caller: Caller, _ statement: String, commit: Bool = true) async throws -> Int {
            Int(try await database.value(session(as: caller, "WITH changed AS (\(statement) RETURNING 1) SELECT count(*) FROM changed;", commit: commit))) ?? -1
        }

        func count(as caller: Caller, _ table: String, where condition: String = "true") async throws -> Int {
            Int(try await database.value(session(as: caller, "SELECT count(*) FROM \(table) WHERE \(condition);"))) ?? -1
        }
    }

    private func withStudio(_ body: (Studio) async throws -> Void) async throws {
        try await PostgresDatabase.withFresh(applying: .studio) { database in
            let role = database.roleName("app")
            try await database.execute("""
                CREATE ROLE \(role) NOLOGIN NOSUPERUSER NOBYPASSRLS;
                GRANT USAGE ON SCHEMA public TO \(role);
                GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO \(role);
                GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO \(role);
                """ + Seed.studio)
            // Else every check below would pass for the wrong reason.
            #expect(try await database.execute("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = '\(role)';") == [["f", "f"]])
            try await body(Studio(database: database, role: role))
        }
    }

    private let thisProject = "id = '\(Seed.project)'"

    @Test("the owner, a collaborator and an admin see the project and its episode",
          arguments: [Caller.owner, .collaborator, .admin])
    func readersSeeTheProject(_ caller: Caller) async throws {
        try await withStudio { studio async throws in
            #expect(try await studio.count(as: caller, "projects", where: thisProject) == 1)
            #expect(try await studio.count(as: caller, "episodes", where: "project = '\(Seed.project)'") == 1)
        }
    }

    @Test("another user and an anonymous caller see nothing", arguments: [Caller.outsider, .anonymous])
    func othersSeeNothing(_ caller: Caller) async throws {
        try await withStudio { studio async throws in
            #expect(try await studio.database.count("projects") == 1, "the project exists")
            #expect(try await studio.count(as: caller, "projects") == 0)
            #expect(try await studio.count(as: caller, "episodes") == 0)
        }
    }

    @Test("another user can neither update nor delete the project")
    func outsiderCannotChangeTheProject() async throws {
        try await withStudio { studio async throws in
            #expect(try await studio.changed(as: .outsider, "UPDATE projects SET title = 'Taken' WHERE \(thisProject)") == 0)
            #expect(try await studio.changed(as: .outsider, "DELETE FROM projects WHERE \(thisProject)") == 0)
            #expect(try await studio.changed(as: .outsider, "DELETE FROM episodes") == 0)
            #expect(try await studio.database.value("SELECT title FROM projects WHERE \(thisProject);") == "Night Train")
            #expect(try await studio.database.count("episodes") == 1)
        }
    }

    @Test("a collaborator may edit the project but not delete it (delete is owner or admin)")
    func collaboratorCannotDelete() async throws {
        try await withStudio { studio async throws in
            #expect(try await studio.changed(as: .collaborator, "DELETE FROM projects WHERE \(thisProject)") == 0)
            #expect(try await studio.changed(as: .collaborator, "DELETE FROM episodes") == 0)
            #expect(try await studio.database.count("projects", where: thisProject) == 1)
            #expect(try await studio.database.count("episodes") == 1)
            #expect(try await studio.changed(as: .collaborator, "UPDATE projects SET title = 'Night Train II' WHERE \(thisProject)") == 1)
            #expect(try await studio.database.value("SELECT title FROM projects WHERE \(thisProject);") == "Night Train II")
        }
    }

    @Test("the owner may update and delete the project")
    func ownerMayUpdateAndDelete() async throws {
        try await withStudio { studio async throws in
            #expect(try await studio.changed(as: .owner, "UPDATE projects SET title = 'Night Bus' WHERE \(thisProject)") == 1)
            #expect(try await studio.database.value("SELECT title FROM projects WHERE \(thisProject);") == "Night Bus")
            #expect(try await studio.changed(as: .owner, "DELETE FROM projects WHERE \(thisProject)", commit: false) == 1)
            #expect(try await studio.changed(as: .admin, "DELETE FROM projects WHERE \(thisProject)", commit: false) == 1)
        }
    }

    @Test("an update must leave a row the rules still allow: a collaborator can't move an episode into a project they don't belong to")
    func updatesAreCheckedAgainstTheNewRow() async throws {
        try await withStudio { studio async throws in
            try await studio.database.execute(Seed.insertProject(Seed.otherProject, owner: Seed.outsider))
            await studio.database.expectRejected(
                studio.session(as: .collaborator, "UPDATE episodes SET project = '\(Seed.otherProject)';", commit: true),
                because: .rowLevelSecurity(table: "episodes"))
            #expect(try await studio.database.count("episodes", where: "project = '\(Seed.project)'") == 1)
            #expect(try await studio.changed(as: .admin, "UPDATE episodes SET project = '\(Seed.otherProject)'", commit: false) == 1)
        }
    }

    @Test("projects.createdBy is immutable: no caller can make themselves or anyone else the owner; the system context can")
    func ownershipCannotBeTaken() async throws {
        try await withStudio { studio async throws in
            for caller in [Caller.collaborator, .owner, .admin] {
                await studio.database.expectRejected(
                    studio.session(as: caller, "UPDATE projects SET created_by = '\(Seed.collaborator)' WHERE \(thisProject);", commit: true),
                    saying: "projects.created_by cannot be changed")
            }
            #expect(try await studio.database.value("SELECT created_by FROM projects WHERE \(thisProject);") == Seed.owner)
            // The superuser that applied the DDL is the system context.
            try await studio.database.execute("UPDATE projects SET created_by = '\(Seed.collaborator)' WHERE \(thisProject);")
            #expect(try await studio.database.value("SELECT created_by FROM projects WHERE \(thisProject);") == Seed.collaborator)
        }
    }

    @Test("an anonymous caller can't create a project; a signed-in one can, and then sees it")
    func creatingAProjectNeedsASignedInCaller() async throws {
        try await withStudio { studio async throws in
            await studio.database.expectRejected(
                studio.session(as: .anonymous, Seed.insertProject(Seed.otherProject, owner: Seed.outsider), commit: true),
                because: .rowLevelSecurity(table: "projects"))
            try await studio.database.execute(studio.session(as: .outsider, Seed.insertProject(Seed.otherProject, owner: Seed.outsider), commit: true))
            #expect(try await studio.count(as: .outsider, "projects") == 1)
            #expect(try await studio.database.count("projects") == 2)
        }
    }

    @Test("a user sees only their own user row, an admin sees every user; anyone may register")
    func usersSeeThemselves() async throws {
        try await withStudio { studio async throws in
            for caller in [Caller.owner, .collaborator, .outsider] {
                #expect(try await studio.database.column(studio.session(as: caller, "SELECT id FROM users;")) == [caller.userID!])
            }
            #expect(try await studio.count(as: .admin, "users") == 4)
            #expect(try await studio.count(as: .anonymous, "users") == 0)
            #expect(try await studio.changed(as: .outsider, "UPDATE users SET name = 'Renamed' WHERE id = '\(Seed.owner)'") == 0)
            #expect(try await studio.changed(as: .owner, "DELETE FROM users WHERE id = '\(Seed.outsider)'") == 0, "delete is admin only")
            try await studio.database.execute(studio.session(as: .anonymous, """
                INSERT INTO users (id, email, name, password_hash) VALUES ('\(Seed.id(9))', 'new@example.com', 'New', 'hash');
                """, commit: true))
            #expect(try await studio.database.count("users") == 5)
        }
    }

    @Test("prompt executions are append-only: no update or delete policy, so not even an admin changes one")
    func promptExecutionsAreAppendOnly() async throws {
        try await withStudio { studio async throws in
            let insert = """
                INSERT INTO prompts_executed (id, app, stage, resolved_prompt, model, status, started_at)
                VALUES ('\(Seed.id(801))', 'studio', 'script', 'Write a scene', 'anthropic/claude-sonnet-4', 'success', now());
                """
            await studio.database.expectRejected(studio.session(as: .anonymous, insert, commit: true),
                                                 because: .rowLevelSecurity(table: "prompts_executed"))
            try await studio.database.execute(studio.session(as: .outsider, insert, commit: true))
            #expect(try await studio.count(as: .outsider, "prompts_executed") == 0, "read is admin only")
            #expect(try await studio.count(as: .admin, "prompts_executed") == 1)
            #expect(try await studio.changed(as: .admin, "UPDATE prompts_executed SET notes = 'edited'") == 0)
            #expect(try await studio.changed(as: .admin, "DELETE FROM prompts_executed") == 0)
            #expect(try await studio.database.count("prompts_executed", where: "notes IS NULL") == 1)
        }
    }

    @Test("the links of a to-many reference are as protected as the record that holds them")
    func joinTablesAreProtected() async throws {
        try await withStudio { studio async throws in
            // Read with the project: its readers see its links, nobody else does.
            #expect(try await studio.count(as: .collaborator, "projects_collaborators") == 1)
            #expect(try await studio.count(as: .admin, "projects_collaborators") == 1)
            #expect(try await studio.count(as: .outsider, "projects_collaborators") == 0)
            #expect(try await studio.count(as: .anonymous, "projects_collaborators") == 0)
            // Changed with the project's update rules: an outsider can't add themselves…
            await studio.database.expectRejected(studio.session(as: .outsider, """
                INSERT INTO projects_collaborators (project_id, collaborator_id, position) VALUES ('\(Seed.project)', '\(Seed.outsider)', 1);
                """, commit: true), because: .rowLevelSecurity(table: "projects_collaborators"))
            #expect(try await studio.changed(as: .outsider, "DELETE FROM projects_collaborators") == 0)
            #expect(try await studio.changed(as: .anonymous, "DELETE FROM projects_collaborators") == 0)
            #expect(try await studio.database.count("projects_collaborators") == 1)
            // …while the owner, who may update the project, can add and remove links.
            #expect(try await studio.changed(as: .owner, """
                INSERT INTO projects_collaborators (project_id, collaborator_id, position) VALUES ('\(Seed.project)', '\(Seed.outsider)', 1)
                """) == 1)
            #expect(try await studio.count(as: .outsider, "projects", where: thisProject) == 1, "a new collaborator reads the project")
            #expect(try await studio.changed(as: .owner, "DELETE FROM projects_collaborators WHERE collaborator_id = '\(Seed.outsider)'") == 1)
            #expect(try await studio.count(as: .outsider, "projects", where: thisProject) == 0)
        }
    }
}
