import Testing
@testable import SchemaGenCore

/// `kind: json`: a GIN index over a json or array field on PostgreSQL, a comment on SQLite, the
/// migration that adds or changes it, and where a misplaced option is reported.
@Suite("json indexes")
struct JSONIndexDiagnosticsTests: SchemaTestSupport {
    static func bundles(_ index: String) -> String {
        """
        name: bundles
        fields:
          title: string
          labels: { type: array, items: string }
          settings: json
        indexes:
          - \(index)

        """
    }

    private func ddl(_ yaml: String, _ dialect: SQLDialect) throws -> [String] {
        let schema = try resolved([(schemaPath, yaml)])
        let collection = try #require(schema.collections.first)
        return collection.indexes.flatMap { SQLIndexPlanner(dialect: dialect).statements(for: $0, in: collection) }
    }

    @Test func postgresBuildsAGINIndexAndSQLiteSaysItHasNone() throws {
        #expect(try ddl(Self.bundles("{ fields: [labels], kind: json }"), .postgres)
                == ["CREATE INDEX bundles_labels_gin ON bundles USING gin (labels);"])
        #expect(try ddl(Self.bundles("{ fields: [settings], kind: json, pathOps: true, name: settings_gin, where: { title: { isNull: false } } }"), .postgres)
                == ["CREATE INDEX settings_gin ON bundles USING gin (settings jsonb_path_ops) WHERE title IS NOT NULL;"])
        let sqlite = try ddl(Self.bundles("{ fields: [labels], kind: json }"), .sqlite)
        #expect(sqlite.count == 1 && sqlite[0].hasPrefix("-- bundles_labels_gin: SQLite has no index over the inside of a JSON value"))
        #expect(!sqlite[0].contains("CREATE"))
    }

    @Test func misplacedOptionsAreReportedWhereTheyAre() {
        #expect(diagnostics(Self.bundles("{ fields: [title], kind: json }")) == [
            error("a json index covers one json or array field, and 'title' is string", 7, 16,
                  notes: [hint("index a string field with 'kind: standard' (or 'kind: text' for full-text search)")]),
        ])
        #expect(diagnostics(Self.bundles("{ fields: [labels] }")) == [
            error("'labels' is stored as JSON and cannot be indexed", 7, 16,
                  notes: [hint("give the index 'kind: json' (a GIN index on PostgreSQL, serving containment)")]),
        ])
        #expect(diagnostics(Self.bundles("{ fields: [title], pathOps: true }")).map(\.message) == ["'pathOps' applies only to json indexes"])
        #expect(diagnostics(Self.bundles("{ fields: [labels, settings], kind: json }")).map(\.message) == ["a json index covers exactly one field"])
        #expect(diagnostics(Self.bundles("{ fields: [labels desc], kind: json }")).map(\.message)
                == ["a json index has no order: write 'labels' without 'desc'"])
        #expect(diagnostics(Self.bundles("{ fields: [labels], kind: json, unique: true }")).map(\.message) == ["only standard indexes can be unique"])
        #expect(diagnostics(Self.bundles("{ fields: [labels], kind: gin }")).first?.notes.first?.message.hasPrefix("for a GIN index over a json or array field") == true)
    }

    @Test func migrationsCreateAndRebuildTheIndex() throws {
        func steps(_ old: String, _ new: String, _ dialect: SQLDialect = .postgres) throws -> [String] {
            let before = try resolved([(schemaPath, old)]), after = try resolved([(schemaPath, new)])
            return try MigrationPlanner.plan(from: SchemaSnapshot.of(before), to: after, snapshotPath: "s.json").steps[dialect] ?? []
        }
        let plain = Self.bundles("{ fields: [title] }")
        let added = try steps(plain, Self.bundles("{ fields: [labels], kind: json }")).joined(separator: "\n")
        #expect(added.contains("CREATE INDEX bundles_labels_gin ON bundles USING gin (labels);"))
        let changed = try steps(Self.bundles("{ fields: [labels], kind: json }"), Self.bundles("{ fields: [labels], kind: json, pathOps: true }"))
            .joined(separator: "\n")
        #expect(changed.contains("DROP INDEX bundles_labels_gin;"))
        #expect(changed.contains("CREATE INDEX bundles_labels_gin ON bundles USING gin (labels jsonb_path_ops);"))
        #expect(changed.range(of: "DROP INDEX")!.lowerBound < changed.range(of: "CREATE INDEX")!.lowerBound)
    }
}
