import Testing
@testable import SchemaGenCore

/// The import maps a GIN index over one jsonb column to a json index (`pathOps` for
/// jsonb_path_ops), and says why it leaves other GIN indexes out.
@Suite("Import of json indexes")
struct JSONIndexMappingTests {
    static let bundles = DatabaseCatalog.Table(
        name: "bundles",
        columns: [
            .init(name: "id", type: "uuid", isNullable: false, defaultExpression: "gen_random_uuid()"),
            .init(name: "labels", type: "jsonb", isNullable: true),
            .init(name: "settings", type: "jsonb", isNullable: true),
            .init(name: "words", type: "text[]", isNullable: true),
            .init(name: "codes", type: "integer[]", isNullable: true),
        ],
        constraints: [.init(name: "bundles_pkey", kind: .primaryKey, columns: ["id"])],
        indexes: [
            .init(name: "bundles_labels_gin", isUnique: false, method: "gin", keys: [.init(column: "labels")],
                  definition: "CREATE INDEX bundles_labels_gin ON public.bundles USING gin (labels jsonb_path_ops)"),
            .init(name: "settings_lookup", isUnique: false, method: "gin", keys: [.init(column: "settings")],
                  definition: "CREATE INDEX settings_lookup ON public.bundles USING gin (settings)"),
            .init(name: "bundles_words_gin", isUnique: false, method: "gin", keys: [.init(column: "words")],
                  definition: "CREATE INDEX bundles_words_gin ON public.bundles USING gin (words)"),
            .init(name: "bundles_codes_gin", isUnique: false, method: "gin", keys: [.init(column: "codes")],
                  definition: "CREATE INDEX bundles_codes_gin ON public.bundles USING gin (codes gin__int_ops)"),
        ])

    @Test func aGINIndexOverJSONBBecomesAJSONIndex() throws {
        let imported = try CatalogMapper.map(DatabaseCatalog(engine: .postgres, tables: [Self.bundles]))
        let text = try #require(imported.files.first?.contents)
        #expect(text.contains("""
            indexes:
              - fields: [labels]
                kind: json
                pathOps: true
              - fields: [settings]
                kind: json
                name: settings_lookup
              - fields: [words]
                kind: json

            """), "\(text)")
        // A native array is a list with `storage: array`, its GIN index a json index.
        #expect(text.contains("  words: { type: array, items: string, storage: array }"), "\(text)")
        #expect(text.contains("  codes: { type: array, items: int32, storage: array }"), "\(text)")
        #expect(text.contains("Index bundles_codes_gin (gin) not mapped"), "a GIN with another operator class has no spelling: \(text)")
    }
}
