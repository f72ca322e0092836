import Foundation
import Testing
@testable import SchemaGenCore

/// The lint of `schemagen migrate`, the errors of `renamedFrom`, and the command's file
/// handling (what it writes, what it refuses, what `check` says).
@Suite("Migration lint and command")
struct MigrationLintTests {
    static let users = """
        name: users
        principal: true
        fields:
          email: { type: email, required: true }
        """

    /// notes.yaml; line 3 is the first field.
    static func notes(_ fields: String, access: String = "  read: [{ owner: owner }]\n", name: String = "notes") -> String {
        "name: \(name)\nfields:\n\(fields)\n  owner: { type: ref, to: users, required: true, onDelete: cascade }\naccess:\n\(access)"
    }

    static let base = notes("""
          title: { type: string, required: true, maxLength: 200 }
          score: { type: int }
          status: { type: enum, values: [draft, done], default: draft, required: true }
          nickname: { type: string }
        """)

    private func schema(_ notes: String) throws -> Schema {
        try Pipeline.resolve([SchemaSource(path: "schemas/users.yaml", contents: Self.users),
                              SchemaSource(path: "schemas/notes.yaml", contents: notes)])
    }

    private func findings(from old: String, to new: String) throws -> [String] {
        let plan = try MigrationPlanner.plan(from: SchemaSnapshot.of(try schema(old)), to: try schema(new), snapshotPath: "Generated/Migrations/snapshot.json")
        return plan.findings.map { "\($0.location): \($0.message)" }
    }

    @Test func safeChangesHaveNoFindings() throws {
        let new = Self.base
            .replacingOccurrences(of: "maxLength: 200", with: "maxLength: 300")
            .replacingOccurrences(of: "[draft, done]", with: "[draft, done, later]")
            .replacingOccurrences(of: "score: { type: int }", with: "score: { type: double }")
            + "\n"
        #expect(try findings(from: Self.base, to: new.replacingOccurrences(of: "  nickname: { type: string }", with: "  nickname: { type: string }\n  added: { type: int, required: true, default: 1 }")) == [])
    }

    @Test(arguments: [
        // kind, the edit, the finding
        ("drop a column", ("  nickname: { type: string }\n", ""), "schemas/notes.yaml:1:7: drops field notes.nickname: column notes.nickname and its data"),
        ("narrow a type", ("score: { type: int }", "score: { type: bool }"), "schemas/notes.yaml:4:3: changes the type of notes.score from bigint to boolean"),
        ("new required column without default", ("  nickname: { type: string }", "  nickname: { type: string }\n  rank: { type: int, required: true }"),
         "schemas/notes.yaml:7:3: adds required field notes.rank with no default"),
        ("make a column required", ("nickname: { type: string }", "nickname: { type: string, required: true }"),
         "schemas/notes.yaml:6:3: makes notes.nickname required"),
        ("remove an enum value", ("[draft, done]", "[draft]"), "schemas/notes.yaml:5:3: removes 'done' from the values of notes.status"),
        ("widen read access", ("read: [{ owner: owner }]", "read: [{ owner: owner }, authenticated]"),
         "schemas/notes.yaml:1:7: widens read access to notes: adds authenticated (was: owner (owner))"),
        ("lower a maximum length", ("maxLength: 200", "maxLength: 100"),
         "schemas/notes.yaml:3:3: narrows notes.title (maxLength 200 → 100): the migration fails if a row breaks it"),
        ("add a minimum", ("score: { type: int }", "score: { type: int, min: 1 }"),
         "schemas/notes.yaml:4:3: narrows notes.score (min none → 1)"),
        ("add a unique index", ("nickname: { type: string }", "nickname: { type: string, unique: true }"),
         "schemas/notes.yaml:6:3: adds unique index notes_nickname_key to notes"),
        ("grant an operation that only the system had", ("read: [{ owner: owner }]\n", "read: [{ owner: owner }]\n  delete: [admin]\n"),
         "schemas/notes.yaml:1:7: widens delete access to notes: adds admin (was: system context only)"),
    ])
    func riskyChangeIsFound(kind: String, edit: (String, String), finding: String) throws {
        let new = Self.base.replacingOccurrences(of: edit.0, with: edit.1)
        #expect(new != Self.base, "the edit of '\(kind)' must change the schema")
        let found = try findings(from: Self.base, to: new)
        #expect(found.count == 1 && found[0].hasPrefix(finding), "\(kind): \(found)")
    }

