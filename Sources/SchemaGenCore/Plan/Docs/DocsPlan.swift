// View models for templates/docs. Every cell's text is decided (and escaped for Markdown) in
// the planners; the templates lay out pages, tables and lists, one row a line.

/// Docs/README.md: the collections, the ER diagram and every relationship.
struct DocsIndexView: Sendable {
    var collections: [DocsCollectionSummaryView]
    /// The lines of the Mermaid `erDiagram` block.
    var diagram: [String]
    var relationships: DocsRelationshipTableView
    var sharedEnums: [DocsEnumView]
    var hasSharedEnums: Bool
}

struct DocsCollectionSummaryView: Sendable {
    /// `[projects](projects.md)`
    var link: String
    var model: String
    var table: String
    /// The first sentence of the description.
    var summary: String
}

/// A table of references: every one on the index page, from and to the collection on its page.
struct DocsRelationshipTableView: Sendable {
    /// The sentence above the table.
    var intro: String
    var rows: [DocsRelationshipRowView]
    var hasRows: Bool
    /// What the page says instead when there are none.
    var empty: String

    init(intro: String = "", rows: [DocsRelationshipRowView], empty: String = "") {
        self.intro = intro
        self.rows = rows
        self.hasRows = !rows.isEmpty
        self.empty = empty
    }
}

/// A reference between two collections, as the index page and both pages list it.
struct DocsRelationshipRowView: Sendable {
    /// `[projects](projects.md)`
    var from: String
    /// `` `createdBy` ``
    var field: String
    var to: String
    /// `many to one, required`
    var cardinality: String
    /// `cascade`, or how the link is stored when there is no foreign key.
    var onDelete: String
}

/// Docs/<collection>.md.
struct DocsCollectionView: Sendable {
    var name: String
    var model: String
    var table: String
    var sourceFile: String
    /// The description, line by line.
    var description: [String]
    /// Bullet points: ids, timestamps, soft delete, principal.
    var facts: [String]
    var fields: [DocsFieldRowView]
    var enums: [DocsEnumView]
    var hasEnums: Bool
    /// References from the collection, then references to it.
    var relations: [DocsRelationshipTableView]
    /// The Mermaid `erDiagram` of the collection and its neighbours, line by line.
    var diagram: [String]
    var indexes: [DocsIndexRowView]
    var hasIndexes: Bool
    var access: DocsAccessView
    /// Pretty JSON of an example record, sensitive values redacted, line by line.
    var example: [String]
    var hasExample: Bool
}

struct DocsFieldRowView: Sendable {
    /// `` `preferences.theme` ``
    var path: String
    var type: String
    var required: String
    var defaultValue: String
    var constraints: String
    var sqlite: String
    var postgres: String
    var description: String
}

struct DocsEnumView: Sendable {
    /// `Project.Status`
    var name: String
    /// `Used by `status`.` or where a shared enum is declared.
    var note: String
    var cases: [DocsEnumCaseView]
}

struct DocsEnumCaseView: Sendable {
    var value: String
    var swiftCase: String
    var description: String
}

struct DocsIndexRowView: Sendable {
    var name: String
    var fields: String
    var kind: String
    /// The repository methods it serves and what for.
    var serves: String
    var sqlite: String
    var postgres: String
}

struct DocsAccessView: Sendable {
    /// `read`, `create`, `update`, `delete`
    var operations: [String]
    var matrix: [DocsAccessRowView]
    var enforcement: [DocsEnforcementRowView]
    /// Fields with write rules of their own.
    var fieldRules: [DocsFieldRuleView]
    var hasFieldRules: Bool
    /// Notes under the tables: join tables, `within` references, immutable fields.
    var notes: [String]
}

struct DocsFieldRuleView: Sendable {
    var field: String
    var create: String
    var update: String
    var enforcedBy: String
}

struct DocsAccessRowView: Sendable {
    var caller: String
    /// One cell per operation, in `operations` order.
    var cells: [String]
}

struct DocsEnforcementRowView: Sendable {
    var operation: String
    var rules: String
    var postgres: String
    var repositories: String
}
