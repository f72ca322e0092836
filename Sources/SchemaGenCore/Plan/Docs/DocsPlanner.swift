/// Plan for templates/docs: a Markdown reference of the schema, read on GitHub and in pull
/// requests. `Docs/README.md` lists the collections with an entity-relationship diagram
/// (Mermaid, which GitHub renders); `Docs/<collection>.md` has a page per collection: fields
/// with their columns in both databases, enums, relations both ways, indexes with the queries
/// they serve and how each database builds them, and who may do what.
///
/// The SQL columns, index objects and policy names come from the SQL planners, the queries an
/// index serves from the repository planner, so the pages say what the other outputs do.
/// Rows are one a line in a stable order (schema order for fields, name order elsewhere) and
/// nothing is aligned, so a schema edit changes only the rows it must.
enum DocsPlanner {
    /// `examples`: collection name → pretty JSON of an example record, sensitive values already
    /// redacted (`DocsExample.json(_:of:)`); a page gets an Example section only when it has one.
    static func plan(_ schema: Schema, examples: [String: String] = [:]) -> [PlannedFile] {
        let references = DocsReference.all(in: schema)
        let diagram = MermaidERDiagram(schema: schema, references: references)
        let index = PlannedFile(path: "Docs/README.md", template: "docs/index.md", context: indexView(schema, diagram: diagram))
        let pages = schema.collections.concurrentMap { collection in
            PlannedFile(path: "Docs/\(page(collection.name))", template: "docs/collection.md",
                        context: DocsPageBuilder(schema: schema, collection: collection, diagram: diagram,
                                                 example: examples[collection.name]).view())
        }
        return [index] + pages
    }

    /// The file name of a collection's page: `projects.md`.
    static func page(_ collection: String) -> String { collection + ".md" }

    /// A Markdown link to a collection's page.
    static func link(_ collection: String) -> String { "[\(collection)](\(page(collection)))" }

    static func indexView(_ schema: Schema, diagram: MermaidERDiagram) -> DocsIndexView {
        let collections = schema.collections.sorted { $0.name < $1.name }.map { collection in
            DocsCollectionSummaryView(link: link(collection.name), model: Markdown.code(collection.modelName),
                                      table: Markdown.code(collection.tableName), summary: Markdown.cell(summary(collection.description)))
        }
        let relationships = diagram.references.map { $0.row() }
        let shared = schema.sharedEnums.sorted { $0.swiftName < $1.swiftName }.map { enumType in
            DocsEnumView(name: enumType.qualifiedName, note: Markdown.cell(enumType.description ?? ""), cases: enumType.cases.map(DocsPageBuilder.caseView))
        }
        return DocsIndexView(collections: collections, diagram: diagram.lines(),
                             relationships: DocsRelationshipTableView(rows: relationships),
                             sharedEnums: shared, hasSharedEnums: !shared.isEmpty)
    }

    /// The first sentence of a description (its first paragraph when that has no full stop).
    static func summary(_ description: String?) -> String {
        let paragraph = DocView(description).lines.prefix { !$0.isEmpty }.joined(separator: " ")
        if let end = paragraph.range(of: ". ") { return String(paragraph[..<end.lowerBound]) + "." }
        return paragraph
    }
}

/// A reference from a field of one collection to another (or the same) collection.
struct DocsReference {
    enum Storage {
        /// A column with a foreign key.
        case column(Reference.DeleteRule)
        /// A join table (`refs`).
        case joinTable(JoinTable)
        /// Ids inside the record's JSON (references in arrays): no foreign key.
        case json
    }

    var collection: Collection
    /// The field that holds the reference: the `ref`/`refs` field, or the array it is inside.
    var field: Field
    var target: String
    var storage: Storage
    var isRequired: Bool
    var isUnique: Bool

    /// Every reference of the schema: collections in name order, fields in schema order.
    static func all(in schema: Schema) -> [DocsReference] {
        schema.collections.sorted { $0.name < $1.name }.flatMap { collection in
            references(in: collection.fields, of: collection, inArray: false)
        }
    }

    private static func references(in fields: [Field], of collection: Collection, inArray: Bool) -> [DocsReference] {
        fields.flatMap { field -> [DocsReference] in
            func found(_ reference: Reference, _ storage: Storage) -> [DocsReference] {
                [DocsReference(collection: collection, field: field, target: reference.target, storage: storage,
                               isRequired: field.isRequired, isUnique: field.isUnique)]
            }
            switch field.type {
            case .reference(let reference):
                return found(reference, !inArray ? .column(reference.onDelete ?? .restrict) : .json)
            case .references(let reference):
                return found(reference, reference.joinTable.map(Storage.joinTable) ?? .json)
            case .object(let object):
                return references(in: object.fields, of: collection, inArray: inArray)
            case .array(let element):
                return elementReferences(element.type, field: field, of: collection)
            default:
                return []
            }
        }
    }

    private static func elementReferences(_ type: FieldType, field: Field, of collection: Collection) -> [DocsReference] {
        switch type {
        case .reference(let reference), .references(let reference):
            return [DocsReference(collection: collection, field: field, target: reference.target, storage: .json,
                                  isRequired: false, isUnique: false)]
        case .object(let object):
            return references(in: object.fields, of: collection, inArray: true)
        case .array(let element):
            return elementReferences(element.type, field: field, of: collection)
        default:
            return []
        }
    }

    /// In words: `many to one, required`.
    var cardinality: String {
        switch storage {
        case .column:
            return (isUnique ? "one to one" : "many to one") + (isRequired ? ", required" : ", optional")
        case .joinTable(let join):
            return "many to many, join table \(Markdown.code(join.name))"
        case .json:
            return "many to many, ids in the record's JSON"
        }
    }

    /// What deleting the target does.
    var onDelete: String {
        switch storage {
        case .column(let rule): return Markdown.code(rule.rawValue)
        case .joinTable: return "the links go (`cascade`)"
        case .json: return "nothing: no foreign key"
        }
    }

    func row() -> DocsRelationshipRowView {
        DocsRelationshipRowView(from: DocsPlanner.link(collection.name), field: Markdown.code(field.dottedPath),
                                to: DocsPlanner.link(target), cardinality: cardinality, onDelete: onDelete)
    }
}

/// Text for Markdown tables and code spans.
enum Markdown {
    /// Text in a table cell: one line, pipes escaped (see `Escaping.markdownCell`).
    static func cell(_ text: String) -> String {
        Escaping.markdownCell(DocView(text).lines.filter { !$0.isEmpty }.joined(separator: " "))
    }

    /// A code span, in a table cell.
    static func code(_ text: String) -> String {
        let escaped = Escaping.markdownCell(text)
        if escaped.containsBytes("`") { return "`` " + escaped + " ``" }
        return "`" + escaped + "`"
    }
}
