import Foundation

/// A command-line client that exited with an error: what ran, and what it said.
struct ToolFailure: Error, CustomStringConvertible {
    var command: String
    var status: Int32
    var standardError: String
    var standardOutput: String

    var description: String {
        var text = "\(command) exited with status \(status)"
        if !standardError.isEmpty { text += ":\n" + standardError.trimmingCharacters(in: .whitespacesAndNewlines) }
        return text
    }
}

/// Runs `tool` (found on PATH) with `input` on its standard input and returns its standard output;
/// throws `ToolFailure`, with the tool's standard error, when it exits with a non-zero status.
///
/// Input and output go through temporary files rather than pipes, so a large script or result can
/// never stall the tool on a full pipe; the wait is asynchronous, so parallel tests don't block
/// threads of the cooperative pool.
func runTool(_ tool: String, _ arguments: [String], input: String) async throws -> String {
    let files = FileManager.default
    let directory = files.temporaryDirectory.appendingPathComponent("schemagen-\(tool)-\(UUID().uuidString)")
    try files.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? files.removeItem(at: directory) }
    let inputURL = directory.appendingPathComponent("stdin")
    let outputURL = directory.appendingPathComponent("stdout")
    let errorURL = directory.appendingPathComponent("stderr")
    try Data(input.utf8).write(to: inputURL)
    try Data().write(to: outputURL)
    try Data().write(to: errorURL)

    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    let standardInput = try FileHandle(forReadingFrom: inputURL)
    let standardOutput = try FileHandle(forWritingTo: outputURL)
    let standardError = try FileHandle(forWritingTo: errorURL)
    defer {
        try? standardInput.close()
        try? standardOutput.close()
        try? standardError.close()
    }
    process.standardInput = standardInput
    process.standardOutput = standardOutput
    process.standardError = standardError

    let status: Int32 = try await withCheckedThrowingContinuation { continuation in
        process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
        do {
            try process.run()
        } catch {
            process.terminationHandler = nil
            continuation.resume(throwing: error)
        }
    }
    let output = String(decoding: try Data(contentsOf: outputURL), as: UTF8.self)
    guard status == 0 else {
        throw ToolFailure(command: tool, status: status,
                          standardError: String(decoding: try Data(contentsOf: errorURL), as: UTF8.self),
                          standardOutput: output)
    }
    return output
}
