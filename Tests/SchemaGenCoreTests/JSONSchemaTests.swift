import Foundation
@testable import SchemaGenCore
import Testing

/// The JSON Schemas editors use (docs/schemagen.schema.json, docs/schemagen-config.schema.json)
/// list exactly the keys and values the loader and resolver accept, so the two can't drift; every
/// property explains itself; and the repository's schemas validate against them with a real
/// validator (scripts/check-json-schema) where one is installed.
@Suite("JSON Schema for editors")
struct JSONSchemaTests {
    typealias Object = [String: Any]

    static func load(_ name: String) throws -> Object {
        let data = try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/docs/" + name))
        return try #require(try JSONSerialization.jsonObject(with: data) as? Object, "\(name) is not a JSON object")
    }

    /// `$defs.NAME`, or the object alternative of its `anyOf`.
    func definition(_ name: String, in schema: Object) throws -> Object {
        let definitions = try #require(schema["$defs"] as? Object)
        let found = try #require(definitions[name] as? Object, "no definition '\(name)'")
        if found["properties"] != nil { return found }
        let alternatives = try #require(found["anyOf"] as? [Object], "'\(name)' has neither properties nor anyOf")
        return try #require(alternatives.first { $0["properties"] != nil }, "'\(name)' has no object alternative")
    }

    func keys(_ object: Object) throws -> Set<String> {
        Set(try #require(object["properties"] as? Object).keys)
    }

    func property(_ path: [String], of object: Object) throws -> Object {
        var current = object
        for key in path {
            let properties = try #require(current["properties"] as? Object)
            current = try #require(properties[key] as? Object, "no property '\(key)'")
        }
        return current
    }

    func enumValues(_ object: Object) -> Set<String> {
        if let values = object["enum"] as? [String] { return Set(values) }
        let alternatives = (object["anyOf"] as? [Object]) ?? []
        return Set(alternatives.compactMap { $0["enum"] as? [String] }.flatMap { $0 })
    }

    @Test func bothAreDraft07JSON() throws {
        for name in ["schemagen.schema.json", "schemagen-config.schema.json"] {
            #expect(try Self.load(name)["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        }
    }

    /// What `schemagen json-schema` writes is the file in docs/ (scripts/embed-json-schemas).
    @Test func theEmbeddedCopiesAreTheFilesInDocs() throws {
        let docs = packageRoot + "/docs/"
        #expect(EmbeddedJSONSchemas.collection + "\n" == (try String(contentsOfFile: docs + "schemagen.schema.json", encoding: .utf8)),
                "run scripts/embed-json-schemas")
        #expect(EmbeddedJSONSchemas.configuration + "\n" == (try String(contentsOfFile: docs + "schemagen-config.schema.json", encoding: .utf8)),
                "run scripts/embed-json-schemas")
    }

    @Test func theCollectionSchemaHasTheLoadersKeys() throws {
        let schema = try Self.load("schemagen.schema.json")
        #expect(try keys(schema) == Set(SchemaLoader.collectionKeys))
        #expect(try keys(definition("field", in: schema)) == Set(SchemaLoader.fieldKeys))
        #expect(try keys(definition("item", in: schema)) == Set(SchemaLoader.itemKeys))
        #expect(try keys(definition("index", in: schema)) == Set(SchemaLoader.indexKeys))
        #expect(try keys(definition("condition", in: schema)) == Set(SchemaLoader.conditionKeys))
        #expect(try keys(definition("enumValue", in: schema)) == Set(SchemaLoader.enumValueKeys))
        #expect(try keys(definition("sharedEnum", in: schema)) == Set(SchemaLoader.sharedEnumKeys))
        #expect(try keys(property(["access"], of: schema)) == Set(SchemaLoader.accessOperations))
        #expect(try keys(definition("fieldAccess", in: schema)) == Set(SchemaLoader.fieldAccessOperations))
        #expect(try keys(definition("accessRule", in: schema)) == Set(SchemaLoader.ruleKeys))
        #expect(try keys(property(["lint"], of: schema)) == Set(SchemaLoader.lintKeys))
        #expect(try keys(definition("lintIgnore", in: schema)) == Set(SchemaLoader.lintIgnoreKeys))
    }

