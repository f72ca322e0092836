import Foundation

/// The schema's access rules of a collection, per operation: a caller is granted an operation
/// when one of its grants holds. An empty list grants nothing but the system context.
public final class RecordAccess<Record>: Sendable {
    public let read: [AccessGrant<Record>]
    public let create: [AccessGrant<Record>]
    public let update: [AccessGrant<Record>]
    public let delete: [AccessGrant<Record>]

    public init(read: [AccessGrant<Record>], create: [AccessGrant<Record>], update: [AccessGrant<Record>], delete: [AccessGrant<Record>]) {
        self.read = read
        self.create = create
        self.update = update
        self.delete = delete
    }
}

/// One access rule: every one of its parts must hold. Parts about the caller alone (signed in, a
/// role) are settled in Swift before any SQL runs; parts about the record are a condition on the
/// stored row (for the WHERE clause of reads, updates and deletes) and a test of a record about
/// to be written (for create and update).
public struct AccessGrant<Record>: Sendable {
    enum Part: Sendable {
        case signedIn
        case role(String)
        /// `sql` holds for the stored row, every `?` the caller's id; `test` for a record in hand.
        case row(sql: String, placeholders: Int, test: RecordTest)
    }

    enum RecordTest: Sendable {
        /// One of the record's own columns is the caller.
        case isCaller(@Sendable (Record) -> UUID?)
        /// The database finds a way from the record to the caller: `SELECT 1 WHERE query`, its
        /// first `?` `start(record)`, its second the caller.
        case query(String, start: @Sendable (Record) -> SQLValue)
    }

    let parts: [Part]

    /// Anyone, signed in or not.
    public static var everyone: Self { AccessGrant(parts: []) }

    /// Any signed-in caller.
    public static var authenticated: Self { AccessGrant(parts: [.signedIn]) }

    /// A caller with this role.
    public static func role(_ role: String) -> Self { AccessGrant(parts: [.role(role)]) }

    /// The caller is the value of one of the record's own columns (`owner: createdBy`, `self`):
    /// `sql` says so of a stored row (`projects.created_by = ?`), `value` reads it from a record.
    public static func caller(_ sql: String, _ value: @escaping @Sendable (Record) -> UUID?) -> Self {
        AccessGrant(parts: [.row(sql: sql, placeholders: placeholders(sql), test: .isCaller(value))])
    }

    /// The caller is reached through references or join tables: `sql` says so of a stored row;
    /// `query` of a record in hand, starting from `start(record)` (its id, or a reference).
    public static func path(_ sql: String, query: String, start: @escaping @Sendable (Record) -> SQLValue) -> Self {
        AccessGrant(parts: [.row(sql: sql, placeholders: placeholders(sql), test: .query(query, start: start))])
    }

    /// Every one of `grants` holds (`{ all: [...] }`).
    public static func all(_ grants: Self...) -> Self {
        AccessGrant(parts: grants.flatMap(\.parts))
    }

    private static func placeholders(_ sql: String) -> Int {
        sql.utf8.count(where: { $0 == UInt8(ascii: "?") })
    }
}

extension Array {
    /// The rows `context` may touch under these grants, as a condition for a WHERE clause.
    func filter<Record>(for context: AccessContext) -> AccessFilter where Element == AccessGrant<Record> {
        guard case .principal(let principal) = context else { return .everything }
        var filter = AccessFilter.nothing
        for grant in self {
            var conditions: [String] = []
            var placeholders = 0
            var holds = true
            for part in grant.parts {
                switch part {
                case .signedIn: holds = holds && principal.userID != nil
                case .role(let role): holds = holds && principal.role == role
                case .row(let sql, let count, _):
                    conditions.append(sql)
                    placeholders += count
                }
            }
            guard holds else { continue }
            if conditions.isEmpty { return .everything }
            guard let user = principal.userID else { continue }
            filter.or(conditions.joined(separator: " AND "), Array<SQLValue>(repeating: .uuid(user), count: placeholders))
        }
        return filter
    }

    /// Whether `context` may write `record` under these grants. Tests of the record's own
    /// columns run in Swift; tests through references ask the database as it is now.
    func grant<Record>(_ record: Record, to context: AccessContext, db: any DatabaseExecutor) async throws -> Bool
    where Element == AccessGrant<Record> {
        guard case .principal(let principal) = context else { return true }
        grants: for grant in self {
            for part in grant.parts {
                switch part {
                case .signedIn: if principal.userID == nil { continue grants }
                case .role(let role): if principal.role != role { continue grants }
                case .row(_, _, .isCaller(let value)):
                    guard let user = principal.userID, value(record) == user else { continue grants }
                case .row(_, _, .query(let query, let start)):
                    guard let user = principal.userID,
                          try await !db.query("SELECT 1 WHERE " + query, [start(record), .uuid(user)]).isEmpty
                    else { continue grants }
                }
            }
            return true
        }
        return false
    }
}
