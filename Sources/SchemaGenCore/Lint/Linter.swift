// Lint: advice about a valid schema. Load and Resolve refuse what can't work; the lint warns
// about what works but will be slow or surprising in production (a foreign key every delete
// has to scan for, an index that repeats another, a unique index that deleted rows still hold).
// It reads the checked `Schema` and the collections' `lint: { ignore: [...] }` entries, and
// never fails on a schema that resolved.

/// A lint rule, by its stable identifier (what `lint.ignore` entries and messages name).
public enum LintRule: String, Sendable, CaseIterable {
    /// A `ref` column (or the target column of a `refs` join table) that no index starts with.
    case fkWithoutIndex = "fk-without-index"
    /// A standard index whose fields lead another standard index with the same conditions.
    case redundantIndex = "redundant-index"
    /// A unique index on a `softDelete: true` collection without a `deletedAt` condition.
    case uniqueIgnoresSoftDelete = "unique-ignores-soft-delete"
    /// A column an owner/member access rule goes through that no index starts with.
    case accessPathWithoutIndex = "access-path-without-index"
    /// A field the repository's `Filter` offers (it is in some index) that no index starts with.
    case filterWithoutIndex = "filter-without-index"
    /// A `lint.ignore` entry that silences nothing (the finding went away, or a name is wrong).
    case unusedIgnore = "unused-lint-ignore"

    public enum Subject: Sendable { case field, index }

    /// What a finding of the rule is about, and so how an ignore entry names it.
    public var subject: Subject {
        switch self {
        case .fkWithoutIndex, .accessPathWithoutIndex, .filterWithoutIndex, .unusedIgnore: return .field
        case .redundantIndex, .uniqueIgnoresSoftDelete: return .index
        }
    }

    /// The rules a `lint.ignore` entry may name.
    public static let silenceable: [LintRule] = [.fkWithoutIndex, .redundantIndex, .uniqueIgnoresSoftDelete, .accessPathWithoutIndex,
                                                 .filterWithoutIndex]
}

/// One lint finding: a warning (an error under `--strict`) with its rule and what it is about.
public struct LintFinding: Sendable, Equatable {
    public var rule: LintRule
    public var collection: String
    /// The field's dotted path or the index's name, as a `lint.ignore` entry names it.
    public var subject: String
    /// `path:line:column: warning: message [rule]` with its notes (the hint first).
    public var diagnostic: Diagnostic
}

public struct LintReport: Sendable {
    /// What the lint found and nothing silenced, in file order.
    public var findings: [LintFinding]
    /// Findings silenced by a `lint.ignore` entry, with its reason.
    public var silenced: [(finding: LintFinding, reason: String)]

    /// The findings as diagnostics: warnings, or errors when `strict`.
    public func diagnostics(strict: Bool = false) -> [Diagnostic] {
        findings.map { finding in
            var diagnostic = finding.diagnostic
            diagnostic.severity = strict ? .error : .warning
            return diagnostic
        }.sorted { $0.location < $1.location }
    }
}

public enum Linter {
    /// Loads, resolves and lints. Throws the schema's problems when it does not resolve.
    public static func lint(_ sources: [SchemaSource]) throws(DiagnosticsError) -> LintReport {
        let schema = try Pipeline.resolve(sources)
        let files = SchemaLoader.loadPartially(sources).files
        var collections: [String: CollectionSyntax] = [:]
        for file in files { if let collection = file.collection { collections[collection.name.value] = collection } }
        return lint(schema, syntax: collections)
    }

