/// The steps of a migration that hold a long lock or rewrite a table that may be large: listed
/// in the migration's header so that a reviewer can plan when to apply it. Not findings: they
/// lose nothing and need no acknowledgement, only a quiet hour on a big table.
enum MigrationLocks {
    /// One line per such step of `steps` (one dialect's), for tables that had rows before
    /// (`existingTables`, by their current names).
    static func notes(_ dialect: SQLDialect, steps: [String], existingTables: Set<String>) -> [String] {
        var notes: [String] = []
        let lines = steps.flatMap { $0.split(separator: "\n").map(String.init) }
        func table(after marker: String, in line: String) -> String? {
            guard let range = line.range(of: marker) else { return nil }
            let name = String(line[range.upperBound...].prefix { $0 != " " && $0 != "(" && $0 != ";" }).replacingOccurrences(of: "\"", with: "")
            return existingTables.contains(name) ? name : nil
        }
        for line in lines {
            switch dialect {
            case .postgres:
                if line.hasPrefix("ALTER TABLE "), let name = table(after: "ALTER TABLE ", in: line) {
                    let column = line.range(of: " ALTER COLUMN ").map { String(line[$0.upperBound...].prefix { $0 != " " }) } ?? ""
                    if line.contains(" TYPE ") {
                        notes.append("\(name).\(column): the type change rewrites \(name) under an ACCESS EXCLUSIVE lock (reads and writes wait)")
                    } else if line.hasSuffix(" SET NOT NULL;") {
                        notes.append("\(name).\(column): SET NOT NULL reads every row of \(name) under an ACCESS EXCLUSIVE lock")
                    } else if line.contains(" ADD CONSTRAINT "), line.contains(" CHECK ") {
                        // A foreign key of an existing table is added NOT VALID, reading no row (the
                        // migration's note says how it is validated after COMMIT).
                        let constraint = line.range(of: " ADD CONSTRAINT ").map { String(line[$0.upperBound...].prefix { $0 != " " }) } ?? ""
                        notes.append("\(name): ADD CONSTRAINT \(constraint) reads every row of \(name) under an ACCESS EXCLUSIVE lock (reads and writes wait)")
                    }
                } else if line.hasPrefix("UPDATE "), let name = table(after: "UPDATE ", in: line) {
                    notes.append("\(name): the UPDATE writes a new version of every row it changes, in one transaction")
                } else if line.hasPrefix("CREATE INDEX ") || line.hasPrefix("CREATE UNIQUE INDEX "), let name = table(after: " ON ", in: line) {
                    let index = line.components(separatedBy: " ").dropFirst(line.hasPrefix("CREATE UNIQUE") ? 3 : 2).first ?? ""
                    notes.append("\(name): CREATE INDEX \(index) blocks writes to \(name) while it builds")
                }
            case .sqlite:
                if line.hasPrefix("-- "), line.hasSuffix("SQLite rebuilds the table (copy, drop, rename)."),
                   let name = line.dropFirst(3).split(separator: ":").first.map(String.init), existingTables.contains(name) {
                    notes.append("\(name): rebuilt, every row copied, while the migration holds the write lock")
                } else if line.hasPrefix("CREATE INDEX ") || line.hasPrefix("CREATE UNIQUE INDEX "), let name = table(after: " ON ", in: line) {
                    let index = line.components(separatedBy: " ").dropFirst(line.hasPrefix("CREATE UNIQUE") ? 3 : 2).first ?? ""
                    notes.append("\(name): CREATE INDEX \(index) reads every row of \(name) while the migration holds the write lock")
                }
            }
        }
        return notes
    }
}
