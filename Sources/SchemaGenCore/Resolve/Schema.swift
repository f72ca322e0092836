// The checked model every later stage reads. Everything here is valid: names are unique and
// usable, references point at existing collections, constraints agree with each other. Nothing
// after Resolve has to fail on user input.

public struct Schema: Sendable {
    /// Collections in schema-file order.
    public var collections: [Collection]
    /// Enums declared under `enums:`, in declaration order.
    public var sharedEnums: [EnumType]

    public func collection(named name: String) -> Collection? {
        collections.first { $0.name == name }
    }

    /// The collection whose records are principals (`principal: true`), if any.
    public var principal: Collection? {
        collections.first { $0.isPrincipal }
    }
}

public struct Collection: Sendable {
    public enum IDStrategy: String, Sendable {
        /// Random (version 4) UUIDs.
        case uuid
        /// Time-ordered (version 7) UUIDs.
        case uuidv7
    }

    public var name: String
    /// The Swift type of one record.
    public var modelName: String
    public var tableName: String
    public var description: String?
    public var idStrategy: IDStrategy
    public var hasTimestamps: Bool
    /// Deleting sets `deletedAt`; reads leave such records out unless asked for them.
    public var hasSoftDelete: Bool
    public var isPrincipal: Bool
    /// Every field in order: `id`, the declared fields, then `createdAt` and `updatedAt` when the
    /// collection has timestamps.
    public var fields: [Field]
    public var indexes: [Index]
    public var access: AccessPolicy
    /// The schema file, as given to Load.
    public var sourcePath: String
    public var location: SourceLocation
    /// `renamedFrom`: the collection's name before a rename, which `schemagen migrate` turns into
    /// a table rename.
    public var renamedFrom: Located<String>? = nil
    /// `queue:`: workers claim the ready records, in order (`claimNext`).
    public var queue: Queue? = nil

    /// What the primary key holds.
    public var keyType: KeyType {
        if case .identifier(let key) = fields.first?.type { return key }
        return .uuid
    }

    /// The primary key's column: `id`, or the `column` of `id: { type: int64, column: album_id }`.
    public var keyColumn: String { fields.first?.columnName ?? "id" }

    /// `version:`: the field the repositories compare and bump on every write, if any.
    public var versionField: Field? { fields.first { $0.role == .version } }

    /// The fields the schema declares (without `id` and timestamps).
    public var declaredFields: [Field] { fields.filter { $0.role == .declared } }

    /// Every field, nested objects' fields right after their object (not array elements).
    public var allFields: [Field] { Field.flattened(fields) }
}

extension Field {
    /// `fields` with nested objects' fields right after their object (not array elements).
    public static func flattened(_ fields: [Field]) -> [Field] {
        fields.flatMap { field -> [Field] in
            if case .object(let object) = field.type { return [field] + flattened(object.fields) }
            return [field]
        }
    }
}

public struct Field: Sendable {
    public enum Role: Sendable, Equatable {
        case declared
        case primaryKey
        case createdAt
        case updatedAt
        /// `softDelete: true`: when the record was deleted, nil while it is not.
        case deletedAt
        /// `version: true`: how many times the record was written, compared on every update.
        case version
    }

