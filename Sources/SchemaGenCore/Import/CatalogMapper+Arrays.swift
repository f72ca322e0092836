import Foundation

/// Native PostgreSQL arrays (`text[]`, `bigint[]`…) as lists with `storage: array`.
extension CatalogMapper {
    /// The schema type of a native array's items (`text[]` → `string`); nil for the arrays a
    /// list with `storage: array` does not make (doubles, times, a vector's `real[]`…).
    static func nativeArrayItem(_ type: String) -> String? {
        guard type.hasSuffix("[]") else { return nil }
        let element = String(type.dropLast(2))
        if element == "text" || element.hasPrefix("character varying") { return "string" }
        switch element {
        case "bigint": return "int"
        case "integer": return "int32"
        case "smallint": return "int16"
        case "uuid": return "uuid"
        case "boolean": return "bool"
        default: return nil
        }
    }

    /// A native array's default (`'{a,"b c"}'::text[]`) as the SQL text of its list's JSON
    /// (`'["a","b c"]'`), which `defaultValue` reads as a list's default; nil when it is not
    /// a constant array.
    static func nativeArrayDefault(_ text: String, item: String) -> String? {
        guard let expression = SQLExpression.parse(text), let literal = expression.stringValue,
              let items = arrayItems(literal) else { return nil }
        var json: [String] = []
        for entry in items {
            guard let value = entry else { return nil }  // a NULL item has no list spelling
            switch item {
            case "int", "int16", "int32":
                guard Int64(value) != nil else { return nil }
                json.append(value)
            case "bool":
                guard ["t", "f", "true", "false"].contains(value) else { return nil }
                json.append(value.hasPrefix("t") ? "true" : "false")
            default:
                json.append(Escaping.jsonString(value))
            }
        }
        return "'" + ("[" + json.joined(separator: ",") + "]").replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// The items of PostgreSQL's one-dimensional array text (`{a,"b,c",NULL}`): quoted items
    /// unescaped, unquoted ones trimmed, an unquoted NULL as nil; nil when it is not such a text.
    static func arrayItems(_ text: String) -> [String?]? {
        let characters = Array(text)
        guard characters.first == "{", characters.last == "}" else { return nil }
        var items: [String?] = []
        var index = 1
        let end = characters.count - 1
        if index == end { return [] }
        while index <= end {
            while index < end, characters[index] == " " { index += 1 }
            if index < end, characters[index] == "\"" {
                var value = ""
                index += 1
                while index < end, characters[index] != "\"" {
                    if characters[index] == "\\", index + 1 < end { index += 1 }
                    value.append(characters[index])
                    index += 1
                }
                guard index < end else { return nil }
                index += 1
                items.append(value)
            } else {
                var value = ""
                while index < end, characters[index] != "," {
                    guard characters[index] != "{", characters[index] != "\"" else { return nil }
                    value.append(characters[index])
                    index += 1
                }
                let trimmed = value.trimmingCharacters(in: .whitespaces)
                items.append(trimmed.uppercased() == "NULL" ? nil : trimmed)
            }
            while index < end, characters[index] == " " { index += 1 }
            if index == end { break }
            guard characters[index] == "," else { return nil }
            index += 1
        }
        return items
    }
}
