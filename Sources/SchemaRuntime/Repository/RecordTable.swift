import Foundation

/// What a repository needs to know about a collection's table, emitted by the generator as the
/// model's `table`: names (already quoted where SQL needs it), the columns in row order, the
/// join tables of its to-many references and the schema's access rules. The statements every
/// repository runs are built from it once. A class: repositories read it on every call, and a
/// reference costs one retain where a struct of this size would copy every field.
public final class RecordTable<Record: StoredRecord>: Sendable {
    /// The collection's name in the schema (`projects`), as errors name it.
    public let collection: String
    /// The table as SQL (`projects`, `"order"`).
    public let name: String
    /// The columns as SQL, in row order; the first is the id.
    public let columns: [String]
    /// The column of `createdAt` (never updated) and of `deletedAt` (soft delete), if any.
    public let createdAt: String?
    public let deletedAt: String?
    /// `version:`: the column every update compares and bumps (optimistic concurrency), if any.
    public let version: RecordVersion<Record>?
    public let links: [RecordLink<Record>]
    public let access: RecordAccess<Record>
    /// Immutable fields, fields with their own write rules and `within` references.
    public let rules: [FieldRule<Record>]
    /// `id: { type: int64, generated: true }`: the database gives the key of a record created
    /// without one (`.unassigned`), which `create` reads back; nil when the caller always gives it.
    public let generatedKey: GeneratedKey<Record>?
    /// `INSERT INTO tracks (title, …) VALUES (?, …) RETURNING tracks.id`: every column but the
    /// key; with `generatedKey` only.
    let generatedInsertSQL: String?

    /// The schema's field path of each column, by unquoted column name: SQLite names the columns
    /// of a broken unique index.
    let fieldOfColumn: [String: String]
    /// The field paths of each unique index, by name: PostgreSQL names the index.
    let uniqueIndexes: [String: [String]]

    /// `projects.id`
    public let idColumn: String
    /// `projects.id, projects.title, …`
    public let selectList: String
    /// `INSERT INTO projects (id, title, …) VALUES (?, ?, …)`
    public let insertSQL: String
    /// `UPDATE projects SET title = ?, … WHERE projects.id = ?`: every column but the id and
    /// `createdAt`, whose positions in a row are `updatedPositions`. With a version column, the
    /// update also needs the version the caller read (`AND projects.version = ?`): a compare and
    /// swap, which changes no row when another write came first.
    let updateSQL: String
    let updatedPositions: [Int]

    /// `columns`: a line per column, in row order: the column as SQL, spaces, then the field path
    /// it stores (`episode_number  episodeNumber`). Every path starts two places past the widest
    /// column, so a path may start with or hold spaces (a column never does).
    public init(
        collection: String,
        name: String,
        columns table: String,
        createdAt: String? = nil,
        deletedAt: String? = nil,
        version: RecordVersion<Record>? = nil,
        uniqueIndexes: [String: [String]] = [:],
        links: [RecordLink<Record>] = [],
        generatedKey: GeneratedKey<Record>? = nil,
        access: RecordAccess<Record>,
        rules: [FieldRule<Record>] = []
    ) {
        let columns = ColumnTable.pairs(table)
        self.collection = collection
        self.name = name
        self.columns = columns.map(\.sql)
        self.createdAt = createdAt
        self.deletedAt = deletedAt
        self.version = version
        self.uniqueIndexes = uniqueIndexes
        self.links = links
        self.access = access
        self.rules = rules
        self.generatedKey = generatedKey
        self.fieldOfColumn = Dictionary(columns.map { (Self.unquoted($0.sql), $0.field) }, uniquingKeysWith: { first, _ in first })
        // The key column is the first: `id`, or the schema's `id.column` (`album_id`).
        idColumn = "\(name).\(self.columns[0])"
        selectList = self.columns.map { "\(name).\($0)" }.joined(separator: ", ")
        insertSQL = "INSERT INTO \(name) (\(self.columns.joined(separator: ", "))) VALUES (\(self.columns.map { _ in "?" }.joined(separator: ", ")))"
        let names = self.columns
        generatedInsertSQL = generatedKey.map { _ in
            "INSERT INTO \(name) (\(names.dropFirst().joined(separator: ", "))) VALUES (\(names.dropFirst().map { _ in "?" }.joined(separator: ", "))) RETURNING \(names[0])"
        }
        let updated = names.indices.filter { $0 != 0 && names[$0] != createdAt }
        updatedPositions = updated
        updateSQL = "UPDATE \(name) SET \(updated.map { "\(names[$0]) = ?" }.joined(separator: ", ")) WHERE \(idColumn) = ?"
            + (version.map { " AND \(name).\($0.column) = ?" } ?? "")
    }

