/// The whole pipeline, for the command-line tool, the plugins and the tests:
/// Load → Resolve → Plan → Render → Write.
public enum Pipeline {
    /// Load and Resolve: every problem in the schemas, or the checked schema.
    public static func resolve(_ sources: [SchemaSource]) throws(DiagnosticsError) -> Schema {
        let files = try SchemaLoader.load(sources)
        return try SchemaResolver.resolve(files)
    }

    /// Plan and Render: every output file, in memory. Cannot fail on a resolved schema.
    public static func render(_ schema: Schema, templates: TemplateSet = .embedded()) -> [GeneratedFile] {
        Renderer.render(SwiftModelsPlanner.plan(schema), with: templates)
    }

    /// Load through Render.
    public static func generate(_ sources: [SchemaSource], templates: TemplateSet = .embedded()) throws(DiagnosticsError) -> [GeneratedFile] {
        render(try resolve(sources), templates: templates)
    }
}
