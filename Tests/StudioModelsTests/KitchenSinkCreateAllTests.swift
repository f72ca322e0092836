import Foundation
import KitchenSinkModels
import SchemaRuntime
import Testing

/// `createAll` on every column type the generator stores (Tests/Fixtures/KitchenSink): on
/// PostgreSQL each column goes as one array (`INSERT … SELECT … FROM unnest(…)`), on SQLite many
/// rows per INSERT. What is read back must be what was written, NULLs, JSON, vectors and links
/// included.
@Suite("createAll: every column type", .serialized)
struct KitchenSinkCreateAllTests {
    static let folder = Backend.root + "/Tests/Fixtures/KitchenSink/Generated"
    /// More rows than one PostgreSQL statement takes, the last statement partial.
    static let count = 5_003

    static func widgets(owner: Account.ID, watchers: [Account.ID]) -> [Widget] {
        let first = Widget.ID()
        let milliseconds = Int64(Date.nowToTheMillisecond().timeIntervalSince1970 * 1000)
        return (0..<count).map { index in
            guard index % 3 != 2 else {
                // Every optional column NULL (settings' JSON null too), no links.
                return Widget(owner: owner, homepage: nil, code: nil, settings: .null, tags: nil, version: nil, expiresAt: nil)
            }
            return Widget(
                id: index == 0 ? first : Widget.ID(),
                default: "keyword \(index) ' \" \\ é 漢",
                class: index % 11 - 5,
                path: "p/\(index % 1000)",
                report: 0.5 + Double(index) / 7,
                owner: owner,
                watchers: index % 2 == 0 ? watchers : [watchers[1]],
                // A reference to a row of the same statement.
                parent: index == 0 ? nil : first,
                priority: index % 2 == 0 ? .high : .low,
                visibility: .team,
                mode: index % 2 == 0 ? .one : .onHold,
                token: UUID(),
                homepage: "https://example.com/\(index)",
                code: "AB-\(index)\"#",
                settings: ["index": .number(Double(index)), "text": "a \"quoted\" {brace}", "list": [true, .null]],
                tags: ["a", "b,c", "{d}"],
                matrix: [[1, 2], [], [index]],
                levels: [.low, .high],
                shape: [1.5, -2, Float(index) / 3],
                layers: [Widget.Layer(name: "layer", opacity: 0.25, points: [0.1, 1e-7], links: [first])],
                outer: Widget.Outer(middle: .init(inner: .init(depth: 2, label: "abc"))),
                version: index,
                thumbnailURL: "https://example.com/\(index).png",
                // Whole milliseconds, as the repository stamps its own dates.
                expiresAt: Date(timeIntervalSince1970: Double(milliseconds + Int64(index) * 1000 + 123) / 1000)
            )
        }
    }

    @Test("every column, NULLs, JSON, vectors and links read back as written", arguments: Backend.available)
    func everyColumnType(_ backend: Backend) async throws {
        try await backend.withDatabase(generated: Self.folder) { system, _ in
            let accounts = [Account(email: "owner@example.com"), Account(email: "watcher@example.com")]
            for account in accounts { try await AccountRepository(system).create(account, as: .system) }
            let repository = WidgetRepository(system)
            let records = Self.widgets(owner: accounts[0].id, watchers: accounts.map(\.id))
            let created = try await repository.createAll(records, as: .system)
            #expect(created.map(\.id) == records.map(\.id))
            let read = try await repository.findAll(created.map(\.id), as: .system)
            #expect(read.count == created.count)
            for (stored, written) in zip(read, created) where stored != written {
                Issue.record("widget \(written.id): read back \(stored), wrote \(written)")
                break
            }
            // The NULLs are NULL in the table, not JSON null or empty arrays.
            let nulls = try await system.query(
                "SELECT count(*) FROM widgets WHERE settings IS NULL AND tags IS NULL AND shape IS NULL AND version IS NULL AND expires_at IS NULL", [])
            #expect(try nulls[0].int(0) == Self.count / 3)
        }
    }

    @Test("an invalid or refused record among many inserts nothing", arguments: Backend.available)
    func refusedInsertsNothing(_ backend: Backend) async throws {
        try await backend.withDatabase(generated: Self.folder) { system, app in
            let owner = Account(email: "owner@example.com")
            let other = Account(email: "other@example.com")
            for account in [owner, other] { try await AccountRepository(system).create(account, as: .system) }
            var records = Self.widgets(owner: owner.id, watchers: [owner.id, other.id])
            let repository = WidgetRepository(app)
            let asOwner = AccessContext.user(owner.id.rawValue, role: "member")
            // Someone else's widget: create is for the owner only.
            records[records.count - 1].owner = other.id
            await #expect(throws: RepositoryError.self) { try await repository.createAll(records, as: asOwner) }
            records[records.count - 1].owner = owner.id
            records[records.count - 2].class = 99
            await #expect(throws: RepositoryError.self) { try await repository.createAll(records, as: asOwner) }
            #expect(try await system.query("SELECT count(*) FROM widgets", [])[0].int(0) == 0)
            records[records.count - 2].class = 0
            #expect(try await repository.createAll(records, as: asOwner).count == records.count)
            #expect(try await system.query("SELECT count(*) FROM widgets", [])[0].int(0) == records.count)
        }
    }
}
