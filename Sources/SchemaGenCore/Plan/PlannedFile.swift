// What Plan hands to Render, and small helpers every planner uses.

/// One file to render: which template, with which view model.
public struct PlannedFile: Sendable {
    /// Path inside the output folder: `Swift/Project.swift`.
    public var path: String
    /// Template name: its path under templates/ without `.mustache` (`swift/model.swift`).
    public var template: String
    public var context: any Sendable
    /// The schema file the output comes from (`projects`), for the one-file-per-schema layout.
    public var group: String?

    public init(path: String, template: String, context: any Sendable, group: String? = nil) {
        self.path = path
        self.template = template
        self.context = context
        self.group = group
    }
}

struct DocView: Sendable {
    /// Lines of a `///` comment, without the slashes.
    var lines: [String]

    /// Split at every line terminator, control characters replaced: see `Escaping.docLines`.
    init(_ text: String?) {
        lines = Escaping.docLines(text)
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return text
    }
}
