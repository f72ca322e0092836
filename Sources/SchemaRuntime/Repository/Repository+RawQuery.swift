import Foundation

/// The escape hatch that keeps the rules: the caller's own SQL chooses the records, the
/// repository reads them with the caller's read rule.
extension Repository {
    /// The records whose ids `sql` selects (its first column), in the order of its rows, less
    /// those the caller may not read. `sql` may be any query (joins, grouping, window functions,
    /// `?` for each of `arguments`); it runs as the caller in the same read (on PostgreSQL under
    /// row-level security too), and the records are then read with the caller's read rule added,
    /// so what it selects is never more than the caller may see.
    ///
    ///     // Episodes with more than three scenes, longest first.
    ///     let busy = try await episodes.records(selectedBy: """
    ///         SELECT episode FROM scenes GROUP BY episode HAVING count(*) > ? ORDER BY count(*) DESC
    ///         """, [.int(3)], as: caller)
    public func records(selectedBy sql: String, _ arguments: [SQLValue] = [], as context: AccessContext) async throws -> [Record] {
        try await database.read(as: context) { db in
            var ids: [Record.ID] = []
            var seen: Set<Record.ID> = []
            for row in try await db.query(sql, arguments) {
                let id = try Record.ID(row: row, column: 0)
                if seen.insert(id).inserted { ids.append(id) }
            }
            guard !ids.isEmpty else { return [] }
            let records = try await select(where: "\(table.idColumn) IN (\(Self.placeholders(ids.count)))", ids.map(\.sqlValue),
                                           access: table.access.read.filter(for: context), db: db)
            let byID = Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            return ids.compactMap { byID[$0] }
        }
    }
}
