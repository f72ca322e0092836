import Foundation
import SchemaRuntime
import Testing
@testable import SchemaGenCore

/// The integrity of Generated/Migrations (`schemagen.sum`), finding identifiers and `--allow`,
/// `--dry-run`, `--empty`, `--rehash`, and `renamedFrom` checked by `validate` and `check`.
@Suite("Migration history and reviewable decisions")
struct MigrationHistoryTests {
    @Test func sha256MatchesTheStandardsVectors() {
        #expect(SHA256.hex(Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(Array(repeating: UInt8(ascii: "a"), count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        #expect(MigrationChecksum.of("abc") == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    // MARK: A project on disk

    static let users = MigrationLintTests.users
    static let base = MigrationLintTests.base

    private func withProject(_ body: (_ root: URL, _ generator: Generator) throws -> Void) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("schemagen-history-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("schemas"), withIntermediateDirectories: true)
        try Self.users.write(to: root.appendingPathComponent("schemas/users.yaml"), atomically: true, encoding: .utf8)
        try Self.base.write(to: root.appendingPathComponent("schemas/notes.yaml"), atomically: true, encoding: .utf8)
        try body(root, Generator(schemasDirectory: root.appendingPathComponent("schemas").path,
                                 outputDirectory: root.appendingPathComponent("Generated").path))
    }

    private func edit(_ root: URL, _ path: String, _ change: (String) -> String) throws {
        let url = root.appendingPathComponent(path)
        try change(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
    }

    private func notes(_ root: URL, _ text: String) throws {
        try text.write(to: root.appendingPathComponent("schemas/notes.yaml"), atomically: true, encoding: .utf8)
    }

    /// Each problem as `file: message` with the file relative to the project.
    private func problems(_ root: URL, _ generator: Generator) throws -> [String] {
        try generator.migrationProblems().map { "\($0.location.file.replacingOccurrences(of: root.path + "/", with: "")):\($0.location.line): \($0.message)" }
    }

    /// Two migrations: 0001_initial and 0002_add_rank.
    private func twoMigrations(_ root: URL, _ generator: Generator) throws {
        try generator.migrate(name: "initial")
        try notes(root, Self.base.replacingOccurrences(of: "  nickname: { type: string }", with: "  nickname: { type: string }\n  rank: { type: int }"))
        try generator.migrate(name: "add_rank")
    }

    @Test func migrateWritesTheSumAndCheckAcceptsIt() throws {
        try withProject { root, generator in
            try twoMigrations(root, generator)
            let sum = try String(contentsOf: root.appendingPathComponent("Generated/Migrations/schemagen.sum"), encoding: .utf8)
            let lines = sum.split(separator: "\n").map { String($0.prefix { $0 != " " }) }
            #expect(lines == ["total", "postgres/0001_initial.sql", "sqlite/0001_initial.sql",
                              "postgres/0002_add_rank.sql", "sqlite/0002_add_rank.sql", "snapshot.json"])
            let initial = try String(contentsOf: root.appendingPathComponent("Generated/Migrations/sqlite/0001_initial.sql"), encoding: .utf8)
            #expect(sum.contains("sqlite/0001_initial.sql \(MigrationChecksum.of(initial))\n"))
            #expect(try problems(root, generator) == [])
            #expect(try generator.check().diff.isClean)
        }
    }

