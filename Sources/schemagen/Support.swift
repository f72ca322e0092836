import ArgumentParser
import Foundation
import SchemaGenCore

/// Reads and resolves the schemas, printing diagnostics and exiting non-zero on problems.
func loadSchema(from directory: String) throws -> Schema {
    do {
        let sources = try SchemaLoader.sources(inDirectory: directory)
        guard !sources.isEmpty else {
            throw ValidationError("no schema files (*.yaml, *.yml) in '\(directory)'")
        }
        return try Pipeline.resolve(sources)
    } catch let error as DiagnosticsError {
        printToStandardError(error.description)
        throw ExitCode.failure
    }
}

func printToStandardError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
