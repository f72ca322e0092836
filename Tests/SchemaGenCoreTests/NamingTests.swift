import Testing
@testable import SchemaGenCore

@Suite("Naming")
struct NamingTests {
    @Test(arguments: [
        ("sci-fi", "sciFi"), ("pre-production", "preProduction"), ("on-hold", "onHold"),
        ("16:9", "_16_9"), ("21:9", "_21_9"), ("story_development", "storyDevelopment"),
        ("anthropic/claude-sonnet-4", "anthropicClaudeSonnet4"),
        ("qwen/qwen3-vl-235b-a22b-thinking", "qwenQwen3Vl235bA22bThinking"),
        ("fal-ai/nano-banana/edit", "falAiNanoBananaEdit"), ("_version", "version"),
        ("thumbnailURL", "thumbnailURL"), ("URL", "url"), ("userID", "userID"), ("1", "_1"), ("a b", "aB"),
        // SCREAMING_SNAKE_CASE is words, not acronyms.
        ("IN_PROGRESS", "inProgress"), ("LIP_SYNC", "lipSync"), ("PENDING", "pending"), ("HTTP_2", "http2"),
        ("V2_API_KEY", "v2ApiKey"),
    ])
    func memberNames(value: String, expected: String) {
        #expect(Naming.memberName(value) == expected)
    }

    @Test(arguments: [
        ("projectSettings", "ProjectSettings"), ("sci-fi", "SciFi"), ("prompt_templates", "PromptTemplates"),
        ("URLValue", "URLValue"), ("4:3", "_4_3"), ("IN_PROGRESS", "InProgress"), ("LIP_SYNC", "LipSync"),
    ])
    func typeNames(value: String, expected: String) {
        #expect(Naming.typeName(value) == expected)
    }

    @Test(arguments: [
        ("episodeNumber", "episode_number"), ("thumbnailURL", "thumbnail_url"), ("_version", "version"),
        ("promptsExecuted", "prompts_executed"), ("URLValue", "url_value"), ("already_snake", "already_snake"),
        ("qwen3Model", "qwen3_model"),
    ])
    func snakeCase(value: String, expected: String) {
        #expect(Naming.snakeCase(value) == expected)
    }

    @Test(arguments: [("projects", "project"), ("categories", "category"), ("media", "media"), ("address", "address")])
    func singular(value: String, expected: String) {
        #expect(Naming.singular(value) == expected)
    }

    @Test func keywordsAreEscaped() {
        #expect(Naming.escaped("default") == "`default`")
        #expect(Naming.escaped("class") == "`class`")
        #expect(Naming.escaped("Type") == "`Type`")
        #expect(Naming.escaped("title") == "title")
    }

    @Test func identifierValidity() {
        #expect(Naming.isValidIdentifier("abc1"))
        #expect(Naming.isValidIdentifier("_16_9"))
        #expect(!Naming.isValidIdentifier("1abc"))
        #expect(!Naming.isValidIdentifier(""))
        #expect(!Naming.isValidIdentifier("a-b"))
        #expect(!Naming.isValidIdentifier("é"))
    }

    @Test func suggestionsFindCloseTyposOnly() {
        #expect(Suggestions.closest(to: "requird", in: SchemaLoader.fieldKeys) == "required")
        #expect(Suggestions.closest(to: "strng", in: fieldTypeNames) == "string")
        #expect(Suggestions.closest(to: "zzzzzz", in: fieldTypeNames) == nil)
        #expect(Suggestions.editDistance("kitten", "sitting") == 3)
        // A swap of two neighbouring letters is one typo.
        #expect(Suggestions.editDistance("titel", "title") == 1)
        #expect(Suggestions.closest(to: "titel", in: ["title", "name"]) == "title")
    }
}

@Suite("Plan and Render helpers")
struct PlanHelperTests {
    @Test func stringLiteralsEscapeWhatSwiftNeeds() {
        #expect(SwiftLiteral.string("a \"b\" \\ c\nd\t") == #""a \"b\" \\ c\nd\t""#)
        #expect(SwiftLiteral.string("\u{1}") == #""\u{1}""#)
    }

    @Test func rawStringsUseEnoughHashes() {
        #expect(SwiftLiteral.rawString(#"^\d+$"#) == ##"#"^\d+$"#"##)
        #expect(SwiftLiteral.rawString(##"a"#b"##) == ###"##"a"#b"##"###)
    }

    @Test func defaultValueLiterals() {
        #expect(SwiftLiteral.value(.int(5)) == "5")
        #expect(SwiftLiteral.value(.double(0.5)) == "0.5")
        #expect(SwiftLiteral.value(.double(100)) == "100")
        #expect(SwiftLiteral.value(.now) == "Date()")
        #expect(SwiftLiteral.value(.enumCase(EnumCase(value: "default", swiftName: "default"))) == ".`default`")
        #expect(SwiftLiteral.value(.array([.string("a"), .string("b")])) == #"["a", "b"]"#)
        #expect(SwiftLiteral.json(.object([(key: "k", value: .array([.null, .bool(true), .number(1.5)]))])) == #"["k": [.null, true, 1.5]]"#)
        #expect(SwiftLiteral.json(.object([])) == "[:]")
    }

    @Test func tidyRemovesTemplateWhitespace() {
        let messy = "\n\nstruct A {\n\n    let a = 1   \n\n\n    let b = 2\n\n}\n\n\n"
        #expect(Renderer.tidy(messy) == "struct A {\n    let a = 1\n\n    let b = 2\n}\n")
    }

    @Test func unifiedDiffShowsChangedLinesWithContext() {
        let old = (1...10).map { "line \($0)" }.joined(separator: "\n")
        let new = old.replacingOccurrences(of: "line 5", with: "line five")
        let diff = UnifiedDiff.make(old: old, new: new, oldName: "a", newName: "b")
        #expect(diff == """
            --- a
            +++ b
            @@ -2,7 +2,7 @@
             line 2
             line 3
             line 4
            -line 5
            +line five
             line 6
             line 7
             line 8

            """)
        #expect(UnifiedDiff.make(old: old, new: old, oldName: "a", newName: "b").isEmpty)
    }
}
