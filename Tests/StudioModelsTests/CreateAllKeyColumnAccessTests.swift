import Foundation
import KitchenSinkModels
import SchemaRuntime
import Testing

/// `createAll`'s batched access check through a reference to an integer key in a column of its
/// own name (KitchenSink's reviews, owned through `album.owner`, `albums.album_id`): the list of
/// start values the check sends is of int64s, on both engines.
@Suite("createAll: access checks of a batch through an int64 key column", .serialized)
struct CreateAllKeyColumnAccessTests {
    @Test("someone else's album anywhere in the batch: forbidden, nothing inserted; one check for the batch",
          arguments: Backend.available)
    func reviewsOfSomeoneElsesAlbum(_ backend: Backend) async throws {
        try await KeyColumnTests.withAlbums(backend) { system, _, albums, reviews in
            let alice = KeyColumnTests.caller(KeyColumnTests.alice)
            let bob = KeyColumnTests.caller(KeyColumnTests.bob)
            _ = try await albums.createAll([1, 2, 3].map { Album(id: $0, title: "A\($0)", owner: KeyColumnTests.alice) }, as: alice)
            _ = try await albums.create(Album(id: 9, title: "Bob's", owner: KeyColumnTests.bob), as: bob)
            let allowed = (0..<9).map { Review(album: Album.ID(1 + $0 % 3), stars: 4) }
            for position in [0, 4, allowed.count] {
                var records = allowed
                records.insert(Review(album: 9, stars: 1), at: position)
                await #expect(throws: RepositoryError.forbidden(collection: "reviews", operation: "create")) {
                    try await reviews.createAll(records, as: alice)
                }
                #expect(try await system.query("SELECT count(*) FROM reviews", [])[0].int(0) == 0)
            }
            let counter = StatementCounter(reviews.database)
            #expect(try await ReviewRepository(counter).createAll(allowed, as: alice).count == allowed.count)
            #expect(counter.statements.filter { !$0.hasPrefix("INSERT") }.count == 1)
            #expect(try await system.query("SELECT count(*) FROM reviews", [])[0].int(0) == allowed.count)
        }
    }
}
