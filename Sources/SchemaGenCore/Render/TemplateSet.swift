import Foundation
import Mustache

/// The Mustache templates one run renders with: the embedded defaults, with any file of a user's
/// templates folder replacing the default of the same name.
public struct TemplateSet: Sendable {
    /// Template text by name: the path under the templates folder without `.mustache`.
    public private(set) var sources: [String: String]
    let library: MustacheLibrary

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

    /// Parses every template, reporting each that does not parse with its file, line and column.
    /// The templates are parsed on every core at once (parsing is a fixed cost of every run).
    init(sources: [String: String], directory: String = "templates") throws(DiagnosticsError) {
        self.sources = sources
        let named = sources.sorted(by: { $0.key < $1.key })
        let parsed = Slots<Result<MustacheTemplate, any Error>>(count: named.count)
        DispatchQueue.concurrentPerform(iterations: named.count) { index in
            // Generated code is text, never HTML: nothing may be escaped. The pragma takes a
            // line of its own (a standalone tag leaves no trace), so errors are one line off.
            parsed.put(Result { try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT }}\n" + named[index].value) }, at: index)
        }
        var library = MustacheLibrary()
        var diagnostics: [Diagnostic] = []
        for ((name, _), result) in zip(named, parsed.values()) {
            switch result {
            case .success(let template):
                library.register(template, named: name)
            case .failure(let error as MustacheTemplate.ParserError):
                let file = "\(directory)/\(name).mustache"
                diagnostics.append(Diagnostic(.error, "template does not parse: \(error.error)",
                                              at: SourceLocation(file: file, line: max(1, error.context.lineNumber - 1),
                                                                 column: error.context.columnNumber)))
            case .failure(let error):
                diagnostics.append(Diagnostic(.error, "template does not parse: \(error)",
                                              at: SourceLocation(file: "\(directory)/\(name).mustache", line: 1, column: 1)))
            }
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
        self.library = library
    }

    func render(_ context: Any, template name: String) -> String {
        library.render(context, withTemplate: name) ?? ""
    }
}
