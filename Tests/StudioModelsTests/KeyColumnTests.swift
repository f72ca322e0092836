import Foundation
import KitchenSinkModels
import SchemaRuntime
import Testing

/// KitchenSink's labels (`id: { type: string, maxLength: 40, column: label_code }`), albums
/// (`id: { type: int64, column: album_id }`) and reviews (`id: { type: uuid, column: review_id }`)
/// on both engines: the Swift property is `id`, the table's key column is its own name, and every
/// statement the repositories and the policies run goes through it.
@Suite("Key columns with their own name", .serialized)
struct KeyColumnTests {
    static let alice = KeyTypesTests.alice
    static let bob = KeyTypesTests.bob
    static let carol = KeyTypesTests.carol

    static func caller(_ account: Account.ID) -> AccessContext { .user(account.rawValue, role: "member") }

    /// A database with three accounts; `body` gets the system executor and the repositories of
    /// the application's executor (the NOBYPASSRLS role on PostgreSQL).
    static func withAlbums(_ backend: Backend,
                           _ body: (any DatabaseExecutor, LabelRepository, AlbumRepository, ReviewRepository) async throws -> Void) async throws {
        try await KeyTypesTests.withKeys(backend) { system, parts, _ in
            try await body(system, LabelRepository(parts.database), AlbumRepository(parts.database), ReviewRepository(parts.database))
        }
    }

    @Test("the key lives in album_id, label_code and review_id: no id column; create, find, update, delete by it",
          arguments: Backend.available)
    func crudThroughTheKeyColumn(_ backend: Backend) async throws {
        try await Self.withAlbums(backend) { system, labels, albums, reviews in
            let alice = Self.caller(Self.alice)
            let label = try await labels.create(Label(id: "blue-note", name: "Blue Note", owner: Self.alice), as: alice)
            #expect(label.id == "blue-note")
            let album = try await albums.create(Album(id: 1955, title: "Blue Train", owner: Self.alice, label: "blue-note"), as: alice)
            let review = try await reviews.create(Review(album: album.id, stars: 5), as: alice)

            // The rows are keyed by the columns the schema names.
            let stored = try await system.query("SELECT album_id, label_id FROM albums", [])
            #expect(try stored.map { try $0.integer(Int64.self, 0) } == [1955])
            #expect(try stored.map { try $0.string(1) } == ["blue-note"])
            #expect(try await system.query("SELECT label_code FROM labels", []).map { try $0.string(0) } == ["blue-note"])
            #expect(try await system.query("SELECT review_id FROM reviews", []).map { try $0.uuid(0) } == [review.id.rawValue])
            await #expect(throws: (any Error).self) { try await system.query("SELECT id FROM albums", []) }

            #expect(try await albums.get(1955, as: alice) == album)
            #expect(try await reviews.get(review.id, as: alice).album == 1955)
            let renamed = try await albums.update(1955, as: alice) { $0.title = "Blue Train (mono)" }
            #expect(renamed.title == "Blue Train (mono)" && renamed.id == 1955)
            var whole = renamed
            whole.title = "Blue Train"
            #expect(try await albums.update(whole, as: alice).title == "Blue Train")
            _ = try await labels.update("blue-note", as: alice) { $0.name = "Blue Note Records" }
            #expect(try await labels.get("blue-note", as: alice).name == "Blue Note Records")

            // Soft delete and restore find the row by album_id; purge cascades to the review.
            try await albums.delete(1955, as: alice)
            #expect(try await albums.find(1955, as: alice) == nil)
            #expect(try await albums.find(1955, includingDeleted: true, as: alice) != nil)
            try await albums.restore(1955, as: alice)
            #expect(try await albums.find(1955, as: alice) != nil)
            try await albums.purge(1955, as: alice)
            #expect(try await reviews.find(review.id, as: alice) == nil)
            // Deleting the label through label_code.
            try await labels.delete("blue-note", as: alice)
            #expect(try await labels.count(as: alice) == 0)
        }
    }

