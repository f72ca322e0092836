import Foundation

/// Where a value sits in a record: `script.dialogue[2].timing`.
public struct FieldPath: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    public var components: [Component]

    /// The record itself.
    public static let root = FieldPath(components: [])

    public init(components: [Component]) {
        self.components = components
    }

    /// A dotted path such as `progress.overallProgress` (indexes are not parsed).
    public init(stringLiteral value: String) {
        self.components = value.split(separator: ".").map { .key(String($0)) }
    }

    public func appending(_ key: String) -> FieldPath {
        FieldPath(components: components + [.key(key)])
    }

    public func appending(index: Int) -> FieldPath {
        FieldPath(components: components + [.index(index)])
    }

    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key): text += text.isEmpty ? key : "." + key
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }
}

/// One violated rule. Messages never quote the value itself, so a sensitive value can't leak
/// into a log through a validation error.
public struct ValidationIssue: Hashable, Sendable, CustomStringConvertible {
    /// The schema key that was violated.
    public enum Rule: String, Hashable, Sendable {
        case min, max, minLength, maxLength, pattern, email, url, minItems, maxItems, dimensions
        /// A `decimal` with more digits than its `precision` and `scale` allow.
        case precision
        /// An `immutable` field whose value an update tried to change.
        case immutable
        /// A `within` reference to a record of another scope (a scene's episode of another project).
        case within
    }

    public var path: FieldPath
    public var rule: Rule
    public var message: String

    public init(path: FieldPath, rule: Rule, message: String) {
        self.path = path
        self.rule = rule
        self.message = message
    }

    /// `progress.overallProgress: must be at most 100`
    public var description: String { "\(path): \(message)" }
}

/// Every rule a value broke.
public struct ValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    public var issues: [ValidationIssue]

    public init(issues: [ValidationIssue]) {
        self.issues = issues
    }

    public var description: String {
        "validation failed: " + issues.map(\.description).joined(separator: "; ")
    }
}

/// A type with a generated validator.
public protocol Validatable {
    /// Adds every violated rule of this value, with paths below `path`, to `report`.
    func validate(into report: inout ValidationReport, at path: FieldPath)
}

extension Validatable {
    /// Every violated rule, in field order; empty when the value is valid.
    public func validationIssues() -> [ValidationIssue] {
        var report = ValidationReport()
        validate(into: &report, at: .root)
        return report.issues
    }

    /// Throws every violated rule at once.
    public func validate() throws(ValidationError) {
        let issues = validationIssues()
        if !issues.isEmpty { throw ValidationError(issues: issues) }
    }
}

/// A compiled `pattern` constraint, made once per field.
///
/// `$` means the end of the text, as in PostgreSQL and JavaScript: ICU's `$` also matches before
/// a final line break, so `^[a-z]+$` would accept `"abc\n"`. Each `$` outside a character class
/// is therefore read as `\z`.
public final class ValidationPattern: @unchecked Sendable {
    // NSRegularExpression is immutable and documented as safe to share between threads.
    private let expression: NSRegularExpression
    public let pattern: String

    /// Nil when the pattern does not compile.
    public init?(checking pattern: String) {
        guard let expression = try? NSRegularExpression(pattern: Self.endAnchoredOnly(pattern)) else { return nil }
        self.pattern = pattern
        self.expression = expression
    }

    /// For generated code: the pattern was checked when the schema was resolved, so it compiles.
    public convenience init(_ pattern: String) {
        self.init(checking: pattern)!
    }

    /// Whether the text contains a match (anchor the pattern to match the whole text).
    public func matches(_ text: String) -> Bool {
        expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// Rewrites each `$` outside a character class as `\z`; a pattern that asks for multi-line
    /// mode keeps its meaning.
    static func endAnchoredOnly(_ pattern: String) -> String {
        guard !pattern.contains("(?m") else { return pattern }
        var result = ""
        var escaped = false
        var inClass = false
        for character in pattern {
            switch character {
            case _ where escaped: escaped = false
            case "\\": escaped = true
            case "[" where !inClass: inClass = true
            case "]" where inClass: inClass = false
            case "$" where !inClass:
                result += "\\z"
                continue
            default: break
            }
            result.append(character)
        }
        return result
    }
}

/// Collects violations while a generated validator walks a record. A check builds the path of
/// its field only when the rule is broken: most values pass.
public struct ValidationReport: Sendable {
    public private(set) var issues: [ValidationIssue] = []

    public init() {}

    public mutating func add(_ rule: ValidationIssue.Rule, at path: FieldPath, _ message: String) {
        issues.append(ValidationIssue(path: path, rule: rule, message: message))
    }

    // Each check takes an optional value and passes nil (an absent optional field has nothing to
    // check), so a generated validator is one line per rule, with no `if let` around it.

    public mutating func check(_ value: Int?, at path: @autoclosure () -> FieldPath, min: Int? = nil, max: Int? = nil) {
        guard let value else { return }
        if let min, value < min { add(.min, at: path(), "must be at least \(min)") }
        if let max, value > max { add(.max, at: path(), "must be at most \(max)") }
    }

