import Foundation

// What the CHECK constraints of a table say about each column, read conjunct by conjunct: the
// enum values of an `IN` list, the bounds of a range or a length, a pattern, and the checks
// schemagen itself writes for UUIDs, dates, booleans, JSON and vectors on SQLite. A check is
// mapped only when every one of its conditions is understood; otherwise it is left for a note.

struct ColumnFacts {
    var enumValues: [String]?
    /// An enum's list on PostgreSQL: `x <@ ARRAY['a', 'b']::text[]` (a native array) or
    /// `x <@ '["a","b"]'::jsonb` (a JSON list), the items held to these values.
    var itemEnumValues: [String]?
    var isBoolean = false
    var isUUIDText = false
    var isDatetimeText = false
    /// SQLite's `timestamp` (a datetime without its `Z`) and `date` texts.
    var isTimestampText = false
    var isDateText = false
    /// SQLite's `decimal`: the digits its CHECK allows (see `SQLiteDecimal`).
    var decimalDigits: (precision: Int, scale: Int)?
    var isEmail = false
    var isURL = false
    var isJSON = false
    var isJSONArray = false
    var min: Double?
    var max: Double?
    var minLength: Int?
    var maxLength: Int?
    var pattern: String?
    var minItems: Int?
    var maxItems: Int?
    var vectorDimensions: Int?
    /// SQLite keeps a vector as a BLOB of 4 bytes a number: `length(x) = 4 × N`.
    var blobLength: Int?
}

struct CheckReading {
    /// Per column, what the mapped checks say.
    var facts: [String: ColumnFacts] = [:]
    /// The checks that were not understood, with why.
    var unmapped: [(constraint: DatabaseCatalog.Constraint, reason: String)] = []
    /// Checks whose conditions were all understood.
    var mapped: [String] = []
    /// Checks that say some nullable columns are null together (`(a IS NULL) = (b IS NULL)`):
    /// schemagen's optional nested objects.
    var presence: [(name: String?, columns: [String])] = []

