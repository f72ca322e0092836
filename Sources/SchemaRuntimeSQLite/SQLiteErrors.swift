import Foundation
import GRDB
import SchemaRuntime

/// GRDB's errors in SchemaRuntime's terms, from SQLite's extended result codes and the messages
/// SQLite writes for them ("UNIQUE constraint failed: users.email").
enum SQLiteErrors {
    static func map(_ error: GRDB.DatabaseError) -> SchemaRuntime.DatabaseError {
        let message = error.message ?? "SQLite error \(error.extendedResultCode.rawValue)"
        switch error.extendedResultCode {
        case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY:
            let detail = detail(of: message, after: "UNIQUE constraint failed: ")
            // A unique index over expressions is named instead: "… failed: index 'name'".
            if let detail, detail.hasPrefix("index '"), detail.hasSuffix("'") {
                return .init(kind: .uniqueViolation, constraint: String(detail.dropFirst(7).dropLast()), message: message)
            }
            let (table, columns) = tableAndColumns(detail)
            return .init(kind: .uniqueViolation, table: table, columns: columns, message: message)
        case .SQLITE_CONSTRAINT_CHECK:
            return .init(kind: .checkViolation, constraint: detail(of: message, after: "CHECK constraint failed: "), message: message)
        case .SQLITE_CONSTRAINT_FOREIGNKEY:
            return .init(kind: .foreignKeyViolation, message: message)
        case .SQLITE_CONSTRAINT_NOTNULL:
            let (table, columns) = tableAndColumns(detail(of: message, after: "NOT NULL constraint failed: "))
            return .init(kind: .notNullViolation, table: table, columns: columns, message: message)
        case .SQLITE_CONSTRAINT_TRIGGER:
            // RAISE(ABORT, '…') in a trigger: the generated immutability triggers.
            return .init(kind: .permissionDenied, message: message)
        default:
            return .init(kind: .other, message: message)
        }
    }

    /// Runs `work`, turning GRDB's errors into SchemaRuntime's; other errors (cancellation) pass.
    static func mapping<T>(_ work: () async throws -> T) async throws -> T {
        do {
            return try await work()
        } catch let error as GRDB.DatabaseError {
            throw map(error)
        }
    }

    /// Runs `work`, turning GRDB's errors into SchemaRuntime's.
    static func mappingNow<T>(_ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch let error as GRDB.DatabaseError {
            throw map(error)
        }
    }

    private static func detail(of message: String, after prefix: String) -> String? {
        guard message.hasPrefix(prefix) else { return nil }
        return String(message.dropFirst(prefix.count))
    }

    /// "users.email, users.name" → ("users", ["email", "name"]).
    private static func tableAndColumns(_ detail: String?) -> (String?, [String]) {
        guard let detail else { return (nil, []) }
        var table: String?
        var columns: [String] = []
        for item in detail.split(separator: ",") {
            let item = item.trimmingCharacters(in: .whitespaces)
            guard let dot = item.lastIndex(of: ".") else {
                columns.append(item)
                continue
            }
            table = table ?? String(item[..<dot])
            columns.append(String(item[item.index(after: dot)...]))
        }
        return (table, columns)
    }
}
