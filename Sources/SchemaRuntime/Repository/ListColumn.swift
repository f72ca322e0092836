import Foundation

/// A list field with a GIN index (`kind: json`), JSON or a native array (`storage: array`):
/// what `list(where:)` tests with `contains`. No sort: a list has no order to page by.
///
///     try await widgets.list(where: { $0.tags.contains("blue") }, as: caller)
public struct ListColumn<Record, Item: Encodable & Sendable>: Sendable {
    /// The column as qualified SQL: `widgets.tags`.
    public let sql: String
    /// PostgreSQL's item type of a native array (`text`, `bigint`…); nil for jsonb.
    public let element: String?

    public init(_ sql: String, element: String? = nil) {
        self.sql = sql
        self.element = element
    }

    /// The list holds `item`: PostgreSQL `column @> [item]` (jsonb or the array's type), which
    /// the GIN index serves; SQLite, which has no such index, reads the list's JSON with
    /// `json_each` and compares each item with the same JSON item's SQL value. A record without
    /// the list (NULL) never matches.
    public func contains(_ item: Item) -> RecordPredicate<Record> {
        let json = String(decoding: (try? JSONCoding.makeEncoder().encode([item])) ?? Data("[]".utf8), as: UTF8.self)
        let value: SQLValue = element.map { .array(json, element: $0) } ?? .json(json)
        return RecordPredicate(sqlite: "EXISTS (SELECT 1 FROM json_each(\(sql)) WHERE value = json_extract(?, '$[0]'))",
                               postgres: "\(sql) @> ?", [value])
    }
}
