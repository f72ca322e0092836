import Foundation
import Yams

/// Load: schema files → syntax trees. Reports malformed YAML, unknown keys and values of the
/// wrong kind, for every file, before failing.
public enum SchemaLoader {
    /// Reads every `.yaml`/`.yml` file of a directory, in name order. Paths in diagnostics are the
    /// directory as given joined with the file name. A file that can't be read (not UTF-8, too
    /// large, a directory, a FIFO, a dangling link, no permission) is a located error; then every
    /// such file is reported, with the problems Load finds in the others, in one `DiagnosticsError`.
    public static func sources(inDirectory directory: String) throws(DiagnosticsError) -> [SchemaSource] {
        let result = SchemaFileReader.readDirectory(directory)
        guard result.diagnostics.isEmpty else {
            throw DiagnosticsError(result.diagnostics + loadPartially(result.sources).diagnostics)
        }
        return result.sources
    }

    public static func load(_ sources: [SchemaSource]) throws(DiagnosticsError) -> [SchemaFileSyntax] {
        let result = loadPartially(sources)
        if result.diagnostics.contains(where: { $0.severity == .error }) {
            throw DiagnosticsError(result.diagnostics)
        }
        return result.files
    }

    /// What could be read, with the problems found. `isComplete` is false when some file could
    /// not be read at all (malformed YAML, not a mapping): then references to its collection
    /// can't be checked. Otherwise Resolve can still run and report its own problems, so one
    /// run shows everything (a field that failed to load is listed in `brokenFieldPaths`).
    public static func loadPartially(_ sources: [SchemaSource]) -> (files: [SchemaFileSyntax], diagnostics: [Diagnostic], isComplete: Bool) {
        // The files are independent: read on every core at once, reported in their order.
        let loaded = Slots<(file: SchemaFileSyntax?, diagnostics: [Diagnostic])>(count: sources.count)
        DispatchQueue.concurrentPerform(iterations: sources.count) { index in
            var reader = YAMLReader(file: sources[index].path)
            let file = loadFile(sources[index], reader: &reader)
            loaded.put((file, reader.diagnostics.diagnostics), at: index)
        }
        var files: [SchemaFileSyntax] = []
        var diagnostics: [Diagnostic] = []
        var isComplete = true
        for (file, found) in loaded.values() {
            if let file { files.append(file) } else { isComplete = false }
            diagnostics += found
        }
        return (files, diagnostics, isComplete)
    }

    /// Yams resolves each plain scalar's tag (bool, int, float, null, timestamp) with regular
    /// expressions, a tenth of loading, and only to hash mapping keys for its duplicate check:
    /// schemagen reads every scalar as the text written, so every scalar is a string here (and
    /// `1` and `"1"` are the same key, as they are to the loader).
    static let scalarsAsWritten = Yams.Resolver.basic
    /// Given to every compose (with the encoding, `.utf8`) rather than Yams' defaults, which are
    /// made again on each call: a new constructor's dictionaries of functions, and the encoding
    /// after a look at the whole environment (`ProcessInfo.environment`, ~0.6% of a
    /// 1000-collection run). Composing never constructs values, and the constructor's maps are
    /// constants: sharing it across threads is safe.
    nonisolated(unsafe) static let constructor = Yams.Constructor.default

    static let collectionKeys = [
        "name", "model", "description", "id", "timestamps", "softDelete", "version", "principal", "enums", "fields", "indexes", "access", "queue",
        "renamedFrom", "lint", "referenceColumns",
    ]
    static let fieldKeys = [
        "type", "description", "required", "default", "sensitive", "unique", "immutable", "column", "model",
        "min", "max", "minLength", "maxLength", "pattern", "minItems", "maxItems",
        "values", "enum", "fields", "items", "to", "onDelete", "dimensions", "precision", "scale", "storage", "renamedFrom",
        "access", "within",
    ]
    /// Keys an array's `items` may use: those that describe one element.
    static let itemKeys = [
        "type", "description", "model", "min", "max", "minLength", "maxLength", "pattern",
        "values", "enum", "fields", "items", "to", "dimensions", "precision", "scale",
    ]
    static let indexKeys = ["fields", "name", "unique", "kind", "expireAfter", "metric", "pathOps", "constraint", "where", "description"]
    /// Keys of a shared enum written as a mapping, and of an enum value written as a mapping.
    static let sharedEnumKeys = ["description", "values"]
    static let enumValueKeys = ["value", "case", "description", "renamedFrom"]
    /// `where: { field: { not: … } }`
    static let conditionKeys = ["not", "in", "isNull"]
    /// A collection's `access` operations, a field's `access` operations, and the keys of a rule
    /// written as a mapping.
    static let accessOperations = ["read", "create", "update", "delete"]
    static let fieldAccessOperations = ["create", "update", "write"]
    static let ruleKeys = ["owner", "member", "role", "all"]

