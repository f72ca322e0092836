import Foundation

/// A file of output: its path inside the output folder and its text.
public struct GeneratedFile: Sendable, Equatable {
    public var path: String
    public var contents: String

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}

/// Render: planned files → text, through the Mustache templates, tidied so that template
/// whitespace never shows in the output.
public enum Renderer {
    public static func render(_ files: [PlannedFile], with templates: TemplateSet) -> [GeneratedFile] {
        files.map { file in
            GeneratedFile(path: file.path,
                          contents: tidy(templates.render(TemplateContext.dictionaries(file.context), template: file.template)))
        }
        .sorted { $0.path < $1.path }
    }

    /// Removes trailing spaces, runs of blank lines, blank lines just inside braces, and ends the
    /// text with exactly one newline.
    static func tidy(_ text: String) -> String {
        var lines: [String] = []
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(rawLine).trimmingTrailingSpaces()
            if line.isEmpty {
                // No blank line at the start, after another blank line, or after an opening brace.
                guard let previous = lines.last, !previous.isEmpty, !previous.hasSuffix("{") else { continue }
            } else if line.trimmingCharacters(in: .whitespaces).hasPrefix("}"), lines.last?.isEmpty == true {
                lines.removeLast()  // no blank line before a closing brace
            }
            lines.append(line)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }
}
