import Foundation

/// What `schemagen migrate` remembers of the last migration: the SQL plan of each dialect
/// (tables, columns, named constraints, and the indexes, triggers, functions and policies that
/// go with them) and what the lint needs of each collection (field paths, enum values, access
/// rules). Written as sorted JSON to Generated/Migrations/snapshot.json; the next migration is
/// the difference between it and the snapshot of the current schemas.
public struct SchemaSnapshot: Codable, Equatable, Sendable {
    /// Bumped when the format changes incompatibly.
    public var format = 1
    public var collections: [CollectionSnapshot]
    public var sqlite: DatabaseSnapshot
    public var postgres: DatabaseSnapshot

    public static let empty = SchemaSnapshot(collections: [], sqlite: DatabaseSnapshot(tables: [], objects: []),
                                             postgres: DatabaseSnapshot(tables: [], objects: []))

    func database(_ dialect: SQLDialect) -> DatabaseSnapshot {
        dialect == .sqlite ? sqlite : postgres
    }

    func collection(_ name: String) -> CollectionSnapshot? {
        collections.first { $0.name == name }
    }

    /// Deterministic JSON: keys sorted, two-space indentation, a final newline.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data()
        // Foundation writes an empty list as `[`, a blank line, `]`: one token reads better.
        var lines: [Substring] = []
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if (trimmed == "]" || trimmed == "]," || trimmed == "}" || trimmed == "},"), lines.count >= 2,
               lines[lines.count - 1].allSatisfy({ $0 == " " }), let opener = lines[lines.count - 2].last, opener == "[" || opener == "{" {
                lines.removeLast()
                lines[lines.count - 1] += trimmed
                continue
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func decode(_ text: String) throws -> SchemaSnapshot {
        try JSONDecoder().decode(SchemaSnapshot.self, from: Data(text.utf8))
    }
}

public struct CollectionSnapshot: Codable, Equatable, Sendable {
    public var name: String
    public var table: String
    /// Dotted paths of every field with a column, object or join table: `subscription.tier`.
    public var fields: [String]
    /// The values of each enum field, by path.
    public var enums: [String: [String]]
    /// The access rules of each operation, as the SQL comments describe them (`owner (createdBy)`).
    public var access: [String: [String]]
    /// The constraints of each field that has some, by path: a tighter one can fail on rows.
    public var limits: [String: Constraints]?
}

/// The snapshot stores a field's constraints as the schema states them.
extension Constraints {
    /// What `self` (the new limits) refuses that `old` allowed: `maxLength 200 → 100`.
    func tightenings(from old: Constraints) -> [String] {
        var found: [String] = []
        func lower<T: Comparable>(_ name: String, _ old: T?, _ new: T?, _ show: (T) -> String) {
            guard let new, old.map({ new > $0 }) ?? true else { return }
            found.append("\(name) \(old.map(show) ?? "none") → \(show(new))")
        }
        func upper<T: Comparable>(_ name: String, _ old: T?, _ new: T?, _ show: (T) -> String) {
            guard let new, old.map({ new < $0 }) ?? true else { return }
            found.append("\(name) \(old.map(show) ?? "none") → \(show(new))")
        }
        lower("min", old.min, min, format)
        upper("max", old.max, max, format)
        lower("minLength", old.minLength, minLength, String.init)
        upper("maxLength", old.maxLength, maxLength, String.init)
        lower("minItems", old.minItems, minItems, String.init)
        upper("maxItems", old.maxItems, maxItems, String.init)
        if let pattern, pattern != old.pattern { found.append("pattern \(old.pattern ?? "none") → \(pattern)") }
        return found
    }
}

public struct DatabaseSnapshot: Codable, Equatable, Sendable {
    /// In creation order: a table after the tables it references.
    public var tables: [TableSnapshot]
    /// Indexes, triggers, functions, full-text tables, policies and row-level security settings,
    /// in creation order.
    public var objects: [ObjectSnapshot]
    /// PostgreSQL's enum types (`storage: enum`), in creation order; absent when there are none.
    public var types: [EnumTypeSnapshot]? = nil

    func table(_ name: String) -> TableSnapshot? { tables.first { $0.name == name } }
}

public struct TableSnapshot: Codable, Equatable, Sendable {
    public var name: String
    public var collection: String
    /// The `refs` field of a join table.
    public var field: String?
    public var columns: [ColumnSnapshot]
    public var constraints: [ConstraintSnapshot]
}

public struct ColumnSnapshot: Codable, Equatable, Sendable {
    public var name: String
    public var type: String
    public var nullable: Bool
    public var `default`: String?
    /// The field path (`#owner`, `#target`, `#position` for the columns of a join table).
    public var field: String
}

public struct ConstraintSnapshot: Codable, Equatable, Sendable {
    public var name: String
    public var definition: String
}

public struct EnumTypeSnapshot: Codable, Equatable, Sendable {
    /// Unquoted.
    public var name: String
    /// In declaration order, which is PostgreSQL's order of the values.
    public var values: [String]
}

public struct ObjectSnapshot: Codable, Equatable, Sendable {
    /// `index`, `trigger`, `function`, `virtual table`, `policy`, `row level security`.
    public var kind: String
    public var name: String
    /// The table it belongs to, if any.
    public var table: String?
    /// The statement that creates it, without comments.
    public var sql: String
    /// The statement that removes it.
    public var drop: String

