import Foundation
import KitchenSinkModels
import SchemaRuntime
import Testing

/// A `refs` list inside an optional object (KitchenSink's `outer.middle.inner.moods`, to genres
/// with integer keys): while the object exists its links are saved and read with the record and
/// `addOuterMiddleInnerMood`/`removeOuterMiddleInnerMood` edit them (through the runtime's
/// `addLink`/`removeLink(_:…:atOptional:as:)`); while it is absent there are none, and adding one
/// does nothing.
@Suite("Links inside an optional object", .serialized)
struct OptionalObjectLinkTests {
    @Test("added, removed, and kept only while the object exists", arguments: Backend.available)
    func linksFollowTheObject(_ backend: Backend) async throws {
        try await backend.withDatabase(generated: KitchenSinkCreateAllTests.folder) { system, _ in
            let owner = Account(email: "owner@example.com")
            try await AccountRepository(system).create(owner, as: .system)
            for (id, name) in [(1, "Jazz"), (2, "Blues"), (3, "Soul")] {
                try await GenreRepository(system).create(Genre(id: Genre.ID(rawValue: Int64(id)), name: name, owner: owner.id), as: .system)
            }
            let widgets = WidgetRepository(system)
            let created = Widget(owner: owner.id, outer: Widget.Outer(middle: .init(inner: .init(depth: 1, moods: [1]))))
            try await widgets.create(created, as: .system)
            let moods = { try await widgets.get(created.id, as: .system).outer.middle.inner?.moods }
            #expect(try await moods() == [1])

            try await widgets.addOuterMiddleInnerMood(2, to: created.id, as: .system)
            try await widgets.addOuterMiddleInnerMood(1, to: created.id, as: .system)  // there already
            #expect(try await moods() == [1, 2])
            try await widgets.removeOuterMiddleInnerMood(1, from: created.id, as: .system)
            #expect(try await moods() == [2])

            // The object goes: so do its links, and adding one does nothing.
            var stored = try await widgets.get(created.id, as: .system)
            stored.outer.middle.inner = nil
            try await widgets.update(stored, as: .system)
            try await widgets.addOuterMiddleInnerMood(3, to: created.id, as: .system)
            #expect(try await moods() == nil)
            let rows = try await system.query("SELECT count(*) FROM widgets_outer_middle_inner_moods", [])
            #expect(rows.first?.values.first == .int(0))
        }
    }
}
