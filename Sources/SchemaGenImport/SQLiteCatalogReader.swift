import Foundation
import GRDB
import SchemaGenCore

/// Why the import could not read a database: what, and where.
public struct CatalogReadError: Error, CustomStringConvertible, Equatable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// Reads an SQLite database's catalog: `sqlite_schema` and the table pragmas, opened read-only
/// (the file is never changed, not even its journal mode).
public enum SQLiteCatalogReader {
    public static func read(path: String) throws -> DatabaseCatalog {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw CatalogReadError("no SQLite database at '\(path)' (the file does not exist)")
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw CatalogReadError("cannot read '\(path)': permission denied")
        }
        var configuration = GRDB.Configuration()
        configuration.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            return try queue.read(readCatalog)
        } catch let error as DatabaseError {
            throw CatalogReadError("cannot read the SQLite database '\(path)': \(error.message ?? error.description)")
        }
    }

    static func readCatalog(_ db: Database) throws -> DatabaseCatalog {
        let schema = try Row.fetchAll(db, sql: "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name")
        let virtual = schema.filter { ($0["sql"] as String?)?.uppercased().hasPrefix("CREATE VIRTUAL TABLE") == true }
        let virtualNames = Set(virtual.map { $0["name"] as String })
        /// FTS5's shadow tables: `<name>_data`, `_idx`, `_content`, `_docsize`, `_config`.
        func isShadow(_ name: String) -> Bool {
            virtualNames.contains { name.hasPrefix($0 + "_") && ["data", "idx", "content", "docsize", "config"].contains(String(name.dropFirst($0.count + 1))) }
        }
        var catalog = DatabaseCatalog(engine: .sqlite)
        catalog.virtualTables = virtual.map { DatabaseCatalog.VirtualTable(name: $0["name"], definition: $0["sql"]) }
        catalog.triggers = schema.filter { $0["type"] == "trigger" }
            .map { DatabaseCatalog.Trigger(name: $0["name"], table: $0["tbl_name"], definition: $0["sql"] ?? "") }
            .sorted { ($0.table, $0.name) < ($1.table, $1.name) }
        for row in schema where row["type"] == "table" {
            let name: String = row["name"]
            guard !name.hasPrefix("sqlite_"), !virtualNames.contains(name), !isShadow(name) else { continue }
            catalog.tables.append(try table(name, sql: row["sql"] ?? "", in: db, schema: schema))
        }
        return catalog
    }

    static func table(_ name: String, sql: String, in db: Database, schema: [Row]) throws -> DatabaseCatalog.Table {
        let elements = SQLiteTableText.elements(sql)
        let columnRows = try Row.fetchAll(db, sql: "SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo(?) ORDER BY cid",
                                          arguments: [name])
        var table = DatabaseCatalog.Table(name: name, columns: [])
        var primaryKey: [(Int, String)] = []
        for row in columnRows where (row["hidden"] as Int? ?? 0) == 0 {
            let column: String = row["name"]
            let isPrimaryKey = (row["pk"] as Int? ?? 0) > 0
            // A primary key column is NOT NULL in STRICT and WITHOUT ROWID tables, and for INTEGER
            // PRIMARY KEY; SQLite reports notnull only when the text says so.
            table.columns.append(DatabaseCatalog.Column(name: column, type: row["type"] ?? "", isNullable: (row["notnull"] as Int? ?? 0) == 0 && !isPrimaryKey,
                                                        defaultExpression: row["dflt_value"]))
            if isPrimaryKey { primaryKey.append((row["pk"], column)) }
        }
        if !primaryKey.isEmpty {
            let columns = primaryKey.sorted { $0.0 < $1.0 }.map(\.1)
            let name = elements.first { $0.kind == "primaryKey" && $0.columns == columns }?.name
            table.constraints.append(DatabaseCatalog.Constraint(name: name, kind: .primaryKey, columns: columns))
        }
        for element in elements {
            for check in element.checks {
                table.constraints.append(DatabaseCatalog.Constraint(name: element.kind == "check" ? element.name : nil, kind: .check,
                                                                    columns: element.kind == "column" ? element.columns : [], expression: check))
            }
        }
        let keyRows = try Row.fetchAll(db, sql: "SELECT id, seq, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq",
                                       arguments: [name])
        for id in Array(Set(keyRows.map { $0["id"] as Int })).sorted() {
            let rows = keyRows.filter { $0["id"] == id }
            let target: String = rows[0]["table"]
            let columns = rows.map { $0["from"] as String }
            var targetColumns = rows.map { $0["to"] as String? }
            if targetColumns.contains(where: { $0 == nil }) {
                // `REFERENCES t` alone: the target's primary key.
                let keys = try Row.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk", arguments: [target])
                targetColumns = keys.map { $0["name"] }
            }
            let name = elements.first { $0.kind == "foreignKey" && $0.columns == columns }?.name
            table.constraints.append(DatabaseCatalog.Constraint(name: name, kind: .foreignKey, columns: columns, foreignTable: target,
                                                                foreignColumns: targetColumns.compactMap { $0 }, onDelete: rows[0]["on_delete"],
                                                                onUpdate: rows[0]["on_update"]))
        }
        let indexRows = try Row.fetchAll(db, sql: "SELECT name, \"unique\", origin FROM pragma_index_list(?) ORDER BY name", arguments: [name])
        for row in indexRows {
            let indexName: String = row["name"]
            let origin: String = row["origin"]
            if origin == "pk" { continue }
            let keyRows = try Row.fetchAll(db, sql: "SELECT cid, name, \"desc\" FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno",
                                           arguments: [indexName])
            let keys = keyRows.map { key in
                DatabaseCatalog.Index.Key(column: key["name"], expression: (key["cid"] as Int) == -2 ? "(expression)" : nil,
                                          descending: (key["desc"] as Int) == 1)
            }
            if origin == "u" {
                let columns = keys.compactMap(\.column)
                let name = elements.first { $0.kind == "unique" && $0.columns == columns }?.name
                table.constraints.append(DatabaseCatalog.Constraint(name: name, kind: .unique, columns: columns))
                continue
            }
            let definition = schema.first { $0["name"] == indexName }?["sql"] as String? ?? ""
            table.indexes.append(DatabaseCatalog.Index(name: indexName, isUnique: (row["unique"] as Int) == 1, keys: keys,
                                                       predicate: SQLiteTableText.whereClause(definition), definition: definition))
        }
        table.constraints.sort { ($0.kind, $0.name ?? "", $0.columns.joined(separator: ",")) < ($1.kind, $1.name ?? "", $1.columns.joined(separator: ",")) }
        return table
    }
}
