/// The page of one collection.
struct DocsPageBuilder {
    let schema: Schema
    let collection: Collection
    /// The schema's diagram, which also knows the references from and to each collection.
    let diagram: MermaidERDiagram
    let example: String?
    /// The repository's planner, built once for the page: it says which methods each index
    /// serves.
    private let repository: RepositoryBuilder

    init(schema: Schema, collection: Collection, diagram: MermaidERDiagram, example: String?) {
        self.schema = schema
        self.collection = collection
        self.diagram = diagram
        self.example = example
        repository = RepositoryBuilder(schema: schema, collection: collection)
    }

    func view() -> DocsCollectionView {
        let enums = enumViews()
        let touching = diagram.references(touching: collection.name)
        let from = touching.filter { $0.collection.name == collection.name }
        let outgoing = from.map { $0.row() }
        let incoming = touching.filter { $0.target == collection.name }.map { $0.row() }
        let indexes = collection.indexes.sorted { $0.name < $1.name }.map(indexRow)
        return DocsCollectionView(
            name: Escaping.oneLine(collection.name), model: collection.modelName, table: collection.tableName,
            sourceFile: Escaping.htmlComment(collection.sourcePath.split(separator: "/").last.map(String.init) ?? collection.sourcePath),
            description: DocView(collection.description).lines, facts: facts(),
            fields: fieldRows(collection.fields), enums: enums, hasEnums: !enums.isEmpty,
            relations: [
                DocsRelationshipTableView(intro: "References from \(collection.name):", rows: outgoing,
                                          empty: "\(collection.name) references no other collection."),
                DocsRelationshipTableView(intro: "References to \(collection.name):", rows: incoming,
                                          empty: "No collection references \(collection.name)."),
            ],
            diagram: diagram.neighbourhood(of: collection),
            indexes: indexes, hasIndexes: !indexes.isEmpty,
            access: DocsAccessPlanner(schema: schema, collection: collection, outgoing: from).view(),
            example: DocView(example).lines, hasExample: example != nil)
    }

    private func facts() -> [String] {
        var facts = [
            "Swift type \(Markdown.code(collection.modelName)), table \(Markdown.code(collection.tableName)), repository \(Markdown.code(collection.modelName + "Repository")).",
        ]
        switch (collection.keyType, collection.idStrategy) {
        case (.int64, _): facts.append("Ids are 64-bit integers the caller gives.")
        case (.int32, _): facts.append("Ids are 32-bit integers the caller gives.")
        case (.string, _):
            facts.append("Ids are text the caller gives, of 1 to \(collection.fields[0].constraints.maxLength ?? 255) characters.")
        case (.uuid, .uuid): facts.append("Ids are random UUIDs (version 4).")
        case (.uuid, .uuidv7): facts.append("Ids are time-ordered UUIDs (version 7).")
        }
        let stamps = collection.fields.filter { $0.role == .createdAt || $0.role == .updatedAt }
        if stamps.count == 2, stamps.allSatisfy(\.isRequired) {
            facts.append("`createdAt` and `updatedAt` are kept by the repository.")
        } else if !stamps.isEmpty {
            let names = stamps.map { "`\($0.name)`" + ($0.isRequired ? "" : " (nullable)") }.joined(separator: " and ")
            facts.append(names + (stamps.count == 1 ? " is" : " are") + " kept by the repository.")
        }
        if collection.hasSoftDelete {
            facts.append("Deleting sets `deletedAt` (soft delete): reads leave such records out unless asked for them.")
        }
        if collection.isPrincipal { facts.append("Its records are the principals (callers) that access rules speak of.") }
        return facts
    }

    // MARK: Fields

