/// What went wrong in a repository call, in the schema's terms.
public enum RepositoryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No record with that id, or none the caller may see.
    case notFound(collection: String, id: String)
    /// A unique index refused the record; `fields` are the schema's field paths of the index.
    case conflict(collection: String, fields: [String])
    /// The access rules do not let the caller do this; nothing was changed. `field` names the
    /// field whose own write rules refused the value (`users.role`), when it was one of those.
    case forbidden(collection: String, operation: String, field: String? = nil)
    /// The record breaks the schema's rules; every broken rule is listed.
    case validationFailed(ValidationError)
    /// The database refused the change with a named constraint.
    case constraintViolated(collection: String, constraint: String, message: String)
    /// A page cursor that this list did not make.
    case invalidCursor
    /// The record changed since the caller read it (`version:`): the caller's copy carries
    /// version `expected`, the stored record is at `found`. Nothing was changed; read the record
    /// again, apply the change to it and retry (or let the caller choose).
    case staleRecord(collection: String, id: String, expected: Int, found: Int)
    /// A similarity search's query vector doesn't have the searched field's dimensions.
    case vectorDimensions(collection: String, column: String, expected: Int, found: Int)

    public var description: String {
        switch self {
        case .notFound(let collection, let id): return "\(collection): no record \(id)"
        case .conflict(let collection, let fields): return "\(collection): another record has the same \(fields.joined(separator: ", "))"
        case .forbidden(let collection, let operation, nil): return "\(collection): \(operation) is not allowed for this caller"
        case .forbidden(let collection, let operation, let field?):
            return "\(collection): \(operation) is not allowed for this caller: it may not set '\(field)'"
        case .validationFailed(let error): return error.description
        case .constraintViolated(let collection, let constraint, let message): return "\(collection): \(constraint): \(message)"
        case .invalidCursor: return "the page cursor does not belong to this list"
        case .staleRecord(let collection, let id, let expected, let found):
            return "\(collection): record \(id) changed since it was read (version \(expected), now \(found)); read it again and retry"
        case .vectorDimensions(let collection, let column, let expected, let found):
            return "\(collection): \(column) has \(expected) dimensions, the query vector \(found)"
        }
    }
}

/// A database's refusal, as an executor reports it, before a repository puts it in schema terms.
public struct DatabaseError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case uniqueViolation
        case checkViolation
        case foreignKeyViolation
        case notNullViolation
        /// PostgreSQL row-level security refused a new row, or a trigger refused a change.
        case permissionDenied
        case other
    }

    public var kind: Kind
    /// The constraint or index name, when the database says it (PostgreSQL; SQLite for CHECK).
    public var constraint: String?
    /// The table and columns, when the database says them (SQLite for UNIQUE and NOT NULL).
    public var table: String?
    public var columns: [String]
    public var message: String

    public init(kind: Kind, constraint: String? = nil, table: String? = nil, columns: [String] = [], message: String) {
        self.kind = kind
        self.constraint = constraint
        self.table = table
        self.columns = columns
        self.message = message
    }

    public var description: String { message }
}