    /// Lints a resolved schema; `syntax` (by collection name) gives the `lint.ignore` entries
    /// and the places of access rules.
    public static func lint(_ schema: Schema, syntax: [String: CollectionSyntax] = [:]) -> LintReport {
        var found: [LintFinding] = []
        for collection in schema.collections {
            found += foreignKeys(collection)
            found += redundantIndexes(collection)
            found += softDeleteUniques(collection)
            found += filters(collection)
        }
        found += accessPaths(schema, syntax: syntax)

        // Silence what the schemas ignore, and report ignores that silence nothing.
        var findings: [LintFinding] = []
        var silenced: [(finding: LintFinding, reason: String)] = []
        var used: Set<SourceLocation> = []
        for finding in found {
            let ignores = syntax[finding.collection]?.lintIgnores ?? []
            if let ignore = ignores.first(where: { matches($0, finding) }) {
                used.insert(ignore.location)
                silenced.append((finding, ignore.reason.value))
            } else {
                findings.append(finding)
            }
        }
        for collection in schema.collections {
            for ignore in syntax[collection.name]?.lintIgnores ?? [] where !used.contains(ignore.location) {
                let subject = ignore.field ?? ignore.index ?? ignore.rule
                findings.append(finding(.unusedIgnore, in: collection, subject: subject.value, at: ignore.location,
                                        "this lint.ignore entry silences nothing: collection '\(collection.name)' has no '\(ignore.rule.value)' finding for '\(subject.value)'",
                                        hint: "remove it if the finding was fixed, or correct the \(ignore.field != nil ? "field path" : "index name") (as the finding shows it)"))
            }
        }
        let rank = Dictionary(uniqueKeysWithValues: LintRule.allCases.enumerated().map { ($0.element, $0.offset) })
        return LintReport(findings: findings.sorted { ($0.diagnostic.location, rank[$0.rule]!) < ($1.diagnostic.location, rank[$1.rule]!) },
                          silenced: silenced)
    }

    private static func matches(_ ignore: LintIgnoreSyntax, _ finding: LintFinding) -> Bool {
        guard ignore.rule.value == finding.rule.rawValue else { return false }
        return (ignore.field ?? ignore.index)?.value == finding.subject
    }

    private static func finding(_ rule: LintRule, in collection: Collection, subject: String, at location: SourceLocation,
                                _ message: String, hint: String, notes: [Diagnostic.Note] = []) -> LintFinding {
        LintFinding(rule: rule, collection: collection.name, subject: subject,
                    diagnostic: Diagnostic(.warning, "\(message) [\(rule.rawValue)]", at: location,
                                           notes: [Diagnostic.Note(hint)] + notes))
    }

    // MARK: Index coverage

    /// Whether some index of the collection starts with the field's column, so that looking
    /// rows up by that column alone is a range of the index: a standard or unique index whose
    /// first field is this one, partial only on `{ field: { isNull: false } }`. For a `refs`
    /// field: an index over it (built on the join table, starting with the target column).
    /// `forReads`: only for the repositories' reads, which leave soft-deleted records out, so an
    /// index partial on `deletedAt: { isNull: true }` serves them too (not a foreign key's
    /// actions, which see every row).
    static func isLeadingIndexed(_ field: Field, in collection: Collection, forReads: Bool = false) -> Bool {
        collection.indexes.contains { index in
            guard index.kind == .standard, let first = index.keys.first else { return false }
            if case .references = field.type {
                return index.joinField?.dottedPath == field.dottedPath
            }
            guard first.field.dottedPath == field.dottedPath else { return false }
            return index.conditions.allSatisfy { condition in
                (condition.field.dottedPath == field.dottedPath && condition.test == .isNull(false))
                    || (forReads && collection.hasSoftDelete && condition.field.role == .deletedAt && condition.test == .isNull(true))
            }
        }
    }

    /// `- fields: [visualDesign.finalDesign]`
    private static func indexSuggestion(_ field: Field) -> String {
        "add `- fields: [\(field.dottedPath)]` under indexes"
    }

    // MARK: fk-without-index

    private static func foreignKeys(_ collection: Collection) -> [LintFinding] {
        collection.allFields.compactMap { field -> LintFinding? in
            let what: String, action: String, table: String
            switch field.type {
            case .reference(let reference):
                guard let column = field.columnName, let rule = reference.onDelete else { return nil }
                what = "foreign key '\(field.dottedPath)' (column \(column) → \(reference.targetTable))"
                let effect = ["restrict": "looks for", "noAction": "looks for", "cascade": "deletes", "setNull": "clears"][rule.rawValue] ?? "looks for"
                action = "deleting a record of \(reference.target) (onDelete: \(rule.rawValue)) \(effect) the \(collection.name) that point at it"
                table = collection.tableName
            case .references(let reference):
                guard let join = reference.joinTable else { return nil }
                what = "to-many reference '\(field.dottedPath)' (join table \(join.name), column \(join.targetColumn) → \(reference.targetTable))"
                action = "deleting a record of \(reference.target) deletes its links"
                table = join.name
            default:
                return nil
            }
            guard !isLeadingIndexed(field, in: collection) else { return nil }
            return finding(.fkWithoutIndex, in: collection, subject: field.dottedPath, at: field.location,
                           "\(what) has no index that starts with it",
                           hint: "\(action): without an index each such delete reads all of \(table), and so does every lookup by \(field.dottedPath); \(indexSuggestion(field))")
        }
    }

