import Foundation
import SchemaRuntime

/// What Generated/Migrations holds: the snapshot of the last migration, the migrations of each
/// dialect, in order, and `schemagen.sum`, the checksum of each. History, not output:
/// `schemagen generate` never removes it, and only `schemagen migrate` adds to it.
public struct MigrationHistory: Sendable {
    public struct File: Sendable, Equatable {
        public var version: Int
        public var name: String
        public var sql: String
        /// `0007_add_priority.sql`
        public var fileName: String { MigrationFilePlanner.id(version: version, name: name) + ".sql" }
    }

    /// The snapshot's text as it is on disk, if there is one.
    public var snapshotText: String?
    public var migrations: [SQLDialect: [File]] = [:]
    /// `schemagen.sum` as it is on disk, if there is one.
    public var sumText: String?
    /// `<output>/Migrations`, as the user named it, for messages.
    public var folder: String = MigrationHistory.folder

    public static let none = MigrationHistory()

    public static let folder = "Migrations"
    public static let snapshotFile = "Migrations/snapshot.json"
    public static let sumFile = "Migrations/schemagen.sum"

    public var isEmpty: Bool { snapshotText == nil && migrations.values.allSatisfy(\.isEmpty) }

    /// The highest version any dialect has.
    public var lastVersion: Int { migrations.values.flatMap { $0.map(\.version) }.max() ?? 0 }

    /// Reads `<outputDirectory>/Migrations`; an absent folder is an empty history. Two files of
    /// one number are both kept (`problems()` reports them).
    public static func read(outputDirectory: String) throws -> MigrationHistory {
        try read(folder: outputDirectory + "/" + folder)
    }

    /// Reads the history in `folder` (`Generated/Migrations`, or the folder the configuration's
    /// `migrations:` names).
    public static func read(folder path: String) throws -> MigrationHistory {
        var history = MigrationHistory()
        history.folder = path
        let root = URL(fileURLWithPath: path)
        let files = FileManager.default
        let snapshot = root.appendingPathComponent("snapshot.json")
        if files.fileExists(atPath: snapshot.path) {
            history.snapshotText = try text(of: snapshot.path)
        }
        let sum = root.appendingPathComponent("schemagen.sum")
        if files.fileExists(atPath: sum.path) {
            history.sumText = try text(of: sum.path)
        }
        for dialect in SQLDialect.allCases {
            let folder = root.appendingPathComponent(dialect.rawValue)
            guard let names = try? files.contentsOfDirectory(atPath: folder.path) else { continue }
            var list: [File] = []
            for name in names where name.hasSuffix(".sql") {
                let stem = name.dropLast(4)
                guard let underscore = stem.firstIndex(of: "_"), let version = Int(stem[..<underscore]) else { continue }
                let sql = try text(of: folder.appendingPathComponent(name).path)
                list.append(File(version: version, name: String(stem[stem.index(after: underscore)...]), sql: sql))
            }
            history.migrations[dialect] = list.sorted { ($0.version, $0.name) < ($1.version, $1.name) }
        }
        return history
    }

    /// A history file's text; one that can't be read (not UTF-8, not a regular file, no
    /// permission) is a located error naming it.
    private static func text(of path: String) throws(DiagnosticsError) -> String {
        switch SchemaFileReader.readFile(path, maxBytes: 256 << 20) {
        case .success(let source): return source.contents
        case .failure(let diagnostic): throw DiagnosticsError([diagnostic])
        }
    }

    // MARK: schemagen.sum

    /// Every file of the history with its checksum, in the order `schemagen.sum` lists them:
    /// each version's files (postgres, then sqlite), then the snapshot. Paths are inside
    /// `Migrations/`.
    public var entries: [(path: String, checksum: String)] {
        var list: [(version: Int, path: String, checksum: String)] = []
        for dialect in SQLDialect.allCases.sorted(by: { $0.rawValue < $1.rawValue }) {
            for file in migrations[dialect] ?? [] {
                list.append((file.version, "\(dialect.rawValue)/\(file.fileName)", MigrationChecksum.of(file.sql)))
            }
        }
        var entries = list.sorted { ($0.version, $0.path) < ($1.version, $1.path) }.map { (path: $0.path, checksum: $0.checksum) }
        if let snapshotText { entries.append((path: "snapshot.json", checksum: MigrationChecksum.of(snapshotText))) }
        return entries
    }

