/// Plan for templates/swift/repository.swift: a repository per collection over SchemaRuntime's
/// `DatabaseExecutor`. Statements, row mapping and access filters are decided here; the
/// template lays out the type and its methods.
///
/// The SQL is the same for SQLite and PostgreSQL (`?` placeholders, which the PostgreSQL
/// executor numbers), except for text search.
enum RepositoryPlanner {
    static func plan(_ schema: Schema) -> [PlannedFile] {
        schema.collections.map { collection in
            let view = RepositoryBuilder(schema: schema, collection: collection).view().escapedForTemplate()
            return PlannedFile(path: "Swift/\(collection.modelName)Repository.swift", template: "swift/repository.swift",
                               context: view, group: SwiftModelsPlanner.groupName(collection.sourcePath))
        }
    }
}

struct RepositoryFileView: Sendable {
    var sourceFile: String
    var model: String
    var collection: String
    /// The table name as SQL (quoted when it must be).
    var tableSQL: String
    var selectColumns: String
    var insertSQL: String
    var updateSQL: String
    /// `.uuid(record.id.rawValue),` … one per column, commas included.
    var encodeValues: [String]
    /// The values of `updateSQL`'s SET list: every column but the id and `created_at`.
    var updateValues: [String]
    /// The expression that builds a record from a row, over several lines.
    var decodeLines: [String]
    var links: [RepositoryLinkView]
    var hasLinks: Bool
    var filterFields: [RepositoryFilterFieldView]
    var filterConditions: [String]
    var finders: [RepositoryFinderView]
    var searches: [RepositorySearchView]
    var accessRules: [RepositoryAccessView]
    var createChecks: [String]
    var updateChecks: [String]
    var immutableChecks: [String]
    /// Field write rules: the functions, and the lines that call them on create and update.
    var fieldRules: [RepositoryFieldRuleView]
    var fieldCreateChecks: [String]
    var fieldUpdateChecks: [String]
    /// `within` references: the target shares the record's scope.
    var scopeChecks: [String]
    var scopeUpdateChecks: [String]
    var hasTimestamps: Bool
    var uniqueIndexes: [String]
    var hasUniqueIndexes: Bool
    /// `"subscription_tier": "subscription.tier"`, to name a conflict's fields from SQLite's columns.
    var columnFields: [String]
    var hasFilters: Bool
    var hasImmutables: Bool
    var softDelete: Bool
    var expirations: [RepositoryExpirationView]
}

/// A `refs` field: its join table and how to read and write it.
struct RepositoryLinkView: Sendable {
    var field: String
    var joinTable: String
    var ownerColumn: String
    var targetColumn: String
    var targetModel: String
    /// `record.collaborators`, or `record.visualDesign.referenceImages`.
    var accessor: String
    /// `addCollaborator`, `removeCollaborator`.
    var addName: String
    var removeName: String
    var singular: String
    /// Inside an optional object: links are kept only while the object exists.
    var isInOptionalObject: Bool
    /// The links as a non-optional list.
    var listExpression: String
}

struct RepositoryFilterFieldView: Sendable {
    var name: String
    var type: String
    var isLast: Bool
}

struct RepositoryFinderView: Sendable {
    var doc: [String]
    /// `createdBy: User.ID, status: Project.Status`
    var parameters: String
    var condition: String
    var arguments: String
    var isUnique: Bool
    /// `SortKey(…), SortKey(…)`; empty when the finder pages in id order.
    var order: String
    /// The record's values of the sort keys: `.int(Int64($0.episodeNumber))`.
    var sortValues: String
    var examples: String
    var isOrdered: Bool
}

/// A TTL index: what `deleteExpired` deletes.
struct RepositoryExpirationView: Sendable {
    var doc: [String]
    var name: String
    /// The TTL index it comes from.
    var index: String
    var column: String
    var seconds: Int
    /// The index's `where`, per dialect (booleans differ): ` AND status IN (…)` or empty.
    var postgresConditions: String
    var sqliteConditions: String
    var conditionsDiffer: Bool
}

struct RepositorySearchView: Sendable {
    var doc: [String]
    var name: String
    /// The text index it searches.
    var index: String
    var postgresCondition: String
    var sqliteCondition: String
}

