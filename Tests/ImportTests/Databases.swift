import Foundation
import Testing
@testable import SchemaGenCore
import SchemaGenImport

/// Whether PostgreSQL tests run (as in SQLSchemaTests): scripts/with-postgres sets
/// SCHEMAGEN_POSTGRES_URL; with SCHEMAGEN_REQUIRE_POSTGRES=1 or CI=true a missing server fails.
struct PostgresSetting: Sendable {
    var url: String?
    var isRequired: Bool

    static let current = PostgresSetting(environment: ProcessInfo.processInfo.environment)

    init(environment: [String: String]) {
        url = environment["SCHEMAGEN_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
        let flag = { (name: String) in ["1", "true", "yes"].contains(environment[name]?.lowercased() ?? "") }
        isRequired = flag("SCHEMAGEN_REQUIRE_POSTGRES") || flag("CI")
    }

    var testsAreEnabled: Bool { url != nil || isRequired }

    func serverURL() throws -> String {
        guard let url else { throw ToolFailure(description: "PostgreSQL is required: run scripts/with-postgres (SCHEMAGEN_POSTGRES_URL is not set)") }
        return url
    }

    func url(ofDatabase name: String) throws -> String {
        guard var components = URLComponents(string: try serverURL()) else { throw ToolFailure(description: "SCHEMAGEN_POSTGRES_URL is not a URL") }
        components.path = "/" + name
        return try #require(components.string)
    }
}

extension Trait where Self == ConditionTrait {
    static var postgres: Self {
        .enabled(if: PostgresSetting.current.testsAreEnabled,
                 "PostgreSQL is not available: run scripts/with-postgres (set SCHEMAGEN_REQUIRE_POSTGRES=1 to fail instead of skipping)")
    }
}

struct ToolFailure: Error, CustomStringConvertible {
    var description: String
}

/// Runs a command-line client with `input` on standard input; throws with its error output.
@discardableResult
func runTool(_ tool: String, _ arguments: [String], input: String) throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("schemagen-import-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let inputURL = directory.appendingPathComponent("in"), outputURL = directory.appendingPathComponent("out"),
        errorURL = directory.appendingPathComponent("err")
    try Data(input.utf8).write(to: inputURL)
    try Data().write(to: outputURL)
    try Data().write(to: errorURL)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    process.standardInput = try FileHandle(forReadingFrom: inputURL)
    process.standardOutput = try FileHandle(forWritingTo: outputURL)
    process.standardError = try FileHandle(forWritingTo: errorURL)
    try process.run()
    process.waitUntilExit()
    let output = String(decoding: try Data(contentsOf: outputURL), as: UTF8.self)
    guard process.terminationStatus == 0 else {
        throw ToolFailure(description: "\(tool) failed: " + String(decoding: try Data(contentsOf: errorURL), as: UTF8.self))
    }
    return output
}

/// A fresh database of one engine with a script applied; removed afterwards.
enum FreshDatabase {
    /// An SQLite file built with the `sqlite3` shell.
    static func sqlite<T>(_ script: String, _ body: (String) async throws -> T) async throws -> T {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("schemagen-import-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        try runTool("sqlite3", ["-bail", "-batch", path], input: "PRAGMA foreign_keys = ON;\n" + script)
        return try await body(path)
    }

    /// A new database on the server of scripts/with-postgres, built with `psql`.
    static func postgres<T>(_ script: String, _ body: (String) async throws -> T) async throws -> T {
        let setting = PostgresSetting.current
        let server = try setting.serverURL()
        let name = "schemagen_import_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        try psql(server, "CREATE DATABASE \(name);")
        let url = try setting.url(ofDatabase: name)
        defer { _ = try? psql(server, "DROP DATABASE IF EXISTS \(name) WITH (FORCE);") }
        try psql(url, script)
        return try await body(url)
    }

    @discardableResult
    static func psql(_ url: String, _ script: String) throws -> String {
        try runTool("psql", ["-X", "-q", "-w", "-v", "ON_ERROR_STOP=1", "-d", url], input: script)
    }
}

/// Loading schema files from a folder, and their generated DDL.
enum SchemaFolder {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func sources(_ folder: String) throws -> [SchemaSource] {
        try SchemaLoader.sources(inDirectory: root.appendingPathComponent(folder).path)
    }

    static func ddl(_ sources: [SchemaSource], _ dialect: SQLDialect) throws -> String {
        var options = GenerationOptions()
        options.outputs = [.sql]
        let files = try Pipeline.generate(sources, options: options)
        return try #require(files.first { $0.path == "SQL/\(dialect.rawValue).sql" }).contents
    }
}