    /// Keys other schema languages use, with where their meaning lives here (the note of the
    /// error for such a key).
    static let collectionKeyHints = [
        "constraints": "compound uniques live under 'indexes': `- { fields: [project, episodeNumber], unique: true }`; "
            + "value constraints (min, max, minLength, maxLength, pattern, minItems, maxItems) go on each field",
        "unique": "uniques live under 'indexes': `- { fields: [email], unique: true }` (or `unique: true` on a field)",
        "uniques": "uniques live under 'indexes': `- { fields: [project, episodeNumber], unique: true }`",
    ]
    static let fieldKeyHints = [
        "constraints": "write constraint keys on the field itself: `{ type: int, min: 1, max: 10 }`",
        "index": "indexes are listed under the collection's 'indexes': `- fields: [FIELD]` (or `unique: true` here for a unique one)",
        "indexed": "indexes are listed under the collection's 'indexes': `- fields: [FIELD]` (or `unique: true` here for a unique one)",
    ]

    static let itemKeyHints = Dictionary(uniqueKeysWithValues: fieldKeys.filter { !itemKeys.contains($0) }
        .map { ($0, "set it on the array field 'FIELD' itself") })

    private static func loadFile(_ source: SchemaSource, reader: inout YAMLReader) -> SchemaFileSyntax? {
        var text = source.contents
        if text.unicodeScalars.first == "\u{FEFF}" {
            // A UTF-8 byte-order mark: accepted (YAML allows it), and not counted as a column.
            text.unicodeScalars.removeFirst()
        }
        if let problem = YAMLPreflight.check(text, path: source.path) {
            reader.diagnostics.append(problem)
            return nil
        }
        var hiddenKeys = 0
        var root: Node?
        while root == nil {
            do {
                guard let node = try Yams.compose(yaml: text, Self.scalarsAsWritten, Self.constructor, .utf8) else {
                    reader.diagnostics.error("the file is empty", at: SourceLocation(file: source.path, line: 1, column: 1),
                                             notes: [Diagnostic.Note("a schema file declares a collection (`name`, `fields`, …) or shared `enums`")])
                    return nil
                }
                root = node
            } catch let error as YamlError {
                let diagnostic = diagnostic(for: error, in: SchemaSource(path: source.path, contents: text))
                reader.diagnostics.append(diagnostic)
                // libyaml stops at a duplicate key. Hide the repeat and read again, so the rest
                // of the file is still checked.
                // Each retry composes the whole file again: at most 100 of them, and at most about
                // 4 MiB of YAML read in all, so a large file full of repeats stays cheap.
                guard case .duplicatedKeysInMapping(let duplicates, _) = error, hiddenKeys < 100,
                      (hiddenKeys + 1) * text.utf8.count <= 4 << 20,
                      diagnostic.notes.first?.location != nil,
                      let hidden = hidingKey(duplicates.first ?? "", at: diagnostic.location, in: text, number: hiddenKeys)
                else { return nil }
                text = hidden
                hiddenKeys += 1
                reader.hiddenKeys = hiddenKeys
            } catch {
                reader.diagnostics.error("could not read YAML: \(error)", at: SourceLocation(file: source.path, line: 1, column: 1))
                return nil
            }
        }
        guard let root else { return nil }

        guard let pairs = reader.mapping(root, what: "a schema file", allowed: collectionKeys, misplaced: collectionKeyHints) else { return nil }
        var file = SchemaFileSyntax(path: source.path, collection: nil, enums: [])
        var values: [String: (key: Located<String>, value: Node)] = [:]
        for pair in pairs { values[pair.key.value] = pair }

        if let enums = values["enums"] {
            file.enums = loadEnums(enums.value, reader: &reader)
        }
        guard let name = values["name"] else {
            let others = pairs.map(\.key.value).filter { $0 != "enums" && $0 != "description" }
            if let first = others.first, let key = values[first] {
                reader.diagnostics.error("a collection needs a 'name'", at: key.key.location,
                                         notes: [Diagnostic.Note("a file without 'name' may only declare shared 'enums'")])
            } else if values["enums"] == nil {
                reader.diagnostics.error("the file declares neither a collection nor shared enums",
                                         at: reader.location(of: root),
                                         notes: [Diagnostic.Note("add 'name' and 'fields', or 'enums'")])
            }
            return file
        }
        guard let nameValue = reader.string(name.value, what: "'name'") else { return file }

        var collection = CollectionSyntax(name: nameValue, fields: [], indexes: [])
        collection.model = values["model"].flatMap { reader.string($0.value, what: "'model'") }
        collection.description = values["description"].flatMap { reader.string($0.value, what: "'description'") }
        if let id = values["id"] {
            if case .mapping = id.value {
                // `id: { type: string, maxLength: 64 }`, `id: { type: int64, column: album_id }`
                for (key, value) in reader.mapping(id.value, what: "'id'", allowed: ["type", "maxLength", "column", "generated"]) ?? [] {
                    if key.value == "type" { collection.id = reader.string(value, what: "'id.type'") }
                    if key.value == "column" { collection.idColumn = reader.string(value, what: "'id.column'") }
                    if key.value == "maxLength" { collection.idMaxLength = reader.integer(value, what: "'id.maxLength'") }
                    if key.value == "generated" { collection.idGenerated = reader.bool(value, what: "'id.generated'") }
                }
                if collection.id == nil {
                    reader.diagnostics.error("'id' needs a 'type'", at: id.key.location,
                                             notes: [Diagnostic.Note("expected uuid, uuidv7, int64, int32 or string")])
                }
            } else {
                collection.id = reader.string(id.value, what: "'id'")
            }
        }
        if let timestamps = values["timestamps"] {
            if case .mapping = timestamps.value {
                // `timestamps: { createdAt: true, updatedAt: nullable }`
                var parts: [String: Located<String>] = [:]
                for (key, value) in reader.mapping(timestamps.value, what: "'timestamps'", allowed: ["createdAt", "updatedAt"]) ?? [] {
                    parts[key.value] = reader.string(value, what: "'timestamps.\(key.value)'")
                }
                collection.timestampFields = parts
                collection.timestamps = Located(true, at: timestamps.key.location)
            } else {
                collection.timestamps = reader.bool(timestamps.value, what: "'timestamps'")
            }
        }
        collection.principal = values["principal"].flatMap { reader.bool($0.value, what: "'principal'") }
        collection.softDelete = values["softDelete"].flatMap { reader.bool($0.value, what: "'softDelete'") }
        collection.version = values["version"].flatMap { reader.string($0.value, what: "'version'") }
        collection.renamedFrom = values["renamedFrom"].flatMap { reader.string($0.value, what: "'renamedFrom'") }
        collection.referenceColumns = values["referenceColumns"].flatMap { reader.string($0.value, what: "'referenceColumns'") }
        if let fields = values["fields"] {
            collection.fields = loadFields(fields.value, owner: "collection '\(nameValue.value)'", path: [], reader: &reader)
            collection.brokenFieldPaths = reader.brokenFieldPaths
        } else {
            reader.diagnostics.error("collection '\(nameValue.value)' has no 'fields'", at: nameValue.location)
        }
        if let indexes = values["indexes"] {
            collection.indexes = loadIndexes(indexes.value, reader: &reader)
        }
        if let access = values["access"] {
            collection.access = loadAccess(access.value, reader: &reader)
        }
        if let lint = values["lint"] {
            collection.lintIgnores = loadLint(lint.value, reader: &reader)
        }
        if let queue = values["queue"] {
            collection.queue = loadQueue(queue.value, reader: &reader)
        }
        file.collection = collection
        return file
    }

