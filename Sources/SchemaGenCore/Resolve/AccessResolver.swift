extension Resolver {
    static let ruleKeywords = ["public", "authenticated", "admin", "self", "owner", "member"]

    mutating func resolveAccess(_ syntax: [AccessSyntax]?, in collection: Collection, all: [String: Collection]) -> AccessPolicy {
        guard let syntax else { return AccessPolicy(rules: [:], isDeclared: false) }
        var rules: [AccessOperation: [AccessRule]] = [:]
        for entry in syntax {
            guard let operation = AccessOperation(rawValue: entry.operation.value) else { continue }
            var granted: [AccessRule] = []
            for rule in entry.rules {
                guard let resolved = resolveRule(rule, in: collection, all: all) else { continue }
                if operation == .create, Self.needsStoredLinks(resolved, of: collection) {
                    diagnostics.error("a member rule on the record's own links can never grant a create: the links are written after the record",
                                      at: rule.location,
                                      notes: [Diagnostic.Note("use owner, a role, or a member rule through a reference")])
                    continue
                }
                if !granted.contains(resolved) { granted.append(resolved) }
            }
            rules[operation] = granted
        }
        return AccessPolicy(rules: rules, isDeclared: true)
    }

    mutating func resolveRule(_ rule: Located<AccessSyntax.Rule>, in collection: Collection,
                              all: [String: Collection]) -> AccessRule? {
        let location = rule.location
        switch rule.value {
        case .all(let items):
            guard !items.isEmpty else {
                diagnostics.error("'all' needs at least one rule", at: location,
                                  notes: [Diagnostic.Note("write { all: [{ role: producer }, member] }")])
                return nil
            }
            var parts: [AccessRule] = []
            var isComplete = true
            for item in items {
                if case .all = item.value {
                    diagnostics.error("'all' inside 'all' adds nothing", at: item.location,
                                      notes: [Diagnostic.Note("list its rules in the outer 'all'")])
                    isComplete = false
                    continue
                }
                guard let part = resolveRule(item, in: collection, all: all) else { isComplete = false; continue }
                if !parts.contains(part) { parts.append(part) }
            }
            guard isComplete else { return nil }
            return parts.count == 1 ? parts[0] : .all(parts)
        case .keyword("public"): return .everyone
        case .keyword("authenticated"): return .authenticated
        case .keyword("admin"):
            if let roles = principalRoles, !roles.contains("admin") {
                diagnostics.error("'admin' needs the value 'admin' in the principal's 'role' field", at: location,
                                  notes: [Diagnostic.Note("the roles are \(roles.joined(separator: ", "))")])
                return nil
            }
            return .role("admin")
        case .keyword("self"):
            guard collection.isPrincipal else {
                diagnostics.error("'self' applies only to the principal collection", at: location,
                                  notes: [Diagnostic.Note(principalName.map { "the principal collection is '\($0)'" }
                                      ?? "mark the collection of users with 'principal: true'")])
                return nil
            }
            return .isSelf
        case .keyword(let keyword) where keyword == "owner" || keyword == "member":
            guard let principal = requirePrincipal(for: keyword, at: location) else { return nil }
            let wantsMany = keyword == "member"
            let candidates = Resolver.fieldsPointing(at: principal, many: wantsMany, in: allFields(collection.fields))
            guard candidates.count == 1 else {
                let kind = wantsMany ? "refs" : "ref"
                // With a field left out for its own errors, the one meant may be that field.
                if candidates.isEmpty, !(brokenFields[collection.name] ?? []).isEmpty { return nil }
                if candidates.isEmpty {
                    diagnostics.error("'\(keyword)' needs a \(kind) field to '\(principal)', and collection '\(collection.name)' has none",
                                      at: location,
                                      notes: [throughReferenceHint(keyword: keyword, many: wantsMany, principal: principal,
                                                                   in: collection, all: all)])
                } else {
                    diagnostics.error("'\(keyword)' is ambiguous: collection '\(collection.name)' has several \(kind) fields to '\(principal)'",
                                      at: location,
                                      notes: [Diagnostic.Note("name one: " + candidates.map { "{ \(keyword): \($0.dottedPath) }" }.joined(separator: " or "))])
                }
                return nil
            }
            let field = candidates[0]
            let path = AccessPath(steps: [AccessPath.Step(collection: collection.name, fieldPath: field.path, columnName: field.columnName)],
                                  written: field.dottedPath)
            return wantsMany ? .member(path) : .owner(path)
        case .keyword(let other):
            diagnostics.error("unknown access rule '\(other)'", at: location,
                              notes: [Suggestions.didYouMean(other, in: Resolver.ruleKeywords)
                                  ?? Diagnostic.Note("expected one of \(Resolver.ruleKeywords.joined(separator: ", ")), { owner: FIELD }, { member: FIELD } or { role: NAME }")])
            return nil
        case .role(let role):
            guard !role.isEmpty else {
                diagnostics.error("a role rule needs a role name", at: location)
                return nil
            }
            if let roles = principalRoles, !roles.contains(role) {
                diagnostics.error("role '\(role)' is not a value of the principal's 'role' field", at: location,
                                  notes: [Suggestions.didYouMean(role, in: roles)
                                      ?? Diagnostic.Note("the roles are \(roles.joined(separator: ", ")); add it to the enum or fix the name")])
                return nil
            }
            return .role(role)
        case .owner(let written), .member(let written):
            let wantsMany: Bool = { if case .member = rule.value { return true } else { return false } }()
            let keyword = wantsMany ? "member" : "owner"
            guard let principal = requirePrincipal(for: keyword, at: location),
                  let path = resolvePath(Located(written, at: location), from: collection, all: all,
                                         principal: principal, wantsMany: wantsMany, keyword: keyword) else { return nil }
            return wantsMany ? .member(path) : .owner(path)
        }
    }

    /// Suggests a path through one of the collection's references to a collection that has the
    /// field the rule needs (`{ owner: project.createdBy }`), or says how to write one.
    private func throughReferenceHint(keyword: String, many: Bool, principal: String, in collection: Collection,
                                      all: [String: Collection]) -> Diagnostic.Note {
        for field in allFields(collection.fields) where field.columnName != nil {
            guard case .reference(let reference) = field.type, let target = all[reference.target],
                  let end = Resolver.fieldsPointing(at: principal, many: many, in: allFields(target.fields)).first else { continue }
            return Diagnostic.Note("name one through a reference, such as { \(keyword): \(field.dottedPath).\(end.dottedPath) }")
        }
        return Diagnostic.Note("add a \(many ? "refs" : "ref") field to '\(principal)', or name one through a reference: { \(keyword): REFERENCE.FIELD }")
    }

    private mutating func requirePrincipal(for keyword: String, at location: SourceLocation) -> String? {
        guard let principalName else {
            diagnostics.error("'\(keyword)' needs a principal collection, and none is marked", at: location,
                              notes: [Diagnostic.Note("mark the collection of users with 'principal: true'")])
            return nil
        }
        return principalName
    }

    /// Fields with a column (or a join table) that reference the principal collection.
    static func fieldsPointing(at principal: String, many: Bool, in fields: [Field]) -> [Field] {
        fields.filter { field in
            switch field.type {
            case .reference(let reference): return !many && reference.target == principal && field.columnName != nil
            case .references(let reference): return many && reference.target == principal
            default: return false
            }
        }
    }

    /// Walks `project.createdBy`: through nested objects and references to one, ending at a
    /// reference (owner) or references (member) to the principal.
    private mutating func resolvePath(_ written: Located<String>, from collection: Collection, all: [String: Collection],
                                      principal: String, wantsMany: Bool, keyword: String) -> AccessPath? {
        let segments = written.value.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var current = collection
        var fields = collection.fields
        var fieldPath: [String] = []
        var steps: [AccessPath.Step] = []
        let what = "'{ \(keyword): \(written.value) }'"
        for (position, segment) in segments.enumerated() {
            let isLast = position == segments.count - 1
            guard let field = fields.first(where: { $0.name == segment }) else {
                if isBroken(fieldPath + [segment], in: current.name) { return nil }  // reported where it is defined
                diagnostics.error("\(what): collection '\(current.name)' has no field '\((fieldPath + [segment]).joined(separator: "."))'",
                                  at: written.location,
                                  notes: Suggestions.didYouMean(segment, in: fields.map(\.name)).map { [$0] } ?? [])
                return nil
            }
            fieldPath.append(segment)
            switch field.type {
            case .object(let object) where !isLast:
                fields = object.fields
            case .reference(let reference) where !isLast:
                guard field.columnName != nil, let next = all[reference.target] else {
                    diagnostics.error("\(what): '\(field.dottedPath)' is inside an array and cannot be followed", at: written.location)
                    return nil
                }
                steps.append(AccessPath.Step(collection: current.name, fieldPath: fieldPath, columnName: field.columnName))
                current = next
                fields = next.fields
                fieldPath = []
            case .reference(let reference) where isLast && !wantsMany && reference.target == principal && field.columnName != nil,
                 .references(let reference) where isLast && wantsMany && reference.target == principal:
                steps.append(AccessPath.Step(collection: current.name, fieldPath: fieldPath, columnName: field.columnName))
                return AccessPath(steps: steps, written: written.value)
            default:
                let expected = wantsMany ? "a refs field to '\(principal)'" : "a ref field to '\(principal)'"
                let reason = isLast ? "must end at \(expected)" : "can only go through objects and references to one"
                var actual = field.type.schemaName
                switch field.type {
                case .reference(let reference), .references(let reference): actual += " to '\(reference.target)'"
                default: break
                }
                diagnostics.error("\(what) \(reason); '\(field.dottedPath)' in '\(current.name)' is \(actual)",
                                  at: written.location)
                return nil
            }
        }
        return nil
    }
}
