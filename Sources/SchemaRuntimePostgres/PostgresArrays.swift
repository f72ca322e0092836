import Foundation
import PostgresNIO
import SchemaRuntime

/// Native arrays (`storage: array`): a list's JSON text to PostgreSQL's array text and back. The
/// items are JSON strings (text, UUIDs), integers or booleans, each written exactly: strings
/// always quoted, so that commas, braces, spaces and `NULL` stay items, with `\` and `"`
/// escaped by a backslash.
enum PostgresArrays {
    /// The array type of items of `element` (`text` → text[]).
    static func arrayType(of element: String) -> PostgresDataType {
        switch element {
        case "bigint": .int8Array
        case "integer": .int4Array
        case "smallint": .int2Array
        case "uuid": .uuidArray
        case "boolean": .boolArray
        default: .textArray
        }
    }

    /// The list's items as a binary array of `element`'s array type (bindings are binary). A
    /// JSON that is not a list of such items goes as text, which the server refuses for an array
    /// column.
    static func append(json: String, element: String, to bindings: inout PostgresBindings) {
        let data = Data(json.utf8)
        let decoder = JSONDecoder()
        do {
            switch element {
            case "bigint": try bindings.append(try decoder.decode([Int64].self, from: data))
            case "integer": try bindings.append(try decoder.decode([Int32].self, from: data))
            case "smallint": try bindings.append(try decoder.decode([Int16].self, from: data))
            case "uuid": try bindings.append(try decoder.decode([UUID].self, from: data))
            case "boolean": try bindings.append(try decoder.decode([Bool].self, from: data))
            default: try bindings.append(try decoder.decode([String].self, from: data))
            }
        } catch {
            bindings.append(json)
        }
    }

    /// `["a","b,c"]` → `{"a","b,c"}`; the JSON itself when it is not a list of `element`'s items
    /// (the server then rejects it as a malformed array).
    static func text(json: String, element: String) -> String {
        let data = Data(json.utf8)
        let decoder = JSONDecoder()
        switch element {
        case "bigint", "integer", "smallint":
            guard let items = try? decoder.decode([Int64].self, from: data) else { return json }
            return "{" + items.map(String.init).joined(separator: ",") + "}"
        case "boolean":
            guard let items = try? decoder.decode([Bool].self, from: data) else { return json }
            return "{" + items.map { $0 ? "t" : "f" }.joined(separator: ",") + "}"
        default:
            guard let items = try? decoder.decode([String].self, from: data) else { return json }
            return "{" + items.map(quoted).joined(separator: ",") + "}"
        }
    }

    /// `"a\"b"`
    static func quoted(_ item: String) -> String {
        var text = "\""
        for character in item.unicodeScalars {
            if character == "\\" || character == "\"" { text.unicodeScalars.append("\\") }
            text.unicodeScalars.append(character)
        }
        return text + "\""
    }

    /// The JSON text of an array cell's list (its CHECK keeps NULL items out).
    static func json(_ cell: PostgresCell) throws -> String {
        let encoder = JSONCoding.makeEncoder()
        let data: Data
        switch cell.dataType {
        case .int8Array: data = try encoder.encode(try cell.decode([Int64].self))
        case .int4Array: data = try encoder.encode(try cell.decode([Int32].self))
        case .int2Array: data = try encoder.encode(try cell.decode([Int16].self))
        case .uuidArray: data = try encoder.encode(try cell.decode([UUID].self))
        case .boolArray: data = try encoder.encode(try cell.decode([Bool].self))
        default: data = try encoder.encode(try cell.decode([String].self))
        }
        return String(decoding: data, as: UTF8.self)
    }
}
