import Foundation

/// One migration of Generated/Migrations, embedded in the generated `DatabaseSchema`: its
/// number, its name, and its SQL, which opens and commits its own transaction and records itself
/// in the `schema_migrations` table.
public struct DatabaseMigration: Sendable, Hashable {
    public var version: Int
    public var name: String
    public var sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// `sha256:…` of the SQL text: the line of `Migrations/schemagen.sum` for this file, and what
    /// the runtime records in `schema_migrations.checksum` when it applies the migration.
    public var checksum: String { MigrationChecksum.of(sql) }

    /// `0007_add_priority`
    public var id: String {
        let number = String(version)
        return String(repeating: "0", count: max(0, 4 - number.count)) + number + "_" + name
    }
}

/// A row of `schema_migrations`: a migration a database has had.
public struct AppliedMigration: Sendable, Hashable {
    public var version: Int
    public var name: String
    /// Nil for a migration applied by hand (`sqlite3 < file`, `psql -f file`) or before the
    /// runtime recorded checksums; the runtime fills it in from the migration of the same
    /// version and name.
    public var checksum: String?

    public init(version: Int, name: String, checksum: String?) {
        self.version = version
        self.name = name
        self.checksum = checksum
    }
}

/// The database's history and the application's migrations disagree: the runtime applies
/// nothing, because whatever it applied would rest on a schema it doesn't know.
public enum MigrationHistoryError: Error, Equatable, CustomStringConvertible {
    /// The application embeds two migrations with one number (two branches merged).
    case duplicateVersion(Int, names: [String])
    /// The database had a migration this application doesn't have (a newer build, or a branch's
    /// migration that was renumbered or dropped).
    case unknownMigration(AppliedMigration)
    /// The database had migration N under another name or with other text.
    case changedMigration(applied: AppliedMigration, expected: DatabaseMigration)
    /// A migration numbered below one the database had, which it never had: the history was
    /// reordered (a migration inserted before applied ones).
    case skippedMigration(DatabaseMigration, newestApplied: Int)

    public var description: String {
        switch self {
        case .duplicateVersion(let version, let names):
            return "two migrations are numbered \(version) (\(names.joined(separator: ", "))): renumber one of them "
                + "(see `schemagen check`) and rebuild; nothing was applied"
        case .unknownMigration(let applied):
            return "the database had migration \(applied.version) '\(applied.name)', which this application doesn't have: "
                + "it was built from another history (a newer version, or a branch whose migration was renumbered); nothing was applied"
        case .changedMigration(let applied, let expected):
            let what = applied.name != expected.name
                ? "was '\(applied.name)' there and is '\(expected.name)' here"
                : "was applied with checksum \(applied.checksum ?? "none") and is \(expected.checksum) here: the file was edited after it was applied"
            return "migration \(expected.version) \(what); nothing was applied. An applied migration must not change: "
                + "restore it and put the change in a new migration"
        case .skippedMigration(let migration, let newest):
            return "migration \(migration.id) was never applied to this database, but \(newest) was: a migration was inserted "
                + "before applied ones (renumber it after \(newest)); nothing was applied"
        }
    }

    /// The migrations of `migrations` that `applied` lacks, in order, once the two histories
    /// agree; throws where they don't.
    public static func pending(_ migrations: [DatabaseMigration], applied: [AppliedMigration]) throws(MigrationHistoryError) -> [DatabaseMigration] {
        let sorted = migrations.sorted { ($0.version, $0.name) < ($1.version, $1.name) }
        var byVersion: [Int: DatabaseMigration] = [:]
        for migration in sorted {
            if let other = byVersion[migration.version] {
                throw .duplicateVersion(migration.version, names: [other.id, migration.id])
            }
            byVersion[migration.version] = migration
        }
        for row in applied.sorted(by: { $0.version < $1.version }) {
            guard let expected = byVersion[row.version] else { throw .unknownMigration(row) }
            if row.name != expected.name || (row.checksum != nil && row.checksum != expected.checksum) {
                throw .changedMigration(applied: row, expected: expected)
            }
        }
        let done = Set(applied.map(\.version))
        let newest = applied.map(\.version).max() ?? 0
        let pending = sorted.filter { !done.contains($0.version) }
        if let skipped = pending.first(where: { $0.version < newest }) {
            throw .skippedMigration(skipped, newestApplied: newest)
        }
        return pending
    }
}

/// How the runtime keeps the `schema_migrations` table: the same columns as the migration files
/// create, plus `checksum`, added to a table made before checksums were recorded.
public enum MigrationTable {
    /// Records a migration with its checksum, in the migration's transaction: the file's own
    /// `INSERT` made the row (without a checksum); a file without one gets it here.
    /// Arguments: version, name, checksum.
    public static let record = """
        INSERT INTO schema_migrations (version, name, checksum) VALUES (?, ?, ?)
        ON CONFLICT (version) DO UPDATE SET checksum = excluded.checksum
        """

    /// The statement of a migration's text (comment lines dropped, uppercased, no semicolon), to
    /// tell the file's own `BEGIN` and `COMMIT` from its steps.
    public static func command(_ statement: String) -> String {
        statement.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("--") }
            .joined(separator: " ").trimmingCharacters(in: .whitespacesAndNewlines)
            .trimmingCharacters(in: CharacterSet(charactersIn: ";")).trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
    }
}

/// `baseline` on a database that has migrations recorded already.
public enum MigrationBaselineError: Error, Equatable, CustomStringConvertible {
    case alreadyMigrated([Int])
    case noSchema

    public var description: String {
        switch self {
        case .alreadyMigrated(let versions):
            return "the database follows migrations already (applied: \(versions.map(String.init).joined(separator: ", "))): "
                + "a baseline is for a database built from the DDL; migrate it instead"
        case .noSchema:
            return "the database has none of the schema's tables: a baseline is for a database built from the DDL; migrate it instead"
        }
    }
}
