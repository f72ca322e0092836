import Foundation
import Testing
@testable import SchemaGenCore
import SchemaGenImport

/// An SQLite database schemagen did not make: declared types by affinity, unnamed and
/// column-level checks, a partial index, a compound unique constraint, comments in the text.
@Suite struct OutsideSQLiteTests {
    static let ddl = """
        CREATE TABLE authors (
            id TEXT PRIMARY KEY CHECK (length(id) = 36 AND id = lower(id)), -- a UUID, as text
            name VARCHAR(80) NOT NULL,
            born DATE,
            rating NUMERIC(3,1) CHECK (rating BETWEEN 0 AND 10)
        );
        CREATE TABLE books (
            id TEXT NOT NULL PRIMARY KEY CHECK (length(id) = 36 AND id = lower(id)),
            author_id TEXT NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
            title TEXT NOT NULL CHECK (length(title) <= 300),
            status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
            pages INTEGER CHECK (pages > 0), /* not a schema rule */
            in_print BOOLEAN NOT NULL DEFAULT 1,
            cover BLOB,
            UNIQUE (author_id, title)
        );
        CREATE INDEX books_status_idx ON books (status) WHERE status <> 'draft';
        CREATE TRIGGER books_touch AFTER UPDATE ON books BEGIN SELECT 1; END;
        """

    @Test func mapsWhatItCanAndSaysWhatItCannot() async throws {
        let imported = try await FreshDatabase.sqlite(Self.ddl) { path in try CatalogMapper.map(try SQLiteCatalogReader.read(path: path)) }
        #expect(imported.files.map(\.path) == ["authors.yaml", "books.yaml"])
        let books = imported.files[1].contents
        #expect(books.contains("\nreferenceColumns: idSuffix\n"), "\(books)")
        #expect(books.contains("  author: { type: ref, to: authors, required: true, onDelete: cascade }"))
        #expect(books.contains("  title: { type: string, required: true, maxLength: 300 }"))
        #expect(books.contains("  status: { type: enum, values: [draft, published], required: true, default: draft }"))
        #expect(books.contains("  pages: { type: int }"))
        #expect(books.contains("CHECK (unnamed) (pages > 0) not mapped") || books.contains("(pages > 0) not mapped"), "\(books)")
        #expect(books.contains("  inPrint: { type: bool, required: true, default: true }"))
        #expect(books.contains("  cover: { type: bytes }"))
        #expect(books.contains("Trigger books_touch not imported"))
        #expect(books.contains("  - fields: [author, title]\n    unique: true"))
        #expect(books.contains("  - fields: [status]\n    where: { status: { not: draft } }"))
        let authors = imported.files[0].contents
        #expect(authors.contains("  name: { type: string, required: true, maxLength: 80 }"), "\(authors)")
        #expect(authors.contains("  born: { type: datetime }"))
        #expect(authors.contains("  rating: { type: double, min: 0, max: 10 }"))
        // And it generates: the imported schemas resolve and give SQL both engines accept.
        let sources = imported.files.map { SchemaSource(path: $0.path, contents: $0.contents) }
        let sqlite = try SchemaFolder.ddl(sources, .sqlite)
        try await FreshDatabase.sqlite(sqlite) { _ in }
    }
}
