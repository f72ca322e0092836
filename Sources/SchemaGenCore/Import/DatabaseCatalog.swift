// What `schemagen import` reads from a live database: the raw facts of its catalog, engine by
// engine, before any mapping. SchemaGenImport fills it (SQLite through GRDB, PostgreSQL through
// PostgresNIO); `CatalogMapper` turns it into schema files. Everything is sorted, so two reads of
// the same database are equal, and the round-trip tests compare two of them.

public struct DatabaseCatalog: Sendable, Equatable, Codable {
    public enum Engine: String, Sendable, Codable {
        case sqlite
        case postgres
    }

    public var engine: Engine
    /// Ordinary tables, by name (SQLite's FTS5 tables and their shadow tables are not here).
    public var tables: [Table]
    /// PostgreSQL enum types (`CREATE TYPE … AS ENUM`), by name.
    public var enumTypes: [EnumType]
    /// Triggers, by table then name.
    public var triggers: [Trigger]
    /// PostgreSQL functions of the schema, by name (bodies, for TTL and immutability).
    public var functions: [Function]
    /// SQLite virtual tables (FTS5), by name.
    public var virtualTables: [VirtualTable]

    public init(engine: Engine, tables: [Table] = [], enumTypes: [EnumType] = [], triggers: [Trigger] = [],
                functions: [Function] = [], virtualTables: [VirtualTable] = []) {
        self.engine = engine
        self.tables = tables
        self.enumTypes = enumTypes
        self.triggers = triggers
        self.functions = functions
        self.virtualTables = virtualTables
    }

    public func table(named name: String) -> Table? { tables.first { $0.name == name } }

    public struct Table: Sendable, Equatable, Codable {
        public var name: String
        public var comment: String?
        /// In the table's order.
        public var columns: [Column]
        /// Primary key, unique, check and foreign-key constraints, by kind then name.
        public var constraints: [Constraint]
        /// Indexes that no constraint owns (a primary key's or a UNIQUE constraint's index is the
        /// constraint's), by name.
        public var indexes: [Index]
        /// PostgreSQL: row-level security is on; the policies' names and commands.
        public var rowLevelSecurity: Bool
        public var policies: [Policy]

        public init(name: String, comment: String? = nil, columns: [Column], constraints: [Constraint] = [], indexes: [Index] = [],
                    rowLevelSecurity: Bool = false, policies: [Policy] = []) {
            self.name = name
            self.comment = comment
            self.columns = columns
            self.constraints = constraints
            self.indexes = indexes
            self.rowLevelSecurity = rowLevelSecurity
            self.policies = policies
        }

        public func column(named name: String) -> Column? { columns.first { $0.name == name } }
        public var primaryKey: Constraint? { constraints.first { $0.kind == .primaryKey } }
        public var foreignKeys: [Constraint] { constraints.filter { $0.kind == .foreignKey } }
        public var checks: [Constraint] { constraints.filter { $0.kind == .check } }
        public var uniques: [Constraint] { constraints.filter { $0.kind == .unique } }
    }

    public struct Column: Sendable, Equatable, Codable {
        public var name: String
        /// As the database spells it: PostgreSQL's `format_type` (`character varying(40)`,
        /// `timestamp with time zone`, `real[]`), SQLite's declared type (`TEXT`, `NVARCHAR(120)`).
        public var type: String
        public var isNullable: Bool
        /// The default's SQL text, as the catalog holds it (`'user'::text`, `now()`, `(strftime(…))`).
        public var defaultExpression: String?
        public var comment: String?
        /// PostgreSQL: `GENERATED … AS IDENTITY` (`a` always, `d` by default).
        public var identity: String?

        public init(name: String, type: String, isNullable: Bool, defaultExpression: String? = nil, comment: String? = nil,
                    identity: String? = nil) {
            self.name = name
            self.type = type
            self.isNullable = isNullable
            self.defaultExpression = defaultExpression
            self.comment = comment
            self.identity = identity
        }
    }