    @Test("references, links, finders, filters, pages and includes join on the key columns",
          arguments: Backend.available)
    func referencesPagesAndIncludes(_ backend: Backend) async throws {
        try await Self.withAlbums(backend) { _, labels, albums, reviews in
            let alice = Self.caller(Self.alice)
            try await labels.create(Label(id: "impulse", name: "Impulse!", owner: Self.alice), as: alice)
            // Keys that sort differently as numbers and as text.
            let keys: [Album.ID] = [100, 2, 10, 1, 30]
            let created = try await albums.createAll(keys.map { Album(id: $0, title: "A\($0)", owner: Self.alice, label: "impulse") }, as: alice)
            #expect(created.map(\.id) == keys)
            try await albums.update(10, as: alice) { $0.sequelOf = 2 }
            try await albums.addGuest(Self.bob, to: 10, as: alice)
            try await albums.addGuest(Self.carol, to: 10, as: alice)
            try await albums.removeGuest(Self.bob, from: 10, as: alice)
            #expect(try await albums.get(10, as: alice).guests == [Self.carol])
            for stars in [Int16(4), 5] { try await reviews.create(Review(album: 2, stars: stars), as: alice) }

            #expect(try await albums.find(label: "impulse", as: alice).items.map(\.id) == [1, 2, 10, 30, 100])
            #expect(try await albums.find(sequelOf: 2, as: alice).items.map(\.id) == [10])
            #expect(try await albums.find(guest: Self.carol, as: alice).items.map(\.id) == [10])
            #expect(try await albums.list(where: { $0.id > 5 }, as: alice).items.map(\.id) == [10, 30, 100])
            #expect(try await reviews.find(album: 2, as: alice).items.count == 2)

            var seen: [Album.ID] = []
            var page = try await albums.list(page: PageRequest(size: 2), as: alice)
            seen += page.items.map(\.id)
            while let next = page.next {
                page = try await albums.list(page: PageRequest(size: 2, after: next), as: alice)
                seen += page.items.map(\.id)
            }
            #expect(seen == [1, 2, 10, 30, 100])
            // Typed pages sorted by the key, forward and back (the cursor holds album_id).
            func typed(_ request: PageRequest) async throws -> Page<Album> {
                try await albums.list(where: { $0.id >= 1 }, page: request, as: alice)
            }
            let first = try await typed(PageRequest(size: 2))
            var current = try await typed(PageRequest(size: 2, after: try #require(first.next)))
            #expect(current.items.map(\.id) == [10, 30])
            current = try await typed(PageRequest(size: 2, before: try #require(current.previous)))
            #expect(current.items.map(\.id) == [1, 2])

            let two = try #require(try await albums.find(2, including: [\.label, \.reviews, \.reviewsCount, \.albums], as: alice))
            #expect(two.label?.id == "impulse" && two.reviews.count == 2 && two.reviewsCount == 2 && two.albums.map(\.id) == [10])
            let ten = try #require(try await albums.find(10, including: [\.sequelOf, \.guests], as: alice))
            // The guest's account is not alice's to read (accounts: self or admin): the link stays, the
            // include leaves it out.
            #expect(ten.sequelOf?.id == 2 && ten.record.guests == [Self.carol] && ten.guests.isEmpty)

            // Deleting the label clears the albums' references (SET NULL on label_id → label_code).
            try await labels.purge("impulse", as: alice)
            #expect(try await albums.get(1, as: alice).label == nil)
        }
    }

    @Test("a sequel is an album of the same owner (within: owner): the repository refuses another's, and so does the key (album_id, owner_id) under raw SQL",
          arguments: Backend.available)
    func withinThroughTheKeyColumn(_ backend: Backend) async throws {
        try await Self.withAlbums(backend) { system, _, albums, _ in
            let alice = Self.caller(Self.alice), bob = Self.caller(Self.bob)
            try await albums.create(Album(id: 1, title: "First", owner: Self.alice), as: alice)
            try await albums.create(Album(id: 2, title: "Second", owner: Self.alice), as: alice)
            try await albums.create(Album(id: 3, title: "Bob's", owner: Self.bob), as: bob)
            #expect(try await albums.update(2, as: alice) { $0.sequelOf = 1 }.sequelOf == 1)
            await #expect(throws: RepositoryError.self) { try await albums.update(2, as: alice) { $0.sequelOf = 3 } }
            await #expect(throws: RepositoryError.self) { try await albums.update(3, as: bob) { $0.sequelOf = 1 } }
            // The system context skips the repositories' checks: the composite foreign key
            // (sequel_of_id, owner_id) → albums (album_id, owner_id) still refuses.
            let refused = await #expect(throws: DatabaseError.self) {
                try await system.execute("UPDATE albums SET sequel_of_id = 1 WHERE album_id = 3", [])
            }
            #expect(refused?.kind == .foreignKeyViolation)
            if backend == .postgres {
                #expect(refused?.constraint == "albums_sequel_of_id_scope_fkey")
                let key = try await system.query("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'albums_album_id_owner_id_key'", [])
                #expect(try key.map { try $0.string(0) } == ["UNIQUE (album_id, owner_id)"])
            } else {
                let table = try await system.query("SELECT sql FROM sqlite_master WHERE name = 'albums'", [])
                #expect(try table.first?.string(0).contains("CONSTRAINT albums_album_id_owner_id_key UNIQUE (album_id, owner_id)") == true)
            }
            #expect(try await albums.get(3, as: bob).sequelOf == nil)
        }
    }

    @Test("another owner can't read, change or delete through a guessed key column; a guest reads only",
          arguments: Backend.available)
    func guessedKeys(_ backend: Backend) async throws {
        try await Self.withAlbums(backend) { _, labels, albums, reviews in
            let alice = Self.caller(Self.alice), bob = Self.caller(Self.bob), carol = Self.caller(Self.carol)
            try await labels.create(Label(id: "secret", name: "Secret", owner: Self.alice), as: alice)
            try await albums.create(Album(id: 7, title: "Unreleased", owner: Self.alice, label: "secret", guests: [Self.carol]), as: alice)
            let review = try await reviews.create(Review(album: 7, stars: 3), as: alice)

            #expect(try await labels.find("secret", as: bob) == nil)
            #expect(try await albums.find(7, as: bob) == nil)
            #expect(try await albums.list(where: { $0.id == 7 }, as: bob).items.isEmpty)
            #expect(try await reviews.find(review.id, as: bob) == nil)
            await #expect(throws: RepositoryError.self) { try await albums.update(7, as: bob) { $0.title = "Mine" } }
            await #expect(throws: RepositoryError.self) { try await albums.delete(7, as: bob) }
            await #expect(throws: RepositoryError.self) { try await albums.purge(7, as: bob) }
            await #expect(throws: RepositoryError.self) { try await albums.addGuest(Self.bob, to: 7, as: bob) }
            await #expect(throws: RepositoryError.self) { try await labels.update("secret", as: bob) { $0.owner = Self.bob } }
            await #expect(throws: RepositoryError.self) { try await labels.delete("secret", as: bob) }
            await #expect(throws: RepositoryError.self) { try await reviews.update(review.id, as: bob) { $0.stars = 1 } }
            await #expect(throws: RepositoryError.self) { try await reviews.delete(review.id, as: bob) }
            // A review of someone else's album, found by its album_id, is not bob's to write.
            await #expect(throws: RepositoryError.self) { try await reviews.create(Review(album: 7, stars: 1), as: bob) }
            // A key that exists can't be taken over by a create either.
            await #expect(throws: RepositoryError.self) {
                try await albums.create(Album(id: 7, title: "Planted", owner: Self.bob), as: bob)
            }
            // The guest (a member rule through the join table's album_id) reads, and only reads.
            #expect(try await albums.find(7, as: carol)?.title == "Unreleased")
            await #expect(throws: RepositoryError.self) { try await albums.update(7, as: carol) { $0.title = "Carol's" } }
            #expect(try await albums.get(7, as: alice).title == "Unreleased")
            let counts = (try await reviews.count(as: alice), try await labels.count(as: alice))
            #expect(counts == (1, 1))
        }
    }
}
