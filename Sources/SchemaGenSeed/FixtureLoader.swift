import Foundation
import SchemaGenCore
import SchemaRuntime

/// What loading the fixtures did to one table.
public struct SeededTable: Sendable, Equatable {
    public var table: String
    public var rowsBefore: Int
    public var rowsAfter: Int
    /// Rows of the fixtures for this table.
    public var sampleRows: Int
    /// Sample rows the database deleted as they were inserted (SQLite's time-to-live trigger).
    public var expiredRows: Int

    public var added: Int { rowsAfter - rowsBefore }

    /// `tasks: 5 rows added, 3 already expired (time to live)` or `users: nothing to add (8 rows)`.
    public var summary: String {
        var text = added > 0 ? "\(table): \(added) row\(added == 1 ? "" : "s") added" : "\(table): nothing to add (\(rowsAfter) rows)"
        if expiredRows > 0 { text += ", \(expiredRows) sample row\(expiredRows == 1 ? "" : "s") already expired (time to live)" }
        return text
    }
}

/// Loads the fixtures into a database that has the schema, in one transaction as the system
/// context. Rows that exist are left alone, so running it again adds nothing.
public enum FixtureLoader {
    public static func load(_ fixtures: FixtureSet, schema: Schema, into database: any DatabaseExecutor,
                            now: Date = Date()) async throws -> [SeededTable] {
        let dialect: SQLDialect = database.dialect == .postgres ? .postgres : .sqlite
        let statements = FixtureSQL.statements(fixtures, schema: schema, dialect: dialect)
        let tables = statements.map(\.table).reduce(into: [String]()) { tables, table in
            if !tables.contains(table) { tables.append(table) }
        }
        let expired = dialect == .sqlite ? fixtures.expiredRows(in: schema, at: now) : [:]
        return try await database.transaction(as: .system) { transaction in
            let before = try await counts(tables, in: transaction)
            for statement in statements { try await transaction.execute(statement.sql, []) }
            let after = try await counts(tables, in: transaction)
            return tables.map { table in
                let collection = schema.collections.first { $0.tableName == table }
                let sampleRows = statements.filter { $0.table == table }.reduce(0) { $0 + $1.rows }
                return SeededTable(table: table, rowsBefore: before[table] ?? 0, rowsAfter: after[table] ?? 0, sampleRows: sampleRows,
                                   expiredRows: collection.flatMap { expired[$0.name]?.count } ?? 0)
            }
        }
    }

    private static func counts(_ tables: [String], in database: any DatabaseExecutor) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in tables {
            counts[table] = try await database.query("SELECT count(*) FROM \(Naming.sqlQuoted(table))", [])[0].int(0)
        }
        return counts
    }
}
