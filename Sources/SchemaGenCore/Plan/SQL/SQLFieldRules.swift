/// PostgreSQL's side of a field's own write rules (`access:` on a field). A policy sees only the
/// row as it becomes, so what needs the row as it was (or the default it would have had) is a
/// trigger: on insert a value other than the default, on update a change, each refused unless a
/// rule of the field grants the caller. The system context is not limited.
extension SQLAccessPlanner {
    /// The fields of `collection` with write rules of their own, with each one's columns.
    static func ruledFields(_ collection: Collection) -> [(field: Field, columns: [SQLColumn])] {
        func walk(_ fields: [Field], inOptionalObject: Bool) -> [(field: Field, columns: [SQLColumn])] {
            fields.flatMap { field -> [(field: Field, columns: [SQLColumn])] in
                var found: [(field: Field, columns: [SQLColumn])] = []
                // Columns only for a field with rules: asked of every field, they were worked out
                // again for each level of nesting.
                if field.writeRules != nil {
                    let columns = SQLColumn.columns(of: [field], inOptionalObject: inOptionalObject)
                    if !columns.isEmpty { found.append((field, columns)) }
                }
                if case .object(let object) = field.type {
                    found += walk(object.fields, inOptionalObject: inOptionalObject || !field.isRequired)
                }
                return found
            }
        }
        return walk(collection.fields, inOptionalObject: false)
    }

    /// Whether a column holds something other than what a new record gets when the field is left
    /// alone: its default, or nothing. Nil for a `now` default, which any moment matches.
    static func isSet(_ column: SQLColumn, row: String, dialect: SQLDialect) -> String? {
        let value = "\(row).\(dialect.quoted(column.name))"
        guard !column.isInOptionalObject, let defaultValue = column.field.defaultValue else {
            return "\(value) IS NOT NULL"
        }
        if defaultValue == .now { return nil }
        return "\(value) IS DISTINCT FROM \(dialect.defaultValue(defaultValue, for: column.field))"
    }

    func fieldRuleTrigger(_ collection: Collection) -> [String] {
        let ruled = Self.ruledFields(collection)
        let dialect = SQLDialect.postgres
        func refusal(_ field: Field, when test: String, unless rules: [AccessRule]) -> String {
            // An anonymous caller's role is NULL, and NOT NULL is NULL, which IF takes for false:
            // coalesce makes "no rule grants" a refusal.
            let granted = rules.isEmpty ? "false" : rules.map { expression($0, in: collection, row: "NEW") }.joined(separator: " OR ")
            return """
                        IF (\(test)) AND NOT coalesce(\(granted), false) THEN
                            RAISE EXCEPTION '\(collection.name).\(field.dottedPath): this caller may not set it' USING ERRCODE = 'insufficient_privilege';
                        END IF;
                """
        }
        let inserts = ruled.compactMap { item -> String? in
            guard let rules = item.field.writeRules?.create else { return nil }
            let tests = item.columns.compactMap { Self.isSet($0, row: "NEW", dialect: dialect) }
            return tests.isEmpty ? nil : refusal(item.field, when: tests.joined(separator: " OR "), unless: rules)
        }
        let updates = ruled.compactMap { item -> String? in
            guard let rules = item.field.writeRules?.update else { return nil }
            let test = item.columns.map { column in
                let c = dialect.quoted(column.name)
                return "NEW.\(c) IS DISTINCT FROM OLD.\(c)"
            }.joined(separator: " OR ")
            return refusal(item.field, when: test, unless: rules)
        }
        guard !inserts.isEmpty || !updates.isEmpty else { return [] }
        var events: [String] = []
        var body: [String] = []
        for (event, checks) in [("INSERT", inserts), ("UPDATE", updates)] where !checks.isEmpty {
            events.append(event)
            body.append("        IF TG_OP = '\(event)' THEN\n" + checks.map(indented).joined(separator: "\n") + "\n        END IF;")
        }
        let function = dialect.quoted(Self.fieldRuleTriggerName(collection))
        let names = ruled.map(\.field.dottedPath)
        return ["""
            -- Write rules of \(names.joined(separator: ", ")): who may set \(names.count == 1 ? "it" : "them") on insert and change \(names.count == 1 ? "it" : "them") on update.
            CREATE OR REPLACE FUNCTION \(function)() RETURNS trigger
                LANGUAGE plpgsql
                AS $$
                BEGIN
                    IF schemagen_is_system() THEN
                        RETURN NEW;
                    END IF;
            \(body.joined(separator: "\n"))
                    RETURN NEW;
                END
                $$;
            CREATE TRIGGER \(function) BEFORE \(events.joined(separator: " OR ")) ON \(dialect.quoted(collection.tableName))
                FOR EACH ROW EXECUTE FUNCTION \(function)();
            """]
    }

    private func indented(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
    }

    /// `users_check_field_rules`
    static func fieldRuleTriggerName(_ collection: Collection) -> String {
        Naming.sqlName(collection.tableName + "_check_field_rules")
    }
}
