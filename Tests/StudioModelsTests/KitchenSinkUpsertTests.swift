import Foundation
import KitchenSinkModels
import SchemaRuntime
import Testing

/// Upsert on KitchenSink's notes: a version field, soft delete and a unique slug that deleted
/// notes keep.
@Suite("Upsert with version and soft delete", .serialized)
struct KitchenSinkUpsertTests {
    static func id(_ last: Int) -> UUID { UUID(uuidString: String(format: "0e000000-0000-4000-8000-%012d", last))! }

    /// A database with an account and a widget to hang notes on.
    static func withNotes(_ backend: Backend, _ body: (NoteRepository, Widget.ID) async throws -> Void) async throws {
        try await backend.withDatabase(generated: LosslessModelTests.generated) { system, _ in
            try await AccountRepository(system).create(Account(id: LosslessModelTests.owner, email: "owner@example.com"), as: .system)
            let widget = try await WidgetRepository(system).create(LosslessModelTests.widget(1), as: .system)
            try await body(NoteRepository(system), widget.id)
        }
    }

    @Test("the update branch keeps id and createdAt, bumps the version; the insert branch starts at 1",
          arguments: Backend.available)
    func versionAndTimestamps(_ backend: Backend) async throws {
        try await Self.withNotes(backend) { notes, widget in
            let first = try await notes.upsert(bySlug: Note(id: Note.ID(rawValue: Self.id(1)), body: "First", widget: widget, slug: "intro"), as: .system)
            #expect(first.version == 1)
            let second = try await notes.upsert(bySlug: Note(id: Note.ID(rawValue: Self.id(2)), body: "Second", widget: widget, slug: "intro"), as: .system)
            #expect(second.id == first.id && second.body == "Second" && second.version == 2 && second.createdAt == first.createdAt)
            #expect(try await notes.get(first.id, as: .system) == second)
            #expect(try await notes.count(as: .system) == 1)
        }
    }

    @Test("a deleted note holding the slug is not brought back: conflict, and nothing changes", arguments: Backend.available)
    func aDeletedConflictingRecordIsAConflict(_ backend: Backend) async throws {
        try await Self.withNotes(backend) { notes, widget in
            let trashed = try await notes.create(Note(id: Note.ID(rawValue: Self.id(3)), body: "Old", widget: widget, slug: "old"), as: .system)
            try await notes.delete(trashed.id, as: .system)
            let deleted = try #require(try await notes.find(trashed.id, includingDeleted: true, as: .system))
            await #expect(throws: RepositoryError.conflict(collection: "notes", fields: ["slug"])) {
                try await notes.upsert(bySlug: Note(id: Note.ID(rawValue: Self.id(4)), body: "New", widget: widget, slug: "old"), as: .system)
            }
            #expect(try await notes.find(trashed.id, includingDeleted: true, as: .system) == deleted)
            #expect(try await notes.find(Note.ID(rawValue: Self.id(4)), as: .system) == nil)
        }
    }
}
