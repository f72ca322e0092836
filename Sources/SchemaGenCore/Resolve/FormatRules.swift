import Foundation

/// The checks a string default must pass: the same rules the generated validators apply at run
/// time (SchemaRuntime's `ValidationReport`), so a default never fails its own validator.
enum FormatRules {
    static func problems(with text: String, type: FieldType, constraints: Constraints) -> [String] {
        var problems: [String] = []
        let length = text.count
        if let min = constraints.minLength, length < min { problems.append("is shorter than its 'minLength' (\(min))") }
        if let max = constraints.maxLength, length > max { problems.append("is longer than its 'maxLength' (\(max))") }
        if let pattern = constraints.pattern, let regex = try? NSRegularExpression(pattern: pattern),
           regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil {
            problems.append("does not match its 'pattern'")
        }
        if case .email = type, !isEmail(text) { problems.append("is not an e-mail address") }
        if case .url = type, !isURL(text) { problems.append("is not an absolute URL") }
        return problems
    }

    /// `local@domain.tld`: no spaces, one `@`, a dot in the domain. Mirrors SchemaRuntime.
    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !text.contains(where: \.isWhitespace) else { return false }
        let domain = parts[1]
        return domain.contains(".") && !domain.hasPrefix(".") && !domain.hasSuffix(".")
    }

    /// A scheme, `://` and a host. Mirrors SchemaRuntime.
    static func isURL(_ text: String) -> Bool {
        guard !text.contains(where: \.isWhitespace), let url = URLComponents(string: text),
              let scheme = url.scheme, !scheme.isEmpty, let host = url.host, !host.isEmpty else { return false }
        return true
    }
}
