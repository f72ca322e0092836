import Foundation
import Testing
@testable import SchemaGenCore

/// The view models answer swift-mustache's lookups themselves (Render/TemplateFields.swift)
/// instead of being reflected: every stored property must have its case, or a user's template
/// that names it would render nothing.
@Suite("Template fields")
struct TemplateFieldsTests {
    /// Every view model reachable from the planned files of both schemas, checked against `Mirror`.
    @Test(arguments: ["schemas", "Tests/Fixtures/KitchenSink/schemas"])
    func everyStoredPropertyCanBeLookedUp(folder: String) throws {
        let schema = try Generator(schemasDirectory: packageRoot + "/" + folder).resolve()
        let sample = Pipeline.fixtures(schema)
        let planned = SQLPlanner.plan(schema) + SwiftModelsPlanner.plan(schema) + RepositoryPlanner.plan(schema)
            + FixturePlanner.plan(schema, fixtures: sample)
            + DocsPlanner.plan(schema, examples: schema.collections.reduce(into: [:]) { $0[$1.name] = "{}" })
        var checked: Set<String> = []
        for file in planned { check(file.context, at: file.path, checked: &checked) }
        // The conversions reached the view models (not only dictionaries).
        #expect(checked.contains("SQLTableView") && checked.contains("DocsCollectionView") && checked.contains("StructView")
                && checked.contains("RepositoryFileView"))
    }

    private func check(_ value: Any, at path: String, checked: inout Set<String>) {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .collection?, .set?, .optional?:
            for (index, child) in mirror.children.enumerated() { check(child.value, at: "\(path)[\(index)]", checked: &checked) }
        case .struct?:
            guard TemplateContext.answersLookups(value) else {
                Issue.record("\(path): \(type(of: value)) has no MustacheParent conformance")
                return
            }
            checked.insert(String(describing: type(of: value)))
            for child in mirror.children {
                guard let label = child.label else { continue }
                let isNil = Mirror(reflecting: child.value).displayStyle == .optional && Mirror(reflecting: child.value).children.isEmpty
                let found = TemplateContext.lookup(label, in: value)
                #expect((found == nil) == isNil, "\(path): \(type(of: value)).\(label) is not looked up")
                check(child.value, at: "\(path).\(label)", checked: &checked)
            }
        case .dictionary?:
            for child in mirror.children {
                if let pair = child.value as? (key: String, value: Any) { check(pair.value, at: "\(path).\(pair.key)", checked: &checked) }
            }
        default:
            break
        }
    }
}
