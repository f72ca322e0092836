/// Example records for the docs pages: sensitive values redacted, printed as pretty JSON.
///
/// An example is a record as its model encodes it (keys are the schema's field names); hand the
/// result to `DocsPlanner.plan(_:examples:)` under the collection's name.
public enum DocsExample {
    /// What a sensitive value becomes.
    public static let redacted = "«redacted»"

    /// `record` with every value of a sensitive field replaced by `redacted`, in nested objects
    /// and in the objects of arrays too. Nulls stay null (an absent value gives nothing away);
    /// keys that are not fields are left as they are.
    public static func redacting(_ record: JSONLiteral, of collection: Collection) -> JSONLiteral {
        redacting(record, fields: collection.fields)
    }

    /// The redacted record as pretty JSON, keys in the record's order.
    public static func json(_ record: JSONLiteral, of collection: Collection) -> String {
        pretty(redacting(record, of: collection))
    }

    private static func redacting(_ value: JSONLiteral, fields: [Field]) -> JSONLiteral {
        guard case .object(let pairs) = value else { return value }
        return .object(pairs.map { pair in
            guard let field = fields.first(where: { $0.name == pair.key }) else { return pair }
            if field.isSensitive, pair.value != .null { return (pair.key, .string(redacted)) }
            return (pair.key, redacting(pair.value, type: field.type))
        })
    }

    private static func redacting(_ value: JSONLiteral, type: FieldType) -> JSONLiteral {
        switch (type, value) {
        case (.object(let object), _):
            return redacting(value, fields: object.fields)
        case (.array(let element), .array(let items)):
            return .array(items.map { redacting($0, type: element.type) })
        default:
            return value
        }
    }

    /// JSON indented by two spaces, one value a line; empty arrays and objects stay `[]`, `{}`.
    public static func pretty(_ value: JSONLiteral, indent: String = "") -> String {
        let inner = indent + "  "
        switch value {
        case .array(let items) where !items.isEmpty:
            return "[\n" + items.map { inner + pretty($0, indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .object(let pairs) where !pairs.isEmpty:
            return "{\n" + pairs.map { inner + SQLJSON.string($0.key) + ": " + pretty($0.value, indent: inner) }.joined(separator: ",\n")
                + "\n\(indent)}"
        default:
            return SQLJSON.json(value)
        }
    }
}