    /// The name as written in the schema (`_version`, `thumbnailURL`).
    public var name: String
    /// From the collection root through nested objects: `["projectSettings", "aspectRatio"]`.
    public var path: [String]
    /// The Swift property name, unescaped (`version`, `thumbnailURL`).
    public var swiftName: String
    /// The SQL column; nil for an object (its fields have columns), a `refs` field (a join table)
    /// and anything inside an array (stored in the array's JSON).
    public var columnName: String?
    public var description: String?
    public var type: FieldType
    public var role: Role
    public var isRequired: Bool
    public var defaultValue: DefaultValue?
    public var constraints: Constraints
    public var isSensitive: Bool
    public var isUnique: Bool
    /// Set when the record is created and never changed by a caller the access rules govern.
    public var isImmutable = false
    /// `access:` on the field: who may give it a value other than its default on create, and
    /// who may change it on update. Nil: whoever may create or update the record.
    public var writeRules: FieldWriteRules? = nil
    /// `storage: varchar`: PostgreSQL's column is `varchar(maxLength)`, which holds the length
    /// itself (no CHECK for it there); SQLite's stays TEXT with its CHECK.
    public var isVarchar = false
    /// `storage: enum` on an enum field: PostgreSQL's column is this native enum type
    /// (unquoted, `ticket_status`), created once before the tables; SQLite's stays TEXT with its
    /// CHECK.
    public var nativeEnumType: String? = nil
    /// `storage: array` on a list of scalars: PostgreSQL's column is a native array of this
    /// element type (`text`, `bigint`, `integer`, `smallint`, `uuid`, `boolean`) instead of
    /// jsonb; SQLite's stays JSON text with its CHECK.
    public var nativeArrayElement: String? = nil
    /// `within:` on a reference: the record it points at shares this record's scope.
    public var within: Within? = nil
    public var location: SourceLocation
    /// `renamedFrom`: the field's name (among its siblings) before a rename, which
    /// `schemagen migrate` turns into a column rename.
    public var renamedFrom: Located<String>? = nil

    /// `projectSettings.aspectRatio`
    public var dottedPath: String { path.joined(separator: ".") }
}

public indirect enum FieldType: Sendable {
    /// The collection's own primary key, of its key type.
    case identifier(KeyType)
    case string
    case text
    case int
    /// Sized integers: `smallint`, `integer` and `bigint` on PostgreSQL; Int16, Int32, Int64.
    case int16
    case int32
    case int64
    case double
    /// An exact number: `numeric(precision, scale)` on PostgreSQL, its text on SQLite; Decimal.
    case decimal(precision: Int, scale: Int)
    case bool
    case datetime
    /// A point in time without a time zone: `timestamp` on PostgreSQL; Date, read and written as UTC.
    case timestamp
    /// A calendar day without a time: `date` on PostgreSQL, 'YYYY-MM-DD' on SQLite; CalendarDate.
    case date
    /// Bytes: `bytea` on PostgreSQL, BLOB on SQLite; Data (base64 in JSON).
    case bytes
    case uuid
    case email
    case url
    case json
    case enumeration(EnumType)
    case object(ObjectType)
    case array(ArrayElement)
    /// A reference to one record.
    case reference(Reference)
    /// References to many records (a join table).
    case references(Reference)
    case vector(dimensions: Int)

    /// The schema's name for the type, for messages and docs.
    public var schemaName: String {
        switch self {
        case .identifier: return "id"
        case .string: return "string"
        case .text: return "text"
        case .int: return "int"
        case .int16: return "int16"
        case .int32: return "int32"
        case .int64: return "int64"
        case .double: return "double"
        case .decimal: return "decimal"
        case .bool: return "bool"
        case .datetime: return "datetime"
        case .timestamp: return "timestamp"
        case .date: return "date"
        case .bytes: return "bytes"
        case .uuid: return "uuid"
        case .email: return "email"
        case .url: return "url"
        case .json: return "json"
        case .enumeration: return "enum"
        case .object: return "object"
        case .array(let element): return element.type.schemaName + "[]"
        case .reference: return "ref"
        case .references: return "refs"
        case .vector: return "vector"
        }
    }

    var isStringLike: Bool {
        switch self {
        case .string, .text, .email, .url: return true
        default: return false
        }
    }

    var isNumeric: Bool {
        switch self {
        // Not decimal: its digits (precision, scale) are its bounds.
        case .int, .int16, .int32, .int64, .double: return true
        default: return false
        }
    }

    /// `int` and the sized integers.
    var isInteger: Bool {
        switch self {
        case .int, .int16, .int32, .int64: return true
        default: return false
        }
    }

    /// The range a sized integer holds, for its bounds' checks; nil for other types.
    var integerRange: ClosedRange<Double>? {
        switch self {
        case .int16: return Double(Int16.min)...Double(Int16.max)
        case .int32: return Double(Int32.min)...Double(Int32.max)
        case .int, .int64: return Double(Int64.min)...Double(Int64.max)
        default: return nil
        }
    }
}

