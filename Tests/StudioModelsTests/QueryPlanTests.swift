import Foundation
import SchemaGenCore
import SchemaGenSeed
@testable import SchemaRuntime
import StudioModels
import Testing

/// Every statement the typed queries can issue, planned by the database: the fixtures at a
/// realistic size (`rows` per collection), statistics gathered (`ANALYZE`), then each read that
/// `list(where:orderBy:)`, `count(where:)`, `find` and `findAll` make, for each column of each
/// collection, each operator, each sort and as each kind of caller, is recorded as it runs and
/// planned (PostgreSQL `EXPLAIN`, SQLite `EXPLAIN QUERY PLAN`). A plan that reads a whole
/// collection table (`Seq Scan on tasks`, `SCAN tasks`) fails the test: every column a query can
/// name leads an index, so none should.
@Suite("Query plans", .serialized)
struct QueryPlanTests {
    static let rows = 200

    // Unfinished (issue 16 item 6): at 200 rows per collection SQLite plans 1645 statements with
    // 2 whole-table scans (count over `projects.created_by IN`), PostgreSQL 1657 with 259 (tables
    // of a few pages, where a sequential scan is the cheaper plan); at 2000 rows loading the
    // fixtures takes longer than the test run allows. Needs faster bulk data and a verdict per plan.
    @Test("no typed query scans a whole collection table", .disabled("unfinished: see the comment above"),
          arguments: Backend.available)
    func everyQueryUsesAnIndex(_ backend: Backend) async throws {
        let schema = try Generator(schemasDirectory: Backend.root + "/schemas").resolve()
        var options = FixtureOptions()
        options.rows = Self.rows
        let fixtures = Pipeline.fixtures(schema, options: options)
        try await backend.withDatabase { system, _ in
            try await FixtureLoader.load(fixtures, schema: schema, into: system)
            try await system.execute("ANALYZE", [])
            let log = StatementLog()
            let recording = RecordingExecutor(inner: system, log: log)
            let owner = try #require(fixtures.sampleUsers.first).id
            let contexts: [AccessContext] = [.system, .user(UUID(uuidString: owner)!, role: "user")]
            var tables: Set<String> = []
            tables.insert(try await Self.exercise(User.self, recording, contexts))
            tables.insert(try await Self.exercise(Project.self, recording, contexts))
            tables.insert(try await Self.exercise(Episode.self, recording, contexts))
            tables.insert(try await Self.exercise(StoryCharacter.self, recording, contexts))
            tables.insert(try await Self.exercise(Scene.self, recording, contexts))
            tables.insert(try await Self.exercise(Media.self, recording, contexts))
            tables.insert(try await Self.exercise(Session.self, recording, contexts))
            tables.insert(try await Self.exercise(GenerationTask.self, recording, contexts))
            tables.insert(try await Self.exercise(PromptTemplate.self, recording, contexts))
            tables.insert(try await Self.exercise(PromptExecution.self, recording, contexts))

            let statements = log.distinct
            var scans: [String] = []
            for (sql, arguments) in statements {
                let plan = try await Self.plan(sql, arguments, on: system)
                if let table = Self.wholeTableScan(in: plan, of: tables) {
                    scans.append("\(table): \(sql)\n  \(plan.joined(separator: "\n  "))")
                }
            }
            print("Query plans (\(backend.rawValue)): \(statements.count) statements planned, \(scans.count) scan a whole collection table")
            #expect(statements.count > 500)
            #expect(scans.isEmpty, "\(scans.count) of \(statements.count) statements scan a whole table:\n\(scans.joined(separator: "\n"))")
        }
    }

    /// Runs every typed read of `Record`'s columns as each caller; returns its table.
    static func exercise<Record: StoredRecord>(
        _ type: Record.Type, _ database: any DatabaseExecutor, _ contexts: [AccessContext]
    ) async throws -> String {
        let repository = Repository<Record>(database)
        let columns = Mirror(reflecting: Record.Columns()).children.compactMap { $0.value as? any AnyQueryColumn }
        #expect(!columns.isEmpty, "\(Record.self) has query columns")
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
        return TableName.unquoted(Record.table.name)
    }

    /// The plan of a statement, a line per step.
    static func plan(_ sql: String, _ arguments: [SQLValue], on database: any DatabaseExecutor) async throws -> [String] {
        switch database.dialect {
        case .postgres:
            return try await database.query("EXPLAIN " + sql, arguments).map { try $0.string(0) }
        case .sqlite:
            return try await database.query("EXPLAIN QUERY PLAN " + sql, arguments).map { try $0.string(3) }
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