    /// `, version = version + 1` for the statements that change a row in place (soft delete,
    /// restore); empty without a version column.
    var versionBump: String {
        version.map { ", \($0.column) = \($0.column) + 1" } ?? ""
    }

    /// `"order"` → `order`: the name a database reports.
    static func unquoted(_ name: String) -> String {
        guard name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 else { return name }
        return String(name.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
    }

    /// The field paths a database's unique-violation names: PostgreSQL gives the index, SQLite
    /// the columns.
    func conflictingFields(_ error: DatabaseError) -> [String] {
        error.constraint.flatMap { uniqueIndexes[$0] } ?? error.columns.map { fieldOfColumn[$0] ?? $0 }
    }
}

/// A key the database generates (`generated: true`): how to tell a record that has none yet
/// (`IntegerID.unassigned`) and to give it the one the database chose.
public struct GeneratedKey<Record>: Sendable {
    let isUnassigned: @Sendable (Record) -> Bool
    let assign: @Sendable (inout Record, Int64) -> Void

    public init(isUnassigned: @escaping @Sendable (Record) -> Bool, assign: @escaping @Sendable (inout Record, Int64) -> Void) {
        self.isUnassigned = isUnassigned
        self.assign = assign
    }
}

/// The version field of a collection with `version:`: its column (as SQL) and how to read and
/// set it in a record. The repository sets it to 1 on create and bumps it on every write.
public struct RecordVersion<Record>: Sendable {
    public let column: String
    let value: @Sendable (Record) -> Int
    let setValue: @Sendable (inout Record, Int) -> Void

    public init(column: String, value: @escaping @Sendable (Record) -> Int, setValue: @escaping @Sendable (inout Record, Int) -> Void) {
        self.column = column
        self.value = value
        self.setValue = setValue
    }
}

/// A `refs` field: its join table, and how to read and write the record's list of targets.
public struct RecordLink<Record>: Sendable {
    public let field: String
    public let joinTable: String
    public let ownerColumn: String
    public let targetColumn: String
    /// The targets' keys as SQL values, in order.
    let targets: @Sendable (Record) -> [SQLValue]
    /// Reads a target's key out of a row's column, as `targets` gives it.
    let readTarget: @Sendable (SQLRow, Int) throws -> SQLValue
    /// Replaces the list with these keys (as `readTarget` read them).
    let setTargets: @Sendable (inout Record, [SQLValue]) throws -> Void

    /// The list at `list` (a key path: no closure for the generated code to compile), for targets
    /// with any key. (A list inside an optional object has no writable key path: it uses the
    /// closures below.)
    public init<Target: RecordKey>(
        field: String, joinTable: String, ownerColumn: String, targetColumn: String,
        list: WritableKeyPath<Record, [Target]> & Sendable
    ) {
        self.init(field: field, joinTable: joinTable, ownerColumn: ownerColumn, targetColumn: targetColumn,
                  targets: { $0[keyPath: list] }, setTargets: { $0[keyPath: list] = $1 })
    }

