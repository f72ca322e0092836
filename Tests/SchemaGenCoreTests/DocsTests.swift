import Foundation
import Testing
@testable import SchemaGenCore

/// Generated/Docs: every field, enum value, index and access rule of every collection reaches
/// its page, and every collection and reference reaches the ER diagram, checked against the
/// resolved schema of both the studio and the kitchen-sink schemas.
@Suite("Docs")
struct DocsTests: SchemaTestSupport {
    static let schemaFolders = ["schemas", "Tests/Fixtures/KitchenSink/schemas"]

    private func load(_ folder: String) throws -> (schema: Schema, files: [String: String]) {
        let schema = try Pipeline.resolve(try SchemaLoader.sources(inDirectory: packageRoot + "/" + folder))
        var options = GenerationOptions()
        options.outputs = [.docs]
        let files = Pipeline.render(schema, options: options)
        return (schema, Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.contents) }))
    }

    /// Every field at any depth (objects, and objects inside arrays), in schema order.
    private func allFields(_ fields: [Field]) -> [Field] {
        fields.flatMap { field -> [Field] in
            var nested: [Field] = []
            var type = field.type
            while case .array(let element) = type { type = element.type }
            if case .object(let object) = type { nested = allFields(object.fields) }
            return [field] + nested
        }
    }

    private func enums(_ fields: [Field]) -> [EnumType] {
        allFields(fields).compactMap { field in
            var type = field.type
            while case .array(let element) = type { type = element.type }
            if case .enumeration(let enumType) = type { return enumType }
            return nil
        }
    }

    /// The table rows of a page whose first cell is `first`.
    private func rows(_ page: String, first: String) -> [[String]] {
        page.split(separator: "\n").map(String.init).filter { $0.hasPrefix("| \(first) |") }.map { line in
            line.dropFirst(2).dropLast(2).components(separatedBy: " | ")
        }
    }

    @Test(arguments: schemaFolders)
    func everyPageShowsEveryFieldEnumValueIndexAndRule(folder: String) throws {
        let (schema, files) = try load(folder)
        #expect(files.count == schema.collections.count + 1)
        for collection in schema.collections {
            let page = try #require(files["Docs/\(collection.name).md"], "no page for \(collection.name)")
            for field in allFields(collection.fields) {
                let row = rows(page, first: "`\(field.dottedPath)`").filter { $0.count == 8 }
                #expect(row.count == 1, "\(collection.name): field \(field.dottedPath) should have one row")
                if let columnName = field.columnName, let cells = row.first {
                    #expect(cells[5].contains("`\(columnName)`") && cells[6].contains("`\(columnName)`"),
                            "\(collection.name).\(field.dottedPath): its column \(columnName) in both databases")
                    #expect(cells[6].contains("`\(SQLDialect.postgres.columnType(for: field))`"))
                }
                if let cells = row.first {
                    #expect(cells[2] == (field.isRequired ? "yes" : "no"), "\(field.dottedPath) required")
                    #expect(cells[3].isEmpty == (field.defaultValue == nil), "\(field.dottedPath) default")
                    let rules = field.constraints
                    let expected = [rules.min.map { "min \(format($0))" }, rules.max.map { "max \(format($0))" },
                                    rules.minLength.map { "minLength \($0)" }, rules.maxLength.map { "maxLength \($0)" },
                                    rules.pattern.map { "pattern `\($0.replacingOccurrences(of: "|", with: "\\|"))`" },
                                    rules.minItems.map { "minItems \($0)" }, rules.maxItems.map { "maxItems \($0)" }]
                    for text in expected.compactMap({ $0 }) { #expect(cells[4].contains(text), "\(field.dottedPath): \(text)") }
                    if field.isUnique { #expect(cells[4].contains("unique"), "\(field.dottedPath) is unique") }
                }
                if field.isSensitive { #expect(row.first?[4].contains("sensitive") == true, "\(field.dottedPath) is sensitive") }
                if field.isImmutable { #expect(row.first?[4].contains("immutable") == true, "\(field.dottedPath) is immutable") }
            }
            for enumType in enums(collection.fields) {
                #expect(page.contains("### `\(enumType.qualifiedName)`"), "\(collection.name): enum \(enumType.qualifiedName)")
                for enumCase in enumType.cases {
                    let row = rows(page, first: "`\(enumCase.value)`")
                    #expect(row.contains { $0.count == 3 && $0[1] == "`.\(enumCase.swiftName)`" },
                            "\(collection.name): \(enumType.qualifiedName).\(enumCase.value)")
                }
            }
            for index in collection.indexes {
                let row = rows(page, first: "`\(index.name)`").filter { $0.count == 6 }
                #expect(row.count == 1, "\(collection.name): index \(index.name)")
                for key in index.keys { #expect(row.first?[1].contains("`\(key.field.dottedPath)`") == true) }
            }
            let describe = SQLAccessPlanner(schema: schema).describe
            for operation in AccessOperation.allCases {
                let row = try #require(rows(page, first: operation.rawValue).first, "\(collection.name): \(operation)")
                let rules = collection.access.rules[operation] ?? []
                if rules.isEmpty {
                    #expect(row[1].contains("system context only"))
                    #expect(!page.contains("`\(collection.tableName)_\(operation.rawValue)`"), "no policy for \(operation)")
                } else {
                    #expect(row[1] == rules.map(describe).joined(separator: ", "))
                    #expect(row[2].contains("`\(SQLAccessPlanner.policyName(collection, operation))`"))
                }
            }
            try checkAccessMatrix(page, collection: collection)
            checkFieldRules(page, collection: collection)
        }
    }

    /// Each rule gives its caller a row, and a caller's cell is `yes` exactly where one of the
    /// operation's rules covers it.
    /// Every field with write rules of its own has a row in the field rules table, naming
    /// who may set it on create and change it on update.
    private func checkFieldRules(_ page: String, collection: Collection) {
        for field in collection.allFields {
            guard let rules = field.writeRules else { continue }
            let row = rows(page, first: "`\(field.dottedPath)`").first { $0.count == 4 }
            #expect(row != nil, "\(collection.name): no field rule row for \(field.dottedPath)")
            if let row, let update = rules.update {
                #expect(row[2] == (update.isEmpty ? "the system context only" : update.map(SQLAccessPlanner.describeRule).joined(separator: ", ")))
            }
        }
    }

    private func checkAccessMatrix(_ page: String, collection: Collection) throws {
        let header = try #require(rows(page, first: "caller").first)
        let operations = Array(header.dropFirst())
        #expect(operations == AccessOperation.allCases.map(\.rawValue))
        func cells(_ caller: String) -> [String]? { rows(page, first: caller).first.map { Array($0.dropFirst()) } }
        for (index, operation) in AccessOperation.allCases.enumerated() {
            let rules = collection.access.rules[operation] ?? []
            let general = rules.contains(.everyone) || rules.contains(.authenticated)
            #expect(cells("anonymous")?[index] == (rules.contains(.everyone) ? "yes" : "no"))
            #expect(cells("signed-in user")?[index] == (general ? "yes" : "no"))
            #expect(cells("system context")?[index] == "yes")
            for rule in AccessOperation.allCases.flatMap({ collection.access.rules[$0] ?? [] }) {
                let caller: String
                switch rule {
                case .everyone, .authenticated: continue
                case .isSelf: caller = "the user themselves (`self`)"
                case .owner(let path): caller = "owner (`\(path.written)`)"
                case .member(let path): caller = "member (`\(path.written)`)"
                case .role(let role): caller = "role `\(role)`"
                case .all: caller = SQLAccessPlanner.describeRule(rule)
                }
                let row = try #require(cells(caller), "\(collection.name): no row for \(caller)")
                #expect(row[index] == (general || rules.contains(rule) ? "yes" : "no"), "\(collection.name): \(caller) \(operation)")
            }
        }
    }

    @Test(arguments: schemaFolders)
    func theDiagramHasEveryCollectionAndReference(folder: String) throws {
        // `scenes }o..o{ characters : "script.dialogue.character"`
        let relationshipLine = #/^    "?([a-z_][a-z0-9_]*)"? (\|o|\}o)(--|\.\.)(\|\||o\||o\{) "?([a-z_][a-z0-9_]*)"? : "([^"]+)"$/#
        // `string profile_age "profile.age"`, `uuid id PK`
        let attributeLine = #/^        [A-Za-z][A-Za-z0-9_]*(\[\])* ([a-z_][a-z0-9_]*)( (PK|FK|UK)(, (PK|FK|UK))*)?( "[^"]+")?$/#
        let (schema, files) = try load(folder)
        let index = try #require(files["Docs/README.md"])
        let block = try #require(index.components(separatedBy: "```mermaid\n").dropFirst().first?.components(separatedBy: "\n```").first)
        let lines = block.split(separator: "\n").map(String.init)
        #expect(lines.first == "erDiagram")

        // Entities: a block per table with a line per column.
        var entities: [String: [String]] = [:]
        var current: String?
        var relationships: [(from: String, line: String, to: String, label: String)] = []
        for line in lines.dropFirst() {
            if line.hasPrefix("    "), line.hasSuffix(" {"), current == nil {
                current = String(line.dropFirst(4).dropLast(2)).replacingOccurrences(of: "\"", with: "")
                #expect(current.map { Naming.snakeCase($0) == $0 } == true, "entity name \(line)")
                entities[current!] = []
            } else if line == "    }" {
                current = nil
            } else if let entity = current {
                let match = line.wholeMatch(of: attributeLine)
                #expect(match != nil, "attribute line does not parse: \(line)")
                if let match { entities[entity]?.append(String(match.output.2)) }
            } else {
                let match = try #require(line.wholeMatch(of: relationshipLine), "relationship line does not parse: \(line)")
                relationships.append((String(match.output.1), String(match.output.3), String(match.output.5), String(match.output.6)))
            }
        }
        for collection in schema.collections {
            // The overview has the keys; the collection's own page has every column.
            let columns = try #require(entities[collection.tableName], "no entity for \(collection.tableName)")
            let page = try #require(files["Docs/\(collection.name).md"])
            let pageBlock = try #require(page.components(separatedBy: "```mermaid\n").dropFirst().first?.components(separatedBy: "\n```").first)
            let pageEntity = pageBlock.components(separatedBy: "    \(MermaidERDiagram.entityName(collection.tableName)) {\n").dropFirst().first?
                .components(separatedBy: "\n    }").first ?? ""
            let pageColumns = pageEntity.split(separator: "\n").compactMap { $0.wholeMatch(of: attributeLine).map { String($0.output.2) } }
            for field in allFields(collection.fields) {
                guard let column = field.columnName else { continue }
                #expect(pageColumns.contains(column), "\(collection.name).md: \(column)")
                var isKey = field.role == .primaryKey || field.isUnique
                if case .reference = field.type { isKey = true }
                if isKey { #expect(columns.contains(column), "overview: \(collection.tableName).\(column)") }
            }
            #expect(index.contains("| [\(collection.name)](\(collection.name).md) |"), "\(collection.name) in the index")
        }
        #expect(entities.count == schema.collections.count)

        // Every reference, walked here from the schema: a solid line when the database keeps
        // it (a foreign key or a join table), dotted when it lives in JSON.
        var expected: [String] = []
        func walk(_ fields: [Field], of collection: Collection, inArray: Bool) {
            for field in fields {
                var type = field.type
                var arrayed = inArray
                while case .array(let element) = type { type = element.type; arrayed = true }
                switch type {
                case .reference(let reference), .references(let reference):
                    let target = schema.collection(named: reference.target)!.tableName
                    expected.append("\(collection.tableName) \(arrayed ? ".." : "--") \(target) \(field.dottedPath)")
                case .object(let object):
                    walk(object.fields, of: collection, inArray: arrayed)
                default:
                    break
                }
            }
        }
        for collection in schema.collections { walk(collection.fields, of: collection, inArray: false) }
        #expect(relationships.map { "\($0.from) \($0.line) \($0.to) \($0.label)" }.sorted() == expected.sorted())
        #expect(!expected.isEmpty)
        // Each reference also has its row in the relationships table and on both pages.
        for relationship in relationships {
            let from = schema.collections.first { $0.tableName == relationship.from }!.name
            let to = schema.collections.first { $0.tableName == relationship.to }!.name
            let row = "| [\(from)](\(from).md) | `\(relationship.label)` | [\(to)](\(to).md) |"
            #expect(index.contains(row))
            #expect(files["Docs/\(from).md"]?.contains(row) == true)
            #expect(files["Docs/\(to).md"]?.contains(row) == true)
        }
    }

    @Test func cardinalityFollowsTheReference() throws {
        let schema = try resolved([(schemaPath, """
            name: things
            principal: true
            fields:
              owner: { type: ref, to: things, required: true }
              twin: { type: ref, to: things, unique: true }
              friends: { type: refs, to: things }
              notes: { type: array, items: { type: object, fields: { by: { type: ref, to: things } } } }
            access: { read: [public] }
            """)])
        let diagram = MermaidERDiagram(schema: schema, references: DocsReference.all(in: schema)).lines()
        #expect(diagram.filter { $0.hasPrefix("    things ") && !$0.hasSuffix("{") } == [
            "    things }o--|| things : \"owner\"",
            "    things |o--o| things : \"twin\"",
            "    things }o--o{ things : \"friends\"",
            "    things }o..o{ things : \"notes.by\"",
        ])
    }

    /// Mermaid's lexer reads `to`, `one`, `many`, `class`… at the start of a name as keywords.
    @Test func entityNamesThatBeginWithAKeywordAreQuoted() throws {
        let schema = try resolved([(schemaPath, """
            name: tokens
            principal: true
            fields:
              parent: { type: ref, to: tokens }
            access: { read: [public] }
            """)])
        let diagram = MermaidERDiagram(schema: schema, references: DocsReference.all(in: schema)).lines()
        #expect(diagram.contains("    \"tokens\" {"))
        #expect(diagram.contains("    \"tokens\" }o--o| \"tokens\" : \"parent\""))
        for name in ["projects", "users", "media", "episodes", "prompt_templates", "tasks"] {
            #expect(MermaidERDiagram.entityName(name) == name)
        }
        for name in ["one_offs", "Classes", "styles", "endings", "many_things", "zeros", "only_fans", "subgraphs"] {
            #expect(MermaidERDiagram.entityName(name) == "\"\(name)\"")
        }
    }

    // MARK: Examples

    private let sensitiveSchema: [(path: String, yaml: String)] = [("schemas/x.yaml", """
        name: accounts
        principal: true
        fields:
          email: { type: email, required: true }
          password: { type: string, sensitive: true }
          secrets:
            type: object
            fields:
              apiKey: { type: string, sensitive: true }
              note: string
          keys:
            type: array
            items: { type: object, fields: { label: string, value: { type: string, sensitive: true } } }
        access: { read: [self] }
        """)]

    @Test func redactionReplacesSensitiveValuesAtAnyDepth() throws {
        let schema = try resolved(sensitiveSchema)
        let record = JSONLiteral.object([
            ("id", .string("0b6f2c1e-6a55-4c4e-9b0e-2f1d3c4b5a69")),
            ("email", .string("ada@example.com")),
            ("password", .string("$argon2id$v=19$…")),
            ("secrets", .object([("apiKey", .string("sk-live-123")), ("note", .string("kept"))])),
            ("keys", .array([.object([("label", .string("ci")), ("value", .string("hunter2"))]),
                             .object([("label", .string("none")), ("value", .null)])])),
            ("extra", .string("not a field")),
        ])
        let redacted = DocsExample.redacting(record, of: schema.collections[0])
        let text = DocsExample.pretty(redacted)
        for secret in ["argon2id", "sk-live-123", "hunter2"] { #expect(!text.contains(secret)) }
        for kept in ["ada@example.com", "\"kept\"", "\"ci\"", "\"not a field\""] { #expect(text.contains(kept)) }
        #expect(text.components(separatedBy: "\"«redacted»\"").count - 1 == 3)
        #expect(text.contains("\"value\": null"), "a null gives nothing away and stays null")
        // Key order is the record's.
        let keys = ["\"id\"", "\"email\"", "\"password\"", "\"secrets\"", "\"keys\"", "\"extra\""].map { text.range(of: $0)!.lowerBound }
        #expect(keys == keys.sorted())
        #expect(DocsExample.pretty(.object([("a", .array([])), ("b", .object([])), ("c", .array([.number(1), .bool(true)]))])) == """
            {
              "a": [],
              "b": {},
              "c": [
                1,
                true
              ]
            }
            """)
    }

    @Test func anExampleGetsASectionOnItsPageOnly() throws {
        let (schema, _) = try load("schemas")
        let users = try #require(schema.collection(named: "users"))
        let json = DocsExample.json(.object([("email", .string("ada@example.com")), ("password", .string("hash"))]), of: users)
        let files = Renderer.render(DocsPlanner.plan(schema, examples: ["users": json]), with: .embedded())
        let page = try #require(files.first { $0.path == "Docs/users.md" }).contents
        #expect(page.contains("## Example\n"))
        #expect(page.contains("```json\n" + json + "\n```\n"))
        #expect(!page.contains("\"hash\""))
        for file in files where file.path != "Docs/users.md" { #expect(!file.contents.contains("## Example"), "\(file.path)") }
    }

    // MARK: Options

    @Test func docsIsAnOutputOfItsOwn() throws {
        let sources = try SchemaLoader.sources(inDirectory: packageRoot + "/schemas")
        #expect(GenerationOptions().outputs.contains(.docs))
        var options = GenerationOptions()
        options.outputs = [.swift, .sql]
        #expect(try Pipeline.generate(sources, options: options).allSatisfy { !$0.path.hasPrefix("Docs/") })
        options.outputs = [.docs]
        let docs = try Pipeline.generate(sources, options: options)
        #expect(docs.allSatisfy { $0.path.hasPrefix("Docs/") && $0.path.hasSuffix(".md") })
        #expect(docs.map(\.path).contains("Docs/README.md"))
        let configuration = try Configuration.parse("outputs: [docs, sql]\n", path: "schemagen.yaml")
        #expect(configuration.options.outputs == [.docs, .sql])
    }

    @Test func customTemplatesReplaceTheDocsTemplates() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("schemagen-docs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("docs"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "# {{name}} ({{model}})\n".write(to: folder.appendingPathComponent("docs/collection.md.mustache"), atomically: true, encoding: .utf8)
        let templates = try TemplateSet.embedded(overriddenBy: folder.path)
        var options = GenerationOptions()
        options.outputs = [.docs]
        let files = try Pipeline.generate(try SchemaLoader.sources(inDirectory: packageRoot + "/schemas"), templates: templates, options: options)
        #expect(files.first { $0.path == "Docs/projects.md" }?.contents == "# projects (Project)\n")
        #expect(files.first { $0.path == "Docs/README.md" }?.contents.contains("erDiagram") == true)
    }
}