    /// A row per field in schema order, the fields of objects (and of arrays of objects) after
    /// the object's own row.
    private func fieldRows(_ fields: [Field]) -> [DocsFieldRowView] {
        let columns = Dictionary(repository.columns.map { ($0.field.dottedPath, $0) },
                                 uniquingKeysWith: { first, _ in first })
        var rows: [DocsFieldRowView] = []
        func visit(_ fields: [Field], inArray: String?) {
            for field in fields {
                rows.append(row(field, column: columns[field.dottedPath], inArray: inArray))
                switch field.type {
                case .object(let object): visit(object.fields, inArray: inArray)
                case .array(let element):
                    if let object = Self.elementObject(element) { visit(object.fields, inArray: inArray ?? field.dottedPath) }
                default: break
                }
            }
        }
        visit(fields, inArray: nil)
        return rows
    }

    /// The object an array holds (through arrays of arrays), if it holds objects.
    static func elementObject(_ element: ArrayElement) -> ObjectType? {
        switch element.type {
        case .object(let object): return object
        case .array(let inner): return elementObject(inner)
        default: return nil
        }
    }

    private func row(_ field: Field, column: SQLColumn?, inArray: String?) -> DocsFieldRowView {
        let sqlCell = { (dialect: SQLDialect) -> String in
            if let column { return Markdown.code(column.name) + " " + Markdown.code(dialect.columnType(for: field)) }
            if let inArray { return "in the JSON of \(Markdown.code(inArray))" }
            switch field.type {
            case .object: return "its fields' columns"
            case .references(let reference): return reference.joinTable.map { "join table \(Markdown.code($0.name))" } ?? ""
            default: return ""
            }
        }
        return DocsFieldRowView(
            path: Markdown.code(field.dottedPath), type: typeText(field.type), required: field.isRequired ? "yes" : "no",
            defaultValue: field.defaultValue.map { Markdown.code(Self.valueText($0)) } ?? "",
            constraints: constraints(field), sqlite: sqlCell(.sqlite), postgres: sqlCell(.postgres),
            description: Markdown.cell(field.description ?? roleDescription(field.role)))
    }

    private func roleDescription(_ role: Field.Role) -> String {
        switch role {
        case .declared: return ""
        case .primaryKey: return "The record's id."
        case .createdAt: return "When the record was created."
        case .updatedAt: return "When the record was last changed."
        case .deletedAt: return "When the record was deleted (soft delete); absent while it is not."
        case .version: return "How many times the record was written (optimistic concurrency): an update must carry the stored value."
        }
    }

    /// The type as the schema writes it, with what it points at: `enum Project.Status`,
    /// `ref → [users](users.md)`.
    func typeText(_ type: FieldType) -> String {
        switch type {
        case .identifier(let key): return "id (\(key == .uuid ? collection.idStrategy.rawValue : key.rawValue))"
        case .enumeration(let enumType): return "enum \(Markdown.code(enumType.qualifiedName))"
        case .object(let object): return "object \(Markdown.code(object.qualifiedName))"
        case .reference(let reference): return "ref → \(DocsPlanner.link(reference.target))"
        case .references(let reference): return "refs → \(DocsPlanner.link(reference.target))"
        case .vector(let dimensions): return "vector of \(dimensions)"
        case .array(let element): return "array of " + typeText(element.type)
        default: return type.schemaName
        }
    }

    /// A value as the schema would write it: `concept`, `"system"`, `[]`, `now`.
    static func valueText(_ value: DefaultValue) -> String {
        switch value {
        case .now: return "now"
        case .enumCase(let enumCase): return enumCase.value
        default: return SQLJSON.text(value)
        }
    }

    private func constraints(_ field: Field) -> String {
        var parts = Self.constraintTexts(field.constraints)
        switch field.type {
        case .email: parts.append("format email")
        case .url: parts.append("format url")
        case .array(let element):
            parts += Self.itemConstraintTexts(element, prefix: "items")
        default: break
        }
        if field.isUnique { parts.append("unique") }
        if field.isImmutable { parts.append("immutable") }
        if field.isSensitive { parts.append("sensitive") }
        return parts.joined(separator: ", ")
    }

    /// The rules of an array's items, and of their items in turn: `items of items: min 0`.
    static func itemConstraintTexts(_ element: ArrayElement, prefix: String) -> [String] {
        let own = constraintTexts(element.constraints)
        var parts = own.isEmpty ? [] : ["\(prefix): " + own.joined(separator: ", ")]
        if case .array(let inner) = element.type { parts += itemConstraintTexts(inner, prefix: prefix + " of items") }
        return parts
    }

