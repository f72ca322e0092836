import Testing
@testable import SchemaRuntime

/// `RecordTable`'s `columns`: a generated table of column and field path, one line per column.
@Suite("Column table")
struct RecordTableColumnsTests {
    @Test func eachLineIsAColumnAndItsFieldPath() {
        let columns = ColumnTable.pairs("""
            id                id
            episode_number    episodeNumber
            "order"           order
            synopsis_logline  synopsis.logline
            """)
        #expect(columns.map { $0.sql } == ["id", "episode_number", "\"order\"", "synopsis_logline"])
        #expect(columns.map { $0.field } == ["id", "episodeNumber", "order", "synopsis.logline"])
    }

    /// Schema field names may hold spaces, even lead with one, and any character but a control
    /// one: the path starts at the same place on every line, whatever it holds.
    @Test func aPathMayStartWithOrHoldSpacesAndCombiningMarks() {
        let table = ["id" + String(repeating: " ", count: 6) + "id",
                     "lead" + String(repeating: " ", count: 4) + " lead",
                     "a_b" + String(repeating: " ", count: 5) + "a b \\ \"\"\" ",
                     "accent  " + "\u{301}x.é ✓"].joined(separator: "\n")
        let columns = ColumnTable.pairs(table)
        #expect(columns.map { $0.sql } == ["id", "lead", "a_b", "accent"])
        #expect(columns.map { $0.field } == ["id", " lead", "a b \\ \"\"\" ", "\u{301}x.é ✓"])
    }
}
