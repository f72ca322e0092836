import Foundation
@testable import SchemaGenCore

/// A fresh SQLite database file, driven through the `sqlite3` shell. Foreign keys are a setting
/// of each connection, so every script starts with `PRAGMA foreign_keys = ON;`; `-bail` stops at
/// the first failing statement.
struct SQLiteDatabase: SQLDatabase {
    let dialect = SQLDialect.sqlite
    let path: String

    /// Separators no test value contains (values, such as CREATE TABLE text, may hold newlines).
    static let fieldSeparator = "\u{1F}"
    static let recordSeparator = "\u{1E}"

    static func withFresh<T>(applying fixture: Fixture?, _ body: (SQLiteDatabase) async throws -> T) async throws -> T {
        let database = SQLiteDatabase(path: FileManager.default.temporaryDirectory
            .appendingPathComponent("schemagen-\(UUID().uuidString).sqlite").path)
        defer {
            for suffix in ["", "-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database.path + suffix) }
        }
        if let fixture { try await database.apply(fixture) }
        return try await body(database)
    }

    @discardableResult
    func execute(_ script: String) async throws -> [[String]] {
        let output = try await runTool("sqlite3", [
            "-bail", "-batch", "-noheader", "-list",
            "-separator", Self.fieldSeparator, "-newline", Self.recordSeparator, "-nullvalue", "NULL",
            path,
        ], input: "PRAGMA foreign_keys = ON;\n" + script)
        guard !output.isEmpty else { return [] }
        return output.dropLast(output.hasSuffix(Self.recordSeparator) ? 1 : 0)
            .split(separator: Self.recordSeparator, omittingEmptySubsequences: false)
            .map { $0.split(separator: Self.fieldSeparator, omittingEmptySubsequences: false).map(String.init) }
    }
}
