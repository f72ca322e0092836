/// Plan for templates/swift/repository.swift: per collection, the model's conformance to
/// SchemaRuntime's `StoredRecord` (its table description, access rules, row decoding and
/// encoding) and the typed methods of its indexes on `Repository`. What every repository does
/// (statements, paging, links, access checks) is SchemaRuntime's generic `Repository`.
///
/// The SQL is the same for SQLite and PostgreSQL (`?` placeholders, which the PostgreSQL
/// executor numbers), except for text search.
enum RepositoryPlanner {
    static func plan(_ schema: Schema) -> [PlannedFile] {
        let referrers = ReferringIndex.byTarget(schema)
        return schema.collections.concurrentMap { collection in
            let builder = RepositoryBuilder(schema: schema, collection: collection, referringIndexes: referrers[collection.name] ?? [])
            let view = builder.view().escapedForTemplate()
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
    /// `episode_number  episodeNumber` … a line per column: its SQL, then its field path, the
    /// lines of a multi-line raw string literal that `columnsOpen` and `columnsClose` delimit.
    var columnsOpen: String
    var columns: [String]
    var columnsClose: String
    /// The SQL of the `createdAt` and `deletedAt` columns, when the collection has them.
    var createdAt: String?
    var deletedAt: String?
    /// The SQL of the version column (`version:`) and its Swift property, when there is one.
    var versionColumn: String?
    var versionMember: String?
    var uniqueIndexes: [String]
    var hasUniqueIndexes: Bool
    var links: [RepositoryLinkView]
    var hasLinks: Bool
    /// `id: { …, generated: true }`: the database gives the keys of records created without one.
    var hasGeneratedKey: Bool
    /// The access rules that reach the caller through the record, declared once each.
    var grants: [RepositoryGrantView]
    /// `ownerCreatedBy, .role("admin")`: the grants of each operation.
    var readGrants: String
    var createGrants: String
    var updateGrants: String
    var deleteGrants: String
    /// Immutable fields, field write rules and `within` references, a line each (or more).
    var rules: [String]
    var hasRules: Bool
    /// `.uuid(id.rawValue),` … one per column, commas included.
    var encodeValues: [String]
    /// The body of `init(row:)`, over several lines.
    var decodeLines: [String]
    var stampLines: [String]
    var hasStamps: Bool
    var filterFields: [RepositoryFilterFieldView]
    var filterConditions: [String]
    var hasFilters: Bool
    /// `Columns`: a typed column per field that leads an index (`list(where:orderBy:)`).
    var queryColumns: [RepositoryQueryColumnView]
    /// `Relations`: what `include` loads (IncludePlanner.swift).
    var relations: [RepositoryRelationView]
    var hasRelations: Bool
    var finders: [RepositoryFinderView]
    var searches: [RepositorySearchView]
    var upserts: [RepositoryUpsertView]
    var softDelete: Bool
    var expirations: [RepositoryExpirationView]
    /// Whether `Repository` gets methods of this collection's own: finders, searches, links.
    var hasIndexMethods: Bool
    var queue: RepositoryQueueView?
}

/// `claimNext` of a `queue:` collection.
struct RepositoryQueueView: Sendable {
    var doc: [String]
    /// `taskType: GenerationTask.TaskType? = nil`, one per `by` field.
    var parameters: [String]
    var condition: String
    var readyArgument: String
    /// `if let taskType { … }`: a condition per `by` field given.
    var byLines: [String]
    var hasBy: Bool
    var order: String
}

/// An access rule about the record (`owner`, `member`, `self`), as a named `AccessGrant`.
struct RepositoryGrantView: Sendable {
    var doc: String
    var name: String
    var expression: String
}

/// A `refs` field: its join table and how to read and write it.
struct RepositoryLinkView: Sendable {
    var field: String
    var joinTable: String
    var ownerColumn: String
    var targetColumn: String
    var targetModel: String
    /// `addCollaborator`, `removeCollaborator`.
    var addName: String
    var removeName: String
    var singular: String
    /// Inside an optional object: links are kept only while the object exists.
    var isInOptionalObject: Bool
    /// `\.collaborators`: the list, for the runtime to read and write.
    var keyPath: String
    /// Inside an optional object, which no writable key path goes through: `record.metadata?.reviewers`
    /// and `$0.metadata?.reviewers`, for the code that reads and writes it there.
    var accessor: String
    var closureAccessor: String
    var isLast: Bool
}

struct RepositoryFilterFieldView: Sendable {
    var name: String
    var type: String
    var isLast: Bool
}

/// A field `list(where:orderBy:)` filters and sorts on.
struct RepositoryQueryColumnView: Sendable {
    var doc: String
    var name: String
    /// `QueryColumn<Project, Project.Status>`
    var type: String
    /// `QueryColumn`: the type without its generic arguments, which the property's type gives.
    var constructor: String { String(type.prefix { $0 != "<" }) }
    /// `key: `, `enumeration: ` or `text: ` for the kinds the runtime encodes itself.
    var label = ""
    /// `projects.status`
    var sql: String
    /// `, like: .int(0)) { .integer($0) }`: the rest of the declaration.
    var rest: String
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

/// `upsert(byEmail:as:)`: an upsert by a unique index.
struct RepositoryUpsertView: Sendable {
    var doc: [String]
    /// `byEmail`, `byProjectAndEpisodeNumber`
    var label: String
    /// The record's parameter name: `user`.
    var parameter: String
    /// `#"email"#, #"episode_number"#`: the index's columns as SQL literals.
    var columns: String
}

struct RepositorySearchView: Sendable {
    var doc: [String]
    var name: String
    /// The text index it searches.
    var index: String
    /// The `tsvector` the GIN index is built on, and the FTS5 table.
    var postgresDocument: String
    var sqliteIndex: String
}

struct RepositoryBuilder {
    let schema: Schema
    let collection: Collection
    /// Other collections' indexed references to this one (IncludePlanner.swift), gathered once
    /// per schema by `ReferringIndex.byTarget`; nil: gathered for this collection when asked.
    var referringIndexes: [ReferringIndex]? = nil
    /// The collection's columns, nested objects spread in place: worked out once here, as
    /// the view, the finders and the rules each read them (a docs page asks per index).
    let columns: [SQLColumn]
    /// `columns` by field path (`a.b`).
    private let columnsByPath: [String: SQLColumn]

    init(schema: Schema, collection: Collection, referringIndexes: [ReferringIndex]? = nil) {
        self.schema = schema
        self.collection = collection
        self.referringIndexes = referringIndexes
        columns = SQLColumn.columns(of: collection.fields)
        columnsByPath = Dictionary(columns.map { ($0.field.dottedPath, $0) }, uniquingKeysWith: { first, _ in first })
    }

    private func q(_ identifier: String) -> String { Naming.sqlQuoted(identifier) }
    private var table: String { q(collection.tableName) }

    func view() -> RepositoryFileView {
        // One string for the table, a line per column, rather than a literal of pairs: a literal
        // is two strings and an element to build per column in code the compiler then checks
        // and lowers, where a string is one constant. Each path starts two spaces past the
        // widest column on every line (a field's name may hold spaces; a column's never does).
        let columnWidth = columns.map { q($0.name).utf8.count }.max() ?? 0
        let columnTable = columns.map { column -> String in
            let sql = q(column.name)
            return sql + String(repeating: " ", count: columnWidth - sql.utf8.count + 2) + column.field.dottedPath
        }.joined(separator: "\n")
        let tableLines = SwiftLiteral.multilineRaw(columnTable).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let encoded = columns.map { encodeExpression($0).replacingBytes("record.", with: "self.") }
        var index = 0
        let decode = decodeExpression(fields: collection.fields, typeName: "self.init", index: &index, indent: "")
        let links = linkViews()
        let filters = filterFields()
        let uniques = collection.indexes.filter(\.isUnique).map { index in
            "\(SwiftLiteral.string(index.name)): [\(index.keys.map { SwiftLiteral.string($0.field.dottedPath) }.joined(separator: ", "))]"
        }
        var grants = GrantNames(builder: self)
        let access = [AccessOperation.read, .create, .update, .delete].map { grants.list(collection.access.rules[$0] ?? []) }
        let rules = immutableRules() + fieldRules(&grants) + scopeRules()
        let stamps = stampLines()
        let relations = relations()
        return RepositoryFileView(
            sourceFile: SwiftModelsPlanner.sourceName(collection.sourcePath), model: collection.modelName,
            collection: collection.name, tableSQL: table,
            columnsOpen: tableLines[0], columns: Array(tableLines.dropFirst().dropLast()), columnsClose: tableLines[tableLines.count - 1],
            createdAt: roleColumn(.createdAt), deletedAt: roleColumn(.deletedAt),
            versionColumn: roleColumn(.version), versionMember: collection.versionField.map { Naming.escaped($0.swiftName) },
            uniqueIndexes: uniques.enumerated().map { $0.element + ($0.offset == uniques.count - 1 ? "" : ",") },
            hasUniqueIndexes: !uniques.isEmpty,
            links: links, hasLinks: !links.isEmpty, hasGeneratedKey: collection.keyIsGenerated,
            grants: grants.declared, readGrants: access[0], createGrants: access[1], updateGrants: access[2], deleteGrants: access[3],
            rules: rules.enumerated().flatMap { offset, lines in
                lines.enumerated().map { $0.offset == lines.count - 1 && offset != rules.count - 1 ? $0.element + "," : $0.element }
            },
            hasRules: !rules.isEmpty,
            encodeValues: encoded.enumerated().map { $0.element + ($0.offset == encoded.count - 1 ? "" : ",") },
            decodeLines: decode.split(separator: "\n").map(String.init),
            stampLines: stamps, hasStamps: !stamps.isEmpty,
            filterFields: filters.enumerated().map { RepositoryFilterFieldView(name: $0.element.swiftName, type: qualifiedType($0.element.type), isLast: $0.offset == filters.count - 1) },
            // A field left nil encodes as NULL, which `FilterConditions.add` skips.
            filterConditions: filters.map { field in
                "conditions.add(\(SwiftLiteral.string("\(table).\(q(field.columnName!)) = ?")), \(encode(field, "self.\(Naming.escaped(field.swiftName))", optional: true)))"
            },
            hasFilters: !filters.isEmpty,
            queryColumns: queryColumns(),
            relations: relations, hasRelations: !relations.isEmpty,
            finders: finders(), searches: searches(), upserts: upserts(),
            softDelete: collection.hasSoftDelete, expirations: expirations(),
            hasIndexMethods: !finders().isEmpty || !searches().isEmpty || !upserts().isEmpty || !expirations().isEmpty || !links.isEmpty || collection.queue != nil,
            queue: queueView())
    }

    /// The SQL of the column of the field with this role, if the collection has one.
    private func roleColumn(_ role: Field.Role) -> String? {
        collection.fields.first { $0.role == role }?.columnName.map(q)
    }

    /// The body of `stamp(_:keeping:)`: the timestamps and the deletion mark are the
    /// repository's to set, whatever the caller's record says.
    private func stampLines() -> [String] {
        let member = { (role: Field.Role) in collection.fields.first { $0.role == role }.map { Naming.escaped($0.swiftName) } }
        var lines: [String] = []
        if let field = collection.fields.first(where: { $0.role == .createdAt }), let created = member(.createdAt) {
            // A nullable createdAt that a stored record lacks stays nil.
            lines.append(field.isRequired ? "self.\(created) = stored?.\(created) ?? now"
                                          : "self.\(created) = if let stored { stored.\(created) } else { now }")
        }
        if let updated = member(.updatedAt) { lines.append("self.\(updated) = now") }
        if let deleted = member(.deletedAt) { lines.append("if let stored { self.\(deleted) = stored.\(deleted) }  // only delete and restore change it") }
        return lines
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

    /// The SQLValue of a key (a typed id): `.uuid(x.rawValue)`, `.int(x.rawValue)`, `.text(x.rawValue)`;
    /// of an optional one, `.uuid(x?.rawValue)` (nil is NULL).
    static func keyValue(_ key: KeyType, _ value: String, optional: Bool = false) -> String {
        let raw = value + (optional ? "?.rawValue" : ".rawValue")
        switch key {
        case .uuid: return ".uuid(\(raw))"
        case .int64, .int32: return optional ? ".integer(\(raw))" : ".int(\(raw))"
        case .string: return ".text(\(raw))"
        }
    }

    /// Reads the raw value of a key out of column `column`.
    static func keyRead(_ key: KeyType, _ column: Int) -> String {
        switch key {
        case .uuid: return "row.uuid(\(column))"
        case .int64, .int32: return "row.integer(Int64.self, \(column))"
        case .string: return "row.string(\(column))"
        }
    }

    /// The key type an id or a reference holds; nil for other types.
    static func referencedKey(_ type: FieldType) -> KeyType? {
        switch type {
        case .identifier(let key): return key
        case .reference(let reference), .references(let reference): return reference.targetKey
        default: return nil
        }
    }

    /// The SQLValue of a Swift value; `optional`: of an optional one, where nil is NULL (SQLValue
    /// has a constructor of each kind that takes an optional, so no closure is needed).
    func encode(_ type: FieldType, _ value: String, optional: Bool = false) -> String {
        switch type {
        case .identifier(let key): return Self.keyValue(key, value, optional: optional)
        case .reference(let reference): return Self.keyValue(reference.targetKey, value, optional: optional)
        case .uuid: return ".uuid(\(value))"
        case .string, .text, .email, .url: return ".text(\(value))"
        case .int: return ".integer(\(value))"
        case .double: return ".double(\(value))"
        case .bool: return ".bool(\(value))"
        case .datetime: return ".date(\(value))"
        case .enumeration: return ".text(\(value)\(optional ? "?" : "").rawValue)"
        case .json: return "try .json(nullable: \(value))"
        case .array: return "try .json(encoding: \(value))"
        case .vector: return ".vector(\(value))"
        case .int16, .int32, .int64, .decimal, .timestamp, .date, .bytes: return ColumnCodec.encode(type, value)!
        case .object, .references: return ".null"
        }
    }

    /// The SQLValue of a field's Swift value: `.enumValue` for a native enum type
    /// (`storage: enum`), which PostgreSQL takes as the column's type; `.array` for a native
    /// array (`storage: array`), which PostgreSQL stores as an array of its items' type.
    func encode(_ field: Field, _ value: String, optional: Bool = false) -> String {
        if field.nativeEnumType != nil { return ".enumValue(\(value)\(optional ? "?" : "").rawValue)" }
        if let element = field.nativeArrayElement { return "try .array(encoding: \(value), element: \(SwiftLiteral.string(element)))" }
        return encode(field.type, value, optional: optional)
    }

    private func encodeExpression(_ column: SQLColumn) -> String {
        encode(column.field, accessor(column.field), optional: isOptionalValue(column))
    }

    /// Reads a column: `row.string(3)`; with `nullable`, `row.string(nullable: 3)`, which is nil
    /// for NULL (one call, where a ternary per column costs the type checker far more).
    func decode(_ type: FieldType, _ column: Int, nullable: Bool = false) -> String {
        let argument = nullable ? "nullable: \(column)" : "\(column)"
        switch type {
        case .identifier(let key):
            return nullable ? "row.key(\(collection.modelName).ID.self, \(argument))"
                : "\(collection.modelName).ID(rawValue: \(Self.keyRead(key, column)))"
        case .reference(let reference):
            return nullable ? "row.key(\(reference.targetModel).ID.self, \(argument))"
                : "\(reference.targetModel).ID(rawValue: \(Self.keyRead(reference.targetKey, column)))"
        case .uuid: return "row.uuid(\(argument))"
        case .string, .text, .email, .url: return "row.string(\(argument))"
        case .int: return "row.int(\(argument))"
        case .double: return "row.double(\(argument))"
        case .bool: return "row.bool(\(argument))"
        case .datetime: return "row.date(\(argument))"
        case .enumeration(let enumType): return "row.enumeration(\(enumType.qualifiedName).self, \(argument))"
        case .json: return "row.json(\(argument))"
        case .array: return "row.json(\(qualifiedType(type)).self, \(argument))"
        case .vector: return "row.vector(\(argument))"
        case .int16, .int32, .int64, .decimal, .timestamp, .date, .bytes: return ColumnCodec.decode(type, argument)!
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
                    // Stored in its fields' columns: nil when all of them are NULL.
                    let nullCheck = index - first == 1 ? "row.isNull(\(first))" : "row.allNull(\(first), through: \(index - 1))"
                    arguments.append("\(label): \(nullCheck) ? nil : \(inner)")
                }
            default:
                let column = index
                index += 1
                let optional = SwiftModelsPlanner.isOptional(field) || inOptionalObject
                // An optional `json` field reads NULL as `.null`.
                var isJSON = false
                if case .json = field.type { isJSON = true }
                let nullable = !field.isRequired && (optional || isJSON)
                arguments.append("\(label): \(decode(field.type, column, nullable: nullable))")
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
                        targetColumn: q(join.targetColumn), targetModel: reference.targetModel,
                        addName: "add" + singular, removeName: "remove" + singular,
                        singular: Naming.memberName(Naming.singular(field.name)), isInOptionalObject: inOptional,
                        keyPath: "\\" + accessor(field).dropFirst("record".count),
                        accessor: accessor(field), closureAccessor: closureAccessor(field), isLast: false))
                default: break
                }
            }
        }
        visit(collection.fields, inOptional: false)
        if !views.isEmpty { views[views.count - 1].isLast = true }
        return views
    }

    // MARK: Filters and finders

    /// Fields with a column that some index covers: `list` can filter on them cheaply.
    private func filterFields() -> [Field] {
        var seen: Set<String> = []
        var fields: [Field] = []
        for index in collection.indexes where index.kind == .standard || isTTL(index) {
            for key in index.keys where key.field.columnName != nil && !seen.contains(key.field.dottedPath) {
                // Equality on a vector or a time is no filter anyone uses.
                if case .vector = key.field.type { continue }
                if case .datetime = key.field.type { continue }
                seen.insert(key.field.dottedPath)
                fields.append(key.field)
            }
        }
        return fields
    }

    /// The columns of `list(where:orderBy:)`: the id, and each field with a column of its own that
    /// leads an index covering every row (a partial index serves only its own condition), so
    /// every filter and sort a caller can write has an index to run on. Vectors, JSON and arrays
    /// are no filters.
    private func queryColumns() -> [RepositoryQueryColumnView] {
        var views = [RepositoryQueryColumnView(
            doc: "The id (the primary key).", name: "id", type: "QueryColumn<\(collection.modelName), \(collection.modelName).ID>",
            label: "key: ", sql: "\(table).\(q(collection.keyColumn))", rest: ")")]
        for (index, column) in queryColumnSources() {
            let field = column.field
            let columnName = column.name
            let optional = isOptionalValue(column)
            let kind = example(field)
            // Keys, text and enums stored as text: the runtime encodes them (no closure here).
            var label: String?
            switch field.type {
            case .reference: label = "key: "
            case .string, .text, .email, .url: label = "text: "
            case .enumeration where field.nativeEnumType == nil: label = "enumeration: "
            default: label = nil
            }
            views.append(RepositoryQueryColumnView(
                doc: "\(field.dottedPath) (index \(index.name))\(optional ? ", optional: also `isNull`, `isNotNull`; no sort" : "").",
                name: Naming.escaped(Naming.memberName(field.path.joined(separator: "_"))),
                type: "\(optional ? "OptionalQueryColumn" : "QueryColumn")<\(collection.modelName), \(qualifiedType(field.type))>",
                label: label ?? "",
                sql: "\(table).\(q(columnName))",
                rest: label != nil ? ")" : (kind == ".text(\"\")" ? "" : ", like: \(kind)") + ") { \(encode(field, "$0")) }"))
        }
        for (index, column, metric, dimensions) in vectorColumnSources() {
            views.append(RepositoryQueryColumnView(
                doc: "\(column.field.dottedPath) (index \(index.name)): `nearest(to:by:)` by \(metric.rawValue) distance; no filter, no sort.",
                name: vectorColumnName(column), type: "VectorColumn<\(collection.modelName)>",
                sql: "\(table).\(q(column.name))", rest: ", metric: .\(metric.rawValue), dimensions: \(dimensions))"))
        }
        for (index, column, item) in listColumnSources() {
            let element = column.field.nativeArrayElement.map { ", element: \(SwiftLiteral.string($0))" } ?? ""
            views.append(RepositoryQueryColumnView(
                doc: "\(column.field.dottedPath) (index \(index.name)): `contains`; no sort.",
                name: Naming.escaped(Naming.memberName(column.field.path.joined(separator: "_"))),
                type: "ListColumn<\(collection.modelName), \(qualifiedType(item))>",
                sql: "\(table).\(q(column.name))", rest: element + ")"))
        }
        return views
    }

    /// Each list of scalars with a `kind: json` index (its first), and its items' type: `Columns`
    /// has a `ListColumn` for it, to test with `contains`.
    private func listColumnSources() -> [(index: Index, column: SQLColumn, item: FieldType)] {
        var seen: Set<String> = []
        var sources: [(index: Index, column: SQLColumn, item: FieldType)] = []
        for index in collection.indexes {
            guard case .json = index.kind, index.conditions.isEmpty, let field = index.keys.first?.field,
                  case .array(let element) = field.type, Resolver.nativeArrayElement(element.type) != nil,
                  let column = columnsByPath[field.dottedPath],
                  seen.insert(field.dottedPath).inserted
            else { continue }
            sources.append((index, column, element.type))
        }
        return sources
    }

    /// Each vector field with a `kind: vector` index (its first), the index's metric and the
    /// field's dimensions: `Columns` has a `VectorColumn` for it, to search by.
    private func vectorColumnSources() -> [(index: Index, column: SQLColumn, metric: Index.VectorMetric, dimensions: Int)] {
        var seen: Set<String> = []
        var sources: [(index: Index, column: SQLColumn, metric: Index.VectorMetric, dimensions: Int)] = []
        for index in collection.indexes {
            guard case .vector(let metric) = index.kind, let field = index.keys.first?.field, case .vector(let dimensions) = field.type,
                  let column = columnsByPath[field.dottedPath],
                  seen.insert(field.dottedPath).inserted
            else { continue }
            sources.append((index, column, metric, dimensions))
        }
        return sources
    }

    private func vectorColumnName(_ column: SQLColumn) -> String {
        Naming.escaped(Naming.memberName(column.field.path.joined(separator: "_")))
    }

    /// Each field of `queryColumns`, with the first index it leads.
    private func queryColumnSources() -> [(index: Index, column: SQLColumn)] {
        var seen: Set<String> = ["id"]
        var sources: [(index: Index, column: SQLColumn)] = []
        for index in collection.indexes where (index.kind == .standard || isTTL(index)) && index.conditions.isEmpty && index.joinField == nil {
            guard let field = index.keys.first?.field, !seen.contains(field.dottedPath),
                  let column = columnsByPath[field.dottedPath]
            else { continue }
            switch field.type {
            case .vector, .json, .array, .object, .references: continue
            default: break
            }
            seen.insert(field.dottedPath)
            sources.append((index, column))
        }
        return sources
    }

    /// `list(where: { $0.status … })` for the column an index gives `Columns`.
    private func listQueries(servedBy index: Index) -> [String] {
        queryColumnSources().filter { $0.index.name == index.name }.map {
            "list(where: { $0.\(Naming.escaped(Naming.memberName($0.column.field.path.joined(separator: "_")))) … })"
        }
    }

    private func isTTL(_ index: Index) -> Bool {
        if case .ttl = index.kind { return true }
        return false
    }

    /// One finder per distinct set of index fields: the whole of each index, and the leading
    /// fields of a compound index, ordered by its other fields ("a project's episodes in
    /// order", "queued tasks by priority, oldest first"); none matches a time exactly.
    /// The unique indexes an upsert can name as its conflict target: plain columns, no `where`
    /// (a partial index would need its condition repeated in `ON CONFLICT`).
    private func upsertIndexes() -> [Index] {
        collection.indexes.filter { index in
            index.kind == .standard && index.isUnique && index.conditions.isEmpty && index.joinField == nil
                && index.keys.allSatisfy { $0.field.columnName != nil }
        }
    }

    private func upserts() -> [RepositoryUpsertView] {
        upsertIndexes().map { index in
            let paths = index.keys.map { "`\($0.field.dottedPath)`" }.joined(separator: " and ")
            let record = Naming.memberName(collection.modelName)
            return RepositoryUpsertView(
                doc: [
                    "Inserts `\(record)`, or, when a stored record has its \(paths), writes its fields onto that",
                    "one (which keeps its id and `createdAt`) with `INSERT … ON CONFLICT DO UPDATE`. The caller must",
                    "be allowed to create the record and, on a conflict, to read and update the stored one.",
                ],
                label: upsertLabel(index), parameter: Naming.escaped(record),
                columns: index.keys.map { "#\"\(Escaping.swiftRawStringContent(q($0.field.columnName!)))\"#" }.joined(separator: ", "))
        }
    }

    /// `byEmail`, `byProjectAndEpisodeNumber`: the label of an upsert's record.
    private func upsertLabel(_ index: Index) -> String {
        let names = index.keys.map { Naming.memberName($0.field.path.joined(separator: "_")) }
        return "by" + names.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: "And")
    }

    private func finders() -> [RepositoryFinderView] {
        finderKeys().map { finder($0.keys, index: $0.source) }
    }

    /// The fields of each finder, and the index whose order it takes.
    private func finderKeys() -> [(keys: [Index.Key], source: Index)] {
        var signatures: [(keys: [Index.Key], source: Index)] = []
        func add(_ keys: [Index.Key], from index: Index) {
            // Nobody looks a record up by the exact millisecond: a time only orders a finder.
            if keys.contains(where: { if case .datetime = $0.field.type { return true } else { return false } }) { return }
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
            }.map { "find(" + $0.keys.map { finderLabel($0.field) + ":" }.joined() + ")" } + listQueries(servedBy: index)
                + upsertIndexes().filter { $0.name == index.name }.map { "upsert(\(upsertLabel($0)):)" }
        case .text:
            return searches().filter { $0.index == index.name }.map { $0.name + "(_:)" }
        case .ttl:
            return expirations().filter { $0.index == index.name }.map { $0.name + "(now:)" } + listQueries(servedBy: index)
        case .json:
            return listColumnSources().filter { $0.index.name == index.name }.map {
                "list(where: { $0.\(Naming.escaped(Naming.memberName($0.column.field.path.joined(separator: "_")))).contains(…) })"
            }
        case .vector:
            return vectorColumnSources().filter { $0.index.name == index.name }.map { "nearest(to:by: { $0.\(vectorColumnName($0.column)) })" }
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
                conditions.append("EXISTS (SELECT 1 FROM \(q(join.name)) AS link WHERE link.\(q(join.ownerColumn)) = \(table).\(q(collection.keyColumn)) AND link.\(q(join.targetColumn)) = ?)")
                arguments.append(Self.keyValue(reference.targetKey, name))
            } else {
                parameters.append("\(label): \(qualifiedType(field.type))")
                conditions.append("\(table).\(q(field.columnName!)) = ?")
                arguments.append(encode(field, label))
            }
        }
        // The order: the remaining fields of the first index these fields lead, when every one
        // of them always has a value (keyset pagination can't step over NULLs).
        let isWhole = keys.count == source.keys.count
        let rest = isWhole ? [] : Array(source.keys.dropFirst(keys.count))
        let ordered = rest.allSatisfy { key in columnsByPath[key.field.dottedPath].map { !$0.isNullable } ?? false }
        let order = ordered ? rest : []
        let isUnique = isWhole && source.isUnique
        var doc = ["The \(collection.name) with this \(keys.map(\.field.dottedPath).joined(separator: " and "))"
                   + (order.isEmpty ? "" : ", ordered by \(order.map { $0.field.dottedPath + ($0.descending ? " (descending)" : "") }.joined(separator: ", "))")
                   + " (index \(source.name))."]
        if isWhole, let description = source.description { doc.append(description) }
        return RepositoryFinderView(
            doc: doc, parameters: parameters.joined(separator: ", "), condition: conditions.joined(separator: " AND "),
            arguments: arguments.joined(separator: ", "), isUnique: isUnique,
            order: order.map { sortKey($0) }.joined(separator: ", "),
            isOrdered: !order.isEmpty)
    }

    /// `claimNext`: the ready records, restricted by the `by` fields given, in the queue's order.
    private func queueView() -> RepositoryQueueView? {
        guard let queue = collection.queue, let statusColumn = queue.status.columnName else { return nil }
        let order = queue.order.map { "\($0.field.dottedPath)\($0.descending ? " (descending)" : "")" } + ["id"]
        let by = queue.by.map { (field: $0, label: finderLabel($0)) }
        var doc = ["Takes the next ready record (`\(queue.status.dottedPath)` is `\(queue.ready)`) in order, \(order.joined(separator: ", ")),",
                   "that the caller may update, changes it with `change` and saves it, all in one transaction; nil when",
                   "none is ready. Two workers never take the same record (PostgreSQL skips the rows other",
                   "transactions hold, SQLite runs one write transaction at a time); deleted records are never taken."]
        if !by.isEmpty { doc.append("Given \(by.map { "`\($0.label)`" }.joined(separator: " or ")), only records with that value.") }
        return RepositoryQueueView(
            doc: doc,
            parameters: by.map { "\($0.label): \(qualifiedType($0.field.type))? = nil" },
            condition: "\(table).\(q(statusColumn)) = ?",
            readyArgument: ".\(queue.status.nativeEnumType == nil ? "text" : "enumValue")(\(SwiftLiteral.string(queue.ready)))",
            byLines: by.map { field, label in
                "if let \(label) { condition += \(SwiftLiteral.rawString(" AND \(table).\(q(field.columnName!)) = ?")); arguments.append(\(encode(field, label))) }"
            },
            hasBy: !by.isEmpty,
            order: queue.order.map { sortKey($0, forPages: false) }.joined(separator: ", "))
    }

    /// `SortKey(#"episodes.episode_number"#, like: .int(0))`; the kind only where a cursor is
    /// read back (`forPages`).
    private func sortKey(_ key: Index.Key, forPages: Bool = true) -> String {
        let kind = forPages ? example(key.field) : ".text(\"\")"
        return "SortKey(#\"\(table).\(q(key.field.columnName!))\"#\(key.descending ? ", descending: true" : "")\(kind == ".text(\"\")" ? "" : ", like: \(kind)"))"
    }

    /// A value of the same SQL kind as the field's, to read cursor text back.
    private func example(_ field: Field) -> String {
        field.nativeEnumType != nil ? ".enumValue(\"\")" : example(field.type)
    }

    private func example(_ type: FieldType) -> String {
        switch type {
        case .int: return ".int(0)"
        case .double: return ".double(0)"
        case .bool: return ".bool(false)"
        case .datetime: return ".date(Date())"
        case .identifier(.int64), .identifier(.int32): return ".int(0)"
        case .identifier(.string): return ".text(\"\")"
        case .reference(let reference) where reference.targetKey != .uuid: return example(.identifier(reference.targetKey))
        case .identifier, .uuid, .reference: return ".uuid(UUID())"
        default: return ColumnCodec.sortExample(type) ?? ".text(\"\")"
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
                doc: ["Full-text search over \(index.keys.map(\.field.dottedPath).joined(separator: ", ")) (index \(index.name)): every word of `text` must match,",
                      "whatever its punctuation, with English stemming and stop words (`TextSearch`); best match first."],
                name: name, index: index.name,
                postgresDocument: "to_tsvector('english', \(expression))", sqliteIndex: q(index.name))
        }
    }

    // MARK: Access

    /// The condition of an owner or member rule about a stored row of `row`; the caller is `?`.
    func ruleSQL(_ rule: AccessRule, row: String) -> String {
        switch rule {
        case .owner(let path): return paths.condition(path, member: false, start: AccessPathSQL.start(of: path, member: false, row: row, key: collection.keyColumn))
        case .member(let path): return paths.condition(path, member: true, start: AccessPathSQL.start(of: path, member: true, row: row, key: collection.keyColumn))
        case .isSelf: return "\(row).\(q(collection.keyColumn)) = ?"
        default: return "1 = 0"
        }
    }

    private var paths: AccessPathSQL {
        AccessPathSQL(schema: schema, caller: "?", membership: .joinTable)
    }

    /// The `AccessGrant` of a rule about the record: a condition on the stored row for reads,
    /// updates and deletes, and a test of a record in hand for creates and updates. Rules about
    /// the record's own columns compare in Swift; rules through references ask the database.
    func grantExpression(_ rule: AccessRule) -> String {
        let grant = "AccessGrant<\(collection.modelName)>"
        let filter = SwiftLiteral.rawString(ruleSQL(rule, row: table))
        switch rule {
        case .isSelf:
            return "\(grant).caller(\(filter)) { $0.id.rawValue }"
        case .owner(let path) where path.steps.count == 1:
            let field = fieldAt(path.steps[0].fieldPath)
            let value = field.map { closureAccessor($0) } ?? "$0"
            let optional = field.map { SwiftModelsPlanner.isOptional($0) || accessor($0).contains("?") } ?? false
            return "\(grant).caller(\(filter)) { \(value)\(optional ? "?" : "").rawValue }"
        case .owner(let path), .member(let path):
            let isMember: Bool = { if case .member = rule { return true } else { return false } }()
            let start: String
            if path.steps.count == 1 {
                start = Self.keyValue(collection.keyType, "$0.id")
            } else {
                let field = fieldAt(path.steps[0].fieldPath)
                let value = field.map { closureAccessor($0) } ?? "$0.id"
                let optional = field.map { SwiftModelsPlanner.isOptional($0) || accessor($0).contains("?") } ?? false
                let key = field.flatMap { Self.referencedKey($0.type) } ?? collection.keyType
                start = Self.keyValue(key, value, optional: optional)
            }
            let query = SwiftLiteral.rawString(paths.condition(path, member: isMember, start: "?"))
            // A local of the table's function: indented by two levels.
            return "\(grant).path(\n            \(filter),\n            query: \(query)\n        ) { \(start) }"
        default:
            return ".everyone"
        }
    }

    /// `$0.createdBy` for `record.createdBy`: a value read in a closure over the record.
    func closureAccessor(_ field: Field, argument: String = "$0") -> String {
        argument + accessor(field).dropFirst("record".count)
    }

    // MARK: Field rules and scopes

    /// `.immutable("createdBy", at: \.createdBy)` per immutable column.
    private func immutableRules() -> [[String]] {
        columns.filter(\.field.isImmutable).map { column in
            ["FieldRule.immutable(\(SwiftLiteral.string(column.field.dottedPath)), at: \\\(accessor(column.field).dropFirst("record".count)))"]
        }
    }

    /// `.access(…)` per field with write rules: who may set it on create (when it holds a value
    /// of the caller's choosing) and who may change it.
    private func fieldRules(_ grants: inout GrantNames) -> [[String]] {
        var rules: [[String]] = []
        for (field, columns) in SQLAccessPlanner.ruledFields(collection) + ruledLinkFields() {
            var arguments: [String] = []
            if let create = field.writeRules?.create, let test = isSetTest(field, columns: columns) {
                arguments.append("create: [\(grants.list(create))], isSet: { \(test) }")
            }
            if let update = field.writeRules?.update {
                arguments.append("update: [\(grants.list(update))], changed: { \(closureAccessor(field)) != \(closureAccessor(field, argument: "$1")) }")
            }
            guard !arguments.isEmpty else { continue }
            rules.append(["FieldRule.access("] + ([SwiftLiteral.string(field.dottedPath)] + arguments).enumerated().map {
                "    " + $0.element + ($0.offset == arguments.count ? ")" : ",")
            })
        }
        return rules
    }

    /// `refs` fields with write rules (they have no column, so `ruledFields` leaves them out).
    private func ruledLinkFields() -> [(field: Field, columns: [SQLColumn])] {
        collection.allFields.compactMap { field in
            guard case .references = field.type, field.writeRules != nil else { return nil }
            return (field, [])
        }
    }

    /// The Swift condition, over `$0`, under which a new record's field holds a value of the
    /// caller's choice: not its default (or, without one, set at all). Nil when no value could
    /// be (a `now` default).
    private func isSetTest(_ field: Field, columns: [SQLColumn]) -> String? {
        if case .references = field.type { return "!\(closureAccessor(field)).isEmpty" }
        var tests: [String] = []
        for column in columns {
            let value = closureAccessor(column.field)
            if column.isInOptionalObject || column.field.defaultValue == nil {
                // A required value without a default is always the caller's choice.
                guard isOptionalValue(column) else { return "_ in true" }
                tests.append("\(value) != nil")
            } else if let defaultValue = column.field.defaultValue, defaultValue != .now {
                tests.append("\(value) != \(SwiftLiteral.value(defaultValue))")
            }
        }
        return tests.isEmpty ? nil : tests.joined(separator: " || ")
    }

    /// `.within(…)` per `within` reference: the record it points at shares the scope.
    private func scopeRules() -> [[String]] {
        collection.allFields.compactMap { field -> [String]? in
            guard let within = field.within, case .reference(let reference) = field.type, field.columnName != nil,
                  let scopeField = fieldAt(within.scopeField) else { return nil }
            let optional = SwiftModelsPlanner.isOptional(field) || accessor(field).contains("?")
            let scopeOptional = SwiftModelsPlanner.isOptional(scopeField) || accessor(scopeField).contains("?")
            let target = q(reference.targetTable)
            let sql = "SELECT 1 FROM \(target) WHERE \(target).\(q(reference.targetKeyColumn)) = ? AND \(target).\(q(within.targetScopeColumn)) = ?"
            let value = closureAccessor(field)
            let scope = closureAccessor(scopeField)
            let scopeValue = { (value: String) in Self.keyValue(Self.referencedKey(scopeField.type) ?? .uuid, value, optional: scopeOptional) }
            return [
                "FieldRule.within(",
                "    \(SwiftLiteral.string(field.dottedPath)), query: \(SwiftLiteral.rawString(sql)),",
                "    target: { \(optional ? "\(value).map { \(Self.keyValue(reference.targetKey, "$0")) }" : Self.keyValue(reference.targetKey, value)) },",
                "    scope: { \(scopeValue(scope)) },",
                "    message: \(SwiftLiteral.string("must belong to the same \(within.scopeField.joined(separator: "."))")))",
            ]
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

/// The grants a repository file declares: each rule about the record once, named after it
/// (`ownerCreatedBy`, `memberCollaborators`, `isSelf`), in the order the rules first use them.
struct GrantNames {
    let builder: RepositoryBuilder
    private(set) var declared: [RepositoryGrantView] = []

    init(builder: RepositoryBuilder) {
        self.builder = builder
    }

    /// `ownerCreatedBy, .role("admin")`: the grants of a list of rules.
    mutating func list(_ rules: [AccessRule]) -> String {
        rules.map { expression($0) }.joined(separator: ", ")
    }

    private mutating func expression(_ rule: AccessRule) -> String {
        switch rule {
        case .everyone: return ".everyone"
        case .authenticated: return ".authenticated"
        case .role(let role): return ".role(\(SwiftLiteral.string(role)))"
        case .all(let rules): return ".all(" + rules.map { expression($0) }.joined(separator: ", ") + ")"
        case .isSelf, .owner, .member:
            let name = Self.name(rule)
            if !declared.contains(where: { $0.name == name }) {
                declared.append(RepositoryGrantView(
                    doc: Escaping.oneLine(SQLAccessPlanner.describeRule(rule).prefix(1).uppercased() + SQLAccessPlanner.describeRule(rule).dropFirst()) + ".",
                    name: name, expression: builder.grantExpression(rule)))
            }
            return name
        }
    }

    private static func name(_ rule: AccessRule) -> String {
        switch rule {
        case .owner(let path): return "owner" + Naming.typeName(path.written.replacingOccurrences(of: ".", with: "_"))
        case .member(let path): return "member" + Naming.typeName(path.written.replacingOccurrences(of: ".", with: "_"))
        default: return "isSelf"
        }
    }
}
