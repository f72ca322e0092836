import Testing
@testable import SchemaGenCore

/// Helpers for tests that feed in-memory schema files through Load and Resolve and look at the
/// diagnostics. A suite adopts the protocol to get them as members (so they never clash with
/// helpers of other test files).
protocol SchemaTestSupport {}

extension SchemaTestSupport {
    /// The path of the one file `diagnostics(_:)` resolves.
    var schemaPath: String { "schemas/x.yaml" }

    /// Loads and resolves `files` (path and contents, in the order given); returns the thrown
    /// error, or nil (with a recorded issue) when they resolved.
    func resolveError(_ files: [(path: String, yaml: String)],
                      sourceLocation: Testing.SourceLocation = #_sourceLocation) -> DiagnosticsError? {
        do {
            _ = try Pipeline.resolve(files.map { SchemaSource(path: $0.path, contents: $0.yaml) })
            Issue.record("expected diagnostics, but the schemas resolved", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    /// The diagnostics for one file at `schemaPath`, in the order reported (empty when it resolved).
    func diagnostics(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [Diagnostic] {
        diagnostics([(schemaPath, yaml)], sourceLocation: sourceLocation)
    }

    /// The diagnostics for several files, in the order reported (empty when they resolved).
    func diagnostics(_ files: [(path: String, yaml: String)],
                     sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [Diagnostic] {
        resolveError(files, sourceLocation: sourceLocation)?.diagnostics ?? []
    }

    /// Resolves files that must be valid.
    func resolved(_ files: [(path: String, yaml: String)]) throws -> Schema {
        try Pipeline.resolve(files.map { SchemaSource(path: $0.path, contents: $0.yaml) })
    }

    /// The expected error at `line:column` of `file` (default `schemaPath`).
    func error(_ message: String, _ line: Int, _ column: Int, in file: String? = nil,
               notes: [Diagnostic.Note] = []) -> Diagnostic {
        Diagnostic(.error, message, at: SchemaGenCore.SourceLocation(file: file ?? schemaPath, line: line, column: column),
                   notes: notes)
    }

    /// An expected note pointing at another place.
    func note(_ message: String, _ line: Int, _ column: Int, in file: String? = nil) -> Diagnostic.Note {
        Diagnostic.Note(message, at: SchemaGenCore.SourceLocation(file: file ?? schemaPath, line: line, column: column))
    }

    /// An expected note without a place of its own (a hint shown at the error's place).
    func hint(_ message: String) -> Diagnostic.Note {
        Diagnostic.Note(message)
    }
}
