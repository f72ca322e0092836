/// The access section of a collection's page: who may do what (a caller × operation matrix
/// from the resolved rules), and where each operation is enforced: PostgreSQL row-level
/// security (policy names from the SQL plan) and the repositories' checks, the only ones on
/// SQLite.
struct DocsAccessPlanner {
    let schema: Schema
    let collection: Collection
    /// The references from the collection (`DocsReference.all` of it).
    let outgoing: [DocsReference]

    private var operations: [AccessOperation] { AccessOperation.allCases }

    private func rules(_ operation: AccessOperation) -> [AccessRule] {
        collection.access.rules[operation] ?? []
    }

    func view() -> DocsAccessView {
        let rules = fieldRules()
        return DocsAccessView(operations: operations.map(\.rawValue), matrix: matrix(), enforcement: enforcement(),
                              fieldRules: rules, hasFieldRules: !rules.isEmpty, notes: notes())
    }

    /// Rows: anonymous, any signed-in user, then self, owners and members (the paths the rules
    /// name, in name order), each role the rules name (in name order), and the system context.
    private func matrix() -> [DocsAccessRowView] {
        let all = operations.flatMap(rules)
        var callers: [(caller: String, grantedBy: (AccessRule) -> Bool)] = [
            ("anonymous", { $0 == .everyone }),
            ("signed-in user", { $0 == .everyone || $0 == .authenticated }),
        ]
        let general = { (rule: AccessRule) in rule == .everyone || rule == .authenticated }
        if all.contains(.isSelf) {
            callers.append(("the user themselves (`self`)", { general($0) || $0 == .isSelf }))
        }
        var owners: [AccessPath] = [], members: [AccessPath] = []
        var roles: [String] = []
        for rule in all {
            switch rule {
            case .owner(let path) where !owners.contains(path): owners.append(path)
            case .member(let path) where !members.contains(path): members.append(path)
            case .role(let role) where !roles.contains(role): roles.append(role)
            default: break
            }
        }
        for path in owners.sorted(by: { $0.written < $1.written }) {
            callers.append(("owner (\(Markdown.code(path.written)))", { general($0) || $0 == .owner(path) }))
        }
        for path in members.sorted(by: { $0.written < $1.written }) {
            callers.append(("member (\(Markdown.code(path.written)))", { general($0) || $0 == .member(path) }))
        }
        for role in roles.sorted() {
            callers.append(("role \(Markdown.code(role))", { general($0) || $0 == .role(role) }))
        }
        // A caller an `all` rule grants is one who is every one of its parts at once.
        var compositions: [AccessRule] = []
        for rule in all where !compositions.contains(rule) {
            if case .all = rule { compositions.append(rule) }
        }
        let describe = SQLAccessPlanner(schema: schema).describe
        for rule in compositions {
            callers.append((describe(rule), { general($0) || $0 == rule }))
        }
        var rows = callers.map { caller in
            DocsAccessRowView(caller: caller.caller, cells: operations.map { operation in
                rules(operation).contains(where: caller.grantedBy) ? "yes" : "no"
            })
        }
        rows.append(DocsAccessRowView(caller: "system context", cells: operations.map { _ in "yes" }))
        return rows
    }

    private func enforcement() -> [DocsEnforcementRowView] {
        let describe = SQLAccessPlanner(schema: schema).describe
        return operations.map { operation in
            let rules = rules(operation)
            guard !rules.isEmpty else {
                return DocsEnforcementRowView(operation: operation.rawValue, rules: "none: system context only",
                                              postgres: "no policy: only a role with `BYPASSRLS`",
                                              repositories: "refused unless the context is `.system`")
            }
            let policy = Markdown.code(SQLAccessPlanner.policyName(collection, operation))
            let postgres: String
            let repositories: String
            switch operation {
            case .read:
                postgres = "policy \(policy) `FOR SELECT`: other rows are invisible"
                repositories = "`find`, `list`, finders and searches filter by the rules"
            case .create:
                postgres = "policy \(policy) `FOR INSERT WITH CHECK`"
                repositories = "`create` checks the new record"
            case .update:
                postgres = "policy \(policy) `FOR UPDATE`: the rules hold before and after"
                repositories = "`update` finds the record through the rules and checks the changed record"
            case .delete:
                postgres = "policy \(policy) `FOR DELETE`"
                repositories = "`delete` finds the record through the rules"
            }
            return DocsEnforcementRowView(operation: operation.rawValue, rules: Markdown.cell(rules.map(describe).joined(separator: ", ")),
                                          postgres: postgres, repositories: repositories)
        }
    }

