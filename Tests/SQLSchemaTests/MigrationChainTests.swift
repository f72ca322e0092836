import Foundation
import Testing
@testable import SchemaGenCore

/// The checked-in migration chains (Generated/Migrations of schemas/ and of KitchenSink), applied
/// in order to an empty database the way a deployed application gets them, one file at a time:
/// the result is the database the full DDL (Generated/SQL) builds, catalog for catalog, and the
/// fixtures load into it.
@Suite("Migration chains on real databases", .timeLimit(.minutes(5)))
struct MigrationChainTests {
    static let cases: [(Fixture, SQLDialect)] = Fixture.allCases.flatMap { fixture in SQLDialect.allCases.map { (fixture, $0) } }

    @Test("every migration in order builds what the DDL builds; the fixtures load", arguments: cases)
    func chainBuildsTheFullSchema(_ fixture: Fixture, _ dialect: SQLDialect) async throws {
        if dialect == .postgres, !PostgresSetting.current.testsAreEnabled { return }
        let migrations = try fixture.migrations(dialect)
        try #require(migrations.count > 1)
        let fixtureSQL = try fixture.fixtureSQL(dialect)
        let (fresh, freshRows) = try await withFreshDatabase(dialect, applying: fixture) { database in
            let catalog = try await catalog(of: database)
            try await database.execute(fixtureSQL)
            return (catalog, try await rowCounts(database))
        }
        try await withFreshDatabase(dialect, applying: nil) { migrated in
            for (name, sql) in migrations {
                do {
                    try await migrated.execute(sql)
                } catch {
                    Issue.record("\(dialect.rawValue): \(name) failed on the database the migrations before it built: \(error)")
                    return
                }
            }
            #expect(try await migrated.column("SELECT version FROM schema_migrations ORDER BY version;")
                    == migrations.indices.map { String($0 + 1) })
            let after = try await catalog(of: migrated)
            #expect(after.count > 50)
            if after != fresh {
                Issue.record("\(fixture.rawValue), \(dialect.rawValue): the migrated catalog differs from Generated/SQL's:\n\(catalogDifference(after, fresh))")
            }
            do {
                try await migrated.execute(fixtureSQL)
            } catch {
                Issue.record("\(dialect.rawValue): the fixtures do not load into the migrated database: \(error)")
                return
            }
            let rows = try await rowCounts(migrated)
            #expect(rows == freshRows, "the fixtures load as they do into a database built from the DDL")
            #expect(rows.values.reduce(0, +) > 10)
        }
    }

    /// Rows in each table but the migrations' own.
    private func rowCounts(_ database: any SQLDatabase) async throws -> [String: Int] {
        let tables = try await database.column(database.dialect == .postgres
            ? "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations' ORDER BY 1;"
            : #"""
              SELECT name FROM sqlite_master t WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name <> 'schema_migrations'
                  AND sql NOT LIKE 'CREATE VIRTUAL%' AND NOT EXISTS (SELECT 1 FROM sqlite_master v
                      WHERE v.type = 'table' AND v.sql LIKE 'CREATE VIRTUAL%' AND t.name LIKE v.name || '\_%' ESCAPE '\')
              ORDER BY 1;
              """#)
        let counts = try await database.execute(tables.map { "SELECT '\($0)', count(*) FROM \(Naming.sqlQuoted($0))" }.joined(separator: "\nUNION ALL ") + ";")
        return Dictionary(uniqueKeysWithValues: counts.map { ($0[0], Int($0[1]) ?? -1) })
    }
}
