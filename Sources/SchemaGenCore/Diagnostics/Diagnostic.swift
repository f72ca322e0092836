/// A position in a schema file, as shown to the user: `path:line:column`.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The file path as the user gave it (relative paths stay relative, so messages stay short).
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column, counted in Unicode scalars (as libyaml counts them).
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// A file name holding a line break or control character is escaped, so a diagnostic stays
    /// one line.
    public var description: String { "\(DiagnosticText.oneLine(file)):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// One problem found in the schemas, reported the way a compiler reports it.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        case error
        case warning
    }

    /// A secondary line: a hint at the same place ("did you mean …"), or another place that
    /// explains this one ("first defined here").
    public struct Note: Hashable, Sendable {
        public var message: String
        public var location: SourceLocation?

        public init(_ message: String, at location: SourceLocation? = nil) {
            self.message = message
            self.location = location
        }
    }

    public var severity: Severity
    public var message: String
    public var location: SourceLocation
    public var notes: [Note]

    public init(_ severity: Severity = .error, _ message: String, at location: SourceLocation, notes: [Note] = []) {
        self.severity = severity
        self.message = message
        self.location = location
        self.notes = notes
    }

    /// `path:line:column: error: message`, then one `path:line:column: note: …` line per note.
    public var description: String {
        // Each message is one line whatever the names it quotes hold.
        var lines = ["\(location): \(severity.rawValue): \(DiagnosticText.oneLine(message))"]
        for note in notes {
            lines.append("\(note.location ?? location): note: \(DiagnosticText.oneLine(note.message))")
        }
        return lines.joined(separator: "\n")
    }
}

/// The error thrown by a stage that found problems in its input: every problem it found, in
/// file order.
public struct DiagnosticsError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        // By place; problems at the same place keep the order they were found in.
        self.diagnostics = diagnostics.enumerated()
            .sorted { ($0.element.location, $0.offset) < ($1.element.location, $1.offset) }
            .map(\.element)
    }

    public var description: String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let summary = errors == 1 ? "1 error" : "\(errors) errors"
        return (diagnostics.map(\.description) + [summary]).joined(separator: "\n")
    }
}

/// Collects diagnostics while a stage walks its input, so that one run reports every problem.
struct DiagnosticCollector {
    private(set) var diagnostics: [Diagnostic] = []

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    mutating func error(_ message: String, at location: SourceLocation, notes: [Diagnostic.Note] = []) {
        diagnostics.append(Diagnostic(.error, message, at: location, notes: notes))
    }

    mutating func append(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    /// Throws every collected diagnostic when any of them is an error.
    func throwIfErrors() throws(DiagnosticsError) {
        if hasErrors { throw DiagnosticsError(diagnostics) }
    }
}
