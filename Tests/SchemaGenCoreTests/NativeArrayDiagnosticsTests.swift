import Testing
@testable import SchemaGenCore

/// `storage: array`: the PostgreSQL column types, CHECKs and defaults, SQLite unchanged, the GIN
/// index, the migration's conversions, and where a misplaced option is reported.
@Suite("Native arrays")
struct NativeArrayDiagnosticsTests: SchemaTestSupport {
    static func badges(storage: Bool = true) -> String {
        let option = storage ? ", storage: array" : ""
        return """
            name: badges
            fields:
              tags: { type: "string[]"\(option), required: true, default: ["a,b", "say \\"hi\\"", "NULL"], maxItems: 3 }
              scores: { type: "int[]"\(option) }
              sizes: { type: "int16[]"\(option) }
              ranks: { type: "int32[]"\(option) }
              links: { type: "uuid[]"\(option) }
              flags: { type: "bool[]"\(option) }
              colors: { type: array, items: { type: enum, values: [red, green] }\(option) }
            indexes:
              - fields: [tags]
                kind: json
            """
    }

    @Test func postgresGetsNativeArraysAndSQLiteKeepsJSON() throws {
        let schema = try resolved([(schemaPath, Self.badges())])
        let fields = try #require(schema.collections.first?.declaredFields)
        #expect(fields.map { SQLDialect.postgres.columnType(for: $0) } == ["text[]", "bigint[]", "smallint[]", "integer[]", "uuid[]", "boolean[]", "text[]"])
        #expect(fields.map { SQLDialect.sqlite.columnType(for: $0) } == Array(repeating: "TEXT", count: 7))
        let tags = fields[0]
        #expect(SQLDialect.postgres.checks(for: tags, column: "tags")
                == ["array_ndims(tags) = 1 AND array_position(tags, NULL) IS NULL", "cardinality(tags) <= 3"])
        #expect(SQLDialect.sqlite.checks(for: tags, column: "tags")
                == ["(tags IS NULL OR json_valid(tags)) AND json_type(tags) = 'array'", "json_array_length(tags) <= 3"])
        #expect(SQLDialect.postgres.defaultValue(tags.defaultValue!, for: tags) == #"'{"a,b","say \"hi\"","NULL"}'::text[]"#)
        #expect(SQLDialect.sqlite.defaultValue(tags.defaultValue!, for: tags) == #"'["a,b","say \"hi\"","NULL"]'"#)
        let index = try #require(schema.collections.first?.indexes.first)
        #expect(SQLIndexPlanner(dialect: .postgres).statements(for: index, in: schema.collections[0]) == ["CREATE INDEX badges_tags_gin ON badges USING gin (tags);"])
        // Without the option, the same lists are jsonb.
        let json = try resolved([(schemaPath, Self.badges(storage: false))])
        #expect(json.collections[0].declaredFields.allSatisfy { SQLDialect.postgres.columnType(for: $0) == "jsonb" })
    }

    @Test func misplacedStorageIsReportedWhereItIs() {
        let listHint = self.hint("it applies to a list of scalars with a column of its own, such as 'string[]', 'int[]', 'uuid[]' or an enum's list")
        #expect(diagnostics("name: badges\nfields:\n  title: { type: string, storage: array }\n") == [
            error("'storage: array' does not apply to field 'title' of type string", 3, 35, notes: [listHint]),
        ])
        let items = self.hint("a native array holds strings (string, text, email, url, enum), integers (int, int16, int32, int64), uuids or bools; lists of objects, lists and other types stay JSON")
        #expect(diagnostics("name: badges\nfields:\n  parts: { type: array, items: { type: object, fields: { a: string } }, storage: array }\n") == [
            error("'storage: array' does not apply to field 'parts': its items are of type object", 3, 82, notes: [items]),
        ])
        #expect(diagnostics("name: badges\nfields:\n  grid: { type: array, items: { type: \"int[]\" }, storage: array }\n").map(\.message) == [
            "'storage: array' does not apply to field 'grid': its items are of type int[]",
        ])
        #expect(diagnostics("name: badges\nfields:\n  weights: { type: \"double[]\", storage: array }\n").map(\.message) == [
            "'storage: array' does not apply to field 'weights': its items are of type double",
        ])
        #expect(diagnostics("name: badges\nfields:\n  tags: { type: \"string[]\", storage: arry }\n").first?.notes == [self.hint("did you mean 'array'?")])
        // pathOps is jsonb's operator class: not a native array's.
        #expect(diagnostics("name: badges\nfields:\n  tags: { type: \"string[]\", storage: array }\nindexes:\n  - fields: [tags]\n    kind: json\n    pathOps: true\n") == [
            error("'pathOps' does not apply to 'tags': it is a native array ('storage: array'), not jsonb", 7, 14,
                  notes: [self.hint("drop 'pathOps': the GIN index uses the array's own operator class, which serves @> as well")]),
        ])
    }

    @Test func migrationsConvertItemByItemBothWays() throws {
        func steps(_ old: String, _ new: String, _ dialect: SQLDialect) throws -> [String] {
            let before = try resolved([(schemaPath, old)]), after = try resolved([(schemaPath, new)])
            return try MigrationPlanner.plan(from: SchemaSnapshot.of(before), to: after, snapshotPath: "s.json").steps[dialect] ?? []
        }
        let adopted = try steps(Self.badges(storage: false), Self.badges(), .postgres).joined(separator: "\n")
        #expect(adopted.contains(DatabaseDiffer.jsonbItemsDefinition))
        #expect(adopted.contains("ALTER TABLE badges ALTER COLUMN tags TYPE text[] USING pg_temp.schemagen_jsonb_items(tags)::text[];"))
        #expect(adopted.contains("ALTER TABLE badges ALTER COLUMN scores TYPE bigint[] USING pg_temp.schemagen_jsonb_items(scores)::bigint[];"))
        #expect(adopted.contains(#"ALTER TABLE badges ALTER COLUMN tags SET DEFAULT '{"a,b","say \"hi\"","NULL"}'::text[];"#))
        #expect(adopted.range(of: "DROP CONSTRAINT badges_tags_check")!.lowerBound < adopted.range(of: "ALTER COLUMN tags TYPE")!.lowerBound)
        #expect(adopted.components(separatedBy: "CREATE OR REPLACE FUNCTION").count == 2, "the function once")
        let dropped = try steps(Self.badges(), Self.badges(storage: false), .postgres).joined(separator: "\n")
        #expect(dropped.contains("ALTER TABLE badges ALTER COLUMN tags TYPE jsonb USING to_jsonb(tags);"))
        #expect(!dropped.contains("schemagen_jsonb_items"))
        #expect(try steps(Self.badges(storage: false), Self.badges(), .sqlite).isEmpty)
        #expect(try steps(Self.badges(), Self.badges(storage: false), .sqlite).isEmpty)
    }
}