/// A field's own write rule, as a function of the repository.
struct RepositoryFieldRuleView: Sendable {
    var doc: String
    var name: String
    var lines: [String]
}

struct RepositoryAccessView: Sendable {
    /// `read`, `update`, `delete`.
    var operation: String
    var summary: String
    var lines: [String]
}

struct RepositoryBuilder {
    let schema: Schema
    let collection: Collection

    private func q(_ identifier: String) -> String { Naming.sqlQuoted(identifier) }
    private var table: String { q(collection.tableName) }

    func view() -> RepositoryFileView {
        let columns = SQLColumn.columns(of: collection.fields)
        let names = columns.map { q($0.name) }
        let select = names.map { "\(table).\($0)" }.joined(separator: ", ")
        let insert = "INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))"
        let updatable = columns.filter { $0.field.role != .primaryKey && $0.field.role != .createdAt }
        let update = "UPDATE \(table) SET \(updatable.map { "\(q($0.name)) = ?" }.joined(separator: ", ")) WHERE \(table).id = ?"
        let encoded = columns.map { encodeExpression($0) }
        var index = 0
        let decode = "return " + decodeExpression(fields: collection.fields, typeName: collection.modelName, index: &index, indent: "")
        let links = linkViews()
        let filters = filterFields()
        let immutables = columns.filter(\.field.isImmutable).map { column in
            let path = accessor(column.field)
            return "if \(path.replacingOccurrences(of: "record.", with: "stored.")) != \(path) { issues.append(ValidationIssue(path: \(SwiftLiteral.string(column.field.dottedPath)), rule: .immutable, message: \"cannot be changed\")) }"
        }
        let fieldRules = fieldRuleViews()
        let uniques = collection.indexes.filter(\.isUnique).map { index in
            "\(SwiftLiteral.string(index.name)): [\(index.keys.map { SwiftLiteral.string($0.field.dottedPath) }.joined(separator: ", "))]"
        }
        return RepositoryFileView(
            sourceFile: SwiftModelsPlanner.sourceName(collection.sourcePath), model: collection.modelName,
            collection: collection.name, tableSQL: table, selectColumns: select, insertSQL: insert,
            updateSQL: update,
            encodeValues: encoded.enumerated().map { $0.element + ($0.offset == encoded.count - 1 ? "" : ",") },
            updateValues: updatable.map { encodeExpression($0) }.enumerated().map { $0.element + ($0.offset == updatable.count - 1 ? "" : ",") },
            decodeLines: decode.split(separator: "\n").map(String.init),
            links: links, hasLinks: !links.isEmpty,
            filterFields: filters.enumerated().map { RepositoryFilterFieldView(name: $0.element.swiftName, type: qualifiedType($0.element.type), isLast: $0.offset == filters.count - 1) },
            filterConditions: filters.map { field in
                "if let value = filter.\(Naming.escaped(field.swiftName)) { conditions.append(\(SwiftLiteral.string("\(table).\(q(field.columnName!)) = ?"))); arguments.append(\(encode(field.type, "value"))) }"
            },
            finders: finders(), searches: searches(), accessRules: accessViews(),
            createChecks: writeChecks(.create), updateChecks: writeChecks(.update),
            immutableChecks: immutables,
            fieldRules: fieldRules.functions, fieldCreateChecks: fieldRules.create, fieldUpdateChecks: fieldRules.update,
            scopeChecks: scopeChecks(onUpdate: false), scopeUpdateChecks: scopeChecks(onUpdate: true),
            hasTimestamps: collection.hasTimestamps,
            uniqueIndexes: uniques, hasUniqueIndexes: !uniques.isEmpty,
            columnFields: columns.map { "\(SwiftLiteral.string($0.name)): \(SwiftLiteral.string($0.field.dottedPath))" }.enumerated().map { $0.element + ($0.offset == columns.count - 1 ? "" : ",") }, hasFilters: !filters.isEmpty,
            hasImmutables: !immutables.isEmpty, softDelete: collection.hasSoftDelete, expirations: expirations())
    }

    // MARK: Types and values

