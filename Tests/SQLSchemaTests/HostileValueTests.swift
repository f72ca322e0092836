import Foundation
import Testing
@testable import SchemaGenCore

/// The hostile-value corpus: every hostile string in every kind of schema position. Each case is
/// either rejected with a located error, or generates output that
/// - applies to a real SQLite and a real PostgreSQL database (DDL and sample data) without
///   dropping the sentinel table created first or creating any table the schema doesn't declare;
/// - typechecks as Swift (all accepted cases in one `swiftc -typecheck` with SchemaRuntime).
///
/// The payloads are written so that an injection fails loudly: SQL ones drop the sentinel and
/// create a table named `injected`; Swift ones call `undefinedInjected()`, which doesn't exist, so
/// code that escaped its literal or comment doesn't typecheck.
@Suite("Hostile values")
struct HostileValueTests {
    static let drop = "DROP TABLE sentinel; CREATE TABLE injected (x int);"

    /// The corpus: a label (for reports) and the string.
    static let corpus: [(label: String, value: String)] = [
        ("single quote", "it's"),
        ("quote payload", "'; \(drop) --"),
        ("quote concat", "' || (SELECT 1) || '"),
        ("double quotes", "\"double\" \""),
        ("leading double quotes", "\"\"x"),
        ("backslashes", #"back\slash\\ \"#),
        ("trailing backslash", #"x\"#),
        ("line comment", "-- comment"),
        ("block comment open", "/* open"),
        ("block comment close", "*/ close"),
        ("doc comment", "/// doc"),
        ("dollar quote", "$$"),
        ("tagged dollar quote", "$tag$ x $tag$ $schemagen$"),
        ("ends in dollar", "a$"),
        ("LF payload", "line\n\(drop)\nundefinedInjected()"),
        ("CR payload", "cr\r\(drop)\rundefinedInjected()"),
        ("CRLF payload", "crlf\r\n\(drop)\r\nundefinedInjected()"),
        ("NEL", "nel\u{85}undefinedInjected()"),
        ("LS", "ls\u{2028}undefinedInjected()"),
        ("PS", "ps\u{2029}undefinedInjected()"),
        ("VT FF", "vt\u{0B}ff\u{0C}undefinedInjected()"),
        ("NUL", "nul\u{0}after"),
        ("tab", "tab\tafter"),
        ("escape", "esc\u{1B}[31m red"),
        ("interpolation", #"x\(undefinedInjected())"#),
        ("raw interpolation", ##"x\#(undefinedInjected())"##),
        ("raw string close", ##""#; undefinedInjected(); let _ = #""##),
        ("triple quotes", #"""" undefinedInjected() """"#),
        ("closing brace", "\n}\nfunc undefinedInjected2() { undefinedInjected() }\n"),
        ("mustache", "{{ model }} {{{ access }}} {{/x}}"),
        ("percent", "100% %s %d"),
        ("unicode", "é ✓ 🎬 \u{FEFF}"),
        ("pipe and HTML", "a | b <script>x</script> `code`"),
    ]

    enum Position: String, CaseIterable, Sendable {
        case collectionDescription, fieldDescription, indexDescription, enumValue, stringDefault, pattern,
             partialIndexWhere, ttlIndexWhere, role, fieldName, columnName, collectionName, modelName, indexName
    }

    struct Case: Sendable {
        var number: Int
        var position: Position
        var label: String
        var value: String
        var path: String { "schemas/case\(number).yaml" }
    }

    /// What a case became: its files, or the diagnostics that rejected it.
    struct Outcome: Sendable {
        var files: [GeneratedFile] = []
        var diagnostics: [Diagnostic] = []
        var isAccepted: Bool { diagnostics.isEmpty }
    }

    static let cases: [Case] = {
        var result = [Case(number: 0, position: .fieldDescription, label: "baseline", value: "plain")]
        for position in Position.allCases {
            for entry in corpus {
                result.append(Case(number: result.count, position: position, label: entry.label, value: entry.value))
            }
        }
        return result
    }()

    /// A YAML double-quoted scalar holding `text` exactly.
    static func yamlString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028
                || scalar.value == 0x2029 || scalar.value == 0xFEFF:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// A regular expression matching `text` literally (or nothing): metacharacters escaped.
    static func literalPattern(_ text: String) -> String {
        var pattern = "^("
        for character in text {
            if "\\^$.|?*+()[]{}".contains(character) { pattern += "\\" }
            pattern.append(character)
        }
        return pattern + ")?$"
    }

    static func yaml(_ c: Case) -> String {
        func v(_ position: Position, _ plain: String) -> String {
            yamlString(c.position == position ? c.value : plain)
        }
        let isWhere = c.position == .partialIndexWhere || c.position == .ttlIndexWhere
        let whereValue = isWhere ? c.value : "plain"
        let pattern = c.position == .pattern ? literalPattern(c.value) : "^[a-z]*$"
        return """
            name: \(v(.collectionName, "case\(c.number)"))
            model: \(v(.modelName, "Case\(c.number)"))
            description: \(v(.collectionDescription, "Things."))
            fields:
              title: { type: string, required: true, description: \(v(.fieldDescription, "A title.")) }
              status: { type: enum, values: [draft, \(v(.enumValue, "live"))], default: draft, required: true }
              label: { type: string, required: true, default: \(v(.stringDefault, "plain")), description: \(yamlString(c.label)) }
              code: { type: string, pattern: \(yamlString(pattern)) }
              expiresAt: { type: datetime, required: true }
              \(v(.fieldName, "extra")): { type: string\(c.position == .columnName ? ", column: " + yamlString(c.value) : "") }
            indexes:
              - fields: [label]
                name: \(v(.indexName, "case\(c.number)_label_idx"))
                description: \(v(.indexDescription, "Finds by label."))
                where: { label: \(yamlString(c.position == .partialIndexWhere ? whereValue : "plain")) }
              - fields: [expiresAt]
                kind: ttl
                expireAfter: 1d
                where: { label: \(yamlString(c.position == .ttlIndexWhere ? whereValue : "plain")) }
            access:
              read: [{ role: \(v(.role, "editor")) }]
              create: [{ role: \(v(.role, "editor")) }]
              update: [{ role: \(v(.role, "editor")) }]
              delete: [{ role: \(v(.role, "editor")) }]

            """
    }

    /// Every case generated in memory, once.
    static let outcomes: [Outcome] = cases.map { c in
        do {
            return Outcome(files: try Pipeline.generate([SchemaSource(path: c.path, contents: yaml(c))]))
        } catch let error as DiagnosticsError {
            return Outcome(diagnostics: error.diagnostics)
        } catch {
            return Outcome(diagnostics: [Diagnostic(.error, "\(error)", at: SchemaGenCore.SourceLocation(file: "?", line: 0, column: 0))])
        }
    }

    static var accepted: [(Case, [GeneratedFile])] {
        zip(cases, outcomes).filter { $0.1.isAccepted }.map { ($0.0, $0.1.files) }
    }

    static func file(_ files: [GeneratedFile], _ path: String) -> String {
        files.first { $0.path == path }?.contents ?? ""
    }

    static func summary(_ results: [Int: String]) -> String {
        var lines: [String] = []
        for position in Position.allCases {
            let mine = cases.filter { $0.position == position }
            let rejected = mine.filter { !outcomes[$0.number].isAccepted }.count
            let failed = mine.filter { results[$0.number] != nil }.count
            lines.append("\(position.rawValue): \(mine.count) cases, \(mine.count - rejected - failed) accepted and passed, "
                         + "\(rejected) rejected, \(failed) failed")
        }
        return lines.joined(separator: "\n")
    }

    @Test func theBaselineIsAccepted() throws {
        #expect(Self.outcomes[0].isAccepted, "\(Self.outcomes[0].diagnostics)")
        #expect(Self.cases.count == 1 + Self.corpus.count * Position.allCases.count)
    }

    /// The fixtures' JSON parses, and every Markdown table row has as many cells as its header.
    @Test func jsonAndMarkdownStayWellFormed() throws {
        for (c, files) in Self.accepted {
            for file in files where file.path.hasSuffix(".json") {
                #expect((try? JSONSerialization.jsonObject(with: Data(file.contents.utf8))) != nil,
                        "\(c.position) \(c.label): \(file.path) doesn't parse")
            }
            for file in files where file.path.hasSuffix(".md") {
                var columns: Int?
                for line in file.contents.split(separator: "\n", omittingEmptySubsequences: false) {
                    guard line.hasPrefix("|") else { columns = nil; continue }
                    // Cells: pipes not escaped with a backslash.
                    var count = 0, previous: Character = " "
                    for character in line { if character == "|" && previous != "\\" { count += 1 }; previous = character }
                    if let columns {
                        #expect(count == columns, "\(c.position) \(c.label): \(file.path): \(line)")
                    } else {
                        columns = count
                    }
                }
            }
        }
    }

    /// A rejected case names the schema file and a line in it, in messages of one line each.
    @Test func everyRejectionIsLocated() {
        var multiline = 0
        for (c, outcome) in zip(Self.cases, Self.outcomes) where !outcome.isAccepted {
            for diagnostic in outcome.diagnostics {
                #expect(diagnostic.location.file == c.path && diagnostic.location.line >= 1,
                        "\(c.position) \(c.label): \(diagnostic)")
                if "\(diagnostic)".contains(where: { $0.isNewline }) { multiline += 1 }
            }
        }
        print("hostile corpus: \(Self.outcomes.filter(\.isAccepted).count) of \(Self.cases.count) cases accepted; "
              + "\(multiline) rejection messages span lines")
    }

    /// SQLite: every accepted case's DDL and sample data in one database (table names differ per
    /// case), after the sentinel. When that fails, each case alone in a fresh database, to name it.
    @Test func sqliteAppliesEveryAcceptedCase() async throws {
        let cases = Self.accepted
        let tablesPerCase = try await SQLiteDatabase.withFresh(applying: nil) { db in
            try await db.execute(Self.file(cases[0].1, "SQL/sqlite.sql"))
            return try await db.column("SELECT name FROM sqlite_master WHERE type = 'table';").count
        }
        let sentinel = "CREATE TABLE sentinel (x INTEGER); INSERT INTO sentinel VALUES (42);\n"
        let check = { (db: SQLiteDatabase, count: Int) async throws -> String? in
            let rows = try await db.column("SELECT x FROM sentinel;")
            let tables = try await db.column("SELECT name FROM sqlite_master WHERE type = 'table';")
            if rows != ["42"] { return "the sentinel table changed: \(rows)" }
            if tables.contains("injected") || tables.count != 1 + count * tablesPerCase { return "tables: \(tables.sorted())" }
            return nil
        }
        let all = cases.map { Self.file($0.1, "SQL/sqlite.sql") + "\n" + Self.file($0.1, "Fixtures/sqlite.sql") }.joined(separator: "\n")
        var failures: [Int: String] = [:]
        let batch: String? = try await SQLiteDatabase.withFresh(applying: nil) { db in
            do {
                try await db.execute(sentinel + all)
                return try await check(db, cases.count)
            } catch {
                return "\(error)"
            }
        }
        if batch != nil {
            for (c, files) in cases {
                try await SQLiteDatabase.withFresh(applying: nil) { db in
                    do {
                        try await db.execute(sentinel + Self.file(files, "SQL/sqlite.sql") + "\n" + Self.file(files, "Fixtures/sqlite.sql"))
                        if let failure = try await check(db, 1) { failures[c.number] = failure }
                    } catch {
                        failures[c.number] = "\(error)"
                    }
                }
            }
            if failures.isEmpty { Issue.record("SQLite: the cases failed together, none alone: \(batch ?? "")") }
        }
        print("SQLite: \(cases.count) cases applied\n" + Self.summary(failures))
        for (number, failure) in failures.sorted(by: { $0.key < $1.key }) {
            let c = Self.cases[number]
            Issue.record("SQLite, \(c.position) \(c.label): \(failure)")
        }
    }

    /// PostgreSQL: each accepted case in its own schema, all in one script, with the sentinel's
    /// schema on the search path (an injected `DROP TABLE sentinel` would find it). When that
    /// fails, each case alone, to name it.
    @Test(.postgres) func postgresAppliesEveryAcceptedCase() async throws {
        let cases = Self.accepted
        let script = { (c: Case, files: [GeneratedFile]) in
            "CREATE SCHEMA case_\(c.number); SET search_path TO case_\(c.number), public;\n"
                + Self.file(files, "SQL/postgres.sql") + "\n" + Self.file(files, "Fixtures/postgres.sql") + "\n"
        }
        let sentinel = "CREATE TABLE public.sentinel (x int); INSERT INTO public.sentinel VALUES (42);\n"
        let check = { (db: PostgresDatabase, count: Int) async throws -> String? in
            let rows = try await db.column("SELECT x FROM public.sentinel;")
            let perSchema = try await db.execute("""
                SELECT schemaname, count(*) FROM pg_tables WHERE schemaname LIKE 'case\\_%' GROUP BY schemaname;
                """)
            let injected = try await db.value("SELECT count(*) FROM pg_tables WHERE tablename = 'injected';")
            if rows != ["42"] { return "the sentinel table changed: \(rows)" }
            if injected != "0" { return "a table named injected exists" }
            let counts = Set(perSchema.map { $0.last ?? "" })
            if perSchema.count != count || counts.count != 1 { return "tables per case: \(perSchema)" }
            return nil
        }
        var failures: [Int: String] = [:]
        let batch: String? = try await PostgresDatabase.withFresh(applying: nil) { db in
            do {
                try await db.execute(sentinel + cases.map(script).joined())
                return try await check(db, cases.count)
            } catch {
                return "\(error)"
            }
        }
        if batch != nil {
            try await PostgresDatabase.withFresh(applying: nil) { db in
                try await db.execute(sentinel)
                for (c, files) in cases {
                    do {
                        try await db.execute(script(c, files))
                        let rows = try await db.column("SELECT x FROM public.sentinel;")
                        let injected = try await db.value("SELECT count(*) FROM pg_tables WHERE tablename = 'injected';")
                        if rows != ["42"] || injected != "0" { failures[c.number] = "sentinel \(rows), \(injected) injected" }
                    } catch {
                        failures[c.number] = "\(error)"
                    }
                    if failures[c.number] != nil {
                        // Put the sentinel back and take the injected table away for the next case.
                        for schema in try await db.column("SELECT schemaname FROM pg_tables WHERE tablename = 'injected';") {
                            try await db.execute("DROP TABLE \(schema).injected;")
                        }
                        try await db.execute("DROP TABLE IF EXISTS public.sentinel; " + sentinel)
                    }
                }
            }
            if failures.isEmpty { Issue.record("PostgreSQL: the cases failed together, none alone: \(batch ?? "")") }
        }
        print("PostgreSQL: \(cases.count) cases applied\n" + Self.summary(failures))
        for (number, failure) in failures.sorted(by: { $0.key < $1.key }) {
            let c = Self.cases[number]
            Issue.record("PostgreSQL, \(c.position) \(c.label): \(failure)")
        }
    }

    /// Every accepted case's Swift files in one `swiftc -typecheck` with SchemaRuntime.
    @Test func generatedSwiftTypechecks() async throws {
        let modules = packageRoot + "/.build/debug/Modules"
        try #require(FileManager.default.fileExists(atPath: modules + "/SchemaRuntime.swiftmodule"),
                     "build SchemaRuntime first (swift build --build-tests)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("schemagen-hostile-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var paths: [String] = []
        var owner: [String: Int] = [:]
        // A file the hostile value left as it is in the baseline (but for the case's number) is
        // checked once, with the baseline.
        let normalized = { (number: Int, text: String) in
            text.replacingOccurrences(of: "Case\(number)", with: "Case0").replacingOccurrences(of: "case\(number)", with: "case0")
        }
        var baseline: [String: String] = [:]
        for file in Self.outcomes[0].files where file.path.hasPrefix("Swift/") {
            baseline[file.path.replacingOccurrences(of: "Case0", with: "CaseN")] = file.contents
        }
        var skipped = 0
        // A model's file (with its repository) needs the other models' files; the schema's
        // literals stand alone.
        let isDatabaseSchema = { (path: String) in path.hasSuffix("DatabaseSchema.swift") }
        for (c, files) in Self.accepted {
            let swift = files.filter { $0.path.hasPrefix("Swift/") }
            let differs = { (file: GeneratedFile) in
                baseline[file.path.replacingOccurrences(of: "Case\(c.number)", with: "CaseN")] != normalized(c.number, file.contents)
            }
            let changed = Set(swift.filter(differs).map { isDatabaseSchema($0.path) })
            for file in swift {
                let needed = changed.contains(isDatabaseSchema(file.path))
                if c.number != 0 && !needed {
                    skipped += 1
                    continue
                }
                // One DatabaseSchema per case: each gets its own name.
                let text = file.contents.replacingOccurrences(of: "enum DatabaseSchema ", with: "enum DatabaseSchema\(c.number) ")
                let path = folder + "/case\(c.number)_" + file.path.dropFirst("Swift/".count).replacingOccurrences(of: "/", with: "_")
                try text.write(toFile: path, atomically: false, encoding: .utf8)
                paths.append(path)
                owner[(path as NSString).lastPathComponent] = c.number
            }
        }
        var failures: [Int: String] = [:]
        do {
            _ = try await runTool("swiftc", ["-typecheck", "-I", modules, "-module-name", "HostileCorpus"] + paths, input: "")
        } catch let failure as ToolFailure {
            // Name each case whose file has an error.
            for line in failure.standardError.split(separator: "\n") where line.contains(": error:") {
                let file = (String(line.split(separator: ":").first ?? "") as NSString).lastPathComponent
                if let number = owner[file], failures[number] == nil { failures[number] = String(line) }
            }
            if failures.isEmpty { Issue.record("swiftc failed: \(failure)") }
        }
        print("Swift typecheck: \(paths.count) files of \(Self.accepted.count) cases (\(skipped) the same as the baseline's)\n"
              + Self.summary(failures))
        for (number, failure) in failures.sorted(by: { $0.key < $1.key }) {
            let c = Self.cases[number]
            Issue.record("Swift, \(c.position) \(c.label): \(failure)")
        }
    }
}
