import Foundation

/// The whole pipeline, for the command-line tool, the plugins and the tests:
/// Load → Resolve → Plan → Render → Write.
public enum Pipeline {
    /// Load and Resolve: every problem in the schemas, or the checked schema. Resolve runs even
    /// when Load found problems (unless a whole file could not be read), so one run reports both.
    public static func resolve(_ sources: [SchemaSource]) throws(DiagnosticsError) -> Schema {
        let loaded = SchemaLoader.loadPartially(sources)
        let loadFailed = loaded.diagnostics.contains { $0.severity == .error }
        guard loaded.isComplete else { throw DiagnosticsError(loaded.diagnostics) }
        let mayHoldNUL = Set(sources.filter { NameSafety.mayHoldNUL($0.contents) }.map(\.path))
        let unsafeText = NameSafety.diagnostics(loaded.files.filter { mayHoldNUL.contains($0.path) })
        if !unsafeText.isEmpty { throw DiagnosticsError(loaded.diagnostics + unsafeText) }
        let schema: Schema
        do {
            schema = try SchemaResolver.resolve(loaded.files)
        } catch {
            throw DiagnosticsError(loaded.diagnostics + error.diagnostics)
        }
        if loadFailed { throw DiagnosticsError(loaded.diagnostics) }
        return schema
    }

    /// Plan and Render: every output file, in memory. Cannot fail on a resolved schema.
    /// `history` (Generated/Migrations) is embedded in the Swift output when it has migrations.
    public static func render(_ schema: Schema, templates: TemplateSet = .embedded(),
                              options: GenerationOptions = GenerationOptions(),
                              history: MigrationHistory = .none) -> [GeneratedFile] {
        let globals = ["access": options.accessModifier.rawValue, "runtimeModule": options.runtimeModule]
        let wantsSwift = options.outputs.contains(.swift)
        // Independent parts, on every core at once: the sample data (and the docs that show it),
        // the repositories, the SQL (and the Swift that embeds it), the models. The longest
        // chain (building the fixtures, then planning their files and the docs) runs on this
        // thread from the start; the others are tasks on the global queue. Not the iterations of
        // a `concurrentPerform`: each part maps its collections on every core
        // (`concurrentMap`), and a `concurrentPerform` inside another runs on one thread, so
        // a part left last (the docs) ran alone while the other core idled.
        let parts = Slots<[GeneratedFile]>(count: 4)
        let makePart = { @Sendable (part: Int) in
            switch part {
            case 0:
                guard !options.outputs.isDisjoint(with: [.fixtures, .docs]) else { return parts.put([], at: part) }
                let sample = fixtures(schema, options: options.fixtures)
                var files: [GeneratedFile] = []
                if options.outputs.contains(.fixtures) {
                    files += Renderer.render(FixturePlanner.plan(schema, fixtures: sample), with: templates, globals: globals)
                }
                if options.outputs.contains(.docs) {
                    files += Renderer.render(DocsPlanner.plan(schema, examples: docsExamples(schema, sample)), with: templates, globals: globals)
                }
                parts.put(files, at: part)
            case 1:
                guard wantsSwift else { return parts.put([], at: part) }
                parts.put(Renderer.render(RepositoryPlanner.plan(schema), with: templates, globals: globals), at: part)
            case 2:
                guard wantsSwift || options.outputs.contains(.sql) else { return parts.put([], at: part) }
                let sql = Renderer.render(SQLPlanner.plan(schema), with: templates, globals: globals)
                var files = options.outputs.contains(.sql) ? sql : []
                if wantsSwift { files += Renderer.render([databaseSchema(sql: sql, history: history)], with: templates, globals: globals) }
                parts.put(files, at: part)
            default:
                guard wantsSwift else { return parts.put([], at: part) }
                parts.put(Renderer.render(SwiftModelsPlanner.plan(schema), with: templates, globals: globals), at: part)
            }
        }
        let others = DispatchGroup()
        for part in 1..<4 {
            DispatchQueue.global().async(group: others) { makePart(part) }
        }
        makePart(0)
        others.wait()
        var files = parts.values().flatMap { $0 }
        if wantsSwift {
            switch options.layout {
            case .perSchemaFile:
                let swift = files.filter { $0.path.hasPrefix("Swift/") }
                files = files.filter { !$0.path.hasPrefix("Swift/") } + Renderer.joinedPerSchemaFile(swift)
            case .perType:
                files = Renderer.joinedPerModel(files)
            }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// `Swift/DatabaseSchema.swift`: the DDL of `sql` and the migrations of `history`, as Swift literals.
    private static func databaseSchema(sql: [GeneratedFile], history: MigrationHistory) -> PlannedFile {
        let ddl = Dictionary(sql.map { ($0.path, $0.contents) }, uniquingKeysWith: { first, _ in first })
        let migrations = { (dialect: SQLDialect) -> [[String: String]] in
            (history.migrations[dialect] ?? []).map {
                ["version": String($0.version), "name": $0.name, "sql": SwiftLiteral.multilineRaw($0.sql)]
            }
        }
        return PlannedFile(path: "Swift/DatabaseSchema.swift", template: "swift/database-schema.swift", context: [
            "sqlite": SwiftLiteral.multilineRaw(ddl["SQL/sqlite.sql"] ?? ""),
            "postgres": SwiftLiteral.multilineRaw(ddl["SQL/postgres.sql"] ?? ""),
            "hasMigrations": history.lastVersion > 0,
            "sqliteMigrations": migrations(.sqlite),
            "postgresMigrations": migrations(.postgres),
        ] as [String: any Sendable])
    }

    /// Each collection's example document for its docs page: the second fixture row (complete,
    /// and without a vector where vectors are every third row), sensitive values redacted.
    private static func docsExamples(_ schema: Schema, _ fixtures: FixtureSet) -> [String: String] {
        var examples: [String: String] = [:]
        for collection in schema.collections {
            let rows = fixtures.rows(of: collection.name)
            guard let row = rows.count > 2 ? rows[1] : rows.first else { continue }
            examples[collection.name] = FixtureJSON.pretty(FixtureValue(DocsExample.redacting(row.document.jsonLiteral, of: collection)))
        }
        return examples
    }

    /// The sample data, in memory (what Fixtures/ holds), for the seed command and the tests.
    public static func fixtures(_ schema: Schema, options: FixtureOptions = FixtureOptions()) -> FixtureSet {
        FixtureBuilder.build(schema, options: options)
    }

    /// Load through Render.
    public static func generate(_ sources: [SchemaSource], templates: TemplateSet = .embedded(),
                                options: GenerationOptions = GenerationOptions()) throws(DiagnosticsError) -> [GeneratedFile] {
        render(try resolve(sources), templates: templates, options: options)
    }
}
