/// PostgreSQL row-level security: one policy per granted operation, meaning exactly what the
/// schema's access rules mean (any one rule grants). An operation without rules has no policy,
/// so only a role with BYPASSRLS (the system context) may perform it. RLS is forced on the
/// collections' tables, so the tables' owner is held to the rules too.
///
/// A join table is as protected as the record that holds the field: its links are visible to
/// whoever may read that record and changed by whoever may update it. Member rules read the join
/// table through a SECURITY DEFINER function, as the table's owner, for whom RLS on join tables
/// is not forced: otherwise the policies of `projects` and `projects_collaborators` would refer to
/// each other, which PostgreSQL stops as infinite recursion.
struct SQLAccessPlanner {
    let schema: Schema
    private let dialect = SQLDialect.postgres

    private func q(_ identifier: String) -> String { dialect.quoted(identifier) }

    func policies(for collection: Collection) -> SQLPolicyTableView {
        let table = q(collection.tableName)
        var statements = [
            "ALTER TABLE \(table) ENABLE ROW LEVEL SECURITY;",
            "ALTER TABLE \(table) FORCE ROW LEVEL SECURITY;",
        ]
        var summary: [String] = []
        for operation in AccessOperation.allCases {
            let rules = collection.access.rules[operation] ?? []
            summary.append("\(operation.rawValue): " + (rules.isEmpty ? "system context only" : rules.map(describe).joined(separator: ", ")))
            guard !rules.isEmpty else { continue }
            // One rule a line, so a changed rule is a changed line in review.
            let condition = "(\n        " + rules.map { expression($0, in: collection) }.joined(separator: "\n        OR ") + "\n    )"
            let name = q(Self.policyName(collection, operation))
            let head = "CREATE POLICY \(name) ON \(table)"
            switch operation {
            case .read: statements.append("\(head) FOR SELECT\n    USING \(condition);")
            case .create: statements.append("\(head) FOR INSERT\n    WITH CHECK \(condition);")
            // The rules hold for the row as it was and as it becomes: an owner can't hand the
            // record to someone else unless another rule (such as admin) allows the result.
            case .update: statements.append("\(head) FOR UPDATE\n    USING \(condition)\n    WITH CHECK \(condition);")
            case .delete: statements.append("\(head) FOR DELETE\n    USING \(condition);")
            }
        }
        return SQLPolicyTableView(table: collection.name, summary: summary, statements: statements)
    }