    @Test func anEditedMigrationIsFoundAtItsFile() throws {
        try withProject { root, generator in
            try twoMigrations(root, generator)
            try edit(root, "Generated/Migrations/postgres/0001_initial.sql") { $0 + "\n-- a tweak\n" }
            #expect(try problems(root, generator) == [
                "Generated/Migrations/postgres/0001_initial.sql:1: postgres/0001_initial.sql was edited after `schemagen migrate` wrote it (its checksum is not the one in schemagen.sum)",
            ])
            // Nothing that reads the history goes on: not generate, not migrate.
            #expect(throws: DiagnosticsError.self) { try generator.generate() }
            #expect(throws: DiagnosticsError.self) { try generator.migrate(name: "more") }
            // On purpose, before any database had it: --rehash records it.
            try generator.rehash()
            #expect(try problems(root, generator) == [])
        }
    }

    @Test func aDeletedMigrationIsFoundAtItsLineOfTheSum() throws {
        try withProject { root, generator in
            try twoMigrations(root, generator)
            try FileManager.default.removeItem(at: root.appendingPathComponent("Generated/Migrations/sqlite/0002_add_rank.sql"))
            #expect(try problems(root, generator) == [
                "Generated/Migrations/postgres/0002_add_rank.sql:1: postgres/0002_add_rank.sql has no sqlite counterpart",
                "Generated/Migrations/schemagen.sum:5: sqlite/0002_add_rank.sql was deleted: schemagen.sum lists it",
            ])
        }
    }

    @Test func aRenumberedMigrationIsAGapAndAnUnknownFile() throws {
        try withProject { root, generator in
            try twoMigrations(root, generator)
            for dialect in ["postgres", "sqlite"] {
                try FileManager.default.moveItem(at: root.appendingPathComponent("Generated/Migrations/\(dialect)/0002_add_rank.sql"),
                                                 to: root.appendingPathComponent("Generated/Migrations/\(dialect)/0003_add_rank.sql"))
            }
            let found = try problems(root, generator)
            #expect(found.contains("Generated/Migrations/postgres/0003_add_rank.sql:1: postgres migrations skip from 1 to 3"))
            #expect(found.contains("Generated/Migrations/schemagen.sum:4: postgres/0002_add_rank.sql was deleted: schemagen.sum lists it"))
            #expect(found.contains("Generated/Migrations/sqlite/0003_add_rank.sql:1: sqlite/0003_add_rank.sql is not in schemagen.sum: it was not written by `schemagen migrate`, or was renamed"))
        }
    }

    @Test func anEditedSumOrSnapshotIsFound() throws {
        try withProject { root, generator in
            try twoMigrations(root, generator)
            try edit(root, "Generated/Migrations/snapshot.json") { $0.replacingOccurrences(of: "nickname", with: "nick") }
            #expect(try problems(root, generator) == ["Generated/Migrations/snapshot.json:1: snapshot.json was edited: it is not the snapshot schemagen.sum recorded"])
            try edit(root, "Generated/Migrations/snapshot.json") { $0.replacingOccurrences(of: "nick", with: "nickname") }
            try edit(root, "Generated/Migrations/schemagen.sum") { $0.replacingOccurrences(of: "snapshot.json sha256:", with: "snapshot.json sha256:0") }
            #expect(try problems(root, generator).first?.hasPrefix("Generated/Migrations/schemagen.sum:1: schemagen.sum was edited by hand") == true)
        }
    }

    @Test func aHistoryWithoutASumIsAskedForOne() throws {
        try withProject { root, generator in
            try twoMigrations(root, generator)
            try FileManager.default.removeItem(at: root.appendingPathComponent("Generated/Migrations/schemagen.sum"))
            let found = try generator.migrationProblems()
            #expect(found.map(\.message) == ["\(generator.outputDirectory)/Migrations has migrations but no schemagen.sum, the checksums that show they are unchanged"])
            #expect(found.first?.notes.first?.message.contains("`schemagen migrate --rehash`") == true)
            try generator.rehash()
            #expect(try problems(root, generator) == [])
        }
    }

    /// Two branches each write migration 2; merged, the user sees where and what to do, does it,
    /// and gets migration 3 with the second branch's change.
    @Test func twoBranchesThatEachWroteAMigrationAreFoundAndResolved() throws {
        try withProject { root, generator in
            try generator.migrate(name: "initial")
            let migrations = root.appendingPathComponent("Generated/Migrations")
            let main = root.appendingPathComponent("main-history")
            try FileManager.default.copyItem(at: migrations, to: main)
            // Branch A (merged first): add_rank. Branch B: add_color, from the same 0001.
            try notes(root, Self.base.replacingOccurrences(of: "  nickname: { type: string }", with: "  nickname: { type: string }\n  rank: { type: int }"))
            try generator.migrate(name: "add_rank")
            let branchA = root.appendingPathComponent("branch-a")
            try FileManager.default.copyItem(at: migrations, to: branchA)
            try FileManager.default.removeItem(at: migrations)
            try FileManager.default.copyItem(at: main, to: migrations)
            try notes(root, Self.base.replacingOccurrences(of: "  nickname: { type: string }", with: "  nickname: { type: string }\n  color: { type: string }"))
            try generator.migrate(name: "add_color")

            // The merge as git leaves it when the sum's conflict is resolved by taking both sides:
            // both 0002 files, A's snapshot. The schemas have both fields.
            for dialect in ["postgres", "sqlite"] {
                try FileManager.default.copyItem(at: branchA.appendingPathComponent("\(dialect)/0002_add_rank.sql"),
                                                 to: migrations.appendingPathComponent("\(dialect)/0002_add_rank.sql"))
            }
            try String(contentsOf: branchA.appendingPathComponent("schemagen.sum"), encoding: .utf8)
                .write(to: migrations.appendingPathComponent("schemagen.sum"), atomically: true, encoding: .utf8)
            try notes(root, Self.base.replacingOccurrences(of: "  nickname: { type: string }",
                                                           with: "  nickname: { type: string }\n  rank: { type: int }\n  color: { type: string }"))
            let found = try generator.migrationProblems()
            #expect(found.map(\.message) == [
                "2 migrations are numbered 2: postgres/0002_add_color.sql and postgres/0002_add_rank.sql",
                "2 migrations are numbered 2: sqlite/0002_add_color.sql and sqlite/0002_add_rank.sql",
            ])
            #expect(found.first?.location.file == migrations.path + "/postgres/0002_add_rank.sql")
            #expect(found.first?.notes.map(\.message).joined(separator: "\n").contains("`schemagen migrate --name <your migration's name>`") == true)
            #expect(throws: DiagnosticsError.self) { try generator.generate() }

            // The way out: main's history, then this branch's migration again, as the next number.
            try FileManager.default.removeItem(at: migrations)
            try FileManager.default.copyItem(at: branchA, to: migrations)
            guard case .written(let paths, _) = try generator.migrate(name: "add_color") else { Issue.record("nothing written"); return }
            #expect(paths == ["Migrations/postgres/0003_add_color.sql", "Migrations/sqlite/0003_add_color.sql"])
            let third = try String(contentsOf: migrations.appendingPathComponent("postgres/0003_add_color.sql"), encoding: .utf8)
            #expect(third.contains("ALTER TABLE notes ADD COLUMN color text;") && !third.contains("rank"))
            #expect(try generator.migrationProblems().isEmpty)
            #expect(try generator.check().diff.isClean)
        }
    }

    @Test func conflictMarkersInTheSumPointAtTheMerge() throws {
        try withProject { root, generator in
            try twoMigrations(root, generator)
            try edit(root, "Generated/Migrations/schemagen.sum") { "<<<<<<< HEAD\n" + $0 + "=======\ntotal sha256:00\n>>>>>>> feature\n" }
            let found = try generator.migrationProblems()
            #expect(found.first?.message == "schemagen.sum has merge conflict markers: two branches each wrote migrations")
            #expect(found.first?.location.line == 1)
        }
    }

    // MARK: Findings: identifiers, --allow, --dry-run

    @Test func eachFindingIsAcceptedAloneByItsIdentifier() throws {
        try withProject { root, generator in
            try generator.migrate(name: "initial")
            try notes(root, Self.base.replacingOccurrences(of: "  nickname: { type: string }\n", with: "")
                .replacingOccurrences(of: "score: { type: int }", with: "score: { type: bool }"))
            do {
                try generator.migrate(name: "cleanup")
                Issue.record("expected a refusal")
            } catch let error as DiagnosticsError {
                #expect(error.diagnostics.map(\.message) == [
                    "migration refused: drops field notes.nickname: column notes.nickname and its data [drop-field:notes.nickname]",
                    "migration refused: changes the type of notes.score from bigint to boolean: values that don't convert fail the migration or lose precision [change-type:notes.score]",
                ])
                #expect(error.diagnostics.first?.notes.last?.message
                    == "if that is intended, accept it: `schemagen migrate --name cleanup --allow drop-field:notes.nickname` (all of them: `--allow change-type:notes.score --allow drop-field:notes.nickname`)")
            }
            // One accepted is not enough; a mistyped one is named.
            #expect(throws: DiagnosticsError.self) { try generator.migrate(name: "cleanup", options: .init(allow: ["drop-field:notes.nickname"])) }
            do {
                try generator.migrate(name: "cleanup", options: .init(allow: ["drop-field:notes.nicknam"]))
                Issue.record("expected an error")
            } catch let error as Generator.Failure {
                #expect("\(error)".hasPrefix("--allow drop-field:notes.nicknam: no such finding (did you mean drop-field:notes.nickname?)"))
            }
            // A dry run writes nothing and shows what would be.
            let before = try FileManager.default.subpathsOfDirectory(atPath: root.appendingPathComponent("Generated").path).sorted()
            guard case .wouldWrite(let files, let findings) = try generator.migrate(name: "cleanup", options: .init(dryRun: true)) else {
                Issue.record("expected a dry run"); return
            }
            #expect(try FileManager.default.subpathsOfDirectory(atPath: root.appendingPathComponent("Generated").path).sorted() == before)
            #expect(files.map(\.path) == ["Migrations/snapshot.json", "Migrations/postgres/0002_cleanup.sql", "Migrations/sqlite/0002_cleanup.sql", "Migrations/schemagen.sum"])
            #expect(findings.map(\.id) == ["change-type:notes.score", "drop-field:notes.nickname"])

            guard case .written(_, let accepted) = try generator.migrate(
                name: "cleanup", options: .init(allow: ["drop-field:notes.nickname", "change-type:notes.score"])) else { Issue.record("nothing written"); return }
            #expect(accepted.count == 2)
            let sql = try String(contentsOf: root.appendingPathComponent("Generated/Migrations/postgres/0002_cleanup.sql"), encoding: .utf8)
            #expect(sql.contains("--   * [drop-field:notes.nickname] drops field notes.nickname"))
        }
    }

    @Test func findingsAreAtTheLineThatChanged() throws {
        let shared = "description: Shared enums.\nenums:\n  Level:\n    values: [low, high, top]\n"
        let notesWith = { (level: String, unique: String) in
            "name: notes\nfields:\n  title: { type: string\(unique) }\n  level: { type: enum, enum: Level }\n  owner: { type: ref, to: users, required: true }\nindexes:\n  - fields: [owner]\n"
        }
        func resolve(_ notes: String, _ enums: String) throws -> Schema {
            try Pipeline.resolve([SchemaSource(path: "schemas/users.yaml", contents: Self.users),
                                  SchemaSource(path: "schemas/notes.yaml", contents: notes),
                                  SchemaSource(path: "schemas/shared.yaml", contents: enums)])
        }
        let old = try resolve(notesWith("", ""), shared)
        let new = try resolve(notesWith("", ", unique: true"), shared.replacingOccurrences(of: ", top]", with: "]"))
        let plan = try MigrationPlanner.plan(from: SchemaSnapshot.of(old), to: new, snapshotPath: "s.json")
        let located = plan.findings.map { "\($0.id) \($0.location)" }
        #expect(located.contains("add-unique-index:notes_title_key schemas/notes.yaml:3:3"))
        #expect(located.contains { $0.hasPrefix("remove-enum-value:notes.level schemas/shared.yaml:3:") })
        #expect(plan.findings.first { $0.rule == "remove-enum-value" }?.notes.first?.location?.file == "schemas/notes.yaml")
    }

    static func resolveLint(_ notes: String) throws -> Schema {
        try Pipeline.resolve([SchemaSource(path: "schemas/users.yaml", contents: users),
                              SchemaSource(path: "schemas/notes.yaml", contents: notes)])
    }

    @Test func aRequiredFieldWithADefaultIsFilledInNotRefused() throws {
        let old = try Self.resolveLint(Self.base)
        let new = try Self.resolveLint(Self.base.replacingOccurrences(of: "nickname: { type: string }", with: "nickname: { type: string, required: true, default: anon }"))
        let plan = try MigrationPlanner.plan(from: SchemaSnapshot.of(old), to: new, snapshotPath: "s.json")
        #expect(plan.findings.isEmpty)
        let postgres = plan.steps[.postgres]!.joined(separator: "\n")
        #expect(postgres.contains("UPDATE notes SET nickname = DEFAULT WHERE nickname IS NULL;\nALTER TABLE notes ALTER COLUMN nickname SET NOT NULL;"))
        #expect(plan.steps[.sqlite]!.joined().contains("coalesce(nickname, 'anon')"))
    }

    @Test func stepsThatLockOrRewriteATableAreListedInTheHeader() throws {
        let old = try Self.resolveLint(Self.base)
        let new = try Self.resolveLint(Self.base
            .replacingOccurrences(of: "nickname: { type: string }", with: "nickname: { type: string, required: true, default: anon }")
            + "\nindexes:\n  - fields: [score]\n")
        let plan = try MigrationPlanner.plan(from: SchemaSnapshot.of(old), to: new, snapshotPath: "s.json")
        #expect(plan.slowSteps[.postgres] == [
            "notes: the UPDATE writes a new version of every row it changes, in one transaction",
            "notes.nickname: SET NOT NULL reads every row of notes under an ACCESS EXCLUSIVE lock",
            "notes: CREATE INDEX notes_score_idx blocks writes to notes while it builds",
        ])
        #expect(plan.slowSteps[.sqlite]?.first == "notes: rebuilt, every row copied, while the migration holds the write lock")
        let files = Renderer.render(MigrationFilePlanner.plan(plan, version: 2, name: "x"), with: .embedded())
        let postgres = try #require(files.first { $0.path.hasPrefix("Migrations/postgres/") }).contents
        #expect(postgres.contains("-- LONG LOCKS OR TABLE REWRITES (on a large table, apply at a quiet time):\n--   * notes: the UPDATE"))
        // A new table has no rows to wait for.
        let fresh = try MigrationPlanner.plan(from: .empty, to: new, snapshotPath: "s.json")
        let slowOnNewTables = fresh.slowSteps.values.flatMap { $0 }
        #expect(slowOnNewTables.isEmpty)
    }

    /// On PostgreSQL a foreign key added to a table that already existed (a new reference, and
    /// one re-added for a new delete rule) is added NOT VALID in the transaction and validated after
    /// COMMIT; the header says so instead of warning of a scan under lock. A new table's keys,
    /// and SQLite's, are as before. A new CHECK says what it takes: ACCESS EXCLUSIVE.
    @Test func foreignKeysAddedToExistingTablesAreValidatedAfterCommit() throws {
        let old = try Self.resolveLint(Self.base)
        let new = try Self.resolveLint(Self.base
            .replacingOccurrences(of: "onDelete: cascade }", with: "onDelete: restrict }")
            .replacingOccurrences(of: "score: { type: int }", with: "score: { type: int, min: 0 }")
            .replacingOccurrences(of: "nickname: { type: string }", with: "nickname: { type: string }\n  editor: { type: ref, to: users }"))
        let plan = try MigrationPlanner.plan(from: SchemaSnapshot.of(old), to: new, snapshotPath: "s.json")
        let steps = plan.steps[.postgres]!.joined(separator: "\n")
        #expect(steps.contains("ALTER TABLE notes ADD CONSTRAINT notes_editor_fkey FOREIGN KEY (editor) REFERENCES users (id) ON DELETE SET NULL NOT VALID;"), "\(steps)")
        #expect(steps.contains("ALTER TABLE notes ADD CONSTRAINT notes_owner_fkey FOREIGN KEY (owner) REFERENCES users (id) ON DELETE RESTRICT NOT VALID;"), "\(steps)")
        #expect(!steps.contains("VALIDATE"))
        #expect(plan.validations[.postgres] == ["ALTER TABLE notes VALIDATE CONSTRAINT notes_editor_fkey;",
                                                "ALTER TABLE notes VALIDATE CONSTRAINT notes_owner_fkey;"]
                || plan.validations[.postgres] == ["ALTER TABLE notes VALIDATE CONSTRAINT notes_owner_fkey;",
                                                   "ALTER TABLE notes VALIDATE CONSTRAINT notes_editor_fkey;"])
        #expect(plan.slowSteps[.postgres] == [
            "notes: ADD CONSTRAINT notes_score_check reads every row of notes under an ACCESS EXCLUSIVE lock (reads and writes wait)",
        ])
        #expect(!plan.steps[.sqlite]!.joined().contains("NOT VALID") && (plan.validations[.sqlite] ?? []).isEmpty)

        let files = Renderer.render(MigrationFilePlanner.plan(plan, version: 2, name: "x"), with: .embedded())
        let postgres = try #require(files.first { $0.path.hasPrefix("Migrations/postgres/") }).contents
        let parts = try #require(postgres.components(separatedBy: "\nBEGIN;\n").last).components(separatedBy: "\nCOMMIT;\n")
        try #require(parts.count == 2, "\(postgres)")
        #expect(parts[0].contains("NOT VALID;") && !parts[0].contains("VALIDATE CONSTRAINT"))
        #expect(parts[1].contains("ALTER TABLE notes VALIDATE CONSTRAINT notes_editor_fkey;") && parts[1].contains("ALTER TABLE notes VALIDATE CONSTRAINT notes_owner_fkey;"))
        #expect(postgres.contains("-- Foreign keys added to existing tables are added NOT VALID"), "\(postgres)")
        #expect(postgres.contains("SHARE UPDATE EXCLUSIVE"))

        // A new table: its keys are checked as they are added (no rows to read).
        let fresh = try MigrationPlanner.plan(from: .empty, to: new, snapshotPath: "s.json")
        #expect(!fresh.steps[.postgres]!.joined().contains("NOT VALID") && (fresh.validations[.postgres] ?? []).isEmpty)
    }

    // MARK: Hand-written steps and validate

    @Test func anEmptyMigrationHasAPlaceForHandWrittenSteps() throws {
        try withProject { root, generator in
            try generator.migrate(name: "initial")
            guard case .written(let paths, _) = try generator.migrate(name: "fill_nicknames", options: .init(empty: true)) else { Issue.record("nothing written"); return }
            #expect(paths == ["Migrations/postgres/0002_fill_nicknames.sql", "Migrations/sqlite/0002_fill_nicknames.sql"])
            let path = "Generated/Migrations/sqlite/0002_fill_nicknames.sql"
            #expect(try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8).contains("-- Your statements here"))
            try edit(root, path) { $0.replacingOccurrences(of: "-- Your statements here, each ending with a semicolon.", with: "UPDATE notes SET nickname = title WHERE nickname IS NULL;") }
            #expect(try problems(root, generator).count == 1)
            try generator.rehash()
            #expect(try problems(root, generator) == [])
            let swift = try String(contentsOf: root.appendingPathComponent("Generated/Swift/DatabaseSchema.swift"), encoding: .utf8)
            #expect(swift.contains("UPDATE notes SET nickname = title WHERE nickname IS NULL;"))
            // Schema changes go in their own migration first.
            try notes(root, Self.base.replacingOccurrences(of: "nickname: { type: string }", with: "nickname: { type: string }\n  rank: { type: int }"))
            #expect(throws: Generator.Failure.self) { try generator.migrate(name: "more", options: .init(empty: true)) }
        }
    }

    @Test func validateAndCheckCatchARenamedFromThatNamesNothing() throws {
        try withProject { root, generator in
            try generator.migrate(name: "initial")
            try notes(root, Self.base.replacingOccurrences(of: "nickname: { type: string }", with: "alias: { type: string, renamedFrom: nickame }"))
            let found = try generator.migrationProblems()
            #expect(found.map(\.description) == [
                "\(root.path)/schemas/notes.yaml:6:39: error: 'renamedFrom: nickame' names no field of 'notes' in the last migration\n"
                    + "\(root.path)/schemas/notes.yaml:6:39: note: did you mean 'nickname'?",
            ])
        }
    }
}
