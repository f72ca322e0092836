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
        try await run(connection, PostgresQuery(unsafeSQL: PostgresSQLText.numberingPlaceholders(sql).sql, binds: PostgresValues.bindings(arguments)),
                      logger: logger)
    }

    /// Runs a query outside a transaction block (a read's, or one on its own) and returns its
    /// rows: prepared on the connection (see `PostgresPrepared`) when it is a SELECT, a WITH or
    /// a data change and a slot is free; run again unprepared when its prepared form no longer
    /// fits the tables.
    static func query(_ connection: PostgresConnection, _ sql: String, _ arguments: [SQLValue], logger: Logger) async throws -> [SQLRow] {
        guard isPreparable(sql),
              let statement = PostgresPrepared.statement(sql: PostgresSQLText.numberingPlaceholders(sql).sql, arguments: arguments)
        else { return try await run(connection, sql, arguments, logger: logger).rows }
        do {
            return try await PostgresPrepared.query(statement, arguments, on: connection, logger: logger)
        } catch where PostgresPrepared.isStale(error) {
            PostgresPrepared.renew(statement)
            return try await run(connection, sql, arguments, logger: logger).rows
        } catch {
            throw PostgresErrors.map(error)
        }
    }

    /// Whether a statement is worth preparing: queries and data changes, not commands.
    static func isPreparable(_ sql: String) -> Bool {
        let start = sql.utf8.drop(while: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\n") }).prefix(6)
        let word = String(decoding: start, as: UTF8.self).uppercased()
        return ["SELECT", "WITH ", "INSERT", "UPDATE", "DELETE", "VALUES"].contains { word.hasPrefix($0) }
    }

    /// Runs a query as it is (`$1`, `$2`… and its bindings).
    static func run(_ connection: PostgresConnection, _ query: PostgresQuery, logger: Logger) async throws -> Result {
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
    /// anonymous and for the system context, whose rights come from the database role
    /// (BYPASSRLS) and which row-level security otherwise sees as anonymous.
    struct Caller: Sendable, Equatable {
        var userID: String
        var role: String

        static let nobody = Caller(userID: "", role: "")

        init(userID: String, role: String) {
            self.userID = userID
            self.role = role
        }

        init(_ context: AccessContext) {
            switch context {
            case .system, .principal(.anonymous): self = .nobody
            case .principal(.user(let id, let role)): self = Caller(userID: id.uuidString.lowercased(), role: role)
            }
        }
    }

    /// Sets the caller: for the rest of the transaction (`set_config(…, true)` is `SET LOCAL`),
    /// or, with `local` false, for the connection's session.
    static func setCaller(_ caller: Caller, local: Bool, on connection: PostgresConnection, logger: Logger) async throws {
        let sql = "SELECT set_config('app.user_id', ?, \(local)), set_config('app.role', ?, \(local))"
        let arguments: [SQLValue] = [.text(caller.userID), .text(caller.role)]
        // Outside a transaction (for the session), prepared.
        if local {
            _ = try await run(connection, sql, arguments, logger: logger)
        } else {
            _ = try await query(connection, sql, arguments, logger: logger)
        }
    }
}
