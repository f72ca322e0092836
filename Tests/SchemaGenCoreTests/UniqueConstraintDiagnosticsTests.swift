import Testing
@testable import SchemaGenCore

/// `constraint: true`: a unique index written as a UNIQUE table constraint, the migrations to and
/// from it, and where a misplaced option is reported.
@Suite("Unique constraints")
struct UniqueConstraintDiagnosticsTests: SchemaTestSupport {
    static func accounts(_ index: String) -> String {
        """
        name: accounts
        fields:
          handle: string
          region: string
        indexes:
          - \(index)

        """
    }

    private func steps(_ old: String, _ new: String, _ dialect: SQLDialect) throws -> String {
        let before = try resolved([(schemaPath, old)]), after = try resolved([(schemaPath, new)])
        return (try MigrationPlanner.plan(from: SchemaSnapshot.of(before), to: after, snapshotPath: "s.json").steps[dialect] ?? [])
            .joined(separator: "\n")
    }

    @Test func theConstraintIsInCreateTableOnBothEngines() throws {
        let schema = try resolved([(schemaPath, Self.accounts("{ fields: [handle, region], unique: true, constraint: true }"))])
        for dialect in [SQLDialect.sqlite, .postgres] {
            let table = try #require(SQLFilePlanner(schema: schema, dialect: dialect).file().tables.first)
            #expect(table.namedConstraints.contains { $0.name == "accounts_handle_region_key" && $0.definition == "UNIQUE (handle, region)" })
            #expect(!table.statements.joined().contains("INDEX"), "no CREATE UNIQUE INDEX beside it")
        }
    }

    @Test func misplacedConstraintIsReportedWhereItIs() {
        #expect(diagnostics(Self.accounts("{ fields: [handle], constraint: true }")) == [
            error("'constraint: true' makes a unique index a UNIQUE constraint: the index needs 'unique: true'", 6, 37,
                  notes: [hint("a constraint is only for uniqueness; drop 'constraint' for a plain index")]),
        ])
        #expect(diagnostics(Self.accounts("{ fields: [handle], unique: true, constraint: true, where: { region: eu } }")).map(\.message)
                == ["a UNIQUE constraint covers every row, so it can't have a 'where'"])
        #expect(diagnostics(Self.accounts("{ fields: [handle desc], unique: true, constraint: true }")).map(\.message)
                == ["a UNIQUE constraint has no order: write 'handle' without 'desc'"])
    }

    @Test func migrationsAddTheConstraintOrRebuildTheTable() throws {
        let index = Self.accounts("{ fields: [handle, region], unique: true }")
        let constraint = Self.accounts("{ fields: [handle, region], unique: true, constraint: true }")
        let postgres = try steps(index, constraint, .postgres)
        #expect(postgres.contains("DROP INDEX accounts_handle_region_key;"))
        #expect(postgres.contains("ALTER TABLE accounts ADD CONSTRAINT accounts_handle_region_key UNIQUE (handle, region);"))
        #expect(postgres.range(of: "DROP INDEX")!.lowerBound < postgres.range(of: "ADD CONSTRAINT")!.lowerBound, "\(postgres)")
        let back = try steps(constraint, index, .postgres)
        #expect(back.contains("ALTER TABLE accounts DROP CONSTRAINT accounts_handle_region_key;"))
        #expect(back.contains("CREATE UNIQUE INDEX accounts_handle_region_key ON accounts (handle, region);"))
        #expect(back.range(of: "DROP CONSTRAINT")!.lowerBound < back.range(of: "CREATE UNIQUE INDEX")!.lowerBound, "\(back)")
        // SQLite can't add a constraint to a table: it rebuilds it.
        let sqlite = try steps(index, constraint, .sqlite)
        #expect(sqlite.contains("CONSTRAINT accounts_handle_region_key UNIQUE (handle, region)"))
        #expect(sqlite.contains("INSERT INTO") && sqlite.contains("DROP TABLE accounts"), "\(sqlite)")
    }
}
