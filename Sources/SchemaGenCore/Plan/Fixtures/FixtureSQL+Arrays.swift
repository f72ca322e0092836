extension FixtureSQL {
    /// A field's value as a literal of its column's type: `literal(_:_:_:)`, but the text of a
    /// native array (`'{"a","b"}'`, which PostgreSQL reads as the column's array type) for
    /// `storage: array` on PostgreSQL.
    static func literal(_ value: FixtureValue?, for field: Field, _ dialect: SQLDialect) -> String {
        guard dialect == .postgres, field.nativeArrayElement != nil, case .array(let items)? = value else {
            return literal(value, field.type, dialect)
        }
        let text = items.map { item -> String in
            switch item {
            case .string(let text): return SQLArrayText.quoted(text)
            case .int(let number): return String(number)
            case .bool(let flag): return flag ? "t" : "f"
            case .double(let number): return "\(number)"
            case .null, .array, .object, .vector: return "NULL"
            }
        }
        return dialect.literal("{" + text.joined(separator: ",") + "}")
    }
}