    /// `targets` reads the list (empty inside an absent optional object); `setTargets` replaces
    /// it (and does nothing inside an absent optional object: its links are kept only while it
    /// exists).
    public init<Target: RecordKey>(
        field: String,
        joinTable: String,
        ownerColumn: String,
        targetColumn: String,
        targets: @escaping @Sendable (Record) -> [Target],
        setTargets: @escaping @Sendable (inout Record, [Target]) -> Void
    ) {
        self.field = field
        self.joinTable = joinTable
        self.ownerColumn = ownerColumn
        self.targetColumn = targetColumn
        self.targets = { targets($0).map(\.sqlValue) }
        self.readTarget = { try Target(row: $0, column: $1).sqlValue }
        self.setTargets = { record, values in
            setTargets(&record, try values.map { try Target(row: SQLRow([$0]), column: 0) })
        }
    }
}

/// A field with a rule beyond validation, checked by the repository on create and update.
public struct FieldRule<Record>: Sendable {
    enum Kind: Sendable {
        /// Set on create; only the system context may change it.
        case immutable(changed: @Sendable (Record, Record) -> Bool)
        /// The field's own write rules: who may give it a value of their choosing (`isSet`) on
        /// create, and who may change it.
        case access(create: [AccessGrant<Record>]?, isSet: (@Sendable (Record) -> Bool)?,
                    update: [AccessGrant<Record>]?, changed: (@Sendable (Record, Record) -> Bool)?)
        /// A `within` reference: `query` (`?`: the target, then the scope) finds the target in
        /// the record's scope.
        case within(query: String, target: @Sendable (Record) -> SQLValue?, scope: @Sendable (Record) -> SQLValue,
                    message: String)
    }

    /// The field's path in the schema (`createdBy`, `script.dialogue`).
    public let field: String
    let kind: Kind

    /// An immutable field: `changed(new, stored)` tells whether it differs.
    public static func immutable(_ field: String, changed: @escaping @Sendable (Record, Record) -> Bool) -> Self {
        FieldRule(field: field, kind: .immutable(changed: changed))
    }

    /// An immutable field at `value`, compared with its own `==` (a key path: no closure for the
    /// generated code to compile).
    public static func immutable<Value: Equatable & Sendable>(_ field: String, at value: KeyPath<Record, Value> & Sendable) -> Self {
        immutable(field) { $0[keyPath: value] != $1[keyPath: value] }
    }

    /// A field with write rules. `create` (with `isSet`: the value is not the default) and
    /// `update` (with `changed(new, stored)`) are nil when the field has none for that operation.
    public static func access(
        _ field: String,
        create: [AccessGrant<Record>]? = nil,
        isSet: (@Sendable (Record) -> Bool)? = nil,
        update: [AccessGrant<Record>]? = nil,
        changed: (@Sendable (Record, Record) -> Bool)? = nil
    ) -> Self {
        FieldRule(field: field, kind: .access(create: create, isSet: isSet, update: update, changed: changed))
    }

    /// A reference `within` a scope: `query` selects the target (first `?`) if its scope equals
    /// the record's (second `?`); `target` is nil when the reference is absent.
    public static func within(
        _ field: String,
        query: String,
        target: @escaping @Sendable (Record) -> SQLValue?,
        scope: @escaping @Sendable (Record) -> SQLValue,
        message: String
    ) -> Self {
        FieldRule(field: field, kind: .within(query: query, target: target, scope: scope, message: message))
    }
}

/// The lines of `RecordTable.init`'s `columns`, as (column, field path) pairs.
enum ColumnTable {
    /// Bytes, not characters: a path that starts with a combining mark must not merge with the
    /// space before it.
    static func pairs(_ table: String) -> [(sql: String, field: String)] {
        let lines = table.utf8.split(separator: UInt8(ascii: "\n"))
        let width = lines.map { $0.prefix { $0 != UInt8(ascii: " ") }.count }.max() ?? 0
        return lines.map { line in
            (sql: String(decoding: line.prefix { $0 != UInt8(ascii: " ") }, as: UTF8.self),
             field: String(decoding: line.dropFirst(width + 2), as: UTF8.self))
        }
    }
}
