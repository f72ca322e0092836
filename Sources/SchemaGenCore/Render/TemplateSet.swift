import Foundation

/// The Mustache templates one run renders with: the embedded defaults, with any file of a user's
/// templates folder replacing the default of the same name. Each is parsed once, by schemagen's
/// own engine (Render/Mustache.swift), into the nodes every file is rendered from.
public struct TemplateSet: Sendable {
    /// Template text by name: the path under the templates folder without `.mustache`.
    public private(set) var sources: [String: String]
    /// The parsed templates, and their indexes by name (partials refer to each other by index).
    let templates: [MustacheTemplate]
    let indexes: [String: Int]

    /// The templates built into the tool (a copy of templates/), parsed once per process.
    public static func embedded() -> TemplateSet { builtIn }

    // The embedded templates are tested to parse, so this cannot fail.
    private static let builtIn = try! TemplateSet(sources: EmbeddedTemplates.all)

    /// The embedded templates overridden by every `*.mustache` file under `directory`.
    public static func embedded(overriddenBy directory: String) throws(DiagnosticsError) -> TemplateSet {
        var sources = EmbeddedTemplates.all
        let root = URL(fileURLWithPath: directory)
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
            throw DiagnosticsError([Diagnostic(.error, "templates folder not found",
                                               at: SourceLocation(file: directory, line: 1, column: 1))])
        }
        var unreadable: [Diagnostic] = []
        for case let url as URL in enumerator where url.pathExtension == "mustache" {
            let relative = url.path.dropFirst(root.path.count).drop { $0 == "/" }
            let name = String(relative.dropLast(".mustache".count))
            // Checked before it is opened (a FIFO would block) and decoded as UTF-8, like a schema.
            switch SchemaFileReader.readFile(url.path) {
            case .success(let source): sources[name] = source.contents
            case .failure(let diagnostic): unreadable.append(diagnostic)
            }
        }
        if !unreadable.isEmpty { throw DiagnosticsError(unreadable) }
        return try TemplateSet(sources: sources, directory: directory)
    }

    /// Parses every template, reporting each mistake (a section not closed, a partial naming no
    /// template, a tag the engine doesn't support) with its file, line and column.
    init(sources: [String: String], directory: String = "templates") throws(DiagnosticsError) {
        self.sources = sources
        let names = sources.keys.sorted()
        let indexes = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        var templates: [MustacheTemplate] = []
        var diagnostics: [Diagnostic] = []
        for name in names {
            do throws(MustacheTemplate.SyntaxError) {
                templates.append(try MustacheTemplate.parse(sources[name]!, partialIndex: { indexes[$0] }))
            } catch {
                diagnostics.append(Diagnostic(.error, "template does not parse: \(error.message)",
                                              at: SourceLocation(file: "\(directory)/\(name).mustache", line: error.line, column: error.column)))
            }
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
        self.templates = templates
        self.indexes = indexes
    }

    /// `context` rendered with the template `name` (nothing if there is none), `globals` beneath it.
    func render(_ context: Any, template name: String, globals: [String: String] = [:]) -> String {
        guard let index = indexes[name] else { return "" }
        return templates[index].render(context, globals: globals, templates: templates)
    }

    /// `render` as UTF-8 bytes (for `Renderer.tidy`, which works on bytes).
    func renderBytes(_ context: Any, template name: String, globals: [String: String] = [:]) -> [UInt8] {
        guard let index = indexes[name] else { return [] }
        return templates[index].renderBytes(context, globals: globals, templates: templates)
    }
}
