import Foundation
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

    /// The schema across two versions: the app shipped with migration 1; the next version adds
    /// `books.isbn` (migration 2, in Sources/Library/Migrations, embedded by the build plugin).
    /// A database made by the first version keeps its rows when the second opens it.
    @Test func theSchemaEvolvesAcrossTwoVersionsWithRowsKept() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("library-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let migrations = DatabaseSchema.sqliteMigrations
        #expect(migrations.map(\.id) == ["0001_initial", "0002_add_isbn"])

        // Version 1: its own migration, rows written with its columns.
        let ada = UUID(), dune = UUID()
        do {
            let first = try SQLiteDatabase(path: path, migrations: [migrations[0]])
            try await first.execute("INSERT INTO members (id, email, name) VALUES (?, ?, ?)",
                                    [.text(ada.uuidString.lowercased()), .text("ada@example.com"), .text("Ada")])
            try await first.execute("INSERT INTO books (id, title, genre, added_by) VALUES (?, ?, ?, ?)",
                                    [.text(dune.uuidString.lowercased()), .text("Dune"), .text("sci-fi"), .text(ada.uuidString.lowercased())])
        }

        // Version 2 opens the same file: migration 2 runs, the rows are there, the new field works.
        let second = try SQLiteDatabase(path: path, migrations: migrations)
        #expect(try second.appliedMigrations() == [1, 2])
        #expect(try second.migrationHistory().map(\.checksum) == migrations.map(\.checksum))
        let books = BookRepository(second)
        let book = try await books.get(Book.ID(rawValue: dune), as: .system)
        #expect(book.title == "Dune" && book.isbn == nil && book.copies == 1)
        #expect(try await books.update(book.id, as: .system) { $0.isbn = "978-0441013593" }.isbn == "978-0441013593")
        #expect(try await MemberRepository(second).get(Member.ID(rawValue: ada), as: .system).name == "Ada")
    }
}