    /// The Swift type of a value, qualified from outside the model (`Project.Status`).
    func qualifiedType(_ type: FieldType) -> String {
        switch type {
        case .identifier: return "\(collection.modelName).ID"
        case .enumeration(let enumType): return enumType.qualifiedName
        case .object(let object): return object.qualifiedName
        case .array(let element): return "[\(qualifiedType(element.type))]"
        default: return SwiftModelsPlanner.swiftType(type)
        }
    }

    /// `record.projectSettings.aspectRatio`, `record.error?.message`.
    func accessor(_ field: Field) -> String {
        var expression = "record"
        var fields = collection.fields
        var optionalSoFar = false
        for segment in field.path {
            guard let step = fields.first(where: { $0.name == segment }) else { break }
            expression += (optionalSoFar ? "?." : ".") + Naming.escaped(step.swiftName)
            if case .object(let object) = step.type {
                optionalSoFar = optionalSoFar || !step.isRequired
                fields = object.fields
            }
        }
        return expression
    }

    /// Whether the value read through `accessor` is optional: the field is, or an object on the way.
    func isOptionalValue(_ column: SQLColumn) -> Bool {
        SwiftModelsPlanner.isOptional(column.field) || column.isInOptionalObject
    }

    /// The SQLValue of a non-optional Swift value.
    func encode(_ type: FieldType, _ value: String) -> String {
        switch type {
        case .identifier, .reference: return ".uuid(\(value).rawValue)"
        case .uuid: return ".uuid(\(value))"
        case .string, .text, .email, .url: return ".text(\(value))"
        case .int: return ".int(Int64(\(value)))"
        case .double: return ".double(\(value))"
        case .bool: return ".bool(\(value))"
        case .datetime: return ".date(\(value))"
        case .enumeration: return ".text(\(value).rawValue)"
        case .json: return "try .json(nullable: \(value))"
        case .array: return "try .json(encoding: \(value))"
        case .vector: return ".vector(\(value))"
        case .object, .references: return ".null"
        }
    }

    private func encodeExpression(_ column: SQLColumn) -> String {
        let value = accessor(column.field)
        guard isOptionalValue(column) else { return encode(column.field.type, value) }
        let inner = encode(column.field.type, "$0")
        return (inner.hasPrefix("try") ? "try " : "") + ".optional(\(value)) { \(inner) }"
    }

    /// Reads a non-null value of a column.
    func decode(_ type: FieldType, _ column: Int) -> String {
        switch type {
        case .identifier: return "\(collection.modelName).ID(rawValue: try row.uuid(\(column)))"
        case .reference(let reference): return "\(reference.targetModel).ID(rawValue: try row.uuid(\(column)))"
        case .uuid: return "try row.uuid(\(column))"
        case .string, .text, .email, .url: return "try row.string(\(column))"
        case .int: return "try row.int(\(column))"
        case .double: return "try row.double(\(column))"
        case .bool: return "try row.bool(\(column))"
        case .datetime: return "try row.date(\(column))"
        case .enumeration(let enumType): return "try row.enumeration(\(enumType.qualifiedName).self, \(column))"
        case .json: return "try row.json(JSONValue.self, \(column))"
        case .array: return "try row.json(\(qualifiedType(type)).self, \(column))"
        case .vector: return "try row.vector(\(column))"
        case .object, .references: return "[]"
        }
    }

    /// The initializer call that builds a value of `typeName` from the row, one argument a line.
    private func decodeExpression(fields: [Field], typeName: String, index: inout Int, indent: String,
                                  inOptionalObject: Bool = false) -> String {
        var arguments: [String] = []
        for field in fields {
            // Argument labels may be keywords, but for these three.
            let label = ["inout", "var", "let"].contains(field.swiftName) ? "`\(field.swiftName)`" : field.swiftName
            switch field.type {
            case .references:
                arguments.append("\(label): []")  // filled from the join table
            case .object(let object):
                let first = index
                let inner = decodeExpression(fields: object.fields, typeName: object.qualifiedName, index: &index,
                                             indent: indent + "    ", inOptionalObject: inOptionalObject || !field.isRequired)
                if field.isRequired {
                    arguments.append("\(label): \(inner)")
                } else {
                    let nullChecks = (first..<index).map { "row.isNull(\($0))" }.joined(separator: " && ")
                    arguments.append("\(label): \(nullChecks) ? nil : \(inner)")
                }
            default:
                let column = index
                index += 1
                let optional = SwiftModelsPlanner.isOptional(field) || inOptionalObject
                let value = decode(field.type, column)
                if case .json = field.type, !field.isRequired {
                    arguments.append("\(label): try row.isNull(\(column)) ? .null : row.json(JSONValue.self, \(column))")
                } else if optional && !field.isRequired {
                    arguments.append("\(label): try row.optional(\(column)) { _ in \(value) }")
                } else {
                    arguments.append("\(label): \(value)")
                }
            }
        }
        let body = arguments.map { indent + "    " + $0 }.joined(separator: ",\n")
        return "\(typeName)(\n\(body)\n\(indent))"
    }

