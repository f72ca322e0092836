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
        case (.postgres, .identifier), (.postgres, .uuid), (.postgres, .reference): return "uuid"
        case (.postgres, .string), (.postgres, .text), (.postgres, .email), (.postgres, .url),
             (.postgres, .enumeration): return "text"
        case (.postgres, .int): return "bigint"
        case (.postgres, .double): return "double precision"
        case (.postgres, .bool): return "boolean"
        case (.postgres, .datetime): return "timestamptz"
        case (.postgres, .json), (.postgres, .array): return "jsonb"
        case (.postgres, .vector): return "real[]"
        case (.sqlite, .int), (.sqlite, .bool): return "INTEGER"
        case (.sqlite, .double): return "REAL"
        case (.sqlite, .vector): return "BLOB"
        case (.sqlite, _): return "TEXT"
        case (_, .object), (_, .references): return ""  // no column of their own
        }
    }

    /// A default as SQL.
    func defaultValue(_ value: DefaultValue, type: FieldType) -> String {
        switch value {
        case .string(let text): return literal(text)
        case .int(let number): return String(number)
        case .double(let number): return format(number)
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
        case .identifier, .uuid, .reference:
            // SQLite keeps UUIDs as their lowercase text, the form RecordID writes.
            if self == .sqlite { conditions.append("length(\(c)) = 36 AND \(c) = lower(\(c))") }
        case .string, .text, .email, .url:
            conditions += range(length, field.constraints.minLength.map(String.init), field.constraints.maxLength.map(String.init))
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
        case .bool:
            if self == .sqlite { conditions.append("\(c) IN (0, 1)") }
        case .datetime:
            // One text form, so that text order is time order.
            if self == .sqlite { conditions.append("\(c) GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'") }
        case .enumeration(let enumType):
            conditions.append("\(c) IN (" + enumType.cases.map { literal($0.value) }.joined(separator: ", ") + ")")
        case .json:
            if self == .sqlite { conditions.append(sqliteJSONValid(c)) }
        case .array:
            conditions.append(self == .postgres ? "jsonb_typeof(\(c)) = 'array'" : "\(sqliteJSONValid(c)) AND json_type(\(c)) = 'array'")
            let count = self == .postgres ? "jsonb_array_length(\(c))" : "json_array_length(\(c))"
            conditions += range(count, field.constraints.minItems.map(String.init), field.constraints.maxItems.map(String.init))
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

    /// The SQL of `ON DELETE`.
    func onDelete(_ rule: Reference.DeleteRule) -> String {
        switch rule {
        case .restrict: return "RESTRICT"
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

/// JSON text for SQL defaults, with keys in the schema's order.
enum SQLJSON {
    static func text(_ value: DefaultValue) -> String {
        switch value {
        case .string(let text): return string(text)
        case .int(let number): return String(number)
        case .double(let number): return format(number)
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
