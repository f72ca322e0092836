import Library
import SchemaRuntime
import SchemaRuntimeSQLite
import Testing

/// Records created and read through the generated repositories, on SQLite.
@Suite("Library on SQLite")
struct LibraryTests {
    @Test func membersAddAndReadBooks() async throws {
        let database = try SQLiteDatabase.inMemory(schema: DatabaseSchema.sqlite)
        let members = MemberRepository(database)
        let books = BookRepository(database)
        let ada = try await members.create(Member(email: "ada@example.com", name: "Ada"), as: .anonymous)
        let grace = try await members.create(Member(email: "grace@example.com", name: "Grace"), as: .anonymous)
        let librarian = try await members.create(Member(email: "lib@example.com", name: "Lib", role: .librarian), as: .system)

        let dune = try await books.create(Book(title: "Dune", genre: .sciFi, addedBy: ada.id), as: .member(ada))
        try await books.create(Book(title: "Solaris", genre: .sciFi, addedBy: ada.id, copies: 2), as: .member(ada))
        #expect(try await books.get(dune.id, as: .member(grace)) == dune)
        #expect(try await books.find(genre: .sciFi, as: .member(grace)).items.map(\.title) == ["Dune", "Solaris"])

        // Access rules: Grace may read but not change Ada's book; the librarian may; nobody
        // signed out reads anything.
        await #expect(throws: RepositoryError.forbidden(collection: "books", operation: "update")) {
            try await books.update(dune.id, as: .member(grace)) { $0.copies = 5 }
        }
        #expect(try await books.update(dune.id, as: .member(librarian)) { $0.copies = 5 }.copies == 5)
        #expect(try await books.find(dune.id, as: .anonymous) == nil)
        await #expect(throws: RepositoryError.forbidden(collection: "books", operation: "create")) {
            try await books.create(Book(title: "Forged", genre: .poetry, addedBy: ada.id), as: .member(grace))
        }
        #expect(try await members.find(ada.id, as: .member(grace)) == nil, "members see only themselves")

        // Validation: every broken rule with its path.
        do {
            try await books.create(Book(title: "", genre: .poetry, addedBy: grace.id, copies: 100), as: .member(grace))
            Issue.record("an invalid book was added")
        } catch RepositoryError.validationFailed(let error) {
            #expect(error.issues.map(\.path.description) == ["title", "copies"])
        }
    }
}
