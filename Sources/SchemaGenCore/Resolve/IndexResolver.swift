extension Resolver {
    /// Finds a field by its dotted path through nested objects (`subscription.tier`).
    mutating func lookUpField(_ path: Located<String>, in collection: Collection, what: String) -> Field? {
        let segments = path.value.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var fields = collection.fields
        for (position, segment) in segments.enumerated() {
            guard let field = fields.first(where: { $0.name == segment }) else {
                // A field whose definition had errors was reported there.
                if isBroken(Array(segments[...position]), in: collection.name) { return nil }
                let known = fields.map(\.name)
                let prefix = segments[..<position].joined(separator: ".")
                let place = prefix.isEmpty ? "collection '\(collection.name)'" : "'\(prefix)'"
                diagnostics.error("\(what) names unknown field '\(path.value)': \(place) has no field '\(segment)'",
                                  at: path.location,
                                  notes: Suggestions.didYouMean(segment, in: known).map { [$0] } ?? [])
                return nil
            }
            if position == segments.count - 1 { return field }
            switch field.type {
            case .object(let object):
                fields = object.fields
            case .array:
                diagnostics.error("\(what) cannot reach '\(path.value)': '\(field.dottedPath)' is an array, stored as JSON",
                                  at: path.location)
                return nil
            default:
                diagnostics.error("\(what) names '\(path.value)', but '\(field.dottedPath)' is not an object", at: path.location)
                return nil
            }
        }
        return nil
    }

    /// The index kinds a schema may name.
    static let indexKinds = ["standard", "text", "ttl", "vector", "json"]

    /// For a kind another database or library calls an index (PostgreSQL's access methods,
    /// MongoDB's index types), the kind here that does that job.
    static func indexKindAlternative(_ written: String) -> Diagnostic.Note? {
        let kind = written.lowercased()
        let choices = "standard (a B-tree), text (full-text search), ttl (records expire), vector (similarity search) or json (containment in a json or array field)"
        switch kind {
        case "gin", "jsonb", "jsonb_path_ops", "containment", "contains", "array", "multikey":
            return Diagnostic.Note("for a GIN index over a json or array field (containment, @> on PostgreSQL) use 'kind: json' ('pathOps: true' for jsonb_path_ops); "
                                   + "for full-text search over string or text fields use 'kind: text'. Kinds: \(choices)")
        case "fulltext", "full-text", "fts", "fts5", "tsvector", "trigram", "trgm", "search":
            return Diagnostic.Note("for full-text search over string or text fields use 'kind: text' (a GIN index over a tsvector on PostgreSQL, FTS5 on SQLite); "
                                   + "a json field can't be indexed inside: give the value you filter on a field of its own and index it. Kinds: \(choices)")
        case "gist", "spgist", "brin", "hash", "btree", "b-tree", "ascending", "descending", "1", "-1", "compound", "single":
            return Diagnostic.Note("use 'kind: standard' (the default, a B-tree: it serves equality, ranges and order; write 'desc' after a field for descending). Kinds: \(choices)")
        case "unique":
            return Diagnostic.Note("a unique index is a standard one with 'unique: true'. Kinds: \(choices)")
        case "hnsw", "ivfflat", "knn", "ann", "similarity", "embedding", "vectorsearch", "cosine":
            return Diagnostic.Note("for similarity search over a vector field use 'kind: vector' (with 'metric: cosine', 'l2' or 'innerProduct'). Kinds: \(choices)")
        case "expire", "expires", "expiry", "expireafterseconds", "timetolive", "time-to-live":
            return Diagnostic.Note("for records that expire use 'kind: ttl' with 'expireAfter: 90d' on one datetime field. Kinds: \(choices)")
        case "2d", "2dsphere", "geo", "geospatial", "spatial", "hashed", "wildcard":
            return Diagnostic.Note("schemagen has no \(written) index; kinds: \(choices)")
        default:
            return nil
        }
    }

    mutating func resolveIndexes(_ syntax: [IndexSyntax], in collection: Collection) -> [Index] {
        syntax.compactMap { resolveIndex($0, in: collection) }
    }

    private mutating func resolveIndex(_ syntax: IndexSyntax, in collection: Collection) -> Index? {
        var kind = Index.Kind.standard
        switch syntax.kind?.value {
        case nil, "standard": kind = .standard
        case "text": kind = .text
        case "ttl":
            guard let written = syntax.expireAfter else {
                diagnostics.error("a ttl index needs 'expireAfter' (such as 90d)", at: syntax.kind!.location)
                return nil
            }
            guard let seconds = Self.durationSeconds(written.value) else {
                diagnostics.error("'expireAfter' must be a whole number and a unit (s, m, h, d, w), not '\(written.value)'",
                                  at: written.location, notes: [Diagnostic.Note("for example 90d, 12h or 30m")])
                return nil
            }
            kind = .ttl(seconds: seconds, written: written.value)
        case "vector":
            var metric = Index.VectorMetric.cosine
            if let written = syntax.metric {
                guard let parsed = Index.VectorMetric(rawValue: written.value) else {
                    diagnostics.error("unknown vector metric '\(written.value)'", at: written.location,
                                      notes: [Suggestions.didYouMean(written.value, in: ["cosine", "l2", "innerProduct"])
                                          ?? Diagnostic.Note("expected cosine, l2 or innerProduct")])
                    return nil
                }
                metric = parsed
            }
            kind = .vector(metric: metric)
        case "json":
            kind = .json(pathOps: syntax.pathOps?.value ?? false)
        case let other?:
            diagnostics.error("unknown index kind '\(other)'", at: syntax.kind!.location,
                              notes: [Suggestions.didYouMean(other, in: Self.indexKinds)
                                  ?? Self.indexKindAlternative(other)
                                  ?? Diagnostic.Note("expected standard, text, ttl, vector or json")])
            return nil
        }
        let isTTL: Bool = { if case .ttl = kind { return true } else { return false } }()
        let isVector: Bool = { if case .vector = kind { return true } else { return false } }()
        let isJSON: Bool = { if case .json = kind { return true } else { return false } }()
        if let expire = syntax.expireAfter, !isTTL {
            diagnostics.error("'expireAfter' applies only to ttl indexes", at: expire.location)
        }
        if let metric = syntax.metric, !isVector {
            diagnostics.error("'metric' applies only to vector indexes", at: metric.location)
        }
        if let pathOps = syntax.pathOps, !isJSON {
            diagnostics.error("'pathOps' applies only to json indexes", at: pathOps.location,
                              notes: [Diagnostic.Note("a json index ('kind: json') is a GIN index over a json or array field; 'pathOps: true' builds it with jsonb_path_ops")])
        }
        let isUnique = syntax.unique?.value ?? false
        if isUnique, kind != .standard {
            diagnostics.error("only standard indexes can be unique", at: syntax.unique!.location)
        }

        var keys: [Index.Key] = []
        for key in syntax.keys {
            guard let field = lookUpField(key.path, in: collection, what: "an index") else { continue }
            guard checkIndexable(field, kind: kind, isUnique: isUnique, at: key.path.location) else { continue }
            if isJSON, key.descending {
                diagnostics.error("a json index has no order: write '\(key.path.value)' without 'desc'", at: key.path.location)
                continue
            }
            if keys.contains(where: { $0.field.path == field.path }) {
                diagnostics.error("the index names '\(field.dottedPath)' twice", at: key.path.location)
                continue
            }
            keys.append(Index.Key(field: field, descending: key.descending))
        }
        guard keys.count == syntax.keys.count, !keys.isEmpty else { return nil }
        switch kind {
        case .ttl where keys.count != 1, .vector where keys.count != 1, .json where keys.count != 1:
            diagnostics.error("a \(syntax.kind!.value) index covers exactly one field", at: syntax.location)
            return nil
        default: break
        }
        if case .json(pathOps: true) = kind, let field = keys.first?.field, field.nativeArrayElement != nil, let pathOps = syntax.pathOps {
            diagnostics.error("'pathOps' does not apply to '\(field.dottedPath)': it is a native array ('storage: array'), not jsonb",
                              at: pathOps.location,
                              notes: [Diagnostic.Note("drop 'pathOps': the GIN index uses the array's own operator class, which serves @> as well")])
            return nil
        }

        var conditions: [Index.Condition] = []
        for condition in syntax.conditions {
            guard let field = lookUpField(condition.path, in: collection, what: "the index condition") else { continue }
            if field.columnName == nil {
                diagnostics.error("the index condition can only test a field with a column, not '\(field.dottedPath)'",
                                  at: condition.path.location)
                continue
            }
            let what = "the condition on '\(field.dottedPath)'"
            // An index's condition must give the same answer at every moment ('now' does not).
            let comparesToAValue: Bool = {
                switch condition.test {
                case .equals(let value), .notEquals(let value): return !value.isNull
                case .isIn: return true
                case .isNull: return false
                }
            }()
            if case .datetime = field.type, comparesToAValue {
                diagnostics.error("\(what) can only test for null: an index condition cannot depend on the time",
                                  at: condition.path.location, notes: [Diagnostic.Note("use { isNull: true } or { isNull: false }")])
                continue
            }
            switch condition.test {
            case .equals(let value):
                if let converted = convertDefault(value, type: field.type, constraints: Constraints(), what: what, noun: "value") {
                    conditions.append(Index.Condition(field: field, test: .equals(converted)))
                }
            case .notEquals(let value):
                if let converted = convertDefault(value, type: field.type, constraints: Constraints(), what: what, noun: "value") {
                    conditions.append(Index.Condition(field: field, test: .notEquals(converted)))
                }
            case .isIn(let values):
                let converted = values.compactMap { convertDefault($0, type: field.type, constraints: Constraints(), what: what, noun: "value") }
                if converted.count == values.count {
                    conditions.append(Index.Condition(field: field, test: .isIn(converted)))
                }
            case .isNull(let flag):
                if field.isRequired && !isInsideOptionalObject(field, in: collection) {
                    diagnostics.error("'\(field.dottedPath)' is required, so it is never null", at: condition.path.location)
                    continue
                }
                conditions.append(Index.Condition(field: field, test: .isNull(flag)))
            }
        }
        guard conditions.count == syntax.conditions.count else { return nil }
        if !conditions.isEmpty, let refs = keys.first(where: { if case .references = $0.field.type { return true } else { return false } }) {
            diagnostics.error("an index over the to-many reference '\(refs.field.dottedPath)' cannot have a 'where': it is built on the join table",
                              at: syntax.location)
            return nil
        }

        let columns = keys.map { $0.field.columnName ?? Naming.snakeCase($0.field.dottedPath) }
        let name = syntax.name?.value
            ?? Naming.sqlName("\(collection.tableName)_\(columns.joined(separator: "_"))_\(isUnique ? "key" : kind == .text ? "search" : isJSON ? "gin" : "idx")")
        if let written = syntax.name, Naming.snakeCase(written.value) != written.value {
            diagnostics.error("index name '\(written.value)' must be snake_case letters and digits", at: written.location)
        } else if let written = syntax.name, written.value.utf8.count > Naming.sqlNameLimit {
            diagnostics.error("index name '\(written.value)' is longer than \(Naming.sqlNameLimit) bytes, which PostgreSQL would cut",
                              at: written.location)
        }
        let isConstraint = syntax.constraint?.value ?? false
        if isConstraint, let written = syntax.constraint {
            // A UNIQUE constraint is over plain columns of the table, in no order and for every row.
            if !isUnique {
                diagnostics.error("'constraint: true' makes a unique index a UNIQUE constraint: the index needs 'unique: true'", at: written.location,
                                  notes: [Diagnostic.Note("a constraint is only for uniqueness; drop 'constraint' for a plain index")])
                return nil
            }
            if !conditions.isEmpty {
                diagnostics.error("a UNIQUE constraint covers every row, so it can't have a 'where'", at: written.location,
                                  notes: [Diagnostic.Note("drop 'constraint: true' to keep a partial unique index")])
                return nil
            }
            if let key = keys.first(where: \.descending) {
                diagnostics.error("a UNIQUE constraint has no order: write '\(key.field.dottedPath)' without 'desc'", at: written.location)
                return nil
            }
        }
        var index = Index(name: name, kind: kind, isUnique: isUnique, keys: keys, conditions: conditions,
                          description: syntax.description?.value, location: syntax.name?.location ?? syntax.location)
        index.isConstraint = isConstraint
        return index
    }

    /// Whether the field sits in an optional object, so it can be null even when required.
    private func isInsideOptionalObject(_ field: Field, in collection: Collection) -> Bool {
        var fields = collection.fields
        for segment in field.path.dropLast() {
            guard let parent = fields.first(where: { $0.name == segment }), case .object(let object) = parent.type else { return false }
            if !parent.isRequired { return true }
            fields = object.fields
        }
        return false
    }

    private mutating func checkIndexable(_ field: Field, kind: Index.Kind, isUnique: Bool, at location: SourceLocation) -> Bool {
        let path = field.dottedPath
        switch (kind, field.type) {
        case (_, .object):
            diagnostics.error("'\(path)' is an object: index its fields instead (such as '\(path).…')", at: location)
        case (.json, .json), (.json, .array):
            return true
        case (.json, _):
            diagnostics.error("a json index covers one json or array field, and '\(path)' is \(field.type.schemaName)", at: location,
                              notes: [Diagnostic.Note("index a \(field.type.schemaName) field with 'kind: standard' (or 'kind: text' for full-text search)")])
        case (_, .json), (_, .array):
            diagnostics.error("'\(path)' is stored as JSON and cannot be indexed", at: location,
                              notes: [Diagnostic.Note("give the index 'kind: json' (a GIN index on PostgreSQL, serving containment)")])
        case (.text, .string), (.text, .text):
            return true
        case (.text, _):
            diagnostics.error("a text index covers string and text fields, and '\(path)' is \(field.type.schemaName)", at: location)
        case (.ttl, .datetime):
            return true
        case (.ttl, _):
            diagnostics.error("a ttl index covers one datetime field, and '\(path)' is \(field.type.schemaName)", at: location)
        case (.vector, .vector):
            return true
        case (.vector, _):
            diagnostics.error("a vector index covers one vector field, and '\(path)' is \(field.type.schemaName)", at: location)
        case (.standard, .vector):
            diagnostics.error("'\(path)' is a vector: give its index 'kind: vector'", at: location)
        case (.standard, .references) where isUnique:
            diagnostics.error("'\(path)' is a to-many reference and cannot be in a unique index", at: location)
        case (.standard, _):
            return true
        }
        return false
    }

    /// `90d` → 7 776 000.
    static func durationSeconds(_ text: String) -> Int? {
        let units = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        guard let unit = text.last.map(String.init), let factor = units[unit],
              let count = Int(text.dropLast()), count > 0 else { return nil }
        return count * factor
    }

    /// Index names are one namespace per database (PostgreSQL), so they must be unique across
    /// every collection.
    mutating func checkIndexNames(_ collections: [Collection]) {
        var seen: [String: SourceLocation] = [:]
        for collection in collections {
            for index in collection.indexes {
                if let first = seen[index.name] {
                    diagnostics.error("duplicate index name '\(index.name)'", at: index.location,
                                      notes: [Diagnostic.Note("first used here", at: first),
                                              Diagnostic.Note("set 'name:' on one of them")])
                    continue
                }
                seen[index.name] = index.location
            }
        }
    }
}
