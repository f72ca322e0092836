import Foundation
import SchemaRuntime
import Testing

/// The constructors the generated `columnValues()` calls with optional values: overloads beside
/// SQLValue's cases, so which one a call picks is worth pinning down.
@Suite("SQLValue column constructors")
struct SQLValueColumnsTests {
    @Test func nilIsNullForEveryKind() throws {
        #expect(SQLValue.integer(Int?.none) == .null)
        #expect(SQLValue.integer(Int16?.none) == .null)
        #expect(SQLValue.text(String?.none) == .null)
        #expect(SQLValue.double(Double?.none) == .null)
        #expect(SQLValue.bool(Bool?.none) == .null)
        #expect(SQLValue.uuid(UUID?.none) == .null)
        #expect(SQLValue.date(Date?.none) == .null)
        #expect(SQLValue.timestamp(Date?.none) == .null)
        #expect(SQLValue.decimal(Decimal?.none) == .null)
        #expect(SQLValue.calendarDate(CalendarDate?.none) == .null)
        #expect(SQLValue.vector([Float]?.none) == .null)
        #expect(SQLValue.enumValue(String?.none) == .null)
        #expect(SQLValue.blob(Data?.none) == .null)
        #expect(try SQLValue.json(nullable: JSONValue?.none) == .null)
        #expect(try SQLValue.array(encoding: [Int]?.none, element: "bigint") == .null)
    }

    @Test func anOptionalListThatIsNilIsNullNotTheJSONTextNull() throws {
        let absent: [String]? = nil
        #expect(try SQLValue.json(encoding: absent) == .null)
        let present: [String]? = ["a", "b"]
        #expect(try SQLValue.json(encoding: present) == .json(#"["a","b"]"#))
        // A non-optional value still takes the plain constructor.
        #expect(try SQLValue.json(encoding: ["c"]) == .json(#"["c"]"#))
    }

    @Test func aValueIsTheCaseOfItsKind() throws {
        #expect(SQLValue.integer(Int?.some(7)) == .int(7))
        #expect(SQLValue.integer(Int32(-3)) == .int(-3))
        #expect(SQLValue.integer(Int64.max) == .int(.max))
        #expect(SQLValue.text(String?.some("x")) == .text("x"))
        #expect(SQLValue.blob(Data([1, 2])) == .blob([1, 2]))
        #expect(try SQLValue.json(nullable: JSONValue?.some(.null)) == .null)
        #expect(try SQLValue.json(nullable: JSONValue?.some(["k": 1])) == .json(#"{"k":1}"#))
    }
}
