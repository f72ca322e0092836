/// Checks of Resolve that keep hostile or oversized schemas out of the later stages: names that
/// can't be represented safely, schemas too large or too deep to generate in bounded time and
/// memory, and tables or identifiers the databases would refuse or cut. Each problem is a located
/// error; `EngineLimits` holds the numbers.
enum InputChecks {
    /// The problems of the syntax trees: unsafe names, nesting and size.
    static func check(_ files: [SchemaFileSyntax]) -> [Diagnostic] {
        var diagnostics = DiagnosticCollector()
        for file in files {
            for enumeration in file.enums {
                checkName(enumeration.name, what: "enum name", into: &diagnostics)
                checkValues(enumeration.values, owner: "enum \(DiagnosticText.quoted(enumeration.name.value))",
                            at: enumeration.name.location, into: &diagnostics)
            }
            guard let collection = file.collection else { continue }
            checkName(collection.name, what: "collection name", into: &diagnostics)
            if let model = collection.model { checkName(model, what: "model name", into: &diagnostics) }
            var count = 0
            var tooDeep = false
            checkFields(collection.fields, depth: 1, count: &count, tooDeep: &tooDeep, into: &diagnostics)
            if count > EngineLimits.maxFieldsPerCollection {
                diagnostics.error("collection \(DiagnosticText.quoted(collection.name.value)) has \(count) fields; the limit is \(EngineLimits.maxFieldsPerCollection)",
                                  at: collection.name.location,
                                  notes: [Diagnostic.Note("fields of nested objects and array elements count; store large free-form data as 'json'")])
            }
            for index in collection.indexes {
                if let name = index.name { checkName(name, what: "index name", into: &diagnostics) }
            }
            for access in collection.access ?? [] {
                for rule in access.rules {
                    if case .role(let role) = rule.value, !role.isEmpty {
                        checkName(Located(role, at: rule.location), what: "role name", into: &diagnostics)
                    }
                }
            }
        }
        return diagnostics.diagnostics
    }

    /// The problems of the checked schema that only the databases would find: too many columns,
    /// derived identifiers longer than PostgreSQL keeps.
    static func check(_ schema: Schema) -> [Diagnostic] {
        var diagnostics = DiagnosticCollector()
        for collection in schema.collections {
            let fields = allFields(collection.fields)
            let columns = fields.filter { $0.columnName != nil }.count
            if columns > EngineLimits.maxColumns {
                diagnostics.error("collection \(DiagnosticText.quoted(collection.name)) would have \(columns) columns in table \(DiagnosticText.quoted(collection.tableName)); PostgreSQL allows at most \(EngineLimits.maxColumns)",
                                  at: collection.location,
                                  notes: [Diagnostic.Note("the fields of nested objects are columns too; store a large nested object as 'json' or an array")])
            }
            for field in fields {
                guard case .references(let reference) = field.type, let join = reference.joinTable else { continue }
                for column in [join.ownerColumn, join.targetColumn] where column.utf8.count > EngineLimits.maxIdentifierBytes {
                    diagnostics.error("column \(DiagnosticText.quoted(column)) of join table \(DiagnosticText.quoted(join.name)) for \(DiagnosticText.quoted(field.dottedPath)) is longer than \(EngineLimits.maxIdentifierBytes) bytes, which PostgreSQL would cut",
                                      at: field.location,
                                      notes: [Diagnostic.Note(column == join.ownerColumn ? "choose a shorter collection name" : "choose a shorter field name")])
                }
            }
        }
        return diagnostics.diagnostics
    }

    private static func allFields(_ fields: [Field]) -> [Field] {
        fields.flatMap { field -> [Field] in
            if case .object(let object) = field.type { return [field] + allFields(object.fields) }
            return [field]
        }
    }

    private static func checkFields(_ fields: [FieldSyntax], depth: Int, count: inout Int, tooDeep: inout Bool,
                                    into diagnostics: inout DiagnosticCollector) {
        for field in fields {
            count += 1
            if !field.isArrayItem {
                checkName(field.name, what: "field name", into: &diagnostics)
            }
            if let column = field.column { checkName(column, what: "column name", into: &diagnostics) }
            if let model = field.model { checkName(model, what: "model name", into: &diagnostics) }
            if let values = field.values {
                checkValues(values, owner: "field \(DiagnosticText.quoted(field.name.value))", at: field.name.location, into: &diagnostics)
            }
            if depth > EngineLimits.maxFieldDepth {
                // One error per collection: the first field too deep.
                if !tooDeep {
                    diagnostics.error("field \(DiagnosticText.quoted(field.name.value)) is nested \(depth) levels deep; the limit is \(EngineLimits.maxFieldDepth)",
                                      at: field.name.location,
                                      notes: [Diagnostic.Note("each level of objects and arrays counts; store deep free-form data as 'json'")])
                    tooDeep = true
                }
                continue
            }
            if let nested = field.fields {
                checkFields(nested, depth: depth + 1, count: &count, tooDeep: &tooDeep, into: &diagnostics)
            }
            if let item = field.items {
                checkFields([item], depth: depth + 1, count: &count, tooDeep: &tooDeep, into: &diagnostics)
            }
        }
    }

    private static func checkValues(_ values: [EnumValueSyntax], owner: String, at location: SourceLocation,
                                    into diagnostics: inout DiagnosticCollector) {
        if values.count > EngineLimits.maxEnumValues {
            diagnostics.error("\(owner) has \(values.count) values; the limit is \(EngineLimits.maxEnumValues)", at: location)
        }
        for value in values {
            if let problem = invisibleCharacter(in: value.value.value) {
                diagnostics.error("enum value \(DiagnosticText.quoted(value.value.value)) contains \(problem)", at: value.value.location,
                                  notes: [Diagnostic.Note("enum values are stored and compared as written: use visible characters")])
            }
            if let caseName = value.caseName { checkName(caseName, what: "case name", into: &diagnostics) }
        }
    }

    /// A name that becomes a Swift or SQL identifier (or part of one) must not be empty, and must
    /// hold only visible characters: no control, format, private-use or unassigned code points, no
    /// line or paragraph separators.
    static func checkName(_ name: Located<String>, what: String, into diagnostics: inout DiagnosticCollector) {
        let hint = Diagnostic.Note("names become Swift and SQL identifiers: use letters, digits and '_'")
        if name.value.isEmpty {
            diagnostics.error("\(what) is empty", at: name.location, notes: [hint])
        } else if let problem = invisibleCharacter(in: name.value) {
            diagnostics.error("\(what) \(DiagnosticText.quoted(name.value)) contains \(problem)", at: name.location, notes: [hint])
        }
    }

    /// The first character that can't be shown, described (`the control character U+000A`).
    static func invisibleCharacter(in text: String) -> String? {
        for scalar in text.unicodeScalars where !DiagnosticText.isVisible(scalar) {
            let code = String(scalar.value, radix: 16, uppercase: true)
            let number = "U+" + String(repeating: "0", count: max(0, 4 - code.count)) + code
            let kind: String
            switch scalar.properties.generalCategory {
            case .control: kind = "the control character"
            case .format: kind = "the invisible format character"
            case .privateUse: kind = "the private-use character"
            case .unassigned: kind = "the unassigned code point"
            case .lineSeparator, .paragraphSeparator: kind = "the line separator"
            case .spaceSeparator: kind = "the space character"
            default: kind = "the character"
            }
            return "\(kind) \(number)"
        }
        return nil
    }
}
