import Foundation
import Testing
@testable import SchemaGenCore

/// The generated PostgreSQL DDL applied to a fresh database: its catalog holds what the resolved
/// schema says, by name, row-level security included.
@Suite("PostgreSQL catalog", .postgres, .timeLimit(.minutes(3)))
struct PostgresCatalogTests {
    private func withCatalog(_ fixture: Fixture, _ body: (any SQLDatabase, ExpectedCatalog) async throws -> Void) async throws {
        let expected = ExpectedCatalog(schema: try fixture.schema(), dialect: .postgres)
        try #require(!expected.tables.isEmpty)
        try await withFreshDatabase(.postgres, applying: fixture) { try await body($0, expected) }
    }

    /// How information_schema.columns spells a type the DDL declares: (data_type, udt_name).
    /// A native enum type (`storage: enum`) is USER-DEFINED there, under its own name.
    private func informationSchemaType(_ declared: String, enumTypes: Set<String>) -> [String] {
        if enumTypes.contains(declared) { return ["USER-DEFINED", declared] }
        switch declared {
        case "uuid", "text", "jsonb": return [declared, declared]
        case "bigint": return ["bigint", "int8"]
        case "integer": return ["integer", "int4"]
        case "double precision": return ["double precision", "float8"]
        case "boolean": return ["boolean", "bool"]
        case "timestamptz": return ["timestamp with time zone", "timestamptz"]
        case "real[]": return ["ARRAY", "_float4"]
        case "smallint": return ["smallint", "int2"]
        case "date", "bytea": return [declared, declared]
        case "timestamp": return ["timestamp without time zone", "timestamp"]
        case _ where declared.hasPrefix("numeric("): return ["numeric", "numeric"]
        case _ where declared.hasPrefix("varchar("): return ["character varying", "varchar"]
        // A native array (`storage: array`): ARRAY of the element's udt (`_text`, `_int8`…).
        case _ where declared.hasSuffix("[]"): return ["ARRAY", "_" + informationSchemaType(String(declared.dropLast(2)), enumTypes: enumTypes)[1]]
        default: return ["no catalog spelling for \(declared)"]
        }
    }

    /// pg_get_indexdef spells a keyword column quoted ("user"); the schema's names are bare.
    private func unquoted(_ name: String) -> String {
        name.hasPrefix("\"") && name.hasSuffix("\"") ? String(name.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"") : name
    }

    @Test("the DDL applies to a fresh database", arguments: Fixture.allCases)
    func applies(_ fixture: Fixture) async throws {
        try await withFreshDatabase(.postgres, applying: fixture) { database in
            let version = try #require(Int(try await database.value("SHOW server_version_num;")))
            // The header names the version the DDL needs: 15 for SET NULL (column).
            let ddl = try fixture.sql(.postgres)
            let required = ddl.contains("ON DELETE SET NULL (") ? 15 : 13
            #expect(ddl.contains("\n-- For PostgreSQL \(required) or later"), "the header says PostgreSQL \(required)")
            #expect(version >= required * 10_000, "the DDL is for PostgreSQL \(required) or later")
            #expect(try await database.count("pg_class", where: "relnamespace = 'public'::regnamespace AND relkind = 'r'") > 0)
        }
    }

    @Test("tables have the schema's columns in order, with their types and nullability", arguments: Fixture.allCases)
    func tablesAndColumns(_ fixture: Fixture) async throws {
        let schema = try fixture.schema()
        let enumTypes = Set(schema.collections.flatMap { SQLColumn.columns(of: $0.fields).compactMap(\.field.nativeEnumType) })
        try await withCatalog(fixture) { database, expected in
            let tables = try await database.column("SELECT tablename FROM pg_tables WHERE schemaname = 'public';")
            #expect(Set(tables) == Set(expected.tables.map(\.name)))

            let rows = try await database.execute("""
                SELECT table_name, column_name, data_type, udt_name, is_nullable FROM information_schema.columns
                WHERE table_schema = 'public' ORDER BY table_name, ordinal_position;
                """)
            let columns = Dictionary(grouping: rows, by: { $0[0] })
            for table in expected.tables {
                let actual = (columns[table.name] ?? []).map { "\($0[1]) \($0[2])/\($0[3])\($0[4] == "NO" ? " NOT NULL" : "")" }
                let wanted = table.columns.map { column in
                    "\(column.name) \(informationSchemaType(column.type, enumTypes: enumTypes).joined(separator: "/"))\(column.isNullable ? "" : " NOT NULL")"
                }
                #expect(actual == wanted, "\(table.name): columns differ")
            }
        }
    }

