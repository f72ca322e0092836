import Foundation
import SchemaGenCore
import SchemaGenSeed
@testable import SchemaRuntime
import StudioModels
import Testing

/// Every statement the repositories issue, planned by the database: the fixtures loaded
/// (`rows` per collection; PostgreSQL's statistics gathered with `ANALYZE`), then each read that
/// `list(where:orderBy:)`, `count(where:)`, `find` and `findAll` make, for each column of each
/// collection, each operator, each sort and as each kind of caller, and every generated method
/// (`GeneratedCalls`: finders, text searches, the queue's claim, links, expiry, aggregates,
/// upserts, similarity search), is recorded as it runs and planned (PostgreSQL `EXPLAIN`, SQLite
/// `EXPLAIN QUERY PLAN`). A plan that reads a whole collection table or join table
/// (`Seq Scan on tasks`, `SCAN tasks`) fails the test.
///
/// The verdict is "an index can serve it", not "the planner prefers the index at this size":
/// - PostgreSQL plans with `enable_seqscan = off`, which makes a sequential scan the last resort:
///   a plan that still has one has no usable index (at a few hundred rows the planner rightly
///   prefers scanning a table of a few pages, so its unforced choice would prove nothing, and
///   loading tens of thousands of rows per table takes longer than this test may run).
/// - SQLite has no such switch: it plans without statistics (no `ANALYZE`), when it assumes an
///   index narrows to a few rows and so takes one whenever one serves the WHERE clause or the
///   order; `SCAN t` without `USING` is then a statement no index serves. (With statistics of
///   these fixtures, where a few users create every project, it rightly scans projects for
///   `count(*) … created_by IN (…)`: the same choice PostgreSQL makes on small tables.)
/// - A similarity search (`nearest(to:by:)`) has no index by design (neither engine has a vector
///   index here): its scan is accepted and counted apart, never silently.
@Suite("Query plans", .serialized)
struct QueryPlanTests {
    static let rows = 200

    @Test("no repository statement scans a whole collection table", arguments: Backend.available)
    func everyQueryUsesAnIndex(_ backend: Backend) async throws {
        let schema = try Generator(schemasDirectory: Backend.root + "/schemas").resolve()
        var options = FixtureOptions()
        options.rows = Self.rows
        let fixtures = Pipeline.fixtures(schema, options: options)
        try await backend.withDatabase { system, _ in
            try await FixtureLoader.load(fixtures, schema: schema, into: system)
            if backend == .postgres { try await system.execute("ANALYZE", []) }
            let log = StatementLog()
            let recording = RecordingExecutor(inner: system, log: log)
            let owner = try #require(fixtures.sampleUsers.first).id
            let contexts: [AccessContext] = [.system, .user(UUID(uuidString: owner)!, role: "user")]
            var tables: Set<String> = []
            tables.formUnion(try await Self.exercise(User.self, [\.id, \.email, \.role, \.subscriptionTier], recording, contexts))
            tables.formUnion(try await Self.exercise(Project.self, [\.id, \.createdBy, \.status, \.genre, \.createdAt], recording, contexts))
            tables.formUnion(try await Self.exercise(Episode.self, [\.id, \.project, \.status, \.metadataFinalVideo, \.metadataThumbnail], recording, contexts))
            tables.formUnion(try await Self.exercise(StoryCharacter.self, [\.id, \.project, \.visualDesignFinalDesign, \.voiceProfileAudioSample], recording, contexts))
            tables.formUnion(try await Self.exercise(Scene.self, [\.id, \.episode, \.productionStatus, \.project, \.productionVideoSegment, \.productionAudioTrack], recording, contexts))
            tables.formUnion(try await Self.exercise(Media.self, [\.id, \.project, \.episode, \.scene, \.mediaType, \.status, \.character], recording, contexts))
            tables.formUnion(try await Self.exercise(Session.self, [\.id, \.project, \.user, \.sessionState, \.contextDataCurrentEpisode, \.contextDataCurrentScene, \.contextDataFocusCharacter], recording, contexts))
            tables.formUnion(try await Self.exercise(GenerationTask.self, [\.id, \.status, \.taskType, \.priority, \.project, \.episode, \.scene, \.character], recording, contexts))
            tables.formUnion(try await Self.exercise(PromptTemplate.self, [\.id, \.name, \.app, \.stage], recording, contexts))
            tables.formUnion(try await Self.exercise(PromptExecution.self, [\.id, \.projectId, \.status, \.model, \.createdAt, \.templateId], recording, contexts))
            for context in contexts {
                try await GeneratedCalls.run(recording, as: context, system: system)
            }

            let statements = log.distinct.filter { Self.isPlannable($0.0) }
            var scans: [String] = []
            var acceptedScans = 0
            let plans = try await Self.plans(statements, on: system)
            for ((sql, _), plan) in zip(statements, plans) {
                guard let table = Self.wholeTableScan(in: plan, of: tables) else { continue }
                if sql.contains("schemagen_distance") {
                    acceptedScans += 1
                } else {
                    scans.append("\(table): \(sql)\n  \(plan.joined(separator: "\n  "))")
                }
            }
            print("Query plans (\(backend.rawValue)): \(statements.count) statements planned, \(scans.count) scan a whole table "
                + "where an index was promised, \(acceptedScans) accepted full scans (similarity search, no vector index)")
            #expect(statements.count > 500)
            #expect(acceptedScans > 0, "the unfiltered similarity search scans media, and is reported as such")
            #expect(scans.isEmpty, "\(scans.count) of \(statements.count) statements scan a whole table:\n\(scans.joined(separator: "\n"))")
        }
    }

