import Foundation
import Testing
@testable import SchemaGenCore

/// Mutates the studio schemas (byte flips, deleted and repeated lines, hostile values, swapped
/// keys) and runs each result through Load, Resolve, Plan and Render in memory: nothing may
/// crash, and every failure must be diagnostics, each with a file of the run, a line and a column,
/// on one line.
///
/// The suite runs a fixed seed and count; a longer run by hand:
/// `SCHEMAGEN_FUZZ_SEED=7 SCHEMAGEN_FUZZ_COUNT=50000 swift test --filter FuzzTests`
/// (`SCHEMAGEN_FUZZ_RENDER_EVERY=1` renders every accepted case, not one in 15).
@Suite("Fuzz")
struct FuzzTests {
    static let environment = ProcessInfo.processInfo.environment
    static let seed = UInt64(environment["SCHEMAGEN_FUZZ_SEED"] ?? "") ?? 20
    static let count = Int(environment["SCHEMAGEN_FUZZ_COUNT"] ?? "") ?? 2_000
    static let renderEvery = max(1, Int(environment["SCHEMAGEN_FUZZ_RENDER_EVERY"] ?? "") ?? 15)

    /// Values that have broken generators: quotes, escapes, comment and string delimiters of
    /// SQL and Swift, line terminators, invisible characters, YAML syntax, numbers out of range,
    /// patterns outside the subset.
    static let hostile: [String] = [
        "'", "\"", "\\", "\n", "\r", "\r\n", "\u{2028}", "\u{2029}", "\u{85}", "\0", "\t", "$$", "$x$", "--", "/*", "*/",
        "\\(fatalError(\"x\"))", "\"#", "#\"", "\"\"\"", "{{x}}", "{{{x}}}", "{{/x}}", "x'; DROP TABLE users; --",
        "\u{E000}", "\u{FEFF}", "\u{200B}", "é", "🙂", "ﬁ", "İ", "", " ", "&a", "*a", "[", "{", "- x", ": ", "? x", "!!binary x",
        "null", "~", "true", "1e400", "-0", "99999999999999999999", "-9223372036854775809", "nan", ".inf",
        "(?=a)", "((a{255}){255}){255}", "a{1000}", "[[:alpha:]]", "\\", "%", "_", "select", "class", "Type", "self",
        String(repeating: "x", count: 300), String(repeating: "é", count: 40),
    ]

    struct Outcome {
        var accepted = 0
        var rejected = 0
        var rendered = 0
        var unreadable = 0
    }

    @Test func mutatedStudioSchemasNeverCrashAndAreAlwaysLocated() throws {
        let originals = try SchemaLoader.sources(inDirectory: packageRoot + "/schemas")
        // Each case changes one file: the others are loaded once (Load is per file), and every
        // case still resolves all ten together, as `Pipeline.resolve` does.
        let loadedOriginals = originals.map { SchemaLoader.loadPartially([$0]).files }
        let lineCounts = originals.map(\.contents).map(Self.lineCount)
        var random = SeededRandom(seed: Self.seed)
        var outcome = Outcome()
        let start = ContinuousClock.now
        for iteration in 0..<Self.count {
            var sources = originals
            let target = random.int(in: 0...(sources.count - 1))
            var bytes = Array(sources[target].contents.utf8)
            for _ in 0..<random.int(in: 1...3) { mutate(&bytes, random: &random) }
            let path = sources[target].path
            switch SchemaFileReader.decode(bytes, path: path) {
            case .failure(let diagnostic):
                outcome.unreadable += 1
                check([diagnostic], paths: sources.map(\.path), lines: lineCounts, iteration: iteration)
                continue
            case .success(let text):
                sources[target] = SchemaSource(path: path, contents: text)
            }
            let loaded = SchemaLoader.loadPartially([sources[target]])
            var files = loadedOriginals
            files[target] = loaded.files
            do {
                guard loaded.isComplete else { throw DiagnosticsError(loaded.diagnostics) }
                let schema: Schema
                do {
                    schema = try SchemaResolver.resolve(files.flatMap { $0 })
                } catch {
                    throw DiagnosticsError(loaded.diagnostics + error.diagnostics)
                }
                if loaded.diagnostics.contains(where: { $0.severity == .error }) { throw DiagnosticsError(loaded.diagnostics) }
                outcome.accepted += 1
                if outcome.accepted % Self.renderEvery == 1 || Self.renderEvery == 1 {
                    // Plan and Render can't fail on a resolved schema; they must not crash either.
                    let files = Pipeline.render(schema)
                    #expect(!files.isEmpty)
                    outcome.rendered += 1
                }
            } catch let error as DiagnosticsError {
                outcome.rejected += 1
                var lines = lineCounts
                lines[target] = Self.lineCount(sources[target].contents)
                check(error.diagnostics, paths: sources.map(\.path), lines: lines, iteration: iteration)
            }
        }
        let elapsed = ContinuousClock.now - start
        print("fuzz: seed \(Self.seed), \(Self.count) mutations: \(outcome.accepted) accepted (\(outcome.rendered) rendered), "
              + "\(outcome.rejected) rejected by Load/Resolve, \(outcome.unreadable) not UTF-8; \(elapsed)")
        // The mutations reach both sides: some survive, most don't.
        #expect(outcome.accepted > 0)
        #expect(outcome.rejected > 0)
    }

