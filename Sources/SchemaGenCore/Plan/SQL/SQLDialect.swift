import Foundation

/// What differs between the two databases: column types, literals, and the SQL each constraint
/// becomes. Everything here is a decision about text, made once for both outputs.
public enum SQLDialect: String, Sendable, CaseIterable {
    case sqlite
    case postgres

    func quoted(_ identifier: String) -> String {
        Naming.sqlQuoted(identifier)
    }

    /// A string literal: `'it''s'` (see `Escaping.sqlString`).
    func literal(_ text: String) -> String {
        Escaping.sqlString(text)
    }

    /// The column type of a field with a column.
    func columnType(_ type: FieldType) -> String {
        switch (self, type) {
        case (_, .identifier(let key)): return keyType(key)
        case (_, .reference(let reference)): return keyType(reference.targetKey)
        case (.postgres, .uuid): return "uuid"
        case (.postgres, .string), (.postgres, .text), (.postgres, .email), (.postgres, .url),
             (.postgres, .enumeration): return "text"
        case (.postgres, .int), (.postgres, .int64): return "bigint"
        case (.postgres, .int16): return "smallint"
        case (.postgres, .int32): return "integer"
        case (.postgres, .double): return "double precision"
        case (.postgres, .decimal(let precision, let scale)): return "numeric(\(precision), \(scale))"
        case (.postgres, .bool): return "boolean"
        case (.postgres, .datetime): return "timestamptz"
        case (.postgres, .timestamp): return "timestamp"
        case (.postgres, .date): return "date"
        case (.postgres, .bytes): return "bytea"
        case (.postgres, .json), (.postgres, .array): return "jsonb"
        case (.postgres, .vector): return "real[]"
        case (.sqlite, .int), (.sqlite, .int16), (.sqlite, .int32), (.sqlite, .int64), (.sqlite, .bool): return "INTEGER"
        case (.sqlite, .double): return "REAL"
        case (.sqlite, .vector), (.sqlite, .bytes): return "BLOB"
        case (.sqlite, _): return "TEXT"
        case (_, .object), (_, .references): return ""  // no column of their own
        }
    }

    /// The column type of a key, and of the references to it.
    func keyType(_ key: KeyType) -> String {
        switch (self, key) {
        case (.postgres, .uuid): return "uuid"
        case (.postgres, .int64): return "bigint"
        case (.postgres, .int32): return "integer"
        case (.postgres, .string): return "text"
        // INTEGER: an integer primary key is SQLite's rowid.
        case (.sqlite, .int64), (.sqlite, .int32): return "INTEGER"
        case (.sqlite, .uuid), (.sqlite, .string): return "TEXT"
        }
    }

    /// The column type of a field: `columnType(field.type)`, but `varchar(n)` on PostgreSQL for
    /// `storage: varchar`.
    func columnType(for field: Field) -> String {
        if self == .postgres, field.isVarchar, let length = field.constraints.maxLength { return "varchar(\(length))" }
        if self == .postgres, let type = field.nativeEnumType { return quoted(type) }
        if self == .postgres, let element = field.nativeArrayElement { return element + "[]" }
        return columnType(field.type)
    }

    /// A field's default as SQL: `defaultValue(_:type:)`, but an array literal of the element
    /// type (`'{"a","b"}'::text[]`) for `storage: array` on PostgreSQL.
    func defaultValue(_ value: DefaultValue, for field: Field) -> String {
        if self == .postgres, let element = field.nativeArrayElement, case .array(let items) = value {
            return literal(SQLArrayText.text(items)) + "::\(element)[]"
        }
        return defaultValue(value, type: field.type)
    }

    /// A default as SQL.
    func defaultValue(_ value: DefaultValue, type: FieldType) -> String {
        switch value {
        case .string(let text): return literal(text)
        case .int(let number): return String(number)
        case .double(let number): return format(number)
        // SQLite keeps a decimal as its text, so that it stays exact.
        case .decimal(let text): return self == .postgres ? text : literal(text)
        case .bool(let flag): return self == .postgres ? (flag ? "true" : "false") : (flag ? "1" : "0")
        case .now: return self == .postgres ? "now()" : "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"
        case .enumCase(let enumCase): return literal(enumCase.value)
        case .array, .json:
            let json = literal(SQLJSON.text(value))
            return self == .postgres ? json + "::jsonb" : json
        }
    }

