import Foundation
import SchemaRuntime

/// Resolve: syntax trees → the checked `Schema`. Reports every semantic problem (unknown types
/// and references, duplicates, contradictory constraints, invalid defaults, access rules with no
/// field behind them, names that collide after the naming rules) before failing.
public enum SchemaResolver {
    public static func resolve(_ files: [SchemaFileSyntax]) throws(DiagnosticsError) -> Schema {
        // Unsafe names, nesting and size first: a name refused there gets no second error from
        // the naming rules below at the same place.
        let unsafe = InputChecks.check(files)
        var resolver = Resolver(files: files)
        let schema = resolver.run()
        let places = Set(unsafe.map(\.location))
        var diagnostics = DiagnosticCollector()
        for diagnostic in unsafe + resolver.diagnostics.diagnostics.filter({ !places.contains($0.location) }) {
            diagnostics.append(diagnostic)
        }
        // What only the databases would refuse (the counts of a partly resolved schema are lower
        // bounds, so these are real even when other errors left parts out).
        for diagnostic in InputChecks.check(schema) { diagnostics.append(diagnostic) }
        try diagnostics.throwIfErrors()
        return schema
    }
}

/// The field types a schema may name, for validation and "did you mean" hints.
let fieldTypeNames = [
    "string", "text", "int", "int16", "int32", "int64", "double", "decimal", "bool", "datetime", "timestamp", "date",
    "bytes", "uuid", "email", "url", "json", "enum", "object", "array", "ref", "refs", "vector",
]

struct Resolver {
    let files: [SchemaFileSyntax]
    var diagnostics = DiagnosticCollector()
    /// Shared enums by their schema name.
    var sharedEnums: [String: EnumType] = [:]
    /// Collections by name: syntax and the model name chosen for each.
    var collectionSyntax: [String: (syntax: CollectionSyntax, modelName: String)] = [:]
    var principalName: String?
    /// The values of the principal's `role` enum, when it has one: role rules must name one.
    var principalRoles: [String]?
    /// Per collection, dotted paths of fields whose definitions had errors: a later mention of
    /// one (in an index or access rule) is not reported again as unknown.
    var brokenFields: [String: Set<String>] = [:]
    /// The collection whose fields are being resolved.
    var currentCollection = ""
    /// `_id` under `referenceColumns: idSuffix`: appended to the default column of a reference.
    var referenceColumnSuffix = ""

    init(files: [SchemaFileSyntax]) {
        // File order is schema order, whatever order the files were given in.
        self.files = files.sorted { $0.path < $1.path }
    }

