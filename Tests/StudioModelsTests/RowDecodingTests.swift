import Foundation
import SchemaRuntime
import StudioModels
import Testing

/// A generated `init(row:)` reads every column without a `try` each (`SQLRowReader`) and throws
/// once at its end: a row still decodes exactly, and a column that does not decode still fails
/// with its position, what was expected and what was found — the first such column when several
/// are wrong.
@Suite("Row decoding")
struct RowDecodingTests {
    static let media = Media(
        filename: "hero.png", mimeType: "image/png", filesize: 2048, url: "https://cdn.example/hero.png",
        project: Project.ID(), mediaType: .characterDesign, generationMetadata: Media.GenerationMetadata(cost: 0.25),
        embedding: [0.5, -1], tags: ["hero", "final"], technicalData: Media.TechnicalData(resolution: "1024x1024"),
        createdAt: Date(timeIntervalSince1970: 1_795_292_128), updatedAt: Date(timeIntervalSince1970: 1_795_292_129))

    @Test func aRowDecodesToTheRecordItWasWrittenFrom() throws {
        #expect(try Media(row: SQLRow(Self.media.columnValues())) == Self.media)
        let bare = Media(filename: "a", mimeType: "text/plain", url: "https://a.example", project: Project.ID(), mediaType: .storyboard)
        #expect(try Media(row: SQLRow(bare.columnValues())) == bare)
    }

    @Test func aColumnThatDoesNotDecodeThrowsWithItsPositionAndType() throws {
        // Columns 2 (mime_type, text) and 13 (media_type, an enum) are both wrong: the first is reported.
        var values = try Self.media.columnValues()
        values[2] = .int(7)
        values[13] = .text("poster")
        #expect {
            try Media(row: SQLRow(values))
        } throws: { error in
            guard let error = error as? SQLRow.DecodingError else { return false }
            return error.column == 2 && error.expected == "text" && error.found == .int(7)
        }
        values[2] = .text("image/png")
        #expect {
            try Media(row: SQLRow(values))
        } throws: { error in
            guard let error = error as? SQLRow.DecodingError else { return false }
            return error.column == 13 && error.expected == "a value of MediaType" && error.found == .text("poster")
        }
    }

    @Test func aBadOptionalColumnThrowsWithItsPosition() throws {
        // filesize (an optional int) and episode (an optional reference).
        for (column, value) in [(3, SQLValue.text("big")), (9, .text("not a uuid"))] {
            var values = try Self.media.columnValues()
            values[column] = value
            #expect {
                try Media(row: SQLRow(values))
            } throws: { error in
                (error as? SQLRow.DecodingError)?.column == column
            }
        }
    }

    @Test func aBadListOrNestedColumnThrowsToo() throws {
        var values = try Self.media.columnValues()
        values[24] = .json("not json")  // tags
        #expect(throws: DecodingError.self) { try Media(row: SQLRow(values)) }
        values = try Self.media.columnValues()
        values[21] = .text("free")  // generationMetadata.cost
        #expect {
            try Media(row: SQLRow(values))
        } throws: { error in
            (error as? SQLRow.DecodingError)?.column == 21
        }
    }
}
