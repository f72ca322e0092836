/// The one place that turns schema names into identifiers, used by every output: Swift types,
/// properties and enum cases, and SQL names.
public enum Naming {
    /// Splits a name into words at separators (anything not a letter or digit) and at case
    /// changes: `thumbnailURL` → [thumbnail, URL], `sci-fi` → [sci, fi], `16:9` → [16, 9].
    /// Letters followed by digits stay one word (`qwen3`).
    public static func words(_ name: String) -> [String] {
        // Names are nearly always ASCII: their bytes are read directly (Character's Unicode
        // properties cost a twentieth of a generation run); others take the general path.
        guard name.utf8.allSatisfy({ $0 < 0x80 }) else { return unicodeWords(name) }
        let isUpper = { (byte: UInt8) in (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) }
        let isLower = { (byte: UInt8) in (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) }
        let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        let bytes = Array(name.utf8)
        var words: [String] = []
        var current: [UInt8] = []
        for (index, byte) in bytes.enumerated() {
            guard isUpper(byte) || isLower(byte) || isDigit(byte) else {
                if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
                current = []
                continue
            }
            if let previous = current.last {
                let next = index + 1 < bytes.count ? bytes[index + 1] : nil
                let lowerToUpper = (isLower(previous) || isDigit(previous)) && isUpper(byte)
                // The last capital of an acronym starts the next word: `URLValue` → URL, Value.
                let acronymEnd = isUpper(previous) && isUpper(byte) && next.map(isLower) == true
                if lowerToUpper || acronymEnd {
                    words.append(String(decoding: current, as: UTF8.self))
                    current = []
                }
            }
            current.append(byte)
        }
        if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
        return words
    }

