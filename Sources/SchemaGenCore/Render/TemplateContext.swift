/// What the templates are rendered with. The engine (Render/Mustache.swift) looks a name up in
/// the values of the context stack, for every tag: by reflection (`Mirror`) unless the value
/// answers itself (`MustacheParent`). The view models answer themselves (Render/TemplateFields.swift) and
/// dictionaries do; any other value (a view model without a conformance) is turned into
/// dictionaries once before rendering, by reflection, which is slower but always right.
enum TemplateContext {
    static func dictionaries(_ value: Any) -> Any {
        switch value {
        case let text as String: return text
        case let flag as Bool: return flag
        case let number as Int: return number
        case let number as Double: return number
        // View models with their own lookup, and dictionaries: as they are.
        case let parent as any MustacheParent: return parent
        default: break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .collection?, .set?:
            return mirror.children.map { dictionaries($0.value) }
        case .optional?:
            return mirror.children.first.map { dictionaries($0.value) } as Any
        case .struct?, .class?:
            var fields: [String: Any] = [:]
            for child in mirror.children {
                guard let label = child.label else { continue }
                let childMirror = Mirror(reflecting: child.value)
                // A nil optional is left out, so a section over it is false.
                if childMirror.displayStyle == .optional, childMirror.children.isEmpty { continue }
                fields[label] = dictionaries(child.value)
            }
            return fields
        default:
            return value
        }
    }

    /// Whether `value` answers lookups itself (a view model with a conformance, a dictionary).
    static func answersLookups(_ value: Any) -> Bool { value is any MustacheParent }

    /// What a template's `{{name}}` finds in `value` when it answers lookups itself.
    static func lookup(_ name: String, in value: Any) -> Any? { (value as? any MustacheParent)?.child(named: name) }
}
