import Foundation
import KitchenSinkModels
import SchemaRuntime
import StudioModels
import Testing

/// The models' `==` comes from SchemaRuntime's `FieldwiseEquatable` (from `encode(to:)`), not from
/// the compiler: it must still be the synthesized one's, field by field, at every depth.
@Suite("Fieldwise equality")
struct FieldwiseEqualityTests {
    static let owner = Account.ID(rawValue: UUID(uuidString: "0c000000-0000-4000-8000-000000000001")!)
    static let moment = Date(timeIntervalSince1970: 1_760_000_000.125)

    static func widget() -> Widget {
        var widget = Widget(owner: owner, outer: Widget.Outer(middle: Widget.Outer.Middle()))
        widget.id = Widget.ID(rawValue: UUID(uuidString: "0c000000-0000-7000-8000-000000000002")!)
        widget.createdAt = moment
        widget.updatedAt = moment
        return widget
    }

    typealias Change = @Sendable (inout Widget) -> Void

    /// One change per kind of field: each must make the widget unequal to the one it came from.
    static let changes: [(String, Change)] = [
        ("id", { $0.id = Widget.ID(rawValue: UUID(uuidString: "0c000000-0000-7000-8000-000000000003")!) }),
        ("an optional set", { $0.path = "a/b" }),
        ("an optional string from set to nil", { $0.homepage = nil }),
        ("an int", { $0.class += 1 }),
        ("a double", { $0.report = 0.5 }),
        ("a reference", { $0.owner = Account.ID(rawValue: UUID()) }),
        ("a list of references", { $0.watchers = [Self.owner] }),
        ("an enum", { $0.priority = $0.priority == .high ? .low : .high }),
        ("a JSON value", { $0.settings = ["theme": "dark"] }),
        ("a JSON value one level down", { $0.settings = ["theme": ["dark": 1]] }),
        ("a list nil to empty", { $0.tags = $0.tags == nil ? [] : nil }),
        ("a nested list", { $0.matrix = [[1, 2], [3]] }),
        ("a vector", { $0.shape = [0.25, 0.5] }),
        ("a nested struct three deep", { $0.outer.middle.inner = Widget.Outer.Middle.Inner(depth: 3) }),
        ("a date by a microsecond", { $0.createdAt = Self.moment.addingTimeInterval(0.000_001) }),
    ]

    @Test("A copy is equal; each field's change makes it unequal", arguments: 0..<changes.count)
    func everyFieldCounts(index: Int) {
        let (name, change) = Self.changes[index]
        let widget = Self.widget()
        var changed = widget
        #expect(changed == widget)
        change(&changed)
        #expect(changed != widget, "changing \(name) left the widgets equal")
        #expect(widget != changed)
    }

    @Test("Nested structs compare as the synthesized == would: NaN is unequal to itself")
    func nanIsUnequal() {
        let layer = Widget.Layer(name: "base", opacity: .nan, links: [])
        #expect(layer != layer)
        #expect(Widget.Layer(name: "base", opacity: 1, links: []) == Widget.Layer(name: "base", opacity: 1, links: []))
        #expect(Widget.Layer(name: "base", opacity: -0.0, links: []) == Widget.Layer(name: "base", opacity: 0.0, links: []))
    }

    @Test("Each field's own == decides: decimals by value, bytes by content")
    func leavesUseTheirOwnEquality() throws {
        let entry = LedgerEntry(
            lineCount: 1, serial: 7, amount: try #require(Decimal(string: "1.50")), bookedOn: try #require(CalendarDate(year: 2026, month: 1, day: 31)),
            postedAt: Self.moment, signature: Data([1, 2, 3]))
        var same = entry
        same.amount = try #require(Decimal(string: "1.5"))
        #expect(same == entry)
        var other = entry
        other.signature = Data([1, 2, 4])
        #expect(other != entry)
        other = entry
        other.quantity = 0
        #expect(other != entry)
    }

    @Test("Studio records: equal after a JSON round trip, unequal after a nested change")
    func studioRecords() throws {
        let episode = Episode(
            project: Project.ID(), episodeNumber: 1, title: "Pilot",
            synopsis: Episode.Synopsis(logline: "It begins", themes: ["hope"]),
            createdAt: Self.moment, updatedAt: Self.moment)
        let decoded = try JSONCoding.makeDecoder().decode(Episode.self, from: JSONCoding.makeEncoder().encode(episode))
        #expect(decoded == episode)
        var changed = episode
        changed.synopsis?.themes.append("loss")
        #expect(changed != episode)
        changed = episode
        changed.production.renderProgress = 50
        #expect(changed != episode)
    }
}
