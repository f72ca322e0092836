import Foundation
import SchemaRuntime
import Testing

private enum Thing {}
private typealias ThingID = RecordID<Thing>

private struct Holder: Codable, Equatable {
    var id: ThingID
    var others: [ThingID]
}

/// The version nibble of a UUID.
private func version(_ id: ThingID) -> UInt8 { id.rawValue.uuid.6 >> 4 }

/// The RFC 4122/9562 variant bits (`0b10`).
private func variant(_ id: ThingID) -> UInt8 { id.rawValue.uuid.8 >> 6 }

/// The first 48 bits of a UUID.
private func milliseconds(_ id: ThingID) -> UInt64 {
    withUnsafeBytes(of: id.rawValue.uuid) { bytes in bytes[0..<6].reduce(UInt64(0)) { $0 << 8 | UInt64($1) } }
}

@Suite("RecordID")
struct RecordIDTests {
    @Test func codableAsAPlainUUIDString() throws {
        let uuid = try #require(UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F"))
        let id = ThingID(rawValue: uuid)
        let data = try JSONCoding.makeEncoder().encode([id])
        #expect(String(decoding: data, as: UTF8.self) == #"["E621E1F8-C36C-495A-93FC-0C247A3E6E5F"]"#)
        #expect(data == (try JSONCoding.makeEncoder().encode([uuid])))
        #expect(try JSONCoding.makeDecoder().decode([ThingID].self, from: data) == [id])
        // Lowercase (as written by PostgreSQL and JavaScript) decodes too.
        let lowercase = Data(#"["e621e1f8-c36c-495a-93fc-0c247a3e6e5f"]"#.utf8)
        #expect(try JSONCoding.makeDecoder().decode([ThingID].self, from: lowercase) == [id])
    }

    @Test func roundTripsInsideRecords() throws {
        let holder = Holder(id: ThingID(), others: [.timeOrdered(), ThingID()])
        let decoded = try JSONCoding.makeDecoder().decode(Holder.self, from: JSONCoding.makeEncoder().encode(holder))
        #expect(decoded == holder)
    }

    @Test func rejectsWhatIsNotAUUID() {
        for text in [#""""#, #""not-a-uuid""#, #""E621E1F8-C36C-495A-93FC-0C247A3E6E5""#, "42", "null"] {
            #expect(throws: DecodingError.self, "\(text)") {
                try JSONCoding.makeDecoder().decode(ThingID.self, from: Data(text.utf8))
            }
        }
    }

    @Test func losslessStringRoundTrip() throws {
        for id in [ThingID(), ThingID.timeOrdered()] {
            #expect(id.description == id.rawValue.uuidString.lowercased())
            #expect(id.description.count == 36)
            #expect(ThingID(id.description) == id)
            #expect(ThingID(id.description.uppercased()) == id)
            #expect(ThingID("\(id)") == id)
        }
        #expect(ThingID("") == nil)
        #expect(ThingID("e621e1f8c36c495a93fc0c247a3e6e5f") == nil)
        #expect(ThingID("e621e1f8-c36c-495a-93fc-0c247a3e6e5g") == nil)
    }

    @Test func defaultIDsAreRandomVersion4() {
        let ids = (0..<100).map { _ in ThingID() }
        #expect(ids.allSatisfy { version($0) == 4 && variant($0) == 0b10 })
        #expect(Set(ids).count == 100)
    }

    @Test func timeOrderedIDsAreVersion7WithTheirTime() {
        let date = Date(timeIntervalSince1970: 1_790_000_000.123)
        let id = ThingID.timeOrdered(at: date)
        #expect(version(id) == 7)
        #expect(variant(id) == 0b10)
        #expect(milliseconds(id) == 1_790_000_000_123)
        #expect(id.description.hasPrefix("01a0c450-6c7b-7"))
        #expect(ThingID.timeOrdered(at: date) != id, "the remaining bits are random")

        let now = Date()
        let current = ThingID.timeOrdered()
        let ms = milliseconds(current)
        #expect(ms + 1 >= UInt64(now.timeIntervalSince1970 * 1000))
        #expect(ms <= UInt64(Date().timeIntervalSince1970 * 1000) + 1)
    }

    @Test func timeOrderedIDsSortByTime() {
        let start = 1_790_000_000_000
        // Times a millisecond, a second and years apart, made in shuffled order.
        let offsets = [0, 1, 2, 999, 1_000, 65_536, 16_777_216, 4_294_967_296, 3_155_760_000_000]
        let made = offsets.shuffled().map { offset in
            (offset, ThingID.timeOrdered(at: Date(timeIntervalSince1970: Double(start + offset) / 1000)))
        }
        let sorted = made.sorted { $0.1 < $1.1 }
        #expect(sorted.map(\.0) == offsets.sorted())
        // The text form sorts the same way (as it does in a database's uuid ordering).
        #expect(made.sorted { $0.1.description < $1.1.description }.map(\.0) == offsets.sorted())
    }

    @Test func comparisonIsAStrictTotalOrder() {
        let a = ThingID(rawValue: UUID(uuidString: "00000000-0000-4000-8000-000000000001")!)
        let b = ThingID(rawValue: UUID(uuidString: "00000000-0000-4000-8000-00000000000A")!)
        let c = ThingID(rawValue: UUID(uuidString: "F0000000-0000-4000-8000-000000000000")!)
        #expect(a < b && b < c && a < c)
        #expect(!(a < a))
        #expect(!(b < a))
        #expect([c, a, b].sorted() == [a, b, c])
    }

    @Test func timeBeforeTheEpochIsClampedToZero() {
        let id = ThingID.timeOrdered(at: Date(timeIntervalSince1970: -5))
        #expect(milliseconds(id) == 0)
        #expect(version(id) == 7)
    }
}
