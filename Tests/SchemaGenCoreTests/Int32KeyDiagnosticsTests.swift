import Testing
@testable import SchemaGenCore

/// `id: int32` and `onDelete: noAction`: what they resolve to, the DDL they give on both engines,
/// and where a mistake in them is reported.
@Suite("int32 keys and onDelete: noAction")
struct Int32KeyDiagnosticsTests: SchemaTestSupport {
    static let files = [
        ("schemas/a.yaml", """
         name: genres
         id: { type: int32, column: genre_id }
         fields:
           name: { type: string, required: true }
         """),
        ("schemas/b.yaml", """
         name: tracks
         id: int32
         fields:
           genre: { type: ref, to: genres, required: true, onDelete: noAction }
           moods: { type: refs, to: genres }
         """),
    ]

    static func sql(_ engine: String) throws -> String {
        try #require(try Pipeline.generate(files.map { SchemaSource(path: $0.0, contents: $0.1) })
            .first { $0.path == "SQL/\(engine).sql" }).contents
    }

    @Test func anInt32KeyAndWhatPointsAtItAreInteger() throws {
        let schema = try resolved(Self.files)
        #expect(schema.collection(named: "genres")?.keyType == .int32 && schema.collection(named: "tracks")?.keyType == .int32)
        let postgres = try Self.sql("postgres")
        #expect(postgres.contains("genre_id integer NOT NULL, -- id"))
        #expect(postgres.contains("    id integer NOT NULL, -- id"))
        #expect(postgres.contains("genre integer NOT NULL, -- genre"))
        #expect(postgres.contains("track_id integer NOT NULL,") && postgres.contains("mood_id integer NOT NULL,"))
        #expect(!postgres.contains("bigint"))
        let sqlite = try Self.sql("sqlite")
        #expect(sqlite.contains("genre_id INTEGER NOT NULL, -- id"))
        #expect(sqlite.contains("CONSTRAINT genres_genre_id_check CHECK (genre_id BETWEEN -2147483648 AND 2147483647)"))
        #expect(sqlite.contains("CONSTRAINT tracks_id_check CHECK (id BETWEEN -2147483648 AND 2147483647)"))
    }

    @Test func noActionIsOnDeleteNoActionOnBothEngines() throws {
        #expect(try Self.sql("postgres").contains("FOREIGN KEY (genre) REFERENCES genres (genre_id) ON DELETE NO ACTION"))
        #expect(try Self.sql("sqlite").contains("FOREIGN KEY (genre) REFERENCES genres (genre_id) ON DELETE NO ACTION"))
    }

    @Test func aMisspelledKeyTypeOrRuleGetsTheSpelling() {
        #expect(diagnostics("""
            name: items
            id: int23
            fields:
              title: string
            """) == [
            error("unknown id type 'int23'", 2, 5, notes: [hint("did you mean 'int32'?")]),
        ])
        #expect(diagnostics([("schemas/a.yaml", "name: genres\nfields:\n  name: string\n"), ("schemas/b.yaml", """
            name: tracks
            fields:
              genre: { type: ref, to: genres, onDelete: noaction }
            """)]) == [
            error("unknown onDelete rule 'noaction'", 3, 45, in: "schemas/b.yaml", notes: [hint("did you mean 'noAction'?")]),
        ])
    }
}
