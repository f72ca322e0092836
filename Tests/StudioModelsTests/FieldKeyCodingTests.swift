import Foundation
import SchemaRuntime
import StudioModels
import Testing

/// The models' `init(from:)` and `encode(to:)` are spelled out with `FieldKey` (no `CodingKeys`
/// enum): a decoding error must still name the key and where it is, as a synthesized one does.
@Suite("Coding with FieldKey")
struct FieldKeyCodingTests {
    @Test("A missing required key is named, with the path to it")
    func missingKeyIsNamed() throws {
        var object = try jsonObject(Samples.media())
        object["filename"] = nil
        let error = try #require(throws: DecodingError.self) { try decode(Media.self, text(of: object)) }
        guard case .keyNotFound(let key, let context) = error else {
            Issue.record("expected keyNotFound, got \(error)")
            return
        }
        #expect(key.stringValue == "filename")
        #expect(context.codingPath.isEmpty)
    }

    @Test("A wrong type deep in a nested object names the whole path")
    func nestedTypeMismatchHasItsPath() throws {
        var object = try jsonObject(Samples.media())
        var metadata = try #require(object["generationMetadata"] as? [String: Any])
        metadata["cost"] = "free"
        object["generationMetadata"] = metadata
        let error = try #require(throws: DecodingError.self) { try decode(Media.self, text(of: object)) }
        guard case .typeMismatch(_, let context) = error else {
            Issue.record("expected typeMismatch, got \(error)")
            return
        }
        #expect(context.codingPath.map(\.stringValue) == ["generationMetadata", "cost"])
    }

    @Test("A key is only ever a name")
    func keysAreNames() {
        let key: FieldKey = "createdAt"
        #expect(key.stringValue == "createdAt")
        #expect(key.intValue == nil)
        #expect(FieldKey(intValue: 0) == nil)
        #expect(FieldKey(stringValue: "createdAt") == key)
    }

    private func text(of object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }
}
