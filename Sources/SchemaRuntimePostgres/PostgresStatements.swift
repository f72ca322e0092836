import Foundation
import PostgresNIO
import SchemaRuntime

/// Running one statement on a PostgresNIO connection, with `SQLValue`s in and out.
enum PostgresStatements {
    struct Result: Sendable {
        var rows: [SQLRow]
        /// The rows the statement inserted, updated, deleted or selected.
        var count: Int
        /// The command tag's command: `INSERT`, `COMMIT`, and `ROLLBACK` for a COMMIT of a
        /// transaction that had failed.
        var command: String
    }

    /// Runs `sql`, its `?` placeholders numbered for PostgreSQL, in the extended protocol (one
    /// statement; binary values, never spliced into the text).
    static func run(_ connection: PostgresConnection, _ sql: String, _ arguments: [SQLValue], logger: Logger) async throws -> Result {
        let query = PostgresQuery(unsafeSQL: PostgresSQLText.numberingPlaceholders(sql).sql, binds: PostgresValues.bindings(arguments))
        do {
            // The EventLoopFuture API, because it keeps the command tag (the row count).
            let result = try await connection.query(query, logger: logger).get()
            let rows = try result.rows.map { row in try SQLRow(row.map(PostgresValues.sqlValue)) }
            return Result(rows: rows, count: result.metadata.rows ?? 0, command: result.metadata.command)
        } catch {
            throw PostgresErrors.map(error)
        }
    }

    /// The caller as row-level security reads it: `app.user_id` and `app.role`, empty for
    /// anonymous. Nil for the system context, whose rights come from the database role (BYPASSRLS).
    static func callerSettings(_ context: AccessContext) -> (userID: String, role: String)? {
        switch context {
        case .system: return nil
        case .principal(.anonymous): return ("", "")
        case .principal(.user(let id, let role)): return (id.uuidString.lowercased(), role)
        }
    }

    /// Sets the caller for the rest of the transaction (`set_config(…, true)` is `SET LOCAL`).
    static func setCaller(_ settings: (userID: String, role: String), on connection: PostgresConnection, logger: Logger) async throws {
        _ = try await run(connection, "SELECT set_config('app.user_id', ?, true), set_config('app.role', ?, true)",
                          [.text(settings.userID), .text(settings.role)], logger: logger)
    }
}
