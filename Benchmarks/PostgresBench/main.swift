// schemagen-bench-postgres: the PostgreSQL repository benchmarks, run by hand (Benchmarks/run starts
// a throwaway server with scripts/with-postgres and runs them).
import BenchSupport
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
guard let url = arguments.first else { fail("usage: schemagen-bench-postgres URL [ROWS]") }
do {
    try await PostgresBenchmark(url: url, rows: arguments.count > 1 ? Int(arguments[1]) ?? 100_000 : 100_000).run()
} catch {
    fail("schemagen-bench-postgres: \(error)")
}
