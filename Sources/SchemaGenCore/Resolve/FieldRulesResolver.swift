// A field's own write rules (`access: { create: […], update: […] }`) and a reference's scope
// (`within: project`). Both come once every collection's fields and access rules are known.

extension Resolver {
    static func roleValues(of principal: Collection) -> [String]? {
        guard let field = principal.fields.first(where: { $0.name == "role" }),
              case .enumeration(let enumType) = field.type else { return nil }
        return enumType.cases.map(\.value)
    }

    mutating func resolveFieldRules(_ syntax: [FieldSyntax], in collection: inout Collection, all: [String: Collection],
                                    parentPath: [String] = []) {
        for fieldSyntax in syntax {
            let path = parentPath + [fieldSyntax.name.value]
            guard let field = Self.field(at: path, in: collection.fields) else { continue }  // left out for its own errors
            if let access = fieldSyntax.access,
               let rules = resolveWriteRules(access, of: field, in: collection, all: all) {
                Self.change(path, in: &collection.fields) { $0.writeRules = rules }
            }
            if let within = fieldSyntax.within, let scope = resolveWithin(within, of: field, in: collection, all: all) {
                Self.change(path, in: &collection.fields) { $0.within = scope }
            }
            if let nested = fieldSyntax.fields, case .object = field.type {
                resolveFieldRules(nested, in: &collection, all: all, parentPath: path)
            }
        }
    }

    private mutating func resolveWriteRules(_ syntax: [AccessSyntax], of field: Field, in collection: Collection,
                                            all: [String: Collection]) -> FieldWriteRules? {
        let location = syntax.first?.operation.location ?? field.location
        let what = "field '\(field.dottedPath)'"
        switch field.type {
        case .object, .references: break
        default:
            guard field.columnName != nil else {
                diagnostics.error("write rules do not apply to \(what): it has no column of its own", at: location,
                                  notes: [Diagnostic.Note("put them on the array or object that holds it")])
                return nil
            }
        }
        var rules = FieldWriteRules(create: nil, update: nil, location: location)
        for entry in syntax {
            var granted: [AccessRule] = []
            var isComplete = true
            for rule in entry.rules {
                guard let resolved = resolveRule(rule, in: collection, all: all) else { isComplete = false; continue }
                if entry.operation.value != "update", Self.needsStoredLinks(resolved, of: collection) {
                    diagnostics.error("a member rule on the record's own links can never grant a create: the links are written after the record",
                                      at: rule.location,
                                      notes: [Diagnostic.Note("use owner, a role, or a member rule through a reference")])
                    isComplete = false
                    continue
                }
                if !granted.contains(resolved) { granted.append(resolved) }
            }
            guard isComplete else { return nil }
            switch entry.operation.value {
            case "create": rules.create = granted
            case "update": rules.update = granted
            default:
                rules.create = granted
                rules.update = granted
            }
        }
        if case .references = field.type, rules.create != rules.update {
            diagnostics.error("\(what) keeps its links in one join table: its create and update rules must be the same",
                              at: location, notes: [Diagnostic.Note("write 'access: { write: [...] }'")])
            return nil
        }
        return rules
    }

    /// Whether a rule asks for links of the record itself (`member` of its own `refs` field),
    /// which a record being created can't have yet.
    static func needsStoredLinks(_ rule: AccessRule, of collection: Collection) -> Bool {
        switch rule {
        case .member(let path): return path.steps.count == 1
        case .all(let rules): return rules.contains { needsStoredLinks($0, of: collection) }
        default: return false
        }
    }

    private mutating func resolveWithin(_ written: Located<String>, of field: Field, in collection: Collection,
                                        all: [String: Collection]) -> Within? {
        let what = "'within: \(written.value)' of field '\(field.dottedPath)'"
        guard case .reference(let reference) = field.type, field.columnName != nil, let target = all[reference.target] else {
            diagnostics.error("\(what): 'within' applies to a ref field with a column", at: written.location)
            return nil
        }
        let segments = written.value.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let scope = Self.field(at: segments, in: collection.fields) else {
            if isBroken(segments, in: collection.name) { return nil }
            diagnostics.error("\(what): collection '\(collection.name)' has no field '\(written.value)'", at: written.location,
                              notes: Suggestions.didYouMean(written.value, in: allFields(collection.fields).map(\.dottedPath)).map { [$0] } ?? [])
            return nil
        }
        guard case .reference(let scopeReference) = scope.type, let scopeColumn = scope.columnName else {
            diagnostics.error("\(what): '\(written.value)' must be a ref field, and it is \(scope.type.schemaName)", at: written.location)
            return nil
        }
        let candidates = allFields(target.fields).filter { candidate in
            if case .reference(let other) = candidate.type { return other.target == scopeReference.target && candidate.columnName != nil }
            return false
        }
        let targetScope = candidates.first { $0.dottedPath == scope.dottedPath } ?? (candidates.count == 1 ? candidates[0] : nil)
        guard let targetScope, let targetColumn = targetScope.columnName else {
            diagnostics.error("\(what): collection '\(target.name)' has \(candidates.isEmpty ? "no" : "several") ref fields to '\(scopeReference.target)'",
                              at: written.location,
                              notes: [Diagnostic.Note(candidates.isEmpty
                                  ? "a record of '\(target.name)' must say which '\(scopeReference.target)' it belongs to"
                                  : "name the field the same in both collections")])
            return nil
        }
        return Within(scopeField: scope.path, scopeColumn: scopeColumn, targetScopeField: targetScope.path,
                      targetScopeColumn: targetColumn, location: written.location)
    }

    static func field(at path: [String], in fields: [Field]) -> Field? {
        var fields = fields
        var found: Field?
        for segment in path {
            guard let next = fields.first(where: { $0.name == segment }) else { return nil }
            found = next
            if case .object(let object) = next.type { fields = object.fields } else { fields = [] }
        }
        return found
    }

    static func change(_ path: [String], in fields: inout [Field], _ body: (inout Field) -> Void) {
        guard let first = path.first, let index = fields.firstIndex(where: { $0.name == first }) else { return }
        if path.count == 1 {
            body(&fields[index])
        } else if case .object(var object) = fields[index].type {
            change(Array(path.dropFirst()), in: &object.fields, body)
            fields[index].type = .object(object)
        }
    }
}