    /// The conditions a column's CHECK constraint holds, ANDed. Patterns, e-mail addresses and
    /// URLs are checked with regular expressions on PostgreSQL and with coarse GLOBs on SQLite,
    /// which has no regular expressions; the generated validators apply the exact rules.
    func checks(for field: Field, column: String) -> [String] {
        let c = quoted(column)
        var conditions: [String] = []
        let length = self == .postgres ? "char_length(\(c))" : "length(\(c))"
        switch field.type {
        case .identifier(.string):
            // A text key is never empty, and no longer than its maxLength.
            conditions += range(length, field.constraints.minLength.map(String.init), field.constraints.maxLength.map(String.init))
        case .identifier(.int64):
            break  // an integer primary key is SQLite's rowid, which holds only integers
        case .identifier(.int32):
            // SQLite's rowid holds 64 bits: a 32-bit key's range is a CHECK there (as int32 fields).
            if self == .sqlite { conditions.append("\(c) BETWEEN \(Int32.min) AND \(Int32.max)") }
        case .reference(let reference) where reference.targetKey != .uuid:
            break  // the foreign key holds it to the target's key
        case .identifier, .uuid, .reference:
            // SQLite keeps UUIDs as their lowercase text, the form RecordID writes.
            if self == .sqlite { conditions.append("length(\(c)) = 36 AND \(c) = lower(\(c))") }
        case .string, .text, .email, .url:
            // varchar(n) holds the maximum itself.
            let maxLength = self == .postgres && field.isVarchar ? nil : field.constraints.maxLength
            conditions += range(length, field.constraints.minLength.map(String.init), maxLength.map(String.init))
            if let pattern = field.constraints.pattern, self == .postgres { conditions.append("\(c) ~ \(literal(pattern))") }
            if case .email = field.type {
                conditions.append(self == .postgres ? "\(c) ~ '^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:]]+$'"
                                                    : "\(c) GLOB '?*@?*.?*'")
            }
            if case .url = field.type {
                conditions.append(self == .postgres ? "\(c) ~ '^[A-Za-z][A-Za-z0-9+.-]*://[^[:space:]/?#]+'"
                                                    : "\(c) GLOB '[A-Za-z]*://?*'")
            }
        case .int, .double:
            conditions += range(c, field.constraints.min.map(format), field.constraints.max.map(format))
        case .int16, .int32:
            // SQLite's INTEGER holds 64 bits: the column's own range is a CHECK there.
            let holds = field.type.integerRange!
            if self == .sqlite {
                conditions.append("\(c) BETWEEN \(format(field.constraints.min ?? holds.lowerBound)) AND \(format(field.constraints.max ?? holds.upperBound))")
            } else {
                conditions += range(c, field.constraints.min.map(format), field.constraints.max.map(format))
            }
        case .int64:
            conditions += range(c, field.constraints.min.map(format), field.constraints.max.map(format))
        case .decimal(let precision, let scale):
            // The text of a number that numeric(precision, scale) holds: digits, at most one
            // point, no exponent (PostgreSQL's numeric checks itself).
            if self == .sqlite { conditions.append(SQLiteDecimal.check(c, precision: precision, scale: scale)) }
        case .timestamp:
            // As datetime, without the zone: text order is time order.
            if self == .sqlite { conditions.append("\(c) GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]'") }
        case .date:
            if self == .sqlite { conditions.append("\(c) GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'") }
        case .bytes:
            break
        case .bool:
            if self == .sqlite { conditions.append("\(c) IN (0, 1)") }
        case .datetime:
            // One text form, so that text order is time order.
            if self == .sqlite { conditions.append("\(c) GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'") }
        case .enumeration(let enumType):
            // A native enum type holds its values itself.
            if self == .postgres, field.nativeEnumType != nil { break }
            conditions.append("\(c) IN (" + enumType.cases.map { literal($0.value) }.joined(separator: ", ") + ")")
        case .json:
            if self == .sqlite { conditions.append(sqliteJSONValid(c)) }
        case .array where self == .postgres && field.nativeArrayElement != nil:
            // One dimension, no NULL items; an empty array has no dimensions (NULL passes).
            conditions.append("array_ndims(\(c)) = 1 AND array_position(\(c), NULL) IS NULL")
            conditions += range("cardinality(\(c))", field.constraints.minItems.map(String.init), field.constraints.maxItems.map(String.init))
            // An enum's items: every one among the cases (containment needs no subquery, which a
            // CHECK may not have).
            if case .array(let element) = field.type, case .enumeration(let enumType) = element.type {
                conditions.append("\(c) <@ ARRAY[" + enumType.cases.map { literal($0.value) }.joined(separator: ", ") + "]::text[]")
            }
        case .array:
            conditions.append(self == .postgres ? "jsonb_typeof(\(c)) = 'array'" : "\(sqliteJSONValid(c)) AND json_type(\(c)) = 'array'")
            let count = self == .postgres ? "jsonb_array_length(\(c))" : "json_array_length(\(c))"
            conditions += range(count, field.constraints.minItems.map(String.init), field.constraints.maxItems.map(String.init))
            // An enum's items on PostgreSQL: jsonb containment in the array of its cases. SQLite
            // would need a subquery over json_each, which a CHECK may not have: the validators
            // hold its items there.
            if self == .postgres, case .array(let element) = field.type, case .enumeration(let enumType) = element.type {
                conditions.append("\(c) <@ " + literal(SQLJSON.text(.array(enumType.cases.map { .string($0.value) }))) + "::jsonb")
            }
        case .vector(let dimensions):
            // SQLite: a BLOB column of a STRICT table holds only blobs, so the length in bytes is
            // the whole check (a typeof() test would be false, not null, for an absent vector).
            conditions.append(self == .postgres
                ? "cardinality(\(c)) = \(dimensions) AND array_ndims(\(c)) = 1 AND array_position(\(c), NULL) IS NULL"
                : "length(\(c)) = \(dimensions * 4)")
        case .object, .references:
            break
        }
        return conditions
    }