/// What a collection's primary key `id` holds (`id:` in the schema).
public enum KeyType: String, Sendable, Equatable {
    /// A UUID the application makes (`id: uuid` or `uuidv7`): `uuid` on PostgreSQL, lowercase TEXT on SQLite.
    case uuid
    /// A 64-bit integer the caller gives (`id: int64`): `bigint`; SQLite's `INTEGER PRIMARY KEY`.
    case int64
    /// Text the caller gives (`id: string`), such as an auth provider's user id: `text` with its
    /// length checked on both engines.
    case string
}

public struct ArrayElement: Sendable {
    public var type: FieldType
    public var constraints: Constraints
}

public struct Reference: Sendable {
    public enum DeleteRule: String, Sendable {
        case restrict
        case cascade
        case setNull
    }

    /// The referenced collection's name.
    public var target: String
    /// The referenced collection's Swift type.
    public var targetModel: String
    /// The referenced collection's table.
    public var targetTable: String
    /// The referenced collection's key type: the type of this reference's column.
    public var targetKey: KeyType = .uuid
    /// The referenced collection's key column (`id`, or its `id.column`): what the foreign key
    /// and every join to the target name.
    public var targetKeyColumn: String = "id"
    /// For a reference to one outside arrays: what deleting the target does. Nil inside arrays
    /// (no foreign key) and for `refs` (the join row always goes).
    public var onDelete: DeleteRule?
    /// For `refs` outside arrays: the table that stores the links.
    public var joinTable: JoinTable?
}

/// The table behind a `refs` field: one row per link, in the field's order.
public struct JoinTable: Sendable, Equatable {
    /// `projects_collaborators`
    public var name: String
    /// The column pointing at the record that holds the field (`project_id`).
    public var ownerColumn: String
    /// The column pointing at the referenced record (`collaborator_id`).
    public var targetColumn: String
}

public struct ObjectType: Sendable {
    /// The Swift type name, unqualified (`ProjectSettings`).
    public var swiftName: String
    /// Qualified from the module: `Project.ProjectSettings`.
    public var qualifiedName: String
    public var description: String?
    public var fields: [Field]
}

public struct EnumType: Sendable {
    /// The Swift type name, unqualified (`Genre`).
    public var swiftName: String
    /// Qualified from the module: `Project.Genre`, or `Priority` when shared.
    public var qualifiedName: String
    public var isShared: Bool
    public var description: String?
    public var cases: [EnumCase]
    public var location: SourceLocation
}

public struct EnumCase: Sendable, Equatable {
    public var value: String
    /// The Swift case name, unescaped (`sciFi`, `_16_9`).
    public var swiftName: String
    public var description: String?
    /// `renamedFrom`: the value before a rename; `schemagen migrate` rewrites the rows that hold it.
    public var renamedFrom: Located<String>? = nil
}

public struct Constraints: Sendable, Equatable, Codable {
    public var min: Double?
    public var max: Double?
    public var minLength: Int?
    public var maxLength: Int?
    public var pattern: String?
    public var minItems: Int?
    public var maxItems: Int?

    public var isEmpty: Bool { self == Constraints() }
}

/// A default value, already checked against its field's type and constraints.
public indirect enum DefaultValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case double(Double)
    /// `decimal` only: the number as written (`9.99`), exact.
    case decimal(String)
    case bool(Bool)
    /// `datetime` only: the moment the record is made.
    case now
    case enumCase(EnumCase)
    case array([DefaultValue])
    case json(JSONLiteral)
}

/// A JSON value written in a schema (a `json` field's default). Object keys keep their order.
public indirect enum JSONLiteral: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONLiteral])
    case object([(key: String, value: JSONLiteral)])

    public static func == (lhs: JSONLiteral, rhs: JSONLiteral) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }
}

