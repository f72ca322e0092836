import Foundation

/// What Generated/Migrations holds: the snapshot of the last migration and the migrations of
/// each dialect, in order. History, not output: `schemagen generate` never removes it, and only
/// `schemagen migrate` adds to it.
public struct MigrationHistory: Sendable {
    public struct File: Sendable, Equatable {
        public var version: Int
        public var name: String
        public var sql: String
    }

    /// The snapshot's text as it is on disk, if there is one.
    public var snapshotText: String?
    public var migrations: [SQLDialect: [File]] = [:]

    public static let none = MigrationHistory()

    public static let folder = "Migrations"
    public static let snapshotFile = "Migrations/snapshot.json"

    public var isEmpty: Bool { snapshotText == nil && migrations.values.allSatisfy(\.isEmpty) }

    /// The highest version any dialect has.
    public var lastVersion: Int { migrations.values.flatMap { $0.map(\.version) }.max() ?? 0 }

    /// Reads `<outputDirectory>/Migrations`; an absent folder is an empty history.
    public static func read(outputDirectory: String) throws -> MigrationHistory {
        var history = MigrationHistory()
        let root = URL(fileURLWithPath: outputDirectory).appendingPathComponent(folder)
        let files = FileManager.default
        let snapshot = URL(fileURLWithPath: outputDirectory).appendingPathComponent(snapshotFile)
        if files.fileExists(atPath: snapshot.path) {
            history.snapshotText = try text(of: snapshot.path)
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
            history.migrations[dialect] = list.sorted { $0.version < $1.version }
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
}