    static func constraintTexts(_ constraints: Constraints) -> [String] {
        var parts: [String] = []
        if let min = constraints.min { parts.append("min \(format(min))") }
        if let max = constraints.max { parts.append("max \(format(max))") }
        if let length = constraints.minLength { parts.append("minLength \(length)") }
        if let length = constraints.maxLength { parts.append("maxLength \(length)") }
        if let pattern = constraints.pattern { parts.append("pattern \(Markdown.code(pattern))") }
        if let count = constraints.minItems { parts.append("minItems \(count)") }
        if let count = constraints.maxItems { parts.append("maxItems \(count)") }
        return parts
    }

    // MARK: Enums

    /// The enums the collection's fields use, in field order, each once.
    private func enumViews() -> [DocsEnumView] {
        var views: [DocsEnumView] = []
        var users: [String: [String]] = [:]
        var order: [EnumType] = []
        func visit(_ type: FieldType, _ field: Field) {
            switch type {
            case .enumeration(let enumType):
                if users[enumType.qualifiedName] == nil { order.append(enumType) }
                users[enumType.qualifiedName, default: []].append(field.dottedPath)
            case .object(let object): object.fields.forEach { visit($0.type, $0) }
            case .array(let element): visit(element.type, field)
            default: break
            }
        }
        collection.fields.forEach { visit($0.type, $0) }
        for enumType in order {
            var note = "Used by " + (users[enumType.qualifiedName] ?? []).map(Markdown.code).joined(separator: ", ") + "."
            if enumType.isShared { note += " Shared: declared under `enums:` (see [the index](README.md#shared-enums))." }
            if let description = enumType.description { note = Markdown.cell(description) + " " + note }
            views.append(DocsEnumView(name: enumType.qualifiedName, note: note, cases: enumType.cases.map(Self.caseView)))
        }
        return views
    }

    static func caseView(_ enumCase: EnumCase) -> DocsEnumCaseView {
        DocsEnumCaseView(value: Markdown.code(enumCase.value), swiftCase: Markdown.code("." + enumCase.swiftName),
                         description: Markdown.cell(enumCase.description ?? ""))
    }

    // MARK: Indexes

    private func indexRow(_ index: Index) -> DocsIndexRowView {
        var fields = index.keys.map { Markdown.code($0.field.dottedPath) + ($0.descending ? " descending" : "") }.joined(separator: ", ")
        if !index.conditions.isEmpty { fields += ", where " + index.conditions.map(conditionText).joined(separator: " and ") }
        return DocsIndexRowView(name: Markdown.code(index.name), fields: fields, kind: kindText(index), serves: serves(index),
                                sqlite: build(index, .sqlite), postgres: build(index, .postgres))
    }

    private func conditionText(_ condition: Index.Condition) -> String {
        let field = Markdown.code(condition.field.dottedPath)
        switch condition.test {
        case .equals(let value): return "\(field) = \(Markdown.code(Self.valueText(value)))"
        case .notEquals(let value): return "\(field) ≠ \(Markdown.code(Self.valueText(value)))"
        case .isIn(let values): return "\(field) in " + values.map { Markdown.code(Self.valueText($0)) }.joined(separator: ", ")
        case .isNull(let isNull): return "\(field) is \(isNull ? "" : "not ")null"
        }
    }

    private func kindText(_ index: Index) -> String {
        var parts: [String] = []
        if index.isUnique { parts.append(index.isConstraint ? "unique constraint" : "unique") }
        switch index.kind {
        case .standard: parts.append(index.keys.count > 1 ? "compound" : "single field")
        case .text: parts.append("text")
        case .ttl(_, let written): parts.append("ttl, expire after \(written)")
        case .vector(let metric): parts.append("vector, \(metric.rawValue)")
        case .json(let pathOps): parts.append(pathOps ? "json, jsonb_path_ops" : "json")
        }
        if !index.conditions.isEmpty { parts.append("partial") }
        if index.joinField != nil { parts.append("over a to-many reference") }
        return parts.joined(separator: ", ")
    }