    /// The function member rules call, and the policies of the join table of a `refs` field of
    /// `collection`.
    func joinTablePolicies(_ join: JoinTable, field: Field, of collection: Collection) -> SQLPolicyTableView {
        let table = q(join.name), owner = q(collection.tableName)
        let function = q(AccessPathSQL.membershipFunction(join))
        var statements: [String] = []
        // Only links to UUID keys can hold the caller (the principal's key is a UUID).
        if case .references(let reference) = field.type, reference.targetKey == .uuid {
            statements.append("""
            -- Whether the caller is among the links of a \(collection.modelName). It reads \(join.name) as its owner,
            -- so policies that ask it are not themselves filtered by the policies below.
            CREATE OR REPLACE FUNCTION \(function)(record_id \(dialect.keyType(collection.keyType))) RETURNS boolean
                LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT
                AS $$ SELECT EXISTS (SELECT 1 FROM \(table) WHERE \(q(join.ownerColumn)) = record_id AND \(q(join.targetColumn)) = schemagen_user_id()) $$;
            """)
        }
        statements.append("ALTER TABLE \(table) ENABLE ROW LEVEL SECURITY;")
        // The links of a record the caller may read (the subquery is filtered by its policy)…
        let holder = "EXISTS (SELECT 1 FROM \(owner) WHERE \(owner).\(q(collection.keyColumn)) = \(table).\(q(join.ownerColumn)))"
        statements.append("CREATE POLICY \(q(Self.joinTablePolicyName(join, .read))) ON \(table) FOR SELECT\n    USING (\(holder));")
        // …changed by whoever may update that record (and, when the field has write rules of its
        // own, whom they grant).
        let updateRules = collection.access.rules[.update] ?? []
        let fieldRules = field.writeRules?.update
        if !updateRules.isEmpty, fieldRules.map({ !$0.isEmpty }) ?? true {
            var rules = updateRules.map { expression($0, in: collection) }.joined(separator: "\n                OR ")
            if let fieldRules {
                rules = "(" + rules + ")\n                AND (" + fieldRules.map { expression($0, in: collection) }.joined(separator: " OR ") + ")"
            }
            let condition = """
                (
                        EXISTS (
                            SELECT 1 FROM \(owner) WHERE \(owner).\(q(collection.keyColumn)) = \(table).\(q(join.ownerColumn)) AND (
                                \(rules)
                            )
                        )
                    )
                """
            let head = { (operation: AccessOperation) in "CREATE POLICY \(q(Self.joinTablePolicyName(join, operation))) ON \(table)" }
            statements.append("\(head(.create)) FOR INSERT\n    WITH CHECK \(condition);")
            statements.append("\(head(.update)) FOR UPDATE\n    USING \(condition)\n    WITH CHECK \(condition);")
            statements.append("\(head(.delete)) FOR DELETE\n    USING \(condition);")
        }
        let summary = [
            "read: whoever may read the \(collection.modelName)",
            "create, update, delete: " + (updateRules.isEmpty || fieldRules?.isEmpty == true ? "system context only"
                : "whoever may update the \(collection.modelName)" + (fieldRules.map { " and is " + $0.map(describe).joined(separator: " or ") } ?? "")),
        ]
        return SQLPolicyTableView(table: "\(collection.name).\(field.dottedPath) (\(join.name))", summary: summary, statements: statements)
    }

    /// The policy of a granted operation: `projects_read`.
    static func policyName(_ collection: Collection, _ operation: AccessOperation) -> String {
        Naming.sqlName("\(collection.tableName)_\(operation.rawValue)")
    }

    /// The policies of a join table, per operation: `projects_collaborators_read`.
    static func joinTablePolicyName(_ join: JoinTable, _ operation: AccessOperation) -> String {
        Naming.sqlName("\(join.name)_\(operation.rawValue)")
    }

    func describe(_ rule: AccessRule) -> String { Self.describeRule(rule) }

    /// A rule as the generated comments and docs name it: `owner (createdBy)`, `admin`.
    static func describeRule(_ rule: AccessRule) -> String {
        switch rule {
        case .everyone: return "public"
        case .authenticated: return "authenticated"
        case .role(let role): return role == "admin" ? "admin" : "role \(role)"
        case .isSelf: return "self"
        case .owner(let path): return "owner (\(path.written))"
        case .member(let path): return "member (\(path.written))"
        case .all(let rules): return "all of (" + rules.map(describeRule).joined(separator: ", ") + ")"
        }
    }

    /// The SQL condition of one rule, about the row of `collection` being checked (`row`: the
    /// table itself in a policy, `NEW` in a trigger).
    func expression(_ rule: AccessRule, in collection: Collection, row: String? = nil) -> String {
        let caller = "schemagen_user_id()"
        let table = row ?? q(collection.tableName)
        switch rule {
        case .all(let rules): return "(" + rules.map { expression($0, in: collection, row: row) }.joined(separator: " AND ") + ")"
        case .everyone: return "true"
        case .authenticated: return "\(caller) IS NOT NULL"
        case .role(let role): return "schemagen_role() = \(dialect.literal(role))"
        case .isSelf: return "\(table).\(q(collection.keyColumn)) = \(caller)"
        case .owner(let path):
            return paths.condition(path, member: false, start: AccessPathSQL.start(of: path, member: false, row: table, key: collection.keyColumn))
        case .member(let path):
            return paths.condition(path, member: true, start: AccessPathSQL.start(of: path, member: true, row: table, key: collection.keyColumn))
        }
    }

    private var paths: AccessPathSQL {
        AccessPathSQL(schema: schema, caller: "schemagen_user_id()", membership: .function)
    }
}
