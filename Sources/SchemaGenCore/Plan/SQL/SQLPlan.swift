// View models for templates/sql. Statement text is decided in the planners; the templates lay
// out files and tables.

struct SQLFileView: Sendable {
    /// `PostgreSQL` or `SQLite`.
    var databaseName: String
    /// Comment lines under the file header: requirements and how to read the file.
    var notes: [String]
    /// Statements before the tables (PostgreSQL's principal functions).
    var preamble: [String]
    var tables: [SQLTableView]
    /// Foreign keys that close a cycle, added once every table exists (PostgreSQL).
    var deferredConstraints: [String]
    var policies: [SQLPolicyTableView]
    var hasDeferredConstraints: Bool
    var hasPolicies: Bool
    /// `deferredConstraints` by table, for the migration snapshot.
    var deferredByTable: [SQLDeferredConstraint] = []
    /// PostgreSQL's enum types (`storage: enum`), whose statements close `preamble`; for the
    /// migration snapshot.
    var enumTypes: [SQLEnumType] = []
}

/// A named table constraint: `title_check`, `CHECK (char_length(title) <= 200)`.
struct SQLNamedConstraint: Sendable, Equatable {
    /// Unquoted.
    var name: String
    /// The constraint after `CONSTRAINT name`.
    var definition: String
}

struct SQLDeferredConstraint: Sendable {
    /// Unquoted table name.
    var table: String
    var constraint: SQLNamedConstraint
}

struct SQLTableView: Sendable {
    /// Quoted table name.
    var name: String
    /// Comment lines above the table: what it stores.
    var doc: [String]
    var columns: [SQLColumnView]
    /// Table constraints, commas included (the last has none).
    var constraints: [String]
    /// ` STRICT` on SQLite.
    var options: String
    /// Indexes, full-text tables, triggers and functions that belong to the table.
    var statements: [String]
    /// What the migration snapshot records of the table: its unquoted name, the collection it
    /// belongs to, the `refs` field of a join table, and its constraints by name.
    var tableName: String = ""
    var collectionName: String = ""
    var joinFieldPath: String?
    var namedConstraints: [SQLNamedConstraint] = []
}

struct SQLColumnView: Sendable {
    /// `title text NOT NULL`
    var definition: String
    /// The collection field the column comes from: `subscription.tier`.
    var source: String
    /// The parts of `definition`, for the migration snapshot: unquoted name, type, nullability,
    /// default as SQL, and the field path (`#owner`, `#target`, `#position` on join tables).
    var name: String = ""
    var type: String = ""
    var isNullable = false
    var defaultSQL: String?
    var fieldPath: String = ""
}

struct SQLPolicyTableView: Sendable {
    /// What the policies are for, in the comment above them.
    var table: String
    /// The rules as written in the schema, for the comment above the policies.
    var summary: [String]
    var statements: [String]

    /// `table` and `summary` are comment lines: each made one line (a role or field name can't
    /// end the comment).
    init(table: String, summary: [String], statements: [String]) {
        self.table = Escaping.sqlComment(table)
        self.summary = summary.map(Escaping.sqlComment)
        self.statements = statements
    }
}
