import Foundation
import KitchenSinkModels
import SchemaRuntime
import Testing

/// The column types imports need (issue 18), through the generated repository of the
/// kitchen-sink schema's `ledgers` on both engines: extreme values come back equal, and each
/// engine refuses what its column cannot hold.
@Suite("Column types: sized integers, decimal, date, timestamp, bytes")
struct ColumnTypeTests {
    static let kitchenSink = Backend.root + "/Tests/Fixtures/KitchenSink/Generated"

    /// A UTC wall-clock time (`timestamp` keeps no zone).
    static func utc(_ text: String) -> Date { JSONCoding.parseDate(text)! }

    static let firstID = LedgerEntry.ID(rawValue: UUID(uuidString: "0190a1b2-0000-7000-8000-000000000001")!)
    static let secondID = LedgerEntry.ID(rawValue: UUID(uuidString: "0190a1b2-0000-7000-8000-000000000002")!)
    static let made = utc("2026-01-31T12:00:00.000Z")

    static func extremes() -> LedgerEntry {
        LedgerEntry(
            id: firstID,
            lineCount: Int16.max, quantity: Int32.max, serial: Int64.min,
            amount: Decimal(string: "12345678901234.5678")!, rate: Decimal(string: "-99999")!,
            bookedOn: CalendarDate(year: 2024, month: 2, day: 29)!, dueOn: CalendarDate(year: 9999, month: 12, day: 31)!,
            postedAt: utc("2024-02-29T23:59:59.999Z"), settledAt: utc("1970-01-01T00:00:00.000Z"),
            signature: Data((0...255).map(UInt8.init)), attachment: Data(), memo: String(repeating: "é", count: 40),
            createdAt: made, updatedAt: made)
    }

    static func others() -> LedgerEntry {
        LedgerEntry(
            id: secondID,
            lineCount: Int16.min, quantity: nil, serial: Int64.max,
            amount: Decimal(string: "-0.0001")!, rate: nil,
            bookedOn: CalendarDate(year: 1, month: 1, day: 1)!, dueOn: nil,
            postedAt: utc("2000-03-01T00:00:00.000Z"), settledAt: nil,
            signature: Data([0]), attachment: nil, createdAt: made, updatedAt: made)
    }

    @Test("extreme values round-trip: create, get, update, find by day and by time", arguments: Backend.available)
    func roundTrip(_ backend: Backend) async throws {
        try await backend.withDatabase(generated: Self.kitchenSink) { system, _ in
            let ledgers = LedgerEntryRepository(system)
            for written in [Self.extremes(), Self.others()] {
                let created = try await ledgers.create(written, as: .system)
                let stored = try await ledgers.get(written.id, as: .system)
                #expect(stored == created)
                #expect(stored.amount == written.amount && stored.lineCount == written.lineCount && stored.serial == written.serial)
                #expect(stored.bookedOn == written.bookedOn && stored.postedAt == written.postedAt)
                #expect(stored.signature == written.signature && stored.attachment == written.attachment)
                #expect(stored.memo == written.memo)
            }
            let updated = try await ledgers.update(Self.extremes().id, as: .system) { entry in
                entry.amount = Decimal(string: "-99999999999999.9999")!
                entry.lineCount = -1
                entry.dueOn = nil
                entry.attachment = Data([0xFF, 0x00, 0x0A])
            }
            let reread = try await ledgers.get(updated.id, as: .system)
            #expect(reread == updated)
            #expect(updated.amount == Decimal(string: "-99999999999999.9999")!)

            let leapDay = try await ledgers.find(bookedOn: CalendarDate(year: 2024, month: 2, day: 29)!, as: .system)
            #expect(leapDay.items.map(\.id) == [Self.extremes().id])
            let atTime = try await ledgers.find(postedAt: Self.utc("2000-03-01T00:00:00.000Z"), as: .system)
            #expect(atTime.items.map(\.id) == [Self.others().id])
        }
    }

    @Test("a decimal with more digits than its column holds is refused before the database", arguments: Backend.available)
    func decimalDigits(_ backend: Backend) async throws {
        try await backend.withDatabase(generated: Self.kitchenSink) { system, _ in
            var tooFine = Self.extremes()
            tooFine.amount = Decimal(string: "1.00001")!  // scale 4: PostgreSQL would round it
            var tooLarge = Self.extremes()
            tooLarge.amount = Decimal(string: "123456789012345")!  // 15 digits before the point, 14 allowed
            for entry in [tooFine, tooLarge] {
                await #expect(throws: RepositoryError.self) { try await LedgerEntryRepository(system).create(entry, as: .system) }
            }
            let stored = try await LedgerEntryRepository(system).list(as: .system)
            #expect(stored.items.isEmpty)
        }
    }

    @Test("each engine refuses what the column cannot hold, whatever the caller", arguments: Backend.available)
    func engineRefuses(_ backend: Backend) async throws {
        try await backend.withDatabase(generated: Self.kitchenSink) { system, _ in
            let insert = "INSERT INTO ledgers (id, line_count, serial, amount, booked_on, posted_at, signature) VALUES (?, ?, ?, ?, ?, ?, ?)"
            func row(lineCount: Int64 = 1, amount: SQLValue = .decimal(1), bookedOn: SQLValue = .calendarDate(CalendarDate(year: 2024, month: 1, day: 1)!)) -> [SQLValue] {
                [.uuid(UUID()), .int(lineCount), .int(1), amount, bookedOn, .timestamp(Date()), .blob([1])]
            }
            // A value that fits goes in; then one past Int16, and on SQLite text that is no decimal or day.
            try await system.execute(insert, row())
            await #expect(throws: (any Error).self) { try await system.execute(insert, row(lineCount: 32768)) }
            await #expect(throws: (any Error).self) { try await system.execute(insert, row(lineCount: -32769)) }
            // varchar(40) on PostgreSQL, the length CHECK on SQLite: 41 characters go nowhere.
            let memo = "UPDATE ledgers SET memo = ?"
            try await system.execute(memo, [.text(String(repeating: "é", count: 40))])
            await #expect(throws: (any Error).self) { try await system.execute(memo, [.text(String(repeating: "é", count: 41))]) }
            if backend == .sqlite {
                for amount in ["1e5", "1.2.3", "12345678901234.56789", "123456789012345", "abc", "--1", "1."] {
                    await #expect(throws: (any Error).self, "\(amount)") { try await system.execute(insert, row(amount: .text(amount))) }
                }
                await #expect(throws: (any Error).self) { try await system.execute(insert, row(bookedOn: .text("2024-1-01"))) }
                // Its own forms pass the CHECK.
                for amount in ["0", "-0.5", "0.0001", "99999999999999.9999", "-12345678901234"] {
                    try await system.execute(insert, row(amount: .text(amount)))
                }
            }
        }
    }

    @Test("JSON keeps decimals exact, days as YYYY-MM-DD and bytes as base64")
    func json() throws {
        let entry = Self.extremes()
        let data = try JSONCoding.makeEncoder().encode(entry)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""bookedOn":"2024-02-29""#))
        #expect(text.contains(#""amount":12345678901234.5678"#))
        #expect(text.contains(#""attachment":"""#))
        #expect(try JSONCoding.makeDecoder().decode(LedgerEntry.self, from: data) == entry)
    }
}
