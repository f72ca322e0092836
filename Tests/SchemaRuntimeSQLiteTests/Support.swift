import Foundation
import SchemaRuntime
@testable import SchemaRuntimeSQLite

/// The package root, found from this file: Tests/SchemaRuntimeSQLiteTests/Support.swift.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

/// Generated/SQL/sqlite.sql, as checked in.
func generatedSchema() throws -> String {
    try String(contentsOfFile: packageRoot + "/Generated/SQL/sqlite.sql", encoding: .utf8)
}

/// A small schema with every storage class, each kind of constraint, and a trigger that refuses.
let testSchema = """
    CREATE TABLE users (
        id TEXT NOT NULL PRIMARY KEY,
        email TEXT NOT NULL,
        name TEXT NOT NULL,
        CONSTRAINT users_name_check CHECK (length(name) BETWEEN 1 AND 50)
    ) STRICT;
    CREATE UNIQUE INDEX users_email_key ON users (email);
    CREATE UNIQUE INDEX users_name_key ON users (lower(name));
    CREATE TRIGGER users_email_immutable BEFORE UPDATE OF email ON users
        WHEN NEW.email IS NOT OLD.email
    BEGIN
        SELECT RAISE(ABORT, 'users.email cannot be changed');
    END;
    CREATE TABLE pairs (a INTEGER NOT NULL, b INTEGER NOT NULL, PRIMARY KEY (a, b)) STRICT;
    CREATE TABLE items (
        id INTEGER PRIMARY KEY,
        owner TEXT REFERENCES users (id),
        i INTEGER, d REAL, t TEXT, b INTEGER, u TEXT, dt TEXT, j TEXT, v BLOB, bl BLOB
    ) STRICT;
    CREATE TABLE counters (name TEXT NOT NULL PRIMARY KEY, value INTEGER NOT NULL) STRICT;
    CREATE TABLE entries (task INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (task, n)) STRICT;
    """

/// A database file in a fresh temporary folder, removed (with its -wal and -shm) afterwards.
func withTemporaryFile<T>(_ body: (String) async throws -> T) async throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("schemagen-sqlite-" + UUID().uuidString)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try await body(folder.appendingPathComponent("test.sqlite").path)
}

/// Both kinds of database, for tests that must hold for each.
enum Storage: String, CaseIterable, Sendable {
    case file
    case memory

    func withDatabase<T>(schema: String? = testSchema, _ body: (SQLiteDatabase) async throws -> T) async throws -> T {
        switch self {
        case .memory: return try await body(SQLiteDatabase.inMemory(schema: schema))
        case .file: return try await withTemporaryFile { path in try await body(SQLiteDatabase(path: path, schema: schema)) }
        }
    }
}

struct Expected: Error, Equatable {}

extension DatabaseExecutor {
    func count(_ table: String, where condition: String = "true", _ arguments: [SQLValue] = []) async throws -> Int {
        try await query("SELECT count(*) FROM \(table) WHERE \(condition)", arguments)[0].int(0)
    }
}

let alice = UUID(uuidString: "6F1C2A4E-0000-4000-8000-00000000000A")!
let bob = UUID(uuidString: "6F1C2A4E-0000-4000-8000-00000000000B")!