    /// Statements with a plan: reads and writes, not transaction control or settings.
    static func isPlannable(_ sql: String) -> Bool {
        let verb = sql.prefix(while: { !$0.isWhitespace }).uppercased()
        return ["SELECT", "WITH", "INSERT", "UPDATE", "DELETE"].contains(verb)
    }

    /// Runs every typed read of `Record`'s columns (`paths`: each filter and sort column of
    /// `Record.Columns`, whose members are computed, so reflection can't list them) as each
    /// caller; returns its table and join tables.
    static func exercise<Record: StoredRecord>(
        _ type: Record.Type, _ paths: [PartialKeyPath<Record.Columns>], _ database: any DatabaseExecutor, _ contexts: [AccessContext]
    ) async throws -> Set<String> {
        let repository = Repository<Record>(database)
        let columns = paths.compactMap { Record.Columns()[keyPath: $0] as? any AnyQueryColumn }
        // The list names every one the generated code declares (`QueryColumn<Media, …>`, `OptionalQueryColumn<Media, …>`).
        let source = try String(contentsOfFile: Backend.root + "/Generated/Swift/\(Record.self).swift", encoding: .utf8)
        #expect(columns.count == paths.count && columns.count == source.components(separatedBy: "QueryColumn<\(Record.self), ").count - 1,
                "every query column of \(Record.self).Columns is exercised")
        let id = try #require(Record.ID(cursorText: UUID().uuidString))
        for context in contexts {
            _ = try await repository.find(id, as: context)
            _ = try await repository.findAll([id, try #require(Record.ID(cursorText: UUID().uuidString))], as: context)
            for column in columns {
                // A value the table holds (the planner knows how common it is), else one of its kind.
                let stored = try await ((database as? RecordingExecutor)?.inner ?? database).query(
                    "SELECT \(column.sql) FROM \(Record.table.name) WHERE \(column.sql) IS NOT NULL LIMIT 1", []).first?.values[0]
                let value = stored.map { column.kind.sameKind($0) } ?? column.kind
                let filters: [RecordPredicate<Record>] = [
                    RecordPredicate("\(column.sql) = ?", [value]),
                    RecordPredicate("\(column.sql) IN (?, ?)", [value, value]),
                    RecordPredicate("\(column.sql) >= ?", [value]) && RecordPredicate("\(column.sql) < ?", [value]),
                ]
                for filter in filters {
                    _ = try await repository.list(where: { _ in filter }, as: context)
                    _ = try await repository.count(where: { _ in filter }, as: context)
                }
                if !column.isSortable {
                    _ = try await repository.list(where: { _ in RecordPredicate("\(column.sql) IS NULL", []) }, as: context)
                }
                if case .text = value {
                    let prefix = RecordPredicate<Record>("\(column.sql) >= ? AND \(column.sql) < ? AND substr(\(column.sql), 1, 1) = ?",
                                                         [.text("a"), .text("a\u{10FFFF}"), .text("a")])
                    _ = try await repository.list(where: { _ in prefix }, as: context)
                }
                guard column.isSortable else { continue }
                for descending in [false, true] {
                    let order = RecordOrder<Record>([SortKey(column.sql, descending: descending, like: value)])
                    let cursor = Cursor(values: [value.cursorText, UUID().uuidString])
                    // The first page, the next, the previous; alone and after an equality on the column.
                    for page in [PageRequest(size: 20), PageRequest(size: 20, after: cursor), PageRequest(size: 20, before: cursor)] {
                        _ = try await repository.list(orderBy: { _ in order }, page: page, as: context)
                        _ = try await repository.list(where: { _ in RecordPredicate("\(column.sql) = ?", [value]) },
                                                      orderBy: { _ in order }, page: page, as: context)
                    }
                }
            }
        }
        return Set([Record.table.name] + Record.table.links.map(\.joinTable)).reduce(into: []) { $0.insert(TableName.unquoted($1)) }
    }

    /// The plan of each statement, a line per step; on PostgreSQL with sequential scans disabled
    /// (see the suite's comment), in one transaction that changes nothing.
    static func plans(_ statements: [(String, [SQLValue])], on database: any DatabaseExecutor) async throws -> [[String]] {
        try await database.transaction(as: .system) { db in
            var plans: [[String]] = []
            switch db.dialect {
            case .postgres:
                try await db.execute("SET LOCAL enable_seqscan = off", [])
                for (sql, arguments) in statements {
                    plans.append(try await db.query("EXPLAIN " + sql, arguments).map { try $0.string(0) })
                }
            case .sqlite:
                for (sql, arguments) in statements {
                    plans.append(try await db.query("EXPLAIN QUERY PLAN " + sql, arguments).map { try $0.string(3) })
                }
            }
            return plans
        }
    }

    /// The collection table a plan reads whole, if any: PostgreSQL's `Seq Scan on t`, SQLite's
    /// `SCAN t` without an index (`SCAN t USING INDEX i` walks an index in order).
    static func wholeTableScan(in plan: [String], of tables: Set<String>) -> String? {
        for line in plan {
            let words = line.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "->  ", with: "")
                .split(separator: " ").map(String.init)
            if let seq = words.firstIndex(of: "Seq"), words.count > seq + 3, words[seq + 1] == "Scan", words[seq + 2] == "on",
               tables.contains(TableName.unquoted(words[seq + 3])) {
                return words[seq + 3]
            }
            if words.first == "SCAN", words.count >= 2, tables.contains(TableName.unquoted(words[1])), !words.contains("USING") {
                return words[1]
            }
        }
        return nil
    }
}