    var key: String { "\(kind) \(table ?? "") \(name)" }
}

extension SchemaSnapshot {
    /// The snapshot of a resolved schema: what the SQL planner produces for each dialect.
    static func of(_ schema: Schema) -> SchemaSnapshot {
        let access = SQLAccessPlanner(schema: schema)
        let collections = schema.collections.map { collection -> CollectionSnapshot in
            var paths: [String] = []
            var enums: [String: [String]] = [:]
            var limits: [String: Constraints] = [:]
            func visit(_ fields: [Field]) {
                for field in fields {
                    paths.append(field.dottedPath)
                    if !field.constraints.isEmpty { limits[field.dottedPath] = field.constraints }
                    switch field.type {
                    case .object(let object): visit(object.fields)
                    case .enumeration(let enumType): enums[field.dottedPath] = enumType.cases.map(\.value)
                    default: break
                    }
                }
            }
            visit(collection.fields)
            var rules: [String: [String]] = [:]
            for operation in AccessOperation.allCases {
                rules[operation.rawValue] = (collection.access.rules[operation] ?? []).map(access.describe)
            }
            return CollectionSnapshot(name: collection.name, table: collection.tableName, fields: paths, enums: enums, access: rules,
                                      limits: limits)
        }
        return SchemaSnapshot(collections: collections, sqlite: database(schema, .sqlite), postgres: database(schema, .postgres))
    }

    private static func database(_ schema: Schema, _ dialect: SQLDialect) -> DatabaseSnapshot {
        let file = SQLFilePlanner(schema: schema, dialect: dialect).file()
        var tables = file.tables.map { table in
            TableSnapshot(name: table.tableName, collection: table.collectionName, field: table.joinFieldPath,
                          columns: table.columns.map {
                              ColumnSnapshot(name: $0.name, type: $0.type, nullable: $0.isNullable, default: $0.defaultSQL, field: $0.fieldPath)
                          },
                          constraints: table.namedConstraints.map { ConstraintSnapshot(name: $0.name, definition: $0.definition) })
        }
        for deferred in file.deferredByTable {
            guard let index = tables.firstIndex(where: { $0.name == deferred.table }) else { continue }
            tables[index].constraints.append(ConstraintSnapshot(name: deferred.constraint.name, definition: deferred.constraint.definition))
        }
        let blocks = file.preamble + file.tables.flatMap(\.statements) + file.policies.flatMap(\.statements)
        let objects = blocks.flatMap(SQLStatementText.statements).compactMap { SQLStatementText.object($0, dialect: dialect) }
        let types = file.enumTypes.map { EnumTypeSnapshot(name: $0.name, values: $0.values) }
        return DatabaseSnapshot(tables: tables, objects: objects, types: types.isEmpty ? nil : types)
    }
}

/// Reading back the statements the SQL planner writes: splitting a block into statements and
/// naming what each creates. Only ever applied to schemagen's own output.
enum SQLStatementText {
    /// The statements of a block, comments removed. A statement ends with `;` at the end of a
    /// line, outside a quoted string, identifier or dollar-quoted body (`$$ … $$`,
    /// `$schemagen$ … $schemagen$`) and outside a trigger's `BEGIN … END;`.
    static func statements(_ block: String) -> [String] {
        var result: [String] = []
        var current: [String] = []
        var quote: Quote?
        var inTriggerBody = false
        for rawLine in block.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(rawLine)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if current.isEmpty, quote == nil, trimmed.hasPrefix("--") || trimmed.isEmpty { continue }
            current.append(line)
            quote = Self.quote(after: line, from: quote)
            let inQuote = quote != nil
            if !inQuote, trimmed.hasSuffix(" BEGIN") || trimmed == "BEGIN" { inTriggerBody = true }
            let ends = inTriggerBody ? trimmed == "END;" : (!inQuote && trimmed.hasSuffix(";"))
            if ends {
                result.append(current.joined(separator: "\n"))
                current = []
                inTriggerBody = false
            }
        }
        return result
    }

    /// A quoted part of SQL text that runs on past the end of a line.
    enum Quote: Equatable {
        case string, identifier
        case dollar(String)
    }