    @Test func theCollectionSchemaHasTheResolversValues() throws {
        let schema = try Self.load("schemagen.schema.json")
        let definitions = try #require(schema["$defs"] as? Object)
        #expect(enumValues(try #require(definitions["accessRule"] as? Object)) == Set(Resolver.ruleKeywords))
        #expect(enumValues(try property(["type"], of: definition("field", in: schema))) == Set(fieldTypeNames))
        #expect(enumValues(try property(["kind"], of: definition("index", in: schema))) == Set(Resolver.indexKinds))
        #expect(enumValues(try property(["rule"], of: definition("lintIgnore", in: schema))) == Set(LintRule.silenceable.map(\.rawValue)))
        let id = enumValues(try property(["id"], of: schema))
        #expect(id == ["uuid", "uuidv7", "int64", "int32", "string"])
        #expect(id.allSatisfy { Collection.IDStrategy(rawValue: $0) != nil || KeyType(rawValue: $0) != nil })
        let onDelete = enumValues(try property(["onDelete"], of: definition("field", in: schema)))
        #expect(onDelete == ["restrict", "noAction", "cascade", "setNull"] && onDelete.allSatisfy { Reference.DeleteRule(rawValue: $0) != nil })
        let metric = enumValues(try property(["metric"], of: definition("index", in: schema)))
        #expect(metric == ["cosine", "l2", "innerProduct"] && metric.allSatisfy { Index.VectorMetric(rawValue: $0) != nil })
    }

    @Test func theConfigurationSchemaHasTheConfigurationsKeysAndValues() throws {
        let schema = try Self.load("schemagen-config.schema.json")
        #expect(try keys(schema) == Set(Configuration.keys))
        #expect(try keys(property(["fixtures"], of: schema)) == Set(Configuration.fixturesKeys))
        let outputs = try #require(try property(["outputs"], of: schema)["items"] as? Object)
        #expect(enumValues(outputs) == Set(GenerationOptions.Output.allCases.map(\.rawValue)))
        #expect(enumValues(try property(["layout"], of: schema)) == Set(GenerationOptions.Layout.allCases.map(\.rawValue)))
        #expect(enumValues(try property(["accessModifier"], of: schema)) == Set(GenerationOptions.AccessModifier.allCases.map(\.rawValue)))
    }

    /// What an editor shows on hover: every property, at any depth, has a description of its own
    /// or refers to a definition.
    @Test func everyPropertyIsDescribed() throws {
        var undescribed: [String] = []
        func walk(_ value: Any, path: String) {
            if let object = value as? Object {
                if let properties = object["properties"] as? Object {
                    for (key, property) in properties {
                        let property = property as? Object ?? [:]
                        if property["description"] == nil && property["$ref"] == nil { undescribed.append(path + "/" + key) }
                    }
                }
                for (key, child) in object { walk(child, path: path + "/" + key) }
            } else if let array = value as? [Any] {
                for (offset, child) in array.enumerated() { walk(child, path: path + "/\(offset)") }
            }
        }
        for name in ["schemagen.schema.json", "schemagen-config.schema.json"] { walk(try Self.load(name), path: name) }
        #expect(undescribed.sorted() == [])
    }

    /// scripts/check-json-schema validates schemas/, the kitchen sink and the example's files with
    /// python3-jsonschema (which .ci/run installs). Skipped where it isn't installed, unless CI.
    @Test func theRepositorysSchemasValidateWithARealValidator() throws {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import jsonschema, yaml"]
        probe.standardError = FileHandle.nullDevice
        let available = (try? probe.run()).map { probe.waitUntilExit(); return probe.terminationStatus == 0 } ?? false
        let required = ["1", "true"].contains(ProcessInfo.processInfo.environment["CI"]?.lowercased() ?? "")
        guard available else {
            if required { Issue.record("python3 with jsonschema and yaml is required under CI (.ci/run installs them)") }
            return
        }
        let check = Process()
        check.executableURL = URL(fileURLWithPath: packageRoot + "/scripts/check-json-schema")
        let output = Pipe()
        check.standardOutput = output
        check.standardError = output
        try check.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        check.waitUntilExit()
        #expect(check.terminationStatus == 0, "\(text)")
        #expect(text.contains(" 0 with problems"))
    }
}
