/// Plan for templates/swift: a model file per collection (the model, its nested types and their
/// validators), a file per shared enum.
enum SwiftModelsPlanner {
    static func plan(_ schema: Schema) -> [PlannedFile] {
        var files: [PlannedFile] = []
        for sharedEnum in schema.sharedEnums {
            let view = SharedEnumFileView(sourceFile: sourceName(sharedEnum.location.file),
                                          enumeration: enumView(sharedEnum, indent: ""))
            files.append(PlannedFile(path: "Swift/\(sharedEnum.swiftName).swift", template: "swift/enum.swift", context: view,
                                     group: groupName(sharedEnum.location.file)))
        }
        files += schema.collections.concurrentMap { collection in
            let source = sourceName(collection.sourcePath)
            // The validators go in the model's file: a file of their own cost the module's build
            // more than its few lines (each file is a unit the compiler sets up and walks again).
            let model = ModelFileView(sourceFile: source, model: modelView(collection), validators: validators(for: collection))
            return PlannedFile(path: "Swift/\(collection.modelName).swift", template: "swift/model.swift", context: model,
                               group: groupName(collection.sourcePath))
        }
        return files
    }

    /// `schemas/projects.yaml` → `projects`.
    static func groupName(_ path: String) -> String {
        let name = sourceName(path)
        return name.split(separator: ".").dropLast().joined(separator: ".")
    }

    /// The file name alone, so output doesn't depend on where the schemas folder is.
    /// The schema file's name, for the `//` comment at the top of a generated file: one line.
    static func sourceName(_ path: String) -> String {
        Escaping.oneLine(String(path.split(separator: "/").last ?? Substring(path)))
    }

    // Not `Hashable`: hashing a whole record is rarely wanted (its `id` is what identifies it), and
    // the synthesized conformance cost a tenth of the generated module's build.
    static let valueConformances = "Codable, Sendable, Equatable"

    // MARK: Types

    private static func modelView(_ collection: Collection) -> StructView {
        let idType = switch collection.keyType {
        case .uuid: "RecordID"
        // int32 keys too: one typed id for every integer key (the column holds it to 32 bits).
        case .int64, .int32: "IntegerID"
        case .string: "TextID"
        }
        let idAlias = "typealias ID = \(idType)<\(collection.modelName)>"
        return structView(indent: "", name: collection.modelName, doc: collection.description, fields: collection.fields,
                          conformances: "Identifiable, " + valueConformances, typeAliases: [idAlias], collection: collection)
    }

    private static func structView(indent: String, name: String, doc: String?, fields: [Field], conformances: String,
                                   typeAliases: [String], collection: Collection) -> StructView {
        var enums: [EnumView] = []
        var structs: [StructView] = []
        for field in fields {
            collectNestedTypes(field.type, indent: indent + "    ", enums: &enums, structs: &structs, collection: collection)
        }
        let properties = fields.map { field -> PropertyView in
            PropertyView(doc: propertyDoc(field), declaration: "var \(Naming.escaped(field.swiftName)): \(propertyType(field))")
        }
        let parameters = fields.enumerated().map { position, field -> String in
            var parameter = "\(Naming.escaped(field.swiftName)): \(propertyType(field))"
            if let value = initDefault(field, collection: collection) { parameter += " = \(value)" }
            return parameter + (position == fields.count - 1 ? "" : ",")
        }
        let assignments = fields.map { field -> String in "self.\(field: field) = \(Naming.escaped(field.swiftName))" }

        // Coding is spelled out with `FieldKey` rather than synthesized: a synthesized `Codable`
        // brings a `CodingKeys` enum of some twenty functions per type, most of a model's build.
        // Decoding fills in defaults for absent keys, so JSON written before a field existed
        // still decodes. It passes each field to the memberwise initializer, which compiles to
        // less than assigning the properties of a `self` still being initialized one by one.
        let decodesDefaults = fields.contains { ($0.role == .declared || $0.role == .version) && decodeDefault($0) != nil }
        // An optional field with a default writes its nil as `null`: an absent key means "the
        // default", a null one nil, so a model round-trips through its JSON.
        let writesNulls = fields.contains { $0.nullDiffersFromAbsent && isOptional($0) }

        let hasSensitive = fields.contains(where: \.isSensitive)
        let mirrorChildren: [String] = hasSensitive ? fields.enumerated().map { position, field -> String in
            // `as Any` says that an optional is meant to show as one.
            let value = field.isSensitive ? "\"<redacted>\"" : "self.\(field: field)" + (isOptional(field) ? " as Any" : "")
            return "\"\(field.swiftName)\": \(value)" + (position == fields.count - 1 ? "" : ",")
        } : []
        return StructView(indent: indent, doc: DocView(doc).lines, name: name,
                          conformances: conformances + (hasSensitive ? ", CustomReflectable" : ""),
                          typeAliases: typeAliases, properties: properties, initParameters: parameters,
                          initAssignments: assignments, decodeArguments: fields.enumerated().map { position, field in
                              decodeArgument(field) + (position == fields.count - 1 ? "" : ",")
                          },
                          encodeStatements: fields.map(encodeStatement), decodesDefaults: decodesDefaults, writesNulls: writesNulls,
                          equalityLines: equalityLines(fields, indent: indent),
                          mirrorChildren: mirrorChildren, enums: enums, structs: structs)
    }