    // MARK: Links

    private func linkViews() -> [RepositoryLinkView] {
        var views: [RepositoryLinkView] = []
        func visit(_ fields: [Field], inOptional: Bool) {
            for field in fields {
                switch field.type {
                case .object(let object): visit(object.fields, inOptional: inOptional || !field.isRequired)
                case .references(let reference):
                    guard let join = reference.joinTable else { continue }
                    let singular = Naming.typeName(Naming.singular(field.path.joined(separator: "_")))
                    views.append(RepositoryLinkView(
                        field: field.dottedPath, joinTable: q(join.name), ownerColumn: q(join.ownerColumn),
                        targetColumn: q(join.targetColumn), targetModel: reference.targetModel, accessor: accessor(field),
                        addName: "add" + singular, removeName: "remove" + singular,
                        singular: Naming.memberName(Naming.singular(field.name)), isInOptionalObject: inOptional,
                        listExpression: inOptional ? "(\(accessor(field)) ?? [])" : accessor(field)))
                default: break
                }
            }
        }
        visit(collection.fields, inOptional: false)
        return views
    }

    // MARK: Filters and finders

    /// Fields with a column that some index covers: `list` can filter on them cheaply.
    private func filterFields() -> [Field] {
        var seen: Set<String> = []
        var fields: [Field] = []
        for index in collection.indexes where index.kind == .standard || isTTL(index) {
            for key in index.keys where key.field.columnName != nil && !seen.contains(key.field.dottedPath) {
                if case .vector = key.field.type { continue }
                seen.insert(key.field.dottedPath)
                fields.append(key.field)
            }
        }
        return fields
    }

    private func isTTL(_ index: Index) -> Bool {
        if case .ttl = index.kind { return true }
        return false
    }

    /// One finder per distinct set of index fields: the whole of each index, and the leading
    /// fields of a compound index, ordered by its other fields ("a project's episodes in
    /// order", "queued tasks by priority, oldest first").
    private func finders() -> [RepositoryFinderView] {
        finderKeys().map { finder($0.keys, index: $0.source) }
    }

    /// The fields of each finder, and the index whose order it takes.
    private func finderKeys() -> [(keys: [Index.Key], source: Index)] {
        var signatures: [(keys: [Index.Key], source: Index)] = []
        func add(_ keys: [Index.Key], from index: Index) {
            guard let existing = signatures.firstIndex(where: { $0.keys.map(\.field.dottedPath) == keys.map(\.field.dottedPath) }) else {
                signatures.append((keys, index))
                return
            }
            // A single-field index's finder takes the order of a compound index it leads.
            if signatures[existing].source.keys.count == keys.count, index.keys.count > keys.count {
                signatures[existing].source = index
            }
        }
        for index in collection.indexes where index.kind == .standard {
            add(index.keys, from: index)
            if index.joinField == nil {
                for length in stride(from: index.keys.count - 1, through: 1, by: -1) {
                    add(Array(index.keys.prefix(length)), from: index)
                }
            }
        }
        return signatures
    }

    /// A finder's argument label for one of its fields: `createdBy`, or for a `refs` field the
    /// singular (`collaborator`).
    private func finderLabel(_ field: Field) -> String {
        if case .references = field.type { return Naming.memberName(Naming.singular(field.path.joined(separator: "_"))) }
        return Naming.memberName(field.path.joined(separator: "_"))
    }