    @Test("every constraint exists by name: primary keys, checks, foreign keys with their delete rules, uniques", arguments: Fixture.allCases)
    func constraints(_ fixture: Fixture) async throws {
        try await withCatalog(fixture) { database, expected in
            let rows = try await database.execute("""
                SELECT c.conrelid::regclass::text, c.conname, c.contype,
                    CASE WHEN c.contype = 'f' THEN c.confrelid::regclass::text ELSE '' END, c.confdeltype,
                    (SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, n)
                        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum)
                FROM pg_constraint c WHERE c.connamespace = 'public'::regnamespace;
                """)
            let byTable = Dictionary(grouping: rows, by: { $0[0] })
            let deleteRules: [Reference.DeleteRule: String] = [.cascade: "c", .setNull: "n", .restrict: "r", .noAction: "a"]
            for table in expected.tables {
                let constraints = byTable[table.name] ?? []
                let ofType = { (type: String) in Set(constraints.filter { $0[2] == type }.map { $0[1] }) }
                #expect(ofType("p") == [table.primaryKeyName], "\(table.name): primary key")
                #expect(ofType("c") == table.checks, "\(table.name): checks")
                #expect(ofType("u") == table.uniques, "\(table.name): unique constraints")
                #expect(Set(constraints.map { $0[1] }) == table.constraintNames, "\(table.name): named constraints")

                let primaryKey = constraints.first { $0[2] == "p" }?[5]
                #expect(primaryKey == table.primaryKey.joined(separator: ","), "\(table.name): primary key columns")
                let foreignKeys = Set(constraints.filter { $0[2] == "f" }.map { "\($0[1]) (\($0[5])) \($0[3]) \($0[4])" })
                let wanted = Set(table.foreignKeys.map { "\($0.name) (\($0.column)) \($0.targetTable) \(deleteRules[$0.onDelete]!)" })
                    .union(table.scopeKeys.map { key in
                        let rule = key.onDelete == .setNull || key.onDelete == .cascade ? deleteRules[key.onDelete!]! : "a"
                        return "\(key.name) (\(key.columns.joined(separator: ","))) \(key.targetTable) \(rule)"
                    })
                #expect(foreignKeys == wanted, "\(table.name): foreign keys")
            }
        }
    }