    /// `within` over columns a table already has: rows may point outside their scope.
    @Test func aScopeOverExistingColumnsIsFound() throws {
        let projects = SchemaSource(path: "schemas/b_projects.yaml", contents: "name: projects\nfields:\n  title: string\n")
        let jobs = SchemaSource(path: "schemas/c_jobs.yaml",
                                 contents: "name: jobs\nfields:\n  project: { type: ref, to: projects, required: true, onDelete: cascade }\n")
        func notes(_ within: String) -> SchemaSource {
            SchemaSource(path: "schemas/d_notes.yaml", contents: """
                name: notes
                fields:
                  project: { type: ref, to: projects, required: true, onDelete: cascade }
                  job: { type: ref, to: jobs, onDelete: setNull\(within) }
                  later: { type: ref, to: jobs, onDelete: setNull\(within) }
                """)
        }
        let old = try Pipeline.resolve([projects, jobs, notes("")])
        // A scope on existing columns is a finding; on columns added now it is not (no row has a value).
        let plan = try MigrationPlanner.plan(from: SchemaSnapshot.of(old), to: try Pipeline.resolve([projects, jobs, notes(", within: project")]),
                                             snapshotPath: "s.json")
        let messages = plan.findings.map(\.message).filter { $0.hasPrefix("adds foreign key") }
        #expect(messages == [
            "adds foreign key notes_job_scope_fkey to notes over existing columns: a row that already breaks it fails the migration (on PostgreSQL, its VALIDATE after COMMIT)",
            "adds foreign key notes_later_scope_fkey to notes over existing columns: a row that already breaks it fails the migration (on PostgreSQL, its VALIDATE after COMMIT)",
        ])
        #expect(plan.findings.first { $0.message.hasPrefix("adds foreign key") }?.location.line == 4)
        #expect(plan.findings.first { $0.message.hasPrefix("adds foreign key") }?.notes.first?.message
                == "find such rows first: SELECT r.id FROM notes AS r WHERE r.job IS NOT NULL AND r.project IS NOT NULL AND NOT EXISTS (SELECT 1 FROM jobs AS t WHERE t.id = r.job AND t.project = r.project)")
        let fresh = try MigrationPlanner.plan(from: SchemaSnapshot.of(try Pipeline.resolve([projects, jobs,
            SchemaSource(path: "schemas/d_notes.yaml", contents: "name: notes\nfields:\n  project: { type: ref, to: projects, required: true, onDelete: cascade }\n")])),
            to: try Pipeline.resolve([projects, jobs, notes(", within: project")]), snapshotPath: "s.json")
        #expect(fresh.findings.filter { $0.message.hasPrefix("adds foreign key") }.isEmpty, "new columns have no rows to break a key")
    }

    @Test func droppingACollectionIsFoundAtTheSnapshot() throws {
        let old = try Pipeline.resolve([SchemaSource(path: "schemas/users.yaml", contents: Self.users),
                                        SchemaSource(path: "schemas/notes.yaml", contents: Self.base)])
        let new = try Pipeline.resolve([SchemaSource(path: "schemas/users.yaml", contents: Self.users)])
        let plan = try MigrationPlanner.plan(from: SchemaSnapshot.of(old), to: new, snapshotPath: "Generated/Migrations/snapshot.json")
        #expect(plan.findings.map(\.description) == [
            "Generated/Migrations/snapshot.json:1:1: error: drops collection 'notes': table notes and every row in it [drop-collection:notes]\n"
                + "Generated/Migrations/snapshot.json:1:1: note: declare 'renamedFrom: notes' on the collection if it was renamed",
        ])
    }

    @Test func renamesAreNotDrops() throws {
        let new = Self.notes("""
              heading: { type: string, required: true, maxLength: 200, renamedFrom: title }
              score: { type: int }
              status: { type: enum, values: [draft, done], default: draft, required: true }
              nickname: { type: string }
            """, name: "memos").replacingOccurrences(of: "name: memos\n", with: "name: memos\nrenamedFrom: notes\n")
        #expect(try findings(from: Self.base, to: new) == [])
        let plan = try MigrationPlanner.plan(from: SchemaSnapshot.of(try schema(Self.base)), to: try schema(new), snapshotPath: "s.json")
        let postgres = plan.steps[.postgres]!.joined(separator: "\n")
        #expect(postgres.contains("ALTER TABLE notes RENAME TO memos;"))
        #expect(postgres.contains("ALTER TABLE memos RENAME COLUMN title TO heading;"))
        #expect(!postgres.contains("DROP COLUMN") && !postgres.contains("DROP TABLE"))
        let sqlite = plan.steps[.sqlite]!.joined(separator: "\n")
        #expect(sqlite.contains("SELECT rowid, id, title, score, status, nickname, owner"))
    }

    @Test func aRenamedEnumValueIsNotARemovedOne() throws {
        let new = Self.base.replacingOccurrences(of: "[draft, done]", with: "[draft, { value: finished, renamedFrom: done }]")
        #expect(try findings(from: Self.base, to: new) == [])
        let plan = try MigrationPlanner.plan(from: SchemaSnapshot.of(try schema(Self.base)), to: try schema(new), snapshotPath: "s.json")
        #expect(plan.steps[.postgres]!.joined().contains("UPDATE notes SET status = 'finished' WHERE status = 'done';"))
        #expect(plan.steps[.sqlite]!.joined().contains("CASE status WHEN 'done' THEN 'finished' ELSE status END"))
        let wrong = Self.base.replacingOccurrences(of: "[draft, done]", with: "[draft, { value: finished, renamedFrom: dne }]")
        do {
            _ = try MigrationPlanner.plan(from: SchemaSnapshot.of(try schema(Self.base)), to: try schema(wrong), snapshotPath: "s.json")
            Issue.record("expected an error")
        } catch {
            #expect((error as? DiagnosticsError)?.diagnostics.map(\.description) == [
                "schemas/notes.yaml:5:73: error: 'renamedFrom: dne' names no value of notes.status in the last migration\n"
                    + "schemas/notes.yaml:5:73: note: did you mean 'done'?",
            ])
        }
    }

    @Test func renamedFromNamingNothingIsAnErrorAtItsPlace() throws {
        let new = Self.base.replacingOccurrences(of: "nickname: { type: string }", with: "alias: { type: string, renamedFrom: nickame }")
        do {
            _ = try MigrationPlanner.plan(from: SchemaSnapshot.of(try schema(Self.base)), to: try schema(new), snapshotPath: "s.json")
            Issue.record("expected an error")
        } catch {
            #expect((error as? DiagnosticsError)?.diagnostics.map(\.description) == [
                "schemas/notes.yaml:6:39: error: 'renamedFrom: nickame' names no field of 'notes' in the last migration\n"
                    + "schemas/notes.yaml:6:39: note: did you mean 'nickname'?",
            ])
        }
        let collection = Self.base.replacingOccurrences(of: "name: notes\n", with: "name: memos\nrenamedFrom: nots\n")
        do {
            _ = try MigrationPlanner.plan(from: SchemaSnapshot.of(try schema(Self.base)), to: try schema(collection), snapshotPath: "s.json")
            Issue.record("expected an error")
        } catch {
            #expect((error as? DiagnosticsError)?.diagnostics.first?.description.hasPrefix("schemas/notes.yaml:2:14: error: 'renamedFrom: nots' names no collection of the last migration") == true)
        }
    }

    // MARK: The command, on disk

    private func withProject(_ body: (_ root: URL, _ generator: Generator) throws -> Void) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("schemagen-migrate-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("schemas"), withIntermediateDirectories: true)
        try Self.users.write(to: root.appendingPathComponent("schemas/users.yaml"), atomically: true, encoding: .utf8)
        try Self.base.write(to: root.appendingPathComponent("schemas/notes.yaml"), atomically: true, encoding: .utf8)
        try body(root, Generator(schemasDirectory: root.appendingPathComponent("schemas").path,
                                 outputDirectory: root.appendingPathComponent("Generated").path))
    }

    private func files(_ root: URL) throws -> [String] {
        try OutputWriter.existingFiles(in: root.appendingPathComponent("Generated")) + (try? FileManager.default
            .subpathsOfDirectory(atPath: root.appendingPathComponent("Generated/Migrations").path))!.sorted().map { "Migrations/" + $0 }
    }

    @Test func migrateWritesNumberedMigrationsRefusesRiskAndCheckNoticesChanges() throws {
        try withProject { root, generator in
            try generator.generate()
            #expect(try generator.needsMigration() == false, "no snapshot: migrations not in use")
            #expect(try generator.migrate(name: "initial") == .written(paths: ["Migrations/postgres/0001_initial.sql", "Migrations/sqlite/0001_initial.sql"], findings: []))
            #expect(try generator.migrate(name: "again") == .upToDate)
            #expect(try generator.needsMigration() == false)
            let swift = try String(contentsOf: root.appendingPathComponent("Generated/Swift/DatabaseSchema.swift"), encoding: .utf8)
            #expect(swift.contains("DatabaseMigration(version: 1, name: \"initial\""))

            // A risky edit: refused, nothing written, and check says a migration is missing.
            let notes = root.appendingPathComponent("schemas/notes.yaml")
            try Self.base.replacingOccurrences(of: "  nickname: { type: string }\n", with: "").write(to: notes, atomically: true, encoding: .utf8)
            let before = try files(root)
            #expect(try generator.needsMigration())
            #expect(throws: DiagnosticsError.self) { try generator.migrate(name: "drop_nickname") }
            #expect(try files(root) == before)
            #expect(throws: Generator.Failure.self) { try generator.migrate(name: "Drop Nickname!") }

            // generate leaves the history alone.
            try generator.generate()
            #expect(try files(root) == before)

            let result = try generator.migrate(name: "drop_nickname", allowDestructive: true)
            guard case .written(let paths, let findings) = result else { Issue.record("\(result)"); return }
            #expect(paths == ["Migrations/postgres/0002_drop_nickname.sql", "Migrations/sqlite/0002_drop_nickname.sql"])
            #expect(findings.count == 1)
            let sql = try String(contentsOf: root.appendingPathComponent("Generated/Migrations/postgres/0002_drop_nickname.sql"), encoding: .utf8)
            #expect(sql.contains("-- DESTRUCTIVE OR RISKY (each accepted with `schemagen migrate --allow ID`, or all with --allow-destructive):\n--   * [drop-field:notes.nickname] drops field notes.nickname"))
            #expect(sql.contains("ALTER TABLE notes DROP COLUMN nickname;"))
            #expect(try generator.needsMigration() == false)
            #expect(try generator.check().diff.isClean)
        }
    }

    @Test func aStaleRenamedFromIsIgnored() throws {
        try withProject { root, generator in
            try generator.migrate(name: "initial")
            let notes = root.appendingPathComponent("schemas/notes.yaml")
            try Self.base.replacingOccurrences(of: "nickname: { type: string }", with: "alias: { type: string, renamedFrom: nickname }")
                .write(to: notes, atomically: true, encoding: .utf8)
            guard case .written(_, let findings) = try generator.migrate(name: "rename_nickname") else { Issue.record("nothing written"); return }
            #expect(findings.isEmpty)
            // The key stays in the schema; the next run must not trip over it.
            #expect(try generator.migrate(name: "later") == .upToDate)
            #expect(try generator.needsMigration() == false)
        }
    }
}
