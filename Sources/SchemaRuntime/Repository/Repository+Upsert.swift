import Foundation

/// Upsert by a unique index: insert the record, or write it onto the stored record that has the
/// same values of the index's fields, in one `INSERT … ON CONFLICT (columns) DO UPDATE`.
extension Repository {
    /// Inserts `record` when no stored record has its values of `key` (the columns of a unique
    /// index, as SQL); otherwise writes `record`'s fields onto that stored record, which keeps its
    /// id and `createdAt` (and its version goes up by one). Returns the record as stored.
    ///
    /// The stored record is looked up and locked first; then one statement writes: on a
    /// conflict `INSERT … ON CONFLICT (key) DO UPDATE … WHERE id = <the one found>`, else a
    /// plain `INSERT` (a record another transaction inserted meanwhile makes it fail on the key:
    /// the call looks again and updates that record with the update checks, never blind).
    /// PostgreSQL holds the new row of an `ON CONFLICT` insert to the SELECT policy as well: on a
    /// conflict the caller must also be able to read the record.
    ///
    /// Both branches are checked as `create` and `update` are: the record must pass validation
    /// and be one the caller may create, field write rules included (PostgreSQL checks the
    /// INSERT policy and insert triggers on the proposed row whichever branch the statement
    /// takes, so the repository does too), and on a conflict the stored record must be one the
    /// caller may update, as it is and as it becomes (field rules, immutable fields, `within`).
    /// A refusal throws `forbidden` and changes nothing. A conflicting record that is
    /// soft-deleted is not brought back: the call throws `conflict` (restore or purge it first).
    @discardableResult
    public func upsert(_ record: Record, onConflict key: [String], as context: AccessContext) async throws -> Record {
        // On PostgreSQL the look-up misses a conflicting record inserted by a transaction that
        // has not committed yet, or one the caller may not see: the insert then fails on the key,
        // and the call starts again (once), to update it with the update checks. A record the
        // caller still can't find is one it may not update.
        for attempt in 1...2 {
            do {
                return try await database.transaction(as: context) { db in
                    try await upsert(record, key: key, context: context, db: db)
                }
            } catch is HiddenConflict where attempt == 1 {
                continue
            } catch is HiddenConflict {
                throw RepositoryError.forbidden(collection: table.collection, operation: "update")
            }
        }
        preconditionFailure("unreachable")
    }

    /// The insert met a record with the same key that the look-up did not find.
    private struct HiddenConflict: Error {}

    private func upsert(_ record: Record, key: [String], context: AccessContext, db: any DatabaseExecutor) async throws -> Record {
        let positions = key.map { column in table.columns.firstIndex(of: column)! }
        let keyValues = try record.columnValues()
        let keyFields = key.map { table.fieldOfColumn[RecordTable<Record>.unquoted($0)] ?? $0 }
        let match = zip(key, positions).map { "\(table.name).\($0.0) = ?" }.joined(separator: " AND ")
        // The stored record with the same key, deleted or not, locked until the end.
        var sql = "SELECT \(table.idColumn)\(table.deletedAt.map { ", \(table.name).\($0) IS NOT NULL" } ?? "") FROM \(table.name) WHERE \(match)"
        if db.dialect == .postgres { sql += " FOR UPDATE" }
        guard let row = try await db.query(sql, positions.map { keyValues[$0] }).first else {
            // No conflict: a create.
            var created = record
            try await hooks?.beforeCreate(&created, database: db)
            created = try await checkedForInsert(created, context: context, db: db)
            // A plain INSERT: with any ON CONFLICT clause PostgreSQL holds the new row to the
            // SELECT policy too, which would refuse a record the caller may create but not read
            // (a sign-up); and a conflict here is to be updated only after the update checks.
            do {
                try await insertRow(&created, db: db)
            } catch RepositoryError.conflict(_, let fields) where fields == keyFields {
                throw HiddenConflict()
            }
            try await saveLinks(of: created, db: db)
            return created
        }
        let id = try Record.ID(row: row, column: 0)
        if table.deletedAt != nil, try row.bool(1) {
            throw RepositoryError.conflict(collection: table.collection, fields: keyFields)
        }
        // A conflict: an update of the stored record, with the record as given one the caller
        // may also create (PostgreSQL checks the proposed row against the INSERT policy and its
        // insert triggers before it looks for the conflict).
        var updated = record
        updated.id = id
        _ = try await checkedForInsert(updated, context: context, db: db)
        if let version = table.version,
           let stored = try await select(where: "\(table.idColumn) = ?", [id.sqlValue], access: .everything, db: db).first {
            version.setValue(&updated, version.value(stored))
        }
        do {
            let statement = table.upsertSQL(onConflict: key)
            return try await replace(updated, context: context, db: db) { values, expected in
                try await db.execute(statement, values + [id.sqlValue] + table.versionArgument(expected))
            }
        } catch RepositoryError.notFound {
            // There is one, which the caller may not even read.
            throw RepositoryError.forbidden(collection: table.collection, operation: "update")
        }
    }
}

extension RecordTable {
    /// `INSERT INTO t (…) VALUES (…) ON CONFLICT (key) DO UPDATE SET title = excluded.title, …
    /// WHERE t.id = ? [AND t.version = ?]`: the columns `update` writes, on the conflicting row
    /// only when it is the one the look-up found and locked.
    func upsertSQL(onConflict key: [String]) -> String {
        let set = updatedPositions.map { "\(columns[$0]) = excluded.\(columns[$0])" }.joined(separator: ", ")
        return "\(insertSQL) ON CONFLICT (\(key.joined(separator: ", "))) DO UPDATE SET \(set) WHERE \(idColumn) = ?"
            + (version.map { " AND \(name).\($0.column) = ?" } ?? "")
    }

    /// The expected version's argument, when the table has a version column.
    func versionArgument(_ expected: Int?) -> [SQLValue] {
        guard version != nil, let expected else { return [] }
        return [.int(Int64(expected))]
    }
}