    /// The repository methods an index serves, as Swift names (`find(createdBy:status:)`,
    /// `searchTitle(_:)`, `deleteExpired(now:)`): each finder whose fields lead the index, the
    /// search of a text index and the expiry of a TTL index. For the documentation.
    func queries(servedBy index: Index) -> [String] {
        switch index.kind {
        case .standard:
            let paths = index.keys.map(\.field.dottedPath)
            return finderKeys().filter { finder in
                let keys = finder.keys.map(\.field.dottedPath)
                return index.joinField == nil ? Array(paths.prefix(keys.count)) == keys : paths == keys
            }.map { "find(" + $0.keys.map { finderLabel($0.field) + ":" }.joined() + ")" }
        case .text:
            return searches().filter { $0.index == index.name }.map { $0.name + "(_:)" }
        case .ttl:
            return expirations().filter { $0.index == index.name }.map { $0.name + "(now:)" }
        case .vector:
            return []
        }
    }

    private func finder(_ keys: [Index.Key], index source: Index) -> RepositoryFinderView {
        var parameters: [String] = []
        var conditions: [String] = []
        var arguments: [String] = []
        for key in keys {
            let field = key.field
            let label = finderLabel(field)
            if case .references(let reference) = field.type, let join = reference.joinTable {
                let name = label
                parameters.append("\(name): \(reference.targetModel).ID")
                conditions.append("EXISTS (SELECT 1 FROM \(q(join.name)) AS link WHERE link.\(q(join.ownerColumn)) = \(table).id AND link.\(q(join.targetColumn)) = ?)")
                arguments.append(".uuid(\(name).rawValue)")
            } else {
                parameters.append("\(label): \(qualifiedType(field.type))")
                conditions.append("\(table).\(q(field.columnName!)) = ?")
                arguments.append(encode(field.type, label))
            }
        }
        // The order: the remaining fields of the first index these fields lead, when every one
        // of them always has a value (keyset pagination can't step over NULLs).
        let isWhole = keys.count == source.keys.count
        let rest = isWhole ? [] : Array(source.keys.dropFirst(keys.count))
        let columns = SQLColumn.columns(of: collection.fields)
        let ordered = rest.allSatisfy { key in columns.contains { $0.field.dottedPath == key.field.dottedPath && !$0.isNullable } }
        let order = ordered ? rest : []
        let isUnique = isWhole && source.isUnique
        var doc = ["The \(collection.name) with this \(keys.map(\.field.dottedPath).joined(separator: " and "))"
                   + (order.isEmpty ? "" : ", ordered by \(order.map { $0.field.dottedPath + ($0.descending ? " (descending)" : "") }.joined(separator: ", "))")
                   + " (index \(source.name))."]
        if isWhole, let description = source.description { doc.append(description) }
        return RepositoryFinderView(
            doc: doc, parameters: parameters.joined(separator: ", "), condition: conditions.joined(separator: " AND "),
            arguments: arguments.joined(separator: ", "), isUnique: isUnique,
            order: order.map { "SortKey(#\"\(table).\(q($0.field.columnName!))\"#\($0.descending ? ", descending: true" : ""))" }.joined(separator: ", "),
            sortValues: order.map { encode($0.field.type, accessor($0.field).replacingOccurrences(of: "record.", with: "$0.")) }.joined(separator: ", "),
            examples: order.map { example($0.field.type) }.joined(separator: ", "),
            isOrdered: !order.isEmpty)
    }

    /// A value of the same SQL kind as the field's, to read cursor text back.
    private func example(_ type: FieldType) -> String {
        switch type {
        case .int: return ".int(0)"
        case .double: return ".double(0)"
        case .bool: return ".bool(false)"
        case .datetime: return ".date(Date())"
        case .identifier, .uuid, .reference: return ".uuid(UUID())"
        default: return ".text(\"\")"
        }
    }

