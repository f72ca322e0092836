@testable import SchemaGenCore
import Testing

/// `schemagen lint`: each rule on a small schema that has the problem and one that doesn't,
/// silencing with `lint.ignore`, the shape errors of that block, and the studio schemas clean.
@Suite("Lint")
struct LintTests {
    static let users = (path: "schemas/a_users.yaml", yaml: """
        name: users
        principal: true
        fields:
          email: { type: email, required: true }
        indexes:
          - fields: [email]
            unique: true
        access:
          read: [self]
        """)

    static func comments(fields: String = "", indexes: String = "", extra: String = "") -> (path: String, yaml: String) {
        (path: "schemas/b_comments.yaml", yaml: """
            name: comments
            \(extra)fields:
              body: { type: text, required: true }
              author: { type: ref, to: users, required: true, onDelete: cascade }
              parent: { type: ref, to: comments, onDelete: cascade }
            \(fields)indexes:
              - fields: [author]
            \(indexes)
            """)
    }

    func lint(_ files: [(path: String, yaml: String)], sourceLocation: Testing.SourceLocation = #_sourceLocation) -> LintReport? {
        do {
            return try Linter.lint(files.map { SchemaSource(path: $0.path, contents: $0.yaml) })
        } catch {
            Issue.record("the schemas don't resolve: \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }

    func rules(_ report: LintReport?) -> [String] {
        (report?.findings ?? []).map { "\($0.rule.rawValue) \($0.collection).\($0.subject)" }
    }

    // MARK: fk-without-index

    @Test func aForeignKeyWithoutAnIndexIsReportedAtTheFieldWithAHint() throws {
        let report = try #require(lint([Self.users, Self.comments()]))
        #expect(rules(report) == ["fk-without-index comments.parent"])
        let diagnostic = try #require(report.diagnostics().first)
        #expect(diagnostic.description.hasPrefix(
            "schemas/b_comments.yaml:5:3: warning: foreign key 'parent' (column parent → comments) has no index that starts with it [fk-without-index]"))
        #expect(diagnostic.notes.first?.message ==
            "deleting a record of comments (onDelete: cascade) deletes the comments that point at it: without an index each such delete reads all of comments, and so does every lookup by parent; add `- fields: [parent]` under indexes")
    }

