import Foundation
import KitchenSinkModels
import SchemaRuntime
import Testing

/// KitchenSink's genres (`id: { type: int32, column: genre_id }`) and tracks (`id: int32`, with
/// `onDelete: noAction` references) on both engines: 32-bit keys stored as `integer`, the same
/// `IntegerID` in Swift, held to their range by the database; and `ON DELETE NO ACTION`, which
/// refuses to delete a referenced record unless the statement also removes what points at it.
@Suite("int32 keys and onDelete: noAction", .serialized)
struct Int32KeyTests {
    static let alice = KeyTypesTests.alice
    static let bob = KeyTypesTests.bob

    static func caller(_ account: Account.ID) -> AccessContext { .user(account.rawValue, role: "member") }

    /// A database with three accounts; `body` gets the system executor and the repositories of
    /// the application's executor (the NOBYPASSRLS role on PostgreSQL).
    static func withTracks(_ backend: Backend,
                           _ body: (any DatabaseExecutor, GenreRepository, TrackRepository) async throws -> Void) async throws {
        try await KeyTypesTests.withKeys(backend) { system, parts, _ in
            try await body(system, GenreRepository(parts.database), TrackRepository(parts.database))
        }
    }

    @Test("int32 keys and the columns that point at them are integer; CRUD, links, finders and pages by them",
          arguments: Backend.available)
    func crudAndColumnTypes(_ backend: Backend) async throws {
        try await Self.withTracks(backend) { system, genres, tracks in
            let alice = Self.caller(Self.alice)
            try await genres.create(Genre(id: 7, name: "Jazz", owner: Self.alice), as: alice)
            try await genres.create(Genre(id: Genre.ID(rawValue: Int64(Int32.max)), name: "Blues", owner: Self.alice), as: alice)
            let created = try await tracks.createAll([
                Track(id: 30, title: "So What", owner: Self.alice, genre: 7, moods: [Genre.ID(rawValue: Int64(Int32.max)), 7]),
                Track(id: 4, title: "Freddie Freeloader", owner: Self.alice, genre: 7, follows: 30),
            ], as: alice)
            #expect(created.map(\.id) == [30, 4])
            #expect(try await tracks.get(30, as: alice).moods == [Genre.ID(rawValue: Int64(Int32.max)), 7])
            #expect(try await tracks.find(follows: 30, as: alice).items.map(\.id) == [4])
            #expect(try await tracks.find(mood: 7, as: alice).items.map(\.id) == [30])
            #expect(try await tracks.list(where: { $0.id < 10 }, as: alice).items.map(\.id) == [4])
            #expect(try await tracks.list(as: alice).items.map(\.id) == [4, 30])
            let renamed = try await tracks.update(4, as: alice) { $0.title = "Freddie" }
            #expect(renamed.id == 4 && renamed.title == "Freddie")

            // The column types: integer on PostgreSQL (key, references, join table), INTEGER on SQLite.
            if backend == .postgres {
                let types = try await system.query("""
                    SELECT table_name || '.' || column_name, data_type FROM information_schema.columns
                    WHERE table_name IN ('genres', 'tracks', 'tracks_moods')
                      AND column_name IN ('genre_id', 'id', 'follows_id', 'track_id', 'mood_id')
                    ORDER BY 1
                    """, [])
                #expect(try types.map { "\(try $0.string(0)) \(try $0.string(1))" } == [
                    "genres.genre_id integer", "tracks.follows_id integer", "tracks.genre_id integer", "tracks.id integer",
                    "tracks_moods.mood_id integer", "tracks_moods.track_id integer",
                ])
            } else {
                let types = try await system.query("SELECT name, type FROM pragma_table_info('genres') WHERE pk = 1", [])
                #expect(try types.map { "\(try $0.string(0)) \(try $0.string(1))" } == ["genre_id INTEGER"])
            }

