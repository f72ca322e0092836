import Foundation
import Testing
@testable import SchemaGenCore

/// schemagen's own Mustache engine (Render/Mustache.swift) renders what swift-mustache rendered,
/// byte for byte: the golden files of both schema folders are the proof at scale (GeneratedCode
/// tests, `schemagen check --strict`); these cases pin the rules one by one, and its errors.
@Suite("Mustache engine")
struct MustacheEngineTests {
    private func render(_ sources: [String: String], _ context: [String: Any], globals: [String: String] = [:]) throws -> String {
        let set = try TemplateSet(sources: sources)
        return set.render(context, template: "main", globals: globals)
    }

    @Test func variablesSectionsAndInvertedSections() throws {
        let text = "{{name}} {{{raw}}} {{&raw}} <{{missing}}>{{#flag}} on{{/flag}}{{^flag}} off{{/flag}}{{^none}} none{{/none}}{{#count}} #{{.}}{{/count}}\n"
        let output = try render(["main": text], ["name": "a<b>&\"c\"", "raw": "x > y", "flag": true, "count": 3])
        // Nothing is HTML-escaped: generated code is text.
        #expect(output == "a<b>&\"c\" x > y x > y <> on none #3\n")
        #expect(try render(["main": text], ["name": "n", "raw": "r", "flag": false]) == "n r r <> off none\n")
    }

    @Test func listsPushEachElementAndNamesClimbTheStack() throws {
        let text = "{{#items}}{{name}}/{{title}}/{{.title}}|{{/items}}{{^items}}empty{{/items}}\n"
        let items: [[String: Any]] = [["name": "one"], ["name": "two", "title": "own"]]
        // `title` climbs to the root; `.title` looks only in the element.
        #expect(try render(["main": text], ["items": items, "title": "root"]) == "one/root/|two/own/own|\n")
        #expect(try render(["main": text], ["items": [Any]()]) == "empty\n")
        #expect(try render(["main": "{{a.b.c}} {{#a}}{{b.c}}{{/a}}\n"], ["a": ["b": ["c": "deep"]]]) == "deep deep\n")
    }

    @Test func standaloneTagsLeaveNoLine() throws {
        let text = """
        begin
          {{#items}}
        - {{.}}
          {{/items}}
          {{! a comment }}
        {{^items}}
        nothing
        {{/items}}
        end {{#items}}{{.}}{{/items}}

        """
        #expect(try render(["main": text], ["items": ["a", "b"]]) == "begin\n- a\n- b\nend ab\n")
        #expect(try render(["main": text], ["items": [String]()]) == "begin\nnothing\nend \n")
    }

    @Test func globalsAreBeneathTheContext() throws {
        let text = "{{access}} {{runtimeModule}}\n"
        #expect(try render(["main": text], ["access": "public"], globals: ["access": "internal", "runtimeModule": "SchemaRuntime"])
                == "public SchemaRuntime\n")
    }

    /// An indented standalone partial indents the lines it renders the way swift-mustache did: a
    /// node's output that starts a line of its own render call (a template, one element of a
    /// section) is indented; the lines inside one value are not.
    @Test func indentedPartials() throws {
        let sources = ["main": "struct {\n    {{> body}}\n}\n", "body": "let a\n{{#items}}\nlet {{.}}\n{{/items}}\n{{value}}\n"]
        #expect(try render(sources, ["items": ["b", "c"], "value": "x\ny"])
                == "struct {\n    let a\n    let b\nlet c\n    x\ny\n}\n")
        // Recursive partials (a struct inside a struct).
        let nested = ["main": "{{#model}}{{> node}}{{/model}}", "node": "{{name}}[{{#children}}{{> node}}{{/children}}]"]
        let tree: [String: Any] = ["model": ["name": "a", "children": [["name": "b", "children": [Any]()], ["name": "c", "children": [Any]()]]]]
        #expect(try render(nested, tree) == "a[b[]c[]]")
    }

    @Test func aValueWithoutItsOwnLookupIsReflected() throws {
        // A struct that does not answer lookups itself is still rendered (by reflection).
        struct Plain { var title: String; var note: String? }
        #expect(try render(["main": "{{#p}}{{title}}({{note}}){{/p}}"], ["p": Plain(title: "t", note: nil)]) == "t()")
        #expect(try render(["main": "{{#p}}{{title}}({{note}}){{/p}}"], ["p": Plain(title: "t", note: "n")]) == "t(n)")
    }

    @Test(arguments: [
        ("line one\n{{#model}}\nno end\n", 2, 1, "section `model` is not closed"),
        ("a {{#a}}\n{{/b}}\n", 2, 1, "`{{/b}}` does not close section `a`"),
        ("{{/a}}", 1, 1, "`{{/a}}` closes no section"),
        ("x\n  {{> nowhere}}\n", 2, 3, "no template named `nowhere`"),
        ("{{name", 1, 7, "unfinished tag"),
        ("{{upper(name)}}", 1, 1, "transforms are not supported"),
        ("{{=<% %>=}}", 1, 1, "changing the delimiters"),
        ("{{% CONTENT_TYPE: HTML }}", 1, 1, "pragma `CONTENT_TYPE:HTML` is not supported"),
    ])
    func mistakesAreReportedWhereTheyAre(source: String, line: Int, column: Int, message: String) throws {
        do {
            _ = try TemplateSet(sources: ["main": source], directory: "tpl")
            Issue.record("expected an error for \(source.debugDescription)")
        } catch {
            #expect(error.diagnostics.count == 1)
            let diagnostic = try #require(error.diagnostics.first)
            #expect(diagnostic.location == SourceLocation(file: "tpl/main.mustache", line: line, column: column))
            #expect(diagnostic.message.hasPrefix("template does not parse: ") && diagnostic.message.contains(message), "\(diagnostic.message)")
        }
    }
}
