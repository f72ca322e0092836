import Foundation
import PostgresNIO
import SchemaRuntime

/// PostgresNIO's errors in SchemaRuntime's terms, by SQLSTATE.
enum PostgresErrors {
    static func map(_ error: any Error) -> any Error {
        switch error {
        case let error as PSQLError:
            return map(error)
        case let error as PostgresDecodingError:
            return DatabaseError(kind: .other, message: "cannot read column \(error.columnName) (\(error.postgresType)): \(error.code)")
        default:
            return error // ours, or cancellation
        }
    }

    static func map(_ error: PSQLError) -> DatabaseError {
        guard let info = error.serverInfo else {
            // Not the server's answer: the connection, TLS, authentication, the pool.
            let underlying = error.underlying.map { ": \($0)" } ?? ""
            return DatabaseError(kind: .other, message: "PostgreSQL: \(error.code)\(underlying)")
        }
        let message = info[.message] ?? "PostgreSQL error \(info[.sqlState] ?? "")"
        let kind: DatabaseError.Kind = switch info[.sqlState] {
        case "23505": .uniqueViolation
        case "23514": .checkViolation
        case "23503": .foreignKeyViolation
        case "23502": .notNullViolation
        // insufficient_privilege: row-level security refusing a new row, the immutability triggers.
        case "42501": .permissionDenied
        default: .other
        }
        var columns = info[.columnName].map { [$0] } ?? []
        if kind == .uniqueViolation, let detail = info[.detail] {
            columns = keyColumns(detail)
        }
        return DatabaseError(kind: kind, constraint: info[.constraintName], table: info[.tableName], columns: columns, message: message)
    }

    /// The columns of a unique violation's detail, "Key (project, episode_number)=(…) already
    /// exists." (only the names: the values stay out of the error).
    static func keyColumns(_ detail: String) -> [String] {
        guard detail.hasPrefix("Key ("), let end = detail.range(of: ")=(") else { return [] }
        let list = detail[detail.index(detail.startIndex, offsetBy: 5)..<end.lowerBound]
        return list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