    /// `==` is spelled out too, as one call of the runtime's generic `fieldsEqual` per field:
    /// the synthesized one is a `guard lhs.f == rhs.f` per field, and picking the `==` operator
    /// among the hundreds in scope was the costliest type checking of a model. Both compare the
    /// same fields with their own `==`; release builds inline `fieldsEqual`. The calls are the
    /// conditions of one `guard`, packed into lines of at most 100 columns: a condition list
    /// checks each call alone, where a chain of `&&` is one expression with an operator per field.
    private static func equalityLines(_ fields: [Field], indent: String) -> [String] {
        let comparisons = fields.map { "fieldsEqual(lhs.\(field: $0), rhs.\(field: $0))" }
        guard !comparisons.isEmpty else { return ["true"] }
        var lines: [String] = []
        var line = "guard " + comparisons[0]
        for comparison in comparisons.dropFirst() {
            // Lines sit 8 columns in; continuation lines 6 more, under the first condition.
            let width = indent.count + (lines.isEmpty ? 8 : 14) + line.count + ", ".count + comparison.count + ",".count
            if width > 100 {
                lines.append(line + ",")
                line = comparison
            } else {
                line += ", " + comparison
            }
        }
        // The last line ends the guard; its last call goes down a line if the end would not fit.
        let end = " else { return false }"
        if indent.count + (lines.isEmpty ? 8 : 14) + line.count + end.count > 100,
           let cut = line.range(of: ", fieldsEqual(", options: .backwards) {
            lines.append(line[..<cut.lowerBound] + ",")
            line = String(line[cut.lowerBound...].dropFirst(", ".count))
        }
        // One call too long to end the guard: `else` on a line of its own, under `guard`.
        let endsAlone = indent.count + (lines.isEmpty ? 8 : 14) + line.count + end.count > 100
        lines.append(endsAlone ? line : line + end)
        return [lines[0]] + lines.dropFirst().map { "      " + $0 } + (endsAlone ? ["else { return false }"] : []) + ["return true"]
    }

    /// Inline enums and objects a field declares, nested in the type that holds the field.
    private static func collectNestedTypes(_ type: FieldType, indent: String, enums: inout [EnumView],
                                           structs: inout [StructView], collection: Collection) {
        switch type {
        case .enumeration(let enumType) where !enumType.isShared:
            enums.append(enumView(enumType, indent: indent))
        case .object(let object):
            structs.append(structView(indent: indent, name: object.swiftName, doc: object.description, fields: object.fields,
                                      conformances: valueConformances, typeAliases: [], collection: collection))
        case .array(let element):
            collectNestedTypes(element.type, indent: indent, enums: &enums, structs: &structs, collection: collection)
        default:
            break
        }
    }