    /// The text of `schemagen.sum` for the files as they are: a first line with the checksum
    /// of all the lines after it (so that two branches that each add a migration conflict on
    /// it when merged), then a line per file.
    public var computedSum: String {
        let lines = entries.map { "\($0.path) \($0.checksum)" }
        let body = lines.map { $0 + "\n" }.joined()
        return "total \(MigrationChecksum.of(body))\n" + body
    }

    /// What is wrong with the history, each at its file (and line of `schemagen.sum`) with the
    /// way out: a migration edited, deleted, added or renumbered outside `schemagen migrate`,
    /// two migrations of one number (two branches merged), a gap, a dialect without the other's
    /// migration, `schemagen.sum` missing, edited or left with merge conflict markers.
    public func problems() -> [Diagnostic] {
        if isEmpty && sumText == nil { return [] }
        let sumPath = folder + "/schemagen.sum"
        let sumStart = SourceLocation(file: sumPath, line: 1, column: 1)
        func fileLocation(_ path: String) -> SourceLocation { SourceLocation(file: folder + "/" + path, line: 1, column: 1) }
        let rewrite = Diagnostic.Note("if that was on purpose and no database has had those migrations yet (a hand-written step "
                                      + "in a migration not yet merged), record the files as they are: `schemagen migrate --rehash`")
        var problems: [Diagnostic] = []

        // Two migrations of one number, and gaps: numbering comes first, it explains the rest.
        var duplicated = false
        for dialect in SQLDialect.allCases.sorted(by: { $0.rawValue < $1.rawValue }) {
            let files = migrations[dialect] ?? []
            for (version, group) in Dictionary(grouping: files, by: \.version).sorted(by: { $0.key < $1.key }) where group.count > 1 {
                duplicated = true
                let names = group.map { "\(dialect.rawValue)/\($0.fileName)" }
                problems.append(Diagnostic(.error, "\(group.count) migrations are numbered \(version): \(names.joined(separator: " and "))",
                                           at: fileLocation(names[1]), notes: Self.mergeNotes(version: version, names: group.map(\.name))))
            }
            let versions = Set(files.map(\.version)).sorted()
            for (index, version) in versions.enumerated() where version != index + 1 {
                problems.append(Diagnostic(.error, "\(dialect.rawValue) migrations skip from \(index) to \(version)",
                                           at: fileLocation("\(dialect.rawValue)/\(files.first { $0.version == version }!.fileName)"),
                                           notes: [Diagnostic.Note("migrations are numbered 1, 2, 3… with none missing: restore the deleted one (a database that had it can't go on without it)")]))
                break
            }
        }
        // Two branches merged: the checksums can't agree, and the way out above replaces them.
        if duplicated { return problems }
        // Each dialect has the other's migrations.
        let byDialect = Dictionary(uniqueKeysWithValues: SQLDialect.allCases.map { ($0, Set((migrations[$0] ?? []).map(\.fileName))) })
        for dialect in SQLDialect.allCases {
            let other = dialect == .sqlite ? SQLDialect.postgres : .sqlite
            for name in (byDialect[other] ?? []).subtracting(byDialect[dialect] ?? []).sorted() {
                problems.append(Diagnostic(.error, "\(other.rawValue)/\(name) has no \(dialect.rawValue) counterpart",
                                           at: fileLocation("\(other.rawValue)/\(name)"),
                                           notes: [Diagnostic.Note("`schemagen migrate` writes a migration for each database: restore the missing file, or remove both")]))
            }
        }

        guard let sumText else {
            problems.append(Diagnostic(.error, "\(folder) has migrations but no schemagen.sum, the checksums that show they are unchanged",
                                       at: SourceLocation(file: folder, line: 1, column: 1),
                                       notes: [Diagnostic.Note("check that the files are the ones your databases had, then record them: `schemagen migrate --rehash`")]))
            return problems
        }
        let lines = sumText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let marker = lines.firstIndex(where: { $0.hasPrefix("<<<<<<<") || $0.hasPrefix("=======") || $0.hasPrefix(">>>>>>>") }) {
            problems.append(Diagnostic(.error, "schemagen.sum has merge conflict markers: two branches each wrote migrations",
                                       at: SourceLocation(file: sumPath, line: marker + 1, column: 1),
                                       notes: Self.mergeNotes(version: nil, names: [])))
            return problems
        }
        // Parse: `total sha256:…`, then `path sha256:…`.
        var listed: [(path: String, checksum: String, line: Int)] = []
        var total: String?
        for (index, line) in lines.enumerated() where !line.isEmpty {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard parts.count == 2, parts[1].hasPrefix("sha256:") else {
                problems.append(Diagnostic(.error, "schemagen.sum: line \(index + 1) is not `path sha256:…`",
                                           at: SourceLocation(file: sumPath, line: index + 1, column: 1),
                                           notes: [Diagnostic.Note("the file is written by `schemagen migrate`; restore it from version control")]))
                return problems
            }
            if index == 0, parts[0] == "total" { total = parts[1] } else { listed.append((parts[0], parts[1], index + 1)) }
        }
        let body = lines.dropFirst().filter { !$0.isEmpty }.map { $0 + "\n" }.joined()
        if total != MigrationChecksum.of(body) {
            problems.append(Diagnostic(.error, "schemagen.sum was edited by hand: its first line is not the checksum of the lines after it",
                                       at: sumStart, notes: [Diagnostic.Note("restore it from version control; `schemagen migrate` keeps it"), rewrite]))
        }
        let actual = Dictionary(entries.map { ($0.path, $0.checksum) }, uniquingKeysWith: { first, _ in first })
        let listedPaths = Set(listed.map(\.path))
        for entry in listed {
            guard let checksum = actual[entry.path] else {
                problems.append(Diagnostic(.error, "\(entry.path) was deleted: schemagen.sum lists it",
                                           at: SourceLocation(file: sumPath, line: entry.line, column: 1),
                                           notes: [Diagnostic.Note("a migration a database may have had can't be removed: restore it from version control "
                                                                   + "(to undo what it did, write a new migration)")]))
                continue
            }
            if checksum != entry.checksum {
                let isSnapshot = entry.path == "snapshot.json"
                problems.append(Diagnostic(.error, isSnapshot
                                               ? "snapshot.json was edited: it is not the snapshot schemagen.sum recorded"
                                               : "\(entry.path) was edited after `schemagen migrate` wrote it (its checksum is not the one in schemagen.sum)",
                                           at: fileLocation(entry.path),
                                           notes: [Diagnostic.Note(isSnapshot
                                                       ? "restore it from version control; only `schemagen migrate` writes it"
                                                       : "databases that had it keep the old text: restore it (`git checkout -- \(folder)/\(entry.path)`) "
                                                           + "and put the change in a new migration"), rewrite]))
            }
        }
        for entry in entries where !listedPaths.contains(entry.path) {
            problems.append(Diagnostic(.error, "\(entry.path) is not in schemagen.sum: it was not written by `schemagen migrate`, or was renamed",
                                       at: fileLocation(entry.path),
                                       notes: [Diagnostic.Note("to add a migration, run `schemagen migrate --name NAME` (or `--empty` for hand-written steps); "
                                                               + "a renamed migration must keep its name and number"), rewrite]))
        }
        return problems
    }

    /// The way out when two branches each wrote migration `version`.
    static func mergeNotes(version: Int?, names: [String]) -> [Diagnostic.Note] {
        let number = version.map { "\($0)" } ?? "N"
        let yours = names.isEmpty ? "yours" : names.map { "'\($0)'" }.joined(separator: " or ")
        return [
            Diagnostic.Note("two branches each wrote migration \(number); keep the history of the branch you merge into and write yours again after it:"),
            Diagnostic.Note("1. `git restore --source=main --staged --worktree -- Generated/Migrations` (main: the branch whose migrations were merged first; your output folder if not Generated)"),
            Diagnostic.Note("2. `schemagen migrate --name <your migration's name>` writes the next number with the changes that history lacks (\(yours))"),
            Diagnostic.Note("a database that applied the discarded migration refuses the new history; rebuild it (a development copy) or restore that branch's history there"),
        ]
    }
}
