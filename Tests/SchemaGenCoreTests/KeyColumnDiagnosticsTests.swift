import Testing
@testable import SchemaGenCore

/// `id: { type, column }`: the key in a column of its own name, what points at it, and where a
/// mistake in it is reported.
@Suite("Key columns with their own name")
struct KeyColumnDiagnosticsTests: SchemaTestSupport {
    static func items(_ header: String, field: String = "title: { type: string, required: true }") -> String {
        """
        name: items
        \(header)
        fields:
          \(field)
        """
    }

    @Test func theKeyColumnIsWhatPrimaryKeyForeignKeysAndJoinTablesName() throws {
        let files = [
            ("schemas/a.yaml", Self.items("id: { type: int64, column: item_id }")),
            ("schemas/b.yaml", """
             name: tags
             id: { type: string, column: tag_code }
             fields:
               item: { type: ref, to: items, onDelete: cascade }
               items: { type: refs, to: items }
             """),
        ]
        let schema = try resolved(files)
        let items = try #require(schema.collection(named: "items")), tags = try #require(schema.collection(named: "tags"))
        #expect(items.keyColumn == "item_id" && tags.keyColumn == "tag_code" && items.fields[0].swiftName == "id")
        guard case .reference(let reference) = tags.fields[1].type, case .references(let many) = tags.fields[2].type else {
            Issue.record("item and items are references"); return
        }
        #expect(reference.targetKeyColumn == "item_id" && many.targetKeyColumn == "item_id")
        let sql = try #require(try Pipeline.generate(files.map { SchemaSource(path: $0.0, contents: $0.1) })
            .first { $0.path == "SQL/postgres.sql" }).contents
        #expect(sql.contains("item_id bigint NOT NULL, -- id"))
        #expect(sql.contains("CONSTRAINT items_pkey PRIMARY KEY (item_id)"))
        #expect(sql.contains("FOREIGN KEY (item) REFERENCES items (item_id) ON DELETE CASCADE"))
        #expect(sql.contains("REFERENCES tags (tag_code) ON DELETE CASCADE"))
        #expect(!sql.contains("(id)"))
    }

    @Test func aKeyColumnThatIsNotSnakeCaseIsLocated() {
        #expect(diagnostics(Self.items("id: { type: int64, column: ItemId }")) == [
            error("key column name 'ItemId' must be snake_case letters and digits", 2, 28,
                  notes: [hint("did you mean 'item_id'?")]),
        ])
    }

    @Test func aKeyColumnThatAnotherFieldTakesIsLocatedAtBoth() {
        #expect(diagnostics(Self.items("id: { type: int64, column: title }")) == [
            error("fields 'id' and 'title' would both be column 'title' of table 'items'", 4, 3,
                  notes: [note("'id' is here", 2, 28), hint("rename one, or set 'column:'")]),
        ])
        #expect(diagnostics(Self.items("id: { type: string, column: created_at }")).map(\.message)
            == ["fields 'id' and 'createdAt' would both be column 'created_at' of table 'items'"])
    }

    @Test func aMisspelledColumnKeyIsLocatedWithTheSpelling() {
        #expect(diagnostics(Self.items("id: { type: int64, colum: item_id }")) == [
            error("unknown key 'colum' in 'id'", 2, 20, notes: [hint("did you mean 'column'?")]),
        ])
    }
}
