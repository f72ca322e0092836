import Foundation
import Testing
@testable import SchemaGenCore

/// The generated SQLite DDL applied to a fresh database file: its catalog holds what the resolved
/// schema says, by name.
@Suite("SQLite catalog")
struct SQLiteCatalogTests {
    /// Applies the fixture's DDL and returns the database and what its catalog must hold.
    private func withCatalog(_ fixture: Fixture, _ body: (SQLiteDatabase, ExpectedCatalog) async throws -> Void) async throws {
        let expected = ExpectedCatalog(schema: try fixture.schema(), dialect: .sqlite)
        try #require(!expected.tables.isEmpty)
        try await SQLiteDatabase.withFresh(applying: fixture) { try await body($0, expected) }
    }

    /// One query per table, run as one script: rows prefixed with the table's name, grouped.
    private func perTable(_ database: SQLiteDatabase, _ tables: [String], _ query: (String) -> String) async throws -> [String: [[String]]] {
        let rows = try await database.execute(tables.map { "SELECT '\($0)', * FROM (\(query($0)));" }.joined(separator: "\n"))
        return Dictionary(grouping: rows, by: { $0[0] }).mapValues { $0.map { Array($0.dropFirst()) } }
    }

    @Test("the DDL applies to a fresh database", arguments: Fixture.allCases)
    func applies(_ fixture: Fixture) async throws {
        try await SQLiteDatabase.withFresh(applying: fixture) { database async throws in
            #expect(try await database.value("PRAGMA integrity_check;") == "ok")
            #expect(try await database.execute("PRAGMA foreign_key_check;").isEmpty)
            #expect(try await database.value("PRAGMA foreign_keys;") == "1", "every script turns foreign keys on")
        }
    }

    @Test("tables are STRICT, with the schema's columns in order, their types and nullability", arguments: Fixture.allCases)
    func tablesAndColumns(_ fixture: Fixture) async throws {
        try await withCatalog(fixture) { database, expected in
            let tables = try await database.execute(
                "SELECT name, type, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite%';")
            let ordinary = tables.filter { $0[1] == "table" }
            #expect(Set(ordinary.map { $0[0] }) == Set(expected.tables.map(\.name)))
            for table in ordinary {
                #expect(table[2] == "1", "\(table[0]) is not STRICT")
            }

            let columns = try await perTable(database, expected.tables.map(\.name)) {
                "SELECT name, type, \"notnull\", pk FROM pragma_table_info('\($0)') ORDER BY cid"
            }
            for table in expected.tables {
                let rows = columns[table.name] ?? []
                let actual = rows.map { ExpectedCatalog.Column(name: $0[0], type: $0[1], isNullable: $0[2] == "0") }
                #expect(actual == table.columns, "\(table.name): columns differ")
                let primaryKey = rows.filter { $0[3] != "0" }.sorted { Int($0[3])! < Int($1[3])! }.map { $0[0] }
                #expect(primaryKey == table.primaryKey, "\(table.name): primary key")
            }
        }
    }