    // MARK: Fields

    private static func loadFields(_ node: Node, owner: String, path: [String], reader: inout YAMLReader) -> [FieldSyntax] {
        guard let pairs = reader.mapping(node, what: "the fields of \(owner)") else { return [] }
        if pairs.isEmpty {
            reader.diagnostics.error("\(owner) has no fields", at: reader.location(of: node))
        }
        return pairs.compactMap { pair in
            let field = loadField(name: pair.key, node: pair.value, isItem: false, path: path, reader: &reader)
            if field == nil { reader.brokenFieldPaths.insert((path + [pair.key.value]).joined(separator: ".")) }
            return field
        }
    }

    private static func loadField(name: Located<String>, node: Node, isItem: Bool, path: [String],
                                  reader: inout YAMLReader) -> FieldSyntax? {
        let what = isItem ? "the items of '\(name.value)'" : "field '\(name.value)'"
        // Shorthand: `title: string`, `tags: string[]`.
        if case .scalar = node {
            guard let typeName = reader.string(node, what: "the type of \(what)") else { return nil }
            return shorthandField(name: name, type: typeName, isItem: isItem)
        }
        // Keys of the array field written on its items instead.
        // Keys of other schema languages, with where their meaning lives here.
        // (FIELD in a note is the field's name.)
        guard let pairs = reader.mapping(node, what: what, allowed: isItem ? itemKeys : fieldKeys,
                                         misplaced: isItem ? itemKeyHints : fieldKeyHints, naming: name.value) else { return nil }
        var values: [String: Node] = [:]
        for pair in pairs { values[pair.key.value] = pair.value }

        guard let typeNode = values["type"], let type = reader.string(typeNode, what: "'type' of \(what)") else {
            if values["type"] == nil {
                reader.diagnostics.error("\(what) has no 'type'", at: name.location,
                                         notes: [Diagnostic.Note("add a type such as 'type: string'")])
            }
            return nil
        }
        var field: FieldSyntax
        if type.value.hasSuffix("[]") {
            // `type: string[]` with constraints on the array itself.
            field = shorthandField(name: name, type: type, isItem: isItem)
        } else {
            field = FieldSyntax(name: name, type: type, isArrayItem: isItem)
        }
        field.description = values["description"].flatMap { reader.string($0, what: "'description' of \(what)") }
        field.required = values["required"].flatMap { reader.bool($0, what: "'required' of \(what)") }
        field.defaultValue = values["default"].map { reader.value($0) }
        field.sensitive = values["sensitive"].flatMap { reader.bool($0, what: "'sensitive' of \(what)") }
        field.unique = values["unique"].flatMap { reader.bool($0, what: "'unique' of \(what)") }
        field.immutable = values["immutable"].flatMap { reader.bool($0, what: "'immutable' of \(what)") }
        field.column = values["column"].flatMap { reader.string($0, what: "'column' of \(what)") }
        field.model = values["model"].flatMap { reader.string($0, what: "'model' of \(what)") }
        field.min = values["min"].flatMap { reader.number($0, what: "'min' of \(what)") }
        field.max = values["max"].flatMap { reader.number($0, what: "'max' of \(what)") }
        field.minLength = values["minLength"].flatMap { reader.integer($0, what: "'minLength' of \(what)") }
        field.maxLength = values["maxLength"].flatMap { reader.integer($0, what: "'maxLength' of \(what)") }
        field.pattern = values["pattern"].flatMap { reader.string($0, what: "'pattern' of \(what)") }
        field.minItems = values["minItems"].flatMap { reader.integer($0, what: "'minItems' of \(what)") }
        field.maxItems = values["maxItems"].flatMap { reader.integer($0, what: "'maxItems' of \(what)") }
        field.enumName = values["enum"].flatMap { reader.string($0, what: "'enum' of \(what)") }
        field.to = values["to"].flatMap { reader.string($0, what: "'to' of \(what)") }
        field.onDelete = values["onDelete"].flatMap { reader.string($0, what: "'onDelete' of \(what)") }
        field.dimensions = values["dimensions"].flatMap { reader.integer($0, what: "'dimensions' of \(what)") }
        field.precision = values["precision"].flatMap { reader.integer($0, what: "'precision' of \(what)") }
        field.scale = values["scale"].flatMap { reader.integer($0, what: "'scale' of \(what)") }
        field.storage = values["storage"].flatMap { reader.string($0, what: "'storage' of \(what)") }
        field.renamedFrom = values["renamedFrom"].flatMap { reader.string($0, what: "'renamedFrom' of \(what)") }
        field.within = values["within"].flatMap { reader.string($0, what: "'within' of \(what)") }
        if let access = values["access"] {
            field.access = loadAccess(access, allowed: fieldAccessOperations, what: "'access' of \(what)", reader: &reader)
        }
        if let valuesNode = values["values"] {
            field.values = loadEnumValues(valuesNode, what: "'values' of \(what)", reader: &reader)
        }
        if let fieldsNode = values["fields"] {
            field.fields = loadFields(fieldsNode, owner: "object '\(name.value)'", path: isItem ? path : path + [name.value],
                                      reader: &reader)
        }
        if let itemsNode = values["items"] {
            if let item = loadField(name: name, node: itemsNode, isItem: true, path: path + [name.value], reader: &reader) {
                field.itemStorage = [item]
            }
        }
        return field
    }

