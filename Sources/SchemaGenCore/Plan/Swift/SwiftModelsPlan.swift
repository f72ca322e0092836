// View models for templates/swift: every decision about the emitted Swift (types, names,
// defaults, which conformances and members a type needs, validator statements) is made here, so
// the templates only lay text out.

struct StructView: Sendable {
    /// Leading spaces of the declaration: nested types are indented by their depth. (Templates
    /// write `{{indent}}` on every line instead of relying on partial indentation, which
    /// swift-mustache applies to a section's first line only.)
    var indent: String
    var doc: [String]
    var name: String
    /// `Identifiable, Codable, Sendable, Equatable`
    var conformances: String
    var typeAliases: [String]
    var properties: [PropertyView]
    /// Parameter lines of the memberwise initializer, commas included.
    var initParameters: [String]
    var initAssignments: [String]
    /// Arguments of the memberwise initializer that `init(from:)` calls, one per field, commas
    /// included (keys are `FieldKey`s: no `CodingKeys` enum).
    var decodeArguments: [String]
    /// Statements of `encode(to:)`, one per field.
    var encodeStatements: [String]
    /// Some field has a default that an absent key decodes to (said in `init(from:)`'s comment).
    var decodesDefaults: Bool
    /// Some optional field with a default writes its nil as `null` (said in `encode(to:)`'s comment).
    var writesNulls: Bool
    /// The body of `==`: `fieldsEqual(lhs.id, rhs.id) && …`, a few fields a line.
    var equalityLines: [String]
    /// `Mirror` children; empty when the type has no sensitive field and the default mirror is right.
    var mirrorChildren: [String]
    var enums: [EnumView]
    var structs: [StructView]

    // Flags for template sections (Mustache sees stored properties only).
    var hasRedactedMirror = false

    init(indent: String, doc: [String], name: String, conformances: String, typeAliases: [String], properties: [PropertyView],
         initParameters: [String], initAssignments: [String], decodeArguments: [String],
         encodeStatements: [String], decodesDefaults: Bool, writesNulls: Bool, equalityLines: [String], mirrorChildren: [String],
         enums: [EnumView], structs: [StructView]) {
        self.indent = indent
        self.doc = doc
        self.name = name
        self.conformances = conformances
        self.typeAliases = typeAliases
        self.properties = properties
        self.initParameters = initParameters
        self.initAssignments = initAssignments
        self.decodeArguments = decodeArguments
        self.encodeStatements = encodeStatements
        self.decodesDefaults = decodesDefaults
        self.writesNulls = writesNulls
        self.equalityLines = equalityLines
        self.mirrorChildren = mirrorChildren
        self.enums = enums
        self.structs = structs
        self.hasRedactedMirror = !mirrorChildren.isEmpty
    }
}

struct PropertyView: Sendable {
    var doc: [String]
    /// `public var title: String`
    var declaration: String
}

struct EnumView: Sendable {
    var indent: String
    var doc: [String]
    var name: String
    var cases: [EnumCaseView]
}

struct EnumCaseView: Sendable {
    var doc: [String]
    /// `case sciFi = "sci-fi"`
    var declaration: String
}

struct ModelFileView: Sendable {
    var sourceFile: String
    var model: StructView
    /// The model's validator, then one per nested type that has rules of its own.
    var validators: [ValidatorView]
}

struct SharedEnumFileView: Sendable {
    var sourceFile: String
    var enumeration: EnumView
}

struct ValidatorView: Sendable {
    /// The type extended: `Project.ProjectSettings`.
    var typeName: String
    /// `private static let mimeTypePattern = ValidationPattern(#"…"#)`
    var patterns: [String]
    /// The body of `validate(into:at:)`, one line each, indented relative to the body.
    var statements: [String]

    var hasStatements: Bool

    init(typeName: String, patterns: [String], statements: [String]) {
        self.typeName = typeName
        self.patterns = patterns
        self.statements = statements
        self.hasStatements = !statements.isEmpty
    }
}