    private func expirations() -> [RepositoryExpirationView] {
        let ttl = collection.indexes.filter(isTTL)
        return ttl.compactMap { index in
            guard case .ttl(let seconds, let written) = index.kind, let field = index.keys.first?.field else { return nil }
            let conditions = { (dialect: SQLDialect) in
                index.conditions.isEmpty ? "" : " AND " + SQLIndexPlanner(dialect: dialect).conditionSQL(index.conditions)
            }
            return RepositoryExpirationView(
                doc: ["Deletes the records whose \(field.dottedPath) is more than \(written) before `now` (index \(index.name))"
                      + (index.conditions.isEmpty ? "" : " among those its condition covers") + ", that the caller may delete;",
                      "returns how many. Run it on a schedule."],
                name: ttl.count == 1 ? "deleteExpired" : "deleteExpired" + Naming.typeName(field.path.joined(separator: "_")),
                index: index.name,
                column: "\(table).\(q(field.columnName!))", seconds: seconds,
                postgresConditions: conditions(.postgres), sqliteConditions: conditions(.sqlite),
                conditionsDiffer: conditions(.postgres) != conditions(.sqlite))
        }
    }

    private func searches() -> [RepositorySearchView] {
        collection.indexes.compactMap { index in
            guard index.kind == .text else { return nil }
            let columns = index.keys.map { q($0.field.columnName ?? "") }
            let expression = columns.map { "coalesce(\(table).\($0), '')" }.joined(separator: " || ' ' || ")
            let name = "search" + index.keys.map { Naming.typeName($0.field.path.joined(separator: "_")) }.joined()
            return RepositorySearchView(
                doc: ["Full-text search over \(index.keys.map(\.field.dottedPath).joined(separator: ", ")) (index \(index.name)): every word must match, English stemming."],
                name: name, index: index.name,
                postgresCondition: "to_tsvector('english', \(expression)) @@ plainto_tsquery('english', ?)",
                sqliteCondition: "\(table).rowid IN (SELECT rowid FROM \(q(index.name)) WHERE \(q(index.name)) MATCH ?)")
        }
    }

    // MARK: Access

    private func accessViews() -> [RepositoryAccessView] {
        [AccessOperation.read, .update, .delete].map { operation in
            let rules = collection.access.rules[operation] ?? []
            let summary = rules.isEmpty ? "the system context only" : rules.map(SQLAccessPlanner(schema: schema).describe).joined(separator: ", ")
            return RepositoryAccessView(operation: operation.rawValue, summary: summary, lines: filterLines(rules))
        }
    }

    /// The body of a function that makes the `AccessFilter` of `context`. A rule that needs no
    /// SQL (a role, being signed in) returns everything; the others add a condition to the filter.
    private func filterLines(_ rules: [AccessRule]) -> [String] {
        if rules.contains(.everyone) { return ["return .everything"] }
        if rules.isEmpty { return ["guard case .principal = context else { return .everything }", "return .nothing"] }
        var lines = ["guard case .principal(let principal) = context else { return .everything }"]
        var filters: [String] = []
        for rule in rules {
            let parts: [AccessRule]
            if case .all(let all) = rule { parts = all } else { parts = [rule] }
            var conditions: [String] = []
            var sql: [String] = []
            for part in parts {
                switch part {
                case .everyone, .all: break
                case .authenticated: conditions.append("principal.userID != nil")
                case .role(let role): conditions.append("principal.role == \(SwiftLiteral.string(role))")
                case .isSelf: sql.append("\(table).id = ?")
                case .owner, .member: sql.append(ruleSQL(part, row: table))
                }
            }
            if sql.isEmpty {
                lines.append("if \(conditions.joined(separator: ", ")) { return .everything }")
            } else {
                let condition = sql.joined(separator: " AND ")
                let count = condition.filter { $0 == "?" }.count
                let arguments = Array(repeating: ".uuid(user)", count: count).joined(separator: ", ")
                let guards = (conditions + ["let user = principal.userID"]).joined(separator: ", ")
                filters.append("if \(guards) { filter.or(\(SwiftLiteral.string(condition)), [\(arguments)]) }")
            }
        }
        if filters.isEmpty { return lines + ["return .nothing"] }
        return lines + ["var filter = AccessFilter.nothing"] + filters + ["return filter"]
    }

    /// The condition of an owner or member rule about a stored row of `row`; the caller is `?`.
    func ruleSQL(_ rule: AccessRule, row: String) -> String {
        switch rule {
        case .owner(let path): return paths.condition(path, member: false, start: AccessPathSQL.start(of: path, member: false, row: row))
        case .member(let path): return paths.condition(path, member: true, start: AccessPathSQL.start(of: path, member: true, row: row))
        default: return "1 = 0"
        }
    }

