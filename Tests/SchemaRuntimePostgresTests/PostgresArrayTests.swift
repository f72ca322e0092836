import Foundation
import PostgresNIO
import SchemaRuntime
import Testing
@testable import SchemaRuntimePostgres

/// Native arrays (`storage: array`): the array text a bulk insert sends, and the statement that
/// casts it per row (unnest would flatten an array of arrays).
@Suite("PostgreSQL: native arrays")
struct PostgresArrayTests {
    static let tricky = #"["a,b","NULL","say \"hi\"","back\\slash","","{x}"]"#

    @Test("createAll's arrays go as their text in a text[], cast per row; every string quoted and escaped")
    func bulkInsertCastsEachRow() throws {
        let rows: ArraySlice<[SQLValue]> = [
            [.int(1), .array(Self.tricky, element: "text"), .array("[1,-2]", element: "bigint")],
            [.int(2), .array("[]", element: "text"), .null],
        ]
        let query = try #require(PostgresBulkInsert.query(into: "t", columns: ["id", "tags", "scores"], rows: rows))
        #expect(query.sql == "INSERT INTO t (id, tags, scores) SELECT rows.c1, rows.c2::text[], rows.c3::bigint[] FROM unnest($1, $2, $3) AS rows(c1, c2, c3)")
        #expect(PostgresArrays.text(json: Self.tricky, element: "text") == #"{"a,b","NULL","say \"hi\"","back\\slash","","{x}"}"#)
        #expect(PostgresArrays.text(json: "[true,false]", element: "boolean") == "{t,f}")
        #expect(PostgresArrays.text(json: "[]", element: "bigint") == "{}")
        #expect(PostgresArrays.text(json: "[9223372036854775807,-1]", element: "bigint") == "{9223372036854775807,-1}")
    }
}
