import ArgumentParser
import Foundation
import SchemaGenCore

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Warns about schemas that work but will be slow or surprising: path:line:column, the rule, and a hint.",
        discussion: """
            Rules: fk-without-index, redundant-index, unique-ignores-soft-delete, access-path-without-index, \
            filter-without-index (and unused-lint-ignore). Silence one finding in the schema with \
            `lint: { ignore: [{ rule: RULE, field: PATH | index: NAME, reason: "…" }] }`. \
            See docs/lint.md. `schemagen check` runs the lint too.
            """
    )

    @OptionGroup var options: GeneratorOptions

    @Flag(name: .long, help: "Report findings as errors and exit non-zero when there is any.")
    var strict = false

    func run() throws {
        let generator = try options.generator()
        let report = try reportingFailures { try generator.lint() }
        if try printLint(report, strict: strict, schemas: generator.schemasDirectory) { throw ExitCode.failure }
    }
}

/// Prints the findings to standard error and a summary line; true when `strict` and any.
func printLint(_ report: LintReport, strict: Bool, schemas: String) throws -> Bool {
    for diagnostic in report.diagnostics(strict: strict) { printToStandardError(diagnostic.description) }
    let count = report.findings.count
    let silenced = report.silenced.isEmpty ? "" : " (\(report.silenced.count) silenced by lint.ignore)"
    let summary = "\(schemas): lint: " + (count == 0 ? "no findings" : count == 1 ? "1 finding" : "\(count) findings") + silenced
    if count > 0 { printToStandardError(summary) } else { print(summary) }
    return strict && count > 0
}
