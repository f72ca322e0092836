import Foundation

/// Typed queries over the columns an index leads (`Record.Columns`): filters combined with `&&`,
/// a sort, and keyset pages forwards and backwards. The caller's read rule is added to every
/// statement, so a filter narrows what the caller may see and never widens it.
extension Repository {
    /// The records matching `filter` that the caller may read, in `orderBy`'s order (then by id),
    /// a page at a time:
    ///
    ///     let page = try await projects.list(
    ///         where: { $0.status.in([.production, .completed]) && $0.genre == .drama },
    ///         orderBy: { $0.status.descending }, page: PageRequest(size: 20), as: caller)
    ///     let back = try await projects.list(where: …, orderBy: …, page: PageRequest(size: 20, before: page.previous!), as: caller)
    public func list(
        where filter: @Sendable (Record.Columns) -> RecordPredicate<Record>,
        orderBy order: @Sendable (Record.Columns) -> RecordOrder<Record> = { _ in .id },
        page: PageRequest = .first,
        as context: AccessContext
    ) async throws -> Page<Record> {
        let columns = Record.Columns()
        let predicate = filter(columns)
        let keys = order(columns).keys
        return try await database.read(as: context) { db in
            try await keysetPage(predicate, keys: keys, page: page, context: context, db: db)
        }
    }

    /// Every record the caller may read, in `orderBy`'s order (then by id), a page at a time.
    public func list(
        orderBy order: @Sendable (Record.Columns) -> RecordOrder<Record>,
        page: PageRequest = .first,
        as context: AccessContext
    ) async throws -> Page<Record> {
        try await list(where: { _ in .all }, orderBy: order, page: page, as: context)
    }

    /// The first record matching `filter` in `orderBy`'s order that the caller may read.
    public func first(
        where filter: @Sendable (Record.Columns) -> RecordPredicate<Record>,
        orderBy order: @Sendable (Record.Columns) -> RecordOrder<Record> = { _ in .id },
        as context: AccessContext
    ) async throws -> Record? {
        try await list(where: filter, orderBy: order, page: PageRequest(size: 1), as: context).items.first
    }

    /// How many records match `filter` among those the caller may read.
    public func count(where filter: @Sendable (Record.Columns) -> RecordPredicate<Record>, as context: AccessContext) async throws -> Int {
        let predicate = filter(Record.Columns())
        return try await count(where: predicate.sql(for: database.dialect), predicate.arguments, as: context)
    }

    /// A page of the records matching `predicate` and the caller's read rule, ordered by `keys`
    /// and then the id, after `page.after` or (reading that order backwards) before
    /// `page.before`.
    func keysetPage(
        _ predicate: RecordPredicate<Record>,
        keys: [SortKey],
        page: PageRequest,
        context: AccessContext,
        db: any DatabaseExecutor
    ) async throws -> Page<Record> {
        let backwards = page.before != nil
        // Each column of the order, and whether it runs largest first; the id breaks ties.
        let order = keys.map { (column: $0.column, descending: $0.descending) } + [(column: table.idColumn, descending: false)]
        var condition = predicate.sql(for: db.dialect)
        var arguments = predicate.arguments
        if let cursor = page.before ?? page.after {
            let values = try cursorValues(cursor, keys: keys)
            let (beyond, beyondArguments) = Self.beyond(order, values: values, backwards: backwards)
            condition += " AND " + beyond
            arguments += beyondArguments
        }
        let orderBy = order.map { $0.column + ($0.descending != backwards ? " DESC" : "") }.joined(separator: ", ")
        var (records, rows) = try await selectRows(
            where: condition, arguments, access: table.access.read.filter(for: context),
            extraColumns: keys.map(\.column), orderBy: orderBy, limit: page.size + 1, db: db)
        let more = records.count > page.size
        records = Array(records.prefix(page.size))
        rows = Array(rows.prefix(page.size))
        if backwards {
            records.reverse()
            rows.reverse()
        }
        guard !records.isEmpty else { return Page(items: [], next: nil, previous: nil) }
        // A cursor holds a record's sort values (read with it, after its own columns) and its id.
        func cursor(_ position: Int) -> Cursor {
            Cursor(values: (Array(rows[position].values.suffix(keys.count)) + [records[position].id.sqlValue]).map(\.cursorText))
        }
        let next = backwards || more ? cursor(records.count - 1) : nil
        let previous = backwards ? (more ? cursor(0) : nil) : (page.after != nil ? cursor(0) : nil)
        return Page(items: records, next: next, previous: previous)
    }

    /// The cursor's values read back as the kinds of the keys, then the id.
    private func cursorValues(_ cursor: Cursor, keys: [SortKey]) throws -> [SQLValue] {
        guard cursor.values.count == keys.count + 1, let id = Record.ID(cursorText: cursor.values[keys.count]) else {
            throw RepositoryError.invalidCursor
        }
        var values: [SQLValue] = []
        for (text, key) in zip(cursor.values, keys) {
            guard let value = SQLValue(cursor: text, like: key.kind) else { throw RepositoryError.invalidCursor }
            values.append(value)
        }
        return values + [id.sqlValue]
    }

    /// The rows after (or, `backwards`, before) `values` in `order`:
    /// `(a > ?) OR (a = ? AND b < ?) OR (a = ? AND b = ? AND id > ?)`.
    static func beyond(_ order: [(column: String, descending: Bool)], values: [SQLValue], backwards: Bool) -> (String, [SQLValue]) {
        var alternatives: [String] = []
        var arguments: [SQLValue] = []
        for (position, key) in order.enumerated() {
            var parts: [String] = []
            for earlier in 0..<position {
                parts.append("\(order[earlier].column) = ?")
                arguments.append(values[earlier])
            }
            parts.append("\(key.column) \(key.descending != backwards ? "<" : ">") ?")
            arguments.append(values[position])
            alternatives.append("(" + parts.joined(separator: " AND ") + ")")
        }
        return ("(" + alternatives.joined(separator: " OR ") + ")", arguments)
    }
}