    static func enumView(_ enumType: EnumType, indent: String) -> EnumView {
        let cases = enumType.cases.map { enumCase in
            let name = Naming.escaped(enumCase.swiftName)
            let declaration = enumCase.swiftName == enumCase.value ? "case \(name)" : "case \(name) = \(SwiftLiteral.string(enumCase.value))"
            return EnumCaseView(doc: DocView(enumCase.description).lines, declaration: declaration)
        }
        return EnumView(indent: indent, doc: DocView(enumType.description).lines, name: enumType.swiftName, cases: cases)
    }

    private static func propertyDoc(_ field: Field) -> [String] {
        var lines = DocView(field.description).lines
        if field.isSensitive {
            if !lines.isEmpty { lines.append("") }
            lines.append("Sensitive: kept out of `print`, `dump` and debugger output.")
        }
        if field.isImmutable {
            if !lines.isEmpty { lines.append("") }
            lines.append("Immutable: set when the record is created; only the system context may change it.")
        }
        return lines
    }

    /// The Swift type of a field's value, unqualified where it is declared in the same scope.
    static func swiftType(_ type: FieldType) -> String {
        switch type {
        case .identifier: return "ID"
        case .string, .text, .email, .url: return "String"
        case .int: return "Int"
        case .int16: return "Int16"
        case .int32: return "Int32"
        case .int64: return "Int64"
        case .double: return "Double"
        case .decimal: return "Decimal"
        case .bool: return "Bool"
        case .datetime, .timestamp: return "Date"
        case .date: return "CalendarDate"
        case .bytes: return "Data"
        case .uuid: return "UUID"
        case .json: return "JSONValue"
        case .enumeration(let enumType): return enumType.swiftName
        case .object(let object): return object.swiftName
        case .array(let element): return "[\(swiftType(element.type))]"
        case .reference(let reference): return "\(reference.targetModel).ID"
        case .references(let reference): return "[\(reference.targetModel).ID]"
        case .vector: return "[Float]"
        }
    }

    /// A `refs` field is never nil: no links is an empty list. A `json` field is never nil
    /// either: JSON has its own null, and `JSONValue?` would have two.
    static func isOptional(_ field: Field) -> Bool {
        switch field.type {
        case .references, .json: return false
        default: return !field.isRequired
        }
    }

    static func propertyType(_ field: Field) -> String {
        swiftType(field.type) + (isOptional(field) ? "?" : "")
    }

    private static func initDefault(_ field: Field, collection: Collection) -> String? {
        switch field.role {
        // Integer and text keys are the caller's to give, unless the database generates them:
        // `create` then returns the record with the key it got.
        case .primaryKey where collection.keyIsGenerated: return ".unassigned"
        case .primaryKey where collection.keyType != .uuid: return nil
        case .primaryKey: return collection.idStrategy == .uuidv7 ? ".timeOrdered()" : "ID()"
        case .createdAt, .updatedAt: return field.isRequired ? "Date()" : "nil"
        case .deletedAt: return "nil"
        case .version: return "1"
        case .declared: return decodeDefault(field) ?? (isOptional(field) ? "nil" : nil)
        }
    }

    /// The default used both by the initializer and when decoding finds no key.
    private static func decodeDefault(_ field: Field) -> String? {
        if let value = field.defaultValue { return SwiftLiteral.value(value) }
        switch field.type {
        case .references: return "[]"
        case .json where !field.isRequired: return ".null"
        // A required object whose fields all have defaults can be made with none given.
        case .object(let object) where field.isRequired && object.fields.allSatisfy(hasInitDefault):
            return "\(object.swiftName)()"
        default: return nil
        }
    }

    /// Whether a declared field can be left out of its type's initializer.
    private static func hasInitDefault(_ field: Field) -> Bool {
        decodeDefault(field) != nil || isOptional(field)
    }

    /// `title: container.decode("title")`: one argument of the memberwise initializer.
    private static func decodeArgument(_ field: Field) -> String {
        let key = SwiftLiteral.string(field.name)
        if field.nullDiffersFromAbsent, let fallback = decodeDefault(field) {
            // Only an absent key takes the default: `null` is nil (`.null` for json).
            return "\(Naming.escaped(field.swiftName)): container.\(isOptional(field) ? "decodeIfPresent" : "decode")(\(key), ifAbsent: \(fallback))"
        }
        if field.role == .declared || field.role == .version, let fallback = decodeDefault(field) {
            return "\(Naming.escaped(field.swiftName)): container.decode(\(key), default: \(fallback))"
        }
        if isOptional(field) {
            return "\(Naming.escaped(field.swiftName)): container.decodeIfPresent(\(key))"
        }
        return "\(Naming.escaped(field.swiftName)): container.decode(\(key))"
    }

