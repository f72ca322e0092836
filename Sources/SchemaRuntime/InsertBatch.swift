/// Many rows in one INSERT, for `createAll` (`DatabaseExecutor.insertAll`'s default): one
/// statement per batch instead of one per record.
public enum InsertBatch {
    /// Inserts `rows` (values in `columns` order) into `table` in batches of `INSERT … VALUES
    /// (…), (…)`; returns how many rows the statements inserted.
    @discardableResult
    public static func insert(_ rows: [[SQLValue]], into table: String, columns: [String], on executor: any DatabaseExecutor) async throws -> Int {
        let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
        var inserted = 0
        for batch in batches(of: rows, sql: sql) {
            inserted += try await executor.execute(self.sql(sql, rows: batch.count), Array(batch.joined()))
        }
        return inserted
    }

    /// Inserts `rows` one `INSERT … RETURNING key` at a time (SQLite does not promise the order of
    /// a multi-row INSERT's RETURNING rows); returns each row's key, in order.
    public static func insertReturningKeys(_ rows: [[SQLValue]], into table: String, columns: [String], key: String,
                                           on executor: any DatabaseExecutor) async throws -> [Int64] {
        let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", "))) RETURNING \(key)"
        var keys: [Int64] = []
        keys.reserveCapacity(rows.count)
        for row in rows {
            keys.append(Int64(try await executor.query(sql, row)[0].int(0)))
        }
        return keys
    }

    /// At most this many rows per statement…
    public static let maximumRows = 500
    /// …and at most this many values: SQLite's limit since 3.32 (the generated schema needs
    /// 3.37); PostgreSQL allows 65,535.
    public static let maximumValues = 32_766

    /// `records` cut into batches small enough for one statement of `sql`, an INSERT of one row
    /// ending in `VALUES (?, …)`.
    public static func batches<T>(of records: [T], sql: String) -> [ArraySlice<T>] {
        let columns = max(1, row(of: sql).utf8.count(where: { $0 == UInt8(ascii: "?") }))
        let size = max(1, min(maximumRows, maximumValues / columns))
        return stride(from: 0, to: records.count, by: size).map { records[$0..<min($0 + size, records.count)] }
    }

    /// `sql`, an INSERT of one row ending in `VALUES (?, …)`, extended to `rows` rows.
    public static func sql(_ sql: String, rows: Int) -> String {
        guard rows > 1 else { return sql }
        let row = row(of: sql)
        var result = sql
        result.reserveCapacity(sql.utf8.count + (row.utf8.count + 2) * (rows - 1))
        for _ in 1..<rows {
            result += ", "
            result += row
        }
        return result
    }

    /// The placeholders of one row: the last parenthesized group.
    private static func row(of sql: String) -> Substring {
        sql.lastIndex(of: "(").map { sql[$0...] } ?? ""
    }
}
