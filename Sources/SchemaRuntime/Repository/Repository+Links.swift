import Foundation

/// The join tables of `refs` fields: read with the records, written with them.
extension Repository {
    /// Fills each record's to-many references from the join tables, one query per reference.
    func loadLinks(into records: inout [Record], db: any DatabaseExecutor) async throws {
        guard !records.isEmpty, !table.links.isEmpty else { return }
        let ids = records.map(\.id.sqlValue)
        let placeholders = Self.placeholders(ids.count)
        let positions = Dictionary(records.indices.map { (records[$0].id, $0) }, uniquingKeysWith: { first, _ in first })
        for link in table.links {
            var targets = [[SQLValue]](repeating: [], count: records.count)
            let sql = "SELECT \(link.ownerColumn), \(link.targetColumn) FROM \(link.joinTable) WHERE \(link.ownerColumn) IN (\(placeholders)) ORDER BY \(link.ownerColumn), position"
            for row in try await db.query(sql, ids) {
                guard let position = positions[try Record.ID(row: row, column: 0)] else { continue }
                targets[position].append(try link.readTarget(row, 1))
            }
            for position in records.indices { try link.setTargets(&records[position], targets[position]) }
        }
    }

    /// Brings the join tables in line with the record, touching only the links that changed:
    /// new ones and moved ones first, removed ones last, so that a member who may update the
    /// record (through a link of their own) stays one until the end of the change.
    func saveLinks(of record: Record, db: any DatabaseExecutor) async throws {
        let owner = record.id.sqlValue
        for link in table.links {
            var stored: [SQLValue: Int] = [:]
            for row in try await db.query("SELECT \(link.targetColumn), position FROM \(link.joinTable) WHERE \(link.ownerColumn) = ?", [owner]) {
                stored[try link.readTarget(row, 0)] = try row.int(1)
            }
            let wanted = link.targets(record)
            for (position, target) in wanted.enumerated() {
                let values: [SQLValue] = [.int(Int64(position)), owner, target]
                switch stored[target] {
                case nil:
                    try await run(db) {
                        try await db.execute("INSERT INTO \(link.joinTable) (position, \(link.ownerColumn), \(link.targetColumn)) VALUES (?, ?, ?)", values)
                    }
                case position?:
                    break
                default:
                    try await db.execute("UPDATE \(link.joinTable) SET position = ? WHERE \(link.ownerColumn) = ? AND \(link.targetColumn) = ?", values)
                }
            }
            let kept = Set(wanted)
            for target in stored.keys.sorted(by: { $0.cursorText < $1.cursorText }) where !kept.contains(target) {
                try await db.execute("DELETE FROM \(link.joinTable) WHERE \(link.ownerColumn) = ? AND \(link.targetColumn) = ?", [owner, target])
            }
        }
    }
}

// What a generated `addCollaborator(_:to:as:)` and `removeCollaborator(_:from:as:)` call: the
// list is named by a key path, so the generated method is one line with no closure. (A list
// inside an optional object has no writable key path: its methods change the record themselves.)
extension Repository {
    /// Adds `target` at the end of the list at `list`, unless it is there already: an update the
    /// caller must be allowed.
    public func addLink<Target: Equatable & Sendable>(
        _ target: Target, to id: Record.ID, at list: WritableKeyPath<Record, [Target]> & Sendable, as context: AccessContext
    ) async throws {
        try await update(id, as: context) { record in
            if !record[keyPath: list].contains(target) { record[keyPath: list].append(target) }
        }
    }

    /// Removes `target` from the list at `list`: an update the caller must be allowed.
    public func removeLink<Target: Equatable & Sendable>(
        _ target: Target, from id: Record.ID, at list: WritableKeyPath<Record, [Target]> & Sendable, as context: AccessContext
    ) async throws {
        try await update(id, as: context) { record in
            record[keyPath: list].removeAll { $0 == target }
        }
    }
}