    mutating func run() -> Schema {
        let enums = resolveSharedEnums()
        let declared = declareCollections()
        // A collection's own fields need only what is declared above (collection names, shared
        // enums, the principal), so the collections resolve on every core, each on a copy of
        // the resolver; what the copies found is gathered in schema order, as if one by one.
        let declaring = self
        let resolved = declared.concurrentMap { entry in
            var resolver = declaring
            resolver.diagnostics = DiagnosticCollector()
            return (collection: resolver.resolveCollection(entry.syntax, file: entry.file), resolver: resolver)
        }
        var collections: [Collection] = []
        for (collection, resolver) in resolved {
            collections.append(collection)
            resolver.diagnostics.diagnostics.forEach { diagnostics.append($0) }
            brokenFields[collection.name, default: []].formUnion(resolver.brokenFields[collection.name] ?? [])
        }
        if let last = resolved.last?.resolver {
            currentCollection = last.currentCollection
            referenceColumnSuffix = last.referenceColumnSuffix
        }
        // Indexes and access rules may point into other collections, so they come once every
        // collection's fields are known.
        let byName = Dictionary(collections.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        principalRoles = principalName.flatMap { byName[$0] }.flatMap(Self.roleValues)
        for index in collections.indices {
            let syntax = declared[index].syntax
            collections[index].indexes += resolveIndexes(syntax.indexes, in: collections[index])
            collections[index].access = resolveAccess(syntax.access, in: collections[index], all: byName)
            if let queue = syntax.queue {
                collections[index].queue = resolveQueue(queue, in: collections[index])
            }
        }
        // Field rules and scopes read other collections' fields and access rules.
        let withAccess = Dictionary(collections.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for index in collections.indices {
            resolveFieldRules(declared[index].syntax.fields, in: &collections[index], all: withAccess)
        }
        checkIndexNames(collections)
        checkJoinTableNames(collections)
        checkNativeEnumTypes(collections)
        return Schema(collections: collections, sharedEnums: enums)
    }

    // MARK: Shared enums

    private mutating func resolveSharedEnums() -> [EnumType] {
        var result: [EnumType] = []
        var seen: [String: SourceLocation] = [:]
        for file in files {
            for syntax in file.enums {
                let name = syntax.name
                guard let swiftName = checkTypeName(name.value, at: name.location, what: "enum") else { continue }
                if let first = seen[swiftName] {
                    diagnostics.error("duplicate enum '\(name.value)'", at: name.location,
                                      notes: [Diagnostic.Note("first defined here", at: first)])
                    continue
                }
                seen[swiftName] = name.location
                let cases = resolveCases(syntax.values, enumName: swiftName)
                let type = EnumType(swiftName: swiftName, qualifiedName: swiftName, isShared: true,
                                    description: syntax.description?.value, cases: cases, location: name.location)
                sharedEnums[name.value] = type
                result.append(type)
            }
        }
        return result
    }

    /// `projects` + `collaborators` → `projects_collaborators (project_id, collaborator_id)`.
    func joinTable(for fieldName: String, columnPrefix: String) -> JoinTable {
        let table = Naming.snakeCase(currentCollection)
        let owner = Naming.snakeCase(Naming.singular(currentCollection)) + "_id"
        var target = Naming.snakeCase(Naming.singular(fieldName)) + "_id"
        if target == owner { target = "linked_" + target }  // a self-relation named after itself
        return JoinTable(name: Naming.sqlName(table + "_" + columnPrefix + Naming.snakeCase(fieldName)),
                         ownerColumn: owner, targetColumn: target)
    }

    mutating func markBroken(_ path: [String]) {
        brokenFields[currentCollection, default: []].insert(path.joined(separator: "."))
    }

    /// Whether a path goes through a field whose definition had errors (already reported).
    func isBroken(_ path: [String], in collection: String) -> Bool {
        guard let broken = brokenFields[collection], !broken.isEmpty else { return false }
        return (1...path.count).contains { broken.contains(path.prefix($0).joined(separator: ".")) }
    }

    /// Checks a name used as a Swift type: it must already be a usable type name and not one
    /// Swift code needs. Returns it when usable.
    private mutating func checkTypeName(_ name: String, at location: SourceLocation, what: String) -> String? {
        guard Naming.isValidIdentifier(name), name.first?.isUppercase == true else {
            let suggestion = Naming.typeName(name)
            let hint = Naming.isValidIdentifier(suggestion) ? [Diagnostic.Note("did you mean '\(suggestion)'?")] : []
            diagnostics.error("'\(name)' cannot be a Swift type name for \(what): use letters and digits, starting with a capital",
                              at: location, notes: hint)
            return nil
        }
        if Naming.reservedTypeNames.contains(name) {
            diagnostics.error("type name '\(name)' of \(what) would hide Swift's own '\(name)'", at: location,
                              notes: [Diagnostic.Note("choose another name with 'model:'")])
            return nil
        }
        return name
    }

    private mutating func resolveCases(_ values: [EnumValueSyntax], enumName: String) -> [EnumCase] {
        var cases: [EnumCase] = []
        var seenValues: [String: SourceLocation] = [:]
        var seenCases: [String: (value: String, location: SourceLocation)] = [:]
        for value in values {
            if let first = seenValues[value.value.value] {
                diagnostics.error("duplicate value '\(value.value.value)' in enum \(enumName)", at: value.value.location,
                                  notes: [Diagnostic.Note("first defined here", at: first)])
                continue
            }
            seenValues[value.value.value] = value.value.location
            let caseName: String
            if let explicit = value.caseName {
                guard Naming.isValidIdentifier(explicit.value) else {
                    diagnostics.error("'\(explicit.value)' is not a valid Swift case name", at: explicit.location)
                    continue
                }
                caseName = explicit.value
            } else {
                caseName = Naming.memberName(value.value.value)
                guard Naming.isValidIdentifier(caseName) else {
                    diagnostics.error("enum value '\(value.value.value)' has no letters or digits to make a Swift case name from",
                                      at: value.value.location,
                                      notes: [Diagnostic.Note("name the case: { value: \"\(value.value.value)\", case: someName }")])
                    continue
                }
            }
            if Naming.reservedCaseNames.contains(caseName) {
                diagnostics.error("enum value '\(value.value.value)' would become case '\(caseName)', which Swift enums already have",
                                  at: value.value.location,
                                  notes: [Diagnostic.Note("name the case: { value: \"\(value.value.value)\", case: someName }")])
                continue
            }
            if let other = seenCases[caseName] {
                diagnostics.error("enum values '\(other.value)' and '\(value.value.value)' both become Swift case '\(caseName)'",
                                  at: value.value.location,
                                  notes: [Diagnostic.Note("'\(other.value)' is here", at: other.location),
                                          Diagnostic.Note("name one of the cases: { value: \"\(value.value.value)\", case: otherName }")])
                continue
            }
            seenCases[caseName] = (value.value.value, value.value.location)
            cases.append(EnumCase(value: value.value.value, swiftName: caseName, description: value.description?.value,
                                  renamedFrom: value.renamedFrom))
        }
        return cases
    }

    // MARK: Collections

    /// Checks collection names, model names and table names across files, and remembers them so
    /// references can be resolved in any order.
    private mutating func declareCollections() -> [(syntax: CollectionSyntax, file: SchemaFileSyntax)] {
        var declared: [(syntax: CollectionSyntax, file: SchemaFileSyntax)] = []
        var models: [String: SourceLocation] = [:]
        var tables: [String: (name: String, location: SourceLocation)] = [:]
        for file in files {
            guard let syntax = file.collection else { continue }
            let name = syntax.name
            guard Naming.isValidIdentifier(name.value) else {
                diagnostics.error("collection name '\(name.value)' must be letters, digits and '_', starting with a letter",
                                  at: name.location)
                continue
            }
            if let first = collectionSyntax[name.value] {
                diagnostics.error("duplicate collection '\(name.value)'", at: name.location,
                                  notes: [Diagnostic.Note("first defined here", at: first.syntax.name.location)])
                continue
            }
            let modelLocation = syntax.model?.location ?? name.location
            let modelName = syntax.model?.value ?? Naming.typeName(Naming.singular(name.value))
            // Register the collection even with a bad model name, so references to it don't cascade
            // into more errors.
            let usableModel = checkTypeName(modelName, at: modelLocation, what: "the model of collection '\(name.value)'") != nil
            if usableModel, let first = models[modelName] {
                diagnostics.error("model name '\(modelName)' is already used", at: modelLocation,
                                  notes: [Diagnostic.Note("first used here", at: first)])
                continue
            }
            if usableModel, let shared = sharedEnums.values.first(where: { $0.swiftName == modelName }) {
                diagnostics.error("model name '\(modelName)' is already the name of a shared enum", at: modelLocation,
                                  notes: [Diagnostic.Note("the enum is declared here", at: shared.location)])
                continue
            }
            let table = Naming.snakeCase(name.value)
            if table.utf8.count > Naming.sqlNameLimit {
                diagnostics.error("table name '\(table)' is longer than \(Naming.sqlNameLimit) bytes, which PostgreSQL would cut",
                                  at: name.location, notes: [Diagnostic.Note("choose a shorter collection name")])
            }
            if let other = tables[table] {
                diagnostics.error("collections '\(other.name)' and '\(name.value)' would both be table '\(table)'",
                                  at: name.location, notes: [Diagnostic.Note("'\(other.name)' is here", at: other.location)])
                continue
            }
            tables[table] = (name.value, name.location)
            models[modelName] = modelLocation
            collectionSyntax[name.value] = (syntax, modelName)
            declared.append((syntax, file))
            if syntax.principal?.value == true {
                if let existing = principalName, let first = collectionSyntax[existing] {
                    diagnostics.error("only one collection may be the principal", at: syntax.principal!.location,
                                      notes: [Diagnostic.Note("'\(existing)' already is", at: first.syntax.principal?.location)])
                } else {
                    principalName = name.value
                }
            }
        }
        return declared
    }

    /// The key type `id:` declares: `int64`, `int32` and `string` (alone or as `type:`), else a UUID.
    static func keyType(of syntax: CollectionSyntax) -> KeyType {
        switch syntax.id?.value {
        case "int64": return .int64
        case "int32": return .int32
        case "string": return .string
        default: return .uuid
        }
    }

    /// The key's column `id.column` declares, `id` without it (checked in `resolveCollection`).
    static func keyColumn(of syntax: CollectionSyntax) -> String {
        guard let column = syntax.idColumn?.value, !column.isEmpty, Naming.snakeCase(column) == column else { return "id" }
        return column
    }

    private mutating func resolveCollection(_ syntax: CollectionSyntax, file: SchemaFileSyntax) -> Collection {
        let name = syntax.name.value
        let modelName = collectionSyntax[name]?.modelName ?? name
        var idStrategy = Collection.IDStrategy.uuid
        let keyType = Self.keyType(of: syntax)
        if let id = syntax.id {
            if let strategy = Collection.IDStrategy(rawValue: id.value) {
                idStrategy = strategy
            } else if keyType == .uuid {
                diagnostics.error("unknown id type '\(id.value)'", at: id.location,
                                  notes: [Suggestions.didYouMean(id.value, in: ["uuid", "uuidv7", "int64", "int32", "string"])
                                      ?? Diagnostic.Note("expected uuid or uuidv7 (made by the application), int64, int32 or string (given by the caller)")])
            } else if keyType != .uuid, syntax.principal?.value == true {
                diagnostics.error("the principal collection '\(name)' needs a UUID key, not \(id.value)", at: id.location,
                                  notes: [Diagnostic.Note("access rules compare keys with the caller's id, a UUID (AccessContext.user(_:role:)); write 'id: uuid' or leave 'id' out")])
            }
        }
        var keyConstraints = Constraints()
        if keyType == .string {
            // A text key is never empty; 255 characters unless the schema says otherwise.
            keyConstraints.minLength = 1
            keyConstraints.maxLength = 255
            if let maxLength = syntax.idMaxLength {
                if (1...10_485_760).contains(maxLength.value) {
                    keyConstraints.maxLength = maxLength.value
                } else {
                    diagnostics.error("'id.maxLength' must be between 1 and 10485760, not \(maxLength.value)", at: maxLength.location)
                }
            }
        } else if let maxLength = syntax.idMaxLength {
            diagnostics.error("'maxLength' applies only to a text key", at: maxLength.location,
                              notes: [Diagnostic.Note("write 'id: { type: string, maxLength: \(maxLength.value) }', or remove it")])
        }
        if let generated = syntax.idGenerated, generated.value, !keyType.isInteger {
            diagnostics.error("'generated' applies only to an integer key, not \(syntax.id?.value ?? "uuid")", at: generated.location,
                              notes: [Diagnostic.Note(keyType == .uuid
                                  ? "UUID keys are made by the application before insert; write 'id: { type: int64, generated: true }' for keys the database numbers, or remove 'generated'"
                                  : "text keys are given by the caller; write 'id: { type: int64, generated: true }' for keys the database numbers, or remove 'generated'")])
        }
        if let column = syntax.idColumn, column.value.isEmpty || Naming.snakeCase(column.value) != column.value {
            diagnostics.error("key column name '\(column.value)' must be snake_case letters and digits", at: column.location,
                              notes: [Diagnostic.Note(column.value.isEmpty ? "write the column's name, or remove 'column'" : "did you mean '\(Naming.snakeCase(column.value))'?")])
        }
        let hasTimestamps = syntax.timestamps?.value ?? true
        // Which timestamps, and whether each is required: both and required unless a mapping says.
        var timestampFields: [(name: String, role: Field.Role, text: String, isRequired: Bool)] = []
        if hasTimestamps {
            for (fieldName, role, text) in [("createdAt", Field.Role.createdAt, "When the record was created."),
                                             ("updatedAt", .updatedAt, "When the record was last changed.")] {
                guard let parts = syntax.timestampFields else {
                    timestampFields.append((fieldName, role, text, true))
                    continue
                }
                switch parts[fieldName]?.value {
                case "true": timestampFields.append((fieldName, role, text, true))
                case "nullable": timestampFields.append((fieldName, role, text, false))
                case "false", nil: break
                case let other?:
                    diagnostics.error("'timestamps.\(fieldName)' must be true, false or nullable, not '\(other)'",
                                      at: parts[fieldName]!.location,
                                      notes: [Suggestions.didYouMean(other, in: ["true", "false", "nullable"])
                                          ?? Diagnostic.Note("nullable: the column may be NULL (rows written before it existed); the repositories still set it")])
                }
            }
        }
        referenceColumnSuffix = ""
        if let convention = syntax.referenceColumns {
            switch convention.value {
            case "name": break
            case "idSuffix": referenceColumnSuffix = "_id"
            default:
                diagnostics.error("unknown reference column convention '\(convention.value)'", at: convention.location,
                                  notes: [Suggestions.didYouMean(convention.value, in: ["name", "idSuffix"])
                                      ?? Diagnostic.Note("expected 'name' (the column is the field's name) or 'idSuffix' (its name and _id)")])
            }
        }
        currentCollection = name
        brokenFields[name, default: []].formUnion(syntax.brokenFieldPaths)
        var scope = TypeScope(qualifiedName: modelName)
        let location = syntax.name.location
        var fields = [Field(name: "id", path: ["id"], swiftName: "id", columnName: Self.keyColumn(of: syntax),
                            description: "The record's unique identifier.", type: .identifier(keyType), role: .primaryKey,
                            isRequired: true, constraints: keyConstraints, isSensitive: false, isUnique: false,
                            location: syntax.idColumn?.location ?? location)]
        let hasSoftDelete = syntax.softDelete?.value ?? false
        var implicitNames = ["id"]
        implicitNames += timestampFields.map(\.name)
        if hasSoftDelete { implicitNames.append("deletedAt") }
        let version = versionFieldName(syntax.version, implicitNames: implicitNames)
        if let version { implicitNames.append(version) }
        for field in syntax.fields where implicitNames.contains(field.name.value) {
            let why = field.name.value == "id" ? "every record has an 'id'"
                : field.name.value == version ? "'version: \(syntax.version!.value)' adds it (or give the version field another name: 'version: revision')"
                : field.name.value == "deletedAt" ? "'softDelete: true' adds it" : "'timestamps: true' adds it"
            diagnostics.error("field '\(field.name.value)' is declared by schemagen", at: field.name.location,
                              notes: [Diagnostic.Note("remove it: \(why)", at: field.name.value == version ? syntax.version!.location : nil)])
        }
        let declared = syntax.fields.filter { !implicitNames.contains($0.name.value) }
        fields += resolveFields(declared, parentPath: [], columnPrefix: "", scope: &scope, inArray: false,
                                reserved: Set(implicitNames))
        for (fieldName, role, text, isRequired) in timestampFields {
            fields.append(Field(name: fieldName, path: [fieldName], swiftName: fieldName,
                                columnName: Naming.snakeCase(fieldName), description: text, type: .datetime,
                                role: role, isRequired: isRequired, defaultValue: .now, constraints: Constraints(),
                                isSensitive: false, isUnique: false, location: location))
        }
        if hasSoftDelete {
            fields.append(Field(name: "deletedAt", path: ["deletedAt"], swiftName: "deletedAt", columnName: "deleted_at",
                                description: "When the record was deleted; nil while it is not.", type: .datetime,
                                role: .deletedAt, isRequired: false, constraints: Constraints(), isSensitive: false,
                                isUnique: false, location: syntax.softDelete!.location))
        }
        if let version, let location = syntax.version?.location {
            fields.append(Field(name: version, path: [version], swiftName: version, columnName: Naming.snakeCase(version),
                                description: "How many times the record was written: every update must carry the stored value, and bumps it.",
                                type: .int, role: .version, isRequired: true, defaultValue: .int(1),
                                constraints: Constraints(), isSensitive: false, isUnique: false, location: location))
        }
        var collection = Collection(name: name, modelName: modelName, tableName: Naming.snakeCase(name),
                                    description: syntax.description?.value, idStrategy: idStrategy,
                                    hasTimestamps: !timestampFields.isEmpty, hasSoftDelete: hasSoftDelete,
                                    isPrincipal: syntax.principal?.value == true,
                                    fields: fields, indexes: [],
                                    access: AccessPolicy(rules: [:], isDeclared: false),
                                    sourcePath: file.path, location: location)
        collection.renamedFrom = syntax.renamedFrom
        collection.keyIsGenerated = keyType.isInteger && syntax.idGenerated?.value == true
        checkColumns(collection)
        // `unique: true` on a field is a one-field unique index.
        for field in allFields(collection.fields) where field.isUnique {
            collection.indexes.append(Index(name: Naming.sqlName("\(collection.tableName)_\(field.columnName ?? field.swiftName)_key"),
                                            kind: .standard, isUnique: true, keys: [Index.Key(field: field, descending: false)],
                                            conditions: [], description: nil, location: field.location))
        }
        return collection
    }

    /// The name of the field `version:` adds: `true` names it `version`, a name names it so;
    /// nil for `false`, for no key and for a value that is neither (reported).
    private mutating func versionFieldName(_ syntax: Located<String>?, implicitNames: [String]) -> String? {
        guard let syntax else { return nil }
        switch syntax.value {
        case "true": return "version"
        case "false": return nil
        default: break
        }
        let name = syntax.value
        let isName = name.first.map { $0.isASCII && $0.isLetter && $0.isLowercase } == true
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        guard isName else {
            diagnostics.error("'version' must be true, false or the name of the version field, not '\(name)'", at: syntax.location,
                              notes: [Diagnostic.Note("write 'version: true' (an int field 'version') or a lowerCamelCase name such as 'version: revision'")])
            return nil
        }
        guard !implicitNames.contains(name) else {
            diagnostics.error("the version field can't be named '\(name)': schemagen declares that field already", at: syntax.location,
                              notes: [Diagnostic.Note("choose another name, such as 'version: revision'")])
            return nil
        }
        return name
    }

    /// Every field, nested object fields included (not array elements).
    func allFields(_ fields: [Field]) -> [Field] { Field.flattened(fields) }

    /// A join table must not take the name of a collection's table or of another join table.
    private mutating func checkJoinTableNames(_ collections: [Collection]) {
        var tables: [String: String] = Dictionary(collections.map { ($0.tableName, "collection '\($0.name)'") },
                                                  uniquingKeysWith: { first, _ in first })
        for collection in collections {
            for field in allFields(collection.fields) {
                guard case .references(let reference) = field.type, let join = reference.joinTable else { continue }
                if let other = tables[join.name] {
                    diagnostics.error("the join table of '\(collection.name).\(field.dottedPath)' would be '\(join.name)', the table of \(other)",
                                      at: field.location, notes: [Diagnostic.Note("rename the field or the collection")])
                    continue
                }
                tables[join.name] = "field '\(collection.name).\(field.dottedPath)'"
            }
        }
    }

    /// A native enum type (`storage: enum`) shares PostgreSQL's namespace of types with the
    /// tables (each table is also a type): its name must be none of theirs.
    private mutating func checkNativeEnumTypes(_ collections: [Collection]) {
        var tables: [String: String] = [:]
        for collection in collections {
            tables[collection.tableName] = "the table of collection '\(collection.name)'"
            for field in allFields(collection.fields) {
                guard case .references(let reference) = field.type, let join = reference.joinTable else { continue }
                tables[join.name] = "the join table of '\(collection.name).\(field.dottedPath)'"
            }
        }
        for collection in collections {
            for field in allFields(collection.fields) {
                guard let type = field.nativeEnumType, let other = tables[type] else { continue }
                diagnostics.error("the PostgreSQL enum type of '\(collection.name).\(field.dottedPath)' would be '\(type)', the name of \(other)",
                                  at: field.location,
                                  notes: [Diagnostic.Note("rename the enum with 'model:' or the collection, or leave out 'storage: enum'")])
            }
        }
    }

    /// Two fields whose columns would be the same name, after snake-casing and prefixing.
    private mutating func checkColumns(_ collection: Collection) {
        var columns: [String: Field] = [:]
        for field in allFields(collection.fields) {
            guard let column = field.columnName else { continue }
            if column.utf8.count > Naming.sqlNameLimit {
                diagnostics.error("column name '\(column)' of '\(field.dottedPath)' is longer than \(Naming.sqlNameLimit) bytes, which PostgreSQL would cut",
                                  at: field.location, notes: [Diagnostic.Note("set a shorter 'column:'")])
            }
            if let other = columns[column] {
                diagnostics.error("fields '\(other.dottedPath)' and '\(field.dottedPath)' would both be column '\(column)' of table '\(collection.tableName)'",
                                  at: field.location,
                                  notes: [Diagnostic.Note("'\(other.dottedPath)' is here", at: other.location),
                                          Diagnostic.Note("rename one, or set 'column:'")])
                continue
            }
            columns[column] = field
        }
    }

    // MARK: Fields

    /// Names already taken in one Swift type: its properties and its nested types.
    struct TypeScope {
        var qualifiedName: String
        var members: [String: (name: String, location: SourceLocation)] = [:]
        var nestedTypes: [String: (name: String, location: SourceLocation)] = [:]
    }

    private mutating func resolveFields(_ syntax: [FieldSyntax], parentPath: [String], columnPrefix: String,
                                        scope: inout TypeScope, inArray: Bool, reserved: Set<String> = []) -> [Field] {
        var fields: [Field] = []
        for field in syntax {
            let name = field.name
            let swiftName = Naming.memberName(name.value)
            guard Naming.isValidIdentifier(swiftName) else {
                diagnostics.error("field name '\(name.value)' has no letters or digits to make a Swift property from",
                                  at: name.location)
                markBroken(parentPath + [name.value])
                continue
            }
            if reserved.contains(swiftName), !reserved.contains(name.value) {
                diagnostics.error("field '\(name.value)' would become property '\(swiftName)', which schemagen declares",
                                  at: name.location)
                markBroken(parentPath + [name.value])
                continue
            }
            if let other = scope.members[swiftName] {
                diagnostics.error("fields '\(other.name)' and '\(name.value)' would both be Swift property '\(swiftName)' of \(scope.qualifiedName)",
                                  at: name.location, notes: [Diagnostic.Note("'\(other.name)' is here", at: other.location)])
                markBroken(parentPath + [name.value])
                continue
            }
            scope.members[swiftName] = (name.value, name.location)
            if let resolved = resolveField(field, swiftName: swiftName, parentPath: parentPath, columnPrefix: columnPrefix,
                                           scope: &scope, inArray: inArray) {
                fields.append(resolved)
            } else {
                markBroken(parentPath + [name.value])
            }
        }
        return fields
    }

    private mutating func resolveField(_ syntax: FieldSyntax, swiftName: String, parentPath: [String], columnPrefix: String,
                                       scope: inout TypeScope, inArray: Bool) -> Field? {
        let path = parentPath + [syntax.name.value]
        let what = "field '\(path.joined(separator: "."))'"
        guard let type = resolveType(syntax, what: what, scope: &scope, path: path, columnPrefix: columnPrefix,
                                     inArray: inArray) else { return nil }
        let isRequired = syntax.required?.value ?? false
        if case .references = type, let required = syntax.required {
            diagnostics.error("'required' does not apply to \(what) of type refs: it is never null, and no links is an empty list",
                              at: required.location, notes: [Diagnostic.Note("to demand at least one link, use 'minItems: 1'")])
        }
        let constraints = resolveConstraints(syntax, type: type, what: what)

        // Which column, if any: objects spread into prefixed columns, `refs` into a join table,
        // and anything inside an array lives in the array's JSON.
        var columnName: String?
        switch type {
        case .object, .references: columnName = nil
        case .reference: columnName = inArray ? nil : columnPrefix + Naming.snakeCase(syntax.name.value) + referenceColumnSuffix
        default: columnName = inArray ? nil : columnPrefix + Naming.snakeCase(syntax.name.value)
        }
        if let column = syntax.column {
            if columnName == nil {
                diagnostics.error("'column' does not apply to \(what): it has no column of its own", at: column.location)
            } else if Naming.snakeCase(column.value) != column.value || column.value.isEmpty {
                diagnostics.error("column name '\(column.value)' must be snake_case letters and digits", at: column.location,
                                  notes: [Diagnostic.Note("did you mean '\(Naming.snakeCase(column.value))'?")])
            } else {
                columnName = column.value
            }
        }

        var defaultValue: DefaultValue?
        if let value = syntax.defaultValue {
            defaultValue = convertDefault(value, type: type, constraints: constraints, what: what)
        }
        if syntax.unique?.value == true {
            let indexable: Bool
            switch type {
            case .string, .text, .int, .int16, .int32, .int64, .double, .decimal, .bool, .datetime, .timestamp, .date, .uuid,
                 .email, .url, .enumeration, .reference: indexable = !inArray
            default: indexable = false
            }
            if !indexable {
                diagnostics.error("'unique' does not apply to \(what) of type \(type.schemaName)", at: syntax.unique!.location,
                                  notes: [Diagnostic.Note("unique applies to single values outside arrays")])
            }
        }
        let storage = resolveStorage(syntax, type: type, constraints: constraints, what: what, hasColumn: columnName != nil)
        let isVarchar = storage == .varchar
        var isImmutable = false
        if let immutable = syntax.immutable {
            if columnName == nil {
                diagnostics.error("'immutable' does not apply to \(what): it has no column of its own", at: immutable.location,
                                  notes: [Diagnostic.Note("mark the fields of an object, not the object; a refs field changes through its links")])
            } else {
                isImmutable = immutable.value
            }
        }
        if case .reference(var reference) = type, !inArray {
            // A required reference can't be cleared when its target goes.
            if let rule = syntax.onDelete, rule.value == "setNull", isRequired {
                diagnostics.error("'onDelete: setNull' cannot clear required \(what)", at: rule.location,
                                  notes: [Diagnostic.Note("use 'cascade' or 'restrict', or make the field optional")])
            }
            if reference.onDelete == nil { reference.onDelete = isRequired ? .restrict : .setNull }
            if isImmutable, reference.onDelete == .setNull, let immutable = syntax.immutable {
                diagnostics.error("immutable \(what) would have to change when its target is deleted ('onDelete: setNull')",
                                  at: immutable.location, notes: [Diagnostic.Note("use 'onDelete: cascade' or 'onDelete: restrict'")])
            }
            var field = Field(name: syntax.name.value, path: path, swiftName: swiftName, columnName: columnName,
                         description: syntax.description?.value, type: .reference(reference), role: .declared,
                         isRequired: isRequired, defaultValue: defaultValue, constraints: constraints,
                         isSensitive: syntax.sensitive?.value ?? false, isUnique: syntax.unique?.value ?? false,
                         location: syntax.name.location)
            field.isImmutable = isImmutable
            field.renamedFrom = syntax.renamedFrom
            return field
        }
        var field = Field(name: syntax.name.value, path: path, swiftName: swiftName, columnName: columnName,
                     description: syntax.description?.value, type: type, role: .declared, isRequired: isRequired,
                     defaultValue: defaultValue, constraints: constraints,
                     isSensitive: syntax.sensitive?.value ?? false, isUnique: syntax.unique?.value ?? false,
                     location: syntax.name.location)
        field.isImmutable = isImmutable
        field.isVarchar = isVarchar
        if storage == .enumeration, case .enumeration(let enumType) = type { field.nativeEnumType = Self.nativeEnumTypeName(enumType) }
        if storage == .array, case .array(let element) = type { field.nativeArrayElement = Self.nativeArrayElement(element.type) }
        field.renamedFrom = syntax.renamedFrom
        return field
    }

    /// A field's `storage:` option.
    enum StorageOption: String, CaseIterable {
        case varchar
        case enumeration = "enum"
        case array
    }

    /// `storage: varchar` on a string-like field with a column and a `maxLength`; `storage: enum`
    /// on an enum field with a column.
    private mutating func resolveStorage(_ syntax: FieldSyntax, type: FieldType, constraints: Constraints, what: String,
                                         hasColumn: Bool) -> StorageOption? {
        guard let storage = syntax.storage else { return nil }
        let options = StorageOption.allCases.map(\.rawValue)
        guard let option = StorageOption(rawValue: storage.value) else {
            diagnostics.error("unknown storage '\(storage.value)' for \(what)", at: storage.location,
                              notes: [Suggestions.didYouMean(storage.value, in: options)
                                  ?? Diagnostic.Note("the storage options are \(options.map { "'\($0)'" }.joined(separator: ", "))")])
            return nil
        }
        switch option {
        case .varchar:
            guard type.isStringLike, hasColumn else {
                diagnostics.error("'storage: varchar' does not apply to \(what) of type \(type.schemaName)", at: storage.location,
                                  notes: [Diagnostic.Note("it applies to string, text, email and url fields with a column")])
                return nil
            }
            guard constraints.maxLength != nil else {
                diagnostics.error("'storage: varchar' needs 'maxLength' on \(what): it is the n of varchar(n)", at: storage.location)
                return nil
            }
        case .enumeration:
            guard case .enumeration = type, hasColumn else {
                diagnostics.error("'storage: enum' does not apply to \(what) of type \(type.schemaName)\(hasColumn ? "" : " inside an array")",
                                  at: storage.location,
                                  notes: [Diagnostic.Note("it applies to enum fields with a column of their own (not to an array's items, which are JSON)")])
                return nil
            }
        case .array:
            guard case .array(let element) = type, hasColumn else {
                diagnostics.error("'storage: array' does not apply to \(what) of type \(type.schemaName)\(hasColumn ? "" : " inside an array")",
                                  at: storage.location,
                                  notes: [Diagnostic.Note("it applies to a list of scalars with a column of its own, such as 'string[]', 'int[]', 'uuid[]' or an enum's list")])
                return nil
            }
            guard Self.nativeArrayElement(element.type) != nil else {
                diagnostics.error("'storage: array' does not apply to \(what): its items are of type \(element.type.schemaName)",
                                  at: storage.location,
                                  notes: [Diagnostic.Note("a native array holds strings (string, text, email, url, enum), integers (int, int16, int32, int64), uuids or bools; lists of objects, lists and other types stay JSON")])
                return nil
            }
        }
        return option
    }

    /// The PostgreSQL element type of a native array (`storage: array`) of `type`; nil for the
    /// types that stay JSON (objects, lists, numbers and times whose JSON form an array would
    /// not give back exactly).
    static func nativeArrayElement(_ type: FieldType) -> String? {
        switch type {
        case .string, .text, .email, .url, .enumeration: return "text"
        case .int, .int64: return "bigint"
        case .int32: return "integer"
        case .int16: return "smallint"
        case .uuid: return "uuid"
        case .bool: return "boolean"
        default: return nil
        }
    }

    /// The PostgreSQL type of an enum with `storage: enum`: its qualified Swift name in snake
    /// case (`Ticket.Status` → `ticket_status`, a shared `Priority` → `priority`).
    static func nativeEnumTypeName(_ enumType: EnumType) -> String {
        Naming.sqlName(enumType.qualifiedName.split(separator: ".").map { Naming.snakeCase(String($0)) }.joined(separator: "_"))
    }

    /// The type of a field or array element, with its nested types declared in `scope`.
    private mutating func resolveType(_ syntax: FieldSyntax, what: String, scope: inout TypeScope, path: [String],
                                      columnPrefix: String, inArray: Bool) -> FieldType? {
        let typeName = syntax.type
        func reject(_ key: String, _ location: SourceLocation?) {
            guard let location else { return }
            diagnostics.error("'\(key)' does not apply to \(what) of type \(typeName.value)", at: location)
        }
        let isEnum = typeName.value == "enum", isObject = typeName.value == "object", isArray = typeName.value == "array"
        let isRef = typeName.value == "ref" || typeName.value == "refs"
        if !isEnum {
            reject("values", syntax.values?.first?.value.location)
            reject("enum", syntax.enumName?.location)
        }
        if !isObject { reject("fields", syntax.fields.map { _ in syntax.name.location }) }
        if !isArray { reject("items", syntax.items?.name.location) }
        if !isRef { reject("to", syntax.to?.location) }
        if typeName.value != "ref" || inArray { reject("onDelete", syntax.onDelete?.location) }
        if typeName.value != "vector" { reject("dimensions", syntax.dimensions?.location) }
        if typeName.value != "decimal" {
            reject("precision", syntax.precision?.location)
            reject("scale", syntax.scale?.location)
        }
        if !(isEnum || isObject || (isArray && syntax.items.map { ["object", "enum"].contains($0.type.value) } == true)) {
            reject("model", syntax.model?.location)
        }

        switch typeName.value {
        case "string": return .string
        case "text": return .text
        case "int": return .int
        case "int16": return .int16
        case "int32": return .int32
        case "int64": return .int64
        case "double": return .double
        case "decimal": return resolveDecimal(syntax, what: what)
        case "bool": return .bool
        case "datetime": return .datetime
        case "timestamp": return .timestamp
        case "date": return .date
        case "bytes": return .bytes
        case "uuid": return .uuid
        case "email": return .email
        case "url": return .url
        case "json": return .json
        case "enum":
            return resolveEnumType(syntax, what: what, scope: &scope)
        case "object":
            guard let fieldSyntax = syntax.fields else {
                diagnostics.error("\(what) of type object needs 'fields'", at: typeName.location)
                return nil
            }
            let typeLocation = syntax.model?.location ?? syntax.name.location
            let swiftName = syntax.model?.value ?? Naming.typeName(inArray ? Naming.singular(syntax.name.value) : syntax.name.value)
            guard declareNestedType(swiftName, at: typeLocation, in: &scope, what: what) else { return nil }
            var inner = TypeScope(qualifiedName: scope.qualifiedName + "." + swiftName)
            let prefix = columnPrefix + Naming.snakeCase(syntax.name.value) + "_"
            let fields = resolveFields(fieldSyntax, parentPath: path, columnPrefix: prefix, scope: &inner, inArray: inArray)
            return .object(ObjectType(swiftName: swiftName, qualifiedName: inner.qualifiedName,
                                      description: syntax.description?.value, fields: fields))
        case "array":
            guard var item = syntax.items else {
                diagnostics.error("\(what) of type array needs 'items' (or write the type as 'string[]')", at: typeName.location)
                return nil
            }
            if item.model == nil, let model = syntax.model { item.model = model }
            guard let elementType = resolveType(item, what: "the items of \(what)", scope: &scope, path: path,
                                                columnPrefix: columnPrefix, inArray: true) else { return nil }
            let constraints = resolveConstraints(item, type: elementType, what: "the items of \(what)")
            return .array(ArrayElement(type: elementType, constraints: constraints))
        case "ref", "refs":
            guard let to = syntax.to else {
                diagnostics.error("\(what) of type \(typeName.value) needs 'to' (the referenced collection)", at: typeName.location)
                return nil
            }
            guard let target = collectionSyntax[to.value] else {
                let hint = Suggestions.didYouMean(to.value, in: collectionSyntax.keys.sorted())
                diagnostics.error("\(what) refers to unknown collection '\(to.value)'", at: to.location,
                                  notes: hint.map { [$0] } ?? [Diagnostic.Note("known collections: \(collectionSyntax.keys.sorted().joined(separator: ", "))")])
                return nil
            }
            var onDelete: Reference.DeleteRule?
            if let rule = syntax.onDelete, typeName.value == "ref", !inArray {
                onDelete = Reference.DeleteRule(rawValue: rule.value)
                if onDelete == nil {
                    diagnostics.error("unknown onDelete rule '\(rule.value)'", at: rule.location,
                                      notes: [Suggestions.didYouMean(rule.value, in: ["restrict", "noAction", "cascade", "setNull"])
                                          ?? Diagnostic.Note("expected restrict, noAction, cascade or setNull")])
                }
            }
            var reference = Reference(target: to.value, targetModel: target.modelName,
                                      targetTable: Naming.snakeCase(to.value), targetKey: Self.keyType(of: target.syntax),
                                      targetKeyColumn: Self.keyColumn(of: target.syntax), onDelete: onDelete)
            if typeName.value == "refs", !inArray {
                reference.joinTable = joinTable(for: syntax.name.value, columnPrefix: columnPrefix)
            }
            return typeName.value == "ref" ? .reference(reference) : .references(reference)
        case "vector":
            guard let dimensions = syntax.dimensions else {
                diagnostics.error("\(what) of type vector needs 'dimensions'", at: typeName.location)
                return nil
            }
            guard (1...16000).contains(dimensions.value) else {
                diagnostics.error("'dimensions' must be between 1 and 16000, not \(dimensions.value)", at: dimensions.location)
                return nil
            }
            return .vector(dimensions: dimensions.value)
        default:
            let hint = Suggestions.didYouMean(typeName.value, in: fieldTypeNames)
            diagnostics.error("unknown type '\(typeName.value)' for \(what)", at: typeName.location,
                              notes: hint.map { [$0] } ?? [Diagnostic.Note("known types: \(fieldTypeNames.joined(separator: ", "))")])
            return nil
        }
    }

    /// `decimal` with `precision` (1 to 38 digits: what Swift's Decimal holds exactly) and
    /// `scale` (digits after the point, 0 by default, at most `precision`).
    private mutating func resolveDecimal(_ syntax: FieldSyntax, what: String) -> FieldType? {
        guard let precision = syntax.precision else {
            diagnostics.error("\(what) of type decimal needs 'precision' (the number of digits)", at: syntax.type.location,
                              notes: [Diagnostic.Note("for example 'precision: 12' and 'scale: 2' for amounts up to 9999999999.99")])
            return nil
        }
        guard (1...38).contains(precision.value) else {
            diagnostics.error("'precision' must be between 1 and 38, not \(precision.value)", at: precision.location,
                              notes: [Diagnostic.Note("Swift's Decimal holds 38 digits exactly")])
            return nil
        }
        let scale = syntax.scale?.value ?? 0
        guard (0...precision.value).contains(scale) else {
            diagnostics.error("'scale' must be between 0 and 'precision' (\(precision.value)), not \(scale)",
                              at: syntax.scale?.location ?? precision.location)
            return nil
        }
        return .decimal(precision: precision.value, scale: scale)
    }

    private mutating func resolveEnumType(_ syntax: FieldSyntax, what: String, scope: inout TypeScope) -> FieldType? {
        switch (syntax.values, syntax.enumName) {
        case (nil, nil):
            diagnostics.error("\(what) of type enum needs 'values' or 'enum' (a shared enum's name)", at: syntax.type.location)
            return nil
        case (.some, .some(let shared)):
            diagnostics.error("\(what) has both 'values' and 'enum': use one", at: shared.location)
            return nil
        case (nil, .some(let shared)):
            if let model = syntax.model {
                diagnostics.error("'model' does not apply to a shared enum: it already has a name", at: model.location)
            }
            guard let type = sharedEnums[shared.value] else {
                diagnostics.error("unknown enum '\(shared.value)'", at: shared.location,
                                  notes: Suggestions.didYouMean(shared.value, in: sharedEnums.keys.sorted()).map { [$0] }
                                      ?? [Diagnostic.Note("declare it under 'enums:' in any schema file")])
                return nil
            }
            return .enumeration(type)
        case (.some(let values), nil):
            let typeLocation = syntax.model?.location ?? syntax.name.location
            let swiftName = syntax.model?.value ?? Naming.typeName(syntax.isArrayItem ? Naming.singular(syntax.name.value) : syntax.name.value)
            guard declareNestedType(swiftName, at: typeLocation, in: &scope, what: what) else { return nil }
            let cases = resolveCases(values, enumName: scope.qualifiedName + "." + swiftName)
            return .enumeration(EnumType(swiftName: swiftName, qualifiedName: scope.qualifiedName + "." + swiftName,
                                         isShared: false, description: syntax.description?.value, cases: cases,
                                         location: typeLocation))
        }
    }

    private mutating func declareNestedType(_ name: String, at location: SourceLocation, in scope: inout TypeScope,
                                            what: String) -> Bool {
        guard checkTypeName(name, at: location, what: what) != nil else { return false }
        if let other = scope.nestedTypes[name] {
            diagnostics.error("\(what) and field '\(other.name)' would both declare type \(scope.qualifiedName).\(name)",
                              at: location, notes: [Diagnostic.Note("'\(other.name)' is here", at: other.location),
                                                    Diagnostic.Note("name one of the types with 'model:'")])
            return false
        }
        if let shared = sharedEnums.values.first(where: { $0.swiftName == name }) {
            diagnostics.error("\(what) would declare type \(scope.qualifiedName).\(name), hiding the shared enum \(name)",
                              at: location, notes: [Diagnostic.Note("the enum is declared here", at: shared.location),
                                                    Diagnostic.Note("use 'enum: \(name)', or name the type with 'model:'")])
            return false
        }
        scope.nestedTypes[name] = (what, location)
        return true
    }

    // MARK: Constraints

    private mutating func resolveConstraints(_ syntax: FieldSyntax, type: FieldType, what: String) -> Constraints {
        var constraints = Constraints()
        func applies(_ key: String, _ located: SourceLocation?, _ condition: Bool, _ kinds: String) -> Bool {
            guard let located else { return false }
            if !condition {
                diagnostics.error("'\(key)' does not apply to \(what) of type \(type.schemaName)", at: located,
                                  notes: [Diagnostic.Note("'\(key)' applies to \(kinds)")])
                return false
            }
            return true
        }
        let isInt = type.isInteger
        for (key, bound) in [("min", syntax.min), ("max", syntax.max)] {
            guard let bound, applies(key, bound.location, type.isNumeric, "int, int16, int32, int64 and double fields") else { continue }
            if isInt && bound.value.rounded() != bound.value {
                diagnostics.error("'\(key)' of \(type.schemaName) \(what) must be a whole number", at: bound.location)
                continue
            }
            if let range = type.integerRange, !range.contains(bound.value) {
                diagnostics.error("'\(key)' (\(format(bound.value))) of \(what) is outside what \(type.schemaName) holds",
                                  at: bound.location,
                                  notes: [Diagnostic.Note("\(type.schemaName) holds \(format(range.lowerBound)) to \(format(range.upperBound))")])
                continue
            }
            if key == "min" { constraints.min = bound.value } else { constraints.max = bound.value }
        }
        // Only bounds that apply: a bound rejected above has its own error.
        if let min = syntax.min, let max = syntax.max, constraints.min != nil, constraints.max != nil, min.value > max.value {
            diagnostics.error("'min' (\(format(min.value))) is greater than 'max' (\(format(max.value))) for \(what)", at: min.location,
                              notes: [Diagnostic.Note("'max' is here", at: max.location)])
        }
        for (key, bound) in [("minLength", syntax.minLength), ("maxLength", syntax.maxLength)] {
            guard let bound, applies(key, bound.location, type.isStringLike, "string, text, email and url fields") else { continue }
            if bound.value < 0 {
                diagnostics.error("'\(key)' must not be negative", at: bound.location)
                continue
            }
            if key == "minLength" { constraints.minLength = bound.value } else { constraints.maxLength = bound.value }
        }
        if let min = syntax.minLength, let max = syntax.maxLength, constraints.minLength != nil, constraints.maxLength != nil, min.value > max.value {
            diagnostics.error("'minLength' (\(min.value)) is greater than 'maxLength' (\(max.value)) for \(what)", at: min.location,
                              notes: [Diagnostic.Note("'maxLength' is here", at: max.location)])
        }
        if let pattern = syntax.pattern, applies("pattern", pattern.location, {
            if case .string = type { return true }
            if case .text = type { return true }
            return false
        }(), "string and text fields") {
            if let problem = PatternSubset.check(pattern.value) {
                // Outside what both Swift and PostgreSQL accept and read alike (PatternSubset.swift).
                diagnostics.error("'pattern' of \(what): \(problem.message) (at character \(problem.offset + 1))",
                                  at: pattern.location, notes: [Diagnostic.Note(problem.hint)])
            } else if ValidationPattern(checking: pattern.value) != nil {
                constraints.pattern = pattern.value
            } else {
                diagnostics.error("'pattern' of \(what) is not a valid regular expression", at: pattern.location)
            }
        }
        let isCollection: Bool = {
            switch type {
            case .array, .references: return true
            default: return false
            }
        }()
        for (key, bound) in [("minItems", syntax.minItems), ("maxItems", syntax.maxItems)] {
            guard let bound, applies(key, bound.location, isCollection, "array and refs fields") else { continue }
            if bound.value < 0 {
                diagnostics.error("'\(key)' must not be negative", at: bound.location)
                continue
            }
            if key == "minItems" { constraints.minItems = bound.value } else { constraints.maxItems = bound.value }
        }
        if let min = syntax.minItems, let max = syntax.maxItems, constraints.minItems != nil, constraints.maxItems != nil, min.value > max.value {
            diagnostics.error("'minItems' (\(min.value)) is greater than 'maxItems' (\(max.value)) for \(what)", at: min.location,
                              notes: [Diagnostic.Note("'maxItems' is here", at: max.location)])
        }
        return constraints
    }

    // MARK: Defaults

    /// Converts a default (or, with `noun: "value"`, a partial index's value) to the field's type,
    /// reporting a value the field itself would reject.
    mutating func convertDefault(_ value: SyntaxValue, type: FieldType, constraints: Constraints, what: String,
                                 noun: String = "default") -> DefaultValue? {
        let location = value.location
        func scalar() -> (text: String, isPlain: Bool)? {
            if case .scalar(let text, let isPlain, _) = value { return (text, isPlain) }
            diagnostics.error("the \(noun) of \(what) must be a single value", at: location)
            return nil
        }
        /// `"3"` for an int: the quotes made it a string.
        func quoted(_ isPlain: Bool) -> [Diagnostic.Note] {
            isPlain ? [] : [Diagnostic.Note("remove the quotes: a quoted value is a string")]
        }
        let isJSON: Bool = { if case .json = type { return true } else { return false } }()
        if value.isNull, !isJSON {
            diagnostics.error("the \(noun) of \(what) is null", at: location,
                              notes: [Diagnostic.Note(noun == "default" ? "leave 'default' out for no default" : "test for null with { isNull: true }")])
            return nil
        }
        switch type {
        case .string, .text, .email, .url:
            guard let (text, _) = scalar() else { return nil }
            let problems = FormatRules.problems(with: text, type: type, constraints: constraints)
            if let problem = problems.first {
                diagnostics.error("\(noun) '\(text)' of \(what) \(problem)", at: location)
                return nil
            }
            return .string(text)
        case .int, .int16, .int32, .int64:
            guard let (text, isPlain) = scalar() else { return nil }
            guard isPlain, let number = Int(text) else {
                diagnostics.error("\(noun) '\(text)' of \(what) is not a whole number", at: location, notes: quoted(isPlain))
                return nil
            }
            if let range = type.integerRange, !range.contains(Double(number)) {
                diagnostics.error("\(noun) \(number) of \(what) is outside what \(type.schemaName) holds", at: location)
                return nil
            }
            guard checkRange(Double(number), constraints, what: what, at: location) else { return nil }
            return .int(number)
        case .double:
            guard let (text, isPlain) = scalar() else { return nil }
            guard isPlain, let number = Double(text), number.isFinite else {
                diagnostics.error("\(noun) '\(text)' of \(what) is not a number", at: location, notes: quoted(isPlain))
                return nil
            }
            guard checkRange(number, constraints, what: what, at: location) else { return nil }
            return .double(number)
        case .decimal(let precision, let scale):
            guard let (text, isPlain) = scalar() else { return nil }
            guard isPlain, let number = DecimalText(text) else {
                diagnostics.error("\(noun) '\(text)' of \(what) is not a decimal number", at: location, notes: quoted(isPlain))
                return nil
            }
            guard number.fits(precision: precision, scale: scale) else {
                diagnostics.error("\(noun) \(text) of \(what) does not fit decimal(\(precision), \(scale))", at: location,
                                  notes: [Diagnostic.Note("at most \(precision - scale) digits before the point and \(scale) after it")])
                return nil
            }
            return .decimal(number.text)
        case .bool:
            guard let (text, isPlain) = scalar() else { return nil }
            guard isPlain, text == "true" || text == "false" else {
                diagnostics.error("\(noun) '\(text)' of \(what) must be true or false", at: location, notes: quoted(isPlain))
                return nil
            }
            return .bool(text == "true")
        case .datetime:
            guard let (text, _) = scalar() else { return nil }
            guard text == "now" else {
                diagnostics.error("\(noun) '\(text)' of \(what) is not allowed: a datetime \(noun) can only be 'now'", at: location)
                return nil
            }
            return .now
        case .enumeration(let enumType):
            guard let (text, _) = scalar() else { return nil }
            guard let match = enumType.cases.first(where: { $0.value == text }) else {
                let values = enumType.cases.map(\.value)
                diagnostics.error("\(noun) '\(text)' of \(what) is not one of its values", at: location,
                                  notes: [Suggestions.didYouMean(text, in: values)
                                      ?? Diagnostic.Note("values: \(values.joined(separator: ", "))")])
                return nil
            }
            return .enumCase(match)
        case .array(let element):
            guard case .sequence(let items, _) = value else {
                diagnostics.error("the \(noun) of \(what) must be a list", at: location)
                return nil
            }
            if let min = constraints.minItems, items.count < min {
                diagnostics.error("default of \(what) has \(items.count) items, fewer than 'minItems' (\(min))", at: location)
                return nil
            }
            if let max = constraints.maxItems, items.count > max {
                diagnostics.error("default of \(what) has \(items.count) items, more than 'maxItems' (\(max))", at: location)
                return nil
            }
            var converted: [DefaultValue] = []
            for item in items {
                guard let value = convertDefault(item, type: element.type, constraints: element.constraints,
                                                 what: "an item of \(what)", noun: noun) else { return nil }
                converted.append(value)
            }
            return .array(converted)
        case .json:
            return .json(jsonLiteral(value))
        case .identifier, .uuid, .object, .reference, .references, .vector, .timestamp, .date, .bytes:
            if noun == "default" {
                diagnostics.error("\(what) of type \(type.schemaName) cannot have a default", at: location)
            } else {
                diagnostics.error("\(what) cannot compare a value of type \(type.schemaName)", at: location,
                                  notes: [Diagnostic.Note("test it with { isNull: true/false }")])
            }
            return nil
        }
    }

    private mutating func checkRange(_ number: Double, _ constraints: Constraints, what: String, at location: SourceLocation) -> Bool {
        if let min = constraints.min, number < min {
            diagnostics.error("default \(format(number)) of \(what) is less than its 'min' (\(format(min)))", at: location)
            return false
        }
        if let max = constraints.max, number > max {
            diagnostics.error("default \(format(number)) of \(what) is greater than its 'max' (\(format(max)))", at: location)
            return false
        }
        return true
    }

    private func jsonLiteral(_ value: SyntaxValue) -> JSONLiteral {
        switch value {
        case .scalar(let text, let isPlain, _):
            guard isPlain else { return .string(text) }
            if value.isNull { return .null }
            if text == "true" || text == "false" { return .bool(text == "true") }
            if let number = Double(text), number.isFinite { return .number(number) }
            return .string(text)
        case .sequence(let items, _):
            return .array(items.map(jsonLiteral))
        case .mapping(let pairs, _):
            return .object(pairs.map { (key: $0.key.value, value: jsonLiteral($0.value)) })
        }
    }
}

/// Prints a bound the way it was most likely written: `50`, not `50.0`.
func format(_ number: Double) -> String {
    number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
}