    /// Every diagnostic names a file of the run with a line and column inside it (or just past
    /// its end), and prints as one line plus one per note.
    private func check(_ diagnostics: [Diagnostic], paths: [String], lines: [Int], iteration: Int) {
        #expect(!diagnostics.isEmpty, "iteration \(iteration): a failure without diagnostics")
        let lines = Dictionary(zip(paths, lines), uniquingKeysWith: { first, _ in first })
        for diagnostic in diagnostics {
            let location = diagnostic.location
            let count = lines[location.file]
            #expect(count != nil, "iteration \(iteration): '\(location.file)' is not a schema file: \(diagnostic)")
            #expect(location.line >= 1 && location.line <= (count ?? 0) + 1 && location.column >= 1,
                    "iteration \(iteration): outside the file: \(diagnostic)")
            #expect(diagnostic.description.split(separator: "\n", omittingEmptySubsequences: false).count == 1 + diagnostic.notes.count,
                    "iteration \(iteration): not one line: \(diagnostic)")
            #expect(!diagnostic.description.contains("NSCocoaErrorDomain"))
        }
    }

    static func lineCount(_ text: String) -> Int {
        text.utf8.reduce(1) { $1 == UInt8(ascii: "\n") || $1 == UInt8(ascii: "\r") ? $0 + 1 : $0 }
    }

    private func mutate(_ bytes: inout [UInt8], random: inout SeededRandom) {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        switch random.int(in: 0...6) {
        case 0:  // flip a byte
            guard !bytes.isEmpty else { return }
            bytes[random.int(in: 0...(bytes.count - 1))] = UInt8(random.int(in: 0...255))
            return
        case 1:  // delete a line
            guard lines.count > 1 else { return }
            lines.remove(at: random.int(in: 0...(lines.count - 1)))
        case 2:  // repeat a line
            let index = random.int(in: 0...(lines.count - 1))
            lines.insert(lines[index], at: index)
        case 3, 4:  // replace a value with a hostile one, raw or as a quoted YAML string
            let candidates = lines.indices.filter { lines[$0].contains(UInt8(ascii: ":")) }
            guard let index = candidates.isEmpty ? nil : candidates[random.int(in: 0...(candidates.count - 1))],
                  let colon = lines[index].firstIndex(of: UInt8(ascii: ":")) else { return }
            let value = random.pick(Self.hostile)
            let text = random.int(in: 0...1) == 0 ? value : yamlQuoted(value)
            lines[index] = Array(lines[index][...colon]) + Array((" " + text).utf8)
        case 5:  // replace a key with a hostile one, keeping the indentation
            let candidates = lines.indices.filter { lines[$0].contains(UInt8(ascii: ":")) }
            guard !candidates.isEmpty else { return }
            let index = candidates[random.int(in: 0...(candidates.count - 1))]
            guard let colon = lines[index].firstIndex(of: UInt8(ascii: ":")) else { return }
            let indent = lines[index].prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "-") }
            lines[index] = Array(indent) + Array(yamlQuoted(random.pick(Self.hostile)).utf8) + Array(lines[index][colon...])
        default:  // swap the keys of two lines
            let candidates = lines.indices.filter { lines[$0].contains(UInt8(ascii: ":")) }
            guard candidates.count > 1 else { return }
            let a = candidates[random.int(in: 0...(candidates.count - 1))]
            let b = candidates[random.int(in: 0...(candidates.count - 1))]
            guard let colonA = lines[a].firstIndex(of: UInt8(ascii: ":")), let colonB = lines[b].firstIndex(of: UInt8(ascii: ":")) else { return }
            let keyA = lines[a][..<colonA].drop { $0 == UInt8(ascii: " ") }
            let keyB = lines[b][..<colonB].drop { $0 == UInt8(ascii: " ") }
            let indentA = lines[a].prefix { $0 == UInt8(ascii: " ") }
            let indentB = lines[b].prefix { $0 == UInt8(ascii: " ") }
            let restA = lines[a][colonA...], restB = lines[b][colonB...]
            lines[a] = Array(indentA) + Array(keyB) + Array(restA)
            lines[b] = Array(indentB) + Array(keyA) + Array(restB)
        }
        bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
    }

    /// A YAML double-quoted string, with escapes for what can't appear raw.
    private func yamlQuoted(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\0": result += "\\0"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x85 || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF {
                    result += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
