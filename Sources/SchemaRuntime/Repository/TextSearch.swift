/// What a text search looks for, the same on both engines: the words of what the caller typed,
/// whatever its punctuation, quotes or operators (`sci-fi`, `Rain's`, `AND`, `"`), less the
/// English stop words PostgreSQL's `english` configuration ignores. Every word must match.
///
/// SQLite's FTS5 would read the raw text as its own query language (`sci-fi` is a column filter
/// there, `AND` an operator, an unmatched `"` a syntax error); PostgreSQL's `plainto_tsquery`
/// would keep `sci-fi` as a word of its own and drop `Rain's` to `rain`. Both get these words
/// instead, so the same text finds the same records on both.
public enum TextSearch {
    /// `Rain's "sci-fi" AND noir` → `rain`, `sci`, `fi`, `noir`.
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.filter { !stopWords.contains($0) }
    }

    /// The argument of the search condition: an FTS5 query of quoted words (all must match) on
    /// SQLite, the words for `plainto_tsquery` on PostgreSQL. Nil when no word is left.
    public static func query(_ text: String, for dialect: DatabaseDialect) -> String? {
        let words = words(text)
        guard !words.isEmpty else { return nil }
        switch dialect {
        case .sqlite: return words.map { "\"\($0)\"" }.joined(separator: " ")
        case .postgres: return words.joined(separator: " ")
        }
    }

    /// PostgreSQL's `english.stop` (tsearch_data), as of PostgreSQL 15.
    static let stopWords: Set<String> = [
        "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself",
        "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself",
        "they", "them", "their", "theirs", "themselves", "what", "which", "who", "whom", "this", "that", "these",
        "those", "am", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had", "having", "do",
        "does", "did", "doing", "a", "an", "the", "and", "but", "if", "or", "because", "as", "until", "while",
        "of", "at", "by", "for", "with", "about", "against", "between", "into", "through", "during", "before",
        "after", "above", "below", "to", "from", "up", "down", "in", "out", "on", "off", "over", "under", "again",
        "further", "then", "once", "here", "there", "when", "where", "why", "how", "all", "any", "both", "each",
        "few", "more", "most", "other", "some", "such", "no", "nor", "not", "only", "own", "same", "so", "than",
        "too", "very", "s", "t", "can", "will", "just", "don", "should", "now",
    ]
}
