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

    /// Which of `records` `context` may write under these grants: what `grant(_:to:db:)`
    /// answers for each, but a test through references asks the database once for the whole
    /// batch (every distinct value it starts from, of the records no grant before has let in),
    /// not once per record. The answers are the same as record by record while nothing is
    /// written in between (`createAll` checks every record before it writes any).
    func grants<Record>(_ records: [Record], to context: AccessContext, db: any DatabaseExecutor) async throws -> [Bool]
    where Element == AccessGrant<Record> {
        guard case .principal(let principal) = context else { return [Bool](repeating: true, count: records.count) }
        var granted = [Bool](repeating: false, count: records.count)
        var refused = records.count
        grants: for grant in self {
            guard refused > 0 else { break }
            // The records this grant may still let in: every part must hold for each.
            var candidates = records.indices.filter { !granted[$0] }
            for part in grant.parts {
                switch part {
                case .signedIn: if principal.userID == nil { continue grants }
                case .role(let role): if principal.role != role { continue grants }
                case .row(_, _, .isCaller(let value)):
                    guard let user = principal.userID else { continue grants }
                    candidates = candidates.filter { value(records[$0]) == user }
                case .row(_, _, .query(let query, let start)):
                    guard let user = principal.userID else { continue grants }
                    let starts = candidates.map { start(records[$0]) }
                    let reaching = try await AccessGrant<Record>.starts(starts, reaching: user, through: query, db: db)
                    candidates = zip(candidates, starts).filter { reaching.contains($0.1) }.map(\.0)
                }
                if candidates.isEmpty { continue grants }
            }
            for index in candidates { granted[index] = true }
            refused -= candidates.count
        }
        return granted
    }
}

extension AccessGrant {
    /// How many start values one statement of `starts(_:reaching:through:db:)` asks about.
    static var startsPerStatement: Int { 500 }

    /// The values of `starts` from which `query` (a `.query` test: its first `?` the start,
    /// its second the caller) reaches `user`, each distinct value asked once. One value is asked
    /// as `grant` asks it; more go `startsPerStatement` to a statement, `SELECT column1 FROM
    /// (VALUES (0, ?), (1, ?)…) AS schemagen_starts WHERE query`, the query's start read from the
    /// list's `column2` (the names both engines give a VALUES list's columns). NULL is asked on
    /// its own (a list of NULLs has no type on PostgreSQL).
    static func starts(_ starts: [SQLValue], reaching user: UUID, through query: String,
                       db: any DatabaseExecutor) async throws -> Set<SQLValue> {
        var reaching: Set<SQLValue> = []
        var seen: Set<SQLValue> = []
        var listed: [SQLValue] = []
        let placeholders = query.utf8.count(where: { $0 == UInt8(ascii: "?") })
        for start in starts where seen.insert(start).inserted {
            if start == .null || placeholders != 2 {
                if try await !db.query("SELECT 1 WHERE " + query, [start, .uuid(user)]).isEmpty { reaching.insert(start) }
            } else {
                listed.append(start)
            }
        }
        if listed.count == 1 {
            if try await !db.query("SELECT 1 WHERE " + query, [listed[0], .uuid(user)]).isEmpty { reaching.insert(listed[0]) }
            return reaching
        }
        guard let first = query.firstIndex(of: "?") else { return reaching }
        let condition = query[..<first] + "schemagen_starts.column2" + query[query.index(after: first)...]
        var offset = 0
        while offset < listed.count {
            let chunk = listed[offset..<min(offset + startsPerStatement, listed.count)]
            let values = chunk.indices.map { "(\($0 - offset), ?)" }.joined(separator: ", ")
            let rows = try await db.query(
                "SELECT schemagen_starts.column1 FROM (VALUES \(values)) AS schemagen_starts WHERE \(condition)",
                Array(chunk) + [.uuid(user)])
            for row in rows { reaching.insert(chunk[offset + (try row.int(0))]) }
            offset = chunk.endIndex
        }
        return reaching
    }
}
