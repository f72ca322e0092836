import Foundation
import Yams

/// One entry of a collection's `lint: { ignore: [...] }`: a lint finding the schema's authors
/// have looked at and decided to keep, with their reason.
///
/// ```yaml
/// lint:
///   ignore:
///     - { rule: fk-without-index, field: template, reason: "templates are never deleted" }
///     - { rule: redundant-index, index: media_project_idx, reason: "…" }
/// ```
public struct LintIgnoreSyntax: Sendable {
    public var rule: Located<String>
    /// The field the finding is about (dotted path), for field rules.
    public var field: Located<String>?
    /// The index the finding is about (its SQL name), for index rules.
    public var index: Located<String>?
    public var reason: Located<String>
    public var location: SourceLocation
}

extension SchemaLoader {
    static let lintKeys = ["ignore"]
    static let lintIgnoreKeys = ["rule", "field", "index", "reason"]

    /// `lint: { ignore: [{ rule, field | index, reason }] }`. Checks the shape and that the rule
    /// is one `schemagen lint` knows; whether the entry matches a finding is the lint's business.
    static func loadLint(_ node: Node, reader: inout YAMLReader) -> [LintIgnoreSyntax] {
        guard let pairs = reader.mapping(node, what: "'lint'", allowed: lintKeys) else { return [] }
        var ignores: [LintIgnoreSyntax] = []
        for pair in pairs {  // only `ignore`
            guard let items = reader.sequence(pair.value, what: "'ignore' of 'lint'") else { continue }
            for item in items {
                let location = reader.location(of: item)
                let what = "an entry of 'lint.ignore'"
                guard let entries = reader.mapping(item, what: what, allowed: lintIgnoreKeys) else { continue }
                var values: [String: Located<String>] = [:]
                for entry in entries {
                    if let text = reader.string(entry.value, what: "'\(entry.key.value)' of \(what)") {
                        values[entry.key.value] = text
                    }
                }
                guard let rule = values["rule"] else {
                    reader.diagnostics.error("\(what) needs 'rule'", at: location,
                                             notes: [Diagnostic.Note("one of: \(LintRule.silenceable.map(\.rawValue).joined(separator: ", "))")])
                    continue
                }
                guard let known = LintRule(rawValue: rule.value), LintRule.silenceable.contains(known) else {
                    let names = LintRule.silenceable.map(\.rawValue)
                    reader.diagnostics.error("unknown lint rule '\(rule.value)'", at: rule.location,
                                             notes: [Suggestions.didYouMean(rule.value, in: names)
                                                 ?? Diagnostic.Note("expected one of: \(names.joined(separator: ", "))")])
                    continue
                }
                let field = values["field"], index = values["index"]
                switch known.subject {
                case .field where field == nil || index != nil:
                    reader.diagnostics.error("'\(known.rawValue)' is about a field: name it with 'field' (a dotted path such as visualDesign.finalDesign)",
                                             at: (index ?? rule).location)
                    continue
                case .index where index == nil || field != nil:
                    reader.diagnostics.error("'\(known.rawValue)' is about an index: name it with 'index' (its SQL name, as the finding shows it)",
                                             at: (field ?? rule).location)
                    continue
                default: break
                }
                guard let reason = values["reason"], !reason.value.trimmingCharacters(in: .whitespaces).isEmpty else {
                    reader.diagnostics.error("\(what) needs a 'reason': why the finding doesn't apply here", at: (values["reason"] ?? rule).location)
                    continue
                }
                ignores.append(LintIgnoreSyntax(rule: rule, field: field, index: index, reason: reason, location: location))
            }
        }
        return ignores
    }
}
