/// The whole pipeline, for the command-line tool, the plugins and the tests:
/// Load → Resolve → Plan → Render → Write.
public enum Pipeline {
    /// Load and Resolve: every problem in the schemas, or the checked schema. Resolve runs even
    /// when Load found problems (unless a whole file could not be read), so one run reports both.
    public static func resolve(_ sources: [SchemaSource]) throws(DiagnosticsError) -> Schema {
        let loaded = SchemaLoader.loadPartially(sources)
        let loadFailed = loaded.diagnostics.contains { $0.severity == .error }
        guard loaded.isComplete else { throw DiagnosticsError(loaded.diagnostics) }
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
    public static func render(_ schema: Schema, templates: TemplateSet = .embedded()) -> [GeneratedFile] {
        Renderer.render(SwiftModelsPlanner.plan(schema) + RepositoryPlanner.plan(schema) + SQLPlanner.plan(schema), with: templates)
    }

    /// Load through Render.
    public static func generate(_ sources: [SchemaSource], templates: TemplateSet = .embedded()) throws(DiagnosticsError) -> [GeneratedFile] {
        render(try resolve(sources), templates: templates)
    }
}