    /// `string[]` → an array whose items are `string`.
    private static func shorthandField(name: Located<String>, type: Located<String>, isItem: Bool) -> FieldSyntax {
        guard type.value.hasSuffix("[]") else {
            return FieldSyntax(name: name, type: type, isArrayItem: isItem)
        }
        let elementType = Located(String(type.value.dropLast(2)), at: type.location)
        var array = FieldSyntax(name: name, type: Located("array", at: type.location), isArrayItem: isItem)
        array.itemStorage = [shorthandField(name: name, type: elementType, isItem: true)]
        return array
    }

    // MARK: Enums

    private static func loadEnums(_ node: Node, reader: inout YAMLReader) -> [EnumSyntax] {
        guard let pairs = reader.mapping(node, what: "'enums'") else { return [] }
        return pairs.compactMap { pair in
            let what = "enum '\(pair.key.value)'"
            // `Priority: [low, high]` or `Priority: { description: …, values: […] }`.
            if case .sequence = pair.value {
                return EnumSyntax(name: pair.key, description: nil,
                                  values: loadEnumValues(pair.value, what: "the values of \(what)", reader: &reader))
            }
            guard let entries = reader.mapping(pair.value, what: what, allowed: sharedEnumKeys) else { return nil }
            var description: Located<String>?
            var values: [EnumValueSyntax] = []
            var sawValues = false
            for entry in entries {
                switch entry.key.value {
                case "description": description = reader.string(entry.value, what: "'description' of \(what)")
                default:
                    sawValues = true
                    values = loadEnumValues(entry.value, what: "the values of \(what)", reader: &reader)
                }
            }
            if !sawValues {
                reader.diagnostics.error("\(what) has no 'values'", at: pair.key.location)
            }
            return EnumSyntax(name: pair.key, description: description, values: values)
        }
    }