public struct Index: Sendable {
    public enum Kind: Sendable, Equatable {
        case standard
        case text
        /// Records expire `seconds` after the indexed time; `written` is the schema's `90d`.
        case ttl(seconds: Int, written: String)
        case vector(metric: VectorMetric)
        /// A GIN index over a json or array field (PostgreSQL), serving containment (`@>`);
        /// `pathOps` builds it with `jsonb_path_ops`: smaller, and it serves `@>` alone.
        case json(pathOps: Bool)
    }

    public enum VectorMetric: String, Sendable {
        case cosine
        case l2
        case innerProduct
    }

    public struct Key: Sendable {
        public var field: Field
        public var descending: Bool
    }

    public struct Condition: Sendable {
        public enum Test: Sendable, Equatable {
            case equals(DefaultValue)
            case notEquals(DefaultValue)
            case isIn([DefaultValue])
            case isNull(Bool)
        }

        public var field: Field
        public var test: Test
    }

    public var name: String
    public var kind: Kind
    public var isUnique: Bool
    public var keys: [Key]
    /// Conditions of a partial index, all of which hold for an indexed record.
    public var conditions: [Condition]
    public var description: String?
    public var location: SourceLocation
    /// `constraint: true`: a unique index written as a `UNIQUE` table constraint of that name
    /// (in CREATE TABLE) rather than a CREATE UNIQUE INDEX.
    public var isConstraint: Bool = false
}

public enum AccessOperation: String, Sendable, CaseIterable {
    case read
    case create
    case update
    case delete
}

public struct AccessPolicy: Sendable {
    /// The rules per operation; an operation with no entry is granted to nobody but the system
    /// context.
    public var rules: [AccessOperation: [AccessRule]]

    /// Whether the schema had an `access` block at all.
    public var isDeclared: Bool
}

public enum AccessRule: Sendable, Equatable {
    case everyone
    case authenticated
    /// The principal's role equals the value (`admin` is `role("admin")`).
    case role(String)
    /// The record is the principal (principal collection only).
    case isSelf
    /// The reference at the end of the path equals the principal.
    case owner(AccessPath)
    /// The principal is among the references at the end of the path.
    case member(AccessPath)
    /// Every one of the rules holds (`{ all: [...] }`); none of them is itself an `all`.
    case all([AccessRule])
}

/// A field's own write rules, checked besides the collection's. An operation without an entry
/// is not limited beyond the collection's rules; an empty list allows only the system context.
public struct FieldWriteRules: Sendable, Equatable {
    /// Who may create a record whose value here is not the field's default (or, without a
    /// default, is set at all).
    public var create: [AccessRule]?
    /// Who may change the value of a stored record.
    public var update: [AccessRule]?
    public var location: SourceLocation
}

/// `episode: { type: ref, to: episodes, within: project }`: the referenced episode's `project`
/// equals this record's `project`. Enforced by a composite foreign key.
public struct Within: Sendable, Equatable {
    /// The scope field in this collection (`project`).
    public var scopeField: [String]
    public var scopeColumn: String
    /// The same scope in the referenced collection.
    public var targetScopeField: [String]
    public var targetScopeColumn: String
    public var location: SourceLocation
}

/// A way from a record to the principal: zero or more references to one, then the field that
/// points at the principal collection.
public struct AccessPath: Sendable, Equatable {
    public struct Step: Sendable, Equatable {
        /// The collection the step starts in.
        public var collection: String
        /// The field's path inside that collection (`["project"]`, `["createdBy"]`).
        public var fieldPath: [String]
        public var columnName: String?
    }

    public var steps: [Step]

    /// As written in the schema: `project.createdBy`.
    public var written: String
}

/// A collection that is a work queue: a record whose `status` is `ready` waits to be claimed;
/// a claim takes the first in `order` (then the id), optionally among those with given values of
/// the `by` fields, and changes it in the same transaction.
public struct Queue: Sendable {
    public var status: Field
    public var ready: String
    public var order: [Index.Key]
    public var by: [Field]
    public var location: SourceLocation
}
