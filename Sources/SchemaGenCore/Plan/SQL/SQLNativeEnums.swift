/// `storage: enum`: the PostgreSQL enum types the schemas ask for, each created once before the
/// tables, in the order the schemas first use them. SQLite has none: its columns stay TEXT with
/// their CHECK.
struct SQLEnumType: Sendable, Equatable {
    /// Unquoted: `ticket_status`.
    var name: String
    var values: [String]

    /// `CREATE TYPE ticket_status AS ENUM ('open', 'closed');`
    var createSQL: String {
        "CREATE TYPE \(Naming.sqlQuoted(name)) AS ENUM (\(values.map(Escaping.sqlString).joined(separator: ", ")));"
    }

    /// The types of `schema`'s fields with `storage: enum` (none on SQLite).
    static func types(of schema: Schema, dialect: SQLDialect) -> [SQLEnumType] {
        guard dialect == .postgres else { return [] }
        var types: [SQLEnumType] = []
        for collection in schema.collections {
            for field in collection.allFields {
                guard let name = field.nativeEnumType, case .enumeration(let enumType) = field.type,
                      !types.contains(where: { $0.name == name }) else { continue }
                types.append(SQLEnumType(name: name, values: enumType.cases.map(\.value)))
            }
        }
        return types
    }
}
