extension Generator {
    /// Lints the schemas of the schemas folder. Throws `DiagnosticsError` when they don't resolve.
    public func lint() throws -> LintReport {
        try Linter.lint(try readSources())
    }
}