    private static func loadEnumValues(_ node: Node, what: String, reader: inout YAMLReader) -> [EnumValueSyntax] {
        guard let items = reader.sequence(node, what: what) else { return [] }
        if items.isEmpty {
            reader.diagnostics.error("\(what) is empty", at: reader.location(of: node))
        }
        return items.compactMap { item in
            if case .scalar = item {
                return reader.string(item, what: "an enum value").map { EnumValueSyntax(value: $0) }
            }
            guard let pairs = reader.mapping(item, what: "an enum value", allowed: enumValueKeys) else { return nil }
            var result: EnumValueSyntax?
            var caseName: Located<String>?
            var description: Located<String>?
            var renamedFrom: Located<String>?
            for pair in pairs {
                switch pair.key.value {
                case "value": result = reader.string(pair.value, what: "'value'").map { EnumValueSyntax(value: $0) }
                case "case": caseName = reader.string(pair.value, what: "'case'")
                case "renamedFrom": renamedFrom = reader.string(pair.value, what: "'renamedFrom'")
                default: description = reader.string(pair.value, what: "'description'")
                }
            }
            guard var value = result else {
                reader.diagnostics.error("an enum value written as a mapping needs 'value'", at: reader.location(of: item))
                return nil
            }
            value.caseName = caseName
            value.description = description
            value.renamedFrom = renamedFrom
            return value
        }
    }

    // MARK: Indexes

    private static func loadIndexes(_ node: Node, reader: inout YAMLReader) -> [IndexSyntax] {
        guard let items = reader.sequence(node, what: "'indexes'") else { return [] }
        return items.compactMap { item in
            let location = reader.location(of: item)
            guard let pairs = reader.mapping(item, what: "an index", allowed: indexKeys) else { return nil }
            var index = IndexSyntax(location: location, keys: [], conditions: [])
            var sawFields = false
            for pair in pairs {
                let value = pair.value
                switch pair.key.value {
                case "fields":
                    sawFields = true
                    index.keys = loadIndexKeys(value, reader: &reader)
                case "name": index.name = reader.string(value, what: "'name' of an index")
                case "unique": index.unique = reader.bool(value, what: "'unique' of an index")
                case "kind": index.kind = reader.string(value, what: "'kind' of an index")
                case "expireAfter": index.expireAfter = reader.string(value, what: "'expireAfter'")
                case "metric": index.metric = reader.string(value, what: "'metric'")
                case "pathOps": index.pathOps = reader.bool(value, what: "'pathOps' of an index")
                case "constraint": index.constraint = reader.bool(value, what: "'constraint' of an index")
                case "description": index.description = reader.string(value, what: "'description' of an index")
                default: index.conditions = loadConditions(value, reader: &reader)
                }
            }
            if !sawFields {
                reader.diagnostics.error("an index needs 'fields'", at: location)
            }
            return index
        }
    }

