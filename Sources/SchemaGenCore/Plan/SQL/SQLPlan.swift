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
}

struct SQLColumnView: Sendable {
    /// `title text NOT NULL`
    var definition: String
    /// The collection field the column comes from: `subscription.tier`.
    var source: String
}

struct SQLPolicyTableView: Sendable {
    var table: String
    /// The rules as written in the schema, for the comment above the policies.
    var summary: [String]
    var statements: [String]
}
