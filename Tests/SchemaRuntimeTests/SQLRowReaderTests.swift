import Foundation
import SchemaRuntime
import Testing

/// The readers a generated `init(row:)` calls for columns that may be NULL
/// (`row.string(nullable: 3)`): nil for NULL, the value otherwise, and a column that does not
/// decode is nil there and recorded, so that `finish()` throws it like any other column's.
@Suite("SQLRowReader: nullable columns")
struct SQLRowReaderTests {
    private enum Tier: String, CaseIterable { case free, pro }
    private static let id = UUID(uuidString: "6F9619FF-8B86-D011-B42D-00CF4FC964FF")!
    private static let now = Date(timeIntervalSince1970: 1_795_292_128)

    @Test func nullReadsAsNilAndAValueAsItself() throws {
        var row = SQLRowReader(SQLRow([
            .null, .int(7), .double(2.5), .text("a"), .bool(true), .uuid(Self.id), .date(Self.now),
            .vector([1, 2]), .text("pro"), .json(#"["x"]"#), .int(-3), .decimal(Decimal(string: "1.25")!),
        ]))
        // (Read into locals: `#expect` can't call a mutating method.)
        let nulls = (row.int(nullable: 0), row.string(nullable: 0), row.key(RecordID<Tier>.self, nullable: 0), row.json(nullable: 0))
        #expect(nulls.0 == nil && nulls.1 == nil && nulls.2 == nil && nulls.3 == .null)
        let (int, double, string, bool, uuid) = (row.int(nullable: 1), row.double(nullable: 2), row.string(nullable: 3), row.bool(nullable: 4), row.uuid(nullable: 5))
        #expect(int == 7 && double == 2.5 && string == "a" && bool == true && uuid == Self.id)
        let key = row.key(RecordID<Tier>.self, nullable: 5)
        #expect(key == RecordID(rawValue: Self.id))
        let (date, vector, tier, list) = (row.date(nullable: 6), row.vector(nullable: 7), row.enumeration(Tier.self, nullable: 8), row.json([String].self, nullable: 9))
        #expect(date == Self.now && vector == [1, 2] && tier == .pro && list == ["x"])
        let (small, decimal) = (row.integer(Int16.self, nullable: 10), row.decimal(nullable: 11))
        #expect(small == -3 && decimal == Decimal(string: "1.25"))
        try row.finish()
    }

    @Test func aColumnThatDoesNotDecodeIsNilAndThrownAtTheEnd() {
        var row = SQLRowReader(SQLRow([.text("seven"), .text("gold"), .int(1)]))
        let values = (row.int(nullable: 0), row.enumeration(Tier.self, nullable: 1), row.int(nullable: 2))
        #expect(values.0 == nil && values.1 == nil && values.2 == 1)
        // The first bad column is the one reported.
        #expect {
            try row.finish()
        } throws: { error in
            (error as? SQLRow.DecodingError)?.column == 0
        }
    }

    @Test func allNullIsTrueOnlyWhenEveryColumnOfTheRangeIsNull() {
        var row = SQLRowReader(SQLRow([.int(1), .null, .null, .text("a"), .null]))
        let tests = (row.allNull(1, through: 2), row.allNull(4, through: 4), row.allNull(1, through: 3), row.allNull(0, through: 2))
        #expect(tests == (true, true, false, false))
    }
}

/// What a generated `RepositoryFilter` builds its condition with.
@Suite("FilterConditions")
struct FilterConditionsTests {
    @Test func aNullValueAddsNoTest() {
        #expect(FilterConditions().condition == ("1 = 1", []))
        var conditions = FilterConditions()
        conditions.add("t.a = ?", .uuid(nil))
        conditions.add("t.b = ?", .text("x"))
        conditions.add("t.c = ?", .integer(Int?.none))
        conditions.add("t.d = ?", .bool(false))
        #expect(conditions.condition == ("1 = 1 AND t.b = ? AND t.d = ?", [.text("x"), .bool(false)]))
    }
}
