import Foundation
import KitchenSinkModels
import SchemaRuntime
import Testing

/// `storage: enum` (issue 18) through the kitchen-sink schema's `tickets`: a PostgreSQL enum type
/// there, TEXT with a CHECK on SQLite; the same calls give the same records on both engines.
@Suite("Native enum types")
struct NativeEnumTests {
    static let kitchenSink = Backend.root + "/Tests/Fixtures/KitchenSink/Generated"

    @Test("every value round-trips: create, createAll, update, find, filters with in, keyset pages", arguments: Backend.available)
    func everyValue(_ backend: Backend) async throws {
        try await backend.withDatabase(generated: Self.kitchenSink) { system, _ in
            let tickets = TicketRepository(system)
            var written: [Ticket] = []
            for (index, status) in Ticket.Status.allCases.enumerated() {
                let ticket = Ticket(title: "single \(index)", status: status, priority: index == 0 ? nil : Priority.allCases[index % 3])
                written.append(try await tickets.create(ticket, as: .system))
            }
            // createAll: many rows in one statement, enums included.
            let batch = Ticket.Status.allCases.map { Ticket(title: "batch \($0.rawValue)", status: $0, priority: .high) }
            written += try await tickets.createAll(batch, as: .system)
            for ticket in written {
                let stored = try await tickets.get(ticket.id, as: .system)
                #expect(stored.status == ticket.status && stored.priority == ticket.priority)
            }
            let updated = try await tickets.update(written[0].id, as: .system) { $0.status = .wonTFix; $0.priority = .low }
            #expect(try await tickets.get(updated.id, as: .system).status == .wonTFix)
            #expect(try await tickets.get(updated.id, as: .system).priority == .low)

            let wontFix = try await tickets.find(status: .wonTFix, as: .system).items.map(\.title)
            #expect(wontFix == ["batch won't fix", "single 0", "single 2"])
            let high = try await tickets.find(priority: .high, as: .system).items.count
            #expect(high == batch.count + 1)
            let chosen = try await tickets.list(where: { $0.status.in([.open, .closed]) }, as: .system).items.map(\.status)
            #expect(Set(chosen) == [.open, .closed] && chosen.count == 3)
            #expect(try await tickets.count(where: { $0.priority.isNull }, as: .system) == 0)

            // Keyset pages inside one value, a page of one at a time.
            var titles: [String] = []
            var page = PageRequest(size: 1)
            while true {
                let result = try await tickets.find(status: .wonTFix, page: page, as: .system)
                titles += result.items.map(\.title)
                guard let next = result.next else { break }
                page = PageRequest(size: 1, after: next)
            }
            #expect(titles == wontFix)
        }
    }
}