    private static func encodeStatement(_ field: Field) -> String {
        let key = "forKey: \(SwiftLiteral.string(field.name))"
        if isOptional(field), !field.nullDiffersFromAbsent {
            return "try container.encodeIfPresent(self.\(field: field), \(key))"
        }
        return "try container.encode(self.\(field: field), \(key))"
    }

    // MARK: Validators

    /// The model's validator, then one per nested type that has rules of its own.
    private static func validators(for collection: Collection) -> [ValidatorView] {
        var views = [validator(typeName: collection.modelName, fields: collection.fields)]
        func visit(_ type: FieldType) {
            switch type {
            case .object(let object):
                if hasChecks(type, Constraints()) {
                    views.append(validator(typeName: object.qualifiedName, fields: object.fields))
                }
                object.fields.forEach { visit($0.type) }
            case .array(let element):
                visit(element.type)
            default:
                break
            }
        }
        collection.fields.forEach { visit($0.type) }
        return views
    }

    private static func validator(typeName: String, fields: [Field]) -> ValidatorView {
        var patterns: [String] = []
        var statements: [String] = []
        for field in fields where hasChecks(field.type, field.constraints) {
            let path = "path.appending(\(SwiftLiteral.string(field.name)))"
            let patternName = Naming.memberName(field.name) + "Pattern"
            // The runtime's checks pass nil, so an optional field is checked as it is.
            let local = ["path", "report"].contains(field.swiftName) ? "value" : Naming.escaped(field.swiftName)
            statements += valueChecks(field.type, field.constraints, value: "self.\(field: field)",
                                      optional: isOptional(field) ? local : nil, path: path, patternName: patternName,
                                      depth: 1, patterns: &patterns)
        }
        return ValidatorView(typeName: typeName, patterns: patterns, statements: statements)
    }

