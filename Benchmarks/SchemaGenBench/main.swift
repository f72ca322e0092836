// schemagen-bench: the generation, validation and SQLite benchmarks, run by hand (Benchmarks/run
// runs them all; schemagen-bench-postgres has the PostgreSQL ones). Each prints its figures as
// rows of one table: figure, measured, baseline, ratio, goal, met.
import BenchSupport
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
let usage = """
    usage: schemagen-bench synthesize COLLECTIONS OUTPUT-FOLDER
           schemagen-bench sqlite [ROWS]
           schemagen-bench validation [SECONDS]
    """

do {
    switch arguments.first {
    case "synthesize" where arguments.count == 3:
        guard let count = Int(arguments[1]), count >= 2 else { fail(usage) }
        try SyntheticSchemas.write(collections: count, to: URL(fileURLWithPath: arguments[2]))
    case "sqlite":
        try await SQLiteBenchmark(rows: arguments.count > 1 ? Int(arguments[1]) ?? 100_000 : 100_000).run()
    case "validation":
        ValidationBenchmark(seconds: arguments.count > 1 ? Double(arguments[1]) ?? 2 : 2).run()
    default:
        fail(usage)
    }
} catch {
    fail("schemagen-bench: \(error)")
}

