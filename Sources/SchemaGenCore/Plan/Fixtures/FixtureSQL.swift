import Foundation

/// One statement of a fixture script.
public struct FixtureStatement: Sendable {
    /// The table it writes.
    public var table: String
    /// What it does, for the script's comment and the seed command's report.
    public var summary: String
    public var sql: String
    /// The rows it inserts (0 for an UPDATE).
    public var rows: Int
}

/// The fixtures as SQL for one dialect: an INSERT per table in dependency order (references to
/// rows inserted later are filled in by UPDATEs after every table has its rows), then the links
/// of to-many references. Every statement leaves existing rows alone, so loading twice changes
/// nothing.
public enum FixtureSQL {
    public static func statements(_ fixtures: FixtureSet, schema: Schema, dialect: SQLDialect) -> [FixtureStatement] {
        let collections = Dictionary(schema.collections.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let order = fixtures.order.compactMap { collections[$0] }
        let position = Dictionary(order.enumerated().map { ($1.tableName, $0) }, uniquingKeysWith: { first, _ in first })
        var inserts: [FixtureStatement] = []
        var updates: [FixtureStatement] = []
        var links: [FixtureStatement] = []
        for collection in order {
            let rows = fixtures.rows(of: collection.name)
            guard !rows.isEmpty else { continue }
            let columns = SQLColumn.columns(of: collection.fields)
            let own = position[collection.tableName] ?? 0
            // A foreign key to a table filled later (or to this one) waits for the UPDATEs.
            let deferred = Set(columns.compactMap { column -> String? in
                guard case .reference(let reference) = column.field.type else { return nil }
                return (position[reference.targetTable] ?? 0) >= own ? column.name : nil
            })
            let table = dialect.quoted(collection.tableName)
            let values = rows.map { row in
                "    (" + columns.map { column in
                    deferred.contains(column.name) ? "NULL" : literal(row.document.value(at: column.field.path), for: column.field, dialect)
                }.joined(separator: ", ") + ")"
            }
            inserts.append(FixtureStatement(
                table: collection.tableName, summary: "\(collection.tableName) (\(collection.modelName)): \(rows.count) rows",
                sql: "INSERT INTO \(table) (\(columns.map { dialect.quoted($0.name) }.joined(separator: ", "))) VALUES\n"
                    + values.joined(separator: ",\n") + "\nON CONFLICT (\(dialect.quoted(collection.keyColumn))) DO NOTHING;", rows: rows.count))
            let deferredColumns = columns.filter { deferred.contains($0.name) }
            for row in rows where !deferredColumns.isEmpty {
                let sets = deferredColumns.compactMap { column -> String? in
                    guard let value = row.document.value(at: column.field.path), value != .null else { return nil }
                    let name = dialect.quoted(column.name)
                    return "\(name) = coalesce(\(name), \(literal(value, for: column.field, dialect)))"
                }
                guard !sets.isEmpty else { continue }
                updates.append(FixtureStatement(
                    table: collection.tableName, summary: "\(collection.tableName): references of \(row.id)",
                    sql: "UPDATE \(table) SET \(sets.joined(separator: ", ")) WHERE \(dialect.quoted(collection.keyColumn)) = \(key(row.id, collection.keyType, dialect));", rows: 0))
            }
            for (field, reference, joinTable) in joinFields(collection.fields) {
                let pairs = rows.flatMap { row -> [String] in
                    guard case .array(let targets)? = row.document.value(at: field.path) else { return [] }
                    let owner = key(row.id, collection.keyType, dialect)
                    return targets.enumerated().compactMap { index, target in
                        // A key is text, or a number for an integer key.
                        let literal: String? = switch target {
                        case .string(let text): dialect.literal(text)
                        case .int(let number): String(number)
                        default: nil
                        }
                        return literal.map { "    (\(owner), \($0), \(index))" }
                    }
                }
                guard !pairs.isEmpty else { continue }
                let columns = [joinTable.ownerColumn, joinTable.targetColumn, "position"].map(dialect.quoted).joined(separator: ", ")
                links.append(FixtureStatement(
                    table: joinTable.name,
                    summary: "\(joinTable.name) (\(collection.name).\(field.dottedPath) → \(reference.target)): \(pairs.count) links",
                    sql: "INSERT INTO \(dialect.quoted(joinTable.name)) (\(columns)) VALUES\n" + pairs.joined(separator: ",\n")
                        + "\nON CONFLICT DO NOTHING;", rows: pairs.count))
            }
        }
        return inserts + updates + links + sequences(order.filter { !fixtures.rows(of: $0.name).isEmpty }, dialect: dialect)
    }

    /// PostgreSQL: each generated key's identity moves past the keys the fixtures gave, so the
    /// next record created without a key doesn't collide with one (SQLite's rowid looks at the
    /// table itself).
    private static func sequences(_ collections: [Collection], dialect: SQLDialect) -> [FixtureStatement] {
        guard dialect == .postgres else { return [] }
        return collections.filter(\.keyIsGenerated).map { collection in
            let table = dialect.quoted(collection.tableName), key = dialect.quoted(collection.keyColumn)
            return FixtureStatement(
                table: collection.tableName, summary: "\(collection.tableName): the next generated key comes after the fixtures'",
                sql: "SELECT setval(pg_get_serial_sequence(\(dialect.literal(collection.tableName)), \(dialect.literal(collection.keyColumn))), max(\(key))) FROM \(table);",
                rows: 0)
        }
    }

    private static func joinFields(_ fields: [Field]) -> [(Field, Reference, JoinTable)] {
        fields.flatMap { field -> [(Field, Reference, JoinTable)] in
            switch field.type {
            case .references(let reference): return reference.joinTable.map { [(field, reference, $0)] } ?? []
            case .object(let object): return joinFields(object.fields)
            default: return []
            }
        }
    }

    /// A row's key as a literal of its column's type: a bare number for an integer key (quoted,
    /// `'4'` would lean on PostgreSQL's cast of an untyped literal and read as text in a diff).
    static func key(_ id: String, _ type: KeyType, _ dialect: SQLDialect) -> String {
        if type.isInteger, let number = Int64(id) { return String(number) }
        return dialect.literal(id)
    }

    /// The value as a literal of the column's type: JSON text (jsonb on PostgreSQL) for arrays and
    /// `json`, a float BLOB (SQLite) or `real[]` (PostgreSQL) for vectors, 0/1 or TRUE/FALSE.
    static func literal(_ value: FixtureValue?, _ type: FieldType, _ dialect: SQLDialect) -> String {
        guard let value, value != .null else { return "NULL" }
        switch (type, value) {
        case (.json, _), (.array, _): return dialect.literal(FixtureJSON.compact(value))
        case (.vector, .vector(let numbers)):
            if dialect == .postgres { return "'{" + numbers.map { "\($0)" }.joined(separator: ",") + "}'" }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(numbers.count * MemoryLayout<Float>.size)
            for number in numbers {
                withUnsafeBytes(of: number.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
            }
            return "X'" + hexDigits(bytes) + "'"
        case (.timestamp, .string(let text)) where dialect == .sqlite && text.hasSuffix("Z"):
            return dialect.literal(String(text.dropLast()))
        // SQLite keeps a decimal as TEXT (its digits as written, trailing zeros too); PostgreSQL
        // reads a bare number as an exact `numeric`.
        case (.decimal, .int(let number)): return dialect == .postgres ? String(number) : dialect.literal(String(number))
        case (.decimal, .double(let number)): return dialect == .postgres ? "\(number)" : dialect.literal("\(number)")
        case (.bytes, .string(let base64)):
            // Hex: X'…' on SQLite, bytea's '\x…' on PostgreSQL.
            let hex = hexDigits(Data(base64Encoded: base64) ?? Data())
            return dialect == .postgres ? "'\\x\(hex)'" : "X'\(hex)'"
        case (_, .bool(let flag)): return dialect == .postgres ? (flag ? "TRUE" : "FALSE") : (flag ? "1" : "0")
        case (_, .int(let number)): return String(number)
        case (_, .double(let number)): return "\(number)"
        case (_, .string(let text)): return dialect.literal(text)
        default: return dialect.literal(FixtureJSON.compact(value))
        }
    }

    /// Lowercase hex, two digits a byte, into one buffer: a vector's literal is thousands of
    /// bytes, and it made a string per byte.
    static func hexDigits(_ bytes: some Swift.Collection<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