    /// SQLite before 3.45 has json_valid(NULL) = 0, not NULL, which would make a CHECK reject
    /// every null; the null is let through explicitly (NOT NULL is the column's own business).
    private func sqliteJSONValid(_ column: String) -> String {
        "(\(column) IS NULL OR json_valid(\(column)))"
    }

    /// `x BETWEEN 1 AND 50`, `x >= 0`, `x <= 100`.
    private func range(_ expression: String, _ low: String?, _ high: String?) -> [String] {
        switch (low, high) {
        case (let low?, let high?): return ["\(expression) BETWEEN \(low) AND \(high)"]
        case (let low?, nil): return ["\(expression) >= \(low)"]
        case (nil, let high?): return ["\(expression) <= \(high)"]
        case (nil, nil): return []
        }
    }

    /// A generated key's column default on PostgreSQL (`id: { type: int64, generated: true }`).
    static let identity = "GENERATED BY DEFAULT AS IDENTITY"

    /// ` DEFAULT value` after a column's type; an identity column's clause as it is.
    static func defaultClause(_ value: String) -> String {
        value == identity ? " " + value : " DEFAULT " + value
    }

    /// The SQL of `ON DELETE`.
    func onDelete(_ rule: Reference.DeleteRule) -> String {
        switch rule {
        case .restrict: return "RESTRICT"
        case .noAction: return "NO ACTION"
        case .cascade: return "CASCADE"
        case .setNull: return "SET NULL"
        }
    }

    /// An interval a TTL index's rows live for: `'90 days'` on PostgreSQL, `'-7776000 seconds'`
    /// as an SQLite date modifier.
    func expiry(seconds: Int) -> String {
        switch self {
        case .postgres:
            for (unit, size) in [("days", 86_400), ("hours", 3600), ("minutes", 60)] where seconds % size == 0 {
                return "interval '\(seconds / size) \(unit)'"
            }
            return "interval '\(seconds) seconds'"
        case .sqlite:
            return "'-\(seconds) seconds'"
        }
    }
}