    /// The repository methods the index serves and what for.
    private func serves(_ index: Index) -> String {
        let queries = repository.queries(servedBy: index).sorted()
        let fields = index.keys.map { Markdown.code($0.field.dottedPath) }.joined(separator: " and ")
        let purpose: String
        if let description = index.description {
            purpose = Markdown.cell(description)
        } else {
            switch index.kind {
            case .standard: purpose = "Finds \(collection.name) by \(fields)."
            case .text: purpose = "Full-text search over \(fields)."
            case .ttl(_, let written): purpose = "Deletes the records whose \(fields) is more than \(written) ago."
            case .vector(let metric): purpose = "Similarity search (\(metric.rawValue)) over \(fields)."
            case .json: purpose = "Containment queries over \(fields) (PostgreSQL)."
            }
        }
        if queries.isEmpty { return "no repository method; " + purpose }
        return queries.map(Markdown.code).joined(separator: ", ") + ": " + purpose
    }

    /// How one database builds the index, per docs/sql-mapping.md, with the names of its objects.
    private func build(_ index: Index, _ dialect: SQLDialect) -> String {
        let q = Naming.sqlQuoted
        let table = collection.tableName
        let name = Markdown.code(index.name)
        let columns = index.keys.map { q($0.field.columnName ?? "") + ($0.descending ? " DESC" : "") }.joined(separator: ", ")
        let condition = index.conditions.isEmpty ? "" : " where " + Markdown.code(SQLIndexPlanner(dialect: dialect).conditionSQL(index.conditions))
        switch index.kind {
        case .standard:
            if let refs = index.joinField, case .references(let reference) = refs.type, let join = reference.joinTable {
                return "index \(name) on join table \(Markdown.code(join.name)) " + Markdown.code("(\(q(join.targetColumn)), \(q(join.ownerColumn)))")
            }
            if index.isConstraint { return "constraint \(name) " + Markdown.code("UNIQUE (\(columns))") + " in the table" }
            return "\(index.isUnique ? "unique index" : "index") \(name) on \(Markdown.code("\(q(table)) (\(columns))"))\(condition)"
        case .text:
            switch dialect {
            case .sqlite:
                let triggers = SQLIndexPlanner.textSearchTriggers(index).map(Markdown.code).joined(separator: ", ")
                return "FTS5 table \(name) (`porter unicode61`) over \(Markdown.code(columns)), kept in sync by triggers \(triggers); search with `MATCH`"
            case .postgres:
                let expression = "to_tsvector('english', \(SQLIndexPlanner(dialect: dialect).textExpression(index)))"
                return "GIN index \(name) on \(Markdown.code(expression))"
            }
        case .ttl(_, let written):
            let expiry = SQLIndexPlanner.expiryObject(index, dialect: dialect)
            let base = "index \(name) on \(Markdown.code("\(q(table)) (\(columns))"))\(condition)"
            switch dialect {
            case .sqlite: return base + "; trigger \(Markdown.code(expiry)) deletes rows older than \(written) after each insert"
            case .postgres: return base + "; function \(Markdown.code(expiry + "()")) deletes rows older than \(written), run on a schedule"
            }
        case .vector(let metric):
            let column = index.keys.first?.field.columnName ?? ""
            switch dialect {
            case .sqlite: return "no index (SQLite has no vector search): a \(metric.rawValue) similarity search scans every row"
            case .postgres: return "no index (needs pgvector): order by " + Markdown.code("\(SQLVectorFunctions.name(metric))(\(q(column)), $1)")
            }
        case .json(let pathOps):
            let column = index.keys.first?.field.columnName ?? ""
            switch dialect {
            case .sqlite: return "no index (SQLite has no index over the inside of a JSON value): a containment test reads each row's JSON"
            case .postgres: return "GIN index \(name) on \(Markdown.code("\(q(table)) (\(q(column))\(pathOps ? " jsonb_path_ops" : ""))"))\(condition)"
            }
        }
    }
}
