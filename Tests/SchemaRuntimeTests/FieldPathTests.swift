import SchemaRuntime
import Testing

@Suite("FieldPath, ValidationIssue and ValidationError")
struct FieldPathTests {
    @Test func descriptionJoinsKeysWithDotsAndIndexesWithBrackets() {
        let path = FieldPath(components: [.key("a"), .key("b"), .index(2), .key("c")])
        #expect(path.description == "a.b[2].c")
        #expect(FieldPath.root.appending("a").appending("b").appending(index: 2).appending("c") == path)
        #expect(FieldPath.root.appending("script").appending("dialogue").appending(index: 2).appending("timing").description == "script.dialogue[2].timing")
    }

    @Test func edgeCases() {
        #expect(FieldPath.root.description == "")
        #expect(FieldPath.root.components.isEmpty)
        #expect(FieldPath.root.appending(index: 0).description == "[0]")
        #expect(FieldPath.root.appending(index: 0).appending("x").description == "[0].x")
        #expect(FieldPath.root.appending("m").appending(index: 1).appending(index: 12).description == "m[1][12]")
        #expect(FieldPath.root.appending("_version").description == "_version")
    }

    @Test func appendingDoesNotChangeTheOriginal() {
        let base: FieldPath = "progress"
        let longer = base.appending("overallProgress")
        #expect(base.description == "progress")
        #expect(longer.description == "progress.overallProgress")
    }

    @Test func stringLiteralsSplitAtDots() {
        let path: FieldPath = "progress.overallProgress"
        #expect(path.components == [.key("progress"), .key("overallProgress")])
        #expect(path == FieldPath.root.appending("progress").appending("overallProgress"))
    }

    @Test func issueAndErrorDescriptions() {
        let first = ValidationIssue(path: "progress.overallProgress", rule: .max, message: "must be at most 100")
        let second = ValidationIssue(path: FieldPath.root.appending("tags").appending(index: 1).appending("value"), rule: .minLength, message: "must be at least 1 character long")
        #expect(first.description == "progress.overallProgress: must be at most 100")
        #expect(second.description == "tags[1].value: must be at least 1 character long")
        let error = ValidationError(issues: [first, second])
        #expect(error.description == "validation failed: progress.overallProgress: must be at most 100; tags[1].value: must be at least 1 character long")
    }

    @Test func ruleRawValuesAreTheSchemaKeys() {
        #expect(ValidationIssue.Rule.min.rawValue == "min")
        #expect(ValidationIssue.Rule.minLength.rawValue == "minLength")
        #expect(ValidationIssue.Rule.maxItems.rawValue == "maxItems")
        #expect(ValidationIssue.Rule.dimensions.rawValue == "dimensions")
    }
}