    public mutating func check(_ value: Double?, at path: @autoclosure () -> FieldPath, min: Double? = nil, max: Double? = nil) {
        guard let value else { return }
        if let min, !(value >= min) { add(.min, at: path(), "must be at least \(Self.format(min))") }
        if let max, !(value <= max) { add(.max, at: path(), "must be at most \(Self.format(max))") }
    }

    /// A sized integer (`int16`, `int32`, `int64`, a 32-bit key), compared as it is: a generated
    /// `Int(value)` would cost each validator file the compilation of the integer conversions.
    public mutating func checkInteger<T: BinaryInteger>(_ value: T?, at path: @autoclosure () -> FieldPath, min: Int64? = nil, max: Int64? = nil) {
        guard let value else { return }
        if let min, value < min { add(.min, at: path(), "must be at least \(min)") }
        if let max, value > max { add(.max, at: path(), "must be at most \(max)") }
    }

    /// A `decimal`: at most `precision - scale` digits before the point and `scale` after it
    /// (PostgreSQL's `numeric(precision, scale)` would round the fraction; both engines then
    /// store exactly what was given).
    public mutating func checkDecimal(_ value: Decimal?, at path: @autoclosure () -> FieldPath, precision: Int, scale: Int) {
        guard let value else { return }
        let digits = DecimalDigits(value)
        if digits.fraction > scale {
            add(.precision, at: path(), "must have at most \(scale) digits after the point")
        } else if digits.whole > precision - scale {
            add(.precision, at: path(), "must have at most \(precision - scale) digits before the point")
        }
    }

    public mutating func checkLength(_ value: String?, at path: @autoclosure () -> FieldPath, min: Int? = nil, max: Int? = nil) {
        guard let length = value?.count else { return }
        if let min, length < min { add(.minLength, at: path(), "must be at least \(Self.characters(min)) long") }
        if let max, length > max { add(.maxLength, at: path(), "must be at most \(Self.characters(max)) long") }
    }

    public mutating func checkPattern(_ value: String?, at path: @autoclosure () -> FieldPath, _ pattern: ValidationPattern) {
        guard let value else { return }
        if !pattern.matches(value) { add(.pattern, at: path(), "must match the pattern \(pattern.pattern)") }
    }

    /// `local@domain.tld`: one `@`, no spaces, a dot inside the domain.
    public mutating func checkEmail(_ value: String?, at path: @autoclosure () -> FieldPath) {
        guard let value else { return }
        if !Self.isEmail(value) { add(.email, at: path(), "must be an e-mail address") }
    }

    /// An absolute URL: a scheme and a host.
    public mutating func checkURL(_ value: String?, at path: @autoclosure () -> FieldPath) {
        guard let value else { return }
        if !Self.isURL(value) { add(.url, at: path(), "must be an absolute URL with a scheme and a host") }
    }

    public mutating func checkCount(_ count: Int?, at path: @autoclosure () -> FieldPath, min: Int? = nil, max: Int? = nil) {
        guard let count else { return }
        if let min, count < min { add(.minItems, at: path(), "must have at least \(Self.items(min))") }
        if let max, count > max { add(.maxItems, at: path(), "must have at most \(Self.items(max))") }
    }

    public mutating func checkDimensions(_ count: Int?, at path: @autoclosure () -> FieldPath, _ dimensions: Int) {
        guard let count else { return }
        if count != dimensions { add(.dimensions, at: path(), "must have exactly \(Self.numbers(dimensions)), not \(count)") }
    }

    /// Each object of a list, at `path[index]`.
    public mutating func validateEach<Item: Validatable>(_ items: [Item]?, at path: @autoclosure () -> FieldPath) {
        guard let items, !items.isEmpty else { return }
        let path = path()
        for (index, item) in items.enumerated() {
            item.validate(into: &self, at: path.appending(index: index))
        }
    }

    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !text.contains(where: \.isWhitespace) else { return false }
        let domain = parts[1]
        return domain.contains(".") && !domain.hasPrefix(".") && !domain.hasSuffix(".")
    }

    static func isURL(_ text: String) -> Bool {
        guard !text.contains(where: \.isWhitespace), let url = URLComponents(string: text),
              let scheme = url.scheme, !scheme.isEmpty, let host = url.host, !host.isEmpty else { return false }
        return true
    }

    private static func format(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }

    private static func characters(_ count: Int) -> String { count == 1 ? "1 character" : "\(count) characters" }

    private static func items(_ count: Int) -> String { count == 1 ? "1 item" : "\(count) items" }

    private static func numbers(_ count: Int) -> String { count == 1 ? "1 number" : "\(count) numbers" }
}

/// How many digits a Decimal has before its point (leading zeros aside) and after it (trailing
/// zeros aside), read from its plain text (`Decimal.description` never uses an exponent).
struct DecimalDigits {
    var whole: Int
    var fraction: Int

    init(_ value: Decimal) {
        let text = value.description.drop(while: { $0 == "-" })
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        whole = parts[0].drop(while: { $0 == "0" }).count
        fraction = parts.count > 1 ? parts[1].reversed().drop(while: { $0 == "0" }).count : 0
    }
}