    /// `queue: { status: status, ready: queued, order: [priority desc, createdAt], by: [taskType] }`
    private static func loadQueue(_ node: Node, reader: inout YAMLReader) -> QueueSyntax? {
        guard let pairs = reader.mapping(node, what: "'queue'", allowed: ["status", "ready", "order", "by"]) else { return nil }
        var queue = QueueSyntax(location: reader.location(of: node))
        for (key, value) in pairs {
            switch key.value {
            case "status": queue.status = reader.string(value, what: "'status' of 'queue'")
            case "ready": queue.ready = reader.string(value, what: "'ready' of 'queue'")
            case "order": queue.order = loadIndexKeys(value, what: "'order' of 'queue'", reader: &reader)
            default:
                queue.by = (reader.sequence(value, what: "'by' of 'queue'") ?? []).compactMap {
                    reader.string($0, what: "a field of 'by'")
                }
            }
        }
        for (name, value) in [("status", queue.status?.value), ("ready", queue.ready?.value)] where value == nil {
            reader.diagnostics.error("'queue' needs '\(name)'", at: queue.location,
                                     notes: [Diagnostic.Note("for example: queue: { status: status, ready: queued, order: [createdAt] }")])
        }
        return queue
    }

    private static func loadIndexKeys(_ node: Node, what: String = "'fields' of an index", reader: inout YAMLReader) -> [IndexSyntax.Key] {
        guard let items = reader.sequence(node, what: what) else { return [] }
        if items.isEmpty {
            reader.diagnostics.error("\(what) is empty", at: reader.location(of: node))
        }
        return items.compactMap { item in
            guard let text = reader.string(item, what: "an index field") else { return nil }
            let words = text.value.split(separator: " ", omittingEmptySubsequences: true)
            switch words.count {
            case 1:
                return IndexSyntax.Key(path: text, descending: false)
            case 2 where words[1] == "asc" || words[1] == "desc":
                return IndexSyntax.Key(path: Located(String(words[0]), at: text.location), descending: words[1] == "desc")
            default:
                reader.diagnostics.error("an index field is a field name optionally followed by 'asc' or 'desc', not '\(text.value)'",
                                         at: text.location)
                return nil
            }
        }
    }

    private static func loadConditions(_ node: Node, reader: inout YAMLReader) -> [IndexSyntax.Condition] {
        guard let pairs = reader.mapping(node, what: "'where' of an index") else { return [] }
        return pairs.compactMap { pair in
            guard case .mapping = pair.value else {
                return IndexSyntax.Condition(path: pair.key, test: .equals(reader.value(pair.value)))
            }
            let reported = reader.diagnostics.diagnostics.count
            guard let tests = reader.mapping(pair.value, what: "the condition on '\(pair.key.value)'",
                                             allowed: conditionKeys), tests.count == 1 else {
                // An unknown key has its own error already.
                if reader.diagnostics.diagnostics.count == reported {
                    reader.diagnostics.error("a condition is a value, or one of { not: value }, { in: [values] }, { isNull: true/false }",
                                             at: reader.location(of: pair.value))
                }
                return nil
            }
            let test = tests[0]
            switch test.key.value {
            case "not":
                return IndexSyntax.Condition(path: pair.key, test: .notEquals(reader.value(test.value)))
            case "in":
                guard let values = reader.sequence(test.value, what: "'in'") else { return nil }
                return IndexSyntax.Condition(path: pair.key, test: .isIn(values.map { reader.value($0) }))
            default:
                guard let flag = reader.bool(test.value, what: "'isNull'") else { return nil }
                return IndexSyntax.Condition(path: pair.key, test: .isNull(flag.value))
            }
        }
    }

    // MARK: Access

    /// A collection's `access` (read, create, update, delete) or a field's (create, update, and
    /// `write` for both).
    private static func loadAccess(_ node: Node, allowed: [String] = accessOperations,
                                   what: String = "'access'", reader: inout YAMLReader) -> [AccessSyntax] {
        guard let pairs = reader.mapping(node, what: what, allowed: allowed) else { return [] }
        return pairs.map { pair in
            AccessSyntax(operation: pair.key, rules: loadRules(pair.value, what: "the '\(pair.key.value)' rules", reader: &reader))
        }
    }