    @Test("every constraint exists by name; foreign keys point where the schema says, with its delete rule", arguments: Fixture.allCases)
    func constraints(_ fixture: Fixture) async throws {
        try await withCatalog(fixture) { database, expected in
            let definitions = Dictionary(uniqueKeysWithValues: try await database.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'table';").map { ($0[0], $0[1]) })
            let constraintName = try Regex(#"CONSTRAINT ("(?:[^"]|"")+"|[A-Za-z0-9_]+) "#)
            for table in expected.tables {
                let sql = try #require(definitions[table.name], "no CREATE TABLE for \(table.name)")
                let names = Set(sql.matches(of: constraintName).map { match -> String in
                    let name = String(sql[match.range]).dropFirst("CONSTRAINT ".count).dropLast()
                    return name.hasPrefix("\"") ? String(name.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"") : String(name)
                })
                #expect(names == table.constraintNames, "\(table.name): named constraints differ")
                for key in table.foreignKeys {
                    #expect(sql.contains("CONSTRAINT \(Naming.sqlQuoted(key.name)) FOREIGN KEY (\(Naming.sqlQuoted(key.column))) REFERENCES"),
                            "\(table.name): \(key.name) is not the foreign key of \(key.column)")
                }
                for unique in table.uniques {
                    #expect(sql.contains("CONSTRAINT \(unique) UNIQUE ("), "\(table.name): \(unique) is not a UNIQUE constraint")
                }
            }

            let foreignKeys = try await perTable(database, expected.tables.map(\.name)) {
                "SELECT \"from\", \"table\", \"to\", on_delete FROM pragma_foreign_key_list('\($0)')"
            }
            for table in expected.tables {
                let actual = Set((foreignKeys[table.name] ?? []).map { $0.joined(separator: " ") })
                var wanted = Set(table.foreignKeys.map { "\($0.column) \($0.targetTable) \($0.targetColumn) \(SQLDialect.sqlite.onDelete($0.onDelete))" })
                for key in table.scopeKeys {
                    for (column, target) in zip(key.columns, key.targetColumns) { wanted.insert("\(column) \(key.targetTable) \(target) NO ACTION") }
                }
                #expect(actual == wanted, "\(table.name): foreign keys differ")
            }
        }
    }

    @Test("every declared index exists by name on its table, with its columns, uniqueness and condition", arguments: Fixture.allCases)
    func indexes(_ fixture: Fixture) async throws {
        try await withCatalog(fixture) { database, expected in
            let lists = try await perTable(database, expected.tables.map(\.name)) {
                "SELECT name, \"unique\", origin, partial FROM pragma_index_list('\($0)')"
            }
            // Indexes made by CREATE INDEX (origin c); the others back primary keys and UNIQUE constraints.
            var created: [String: (table: String, isUnique: Bool, isPartial: Bool)] = [:]
            for (table, rows) in lists {
                for row in rows where row[2] == "c" {
                    created[row[0]] = (table, row[1] == "1", row[3] == "1")
                }
            }
            #expect(Set(created.keys) == Set(expected.btreeIndexes.map(\.name)))

            let keyColumns = try await perTable(database, expected.btreeIndexes.map(\.name)) {
                "SELECT name, \"desc\" FROM pragma_index_xinfo('\($0)') WHERE key = 1 ORDER BY seqno"
            }
            for index in expected.btreeIndexes {
                guard let actual = created[index.name] else { continue }
                #expect(actual.table == index.table, "\(index.name) is on \(actual.table), not \(index.table)")
                #expect(actual.isUnique == index.isUnique, "\(index.name): unique")
                #expect(actual.isPartial == index.isPartial, "\(index.name): partial")
                let columns = (keyColumns[index.name] ?? []).map { $0[0] + ($0[1] == "1" ? " DESC" : "") }
                #expect(columns == index.columns.map { $0.name + ($0.descending ? " DESC" : "") }, "\(index.name): columns")
            }

            // Join tables: a target is linked once (the primary key), positions may repeat mid-reorder.
            for table in expected.joinTables {
                let unique = (lists[table.name] ?? []).filter { $0[2] == "u" && $0[1] == "1" }
                #expect(unique.isEmpty, "\(table.name): positions are not unique")
                let primaryKey = (lists[table.name] ?? []).filter { $0[2] == "pk" }
                #expect(primaryKey.count == 1, "\(table.name): the primary key over both sides")
            }

            // A vector index needs an extension SQLite doesn't have: nothing by its name.
            for name in expected.vectorIndexes {
                #expect(try await database.count("sqlite_master", where: "name = '\(name)'") == 0, "\(name) should not exist")
            }
            // Nor an index over the inside of a JSON value: a json index is PostgreSQL's alone.
            for index in expected.jsonIndexes {
                #expect(try await database.count("sqlite_master", where: "name = '\(index.name)'") == 0, "\(index.name) should not exist")
            }
        }
    }

    @Test("text indexes are FTS5 tables kept in step by three triggers; ttl indexes have their expiry trigger", arguments: Fixture.allCases)
    func textSearchAndExpiry(_ fixture: Fixture) async throws {
        try await withCatalog(fixture) { database, expected in
            let virtual = try await database.column("SELECT name FROM pragma_table_list WHERE type = 'virtual';")
            #expect(Set(virtual) == Set(expected.textIndexes.map(\.name)))
            for index in expected.textIndexes {
                let sql = try await database.value("SELECT sql FROM sqlite_master WHERE name = '\(index.name)';")
                #expect(sql.contains("USING fts5("), "\(index.name) is not an FTS5 table")
                #expect(sql.contains("content='\(index.table)'"), "\(index.name) does not index \(index.table)")
                let columns = try await database.column("SELECT name FROM pragma_table_info('\(index.name)') ORDER BY cid;")
                #expect(columns == index.columns, "\(index.name): columns")
            }

            let triggers = try await database.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger';")
            #expect(Set(triggers.map { $0[0] }) == expected.sqliteTriggers)
            let tableOf = Dictionary(uniqueKeysWithValues: triggers.map { ($0[0], $0[1]) })
            for index in expected.textIndexes {
                for event in ["insert", "delete", "update"] {
                    #expect(tableOf[Naming.sqlName("\(index.name)_\(event)")] == index.table, "\(index.name): \(event) trigger")
                }
            }
            for index in expected.ttlIndexes {
                #expect(tableOf[index.expiry] == index.table, "\(index.name): expiry trigger")
            }
        }
    }
}