    // MARK: redundant-index

    private static func redundantIndexes(_ collection: Collection) -> [LintFinding] {
        let candidates = collection.indexes.filter { $0.kind == .standard && $0.joinField == nil }
        var findings: [LintFinding] = []
        for (position, index) in candidates.enumerated() where !index.isUnique {
            let covering = candidates.enumerated().first { other in
                guard other.offset != position, sameConditions(index, other.element),
                      other.element.keys.count >= index.keys.count else { return false }
                // Two identical non-unique indexes: the later one is the repeat.
                if other.element.keys.count == index.keys.count, !other.element.isUnique, other.offset > position { return false }
                return zip(index.keys, other.element.keys).enumerated().allSatisfy { offset, pair in
                    pair.0.field.dottedPath == pair.1.field.dottedPath
                        && (pair.0.descending == pair.1.descending || index.keys.count == 1)
                }
            }
            guard let covering = covering?.element else { continue }
            let fields = covering.keys.map { $0.field.dottedPath + ($0.descending ? " desc" : "") }.joined(separator: ", ")
            let same = covering.keys.count == index.keys.count
            findings.append(finding(
                .redundantIndex, in: collection, subject: index.name, at: index.location,
                same ? "index \(index.name) repeats index \(covering.name) (\(fields))"
                     : "index \(index.name) is a prefix of index \(covering.name) (\(fields))",
                hint: "every lookup it serves, \(covering.name) serves too (its leading fields), and each write updates both; "
                    + "remove this index (the repository keeps its finder, which the longer index's leading fields provide)",
                notes: [Diagnostic.Note("the longer index", at: covering.location)]))
        }
        return findings
    }

    private static func sameConditions(_ a: Index, _ b: Index) -> Bool {
        func key(_ index: Index) -> [String] { index.conditions.map { "\($0.field.dottedPath) \($0.test)" }.sorted() }
        return key(a) == key(b)
    }

    // MARK: unique-ignores-soft-delete

    private static func softDeleteUniques(_ collection: Collection) -> [LintFinding] {
        guard collection.hasSoftDelete else { return [] }
        return collection.indexes.compactMap { index -> LintFinding? in
            guard index.isUnique, !index.conditions.contains(where: { $0.field.role == .deletedAt && $0.test == .isNull(true) })
            else { return nil }
            let fields = index.keys.map(\.field.dottedPath).joined(separator: ", ")
            return finding(.uniqueIgnoresSoftDelete, in: collection, subject: index.name, at: index.location,
                           "unique index \(index.name) (\(fields)) of a soft-deleted collection also holds deleted records",
                           hint: "a deleted (not purged) \(collection.modelName) keeps its value, so a new record can't reuse it; "
                               + "to free it on delete, write the index with `where: { deletedAt: { isNull: true } }`"
                               + (index.keys.count == 1 && index.keys[0].field.isUnique ? " instead of `unique: true` on the field" : "")
                               + ", or ignore this finding if deleted records should keep their values reserved")
        }
    }

    // MARK: filter-without-index

    /// The repositories' `Filter` (for `list` and `count`) offers every field of a standard or
    /// ttl index (RepositoryPlanner.filterFields); one that no index starts with is served only
    /// together with the fields before it.
    private static func filters(_ collection: Collection) -> [LintFinding] {
        var seen: Set<String> = []
        var findings: [LintFinding] = []
        for index in collection.indexes {
            switch index.kind {
            case .standard, .ttl: break
            default: continue
            }
            for key in index.keys where key.field.columnName != nil && !seen.contains(key.field.dottedPath) {
                if case .vector = key.field.type { continue }
                seen.insert(key.field.dottedPath)
                let field = key.field
                guard !isLeadingIndexed(field, in: collection, forReads: true) else { continue }
                let before = index.keys.prefix { $0.field.dottedPath != field.dottedPath }.map(\.field.dottedPath)
                let label = Naming.memberName(field.path.joined(separator: "_"))
                let context = before.isEmpty
                    ? "index \(index.name) starts with it only for some rows (a partial index)"
                    : "index \(index.name) has it after \(before.joined(separator: ", "))"
                findings.append(finding(
                    .filterWithoutIndex, in: collection, subject: field.dottedPath, at: field.location,
                    "'\(field.dottedPath)' is a filter of \(collection.modelName)Repository.Filter, and no index starts with it (\(context))",
                    hint: "`list(Filter(\(label): …))` or `count(…)` on it alone reads all of \(collection.tableName); "
                        + "\(indexSuggestion(field)), or ignore this finding with the reason callers always filter it together with "
                        + (before.isEmpty ? "the index's condition" : before.joined(separator: " and "))))
            }
        }
        return findings
    }