    @Test func anIndexThatStartsWithTheColumnCoversIt() {
        #expect(rules(lint([Self.users, Self.comments(indexes: "  - fields: [parent, author]\n")])) == [])
        // A partial index on `isNull: false` still serves `parent = ?`.
        #expect(rules(lint([Self.users, Self.comments(indexes: "  - fields: [parent]\n    where: { parent: { isNull: false } }\n")])) == [])
        // An index where the column comes second does not, nor one partial on something else.
        #expect(rules(lint([Self.users, Self.comments(indexes: "  - fields: [body, parent]\n")]))
            == ["fk-without-index comments.parent", "filter-without-index comments.parent"])
        #expect(rules(lint([Self.users, Self.comments(indexes: "  - fields: [parent]\n    where: { body: { not: x } }\n")]))
            == ["fk-without-index comments.parent", "filter-without-index comments.parent"])
    }

    @Test func aToManyReferenceNeedsAnIndexOverIt() {
        let refs = "  watchers: { type: refs, to: users }\n"
        #expect(rules(lint([Self.users, Self.comments(fields: refs, indexes: "  - fields: [parent]\n")])) == ["fk-without-index comments.watchers"])
        #expect(rules(lint([Self.users, Self.comments(fields: refs, indexes: "  - fields: [parent]\n  - fields: [watchers]\n")])) == [])
    }

    @Test func referencesInsideArraysHaveNoForeignKey() {
        let array = "  mentions: { type: array, items: { type: object, fields: { who: { type: ref, to: users } } } }\n"
        #expect(rules(lint([Self.users, Self.comments(fields: array, indexes: "  - fields: [parent]\n")])) == [])
    }

    // MARK: redundant-index

    @Test func anIndexThatLeadsAnotherIsRedundant() throws {
        let report = try #require(lint([Self.users, Self.comments(indexes: "  - fields: [parent]\n  - fields: [author, parent desc]\n")]))
        #expect(rules(report) == ["redundant-index comments.comments_author_idx"])
        let diagnostic = try #require(report.diagnostics().first)
        #expect(diagnostic.message == "index comments_author_idx is a prefix of index comments_author_parent_idx (author, parent desc) [redundant-index]")
        #expect(diagnostic.location.line == 7)
        #expect(diagnostic.notes.last == Diagnostic.Note("the longer index", at: SourceLocation(file: "schemas/b_comments.yaml", line: 9, column: 5)))
    }

    @Test func aRepeatedIndexIsReportedOnce() {
        #expect(rules(lint([Self.users, Self.comments(indexes: "  - fields: [parent]\n  - fields: [author]\n    name: comments_author_again\n")]))
            == ["redundant-index comments.comments_author_again"])
    }

    @Test func uniqueOrPartialOrDifferentlyOrderedIndexesAreNotRedundant() {
        // A unique prefix enforces something; a partial index covers other rows; [body, author]
        // doesn't lead with author; a compound prefix in another direction is another order.
        let indexes = """
              - fields: [parent]
              - fields: [author, body]
              - fields: [author]
                unique: true
                name: comments_one_per_author
              - fields: [author]
                where: { parent: { isNull: true } }
                name: comments_top_level_by_author
              - fields: [body, author]
              - fields: [body desc, author]
                name: comments_body_desc_author_idx
              - fields: [body, author desc, parent]

            """
        #expect(rules(lint([Self.users, Self.comments(indexes: indexes)])) == ["redundant-index comments.comments_author_idx"])
    }

    // MARK: unique-ignores-soft-delete

    @Test func aUniqueIndexOnASoftDeletedCollectionWithoutADeletedAtCondition() throws {
        let fields = "  slug: { type: string, unique: true }\n  code: string\n"
        let indexes = """
              - fields: [parent]
              - fields: [code]
                unique: true
                where: { deletedAt: { isNull: true } }

            """
        let report = try #require(lint([Self.users, Self.comments(fields: fields, indexes: indexes, extra: "softDelete: true\n")]))
        #expect(rules(report) == ["unique-ignores-soft-delete comments.comments_slug_key"])
        #expect(report.findings.first?.diagnostic.message
            == "unique index comments_slug_key (slug) of a soft-deleted collection also holds deleted records [unique-ignores-soft-delete]")
        #expect(report.findings.first?.diagnostic.notes.first?.message.contains("`where: { deletedAt: { isNull: true } }` instead of `unique: true` on the field") == true)
        // Without softDelete the same index is fine.
        #expect(rules(lint([Self.users, Self.comments(fields: fields, indexes: "  - fields: [parent]\n")])) == [])
    }

    // MARK: filter-without-index

    @Test func aFilterFieldThatNoIndexStartsWith() throws {
        let report = try #require(lint([Self.users, Self.comments(indexes: "  - fields: [parent, body]\n")]))
        #expect(rules(report) == ["filter-without-index comments.body"])
        let diagnostic = try #require(report.diagnostics().first)
        #expect(diagnostic.message == "'body' is a filter of CommentRepository.Filter, and no index starts with it (index comments_parent_body_idx has it after parent) [filter-without-index]")
        #expect(diagnostic.notes.first?.message == "`list(Filter(body: …))` or `count(…)` on it alone reads all of comments; add `- fields: [body]` under indexes, or ignore this finding with the reason callers always filter it together with parent")
        let ignored = Self.comments(indexes: "  - fields: [parent, body]\n",
                                    extra: "lint: { ignore: [{ rule: filter-without-index, field: body, reason: \"bodies are searched per thread\" }] }\n")
        #expect(rules(lint([Self.users, ignored])) == [])
    }

    @Test func onASoftDeletedCollectionAnIndexOfTheLiveRecordsServesFilters() {
        let indexes = "  - fields: [parent]\n  - fields: [body]\n    where: { deletedAt: { isNull: true } }\n"
        #expect(rules(lint([Self.users, Self.comments(indexes: indexes, extra: "softDelete: true\n")])) == [])
        // A foreign key's actions see deleted rows too: such an index doesn't serve them.
        let parent = "  - fields: [parent]\n    where: { deletedAt: { isNull: true } }\n"
        #expect(rules(lint([Self.users, Self.comments(indexes: parent, extra: "softDelete: true\n")])) == ["fk-without-index comments.parent"])
    }

    // MARK: access-path-without-index

    @Test func eachColumnOfAnOwnerOrMemberPathNeedsAnIndex() throws {
        let projects = (path: "schemas/b_projects.yaml", yaml: """
            name: projects
            fields:
              owner: { type: ref, to: users, required: true, onDelete: cascade }
              members: { type: refs, to: users }
            access:
              read: [owner, member]
            lint:
              ignore:
                - { rule: fk-without-index, field: owner, reason: "users are never deleted, only disabled" }
                - { rule: fk-without-index, field: members, reason: "users are never deleted, only disabled" }
            """)
        let tasks = (path: "schemas/c_jobs.yaml", yaml: """
            name: jobs
            fields:
              project: { type: ref, to: projects, required: true, onDelete: cascade }
            indexes:
              - fields: [project]
            access:
              read: [{ owner: project.owner }, { all: [{ member: project.members }] }]
            """)
        let report = try #require(lint([Self.users, projects, tasks]))
        #expect(rules(report) == ["access-path-without-index projects.owner", "access-path-without-index projects.members"])
        #expect(report.silenced.map(\.finding.subject) == ["owner", "members"])
        #expect(report.silenced.first?.reason == "users are never deleted, only disabled")
        let owner = try #require(report.findings.first?.diagnostic)
        #expect(owner.message == "'owner' (column owner) is on the path of 2 access rules and has no index that starts with it [access-path-without-index]")
        #expect(Array(owner.notes.dropFirst()) == [
            Diagnostic.Note("used by the read rule { owner: owner } of projects", at: SourceLocation(file: "schemas/b_projects.yaml", line: 6, column: 10)),
            Diagnostic.Note("used by the read rule { owner: project.owner } of jobs", at: SourceLocation(file: "schemas/c_jobs.yaml", line: 7, column: 19)),
        ])
    }

    // MARK: lint.ignore

    @Test func anIgnoreWithAReasonSilencesOneFinding() throws {
        let lintBlock = """
            lint:
              ignore:
                - rule: fk-without-index
                  field: parent
                  reason: "threads are never deleted, only hidden"

            """
        let report = try #require(lint([Self.users, Self.comments(extra: lintBlock)]))
        #expect(report.findings.isEmpty)
        #expect(report.silenced.map(\.finding.rule) == [.fkWithoutIndex])
    }

    @Test func anIgnoreThatSilencesNothingIsItselfAFinding() throws {
        let lintBlock = "lint: { ignore: [{ rule: redundant-index, index: comments_parent_idx, reason: old }] }\n"
        let report = try #require(lint([Self.users, Self.comments(indexes: "  - fields: [parent]\n", extra: lintBlock)]))
        #expect(rules(report) == ["unused-lint-ignore comments.comments_parent_idx"])
        #expect(report.findings.first?.diagnostic.location == SourceLocation(file: "schemas/b_comments.yaml", line: 2, column: 18))
    }

    @Test func strictMakesFindingsErrors() throws {
        let report = try #require(lint([Self.users, Self.comments()]))
        #expect(report.diagnostics().map(\.severity) == [.warning])
        #expect(report.diagnostics(strict: true).map(\.severity) == [.error])
    }

    @Test func theIgnoreBlockIsChecked() {
        func errors(_ block: String) -> [String] {
            let file = Self.comments(extra: block)
            do {
                _ = try Pipeline.resolve([Self.users, file].map { SchemaSource(path: $0.path, contents: $0.yaml) })
                return []
            } catch {
                return error.diagnostics.map { "\($0.location.line):\($0.location.column) \($0.message)" + ($0.notes.first.map { " (\($0.message))" } ?? "") }
            }
        }
        #expect(errors("lint: { ignore: [{ rule: fk-without-indx, field: parent, reason: x }] }\n")
            == ["2:26 unknown lint rule 'fk-without-indx' (did you mean 'fk-without-index'?)"])
        #expect(errors("lint: { ignore: [{ rule: fk-without-index, field: parent }] }\n")
            == ["2:26 an entry of 'lint.ignore' needs a 'reason': why the finding doesn't apply here"])
        #expect(errors("lint: { ignore: [{ rule: redundant-index, field: parent, reason: x }] }\n")
            == ["2:50 'redundant-index' is about an index: name it with 'index' (its SQL name, as the finding shows it)"])
        #expect(errors("lint: { ignores: [] }\n") == ["2:9 unknown key 'ignores' in 'lint' (did you mean 'ignore'?)"])
        #expect(errors("lint: { ignore: [{ rule: unused-lint-ignore, field: parent, reason: x }] }\n").first?
            .hasPrefix("2:26 unknown lint rule 'unused-lint-ignore'") == true)
    }

    // MARK: The studio

    @Test func theStudioSchemasPassClean() throws {
        let report = try Linter.lint(try SchemaLoader.sources(inDirectory: packageRoot + "/schemas"))
        #expect(report.diagnostics().map(\.description) == [])
        // Every silenced finding says why.
        #expect(report.silenced.allSatisfy { !$0.reason.isEmpty })
    }
}

