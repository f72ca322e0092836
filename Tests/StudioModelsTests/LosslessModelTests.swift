import Foundation
import KitchenSinkModels
import SchemaRuntime
import Testing

/// Every field with a default, in each of its states (a value other than the default, the
/// default, null, and in JSON an absent key), round-trips unchanged through JSON and through both
/// databases (KitchenSink's widgets, which have a default on every kind of field).
@Suite("Lossless models", .serialized)
struct LosslessModelTests {
    static let generated = Backend.root + "/Tests/Fixtures/KitchenSink/Generated"
    static let owner = Account.ID(rawValue: UUID(uuidString: "0c000000-0000-4000-8000-000000000001")!)
    static let moment = Date(timeIntervalSince1970: 1_760_000_000.125)

    /// A widget whose every date is exact to the millisecond (what both databases keep).
    static func widget(_ index: Int) -> Widget {
        var widget = Widget(owner: owner, outer: Widget.Outer(middle: Widget.Outer.Middle()))
        widget.id = Widget.ID(rawValue: UUID(uuidString: String(format: "0c000000-0000-7000-8000-%012d", index))!)
        widget.expiresAt = moment
        widget.createdAt = moment
        widget.updatedAt = moment
        return widget
    }

    typealias Change = @Sendable (inout Widget) -> Void

    /// Per field with a default: its JSON key, its states, and whether a widget holds the default.
    static let fields: [(key: String, states: [(String, Change)], isDefault: @Sendable (Widget) -> Bool)] = [
        ("homepage", [("other", { $0.homepage = "https://other.example/x" }), ("default", { $0.homepage = "https://example.com/a?b=c" }),
                      ("null", { $0.homepage = nil })], { $0.homepage == "https://example.com/a?b=c" }),
        ("code", [("other", { $0.code = "XY-7\"#" }), ("default", { $0.code = "AB-12\"#" }), ("null", { $0.code = nil })],
         { $0.code == "AB-12\"#" }),
        ("settings", [("other", { $0.settings = ["a": 1] }), ("empty", { $0.settings = [:] }),
                      ("default", { $0.settings = ["theme": "dark", "sizes": [1, 2.5], "nested": ["on": true, "none": .null]] }),
                      ("null", { $0.settings = .null })],
         { $0.settings == ["theme": "dark", "sizes": [1, 2.5], "nested": ["on": true, "none": .null]] }),
        ("tags", [("other", { $0.tags = ["x", "y"] }), ("default", { $0.tags = ["a"] }), ("null", { $0.tags = nil })],
         { $0.tags == ["a"] }),
        ("_version", [("other", { $0.version = 5 }), ("default", { $0.version = 1 }), ("null", { $0.version = nil })],
         { $0.version == 1 }),
        // `default: now`: absent, the time of decoding.
        ("expiresAt", [("other", { $0.expiresAt = Date(timeIntervalSince1970: 1_750_000_000.5) }), ("null", { $0.expiresAt = nil })],
         { abs($0.expiresAt?.timeIntervalSinceNow ?? 100) < 60 }),
        ("class", [("other", { $0.class = 3 }), ("default", { $0.class = 0 })], { $0.class == 0 }),
        ("priority", [("other", { $0.priority = .high }), ("default", { $0.priority = .normal })], { $0.priority == .normal }),
        ("mode", [("other", { $0.mode = .off }), ("default", { $0.mode = .on })], { $0.mode == .on }),
    ]

    /// Every state of every field, one field at a time, then all fields at once in their first,
    /// last and each state.
    static var variations: [(String, Change)] {
        var variations: [(String, Change)] = [("defaults", { _ in })]
        for field in fields {
            variations += field.states.map { ("\(field.key)=\($0.0)", $0.1) }
        }
        for pick in ["other", "default", "null"] {
            let changes = fields.compactMap { field in field.states.first { $0.0 == pick }?.1 }
            variations.append(("every field \(pick)", { widget in changes.forEach { $0(&widget) } }))
        }
        return variations
    }

