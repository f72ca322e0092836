import ArgumentParser
import Foundation
import SchemaGenCore

/// Reads and resolves the schemas; on problems prints them and exits non-zero.
func loadSchema(from directory: String) throws -> Schema {
    try reportingDiagnostics {
        try Pipeline.resolve(try readSources(directory))
    }
}

/// Everything the schemas generate, in memory.
func generateFiles(schemas: String, templates: String?) throws -> [GeneratedFile] {
    try reportingDiagnostics {
        let templateSet = try templates.map { path throws(DiagnosticsError) in try TemplateSet.embedded(overriddenBy: path) }
            ?? TemplateSet.embedded()
        let schema = try Pipeline.resolve(try readSources(schemas))
        return Pipeline.render(schema, templates: templateSet)
    }
}

private func readSources(_ directory: String) throws -> [SchemaSource] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw ValidationError("schemas folder '\(directory)' not found (use --schemas)")
    }
    let sources = try SchemaLoader.sources(inDirectory: directory)
    guard !sources.isEmpty else {
        throw ValidationError("no schema files (*.yaml, *.yml) in '\(directory)'")
    }
    return sources
}

private func reportingDiagnostics<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as DiagnosticsError {
        printToStandardError(error.description)
        throw ExitCode.failure
    }
}

func printToStandardError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
