import Foundation
import Testing
@testable import SchemaGenCore

/// The checked-in fixture scripts (Generated/Fixtures/<dialect>.sql) through the engines' own
/// clients, as a developer would load them: no constraint error, loading twice changes nothing,
/// and every table holds the rows the fixtures have.
enum FixtureScriptScenarios {
    static func loadTwice(_ fixture: Fixture, _ dialect: SQLDialect) async throws {
        let schema = try fixture.schema()
        let fixtures = Pipeline.fixtures(schema)
        let script = try fixture.fixtureSQL(dialect)
        try await withFreshDatabase(dialect, applying: fixture) { database in
            try await database.execute(script)
            let first = try await counts(schema, fixtures: fixtures, in: database)
            try await database.execute(script)
            #expect(try await counts(schema, fixtures: fixtures, in: database) == first, "loading twice changes nothing")
            // SQLite's expiry trigger deletes expired rows as they are inserted; PostgreSQL keeps
            // them until its expiry function runs.
            let expired = dialect == .sqlite ? fixtures.expiredRows(in: schema, at: Date()) : [:]
            for collection in schema.collections {
                let expected = fixtures.rows(of: collection.name).count - (expired[collection.name]?.count ?? 0)
                #expect(first[collection.tableName] == expected, "\(collection.tableName)")
            }
            for (table, links) in try joinTableLinks(schema, fixtures: fixtures) {
                #expect(first[table] == links, "\(table)")
            }
            // Every reference landed, the ones the UPDATEs fill in (`WHERE album_id = 4`) too: one
            // query (one client session) for every reference column.
            var expected: [[String]] = [], counts: [String] = []
            for collection in schema.collections {
                let rows = fixtures.rows(of: collection.name).filter { !(expired[collection.name]?.contains($0.id) ?? false) }
                for column in SQLColumn.columns(of: collection.fields) {
                    guard case .reference = column.field.type else { continue }
                    let label = "\(collection.tableName).\(column.name)"
                    expected.append([label, String(rows.filter { ($0.document.value(at: column.field.path) ?? .null) != .null }.count)])
                    counts.append("SELECT '\(label)', count(\(Naming.sqlQuoted(column.name))) FROM \(Naming.sqlQuoted(collection.tableName))")
                }
            }
            if !counts.isEmpty {
                let stored = try await database.execute(counts.joined(separator: "\nUNION ALL ") + ";")
                #expect(stored.sorted { $0.lexicographicallyPrecedes($1) } == expected.sorted { $0.lexicographicallyPrecedes($1) })
            }
        }
    }

    /// Rows per table, join tables included.
    static func counts(_ schema: Schema, fixtures: FixtureSet, in database: any SQLDatabase) async throws -> [String: Int] {
        var tables = schema.collections.map(\.tableName)
        tables += try joinTableLinks(schema, fixtures: fixtures).keys
        var counts: [String: Int] = [:]
        for table in tables { counts[table] = try await database.count(Naming.sqlQuoted(table)) }
        return counts
    }

    /// How many links each join table should hold: the to-many references in the JSON.
    static func joinTableLinks(_ schema: Schema, fixtures: FixtureSet) throws -> [String: Int] {
        var links: [String: Int] = [:]
        func visit(_ fields: [Field], _ collection: String) {
            for field in fields {
                switch field.type {
                case .references(let reference):
                    guard let join = reference.joinTable else { continue }
                    links[join.name, default: 0] += fixtures.rows(of: collection).reduce(0) { total, row in
                        if case .array(let items)? = row.document.value(at: field.path) { return total + items.count }
                        return total
                    }
                case .object(let object): visit(object.fields, collection)
                default: continue
                }
            }
        }
        for collection in schema.collections { visit(collection.fields, collection.name) }
        return links
    }
}

@Suite("Fixture scripts on SQLite")
struct SQLiteFixtureScriptTests {
    @Test(arguments: Fixture.allCases)
    func loadsTwice(fixture: Fixture) async throws { try await FixtureScriptScenarios.loadTwice(fixture, .sqlite) }
}

@Suite("Fixture scripts on PostgreSQL", .postgres, .timeLimit(.minutes(3)))
struct PostgresFixtureScriptTests {
    @Test(arguments: Fixture.allCases)
    func loadsTwice(fixture: Fixture) async throws { try await FixtureScriptScenarios.loadTwice(fixture, .postgres) }
}