/// Hints for keys and index kinds other schema languages use.
@Suite("Hints for other schema languages' words")
struct ForeignWordHintTests {
    func diagnostics(_ yaml: String) -> [Diagnostic] {
        do {
            _ = try Pipeline.resolve([SchemaSource(path: "schemas/x.yaml", contents: yaml)])
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test func constraintsAtTheTopPointsAtUniqueIndexes() {
        let found = diagnostics("name: episodes\nfields:\n  number: int\nconstraints:\n  - unique: [number]\n")
        #expect(found.map(\.description) == ["""
            schemas/x.yaml:4:1: error: 'constraints' does not apply to a schema file
            schemas/x.yaml:4:1: note: compound uniques live under 'indexes': `- { fields: [project, episodeNumber], unique: true }`; \
            value constraints (min, max, minLength, maxLength, pattern, minItems, maxItems) go on each field
            """])
    }

    @Test func indexOnAFieldPointsAtIndexes() {
        let found = diagnostics("name: episodes\nfields:\n  number: { type: int, index: true }\n")
        #expect(found.map(\.message) == ["'index' does not apply to field 'number'"])
        #expect(found.first?.notes.first?.message
            == "indexes are listed under the collection's 'indexes': `- fields: [number]` (or `unique: true` here for a unique one)")
    }

    @Test func anIndexKindOfAnotherDatabaseNamesTheKindThatDoesItsJob() {
        func note(_ kind: String) -> String? {
            diagnostics("name: episodes\nfields:\n  title: string\nindexes:\n  - fields: [title]\n    kind: \(kind)\n").first?.notes.first?.message
        }
        #expect(note("gin")?.hasPrefix("for a GIN index over a json or array field (containment, @> on PostgreSQL) use 'kind: json'") == true)
        #expect(note("fulltext")?.hasPrefix("for full-text search over string or text fields use 'kind: text'") == true)
        #expect(note("hnsw")?.hasPrefix("for similarity search over a vector field use 'kind: vector'") == true)
        #expect(note("hash")?.hasPrefix("use 'kind: standard'") == true)
        #expect(note("unique")?.hasPrefix("a unique index is a standard one with 'unique: true'") == true)
        #expect(note("txt") == "did you mean 'text'?")
        #expect(note("quadtree") == "expected standard, text, ttl, vector or json")
    }
}