    /// Statements that check one value; `depth` names loop variables of nested arrays apart.
    /// `optional` is the name to unwrap an optional value to, where a statement needs it.
    private static func valueChecks(_ type: FieldType, _ constraints: Constraints, value: String, optional: String? = nil,
                                    path: String, patternName: String, depth: Int, patterns: inout [String]) -> [String] {
        func bounds(_ names: (String, String), _ low: String?, _ high: String?) -> String {
            [low.map { "\(names.0): \($0)" }, high.map { "\(names.1): \($0)" }].compactMap { $0 }.map { ", " + $0 }.joined()
        }
        // `value?.count` of an optional value.
        let member = optional == nil ? "." : "?."
        var lines: [String] = []
        switch type {
        case .string, .text, .email, .url:
            if constraints.minLength != nil || constraints.maxLength != nil {
                lines.append("report.checkLength(\(value), at: \(path)"
                             + bounds(("min", "max"), constraints.minLength.map(String.init), constraints.maxLength.map(String.init)) + ")")
            }
            if let pattern = constraints.pattern {
                patterns.append("private static let \(patternName) = ValidationPattern(\(SwiftLiteral.rawString(pattern)))")
                lines.append("report.checkPattern(\(value), at: \(path), Self.\(patternName))")
            }
            if case .email = type { lines.append("report.checkEmail(\(value), at: \(path))") }
            if case .url = type { lines.append("report.checkURL(\(value), at: \(path))") }
        case .identifier(.string):
            // A text key: the database's CHECK holds the same length.
            lines.append("report.checkLength(\(value)\(member)rawValue, at: \(path)"
                         + bounds(("min", "max"), constraints.minLength.map(String.init), constraints.maxLength.map(String.init)) + ")")
        case .identifier(.int32):
            // A 32-bit key: IntegerID holds 64 bits, the column (and SQLite's CHECK) 32.
            lines.append("report.checkInteger(\(value)\(member)rawValue, at: \(path), min: \(Int32.min), max: \(Int32.max))")
        case .int, .double:
            if constraints.min != nil || constraints.max != nil {
                lines.append("report.check(\(value), at: \(path)"
                             + bounds(("min", "max"), constraints.min.map(SwiftLiteral.number), constraints.max.map(SwiftLiteral.number)) + ")")
            }
        case .int16, .int32, .int64:
            if constraints.min != nil || constraints.max != nil {
                lines.append("report.checkInteger(\(value), at: \(path)"
                             + bounds(("min", "max"), constraints.min.map(SwiftLiteral.number), constraints.max.map(SwiftLiteral.number)) + ")")
            }
        case .decimal(let precision, let scale):
            // Both engines then hold the value as given: PostgreSQL would round it, SQLite refuse it.
            lines.append("report.checkDecimal(\(value), at: \(path), precision: \(precision), scale: \(scale))")
        case .vector(let dimensions):
            lines.append("report.checkDimensions(\(value)\(member)count, at: \(path), \(dimensions))")
        case .object:
            lines.append("\(value)\(optional == nil ? "" : "?").validate(into: &report, at: \(path))")
        case .array(let element):
            if constraints.minItems != nil || constraints.maxItems != nil {
                lines.append("report.checkCount(\(value)\(member)count, at: \(path)"
                             + bounds(("min", "max"), constraints.minItems.map(String.init), constraints.maxItems.map(String.init)) + ")")
            }
            if case .object = element.type, hasChecks(element.type, element.constraints) {
                lines.append("report.validateEach(\(value), at: \(path))")
            } else if hasChecks(element.type, element.constraints) {
                let suffix = depth == 1 ? "" : String(depth)
                let (index, item) = ("index" + suffix, "item" + suffix)
                let inner = valueChecks(element.type, element.constraints, value: item,
                                        path: "\(path).appending(index: \(index))", patternName: patternName.replacingOccurrences(of: "Pattern", with: "ItemPattern"),
                                        depth: depth + 1, patterns: &patterns)
                let loop = ["for (\(index), \(item)) in \(optional ?? value).enumerated() {"] + inner.map { "    " + $0 } + ["}"]
                lines += optional.map { ["if let \($0) = \(value) {"] + loop.map { "    " + $0 } + ["}"] } ?? loop
            }
        case .references:
            if constraints.minItems != nil || constraints.maxItems != nil {
                lines.append("report.checkCount(\(value)\(member)count, at: \(path)"
                             + bounds(("min", "max"), constraints.minItems.map(String.init), constraints.maxItems.map(String.init)) + ")")
            }
        default:
            break
        }
        return lines
    }

    /// Whether a value of this type, with these constraints, has anything to check.
    static func hasChecks(_ type: FieldType, _ constraints: Constraints) -> Bool {
        switch type {
        case .email, .url, .vector, .decimal, .identifier(.string), .identifier(.int32): return true
        case .string, .text: return constraints.minLength != nil || constraints.maxLength != nil || constraints.pattern != nil
        case .int, .int16, .int32, .int64, .double: return constraints.min != nil || constraints.max != nil
        case .object(let object): return object.fields.contains { hasChecks($0.type, $0.constraints) }
        case .array(let element):
            return constraints.minItems != nil || constraints.maxItems != nil || hasChecks(element.type, element.constraints)
        case .references: return constraints.minItems != nil || constraints.maxItems != nil
        default: return false
        }
    }
}

extension String.StringInterpolation {
    /// `\(field: field)`: the field's property name, escaped where Swift needs it.
    mutating func appendInterpolation(field: Field) {
        appendLiteral(Naming.escaped(field.swiftName))
    }
}

extension Field {
    /// A declared field with a default that can also hold null (an optional one, or `json`):
    /// its absent key decodes to the default and its `null` to nil (`.null`), and it is encoded
    /// even when null, so that a model, its JSON and its row hold the same value.
    var nullDiffersFromAbsent: Bool {
        guard role == .declared, defaultValue != nil else { return false }
        if case .json = type { return true }
        return !isRequired
    }
}
