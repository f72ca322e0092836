import Foundation
import Testing
@testable import SchemaGenCore

/// One schema edit: the schemas before and after, and what must hold of the data afterwards.
struct MigrationScenario: Sendable, CustomTestStringConvertible {
    var name: String
    var old: [String: String]
    var new: [String: String]
    /// Queries on the migrated database and the rows each must return.
    var checks: [(query: String, rows: [[String]])]
    /// The SQLite migration uses ALTER TABLE only: no table is rebuilt.
    var inPlaceOnSQLite = false
    /// Rows inserted after `seed`, for the scenario's own tables.
    var extraSeed = ""
    /// More rows for the old database, by engine (after `seed`).
    var seedSQL: [SQLDialect: String] = [:]
    /// Checks that run on PostgreSQL only.
    var postgresChecks: [(query: String, rows: [[String]])] = []
    /// The SQLite migration has no steps, and says why.
    var unchangedOnSQLite = false

    var testDescription: String { name }

    static let ann = "00000000-0000-4000-8000-000000000001"
    static let note = "00000000-0000-4000-8000-000000000002"

    /// Rows in the old database: a user, a note, one link of `notes.readers`.
    static let seed = """
        INSERT INTO users (id, email, name) VALUES ('\(ann)', 'ann@example.com', 'Ann');
        INSERT INTO notes (id, title, body, owner, score, settings_color) VALUES ('\(note)', 'Hello world', 'Body text', '\(ann)', 7, 'green');
        INSERT INTO notes_readers (note_id, reader_id, position) VALUES ('\(note)', '\(ann)', 0);
        """

    static let base = ["users": MigrationSchemas.users,
                       "notes": MigrationSchemas.notes(fields: MigrationSchemas.baseFields, indexes: MigrationSchemas.baseIndexes)]

    static func notes(_ fields: String, indexes: String = MigrationSchemas.baseIndexes, access: String = MigrationSchemas.defaultAccess,
                      name: String = "notes", extra: String = "") -> [String: String] {
        ["users": MigrationSchemas.users,
         "notes": MigrationSchemas.notes(name: name, extra: extra, fields: fields, indexes: indexes, access: access)]
    }

    static let keptNote: (query: String, rows: [[String]]) = ("SELECT title, body FROM notes;", [["Hello world", "Body text"]])

    /// genres keyed by `key` in genre_id, tracks by `key` pointing at them (a ref and a join table),
    /// read by their listeners (a policy function over the tracks' key).
    static func integerKeys(_ key: String, generated: Bool = false) -> [String: String] {
        base.merging([
            "genres": "name: genres\nid: { type: \(key), column: genre_id\(generated ? ", generated: true" : "") }\ntimestamps: false\nfields:\n  label: { type: string, required: true }\n",
            "tracks": "name: tracks\nid: \(key)\ntimestamps: false\nfields:\n  genre: { type: ref, to: genres, required: true, onDelete: noAction }\n  moods: { type: refs, to: genres }\n  listeners: { type: refs, to: users }\naccess:\n  read: [{ member: listeners }, admin]\n  create: [authenticated]\n",
        ]) { a, _ in a }
    }

    static let integerKeyRows = """
        INSERT INTO genres (genre_id, label) VALUES (7, 'Jazz'), (2147483647, 'Blues');
        INSERT INTO tracks (id, genre) VALUES (30, 7), (31, 2147483647);
        INSERT INTO tracks_moods (track_id, mood_id, position) VALUES (30, 2147483647, 0), (30, 7, 1);
        """

    static let integerKeyChecks: [(query: String, rows: [[String]])] = [
        ("SELECT genre_id, label FROM genres ORDER BY genre_id;", [["7", "Jazz"], ["2147483647", "Blues"]]),
        ("SELECT id, genre FROM tracks ORDER BY id;", [["30", "7"], ["31", "2147483647"]]),
        ("SELECT mood_id FROM tracks_moods ORDER BY position;", [["2147483647"], ["7"]]),
    ]