/// PostgreSQL's text of a one-dimensional array (`{"a","b\\"c",1,t}`), for the defaults of
/// `storage: array` fields: every string quoted, so that commas, braces, spaces and `NULL` are
/// items, with `\\` and `"` escaped by a backslash.
enum SQLArrayText {
    static func text(_ items: [DefaultValue]) -> String {
        "{" + items.map(item).joined(separator: ",") + "}"
    }

    private static func item(_ value: DefaultValue) -> String {
        switch value {
        case .string(let text): return quoted(text)
        case .enumCase(let enumCase): return quoted(enumCase.value)
        case .int(let number): return String(number)
        case .bool(let flag): return flag ? "t" : "f"
        case .double(let number): return format(number)
        case .decimal(let text): return text
        case .now, .array, .json: return "NULL"
        }
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

/// JSON text for SQL defaults, with keys in the schema's order.
enum SQLJSON {
    static func text(_ value: DefaultValue) -> String {
        switch value {
        case .string(let text): return string(text)
        case .int(let number): return String(number)
        case .double(let number): return format(number)
        case .decimal(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .now: return "null"
        case .enumCase(let enumCase): return string(enumCase.value)
        case .array(let items): return "[" + items.map(text).joined(separator: ",") + "]"
        case .json(let literal): return json(literal)
        }
    }

    static func json(_ literal: JSONLiteral) -> String {
        switch literal {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return format(number)
        case .string(let text): return string(text)
        case .array(let items): return "[" + items.map(json).joined(separator: ",") + "]"
        case .object(let pairs): return "{" + pairs.map { string($0.key) + ":" + json($0.value) }.joined(separator: ",") + "}"
        }
    }

    /// A JSON string (see `Escaping.jsonString`).
    static func string(_ text: String) -> String {
        Escaping.jsonString(text)
    }
}

/// A decimal on SQLite is TEXT: the CHECK that keeps it a number `numeric(precision, scale)`
/// holds, in the form the runtime writes (an optional minus, digits, an optional point and
/// fraction), so that PostgreSQL and SQLite accept the same values.
enum SQLiteDecimal {
    static func check(_ c: String, precision: Int, scale: Int) -> String {
        let unsigned = "ltrim(\(c), '-')"
        let points = "length(\(c)) - length(replace(\(c), '.', ''))"
        let whole = "CASE WHEN instr(\(c), '.') = 0 THEN \(unsigned) ELSE substr(\(unsigned), 1, instr(\(unsigned), '.') - 1) END"
        var conditions = [
            "(\(c) GLOB '[0-9]*' OR \(c) GLOB '-[0-9]*')",
            "substr(\(c), 2) NOT GLOB '*[^0-9.]*'",
        ]
        if scale == 0 {
            conditions.append("\(points) = 0")
        } else {
            conditions.append("\(points) <= 1 AND \(c) NOT GLOB '*.'")
            conditions.append("(instr(\(c), '.') = 0 OR length(\(c)) - instr(\(c), '.') <= \(scale))")
        }
        // Digits before the point, leading zeros aside.
        conditions.append("length(ltrim(\(whole), '0')) <= \(precision - scale)")
        return conditions.joined(separator: " AND ")
    }

    /// The column and digits of a CHECK that `check` wrote (for `schemagen import`), or nil.
    static func read(_ text: String) -> (column: String, digits: (precision: Int, scale: Int))? {
        var text = Substring(text)
        if text.hasPrefix("(("), text.hasSuffix(")") { text = text.dropFirst().dropLast() }
        guard text.hasPrefix("("), let glob = text.range(of: " GLOB '[0-9]*' OR ") else { return nil }
        let column = String(text[text.index(after: text.startIndex)..<glob.lowerBound])
        let scaleMarker = "length(\(column)) - instr(\(column), '.') <= "
        var scale = 0
        if let marker = text.range(of: scaleMarker) {
            guard let value = Int(text[marker.upperBound...].prefix(while: \.isNumber)) else { return nil }
            scale = value
        }
        guard let last = text.range(of: " <= ", options: .backwards),
              let whole = Int(text[last.upperBound...]) else { return nil }
        let digits = (precision: whole + scale, scale: scale)
        guard (1...38).contains(digits.precision), check(column, precision: digits.precision, scale: scale) == text else { return nil }
        return (column, digits)
    }
}
