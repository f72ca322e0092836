/// The Mermaid `erDiagram`s of the docs. The index page's overview has an entity per collection
/// table with its keys only (primary, foreign, unique), so that it stays readable past a few
/// collections; each collection's page has its neighbourhood: the table with every column, the
/// tables it references or that reference it (keys only), and the lines between them. A line per
/// reference, written from the referencing table:
///
/// - `ref`: `projects }o--|| users`, many projects to exactly one user (`o|` when optional,
///   `|o` on the left when the field is unique: one to one);
/// - `refs` (a join table): `projects }o--o{ users`;
/// - references inside arrays, kept in the record's JSON without a foreign key: a dotted line,
///   `scenes }o..o{ characters`.
///
/// Names are SQL identifiers (snake_case), which Mermaid takes as they are, except a name that
/// begins with a word Mermaid's lexer reads as a keyword (`tokens` would start with `to`): that
/// one is quoted. Labels are always quoted.
struct MermaidERDiagram {
    let schema: Schema
    let references: [DocsReference]
    /// Looked up once here, not by searching the schema per page or per line: the docs would
    /// grow with the square of the collections.
    private let collectionsByName: [String: Collection]
    private let referencesTouching: [String: [DocsReference]]
    /// Each collection's columns, worked out once: a collection is drawn on its own page, on
    /// each neighbour's and in the overview.
    private let columnsByName: [String: [SQLColumn]]

    init(schema: Schema, references: [DocsReference]) {
        self.schema = schema
        self.references = references
        collectionsByName = Dictionary(schema.collections.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        columnsByName = SQLFilePlanner.columnsByCollection(schema)
        var touching: [String: [DocsReference]] = [:]
        for reference in references {
            touching[reference.collection.name, default: []].append(reference)
            if reference.target != reference.collection.name { touching[reference.target, default: []].append(reference) }
        }
        referencesTouching = touching
    }

    /// The references from or to a collection, in the order of `references`.
    func references(touching collection: String) -> [DocsReference] {
        referencesTouching[collection] ?? []
    }

    /// The overview: every table with its keys, every reference.
    func lines() -> [String] {
        ["erDiagram"] + schema.collections.sorted(by: { $0.tableName < $1.tableName }).flatMap { entity($0, allColumns: false) }
            + references.map { "    " + relationship($0) }
    }

    /// One collection with all its columns, its neighbours with their keys, and the references
    /// between the collection and them.
    func neighbourhood(of collection: Collection) -> [String] {
        let touching = references(touching: collection.name)
        let neighbours = Set(touching.flatMap { [$0.collection.name, $0.target] }).subtracting([collection.name])
        let others = neighbours.compactMap { collectionsByName[$0] }.sorted { $0.tableName < $1.tableName }
        return ["erDiagram"] + entity(collection, allColumns: true) + others.flatMap { entity($0, allColumns: false) }
            + touching.map { "    " + relationship($0) }
    }

    private func entity(_ collection: Collection, allColumns: Bool) -> [String] {
        let columns = (columnsByName[collection.name] ?? SQLColumn.columns(of: collection.fields)).filter { allColumns || !keys($0, in: collection).isEmpty }
        return ["    \(Self.entityName(collection.tableName)) {"] + columns.map { "        " + attribute($0, in: collection) } + ["    }"]
    }

    /// `PK`, `FK`, `UK`: what makes a column a key.
    private func keys(_ column: SQLColumn, in collection: Collection) -> [String] {
        var keys: [String] = []
        if column.field.role == .primaryKey { keys.append("PK") }
        if case .reference = column.field.type { keys.append("FK") }
        let uniqueIndex = collection.indexes.contains { $0.isUnique && $0.keys.count == 1 && $0.keys[0].field.path == column.field.path }
        if column.field.isUnique || uniqueIndex { keys.append("UK") }
        return keys
    }

    /// `ref created_by FK "createdBy"`: type, column, keys, and the field when the column's name
    /// doesn't say it.
    func attribute(_ column: SQLColumn, in collection: Collection) -> String {
        var text = "\(Self.type(column.field.type)) \(column.name)"
        let keys = keys(column, in: collection)
        if !keys.isEmpty { text += " " + keys.joined(separator: ", ") }
        if column.name != Naming.snakeCase(column.field.name) || column.field.path.count > 1 {
            text += " \"\(Escaping.mermaidLabel(column.field.dottedPath))\""
        }
        return text
    }

    /// The schema's type as a Mermaid attribute type (letters, digits, `_`, `[]`).
    static func type(_ type: FieldType) -> String {
        switch type {
        case .identifier(let key): return key.rawValue
        case .array(let element): return Self.type(element.type) + "[]"
        default: return type.schemaName
        }
    }

    func relationship(_ reference: DocsReference) -> String {
        let target = collectionsByName[reference.target]?.tableName ?? reference.target
        let shape: String
        switch reference.storage {
        case .column:
            shape = (reference.isUnique ? "|o" : "}o") + "--" + (reference.isRequired ? "||" : "o|")
        case .joinTable:
            shape = "}o--o{"
        case .json:
            shape = "}o..o{"
        }
        return "\(Self.entityName(reference.collection.tableName)) \(shape) \(Self.entityName(target)) : \"\(Escaping.mermaidLabel(reference.field.dottedPath))\""
    }

    /// Words Mermaid's erDiagram lexer matches at the start of a name before it tries a name
    /// (case-insensitively, without a word boundary): cardinalities, relationship words, statements.
    static let keywordPrefixes = ["one", "only", "zero", "many", "to", "optionally", "class", "style", "subgraph", "end", "erdiagram"]

    /// A table's name as a Mermaid entity: as it is, or quoted when it begins with a keyword.
    static func entityName(_ table: String) -> String {
        let lowered = table.lowercased()
        return keywordPrefixes.contains(where: lowered.hasPrefix) ? "\"\(table)\"" : table
    }
}