    private var paths: AccessPathSQL {
        AccessPathSQL(schema: schema, caller: "?", membership: .joinTable)
    }

    /// Statements deciding whether `record` (a new or changed record) passes the rules of
    /// `operation`: true when one rule grants. Rules about the record's own columns compare in
    /// Swift; rules through references ask the database.
    private func writeChecks(_ operation: AccessOperation) -> [String] {
        grantLines(collection.access.rules[operation] ?? [])
    }

    private func grantLines(_ rules: [AccessRule]) -> [String] {
        if rules.contains(.everyone) { return ["return true"] }
        if rules.isEmpty { return ["if case .system = context { return true }", "return false"] }
        var lines = ["guard case .principal(let principal) = context else { return true }"]
        for rule in rules {
            let parts: [AccessRule]
            if case .all(let all) = rule { parts = all } else { parts = [rule] }
            // One `if` whose conditions all hold: the caller's id is bound once, first.
            var conditions: [String] = []
            var needsUser = false
            for part in parts {
                switch part {
                case .everyone, .all: break
                case .authenticated: conditions.append("principal.userID != nil")
                case .role(let role): conditions.append("principal.role == \(SwiftLiteral.string(role))")
                case .isSelf:
                    needsUser = true
                    conditions.append("record.id.rawValue == user")
                case .owner(let path) where path.steps.count == 1:
                    needsUser = true
                    let field = fieldAt(path.steps[0].fieldPath)
                    let value = field.map { accessor($0) } ?? "record"
                    let optional = field.map { SwiftModelsPlanner.isOptional($0) || accessor($0).contains("?") } ?? false
                    conditions.append("\(value)\(optional ? "?" : "").rawValue == user")
                case .owner(let path), .member(let path):
                    // Through the database: the links or the referenced row as they are stored now.
                    needsUser = true
                    let isMember: Bool = { if case .member = part { return true } else { return false } }()
                    var arguments: [String] = []
                    if path.steps.count == 1 {
                        arguments.append(".uuid(record.id.rawValue)")
                    } else {
                        let field = fieldAt(path.steps[0].fieldPath)
                        let value = field.map { accessor($0) } ?? "record.id"
                        let optional = field.map { SwiftModelsPlanner.isOptional($0) || accessor($0).contains("?") } ?? false
                        arguments.append(optional ? ".optional(\(value)) { .uuid($0.rawValue) }" : ".uuid(\(value).rawValue)")
                    }
                    let sql = paths.condition(path, member: isMember, start: "?")
                    arguments.append(".uuid(user)")
                    conditions.append("try await !db.query(\(SwiftLiteral.string("SELECT 1 WHERE " + sql)), [\(arguments.joined(separator: ", "))]).isEmpty")
                }
            }
            if needsUser { conditions.insert("let user = principal.userID", at: 0) }
            lines.append("if \(conditions.joined(separator: ", ")) { return true }")
        }
        lines.append("return false")
        return lines
    }

    // MARK: Field write rules and scopes

    /// A function per field write rule (`maySetRole`, `mayChangeRole`) and the lines that call
    /// them from `checkedForInsert` and `replace`.
    private func fieldRuleViews() -> (functions: [RepositoryFieldRuleView], create: [String], update: [String]) {
        var functions: [RepositoryFieldRuleView] = []
        var create: [String] = []
        var update: [String] = []
        let describe = SQLAccessPlanner(schema: schema).describe
        for (field, columns) in SQLAccessPlanner.ruledFields(collection) + ruledLinkFields() {
            let name = Naming.typeName(field.path.joined(separator: "_"))
            let path = SwiftLiteral.string(field.dottedPath)
            let refusal = { (operation: String) in
                "throw RepositoryError.forbidden(collection: \(SwiftLiteral.string(collection.name)), operation: \"\(operation)\", field: \(path))"
            }
            if let rules = field.writeRules?.create, let test = isSetTest(field, columns: columns) {
                functions.append(RepositoryFieldRuleView(
                    doc: "Who may give `\(field.dottedPath)` a value of their choosing on create: " + (rules.isEmpty ? "the system context only" : rules.map(describe).joined(separator: ", ")) + ".",
                    name: "maySet\(name)", lines: grantLines(rules)))
                create.append("if \(test), try await !maySet\(name)(record, context: context, db: db) { \(refusal("create")) }")
            }
            if let rules = field.writeRules?.update {
                let value = accessor(field)
                functions.append(RepositoryFieldRuleView(
                    doc: "Who may change `\(field.dottedPath)`: " + (rules.isEmpty ? "the system context only" : rules.map(describe).joined(separator: ", ")) + ".",
                    name: "mayChange\(name)", lines: grantLines(rules)))
                let stored = value.replacingOccurrences(of: "record.", with: "stored.")
                update.append("if \(value) != \(stored), try await !mayChange\(name)(record, context: context, db: db) { \(refusal("update")) }")
            }
        }
        return (functions, create, update)
    }

