import Foundation
import KitchenSinkModels
import SchemaRuntime
import StudioModels
import Testing

/// The models spell `==` out, one `fieldsEqual` per field (SwiftModelsPlanner explains why): a
/// field left out would make two records that differ only there equal. So for every pair of
/// fixture records of every collection, and every field where they differ (the fields of nested
/// objects one by one, and each object as a whole), the first record with that one value taken
/// from the second must be unequal to the first exactly when its JSON differs.
@Suite("Generated ==")
struct GeneratedEquatableTests {
    /// How many one-field changes were compared, and the paths where `==` and the JSON disagreed.
    struct Outcome {
        var compared = 0
        var wrong: Set<String> = []
    }

    static func check<T: Codable & Equatable>(_ type: T.Type, fixtures directory: String, _ collection: String) throws -> Outcome {
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/\(collection).json"))
        let rows = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        var outcome = Outcome()
        for (position, row) in rows.enumerated() {
            let record = try decodeRow(T.self, row)
            let recordJSON = try JSONCoding.makeEncoder().encode(record)
            #expect(record == (try decodeRow(T.self, row)))
            // The next few rows: enough for every field that varies to differ somewhere.
            for other in rows[(position + 1)...].prefix(4) {
                for path in differences(row, other) {
                    let changed = try decodeRow(T.self, replacing(path, in: row, from: other))
                    let differs = try JSONCoding.makeEncoder().encode(changed) != recordJSON
                    outcome.compared += 1
                    if (changed == record) == differs { outcome.wrong.insert(path.joined(separator: ".")) }
                    #expect((changed != record) == differs, "\(collection): \(path.joined(separator: "."))")
                }
            }
        }
        return outcome
    }

    private static func decodeRow<T: Decodable>(_ type: T.Type, _ row: [String: Any]) throws -> T {
        try JSONCoding.makeDecoder().decode(T.self, from: JSONSerialization.data(withJSONObject: row))
    }

    /// The key paths where two JSON objects differ: each differing key, and inside objects both
    /// hold, each differing key of theirs too.
    private static func differences(_ a: [String: Any], _ b: [String: Any], prefix: [String] = []) -> [[String]] {
        var paths: [[String]] = []
        for key in Set(a.keys).union(b.keys).sorted() {
            let (left, right) = (a[key], b[key])
            if let left = left as? [String: Any], let right = right as? [String: Any] {
                let inner = differences(left, right, prefix: prefix + [key])
                if !inner.isEmpty { paths.append(prefix + [key]) }
                paths += inner
            } else if !sameJSON(left, right) {
                paths.append(prefix + [key])
            }
        }
        return paths
    }

    private static func sameJSON(_ left: Any?, _ right: Any?) -> Bool {
        guard let left, let right else { return left == nil && right == nil }
        let text = { (value: Any) in try? JSONSerialization.data(withJSONObject: [value], options: .sortedKeys) }
        return text(left) == text(right)
    }

    /// `row` with the value at `path` taken from `other` (removed where `other` has none).
    private static func replacing(_ path: [String], in row: [String: Any], from other: [String: Any]) -> [String: Any] {
        var row = row
        if path.count == 1 {
            row[path[0]] = other[path[0]]
        } else if let inner = row[path[0]] as? [String: Any], let otherInner = other[path[0]] as? [String: Any] {
            row[path[0]] = replacing(Array(path.dropFirst()), in: inner, from: otherInner)
        }
        return row
    }

    static let studio = Backend.root + "/Generated/Fixtures"
    static let kitchenSink = Backend.root + "/Tests/Fixtures/KitchenSink/Generated/Fixtures"

    @Test func everyStudioFieldTakesPartInEquality() throws {
        let outcomes = [
            try Self.check(User.self, fixtures: Self.studio, "users"),
            try Self.check(Project.self, fixtures: Self.studio, "projects"),
            try Self.check(Episode.self, fixtures: Self.studio, "episodes"),
            try Self.check(Scene.self, fixtures: Self.studio, "scenes"),
            try Self.check(StoryCharacter.self, fixtures: Self.studio, "characters"),
            try Self.check(Media.self, fixtures: Self.studio, "media"),
            try Self.check(GenerationTask.self, fixtures: Self.studio, "tasks"),
            try Self.check(PromptTemplate.self, fixtures: Self.studio, "promptTemplates"),
            try Self.check(PromptExecution.self, fixtures: Self.studio, "promptsExecuted"),
            try Self.check(Session.self, fixtures: Self.studio, "sessions"),
        ]
        // Each collection had fields to change: the test compared something everywhere.
        #expect(outcomes.allSatisfy { $0.compared > 0 })
        #expect(outcomes.flatMap(\.wrong).isEmpty)
    }

    @Test func everyKitchenSinkFieldTakesPartInEquality() throws {
        let outcomes = [
            try Self.check(Account.self, fixtures: Self.kitchenSink, "accounts"),
            try Self.check(Badge.self, fixtures: Self.kitchenSink, "badges"),
            try Self.check(LedgerEntry.self, fixtures: Self.kitchenSink, "ledgers"),
            try Self.check(Note.self, fixtures: Self.kitchenSink, "notes"),
            try Self.check(Pack.self, fixtures: Self.kitchenSink, "packs"),
            try Self.check(Part.self, fixtures: Self.kitchenSink, "parts"),
            try Self.check(Play.self, fixtures: Self.kitchenSink, "plays"),
            try Self.check(Review.self, fixtures: Self.kitchenSink, "reviews"),
            try Self.check(Widget.self, fixtures: Self.kitchenSink, "widgets"),
        ]
        #expect(outcomes.allSatisfy { $0.compared > 0 })
        #expect(outcomes.flatMap(\.wrong).isEmpty)
    }
}
