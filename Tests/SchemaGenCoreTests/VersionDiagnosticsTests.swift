import Testing
@testable import SchemaGenCore

/// `version:` on a collection (optimistic concurrency): the field it adds, and where a mistake in
/// it is reported.
@Suite("Version key")
struct VersionDiagnosticsTests: SchemaTestSupport {
    static func documents(_ version: String, fields: String = "") -> String {
        """
        name: documents
        fields:
          title: { type: string, required: true }\(fields)
        version: \(version)
        """
    }

    @Test func trueAddsARequiredIntFieldNamedVersionAfterTheOthers() throws {
        let schema = try resolved([(schemaPath, Self.documents("true"))])
        let collection = try #require(schema.collections.first)
        let field = try #require(collection.versionField)
        #expect(field.name == "version" && field.columnName == "version" && field.role == .version)
        #expect(field.isRequired && field.defaultValue == .int(1) && field.constraints.isEmpty)
        guard case .int = field.type else { Issue.record("the version field is an int"); return }
        #expect(collection.fields.map(\.name) == ["id", "title", "createdAt", "updatedAt", "version"])
    }

    @Test func aNameNamesTheFieldAndFalseAddsNone() throws {
        let named = try resolved([(schemaPath, Self.documents("lockVersion"))])
        #expect(named.collections.first?.versionField?.columnName == "lock_version")
        let none = try resolved([(schemaPath, Self.documents("false"))])
        #expect(none.collections.first?.versionField == nil)
    }

    @Test func aValueThatIsNeitherABoolNorAFieldName() {
        let hint = hint("write 'version: true' (an int field 'version') or a lowerCamelCase name such as 'version: revision'")
        #expect(diagnostics(Self.documents("3")) == [
            error("'version' must be true, false or the name of the version field, not '3'", 4, 10, notes: [hint]),
        ])
        #expect(diagnostics(Self.documents("lock-version")) == [
            error("'version' must be true, false or the name of the version field, not 'lock-version'", 4, 10, notes: [hint]),
        ])
        #expect(diagnostics(Self.documents("[version]")) == [
            error("'version' must be a single value, not a list or mapping", 4, 10),
        ])
    }

    @Test func aFieldOfTheSameNameAndANameSchemagenDeclares() {
        // Declaring the field too (as `media` declares its own `version`) is an error at the field,
        // with a note at the key.
        #expect(diagnostics(Self.documents("true", fields: "\n  version: { type: int, required: true }")) == [
            error("field 'version' is declared by schemagen", 4, 3, notes: [
                note("remove it: 'version: true' adds it (or give the version field another name: 'version: revision')", 5, 10),
            ]),
        ])
        #expect(diagnostics(Self.documents("updatedAt")) == [
            error("the version field can't be named 'updatedAt': schemagen declares that field already", 4, 10,
                  notes: [hint("choose another name, such as 'version: revision'")]),
        ])
    }
}