    public struct Constraint: Sendable, Equatable, Codable {
        public enum Kind: String, Sendable, Codable, Comparable {
            case primaryKey
            case unique
            case check
            case foreignKey
            case exclusion

            public static func < (a: Kind, b: Kind) -> Bool {
                let order: [Kind] = [.primaryKey, .unique, .check, .foreignKey, .exclusion]
                return order.firstIndex(of: a)! < order.firstIndex(of: b)!
            }
        }

        /// Nil for an unnamed SQLite constraint.
        public var name: String?
        public var kind: Kind
        public var columns: [String]
        /// A check's condition, without `CHECK`; as the engine prints it.
        public var expression: String?
        public var foreignTable: String?
        public var foreignColumns: [String]
        /// `CASCADE`, `SET NULL`, `SET DEFAULT`, `RESTRICT`, `NO ACTION`.
        public var onDelete: String?
        public var onUpdate: String?

        public init(name: String?, kind: Kind, columns: [String], expression: String? = nil, foreignTable: String? = nil,
                    foreignColumns: [String] = [], onDelete: String? = nil, onUpdate: String? = nil) {
            self.name = name
            self.kind = kind
            self.columns = columns
            self.expression = expression
            self.foreignTable = foreignTable
            self.foreignColumns = foreignColumns
            self.onDelete = onDelete
            self.onUpdate = onUpdate
        }

        /// For messages: the name, or the kind and columns of an unnamed one.
        public var displayName: String {
            name ?? "\(kind.rawValue) (\(columns.joined(separator: ", ")))"
        }
    }

    public struct Index: Sendable, Equatable, Codable {
        public struct Key: Sendable, Equatable, Codable {
            /// The column, or nil for an expression.
            public var column: String?
            /// The expression's text, for a key that is not a plain column.
            public var expression: String?
            public var descending: Bool

            public init(column: String?, expression: String? = nil, descending: Bool = false) {
                self.column = column
                self.expression = expression
                self.descending = descending
            }
        }

        public var name: String
        public var isUnique: Bool
        /// `btree`, `gin`, `gist`, … (SQLite: `btree`).
        public var method: String
        public var keys: [Key]
        /// A partial index's condition, without `WHERE`.
        public var predicate: String?
        /// The whole statement as the engine prints it (PostgreSQL `pg_get_indexdef`, SQLite's
        /// stored text).
        public var definition: String

        public init(name: String, isUnique: Bool, method: String = "btree", keys: [Key], predicate: String? = nil, definition: String) {
            self.name = name
            self.isUnique = isUnique
            self.method = method
            self.keys = keys
            self.predicate = predicate
            self.definition = definition
        }
    }

    public struct Policy: Sendable, Equatable, Codable {
        public var name: String
        public var command: String

        public init(name: String, command: String) {
            self.name = name
            self.command = command
        }
    }

    public struct EnumType: Sendable, Equatable, Codable {
        public var name: String
        public var labels: [String]

        public init(name: String, labels: [String]) {
            self.name = name
            self.labels = labels
        }
    }

    public struct Trigger: Sendable, Equatable, Codable {
        public var name: String
        public var table: String
        /// SQLite: the CREATE TRIGGER text; PostgreSQL: `pg_get_triggerdef`.
        public var definition: String

        public init(name: String, table: String, definition: String) {
            self.name = name
            self.table = table
            self.definition = definition
        }
    }

    public struct Function: Sendable, Equatable, Codable {
        public var name: String
        /// The body (`prosrc`).
        public var body: String

        public init(name: String, body: String) {
            self.name = name
            self.body = body
        }
    }

    public struct VirtualTable: Sendable, Equatable, Codable {
        public var name: String
        /// The CREATE VIRTUAL TABLE text.
        public var definition: String

        public init(name: String, definition: String) {
            self.name = name
            self.definition = definition
        }
    }
}