            // A key outside 32 bits fails validation, and the database refuses it too (integer out
            // of range; SQLite's CHECK).
            let tooBig = Genre.ID(rawValue: Int64(Int32.max) + 1)
            #expect(Genre(id: tooBig, name: "Too big", owner: Self.alice).validationIssues().map(\.path.description) == ["id"])
            await #expect(throws: (any Error).self) {
                try await genres.create(Genre(id: tooBig, name: "Too big", owner: Self.alice), as: alice)
            }
            await #expect(throws: (any Error).self) {
                try await system.execute("INSERT INTO genres (genre_id, name, owner, created_at, updated_at) SELECT 2147483648, name, owner, created_at, updated_at FROM genres WHERE genre_id = 7", [])
            }
            #expect(try await genres.find(tooBig, as: alice) == nil)
            #expect(try await genres.count(as: alice) == 2)

            // Deleting a track another follows fails (NO ACTION); the follower first, then it.
            await #expect(throws: (any Error).self) { try await tracks.delete(30, as: alice) }
            try await tracks.delete(4, as: alice)
            try await tracks.delete(30, as: alice)
            #expect(try await tracks.count(as: alice) == 0)
        }
    }

    @Test("another owner can't read, change or delete through a guessed int32 key", arguments: Backend.available)
    func guessedKeys(_ backend: Backend) async throws {
        try await Self.withTracks(backend) { _, genres, tracks in
            let alice = Self.caller(Self.alice), bob = Self.caller(Self.bob)
            try await genres.create(Genre(id: 1, name: "Private", owner: Self.alice), as: alice)
            try await tracks.create(Track(id: 1, title: "Demo", owner: Self.alice, genre: 1), as: alice)
            #expect(try await genres.find(1, as: bob) == nil)
            #expect(try await tracks.find(1, as: bob) == nil)
            #expect(try await tracks.list(where: { $0.id == 1 }, as: bob).items.isEmpty)
            await #expect(throws: RepositoryError.self) { try await tracks.update(1, as: bob) { $0.title = "Mine" } }
            await #expect(throws: RepositoryError.self) { try await tracks.delete(1, as: bob) }
            await #expect(throws: RepositoryError.self) { try await genres.delete(1, as: bob) }
            await #expect(throws: RepositoryError.self) { try await tracks.addMood(1, to: 1, as: bob) }
            // Nothing of alice's changed.
            #expect(try await tracks.get(1, as: alice).title == "Demo")
            #expect(try await genres.get(1, as: alice).name == "Private")
        }
    }

    @Test("onDelete: noAction refuses to delete a referenced genre, on both engines", arguments: Backend.available)
    func noActionRefusesTheDelete(_ backend: Backend) async throws {
        try await Self.withTracks(backend) { system, genres, tracks in
            let alice = Self.caller(Self.alice)
            try await genres.create(Genre(id: 1, name: "Jazz", owner: Self.alice), as: alice)
            try await tracks.create(Track(id: 1, title: "So What", owner: Self.alice, genre: 1), as: alice)
            await #expect(throws: (any Error).self) { try await genres.delete(1, as: alice) }
            #expect(try await genres.find(1, as: alice) != nil)
            await #expect(throws: (any Error).self) { try await system.execute("DELETE FROM genres WHERE genre_id = 1", []) }
            let rule = backend == .postgres
                ? try await system.query("SELECT confdeltype::text FROM pg_constraint WHERE conname = 'tracks_genre_id_fkey'", []).map { try $0.string(0) }
                : try await system.query("SELECT on_delete FROM pragma_foreign_key_list('tracks') WHERE \"from\" = 'genre_id'", []).map { try $0.string(0) }
            #expect(rule == [backend == .postgres ? "a" : "NO ACTION"])
            // Once no track points at it, the genre goes.
            try await tracks.delete(1, as: alice)
            try await genres.delete(1, as: alice)
            #expect(try await genres.count(as: alice) == 0)
        }
    }

    @Test("noAction checks at the end of the statement: what the same statement removes or puts back counts",
          arguments: Backend.available)
    func noActionChecksAtTheEndOfTheStatement(_ backend: Backend) async throws {
        try await Self.withTracks(backend) { system, genres, tracks in
            let alice = Self.caller(Self.alice)
            try await genres.create(Genre(id: 1, name: "Jazz", owner: Self.alice), as: alice)
            try await tracks.createAll([
                Track(id: 1, title: "One", owner: Self.alice, genre: 1),
                Track(id: 2, title: "Two", owner: Self.alice, genre: 1, follows: 1),
                Track(id: 3, title: "Three", owner: Self.alice, genre: 1, follows: 2),
            ], as: alice)
            switch backend {
            case .sqlite:
                // Deleting the whole chain in one statement: track 1 goes while 2 still follows it,
                // which RESTRICT refuses at once; NO ACTION looks when the statement ends.
                #expect(try await system.execute("DELETE FROM tracks", []) == 3)
                #expect(try await tracks.count(as: alice) == 0)
                // With foreign keys deferred, the check waits for COMMIT: the genre goes first.
                try await tracks.create(Track(id: 1, title: "One", owner: Self.alice, genre: 1), as: alice)
                try await system.transaction(as: .system) { db in
                    _ = try await db.execute("PRAGMA defer_foreign_keys = ON", [])
                    _ = try await db.execute("DELETE FROM genres WHERE genre_id = 1", [])
                    _ = try await db.execute("DELETE FROM tracks WHERE genre_id = 1", [])
                }
                #expect(try await genres.count(as: alice) == 0)
            case .postgres:
                // A statement that deletes the genre and puts back one with the same key: NO ACTION
                // finds the tracks' genre there when the statement ends (RESTRICT would refuse).
                let replaced = try await system.execute("""
                    WITH gone AS (DELETE FROM genres WHERE genre_id = 1 RETURNING genre_id, owner)
                    INSERT INTO genres (genre_id, name, owner) SELECT genre_id, 'Modal jazz', owner FROM gone
                    """, [])
                #expect(replaced == 1)
                #expect(try await genres.get(1, as: alice).name == "Modal jazz")
                #expect(try await tracks.count(as: alice) == 3)
                // Without putting it back, the statement fails and the genre stays.
                await #expect(throws: (any Error).self) {
                    try await system.execute("WITH gone AS (DELETE FROM genres WHERE genre_id = 1 RETURNING 1) SELECT count(*) FROM gone", [])
                }
                #expect(try await genres.find(1, as: alice) != nil)
            }
        }
    }
}
