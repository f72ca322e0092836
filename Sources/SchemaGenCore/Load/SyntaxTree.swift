// The syntax tree: what the YAML says, with the location of every node, before any meaning is
// checked. Load builds it (and rejects malformed YAML, unknown keys and wrong value kinds);
// Resolve turns it into the checked `Schema`.

/// A value with the place in a schema file it came from.
public struct Located<Value> {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

extension Located: Sendable where Value: Sendable {}
extension Located: Equatable where Value: Equatable {}

/// One schema file as read from disk (or given in memory by a test or a plugin).
public struct SchemaSource: Sendable {
    /// The path shown in diagnostics and generated-file headers.
    public var path: String
    public var contents: String

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}

/// A YAML value kept as written, for keys whose meaning depends on a field's type (`default`,
/// the values of a partial index's `where`).
public indirect enum SyntaxValue: Sendable {
    /// A scalar; `isPlain` is false when it was quoted, so `"42"` stays a string.
    case scalar(String, isPlain: Bool, SourceLocation)
    case sequence([SyntaxValue], SourceLocation)
    case mapping([(key: Located<String>, value: SyntaxValue)], SourceLocation)

    public var location: SourceLocation {
        switch self {
        case .scalar(_, _, let location), .sequence(_, let location), .mapping(_, let location):
            return location
        }
    }

    /// True for an unquoted `null`, `~` or empty scalar.
    var isNull: Bool {
        if case .scalar(let text, true, _) = self { return ["null", "Null", "NULL", "~", ""].contains(text) }
        return false
    }
}

public struct SchemaFileSyntax: Sendable {
    public var path: String
    public var collection: CollectionSyntax?
    public var enums: [EnumSyntax]
}

public struct CollectionSyntax: Sendable {
    public var name: Located<String>
    public var model: Located<String>?
    public var description: Located<String>?
    /// `id: uuid`, or the `type` of `id: { type: string, maxLength: 64 }`.
    public var id: Located<String>?
    /// `maxLength` of a text key (`id: { type: string, maxLength: 64 }`).
    public var idMaxLength: Located<Int>?
    /// `column` of `id: { type: int64, column: album_id }`: the key's SQL column, `id` without it.
    public var idColumn: Located<String>?
    /// `generated` of `id: { type: int64, generated: true }`: the database makes the keys.
    public var idGenerated: Located<Bool>?
    public var timestamps: Located<Bool>?
    /// `timestamps: { createdAt: …, updatedAt: … }`: each `true`, `false` or `nullable`, as written.
    public var timestampFields: [String: Located<String>]?
    public var principal: Located<Bool>?
    public var softDelete: Located<Bool>?
    /// `version: true` or `version: <field name>`: optimistic concurrency, as written.
    public var version: Located<String>?
    /// `referenceColumns: idSuffix`: a reference's column is its name with `_id` (`project_id`).
    public var referenceColumns: Located<String>?
    public var fields: [FieldSyntax]
    public var indexes: [IndexSyntax]
    public var access: [AccessSyntax]?
    /// The collection's name before a rename, for `schemagen migrate`.
    public var renamedFrom: Located<String>?
    /// Dotted paths of fields whose definitions had errors and were left out.
    public var brokenFieldPaths: Set<String> = []
    /// `lint: { ignore: [...] }`: lint findings silenced, each with its reason (see Lint/).
    public var lintIgnores: [LintIgnoreSyntax] = []
    /// `queue: { status, ready, order, by }`: workers claim the collection's ready records.
    public var queue: QueueSyntax? = nil
}

/// `queue:` on a collection: the status field, its value for a record waiting to be claimed,
/// the order claims take, and the fields a worker may restrict its claim to.
public struct QueueSyntax: Sendable {
    public var location: SourceLocation
    public var status: Located<String>?
    public var ready: Located<String>?
    public var order: [IndexSyntax.Key] = []
    public var by: [Located<String>] = []
}

/// A field, or the element of an array (then `name` is the array's name and `isArrayItem` is set).
public struct FieldSyntax: Sendable {
    public var name: Located<String>
    public var type: Located<String>
    public var isArrayItem = false
    public var description: Located<String>?
    public var required: Located<Bool>?
    public var defaultValue: SyntaxValue?
    public var sensitive: Located<Bool>?
    public var unique: Located<Bool>?
    public var immutable: Located<Bool>?
    public var column: Located<String>?
    public var model: Located<String>?
    public var min: Located<Double>?
    public var max: Located<Double>?
    public var minLength: Located<Int>?
    public var maxLength: Located<Int>?
    public var pattern: Located<String>?
    public var minItems: Located<Int>?
    public var maxItems: Located<Int>?
    public var values: [EnumValueSyntax]?
    public var enumName: Located<String>?
    public var fields: [FieldSyntax]?
    public var to: Located<String>?
    public var onDelete: Located<String>?
    public var dimensions: Located<Int>?
    /// `decimal`: the number of significant digits, and how many of them follow the point.
    public var precision: Located<Int>?
    public var scale: Located<Int>?
    /// `storage: varchar`: a string with `maxLength` is `varchar(n)` on PostgreSQL.
    public var storage: Located<String>?
    /// The field's name before a rename, for `schemagen migrate`.
    public var renamedFrom: Located<String>?
    /// `access: { create: […], update: […] }`: who may set the field on create and change it on
    /// update (in addition to the collection's rules).
    public var access: [AccessSyntax]?
    /// `within: project`: the referenced record must have the same `project` as this record.
    public var within: Located<String>?
    /// The element of an `array` (stored in an array because a struct cannot hold itself).
    var itemStorage: [FieldSyntax] = []

    public var items: FieldSyntax? { itemStorage.first }
}

public struct EnumSyntax: Sendable {
    public var name: Located<String>
    public var description: Located<String>?
    public var values: [EnumValueSyntax]
}

public struct EnumValueSyntax: Sendable {
    public var value: Located<String>
    public var caseName: Located<String>?
    public var description: Located<String>?
    /// The value before a rename, for `schemagen migrate`.
    public var renamedFrom: Located<String>?
}

public struct IndexSyntax: Sendable {
    public struct Key: Sendable {
        public var path: Located<String>
        public var descending: Bool
    }

    public struct Condition: Sendable {
        public enum Test: Sendable {
            case equals(SyntaxValue)
            case notEquals(SyntaxValue)
            case isIn([SyntaxValue])
            case isNull(Bool)
        }

        public var path: Located<String>
        public var test: Test
    }

    public var location: SourceLocation
    public var keys: [Key]
    public var name: Located<String>?
    public var unique: Located<Bool>?
    public var kind: Located<String>?
    public var expireAfter: Located<String>?
    public var metric: Located<String>?
    public var pathOps: Located<Bool>?
    public var constraint: Located<Bool>?
    public var conditions: [Condition]
    public var description: Located<String>?
}

public struct AccessSyntax: Sendable {
    public enum Rule: Sendable {
        /// `public`, `authenticated`, `admin`, `self`, `owner`, `member`.
        case keyword(String)
        case owner(path: String)
        case member(path: String)
        case role(String)
        /// `{ all: [RULE, …] }`: every one of the rules holds.
        case all([Located<Rule>])
    }

    public var operation: Located<String>
    public var rules: [Located<Rule>]
}
