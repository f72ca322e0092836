import Foundation

/// An aggregate of a column over the records a caller may read.
public enum AggregateFunction: String, Sendable {
    case sum, min, max, average

    fileprivate var sql: String { self == .average ? "avg" : rawValue }
}

/// Aggregates over the columns that lead an index (`Record.Columns`): counts, sums, minimums,
/// maximums and averages, of everything the caller may read or per value of a column (episodes
/// per project for a page of projects, in one query). The caller's read rule applies as in
/// every read.
extension Repository {
    /// How many records of each of `keys` (values of the `groupedBy` column) match `filter`
    /// among those the caller may read; a key with none counts 0. One query:
    ///
    ///     let episodeCounts = try await episodes.count(groupedBy: { $0.project }, in: page.items.map(\.id), as: caller)
    public func count<Key: Hashable & Sendable>(
        groupedBy group: @Sendable (Record.Columns) -> QueryColumn<Record, Key>,
        in keys: [Key],
        where filter: @Sendable (Record.Columns) -> RecordPredicate<Record> = { _ in .all },
        as context: AccessContext
    ) async throws -> [Key: Int] {
        let columns = Record.Columns()
        let values = try await grouped("count(*)", by: group(columns), keys: keys, filter: filter(columns), context: context)
        return Dictionary(uniqueKeysWithValues: keys.map { key in (key, values[key].flatMap { try? SQLRow([$0]).int(0) } ?? 0) })
    }

    /// `function` of a numeric column for each of `keys` (nil for a key with no record, or only
    /// NULLs), over the records matching `filter` that the caller may read. One query.
    public func aggregate<Value, Key: Hashable & Sendable>(
        _ function: AggregateFunction,
        of column: @Sendable (Record.Columns) -> QueryColumn<Record, Value>,
        groupedBy group: @Sendable (Record.Columns) -> QueryColumn<Record, Key>,
        in keys: [Key],
        where filter: @Sendable (Record.Columns) -> RecordPredicate<Record> = { _ in .all },
        as context: AccessContext
    ) async throws -> [Key: Double] {
        let columns = Record.Columns()
        let values = try await grouped(Self.aggregateSQL(function, column(columns).sql), by: group(columns), keys: keys,
                                       filter: filter(columns), context: context)
        return values.compactMapValues { try? SQLRow([$0]).double(0) }
    }

    /// `function` of a numeric column over all the records matching `filter` that the caller may
    /// read; nil when there is none.
    public func aggregate<Value>(
        _ function: AggregateFunction,
        of column: @Sendable (Record.Columns) -> QueryColumn<Record, Value>,
        where filter: @Sendable (Record.Columns) -> RecordPredicate<Record> = { _ in .all },
        as context: AccessContext
    ) async throws -> Double? {
        let columns = Record.Columns()
        let predicate = filter(columns)
        let expression = Self.aggregateSQL(function, column(columns).sql)
        return try await database.read(as: context) { db in
            let access = table.access.read.filter(for: context)
            let rows = try await db.query("SELECT \(expression) FROM \(table.name) WHERE \(notDeleted(predicate.sql(for: db.dialect))) AND \(access.sql)",
                                          predicate.arguments + access.arguments)
            return try rows.first?.optional(0) { try rows[0].double($0) }
        }
    }

    /// Both engines' numbers as double precision (PostgreSQL's `sum` and `avg` of integers are
    /// `numeric`).
    private static func aggregateSQL(_ function: AggregateFunction, _ column: String) -> String {
        "CAST(\(function.sql)(\(column)) AS DOUBLE PRECISION)"
    }

    /// `SELECT group, expression … WHERE group IN (keys) … GROUP BY group`, by key.
    private func grouped<Key: Hashable & Sendable>(
        _ expression: String,
        by group: QueryColumn<Record, Key>,
        keys: [Key],
        filter: RecordPredicate<Record>,
        context: AccessContext
    ) async throws -> [Key: SQLValue] {
        guard !keys.isEmpty else { return [:] }
        let predicate = filter && group.in(keys)
        let sql = "SELECT \(group.sql), \(expression) FROM \(table.name) WHERE \(notDeleted(predicate.sql(for: database.dialect))) AND "
        // Each group's value by its canonical text: the rows hold the database's own spelling of a key.
        let byGroup = try await database.read(as: context) { db in
            let access = table.access.read.filter(for: context)
            let rows = try await db.query(sql + "\(access.sql) GROUP BY \(group.sql)", predicate.arguments + access.arguments)
            var values: [String: SQLValue] = [:]
            for row in rows where row.values[1] != .null {
                values[row.values[0].canonical] = row.values[1]
            }
            return values
        }
        var values: [Key: SQLValue] = [:]
        for key in keys {
            if let value = byGroup[group.encode(key).canonical] { values[key] = value }
        }
        return values
    }
}

extension SQLValue {
    /// One text per value whatever the engine returned it as (SQLite gives UUIDs as text,
    /// booleans as integers): matches a group's value to the key it came from.
    var canonical: String {
        switch self {
        case .uuid(let value): return value.uuidString.lowercased()
        case .text(let text): return UUID(uuidString: text)?.uuidString.lowercased() ?? text
        case .bool(let value): return value ? "1" : "0"
        case .double(let value) where value.rounded() == value && abs(value) < 1e15: return String(Int64(value))
        default: return cursorText
        }
    }
}