    // MARK: access-path-without-index

    /// Every column an owner or member rule goes through, in the collection that holds it: a
    /// caller's list of records starts from the caller only through an index on each of them;
    /// without one, every row is read and the rule evaluated on it (repository filters and
    /// PostgreSQL row-level security alike).
    private static func accessPaths(_ schema: Schema, syntax: [String: CollectionSyntax]) -> [LintFinding] {
        struct Use { var collection: String; var operation: AccessOperation; var written: String; var isMember: Bool }
        var uses: [String: [Use]] = [:]   // "collection\u{0}field path" → rules that go through it
        var order: [String] = []
        func visit(_ rule: AccessRule, in collection: Collection, operation: AccessOperation) {
            switch rule {
            case .owner(let path), .member(let path):
                let isMember: Bool = { if case .member = rule { return true } else { return false } }()
                for step in path.steps {
                    let key = step.collection + "\u{0}" + step.fieldPath.joined(separator: ".")
                    if uses[key] == nil { order.append(key) }
                    uses[key, default: []].append(Use(collection: collection.name, operation: operation, written: path.written, isMember: isMember))
                }
            case .all(let rules):
                for rule in rules { visit(rule, in: collection, operation: operation) }
            default:
                break
            }
        }
        for collection in schema.collections {
            for operation in AccessOperation.allCases {
                for rule in collection.access.rules[operation] ?? [] { visit(rule, in: collection, operation: operation) }
            }
        }
        var findings: [LintFinding] = []
        for key in order {
            let parts = key.split(separator: "\u{0}", maxSplits: 1).map(String.init)
            guard let collection = schema.collection(named: parts[0]),
                  let field = collection.allFields.first(where: { $0.dottedPath == parts[1] }),
                  !isLeadingIndexed(field, in: collection) else { continue }
            let rules = uses[key] ?? []
            var described: [String] = []
            var notes: [Diagnostic.Note] = []
            for use in rules {
                let text = "{ \(use.isMember ? "member" : "owner"): \(use.written) }"
                let label = "the \(use.operation.rawValue) rule \(text) of \(use.collection)"
                guard !described.contains(label) else { continue }
                described.append(label)
                if notes.count < 3 {
                    notes.append(Diagnostic.Note("used by \(label)",
                                                 at: ruleLocation(text: use.written, isMember: use.isMember, operation: use.operation,
                                                                  in: syntax[use.collection])
                                                     ?? schema.collection(named: use.collection)?.location))
                }
            }
            let column: String = {
                if case .references(let reference) = field.type, let join = reference.joinTable {
                    return "join table \(join.name), column \(join.targetColumn)"
                }
                return "column \(field.columnName ?? field.dottedPath)"
            }()
            findings.append(finding(.accessPathWithoutIndex, in: collection, subject: field.dottedPath, at: field.location,
                                    "'\(field.dottedPath)' (\(column)) is on the path of \(described.count == 1 ? "an access rule" : "\(described.count) access rules") and has no index that starts with it",
                                    hint: "listing what a caller may see starts from the caller only through an index here; without one every row is read "
                                        + "and the rule evaluated on it, in the repositories and in PostgreSQL row-level security; \(indexSuggestion(field))",
                                    notes: notes))
        }
        return findings
    }

    /// Where an owner/member rule with this path is written in a collection's `access`.
    private static func ruleLocation(text written: String, isMember: Bool, operation: AccessOperation,
                                     in syntax: CollectionSyntax?) -> SourceLocation? {
        guard let access = syntax?.access else { return nil }
        func search(_ rules: [Located<AccessSyntax.Rule>]) -> SourceLocation? {
            for rule in rules {
                switch rule.value {
                case .owner(let path) where !isMember && path == written: return rule.location
                case .member(let path) where isMember && path == written: return rule.location
                case .keyword("owner") where !isMember: return rule.location
                case .keyword("member") where isMember: return rule.location
                case .all(let inner): if let found = search(inner) { return found }
                default: continue
                }
            }
            return nil
        }
        for entry in access where entry.operation.value == operation.rawValue || entry.operation.value == "write" {
            if let found = search(entry.rules) { return found }
        }
        return nil
    }
}
