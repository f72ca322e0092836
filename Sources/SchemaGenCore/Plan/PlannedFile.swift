// What Plan hands to Render, and small helpers every planner uses.

/// One file to render: which template, with which view model.
public struct PlannedFile: Sendable {
    /// Path inside the output folder: `Swift/Project.swift`.
    public var path: String
    /// Template name: its path under templates/ without `.mustache` (`swift/model.swift`).
    public var template: String
    public var context: any Sendable
}

struct DocView: Sendable {
    /// Lines of a `///` comment, without the slashes.
    var lines: [String]

    init(_ text: String?) {
        lines = (text ?? "").split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0).trimmingTrailingSpaces() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        while lines.first?.isEmpty == true { lines.removeFirst() }
    }

    var isEmpty: Bool { lines.isEmpty }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return text
    }
}