    @Test func everyStateRoundTripsThroughJSON() throws {
        for (offset, (name, change)) in Self.variations.enumerated() {
            var widget = Self.widget(offset)
            change(&widget)
            let json = try JSONCoding.makeEncoder().encode(widget)
            #expect(try JSONCoding.makeDecoder().decode(Widget.self, from: json) == widget, "\(name)")
            // A null is written, not left out: left out, it would decode to the default.
            let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
            for field in Self.fields { #expect(object[field.key] != nil, "\(name): '\(field.key)' is written") }
        }
    }

    @Test func anAbsentKeyAndOnlyAnAbsentKeyTakesTheDefault() throws {
        for field in Self.fields {
            var widget = Self.widget(0)
            field.states.last!.1(&widget)  // null, or a value other than the default
            var object = try #require(try JSONSerialization.jsonObject(with: try JSONCoding.makeEncoder().encode(widget)) as? [String: Any])
            let decoded = try JSONCoding.makeDecoder().decode(Widget.self, from: try JSONSerialization.data(withJSONObject: object))
            #expect(!field.isDefault(decoded) || field.states.last!.0 == "default", "\(field.key): kept as written")
            object[field.key] = nil
            let absent = try JSONCoding.makeDecoder().decode(Widget.self, from: try JSONSerialization.data(withJSONObject: object))
            #expect(field.isDefault(absent), "\(field.key): absent takes the default")
        }
        // Inside nested objects too: `depth` defaults to 3, `opacity` to 1.
        let inner = try JSONCoding.makeDecoder().decode(Widget.Outer.Middle.Inner.self, from: Data(#"{"label": null}"#.utf8))
        #expect(inner.depth == 3 && inner.label == nil)
    }

    @Test("every state round-trips through the database", arguments: Backend.available)
    func everyStateRoundTripsThroughTheDatabase(_ backend: Backend) async throws {
        try await backend.withDatabase(generated: Self.generated) { system, _ in
            try await AccountRepository(system).create(Account(id: Self.owner, email: "owner@example.com"), as: .system)
            let widgets = WidgetRepository(system)
            for (offset, (name, change)) in Self.variations.enumerated() {
                var widget = Self.widget(offset)
                change(&widget)
                let created = try await widgets.create(widget, as: .system)
                widget.createdAt = created.createdAt
                widget.updatedAt = created.updatedAt
                #expect(created == widget, "\(name): create keeps every value")
                #expect(try await widgets.get(widget.id, as: .system) == widget, "\(name): read back as written")
            }
        }
    }

    /// The records of a fixture JSON file that read back differently (or not at all) from the database.
    static func differing<Record: Decodable & Equatable & Identifiable & Sendable>(
        _ type: Record.Type, _ collection: String, find: (Record.ID) async throws -> Record?
    ) async throws -> [String] where Record.ID: CustomStringConvertible {
        let data = try Data(contentsOf: URL(fileURLWithPath: generated + "/Fixtures/\(collection).json"))
        var differing: [String] = []
        for record in try JSONCoding.makeDecoder().decode([Record].self, from: data) {
            let stored = try await find(record.id)
            if stored != record { differing.append("\(record.id)") }
        }
        return differing
    }

    @Test("the checked-in fixture SQL holds the records of the fixture JSON", arguments: Backend.available)
    func fixtureSQLAndJSONHoldTheSameRecords(_ backend: Backend) async throws {
        // The script as written, less its own transaction (the DDL's is the one).
        var scripts: [String: String] = [:]
        for dialect in ["sqlite", "postgres"] {
            scripts[dialect] = try String(contentsOfFile: Self.generated + "/Fixtures/\(dialect).sql", encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false)
                .filter { $0 != "BEGIN;" && $0 != "COMMIT;" }.joined(separator: "\n")
        }
        try await backend.withDatabase(generated: Self.generated, thenSQL: { scripts[$0] ?? "" }) { system, _ in
            #expect(try await Self.differing(Account.self, "accounts") { try await AccountRepository(system).find($0, as: .system) } == [])
            #expect(try await Self.differing(Note.self, "notes") { try await NoteRepository(system).find($0, as: .system) } == [])
            // SQLite's TTL trigger deletes expired widgets as they are inserted: those alone may be missing.
            let widgets = try JSONCoding.makeDecoder().decode([Widget].self, from: Data(contentsOf: URL(fileURLWithPath: Self.generated + "/Fixtures/widgets.json")))
            var missing = 0
            for widget in widgets {
                guard let stored = try await WidgetRepository(system).find(widget.id, as: .system) else {
                    let expired = widget.mode != .off && widget.visibility != nil && (widget.expiresAt ?? .distantFuture) < Date().addingTimeInterval(-12 * 3_600)
                    #expect(backend == .sqlite && expired, "widget \(widget.id) is missing")
                    missing += 1
                    continue
                }
                #expect(stored == widget, "widget \(widget.id) reads back as its JSON")
            }
            #expect(missing < widgets.count)
        }
    }
}