    init(_ table: DatabaseCatalog.Table) {
        for check in table.checks {
            if let text = check.expression, let (column, digits) = SQLiteDecimal.read(text) {
                mapped.append(check.displayName)
                facts[column, default: ColumnFacts()].decimalDigits = digits
                continue
            }
            guard let text = check.expression, let expression = SQLExpression.parse(text) else {
                unmapped.append((check, "its condition could not be read"))
                continue
            }
            let pairs = expression.conjuncts.compactMap { conjunct -> [String]? in
                guard case .binary("=", .isNull(let a, true), .isNull(let b, true)) = conjunct,
                      let first = a.columnName, let second = b.columnName else { return nil }
                return [first, second]
            }
            if !pairs.isEmpty && pairs.count == expression.conjuncts.count {
                presence.append((check.name, pairs.flatMap { $0 }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }))
                continue
            }
            var local: [String: ColumnFacts] = [:]
            var failed: SQLExpression?
            for conjunct in expression.conjuncts where !Self.read(conjunct, into: &local) {
                failed = conjunct
                break
            }
            if failed != nil {
                unmapped.append((check, "schemagen has no field rule for this condition"))
                continue
            }
            mapped.append(check.displayName)
            for (column, new) in local { facts[column, default: ColumnFacts()].merge(new) }
        }
    }

    private static let datetimeGlob = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z"
    private static let emailRegex = "^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:]]+$"
    private static let urlRegex = "^[A-Za-z][A-Za-z0-9+.-]*://[^[:space:]/?#]+"

    /// Reads one condition; false when it says nothing schemagen can express.
    private static func read(_ condition: SQLExpression, into facts: inout [String: ColumnFacts]) -> Bool {
        switch condition {
        case .inList(let subject, let items):
            guard let column = subject.columnName else { return false }
            if let values = strings(items) {
                facts[column, default: ColumnFacts()].enumValues = values
                return true
            }
            let numbers = items.compactMap(\.numberValue)
            if numbers.count == items.count, Set(numbers) == [0, 1] {
                facts[column, default: ColumnFacts()].isBoolean = true
                return true
            }
            return false
        case .any("=", let subject, let array):
            guard let column = subject.columnName, case .array(let items) = array.uncast, let values = strings(items) else { return false }
            facts[column, default: ColumnFacts()].enumValues = values
            return true
        case .binary("<@", let subject, let container):
            guard let column = subject.columnName else { return false }
            switch container.uncast {
            case .array(let items):
                guard let values = strings(items) else { return false }
                facts[column, default: ColumnFacts()].itemEnumValues = values
            case .string(let json):
                guard let data = json.data(using: .utf8), let values = try? JSONDecoder().decode([String].self, from: data) else { return false }
                facts[column, default: ColumnFacts()].itemEnumValues = values
            default:
                return false
            }
            return true
        case .between(let subject, let low, let high):
            return bound(subject, ">=", low, into: &facts) && bound(subject, "<=", high, into: &facts)
        case .binary(let op, let left, let right) where ["<", "<=", ">", ">=", "="].contains(op):
            if op == "=", let column = left.columnName, case .function("lower", let arguments) = right.uncast,
               arguments.count == 1, arguments[0].columnName == column {
                facts[column, default: ColumnFacts()].isUUIDText = true
                return true
            }
            if op == "=", case .function(let name, let arguments) = left.uncast, ["json_type", "jsonb_typeof"].contains(name),
               arguments.count == 1, let column = arguments[0].columnName, right.stringValue == "array" {
                facts[column, default: ColumnFacts()].isJSONArray = true
                return true
            }
            if op == "=", case .function("array_ndims", let arguments) = left.uncast, arguments.count == 1,
               arguments[0].columnName != nil, right.numberValue == 1 {
                return true  // part of a vector's check, with cardinality
            }
            return bound(left, op, right, into: &facts)
        case .isNull(let subject, true):
            // `array_position(v, NULL) IS NULL`: a vector holds no nulls.
            if case .function("array_position", let arguments) = subject.uncast, arguments.count == 2, arguments[0].columnName != nil {
                return true
            }
            return false
        case .or(let parts):
            // SQLite's `(x IS NULL OR json_valid(x))`.
            guard parts.count == 2, case .isNull(let subject, true) = parts[0], let column = subject.columnName,
                  case .function("json_valid", let arguments) = parts[1].uncast, arguments.first?.columnName == column else { return false }
            facts[column, default: ColumnFacts()].isJSON = true
            return true
        case .binary("glob", let subject, let pattern):
            guard let column = subject.columnName, let text = pattern.stringValue else { return false }
            switch text {
            case datetimeGlob: facts[column, default: ColumnFacts()].isDatetimeText = true
            case String(datetimeGlob.dropLast()): facts[column, default: ColumnFacts()].isTimestampText = true
            case "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]": facts[column, default: ColumnFacts()].isDateText = true
            case "?*@?*.?*": facts[column, default: ColumnFacts()].isEmail = true
            case "[A-Za-z]*://?*": facts[column, default: ColumnFacts()].isURL = true
            default: return false
            }
            return true
        case .binary("~", let subject, let pattern):
            guard let column = subject.columnName, let text = pattern.stringValue else { return false }
            switch text {
            case emailRegex: facts[column, default: ColumnFacts()].isEmail = true
            case urlRegex: facts[column, default: ColumnFacts()].isURL = true
            default: facts[column, default: ColumnFacts()].pattern = text
            }
            return true
        default:
            return false
        }
    }

    /// `x >= 1`, `char_length(x) <= 200`, `jsonb_array_length(x) >= 1`, `cardinality(v) = 3`,
    /// `length(v) = 12` (an SQLite vector or a UUID's 36).
    private static func bound(_ subject: SQLExpression, _ op: String, _ limit: SQLExpression,
                              into facts: inout [String: ColumnFacts]) -> Bool {
        guard let value = limit.numberValue else { return false }
        if let column = subject.columnName {
            switch op {
            case ">=": facts[column, default: ColumnFacts()].min = value
            case "<=": facts[column, default: ColumnFacts()].max = value
            default: return false  // `>` and `<` have no schema spelling that gives the same SQL
            }
            return true
        }
        guard case .function(let name, let arguments) = subject.uncast, arguments.count == 1, let column = arguments[0].columnName,
              value == value.rounded(), let whole = Int(exactly: value) else { return false }
        switch (name, op) {
        case ("char_length", ">="), ("length", ">="), ("character_length", ">="): facts[column, default: ColumnFacts()].minLength = whole
        case ("char_length", "<="), ("length", "<="), ("character_length", "<="): facts[column, default: ColumnFacts()].maxLength = whole
        case ("length", "="): facts[column, default: ColumnFacts()].blobLength = whole
        case ("jsonb_array_length", ">="), ("json_array_length", ">="): facts[column, default: ColumnFacts()].minItems = whole
        case ("jsonb_array_length", "<="), ("json_array_length", "<="): facts[column, default: ColumnFacts()].maxItems = whole
        case ("cardinality", "="): facts[column, default: ColumnFacts()].vectorDimensions = whole
        // A native array's (`storage: array`) bounds.
        case ("cardinality", ">="): facts[column, default: ColumnFacts()].minItems = whole
        case ("cardinality", "<="): facts[column, default: ColumnFacts()].maxItems = whole
        default: return false
        }
        return true
    }

    private static func strings(_ items: [SQLExpression]) -> [String]? {
        let values = items.compactMap(\.stringValue)
        return values.count == items.count && !values.isEmpty ? values : nil
    }
}

extension ColumnFacts {
    mutating func merge(_ other: ColumnFacts) {
        enumValues = other.enumValues ?? enumValues
        itemEnumValues = other.itemEnumValues ?? itemEnumValues
        isBoolean = isBoolean || other.isBoolean
        isUUIDText = isUUIDText || other.isUUIDText
        isDatetimeText = isDatetimeText || other.isDatetimeText
        isTimestampText = isTimestampText || other.isTimestampText
        isDateText = isDateText || other.isDateText
        decimalDigits = other.decimalDigits ?? decimalDigits
        isEmail = isEmail || other.isEmail
        isURL = isURL || other.isURL
        isJSON = isJSON || other.isJSON
        isJSONArray = isJSONArray || other.isJSONArray
        min = other.min ?? min
        max = other.max ?? max
        minLength = other.minLength ?? minLength
        maxLength = other.maxLength ?? maxLength
        pattern = other.pattern ?? pattern
        minItems = other.minItems ?? minItems
        maxItems = other.maxItems ?? maxItems
        vectorDimensions = other.vectorDimensions ?? vectorDimensions
        blobLength = other.blobLength ?? blobLength
    }
}