    @Test("every declared index exists by name on its table; text indexes are GIN over to_tsvector", arguments: Fixture.allCases)
    func indexes(_ fixture: Fixture) async throws {
        try await withCatalog(fixture) { database, expected in
            let rows = try await database.execute("""
                SELECT ic.relname, t.relname, i.indisunique, i.indpred IS NOT NULL, am.amname,
                    (SELECT string_agg(pg_get_indexdef(i.indexrelid, k, true)
                        || CASE WHEN i.indoption[k - 1] & 1 = 1 THEN ' DESC' ELSE '' END, '|' ORDER BY k)
                     FROM generate_series(1, i.indnkeyatts) AS k),
                    (SELECT string_agg(opc.opcname, '|' ORDER BY k.n) FROM unnest(i.indclass) WITH ORDINALITY AS k(opclass, n)
                     JOIN pg_opclass opc ON opc.oid = k.opclass)
                FROM pg_index i
                JOIN pg_class ic ON ic.oid = i.indexrelid
                JOIN pg_class t ON t.oid = i.indrelid
                JOIN pg_am am ON am.oid = ic.relam
                WHERE t.relnamespace = 'public'::regnamespace
                    AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                        WHERE c.conrelid = i.indrelid AND c.conindid = i.indexrelid AND c.contype IN ('p', 'u'));
                """)
            let indexes = Dictionary(uniqueKeysWithValues: rows.map { ($0[0], $0) })
            #expect(Set(indexes.keys) == Set(expected.btreeIndexes.map(\.name) + expected.textIndexes.map(\.name) + expected.jsonIndexes.map(\.name)),
                    "indexes other than those of primary keys and UNIQUE constraints")

            for index in expected.btreeIndexes {
                let row = try #require(indexes[index.name], "no index \(index.name)")
                #expect(row[1] == index.table, "\(index.name) is on \(row[1]), not \(index.table)")
                #expect(row[2] == (index.isUnique ? "t" : "f"), "\(index.name): unique")
                #expect(row[3] == (index.isPartial ? "t" : "f"), "\(index.name): partial")
                #expect(row[4] == "btree", "\(index.name): access method")
                let columns = row[5].split(separator: "|").map { part in
                    part.hasSuffix(" DESC") ? unquoted(String(part.dropLast(5))) + " DESC" : unquoted(String(part))
                }
                #expect(columns == index.columns.map { $0.name + ($0.descending ? " DESC" : "") }, "\(index.name): columns")
            }
            for index in expected.textIndexes {
                let row = try #require(indexes[index.name], "no text index \(index.name)")
                #expect(row[1] == index.table, "\(index.name) is on \(row[1]), not \(index.table)")
                #expect(row[4] == "gin", "\(index.name): a text index is GIN")
                #expect(row[5].hasPrefix("to_tsvector('english'::regconfig, "), "\(index.name): \(row[5])")
                for column in index.columns {
                    #expect(row[5].contains("COALESCE(\(column),") || row[5].contains("COALESCE(\"\(column)\","),
                            "\(index.name) does not cover \(column): \(row[5])")
                }
            }
            for name in expected.vectorIndexes {
                #expect(try await database.count("pg_class", where: "relname = '\(name)'") == 0, "\(name) should not exist")
            }
            for index in expected.jsonIndexes {
                let row = try #require(indexes[index.name], "no json index \(index.name)")
                #expect(row[1] == index.table, "\(index.name) is on \(row[1]), not \(index.table)")
                #expect(row[4] == "gin", "\(index.name): a json index is GIN")
                #expect(unquoted(row[5]) == index.column, "\(index.name): column \(row[5])")
                #expect(row[6] == (index.isNativeArray ? "array_ops" : index.pathOps ? "jsonb_path_ops" : "jsonb_ops"), "\(index.name): operator class \(row[6])")
            }
        }
    }

    @Test("row-level security is enabled and forced on every collection, with a policy per granted operation", arguments: Fixture.allCases)
    func rowLevelSecurity(_ fixture: Fixture) async throws {
        try await withCatalog(fixture) { database, expected in
            let rows = try await database.execute("""
                SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class
                WHERE relnamespace = 'public'::regnamespace AND relkind = 'r';
                """)
            let security = Dictionary(uniqueKeysWithValues: rows.map { ($0[0], ($0[1], $0[2])) })
            for table in expected.collectionTables {
                #expect(security[table.name]?.0 == "t", "\(table.name): row-level security is not enabled")
                #expect(security[table.name]?.1 == "t", "\(table.name): row-level security is not forced")
            }

            let policies = try await database.execute("SELECT tablename, policyname, cmd FROM pg_policies WHERE schemaname = 'public';")
            #expect(Set(policies.map { ExpectedCatalog.Policy(table: $0[0], name: $0[1], command: $0[2]) }) == expected.policies)

            let functions = try await database.column("SELECT proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace;")
            #expect(Set(functions) == expected.postgresFunctions, "functions: principal, vector distances and ttl expiry")
        }
    }
}

/// The PostgreSQL DDL's header says which server it needs: 15 when a `within` reference is
/// `setNull` (its scope key clears the reference alone, `ON DELETE SET NULL (column)`), else 13.
@Suite struct PostgresRequirementTests {
    @Test(arguments: [(nil, 13), ("cascade", 13), ("setNull", 15)] as [(String?, Int)])
    func theHeaderNamesTheVersionTheDDLNeeds(_ rule: String?, _ version: Int) throws {
        var files = MigrationScenario.base
        if let rule {
            files["albums"] = "name: albums\nfields:\n  owner: { type: ref, to: users, required: true, onDelete: cascade }\n"
                + "  sequelOf: { type: ref, to: albums, onDelete: \(rule), within: owner }\n"
        }
        let ddl = MigrationSchemas.ddl(try MigrationSchemas.resolve(files), .postgres)
        #expect(ddl.contains("\n-- For PostgreSQL \(version) or later"), "\(ddl.prefix(400))")
        #expect(ddl.contains("ON DELETE SET NULL (") == (version == 15))
    }
}