    /// `refs` fields with write rules (they have no column, so `ruledFields` leaves them out).
    private func ruledLinkFields() -> [(field: Field, columns: [SQLColumn])] {
        collection.allFields.compactMap { field in
            guard case .references = field.type, field.writeRules != nil else { return nil }
            return (field, [])
        }
    }

    /// The Swift condition under which a new record's field holds a value of the caller's choice:
    /// not its default (or, without one, set at all). Nil when no value could be (a `now` default).
    private func isSetTest(_ field: Field, columns: [SQLColumn]) -> String? {
        if case .references = field.type { return "!\(accessor(field)).isEmpty" }
        var tests: [String] = []
        for column in columns {
            let value = accessor(column.field)
            if column.isInOptionalObject || column.field.defaultValue == nil {
                // A required value without a default is always the caller's choice.
                guard isOptionalValue(column) else { return "true" }
                tests.append("\(value) != nil")
            } else if let defaultValue = column.field.defaultValue, defaultValue != .now {
                tests.append("\(value) != \(SwiftLiteral.value(defaultValue))")
            }
        }
        return tests.isEmpty ? nil : tests.joined(separator: " || ")
    }

    /// For each `within` reference, a check that the record it points at shares the scope; on
    /// update only when the reference or the scope changed (the stored pair already held).
    private func scopeChecks(onUpdate: Bool) -> [String] {
        collection.allFields.compactMap { field -> String? in
            guard let within = field.within, case .reference(let reference) = field.type, field.columnName != nil,
                  let scopeField = fieldAt(within.scopeField) else { return nil }
            let value = accessor(field)
            let scope = accessor(scopeField)
            let optional = SwiftModelsPlanner.isOptional(field) || value.contains("?")
            let scopeOptional = SwiftModelsPlanner.isOptional(scopeField) || scope.contains("?")
            let sql = "SELECT 1 FROM \(q(reference.targetTable)) WHERE \(q(reference.targetTable)).id = ? AND \(q(reference.targetTable)).\(q(within.targetScopeColumn)) = ?"
            let target = optional ? "target" : value
            let scopeValue = scopeOptional ? ".optional(\(scope)) { .uuid($0.rawValue) }" : ".uuid(\(scope).rawValue)"
            let issue = "ValidationIssue(path: \(SwiftLiteral.string(field.dottedPath)), rule: .within, message: \(SwiftLiteral.string("must belong to the same \(within.scopeField.joined(separator: "."))")))"
            var head = optional ? "if let target = \(value), " : "if "
            if onUpdate {
                let stored = { (expression: String) in expression.replacingOccurrences(of: "record.", with: "stored.") }
                head += "\(target) != \(stored(value)) || \(scope) != \(stored(scope)), "
            }
            return "\(head)try await db.query(\(SwiftLiteral.string(sql)), [.uuid(\(target).rawValue), \(scopeValue)]).isEmpty { throw RepositoryError.validationFailed(ValidationError(issues: [\(issue)])) }"
        }
    }

    private func fieldAt(_ path: [String]) -> Field? {
        var fields = collection.fields
        var found: Field?
        for segment in path {
            found = fields.first { $0.name == segment }
            if case .object(let object)? = found?.type { fields = object.fields }
        }
        return found
    }
}
