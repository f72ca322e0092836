/// Fixture documents as JSON text: pretty for the files people read (arrays of numbers or
/// strings stay on one line, so a vector is one line, not a thousand), compact inside SQL.
public enum FixtureJSON {
    public static func pretty(_ value: FixtureValue, indent: String = "") -> String {
        let inner = indent + "  "
        switch value {
        case .array(let elements) where !elements.isEmpty && !elements.allSatisfy(\.isScalar):
            return "[\n" + elements.map { inner + pretty($0, indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .object(let members) where !members.isEmpty:
            return "{\n" + members.map { inner + quoted($0.key) + ": " + pretty($0.value, indent: inner) }
                .joined(separator: ",\n") + "\n" + indent + "}"
        default:
            return compact(value, spaced: true)
        }
    }

    public static func compact(_ value: FixtureValue, spaced: Bool = false) -> String {
        let comma = spaced ? ", " : ","
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double(let number): return number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) + ".0" : "\(number)"
        case .string(let text): return quoted(text)
        case .array(let elements): return "[" + elements.map { compact($0, spaced: spaced) }.joined(separator: comma) + "]"
        case .vector(let numbers): return "[" + numbers.map { "\($0)" }.joined(separator: comma) + "]"
        case .object(let members):
            return "{" + members.map { quoted($0.key) + (spaced ? ": " : ":") + compact($0.value, spaced: spaced) }
                .joined(separator: comma) + "}"
        }
    }

    /// The JSON string literal: the same escaping as JSON defaults in the DDL.
    static func quoted(_ text: String) -> String { SQLJSON.string(text) }
}

extension FixtureValue {
    var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }
}

extension FixtureValue {
    /// As a schema JSON literal (vectors become arrays of numbers), for the docs' redaction.
    var jsonLiteral: JSONLiteral {
        switch self {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .int(let number): return .number(Double(number))
        case .double(let number): return .number(number)
        case .string(let text): return .string(text)
        case .array(let items): return .array(items.map(\.jsonLiteral))
        case .object(let members): return .object(members.map { (key: $0.key, value: $0.value.jsonLiteral) })
        case .vector(let numbers): return .array(numbers.map { .number(Double($0)) })
        }
    }

    /// From a JSON literal: whole numbers as integers.
    init(_ literal: JSONLiteral) {
        switch literal {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .number(let number): self = number.rounded() == number && abs(number) < 1e15 ? .int(Int(number)) : .double(number)
        case .string(let text): self = .string(text)
        case .array(let items): self = .array(items.map(FixtureValue.init))
        case .object(let members): self = .object(members.map { FixtureMember(key: $0.key, value: FixtureValue($0.value)) })
        }
    }
}
