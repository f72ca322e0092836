import Testing
@testable import SchemaGenCore

/// `storage: enum`: the PostgreSQL type and its DDL, SQLite unchanged, the migration steps
/// when the values change, and where a misplaced option is reported.
@Suite("Native enum types")
struct NativeEnumDiagnosticsTests: SchemaTestSupport {
    static func tickets(_ values: String, storage: Bool = true) -> String {
        """
        name: tickets
        fields:
          status: { type: enum, values: \(values)\(storage ? ", storage: enum" : ""), required: true }
        """
    }

    @Test func theTypeIsCreatedOnceAndSQLiteKeepsItsCheck() throws {
        let schema = try resolved([(schemaPath, Self.tickets("[open, \"won't fix\"]"))])
        let status = try #require(schema.collections.first?.declaredFields.first)
        #expect(status.nativeEnumType == "ticket_status")
        #expect(SQLDialect.postgres.columnType(for: status) == "ticket_status" && SQLDialect.postgres.checks(for: status, column: "status") == [])
        #expect(SQLDialect.sqlite.columnType(for: status) == "TEXT"
                && SQLDialect.sqlite.checks(for: status, column: "status") == ["status IN ('open', 'won''t fix')"])
        #expect(SQLEnumType.types(of: schema, dialect: .postgres).map(\.createSQL) == ["CREATE TYPE ticket_status AS ENUM ('open', 'won''t fix');"])
        #expect(SQLEnumType.types(of: schema, dialect: .sqlite).isEmpty)
    }

    @Test func misplacedStorageIsReportedWhereItIs() {
        #expect(diagnostics("name: tickets\nfields:\n  title: { type: string, storage: enum }\n") == [
            error("'storage: enum' does not apply to field 'title' of type string", 3, 35,
                  notes: [hint("it applies to enum fields with a column of their own (not to an array's items, which are JSON)")]),
        ])
        #expect(diagnostics("name: tickets\nfields:\n  tags: { type: array, items: { type: enum, values: [a, b], storage: enum } }\n").map(\.message) == [
            "'storage' does not apply to the items of 'tags'",
        ])
        #expect(diagnostics("name: tickets\nfields:\n  s: { type: enum, values: [a], storage: enumm }\n").first?.notes == [hint("did you mean 'enum'?")])
        // The type would take a table's name.
        #expect(diagnostics([(schemaPath, "name: tickets\nfields:\n  status: { type: enum, values: [a], storage: enum }\n"),
                             ("schemas/ticket_status.yaml", "name: ticketStatus\nfields:\n  note: string\n")]).map(\.message) == [
            "the PostgreSQL enum type of 'tickets.status' would be 'ticket_status', the name of the table of collection 'ticketStatus'",
        ])
    }

    private func steps(_ old: String, _ new: String) throws -> [String] {
        let before = try resolved([(schemaPath, old)]), after = try resolved([(schemaPath, new)])
        let plan = try MigrationPlanner.plan(from: SchemaSnapshot.of(before), to: after, snapshotPath: "s.json")
        return plan.steps[.postgres] ?? []
    }

    @Test func migrationsAddRebuildAndConvert() throws {
        // text + CHECK → the enum type: the check goes, the type comes first, the column is cast.
        let adopted = try steps(Self.tickets("[open, closed]", storage: false), Self.tickets("[open, closed]")).joined(separator: "\n")
        #expect(adopted.contains("CREATE TYPE ticket_status AS ENUM ('open', 'closed');"))
        #expect(adopted.contains("ALTER TABLE tickets ALTER COLUMN status TYPE ticket_status USING status::ticket_status;"))
        #expect(adopted.contains("DROP CONSTRAINT tickets_status_check"))
        #expect(adopted.range(of: "CREATE TYPE")!.lowerBound < adopted.range(of: "ALTER COLUMN status TYPE")!.lowerBound)
        // A value added: in place, at its position.
        #expect(try steps(Self.tickets("[open, closed]"), Self.tickets("[new, open, triage, closed]")) == [
            "ALTER TYPE ticket_status ADD VALUE 'new' BEFORE 'open';\nALTER TYPE ticket_status ADD VALUE 'triage' AFTER 'open';",
        ])
        // A value removed: the type is rebuilt and the column converted through text.
        let rebuilt = try steps(Self.tickets("[open, triage, closed]"), Self.tickets("[open, closed]")).joined(separator: "\n")
        #expect(rebuilt.contains("ALTER TYPE ticket_status RENAME TO ticket_status_old;\nCREATE TYPE ticket_status AS ENUM ('open', 'closed');"))
        #expect(rebuilt.contains("ALTER TABLE tickets ALTER COLUMN status TYPE ticket_status USING status::text::ticket_status;"))
        #expect(rebuilt.hasSuffix("DROP TYPE ticket_status_old;") || rebuilt.contains("DROP TYPE ticket_status_old;"))
        // Back to text: the column converted, then the type dropped.
        let dropped = try steps(Self.tickets("[open, closed]"), Self.tickets("[open, closed]", storage: false)).joined(separator: "\n")
        #expect(dropped.contains("ALTER TABLE tickets ALTER COLUMN status TYPE text USING status::text;"))
        #expect(dropped.range(of: "ALTER COLUMN status TYPE text")!.lowerBound < dropped.range(of: "DROP TYPE ticket_status;")!.lowerBound)
    }
}