    /// A list of rules, any one of which grants (a single rule may be written without brackets).
    private static func loadRules(_ node: Node, what: String, reader: inout YAMLReader) -> [Located<AccessSyntax.Rule>] {
        let items: [Node]
        if case .sequence = node {
            items = reader.sequence(node, what: what) ?? []
        } else {
            items = [node]
        }
        return items.compactMap { item in
            let location = reader.location(of: item)
            if case .scalar = item {
                return reader.string(item, what: "an access rule").map { Located(.keyword($0.value), at: location) }
            }
            let reported = reader.diagnostics.diagnostics.count
            let expected = "an access rule is a keyword or one of { owner: FIELD }, { member: FIELD }, { role: NAME }, { all: [RULE, …] }"
            guard let entries = reader.mapping(item, what: "an access rule", allowed: ruleKeys),
                  entries.count == 1 else {
                // An unknown key has its own error already.
                if reader.diagnostics.diagnostics.count == reported {
                    reader.diagnostics.error(expected, at: location)
                }
                return nil
            }
            if entries[0].key.value == "all" {
                let rules = loadRules(entries[0].value, what: "the rules of 'all'", reader: &reader)
                return Located(.all(rules), at: entries[0].key.location)
            }
            guard let argument = reader.string(entries[0].value, what: "an access rule's field") else { return nil }
            let ruleLocation = argument.location
            switch entries[0].key.value {
            case "owner": return Located(.owner(path: argument.value), at: ruleLocation)
            case "member": return Located(.member(path: argument.value), at: ruleLocation)
            default: return Located(.role(argument.value), at: ruleLocation)
            }
        }
    }

    // MARK: YAML errors