    /// `words(_:)` for a name with characters beyond ASCII (which separate words).
    private static func unicodeWords(_ name: String) -> [String] {
        var words: [String] = []
        var current = ""
        let characters = Array(name)
        for (index, character) in characters.enumerated() {
            guard character.isLetter || character.isNumber, character.isASCII else {
                if !current.isEmpty { words.append(current) }
                current = ""
                continue
            }
            if let previous = current.last {
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                let lowerToUpper = (previous.isLowercase || previous.isNumber) && character.isUppercase
                // The last capital of an acronym starts the next word: `URLValue` → URL, Value.
                let acronymEnd = previous.isUppercase && character.isUppercase && (next?.isLowercase ?? false)
                if lowerToUpper || acronymEnd {
                    words.append(current)
                    current = ""
                }
            }
            current.append(character)
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// The words of a name as an identifier uses them: those of a name in capitals throughout
    /// (`IN_PROGRESS`, SCREAMING_SNAKE_CASE) are ordinary words, not acronyms.
    static func identifierWords(_ name: String) -> [String] {
        let parts = words(name)
        guard parts.count > 1, !name.contains(where: \.isLowercase) else { return parts }
        return parts.map { $0.lowercased() }
    }

    /// `projectSettings` → `ProjectSettings`, `sci-fi` → `SciFi`, `IN_PROGRESS` → `InProgress`.
    public static func typeName(_ name: String) -> String {
        join(identifierWords(name).map(capitalized))
    }

    /// `story_development` → `storyDevelopment`, `_version` → `version`, `16:9` → `_16_9`,
    /// `URL` → `url`, `LIP_SYNC` → `lipSync`. Not escaped: see `escaped(_:)`.
    public static func memberName(_ name: String) -> String {
        let parts = identifierWords(name)
        guard let first = parts.first else { return "" }
        let head = first.allSatisfy { $0.isUppercase || $0.isNumber } ? first.lowercased() : lowercasedFirst(first)
        return join([head] + parts.dropFirst().map(capitalized))
    }

    /// `episodeNumber` → `episode_number`, `thumbnailURL` → `thumbnail_url`.
    public static func snakeCase(_ name: String) -> String {
        words(name).map { $0.lowercased() }.joined(separator: "_")
    }

    /// The singular of a collection name, for the default model name: `projects` → `project`,
    /// `categories` → `category`, `media` → `media`.
    public static func singular(_ name: String) -> String {
        if name.hasSuffix("ies") && name.count > 3 { return String(name.dropLast(3)) + "y" }
        if name.hasSuffix("ss") || !name.hasSuffix("s") { return name }
        return String(name.dropLast())
    }

    /// PostgreSQL truncates identifiers to 63 bytes, so two long names could become one.
    public static let sqlNameLimit = 63

    /// A name schemagen derives (constraint, index, join table, trigger) made to fit 63 bytes:
    /// a longer one keeps its first 54 bytes and gets `_` and 8 hex digits of a hash of the whole
    /// name, so it stays readable, unique and the same on every run.
    public static func sqlName(_ name: String) -> String {
        guard name.utf8.count > sqlNameLimit else { return name }
        var hash: UInt32 = 2_166_136_261  // FNV-1a
        for byte in name.utf8 {
            hash = (hash ^ UInt32(byte)) &* 16_777_619
        }
        let hex = String(hash, radix: 16)
        return String(decoding: name.utf8.prefix(54), as: UTF8.self) + "_" + String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// An identifier as SQL text: double-quoted when it is a keyword of PostgreSQL or SQLite or
    /// is not plain lowercase snake_case, bare otherwise.
    public static func sqlQuoted(_ identifier: String) -> String {
        // Lowercase ASCII letters, digits and `_`, not starting with a digit (bytes: this runs for
        // every name of every statement).
        let utf8 = identifier.utf8
        let plain = utf8.first.map { $0 == UInt8(ascii: "_") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) } == true
            && utf8.allSatisfy { $0 == UInt8(ascii: "_") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        if plain && !sqlKeywords.contains(identifier) { return identifier }
        return "\"" + identifier.replacingBytes("\"", with: "\"\"") + "\""
    }

    /// Reserved words of PostgreSQL (SQL key words marked reserved) and SQLite's keywords, which
    /// cannot be used as bare column or table names in one dialect or the other.
    static let sqlKeywords: Set<String> = [
        "abort", "action", "add", "after", "all", "alter", "always", "analyse", "analyze", "and", "any", "array", "as",
        "asc", "asymmetric", "attach", "authorization", "autoincrement", "before", "begin", "between", "binary", "both",
        "by", "cascade", "case", "cast", "check", "collate", "column", "commit", "concurrently", "conflict",
        "constraint", "create", "cross", "current", "current_catalog", "current_date", "current_role",
        "current_schema", "current_time", "current_timestamp", "current_user", "database", "default", "deferrable",
        "deferred", "delete", "desc", "detach", "distinct", "do", "drop", "each", "else", "end", "escape", "except",
        "exclude", "exclusive", "exists", "explain", "fail", "false", "fetch", "filter", "first", "following", "for",
        "foreign", "freeze", "from", "full", "generated", "glob", "grant", "group", "groups", "having", "if", "ignore",
        "ilike", "immediate", "in", "index", "indexed", "initially", "inner", "insert", "instead", "intersect", "into",
        "is", "isnull", "join", "key", "last", "lateral", "leading", "left", "like", "limit", "localtime",
        "localtimestamp", "match", "materialized", "natural", "no", "not", "nothing", "notnull", "null", "nulls", "of",
        "offset", "on", "only", "or", "order", "others", "outer", "over", "overlaps", "partition", "placing", "plan",
        "pragma", "preceding", "primary", "query", "raise", "range", "recursive", "references", "regexp", "reindex",
        "release", "rename", "replace", "restrict", "returning", "right", "rollback", "row", "rows", "savepoint",
        "select", "session_user", "set", "similar", "some", "symmetric", "system_user", "table", "temp", "temporary",
        "then", "ties", "to", "trailing", "transaction", "trigger", "true", "unbounded", "union", "unique", "update",
        "user", "using", "vacuum", "values", "variadic", "verbose", "view", "virtual", "when", "where", "window", "with",
        "without",
    ]

    /// Wraps a Swift keyword in backticks so it can name a property or case.
    public static func escaped(_ identifier: String) -> String {
        swiftKeywords.contains(identifier) ? "`\(identifier)`" : identifier
    }

    /// Whether a string is usable as a Swift identifier (before escaping): ASCII letters, digits
    /// and `_`, not starting with a digit, not empty.
    public static func isValidIdentifier(_ identifier: String) -> Bool {
        guard let first = identifier.first, !first.isNumber else { return false }
        return identifier.allSatisfy { ($0.isLetter || $0.isNumber || $0 == "_") && $0.isASCII }
    }

    /// Joins words, keeping digit groups apart with `_` (`16`, `9` → `16_9`) and prefixing `_`
    /// when the result would start with a digit.
    private static func join(_ parts: [String]) -> String {
        var result = ""
        for part in parts {
            if let last = result.last, last.isNumber, part.first?.isNumber == true {
                result += "_"
            }
            result += part
        }
        if result.first?.isNumber == true { result = "_" + result }
        return result
    }

    private static func capitalized(_ word: String) -> String {
        word.prefix(1).uppercased() + word.dropFirst()
    }

    private static func lowercasedFirst(_ word: String) -> String {
        word.prefix(1).lowercased() + word.dropFirst()
    }

    /// Words that must be escaped with backticks to be used as a declaration name.
    static let swiftKeywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init",
        "inout", "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public",
        "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue",
        "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return",
        "throw", "switch", "where", "while", "Any", "as", "await", "false", "is", "nil", "self", "Self",
        "super", "throws", "true", "try", "Type", "Protocol",
    ]

    /// Type names a generated type must not take, because generated or user code in the same
    /// scope needs the original (a model called `Task` would hide Swift concurrency's `Task`).
    public static let reservedTypeNames: Set<String> = [
        // SchemaRuntime's, which a model's repository conformance and methods name.
        "AccessContext", "AccessGrant", "Cursor", "FieldDecodingContainer", "FieldEncodingContainer", "FieldKey",
        "FieldRule", "Page", "PageRequest", "RecordAccess", "RecordLink", "RecordTable",
        "Repository", "RepositoryError", "RepositoryFilter", "SQLRow", "SQLValue", "SortKey", "SoftDeletable",
        "StoredRecord",
        // Swift's and Foundation's.
        "Any", "Array", "Bool", "Character", "Codable", "CodingKeys", "Data", "Date", "Decimal", "Decodable",
        "Dictionary", "Double", "Encodable", "Equatable", "Error", "FieldPath", "Float", "Hashable", "ID",
        "Identifiable", "Int", "JSONValue", "Never", "Optional", "Protocol", "RecordID", "Result", "Self",
        "Sendable", "Set", "String", "Substring", "Task", "Type", "URL", "UUID", "Validatable",
        "ValidationIssue", "ValidationReport", "Void",
    ]

    /// Member names generated enums already have.
    public static let reservedCaseNames: Set<String> = ["allCases", "rawValue", "init", "hashValue", "description"]
}