    /// The quote open at the end of `line` when `open` was open at its start. `--` comments end
    /// with the line.
    static func quote(after line: String, from open: Quote?) -> Quote? {
        let scalars = Array(line.unicodeScalars)
        var quote = open
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch quote {
            case .string?:
                if scalar == "'" { quote = nil }  // `''` closes and reopens: the same
            case .identifier?:
                if scalar == "\"" { quote = nil }
            case .dollar(let tag)?:
                let tagScalars = Array(tag.unicodeScalars)
                if scalar == "$", scalars[index...].starts(with: tagScalars) {
                    quote = nil
                    index += tagScalars.count
                    continue
                }
            case nil:
                if scalar == "-", index + 1 < scalars.count, scalars[index + 1] == "-" { return nil }
                if scalar == "'" { quote = .string }
                if scalar == "\"" { quote = .identifier }
                if scalar == "$", let tag = dollarTag(in: scalars, at: index) {
                    quote = .dollar(tag)
                    index += tag.unicodeScalars.count
                    continue
                }
            }
            index += 1
        }
        return quote
    }

    /// The dollar-quote tag that starts at `index` (`$$`, `$name$`), if one does.
    private static func dollarTag(in scalars: [Unicode.Scalar], at index: Int) -> String? {
        var end = index + 1
        while end < scalars.count, scalars[end] == "_" || (scalars[end].properties.isAlphabetic && scalars[end].isASCII)
            || (end > index + 1 && ("0"..."9").contains(scalars[end])) {
            end += 1
        }
        guard end < scalars.count, scalars[end] == "$" else { return nil }
        // `$1` is a parameter, not a tag.
        if end == index + 1 || !(("0"..."9").contains(scalars[index + 1])) {
            var tag = String.UnicodeScalarView()
            tag.append(contentsOf: scalars[index...end])
            return String(tag)
        }
        return nil
    }

    /// What a statement creates, and how to remove it.
    static func object(_ sql: String, dialect: SQLDialect) -> ObjectSnapshot? {
        let words = sql.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        func word(after marker: String, from start: Int = 0) -> String? {
            guard let index = words.dropFirst(start).firstIndex(of: marker), index + 1 < words.count else { return nil }
            return words[index + 1]
        }
        let unquoted = { (name: String) in name.replacingOccurrences(of: "\"", with: "") }
        if words.starts(with: ["CREATE", "INDEX"]) || words.starts(with: ["CREATE", "UNIQUE", "INDEX"]) {
            guard let name = word(after: "INDEX"), let table = word(after: "ON") else { return nil }
            return ObjectSnapshot(kind: "index", name: unquoted(name), table: unquoted(table), sql: sql, drop: "DROP INDEX \(name);")
        }
        if words.starts(with: ["CREATE", "VIRTUAL", "TABLE"]), words.count > 3 {
            return ObjectSnapshot(kind: "virtual table", name: unquoted(words[3]), table: nil, sql: sql, drop: "DROP TABLE \(words[3]);")
        }
        if words.starts(with: ["CREATE", "TRIGGER"]), words.count > 2 {
            guard let table = word(after: "ON", from: 3) else { return nil }
            let drop = dialect == .postgres ? "DROP TRIGGER \(words[2]) ON \(table);" : "DROP TRIGGER \(words[2]);"
            return ObjectSnapshot(kind: "trigger", name: unquoted(words[2]), table: unquoted(table), sql: sql, drop: drop)
        }
        if words.starts(with: ["CREATE", "OR", "REPLACE", "FUNCTION"]), words.count > 4 {
            // `name(a real[], b real[])`: the signature runs to the first `)`.
            let text = words.dropFirst(4).joined(separator: " ")
            guard let close = text.firstIndex(of: ")"), let open = text.firstIndex(of: "(") else { return nil }
            let signature = String(text[...close])
            return ObjectSnapshot(kind: "function", name: unquoted(String(text[..<open])), table: nil, sql: sql,
                                  drop: "DROP FUNCTION \(signature);")
        }
        if words.starts(with: ["CREATE", "POLICY"]), words.count > 2, let table = word(after: "ON") {
            return ObjectSnapshot(kind: "policy", name: unquoted(words[2]), table: unquoted(table), sql: sql,
                                  drop: "DROP POLICY \(words[2]) ON \(table);")
        }
        if words.starts(with: ["ALTER", "TABLE"]), words.count > 4, sql.hasSuffix("ROW LEVEL SECURITY;") {
            let table = words[2], setting = words[3]
            let undo = setting == "FORCE" ? "NO FORCE" : "DISABLE"
            return ObjectSnapshot(kind: "row level security", name: setting.lowercased(), table: unquoted(table), sql: sql,
                                  drop: "ALTER TABLE \(table) \(undo) ROW LEVEL SECURITY;")
        }
        return nil
    }
}