    /// Turns a Yams error into a located diagnostic. Duplicate keys get the second occurrence as
    /// the error and the first as a note.
    static func diagnostic(for error: YamlError, in source: SchemaSource) -> Diagnostic {
        let start = SourceLocation(file: source.path, line: 1, column: 1)
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(file: source.path, line: mark.line, column: mark.column)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            if let context, problem.hasPrefix("but ") {
                // Yams's "expected a single document in the stream" / "but found another document":
                // one sentence, whose first half has no place of its own.
                return Diagnostic(.error, "malformed YAML: \(context.text), \(problem)", at: at(mark),
                                  notes: [Diagnostic.Note("a schema file is one YAML document: put each collection in its own file")])
            }
            var notes: [Diagnostic.Note] = []
            if let context {
                notes.append(Diagnostic.Note(context.text, at: at(context.mark)))
            }
            if startsWithTab(line: mark.line, column: mark.column, in: source.contents) {
                notes.append(Diagnostic.Note("YAML forbids tabs for indentation; use spaces"))
            }
            if problem == "mapping values are not allowed in this context" {
                // libyaml's words for a mis-indented key, or an unquoted ': ' in a value.
                notes.append(Diagnostic.Note("a key must line up with the keys above it, and a value containing ': ' must be quoted"))
            }
            return Diagnostic(.error, "malformed YAML: \(problem)", at: at(mark), notes: notes)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? ""
            let first = at(context.mark)
            let repeated = findRepeatedKey(key, after: context.mark, in: source.contents)
                .map { SourceLocation(file: source.path, line: $0.line, column: $0.column) } ?? first
            return Diagnostic(.error, "duplicate key '\(key)'", at: repeated,
                              notes: repeated == first ? [] : [Diagnostic.Note("first defined here", at: first)])
        case .reader(let problem, let offset, let value, _):
            // libyaml's reader refuses characters YAML doesn't allow (NUL, other control
            // characters, U+FFFE/FFFF), at a byte offset.
            let place = offset.map { location(ofUTF8Offset: $0, in: source.contents, file: source.path) } ?? start
            if problem == "control characters are not allowed" {
                let code = String(UInt32(bitPattern: value), radix: 16, uppercase: true)
                let name = value == 0 ? "a NUL character (U+0000)" : "the character U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code)"
                return Diagnostic(.error, "the file contains \(name), which YAML does not allow", at: place,
                                  notes: [Diagnostic.Note("remove it; write control characters in a quoted string as escapes such as \\t")])
            }
            return Diagnostic(.error, "the file can't be read as YAML: \(problem)", at: place)
        default:
            return Diagnostic(.error, "could not read YAML: \(error)", at: start)
        }
    }

    /// Whether the indentation of a line, or the character at `column`, is a tab.
    static func startsWithTab(line: Int, column: Int, in text: String) -> Bool {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count else { return false }
        let scalars = Array(lines[line - 1].unicodeScalars)
        if scalars.prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") { return true }
        return column >= 1 && column <= scalars.count && scalars[column - 1] == "\t"
    }

    /// The line and column of a UTF-8 byte offset (columns in Unicode scalars, as libyaml counts).
    static func location(ofUTF8Offset offset: Int, in text: String, file: String) -> SourceLocation {
        var line = 1, column = 1, consumed = 0
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if consumed >= offset { break }
            consumed += UTF8.width(scalar)
            if scalar == "\n" {
                if !previousWasCR { line += 1 }
                column = 1
            } else if scalar == "\r" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            previousWasCR = scalar == "\r"
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    /// The text with the key at `location` replaced by as many private-use characters, so every
    /// column stays where it was; `YAMLReader` skips such keys.
    static func hidingKey(_ key: String, at location: SourceLocation, in text: String, number: Int) -> String? {
        var lines = text.components(separatedBy: "\n")
        guard location.line >= 1, location.line <= lines.count else { return nil }
        var scalars = Array(lines[location.line - 1].unicodeScalars)
        let start = location.column - 1
        let quoted = start < scalars.count && (scalars[start] == "\"" || scalars[start] == "'")
        let length = key.unicodeScalars.count + (quoted ? 2 : 0)
        guard start + length <= scalars.count else { return nil }
        for offset in 0..<length {
            // The first character numbers the hidden key, so two hidden keys never clash.
            let code = offset == 0 ? 0xE000 + number : 0xE100
            scalars[start + offset] = Unicode.Scalar(UInt32(code))!
        }
        var line = String.UnicodeScalarView()
        line.append(contentsOf: scalars)
        lines[location.line - 1] = String(line)
        return lines.joined(separator: "\n")
    }

    /// Finds the second occurrence of a duplicated key (Yams reports only the first, at `mark`):
    /// the next `key:` at the same depth of the same flow mapping (`{ type: string, type: text }`),
    /// or at the same column in the same block.
    private static func findRepeatedKey(_ key: String, after mark: Mark, in text: String) -> (line: Int, column: Int)? {
        let candidates = [key, "\"\(key)\"", "'\(key)'"].map { Array(($0 + ":").unicodeScalars) }
        let scalars = Array(text.unicodeScalars)
        // Walk to the first occurrence, counting lines and columns as libyaml does.
        var index = 0, line = 1, column = 1
        func advance() {
            let scalar = scalars[index]
            index += 1
            if scalar == "\n" || (scalar == "\r" && (index == scalars.count || scalars[index] != "\n")) {
                line += 1
                column = 1
            } else if scalar != "\r" {
                column += 1
            }
        }
        while index < scalars.count, (line, column) < (mark.line, mark.column) { advance() }
        var before = index - 1
        while before >= 0, [" ", "\t", "\n", "\r"].contains(scalars[before]) { before -= 1 }
        let inFlowMapping = before >= 0 && (scalars[before] == "{" || scalars[before] == ",")
        guard inFlowMapping else { return findRepeatedBlockKey(key, after: mark, in: text) }

        var depth = 0
        var quote: Unicode.Scalar?
        while index < scalars.count {
            let scalar = scalars[index]
            if let open = quote {
                if scalar == open { quote = nil }
                if scalar == "\\" && open == "\"" { advance() }
            } else if scalar == "\"" || scalar == "'" {
                quote = scalar
            } else if scalar == "{" || scalar == "[" {
                depth += 1
            } else if scalar == "}" || scalar == "]" {
                depth -= 1
                if depth < 0 { return nil }  // the mapping ended
            } else if scalar == ",", depth == 0 {
                advance()
                while index < scalars.count, [" ", "\t", "\n", "\r"].contains(scalars[index]) { advance() }
                if candidates.contains(where: { scalars[index...].starts(with: $0) }) { return (line, column) }
                continue
            }
            if index < scalars.count { advance() }
        }
        return nil
    }

    /// Finds the next `key:` at the same column in the same block after `mark`.
    private static func findRepeatedBlockKey(_ key: String, after mark: Mark, in text: String) -> (line: Int, column: Int)? {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        let indent = mark.column - 1
        var lineIndex = mark.line  // the line after the first occurrence (0-based index)
        while lineIndex < lines.count {
            let line = lines[lineIndex]
            let leading = line.prefix { $0 == " " }.count
            let rest = line.dropFirst(leading)
            if !rest.isEmpty && !rest.hasPrefix("#") {
                if leading < indent { return nil }  // the block ended
                if leading == indent {
                    let keyText = rest.hasPrefix("- ") ? rest.dropFirst(2) : rest
                    for candidate in [key, "\"\(key)\"", "'\(key)'"] where keyText.hasPrefix(candidate + ":") {
                        return (lineIndex + 1, indent + 1)
                    }
                }
            }
            lineIndex += 1
        }
        return nil
    }
}