    static let all: [MigrationScenario] = [
        MigrationScenario(
            name: "int32 keys widened to int64: the key, the reference and the join table's columns; rows kept",
            old: integerKeys("int32"), new: integerKeys("int64"), checks: integerKeyChecks, extraSeed: integerKeyRows),
        MigrationScenario(
            name: "an integer key becomes generated: the next key the database gives comes after the rows'",
            old: integerKeys("int64"), new: integerKeys("int64", generated: true),
            checks: integerKeyChecks + [("INSERT INTO genres (label) VALUES ('Soul') RETURNING genre_id;", [["2147483648"]])],
            extraSeed: integerKeyRows),
        MigrationScenario(
            name: "an int32 key already at its largest value becomes generated: the sequence is moved without overflowing",
            old: integerKeys("int32"), new: integerKeys("int32", generated: true), checks: integerKeyChecks, extraSeed: integerKeyRows),
        MigrationScenario(
            name: "an integer key of an empty table becomes generated: the first key is 1",
            old: integerKeys("int64"), new: integerKeys("int64", generated: true),
            checks: [("INSERT INTO genres (label) VALUES ('Soul') RETURNING genre_id;", [["1"]])]),
        MigrationScenario(
            name: "a generated key becomes one the caller gives: the rows kept",
            old: integerKeys("int32", generated: true), new: integerKeys("int32"), checks: integerKeyChecks, extraSeed: integerKeyRows),
        MigrationScenario(
            name: "int64 keys narrowed to int32 (accepted): the key and what points at it; rows in range kept",
            old: integerKeys("int64"), new: integerKeys("int32"), checks: integerKeyChecks, extraSeed: integerKeyRows),
        MigrationScenario(
            name: "the key column renamed (id → note_id): the rows, links and references to it kept",
            old: base.merging(["tags": "name: tags\nfields:\n  label: { type: string, required: true }\n  note: { type: ref, to: notes }\n"]) { a, _ in a },
            new: notes(MigrationSchemas.baseFields, extra: "id: { type: uuid, column: note_id }\n")
                .merging(["tags": "name: tags\nfields:\n  label: { type: string, required: true }\n  note: { type: ref, to: notes }\n"]) { a, _ in a },
            checks: [keptNote, ("SELECT note_id FROM notes;", [[note]]), ("SELECT count(*) FROM notes_readers;", [["1"]])]),
        MigrationScenario(
            name: "create a collection and a join table, drop a join table",
            old: base,
            new: notes(MigrationSchemas.baseFields.replacingOccurrences(of: "  readers: { type: refs, to: users }", with: "  watchers: { type: refs, to: users }"))
                .merging(["tags": "name: tags\nfields:\n  label: { type: string, required: true }\n  notes: { type: refs, to: notes }\naccess:\n  read: [authenticated]\n"]) { a, _ in a },
            checks: [keptNote, ("SELECT count(*) FROM notes_watchers;", [["0"]])]),
        MigrationScenario(
            name: "drop a collection",
            old: base.merging(["tags": "name: tags\nfields:\n  label: { type: string, required: true }\n  note: { type: ref, to: notes }\n"]) { a, _ in a },
            new: base,
            checks: [keptNote]),
        MigrationScenario(
            name: "add, drop and alter columns: type, nullability, default",
            old: notes(MigrationSchemas.baseFields + "\n  extra: { type: string }"),
            new: notes(MigrationSchemas.baseFields
                .replacingOccurrences(of: "body: { type: text }", with: "body: { type: text, required: true, default: none }")
                .replacingOccurrences(of: "score: { type: int }", with: "score: { type: double }")
                .replacingOccurrences(of: "default: blue", with: "default: red")
                .replacingOccurrences(of: "default: draft", with: "default: published")
                + "\n  priority: { type: int, required: true, default: 0 }\n  summary: { type: string, maxLength: 50 }"),
            checks: [keptNote, ("SELECT CAST(score AS INTEGER), priority, settings_color FROM notes;", [["7", "0", "green"]])]),
        MigrationScenario(
            name: "make a field required with a default: rows without a value get it",
            old: notes(MigrationSchemas.baseFields + "\n  extra: { type: string }"),
            new: notes(MigrationSchemas.baseFields + "\n  extra: { type: string, required: true, default: none }"),
            checks: [keptNote, ("SELECT extra FROM notes;", [["none"]])]),
        MigrationScenario(
            name: "SQLite alters in place: a nullable column and one with a constant default added, a column renamed",
            old: base,
            new: notes(MigrationSchemas.baseFields
                .replacingOccurrences(of: "body: { type: text }", with: "content: { type: text, renamedFrom: body }")
                + "\n  summary: { type: string }\n  rank: { type: int, required: true, default: 3 }"),
            checks: [("SELECT title, content, coalesce(summary, '-'), rank FROM notes;", [["Hello world", "Body text", "-", "3"]])],
            inPlaceOnSQLite: true),
        MigrationScenario(
            name: "add and drop indexes and constraints",
            old: base,
            new: notes(MigrationSchemas.baseFields
                .replacingOccurrences(of: "title: { type: string, required: true, maxLength: 200 }", with: "title: { type: string, required: true, maxLength: 300, unique: true }")
                .replacingOccurrences(of: "score: { type: int }", with: "score: { type: int, min: 0 }"),
                indexes: "  - fields: [status]\n  - fields: [score]\n    where: { status: published }"),
            checks: [keptNote]),
        MigrationScenario(
            name: "enum values added, removed and renamed",
            old: base,
            new: notes(MigrationSchemas.baseFields
                .replacingOccurrences(of: "[draft, published, archived], default: draft",
                                      with: "[{ value: drafting, renamedFrom: draft }, published, hidden, review], default: drafting")),
            checks: [keptNote, ("SELECT status FROM notes;", [["drafting"]])]),
        MigrationScenario(
            name: "access rules: policies changed",
            old: base,
            new: notes(MigrationSchemas.baseFields, access: """
                  read: [{ owner: owner }, admin, authenticated]
                  create: [authenticated]
                  update: [{ owner: owner }, admin]
                  delete: [{ owner: owner }]
                """),
            checks: [keptNote]),
        MigrationScenario(
            name: "rename a collection, a field, an object and a refs field",
            old: base,
            new: notes(MigrationSchemas.baseFields
                .replacingOccurrences(of: "title: { type: string,", with: "heading: { renamedFrom: title, type: string,")
                .replacingOccurrences(of: "readers: { type: refs", with: "viewers: { renamedFrom: readers, type: refs")
                .replacingOccurrences(of: "  settings:\n", with: "  prefs:\n    renamedFrom: settings\n"),
                indexes: MigrationSchemas.baseIndexes.replacingOccurrences(of: "[title]", with: "[heading]"),
                name: "memos", extra: "renamedFrom: notes\n"),
            checks: [("SELECT heading, body, prefs_color FROM memos;", [["Hello world", "Body text", "green"]]),
                     ("SELECT memo_id, viewer_id FROM memos_viewers;", [[note, ann]])]),
        MigrationScenario(
            name: "TTL index and immutable field on a rebuilt table",
            old: base,
            new: notes(MigrationSchemas.baseFields.replacingOccurrences(of: "onDelete: cascade }", with: "onDelete: cascade, immutable: true }")
                + "\n  rating: { type: int }",
                indexes: MigrationSchemas.baseIndexes + "\n  - fields: [createdAt]\n    kind: ttl\n    expireAfter: 30d"),
            checks: [keptNote]),
        MigrationScenario(
            name: "lists to native arrays (storage: array): jsonb → text[] and bigint[], items exact, under a GIN index",
            old: notes(MigrationSchemas.baseFields + listFields(storage: false), indexes: MigrationSchemas.baseIndexes + listIndex),
            new: notes(MigrationSchemas.baseFields + listFields(storage: true), indexes: MigrationSchemas.baseIndexes + listIndex),
            checks: [keptNote],
            seedSQL: [.sqlite: jsonLists, .postgres: jsonLists],
            postgresChecks: [("SELECT cardinality(tags), tags[1], tags[2], tags[4], tags[5], tags[6], scores[2], cardinality(scores) FROM notes;",
                              [["6", "a,b", #"say "hi""#, #"back\slash"#, "NULL", "", "-2", "2"]]),
                             ("SELECT count(*) FROM notes WHERE tags @> '{\"{x}\"}' AND codes = '{}';", [["1"]])],
            unchangedOnSQLite: true),
        MigrationScenario(
            name: "native arrays back to JSON lists: text[] and bigint[] → jsonb, items exact",
            old: notes(MigrationSchemas.baseFields + listFields(storage: true), indexes: MigrationSchemas.baseIndexes + listIndex),
            new: notes(MigrationSchemas.baseFields + listFields(storage: false), indexes: MigrationSchemas.baseIndexes + listIndex),
            checks: [keptNote],
            seedSQL: [.sqlite: jsonLists, .postgres: #"UPDATE notes SET tags = '{"a,b","say \"hi\"","{x}","back\\slash","NULL",""}', scores = '{1,-2}', codes = '{}';"#],
            postgresChecks: [("SELECT tags::text, scores::text, codes::text FROM notes;",
                              [[#"["a,b", "say \"hi\"", "{x}", "back\\slash", "NULL", ""]"#, "[1, -2]", "[]"]])],
            unchangedOnSQLite: true),
    ]

    /// A list of strings (optional), of integers (required, with a default) and an empty one.
    static func listFields(storage: Bool) -> String {
        let option = storage ? ", storage: array" : ""
        return "\n  tags: { type: \"string[]\"\(option) }\n  scores: { type: \"int[]\"\(option), required: true, default: [] }"
            + "\n  codes: { type: \"uuid[]\"\(option) }"
    }

    static let listIndex = "\n  - fields: [tags]\n    kind: json"

    static let jsonLists = #"UPDATE notes SET tags = '["a,b", "say \"hi\"", "{x}", "back\\slash", "NULL", ""]', scores = '[1, -2]', codes = '[]';"#
}

@Suite("Migrations on real databases")
struct MigrationTests {
    @Test(arguments: MigrationScenario.all)
    func sqlite(_ scenario: MigrationScenario) async throws {
        try await run(scenario, .sqlite)
    }

    @Test(.postgres, arguments: MigrationScenario.all)
    func postgres(_ scenario: MigrationScenario) async throws {
        try await run(scenario, .postgres)
    }

    /// Builds the old schema, inserts rows, applies the migration; the catalog must equal that
    /// of a database built from the new DDL, and the rows must have survived.
    private func run(_ scenario: MigrationScenario, _ dialect: SQLDialect) async throws {
        let old = try MigrationSchemas.resolve(scenario.old)
        let new = try MigrationSchemas.resolve(scenario.new)
        let (sql, _) = try MigrationSchemas.migration(from: old, to: new, dialect)
        if dialect == .sqlite, scenario.inPlaceOnSQLite {
            #expect(!sql.contains("rebuilds the table") && !sql.contains("PRAGMA foreign_keys"), "\(sql)")
            #expect(sql.contains("ALTER TABLE notes ADD COLUMN summary TEXT;") && sql.contains("ALTER TABLE notes RENAME COLUMN body TO content;"), "\(sql)")
        }
        try await withFreshDatabase(dialect, applying: nil) { migrated in
            try await migrated.execute(MigrationSchemas.ddl(old, dialect))
            try await migrated.execute(MigrationScenario.seed + scenario.extraSeed)
            if let more = scenario.seedSQL[dialect] { try await migrated.execute(more) }
            if dialect == .sqlite, scenario.unchangedOnSQLite {
                #expect(sql.contains("Nothing changes on SQLite") && !sql.contains("ALTER TABLE"), "\(sql)")
            }
            do {
                try await migrated.execute(sql)
            } catch {
                Issue.record("the migration failed: \(error)\n\(sql)")
                return
            }
            let after = try await catalog(of: migrated)
            let fresh = try await withFreshDatabase(dialect, applying: nil) { fresh in
                try await fresh.execute(MigrationSchemas.ddl(new, dialect))
                return try await catalog(of: fresh)
            }
            #expect(after.count > 5)
            if after != fresh {
                Issue.record("\(dialect.rawValue): the migrated catalog differs from a fresh one:\n\(catalogDifference(after, fresh))\n\(sql)")
            }
            for check in scenario.checks + (dialect == .postgres ? scenario.postgresChecks : []) {
                let rows = try await migrated.execute(check.query)
                #expect(rows == check.rows, "\(check.query) returned \(rows)")
            }
            #expect(try await migrated.value("SELECT version FROM schema_migrations;") == "2")
        }
    }

    /// The key a `within` reference points at is named after the target's key column
    /// (`albums_album_id_owner_id_key`); before, it was `albums_id_owner_id_key` whatever the column.
    /// A project generated then migrates to the new name: PostgreSQL renames the constraint,
    /// SQLite rebuilds the table (a constraint's name is part of its CREATE TABLE), rows kept.
    @Test(arguments: [SQLDialect.sqlite, .postgres])
    func withinKeyTakesItsKeyColumnsName(_ dialect: SQLDialect) async throws {
        if dialect == .postgres, !PostgresSetting.current.testsAreEnabled { return }
        let files = MigrationScenario.base.merging([
            "albums": "name: albums\nid: { type: int64, column: album_id }\nreferenceColumns: idSuffix\nfields:\n  title: { type: string, required: true }\n"
                + "  owner: { type: ref, to: users, required: true, onDelete: cascade }\n"
                + "  sequelOf: { type: ref, to: albums, onDelete: setNull, within: owner }\n",
        ]) { a, _ in a }
        let schema = try MigrationSchemas.resolve(files)
        let newName = "albums_album_id_owner_id_key", oldName = "albums_id_owner_id_key"
        let ddl = MigrationSchemas.ddl(schema, dialect)
        #expect(ddl.contains("CONSTRAINT \(newName) UNIQUE (album_id, owner_id)"), "\(ddl)")
        #expect(!ddl.contains(oldName))
        // The snapshot and DDL the old name came with.
        var old = SchemaSnapshot.of(schema)
        for keyPath in [\SchemaSnapshot.sqlite, \SchemaSnapshot.postgres] {
            for table in old[keyPath: keyPath].tables.indices {
                for constraint in old[keyPath: keyPath].tables[table].constraints.indices
                where old[keyPath: keyPath].tables[table].constraints[constraint].name == newName {
                    old[keyPath: keyPath].tables[table].constraints[constraint].name = oldName
                }
            }
        }
        #expect(old != SchemaSnapshot.of(schema))
        let plan = try MigrationPlanner.plan(from: old, to: schema, snapshotPath: "Generated/Migrations/snapshot.json")
        let sql = Renderer.render(MigrationFilePlanner.plan(plan, version: 2, name: "test"), with: .embedded())
            .first { $0.path.hasPrefix("Migrations/\(dialect.rawValue)/") }!.contents
        if dialect == .postgres {
            #expect(sql.contains("ALTER TABLE albums RENAME CONSTRAINT \(oldName) TO \(newName);"), "\(sql)")
        }
        try await withFreshDatabase(dialect, applying: nil) { migrated in
            try await migrated.execute(ddl.replacingOccurrences(of: newName, with: oldName))
            try await migrated.execute(MigrationScenario.seed + """
                INSERT INTO albums (album_id, title, owner_id) VALUES (1, 'First', '\(MigrationScenario.ann)');
                INSERT INTO albums (album_id, title, owner_id, sequel_of_id) VALUES (2, 'Second', '\(MigrationScenario.ann)', 1);
                """)
            try await migrated.execute(sql)
            let fresh = try await withFreshDatabase(dialect, applying: nil) { fresh in
                try await fresh.execute(ddl)
                return try await catalog(of: fresh)
            }
            let after = try await catalog(of: migrated)
            if after != fresh {
                Issue.record("\(dialect.rawValue): the migrated catalog differs from a fresh one:\n\(catalogDifference(after, fresh))\n\(sql)")
            }
            #expect(after.contains { $0.contains(newName) } && !after.contains { $0.contains(oldName) })
            #expect(try await migrated.execute("SELECT album_id, coalesce(sequel_of_id, 0) FROM albums ORDER BY album_id;") == [["1", "0"], ["2", "1"]])
        }
    }

    /// A uuid field that becomes a reference, and a reference whose delete rule changes: on
    /// PostgreSQL both foreign keys are added NOT VALID in the migration's transaction and
    /// validated after its COMMIT. On rows that satisfy them the migration ends with both keys
    /// valid (the catalog of a fresh database); a row pointing at nothing fails the migration at
    /// its VALIDATE, saying which key and row, and leaves the migration applied with that key NOT
    /// VALID (already checking new rows) until the row is fixed and the VALIDATE run by hand.
    @Test(.postgres, arguments: [false, true])
    func foreignKeysAddedToTablesWithRowsAreValidatedAfterCommit(_ violating: Bool) async throws {
        let old = try MigrationSchemas.resolve(MigrationScenario.notes(MigrationSchemas.baseFields + "\n  editor: { type: uuid }"))
        let new = try MigrationSchemas.resolve(MigrationScenario.notes(
            MigrationSchemas.baseFields.replacingOccurrences(of: "onDelete: cascade }", with: "onDelete: restrict }")
                + "\n  editor: { type: ref, to: users }"))
        let (sql, _) = try MigrationSchemas.migration(from: old, to: new, .postgres)
        let parts = sql.components(separatedBy: "\nCOMMIT;\n")
        try #require(parts.count == 2, "\(sql)")
        #expect(parts[0].contains("ALTER TABLE notes ADD CONSTRAINT notes_editor_fkey FOREIGN KEY (editor) REFERENCES users (id) ON DELETE SET NULL NOT VALID;"), "\(sql)")
        #expect(parts[0].contains("ALTER TABLE notes ADD CONSTRAINT notes_owner_fkey FOREIGN KEY (owner) REFERENCES users (id) ON DELETE RESTRICT NOT VALID;"), "\(sql)")
        #expect(parts[1].contains("ALTER TABLE notes VALIDATE CONSTRAINT notes_editor_fkey;") && parts[1].contains("ALTER TABLE notes VALIDATE CONSTRAINT notes_owner_fkey;"), "\(sql)")
        let stray = "00000000-0000-4000-8000-0000000000ff"
        try await withFreshDatabase(.postgres, applying: nil) { migrated in
            try await migrated.execute(MigrationSchemas.ddl(old, .postgres))
            try await migrated.execute(MigrationScenario.seed + "UPDATE notes SET editor = '\(violating ? stray : MigrationScenario.ann)';")
            let validated = "SELECT conname, convalidated FROM pg_constraint WHERE conname IN ('notes_editor_fkey', 'notes_owner_fkey') ORDER BY 1;"
            if violating {
                await migrated.expectRejected(sql, saying: """
                    ERROR:  insert or update on table "notes" violates foreign key constraint "notes_editor_fkey"
                    DETAIL:  Key (editor)=(\(stray)) is not present in table "users".
                    """)
                #expect(try await migrated.value("SELECT version FROM schema_migrations;") == "2", "the transaction committed")
                #expect(try await migrated.execute(validated).contains(["notes_editor_fkey", "f"]))
                // NOT VALID still holds new rows.
                await migrated.expectRejected("""
                    INSERT INTO notes (id, title, owner, editor) VALUES ('\(UUID().uuidString.lowercased())', 'New', '\(MigrationScenario.ann)', '\(stray)');
                    """, because: .foreignKey("notes_editor_fkey"))
                // The row fixed, the VALIDATE by hand.
                try await migrated.execute("UPDATE notes SET editor = NULL;\nALTER TABLE notes VALIDATE CONSTRAINT notes_editor_fkey;")
            } else {
                try await migrated.execute(sql)
            }
            #expect(try await migrated.execute(validated) == [["notes_editor_fkey", "t"], ["notes_owner_fkey", "t"]])
            let fresh = try await withFreshDatabase(.postgres, applying: nil) { fresh in
                try await fresh.execute(MigrationSchemas.ddl(new, .postgres))
                return try await catalog(of: fresh)
            }
            let after = try await catalog(of: migrated)
            if after != fresh {
                Issue.record("the migrated catalog differs from a fresh one:\n\(catalogDifference(after, fresh))\n\(sql)")
            }
            #expect(try await migrated.execute("SELECT title, coalesce(editor::text, '-') FROM notes;") == [["Hello world", violating ? "-" : MigrationScenario.ann]])
        }
    }

    /// The first migration of the studio schemas builds what Generated/SQL builds.
    @Test(arguments: [SQLDialect.sqlite, .postgres])
    func firstMigrationOfTheStudioSchemasIsTheFullSchema(_ dialect: SQLDialect) async throws {
        if dialect == .postgres, !PostgresSetting.current.testsAreEnabled { return }
        let schema = try Fixture.studio.schema()
        let (sql, plan) = try MigrationSchemas.migration(from: nil, to: schema, dialect, version: 1)
        #expect(plan.findings.isEmpty)
        let migrated = try await withFreshDatabase(dialect, applying: nil) { database in
            try await database.execute(sql)
            return try await catalog(of: database)
        }
        let fresh = try await withFreshDatabase(dialect, applying: .studio) { try await catalog(of: $0) }
        if migrated != fresh {
            Issue.record("the first migration's catalog differs from Generated/SQL's:\n\(catalogDifference(migrated, fresh))")
        }
        #expect(migrated.count > 50)
    }
}
