/// The SQL condition that an owner or member rule's path leads from a record to the caller.
/// Row-level security and the repositories' filters both build theirs here; they differ only in
/// how the caller is written (`schemagen_user_id()` or a bound `?`) and how a member rule reads
/// its join table (a SECURITY DEFINER function, or the table itself).
struct AccessPathSQL {
    enum Membership {
        /// `projects_collaborators_includes_caller(id)`: reads the join table as its owner.
        case function
        /// `EXISTS (… projects_collaborators AS link …)`: reads it directly.
        case joinTable
    }

    let schema: Schema
    /// How the caller's id is written.
    let caller: String
    let membership: Membership

    private func q(_ identifier: String) -> String { Naming.sqlQuoted(identifier) }

    /// The condition for `path`. `start` is the SQL of the id the path starts from: the value of
    /// its first step's column (`episodes.project`), or for a member rule on the record itself
    /// the record's id (`projects.id`); a bound `?` for a record not yet stored.
    func condition(_ path: AccessPath, member: Bool, start: String) -> String {
        let hops = path.steps.dropLast()
        let last = path.steps.last!
        if hops.isEmpty && !member { return "\(start) = \(caller)" }
        // Follow the references to one: each step reads the next id from the row the one
        // before reached.
        var from: [String] = []
        var conditions: [String] = []
        var idExpression = start
        for (number, hop) in hops.enumerated().dropFirst() {
            let alias = "p\(number)"
            from.append("\(q(tableName(hop.collection))) AS \(alias)")
            conditions.append("\(alias).\(q(keyColumn(hop.collection))) = \(idExpression)")
            idExpression = "\(alias).\(q(hop.columnName ?? ""))"
        }
        if member {
            let join = joinTable(last)
            switch membership {
            case .function:
                conditions.append("\(q(Self.membershipFunction(join)))(\(idExpression))")
            case .joinTable:
                from.append("\(q(join.name)) AS link")
                conditions += ["link.\(q(join.ownerColumn)) = \(idExpression)", "link.\(q(join.targetColumn)) = \(caller)"]
            }
            if from.isEmpty { return conditions.joined(separator: " AND ") }
        } else {
            let alias = "p\(hops.count)"
            from.append("\(q(tableName(last.collection))) AS \(alias)")
            conditions += ["\(alias).\(q(keyColumn(last.collection))) = \(idExpression)", "\(alias).\(q(last.columnName ?? "")) = \(caller)"]
        }
        return "EXISTS (SELECT 1 FROM \(from.joined(separator: ", ")) WHERE \(conditions.joined(separator: " AND ")))"
    }

    /// `start` for a stored row of `table`.
    /// `key` is the row's key column (`id`, or its `id.column`).
    static func start(of path: AccessPath, member: Bool, row table: String, key: String) -> String {
        if path.steps.count == 1 {
            return member ? "\(table).\(Naming.sqlQuoted(key))" : "\(table).\(Naming.sqlQuoted(path.steps[0].columnName ?? ""))"
        }
        return "\(table).\(Naming.sqlQuoted(path.steps[0].columnName ?? ""))"
    }

    /// `projects_collaborators_includes_caller`
    static func membershipFunction(_ join: JoinTable) -> String {
        Naming.sqlName(join.name + "_includes_caller")
    }

    /// The key column of `collection`: `id`, or its `id.column`.
    private func keyColumn(_ collection: String) -> String {
        schema.collection(named: collection)?.keyColumn ?? "id"
    }

    private func tableName(_ collection: String) -> String {
        schema.collection(named: collection)?.tableName ?? Naming.snakeCase(collection)
    }

    /// The join table of the `refs` field a member rule ends at.
    func joinTable(_ step: AccessPath.Step) -> JoinTable {
        let collection = schema.collection(named: step.collection)!
        var fields = collection.fields
        var found: Field?
        for segment in step.fieldPath {
            found = fields.first { $0.name == segment }
            if case .object(let object)? = found?.type { fields = object.fields }
        }
        guard case .references(let reference)? = found?.type, let join = reference.joinTable else {
            preconditionFailure("Resolve guarantees that a member rule ends at a refs field")
        }
        return join
    }
}
