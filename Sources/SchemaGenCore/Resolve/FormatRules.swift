import SchemaRuntime

/// The checks a string default must pass: the generated validators' own (SchemaRuntime's
/// `ValidationReport`), so a default never fails its own validator.
enum FormatRules {
    static func problems(with text: String, type: FieldType, constraints: Constraints) -> [String] {
        var report = ValidationReport()
        report.checkLength(text, at: .root, min: constraints.minLength, max: constraints.maxLength)
        if let pattern = constraints.pattern.flatMap(ValidationPattern.init(checking:)) {
            report.checkPattern(text, at: .root, pattern)
        }
        if case .email = type { report.checkEmail(text, at: .root) }
        if case .url = type { report.checkURL(text, at: .root) }
        return report.issues.map { issue in
            switch issue.rule {
            case .minLength: return "is shorter than its 'minLength' (\(constraints.minLength ?? 0))"
            case .maxLength: return "is longer than its 'maxLength' (\(constraints.maxLength ?? 0))"
            case .pattern: return "does not match its 'pattern'"
            case .email: return "is not an e-mail address"
            case .url: return "is not an absolute URL"
            default: return issue.message
            }
        }
    }
}
