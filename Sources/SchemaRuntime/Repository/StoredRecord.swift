import Foundation

/// A model kept in a table: what `Repository` needs to read and write it. The generator emits
/// the conformance of each collection's model (its table description, row decoding and encoding);
/// `Repository` does the rest.
public protocol StoredRecord: Identifiable, Validatable, Sendable where ID: RecordKey {
    /// What `Repository.list` and `count` filter on: the fields an index covers.
    associatedtype RepositoryFilter: RecordFilter

    /// The record's id: settable, so that an upsert can write a record onto the stored one it
    /// conflicts with.
    var id: ID { get set }

    /// What `Repository.list(where:orderBy:…)` filters and sorts on: a typed column per field
    /// that leads an index.
    associatedtype Columns: RecordColumns = NoColumns

    /// What `Repository.include` and `including:` load with the records: its references, the
    /// records its `refs` list and the records that point at it (generated from the schema).
    associatedtype Relations: RecordRelations = NoRelations

    /// The table, its columns, links and access rules.
    static var table: RecordTable<Self> { get }

    /// The record of a row of `table.selectList`: its columns in `table.columns` order (links
    /// are filled in afterwards).
    init(row: SQLRow) throws

    /// The values of `table.columns`, in order.
    func columnValues() throws -> [SQLValue]

    /// Sets what the repository keeps, not the caller: the timestamps (now, or on update the
    /// stored creation time) and the deletion mark (only `delete` and `restore` change it).
    /// `stored` is nil on create. Does nothing for a collection with neither.
    mutating func stamp(_ now: Date, keeping stored: Self?)
}

extension StoredRecord {
    public mutating func stamp(_ now: Date, keeping stored: Self?) {}
}

/// The filter of a collection's lists: every field set is a condition, all must hold.
public protocol RecordFilter: Sendable {
    /// No condition: every record.
    init()

    /// The SQL condition and its arguments.
    var condition: (sql: String, arguments: [SQLValue]) { get }
}

/// A model whose collection has `softDelete`: `delete` marks it, `restore` brings it back.
public protocol SoftDeletable: StoredRecord {}

/// A value that identifies a record: what its `id` column holds.
public protocol RecordKey: Hashable, Sendable, CustomStringConvertible {
    /// The value bound for the `id` column.
    var sqlValue: SQLValue { get }

    /// Reads a key out of a row's column.
    init(row: SQLRow, column: Int) throws

    /// Reads back a key that a page cursor holds (`sqlValue.cursorText`).
    init?(cursorText: String)

    /// A value of the key's SQL kind, to read a sort key of this kind back from a cursor.
    static var sqlKind: SQLValue { get }
}

extension RecordID: RecordKey {
    public var sqlValue: SQLValue { .uuid(rawValue) }
    public static var sqlKind: SQLValue { .uuid(UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))) }

    public init(row: SQLRow, column: Int) throws {
        self.init(rawValue: try row.uuid(column))
    }

    public init?(cursorText: String) {
        self.init(cursorText)
    }
}

/// What a generated `RepositoryFilter` builds its condition with: one test per field it filters
/// on, kept only when the field has a value (`conditions.add("media.project = ?", .uuid(self.project?.rawValue))`).
public struct FilterConditions: Sendable {
    private var tests = ["1 = 1"]
    private var arguments: [SQLValue] = []

    public init() {}

    /// Adds `test`, with its `?` bound to `value`; a NULL value (a field left nil) adds nothing.
    public mutating func add(_ test: String, _ value: SQLValue) {
        guard value != .null else { return }
        tests.append(test)
        arguments.append(value)
    }

    /// The tests joined by `AND`, and their arguments.
    public var condition: (sql: String, arguments: [SQLValue]) {
        (tests.joined(separator: " AND "), arguments)
    }
}
