/// The repository template puts SQL inside one-`#` raw string literals (`#"…"#`), the collection
/// name and field paths inside `"…"` literals, and index descriptions and rule summaries inside `///` comments.
/// The builder writes plain SQL and text; this is the one step that escapes each value for the
/// place it lands (see `Escaping`), so a schema string can't close a literal, interpolate, or end
/// a comment. Text without anything to escape comes out unchanged.
extension RepositoryFileView {
    func escapedForTemplate() -> RepositoryFileView {
        let raw = Escaping.swiftRawStringContent
        var view = self
        view.collection = Escaping.swiftStringContent(collection)
        view.tableSQL = raw(tableSQL)
        view.createdAt = createdAt.map(raw)
        view.deletedAt = deletedAt.map(raw)
        view.versionColumn = versionColumn.map(raw)
        view.links = links.map { link in
            var link = link
            link.field = Escaping.swiftStringContent(link.field)
            link.joinTable = raw(link.joinTable)
            link.ownerColumn = raw(link.ownerColumn)
            link.targetColumn = raw(link.targetColumn)
            return link
        }
        view.finders = finders.map { finder in
            var finder = finder
            finder.doc = finder.doc.flatMap(Escaping.docLines)
            finder.condition = raw(finder.condition)
            return finder
        }
        view.queryColumns = queryColumns.map { column in
            var column = column
            column.doc = Escaping.oneLine(column.doc)
            column.sql = raw(column.sql)
            return column
        }
        view.searches = searches.map { search in
            var search = search
            search.doc = search.doc.flatMap(Escaping.docLines)
            search.postgresDocument = raw(search.postgresDocument)
            search.sqliteIndex = raw(search.sqliteIndex)
            return search
        }
        view.expirations = expirations.map { expiration in
            var expiration = expiration
            expiration.doc = expiration.doc.flatMap(Escaping.docLines)
            expiration.column = raw(expiration.column)
            expiration.postgresConditions = raw(expiration.postgresConditions)
            expiration.sqliteConditions = raw(expiration.sqliteConditions)
            return expiration
        }
        view.queue = queue.map { queue in
            var queue = queue
            queue.doc = queue.doc.flatMap(Escaping.docLines)
            queue.condition = raw(queue.condition)
            return queue
        }
        view.grants = grants.map { grant in
            var grant = grant
            grant.doc = Escaping.oneLine(grant.doc)
            return grant
        }
        return view
    }
}
