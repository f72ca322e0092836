import Testing
@testable import SchemaGenCore

/// `id:` with integer and text keys, and `timestamps:` as a mapping: what they resolve to, and
/// where a mistake in them is reported.
@Suite("Key types and partial timestamps")
struct KeyAndTimestampDiagnosticsTests: SchemaTestSupport {
    static func items(_ header: String) -> String {
        """
        name: items
        \(header)
        fields:
          title: { type: string, required: true }
        """
    }

    @Test func integerAndTextKeysAndTheReferencesToThem() throws {
        let schema = try resolved([
            ("schemas/a.yaml", Self.items("id: int64")),
            ("schemas/b.yaml", """
             name: tags
             id: { type: string, maxLength: 64 }
             fields:
               item: { type: ref, to: items }
               items: { type: refs, to: items }
             """),
        ])
        let items = try #require(schema.collection(named: "items")), tags = try #require(schema.collection(named: "tags"))
        #expect(items.keyType == .int64 && tags.keyType == .string)
        #expect(tags.fields[0].constraints.minLength == 1 && tags.fields[0].constraints.maxLength == 64)
        guard case .reference(let reference) = tags.fields[1].type, case .references(let many) = tags.fields[2].type else {
            Issue.record("item and items are references"); return
        }
        #expect(reference.targetKey == .int64 && many.targetKey == .int64)
        #expect(SQLDialect.postgres.columnType(for: tags.fields[1]) == "bigint")
        #expect(SQLDialect.sqlite.columnType(for: items.fields[0]) == "INTEGER")
        #expect(SQLDialect.postgres.columnType(for: tags.fields[0]) == "text")
    }

    @Test func anUnknownKeyTypeIsLocatedWithTheChoices() {
        #expect(diagnostics(Self.items("id: int")) == [
            error("unknown id type 'int'", 2, 5,
                  notes: [hint("expected uuid or uuidv7 (made by the application), int64, int32 or string (given by the caller)")]),
        ])
    }

    @Test func maxLengthIsForTextKeysAndThePrincipalKeepsAUUID() {
        #expect(diagnostics(Self.items("id: { type: int64, maxLength: 3 }")) == [
            error("'maxLength' applies only to a text key", 2, 31,
                  notes: [hint("write 'id: { type: string, maxLength: 3 }', or remove it")]),
        ])
        #expect(diagnostics(Self.items("id: string\nprincipal: true")) == [
            error("the principal collection 'items' needs a UUID key, not string", 2, 5,
                  notes: [hint("access rules compare keys with the caller's id, a UUID (AccessContext.user(_:role:)); write 'id: uuid' or leave 'id' out")]),
        ])
    }

    @Test func timestampsPickEachOneRequiredOrNullable() throws {
        let schema = try resolved([(schemaPath, Self.items("timestamps: { createdAt: true, updatedAt: nullable }"))])
        let fields = try #require(schema.collections.first).fields
        #expect(fields.map(\.name) == ["id", "title", "createdAt", "updatedAt"])
        #expect(fields[2].isRequired && !fields[3].isRequired && fields[3].defaultValue == .now)
        let createdOnly = try resolved([(schemaPath, Self.items("timestamps: { createdAt: true }"))])
        #expect(createdOnly.collections.first?.fields.map(\.name) == ["id", "title", "createdAt"])
    }

    @Test func aTimestampValueThatIsNeitherIsLocated() {
        #expect(diagnostics(Self.items("timestamps: { createdAt: optional }")) == [
            error("'timestamps.createdAt' must be true, false or nullable, not 'optional'", 2, 26,
                  notes: [hint("nullable: the column may be NULL (rows written before it existed); the repositories still set it")]),
        ])
    }
}