extension SQLValue {
    /// `value` as this kind: SQLite returns text for UUIDs and dates, integers for booleans.
    func sameKind(_ value: SQLValue) -> SQLValue {
        switch (self, value) {
        case (.uuid, .text(let text)): return UUID(uuidString: text).map(SQLValue.uuid) ?? self
        case (.date, .text(let text)): return JSONCoding.parseDate(text).map(SQLValue.date) ?? self
        case (.bool, .int(let number)): return .bool(number != 0)
        case (.double, .int(let number)): return .double(Double(number))
        default: return value
        }
    }
}

enum TableName {
    static func unquoted(_ name: String) -> String {
        name.hasPrefix("\"") && name.hasSuffix("\"") && name.count >= 2 ? String(name.dropFirst().dropLast()) : name
    }
}

/// The statements run through it, with their arguments.
final class StatementLog: @unchecked Sendable {
    private let lock = NSLock()
    private var statements: [(String, [SQLValue])] = []
    private var seen: Set<String> = []

    func add(_ sql: String, _ arguments: [SQLValue]) {
        lock.withLock {
            // One plan per statement text and kinds of arguments.
            let key = sql + " | " + arguments.map { "\($0)".prefix(5) }.joined(separator: ",")
            if seen.insert(key).inserted { statements.append((sql, arguments)) }
        }
    }

    var distinct: [(String, [SQLValue])] { lock.withLock { statements } }
}

/// A database that records the statements it runs.
struct RecordingExecutor: DatabaseExecutor {
    let inner: any DatabaseExecutor
    let log: StatementLog

    var dialect: DatabaseDialect { inner.dialect }

    func execute(_ sql: String, _ arguments: [SQLValue]) async throws -> Int {
        log.add(sql, arguments)
        return try await inner.execute(sql, arguments)
    }

    func query(_ sql: String, _ arguments: [SQLValue]) async throws -> [SQLRow] {
        log.add(sql, arguments)
        return try await inner.query(sql, arguments)
    }

    func transaction<T: Sendable>(as context: AccessContext, _ body: @Sendable (any DatabaseExecutor) async throws -> T) async throws -> T {
        try await inner.transaction(as: context) { try await body(RecordingExecutor(inner: $0, log: log)) }
    }

    func read<T: Sendable>(as context: AccessContext, _ body: @Sendable (any DatabaseExecutor) async throws -> T) async throws -> T {
        try await inner.read(as: context) { try await body(RecordingExecutor(inner: $0, log: log)) }
    }
}
