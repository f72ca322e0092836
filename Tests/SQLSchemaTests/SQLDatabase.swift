import Foundation
import Testing
@testable import SchemaGenCore

/// A fresh, empty database of one engine, driven through the engine's own command-line client.
/// Every `execute` is a new client session on the same database.
protocol SQLDatabase: Sendable {
    var dialect: SQLDialect { get }
    /// Runs a script; returns the rows of every result it prints, each a list of column values as
    /// text. Throws `ToolFailure` (with the client's error output) when a statement fails.
    @discardableResult
    func execute(_ script: String) async throws -> [[String]]
}

/// Runs `body` with a fresh database of `dialect` holding `fixture`'s generated DDL (or nothing),
/// and removes the database afterwards.
func withFreshDatabase<T>(_ dialect: SQLDialect, applying fixture: Fixture? = .studio,
                          _ body: (any SQLDatabase) async throws -> T) async throws -> T {
    switch dialect {
    case .sqlite: return try await SQLiteDatabase.withFresh(applying: fixture, body)
    case .postgres: return try await PostgresDatabase.withFresh(applying: fixture, body)
    }
}

/// A statement a constraint must refuse, and how each engine says so.
enum Violation {
    case check(String)
    /// A unique index: PostgreSQL names it, SQLite names its columns.
    case unique(index: String, table: String, columns: [String])
    case notNull(table: String, column: String)
    /// SQLite doesn't say which foreign key.
    case foreignKey(String)
    /// PostgreSQL: a row-level security WITH CHECK refused the row.
    case rowLevelSecurity(table: String)

    func message(_ dialect: SQLDialect) -> String {
        switch (self, dialect) {
        case (.check(let name), .sqlite): return "CHECK constraint failed: \(name)"
        case (.check(let name), .postgres): return "violates check constraint \"\(name)\""
        case (.unique(_, let table, let columns), .sqlite):
            return "UNIQUE constraint failed: " + columns.map { "\(table).\($0)" }.joined(separator: ", ")
        case (.unique(let index, _, _), .postgres): return "violates unique constraint \"\(index)\""
        case (.notNull(let table, let column), .sqlite): return "NOT NULL constraint failed: \(table).\(column)"
        case (.notNull(let table, let column), .postgres):
            return "null value in column \"\(column)\" of relation \"\(table)\" violates not-null constraint"
        case (.foreignKey, .sqlite): return "FOREIGN KEY constraint failed"
        case (.foreignKey(let name), .postgres): return "violates foreign key constraint \"\(name)\""
        case (.rowLevelSecurity(let table), _): return "new row violates row-level security policy for table \"\(table)\""
        }
    }
}

extension SQLDatabase {
    /// Applies a fixture's generated DDL.
    func apply(_ fixture: Fixture) async throws {
        try await execute(try fixture.sql(dialect))
    }

    /// The single value a query returns.
    func value(_ query: String) async throws -> String {
        let rows = try await execute(query)
        guard rows.count == 1, rows[0].count == 1 else {
            throw UnexpectedResult(description: "expected one value from \(query), got \(rows)")
        }
        return rows[0][0]
    }

    /// The first column of every row a query returns.
    func column(_ query: String) async throws -> [String] {
        try await execute(query).map { $0.first ?? "" }
    }

    func count(_ table: String, where condition: String = "true") async throws -> Int {
        Int(try await value("SELECT count(*) FROM \(table) WHERE \(condition);")) ?? -1
    }

    /// Runs a script that must fail, and checks that the client's error names the violation.
    func expectRejected(_ script: String, because violation: Violation,
                        sourceLocation: Testing.SourceLocation = #_sourceLocation) async {
        await expectRejected(script, saying: violation.message(dialect), sourceLocation: sourceLocation)
    }

    /// Runs a script that must fail, and checks that the client's error contains `message`.
    func expectRejected(_ script: String, saying message: String,
                        sourceLocation: Testing.SourceLocation = #_sourceLocation) async {
        do {
            try await execute(script)
            Issue.record("\(dialect.rawValue) accepted what it must refuse (\(message)):\n\(script)", sourceLocation: sourceLocation)
        } catch let failure as ToolFailure {
            #expect(failure.standardError.contains(message),
                    "\(dialect.rawValue) refused, but not with '\(message)':\n\(failure.standardError)\n\(script)",
                    sourceLocation: sourceLocation)
        } catch {
            Issue.record(error, sourceLocation: sourceLocation)
        }
    }
}

struct UnexpectedResult: Error, CustomStringConvertible {
    var description: String
}

/// Dialect spellings the scenarios need beyond plain SQL.
extension SQLDialect {
    /// A timestamp `days` before now, in the column's own form.
    func timestamp(daysAgo days: Int) -> String {
        self == .postgres ? "now() - interval '\(days) days'" : "strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-\(days) days')"
    }

    /// A timestamp `hours` before now.
    func timestamp(hoursAgo hours: Int) -> String {
        self == .postgres ? "now() - interval '\(hours) hours'" : "strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-\(hours) hours')"
    }

    /// A vector value of `count` numbers: a real[] on PostgreSQL, 4 bytes a number on SQLite.
    func vector(_ count: Int) -> String {
        self == .postgres ? "array_fill(0.5::real, ARRAY[\(count)])" : "zeroblob(\(count * 4))"
    }
}
