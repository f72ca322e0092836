/// The whole pipeline, for the command-line tool, the plugins and the tests:
/// Load → Resolve → Plan → Render → Write.
public enum Pipeline {
    /// Load and Resolve.
    public static func resolve(_ sources: [SchemaSource]) throws(DiagnosticsError) -> Schema {
        let files = try SchemaLoader.load(sources)
        return try SchemaResolver.resolve(files)
    }
}
