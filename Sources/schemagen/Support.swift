import ArgumentParser
import Foundation
import SchemaGenCore

/// Runs a generator step, printing schema diagnostics (or another failure) to standard error and
/// exiting non-zero instead of throwing them at the user.
func reportingFailures<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as DiagnosticsError {
        printToStandardError(error.description)
        throw ExitCode.failure
    } catch let error as Generator.Failure {
        printToStandardError("error: \(error)")
        throw ExitCode.failure
    } catch let error as WriteError {
        printToStandardError("error: \(error)")
        throw ExitCode.failure
    } catch let error as CocoaError {
        // A file the tool couldn't read or write: one line, not the error's dump.
        printToStandardError("error: " + Escaping.oneLine(error.localizedDescription))
        throw ExitCode.failure
    }
}

func printToStandardError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
