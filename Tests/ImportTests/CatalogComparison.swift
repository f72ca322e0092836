@testable import SchemaGenCore

/// The differences between two catalogs, one line each (`users: column email: TEXT NOT NULL ≠ …`),
/// comparing what a schema can say: tables, columns (type, nullability, default), constraints
/// (kind, columns, condition, target, rules), indexes (definition), triggers and functions by
/// name. What `ignoring` names is left out, each kind for a documented reason.
struct CatalogComparison {
    struct Ignored: OptionSet {
        let rawValue: Int
        /// Access rules are not imported: policies, row-level security, and the functions and
        /// triggers that enforce field write rules and membership.
        static let accessRules = Ignored(rawValue: 1)
    }

    var differences: [String] = []

    init(_ a: DatabaseCatalog, _ b: DatabaseCatalog, ignoring ignored: Ignored = []) {
        func names<T>(_ items: [T], _ name: (T) -> String) -> [String] { items.map(name) }
        compare("table", a.tables.map(\.name), b.tables.map(\.name), prefix: "")
        for table in a.tables {
            guard let other = b.table(named: table.name) else { continue }
            let prefix = table.name + ": "
            compare("column", table.columns.map(\.name), other.columns.map(\.name), prefix: prefix)
            for column in table.columns {
                guard let otherColumn = other.column(named: column.name), column != otherColumn else { continue }
                differences.append(prefix + "column \(column.name): \(describe(column)) ≠ \(describe(otherColumn))")
            }
            let keys = { (constraint: DatabaseCatalog.Constraint) in "\(constraint.kind.rawValue) \(constraint.displayName)" }
            compare("constraint", table.constraints.map(keys), other.constraints.map(keys), prefix: prefix)
            for constraint in table.constraints {
                guard let match = other.constraints.first(where: { keys($0) == keys(constraint) }), match != constraint else { continue }
                differences.append(prefix + "\(keys(constraint)): \(describe(constraint)) ≠ \(describe(match))")
            }
            compare("index", table.indexes.map(\.name), other.indexes.map(\.name), prefix: prefix)
            for index in table.indexes {
                guard let match = other.indexes.first(where: { $0.name == index.name }), match != index else { continue }
                differences.append(prefix + "index \(index.name): \(index.definition) ≠ \(match.definition)")
            }
            if !ignored.contains(.accessRules) {
                if table.rowLevelSecurity != other.rowLevelSecurity { differences.append(prefix + "row-level security \(table.rowLevelSecurity) ≠ \(other.rowLevelSecurity)") }
                compare("policy", table.policies.map(\.name), other.policies.map(\.name), prefix: prefix)
            }
        }
        let isAccess = { (name: String) in
            ignored.contains(.accessRules) && (name.hasSuffix("_check_field_rules") || name.hasPrefix("schemagen_is_") || name.hasPrefix("schemagen_user")
                || name == "schemagen_role")
        }
        compare("trigger", a.triggers.map { "\($0.table).\($0.name)" }.filter { !isAccess(String($0.split(separator: ".").last!)) },
                b.triggers.map { "\($0.table).\($0.name)" }.filter { !isAccess(String($0.split(separator: ".").last!)) }, prefix: "")
        compare("function", a.functions.map(\.name).filter { !isAccess($0) }, b.functions.map(\.name).filter { !isAccess($0) }, prefix: "")
        compare("virtual table", a.virtualTables.map(\.definition), b.virtualTables.map(\.definition), prefix: "")
        compare("enum type", a.enumTypes.map { "\($0.name) \($0.labels)" }, b.enumTypes.map { "\($0.name) \($0.labels)" }, prefix: "")
    }

    private mutating func compare(_ what: String, _ a: [String], _ b: [String], prefix: String) {
        for name in a where !b.contains(name) { differences.append(prefix + "\(what) \(name) only in the original") }
        for name in b where !a.contains(name) { differences.append(prefix + "\(what) \(name) only after the import") }
    }

    private func describe(_ column: DatabaseCatalog.Column) -> String {
        "\(column.type)\(column.isNullable ? "" : " NOT NULL")\(column.defaultExpression.map { " DEFAULT \($0)" } ?? "")"
    }

    private func describe(_ constraint: DatabaseCatalog.Constraint) -> String {
        var text = "(\(constraint.columns.joined(separator: ", ")))"
        if let expression = constraint.expression { text += " CHECK \(expression)" }
        if let table = constraint.foreignTable {
            text += " → \(table) (\(constraint.foreignColumns.joined(separator: ", "))) ON DELETE \(constraint.onDelete ?? "-") ON UPDATE \(constraint.onUpdate ?? "-")"
        }
        return text
    }
}
