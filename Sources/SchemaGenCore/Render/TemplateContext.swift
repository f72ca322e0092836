/// View models turned into dictionaries once before rendering. swift-mustache looks a name up by
/// reflecting the object it searches, for every tag and every level of the context stack;
/// dictionaries it reads directly, which makes rendering several times faster.
enum TemplateContext {
    static func dictionaries(_ value: Any) -> Any {
        switch value {
        case let text as String: return text
        case let flag as Bool: return flag
        case let number as Int: return number
        case let number as Double: return number
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
}