    /// Join tables (as protected as the record) and immutable fields.
    private func notes() -> [String] {
        var notes: [String] = []
        let hasUpdate = !rules(.update).isEmpty
        for reference in outgoing {
            guard case .joinTable(let join) = reference.storage else { continue }
            let policies = (hasUpdate ? AccessOperation.allCases : [.read]).map { Markdown.code(SQLAccessPlanner.joinTablePolicyName(join, $0)) }
            notes.append("The links of \(Markdown.code(reference.field.dottedPath)) (join table \(Markdown.code(join.name))) are visible to whoever may read the \(collection.modelName) and "
                         + (hasUpdate ? "changed by whoever may update it" : "changed only by the system context")
                         + "; PostgreSQL policies " + policies.joined(separator: ", ") + ".")
        }
        notes += fieldRuleNotes()
        let immutable = SQLColumn.columns(of: collection.fields).filter(\.field.isImmutable)
        if !immutable.isEmpty {
            let fields = immutable.map { Markdown.code($0.field.dottedPath) }.joined(separator: ", ")
            let sqlite = immutable.map { Markdown.code(SQLFilePlanner.immutabilityTrigger(collection, column: $0.name, dialect: .sqlite)) }.joined(separator: ", ")
            let postgres = Markdown.code(SQLFilePlanner.immutabilityTrigger(collection, column: nil, dialect: .postgres))
            notes.append("\(fields) \(immutable.count == 1 ? "is" : "are") set when the record is created: the repositories refuse a change, "
                         + "and so do the databases (SQLite \(immutable.count == 1 ? "trigger" : "triggers") \(sqlite); PostgreSQL trigger \(postgres), which lets the system context through).")
        }
        return notes
    }

    /// The rows of the field rules table.
    private func fieldRules() -> [DocsFieldRuleView] {
        let describe = SQLAccessPlanner(schema: schema).describe
        let who = { (rules: [AccessRule]?) -> String in
            guard let rules else { return "whoever the rules above grant" }
            return rules.isEmpty ? "the system context only" : rules.map(describe).joined(separator: ", ")
        }
        return collection.allFields.compactMap { field in
            guard let rules = field.writeRules else { return nil }
            var enforcedBy = "repositories; PostgreSQL "
            if case .references(let reference) = field.type, let join = reference.joinTable {
                enforcedBy += "policies of " + Markdown.code(join.name)
            } else {
                enforcedBy += "trigger " + Markdown.code(SQLAccessPlanner.fieldRuleTriggerName(collection))
            }
            return DocsFieldRuleView(field: Markdown.code(field.dottedPath), create: who(rules.create), update: who(rules.update),
                                     enforcedBy: enforcedBy)
        }
    }

    /// `within` references.
    private func fieldRuleNotes() -> [String] {
        var notes: [String] = []
        for field in collection.allFields {
            guard let within = field.within, case .reference(let reference) = field.type else { continue }
            let scope = within.scopeField.joined(separator: ".")
            notes.append("\(Markdown.code(field.dottedPath)) must point at a record of \(Markdown.code(reference.target)) with the same \(Markdown.code(scope)) (`within`): "
                         + "a composite foreign key on both engines, and a check in the repositories.")
        }
        return notes
    }
}
