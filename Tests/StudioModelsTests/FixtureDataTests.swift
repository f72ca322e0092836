import Foundation
import SchemaGenCore
import SchemaGenSeed
import SchemaRuntime
import StudioModels
import Testing

/// The checked-in sample data (Generated/Fixtures) against the generated code and both
/// databases: every row decodes and passes its validator; the SQL loads with no constraint
/// error, twice; what the repositories read back equals the JSON; and each sample user sees
/// exactly the projects the rules give them.
@Suite("Fixture data")
struct FixtureDataTests {
    static let schema = try! Generator(schemasDirectory: Backend.root + "/schemas").resolve()
    static let fixtures = Pipeline.fixtures(schema)

    static func fixtureJSON(_ collection: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: Backend.root + "/Generated/Fixtures/\(collection).json"))
    }

    static func records<T: Decodable>(_ type: T.Type, _ collection: String) throws -> [T] {
        try JSONCoding.makeDecoder().decode([T].self, from: fixtureJSON(collection))
    }

    /// Per collection: the invalid rows (with their issues), and the ids whose database record
    /// differs from the JSON (or is missing).
    struct Check: Sendable {
        var collection: String
        var invalid: @Sendable () throws -> [String]
        var readBack: @Sendable (any DatabaseExecutor) async throws -> [String]
    }

    static func check<T: Codable & Equatable & Validatable & Identifiable & Sendable>(
        _ collection: String, _ type: T.Type, find: @escaping @Sendable (any DatabaseExecutor, T.ID) async throws -> T?
    ) -> Check {
        Check(
            collection: collection,
            invalid: {
                try records(T.self, collection).compactMap { record in
                    let issues = record.validationIssues()
                    return issues.isEmpty ? nil : "\(record.id): \(issues.map(Reported.init))"
                }
            },
            readBack: { database in
                var differing: [String] = []
                for record in try records(T.self, collection) {
                    let stored = try await find(database, record.id)
                    if stored != record { differing.append("\(record.id)") }
                }
                return differing
            })
    }

    static let checks: [Check] = [
        check("users", User.self) { db, id in try await UserRepository(db).find(id, as: .system) },
        check("projects", Project.self) { db, id in try await ProjectRepository(db).find(id, as: .system) },
        check("episodes", Episode.self) { db, id in try await EpisodeRepository(db).find(id, as: .system) },
        check("scenes", Scene.self) { db, id in try await SceneRepository(db).find(id, as: .system) },
        check("characters", StoryCharacter.self) { db, id in try await StoryCharacterRepository(db).find(id, as: .system) },
        check("media", Media.self) { db, id in try await MediaRepository(db).find(id, as: .system) },
        check("sessions", Session.self) { db, id in try await SessionRepository(db).find(id, as: .system) },
        check("tasks", GenerationTask.self) { db, id in try await GenerationTaskRepository(db).find(id, as: .system) },
        check("promptTemplates", PromptTemplate.self) { db, id in try await PromptTemplateRepository(db).find(id, as: .system) },
        check("promptsExecuted", PromptExecution.self) { db, id in try await PromptExecutionRepository(db).find(id, as: .system) },
    ]

    @Test func everyCollectionHasAFixtureCheck() {
        #expect(Set(Self.checks.map(\.collection)) == Set(Self.schema.collections.map(\.name)))
    }

    @Test func everyRowPassesItsValidator() throws {
        for check in Self.checks {
            let invalid = try check.invalid()
            #expect(invalid.isEmpty, "\(check.collection): \(invalid)")
            #expect(try Self.records(JSONValue.self, check.collection).count == Self.fixtures.rows(of: check.collection).count)
        }
    }

    /// Loads the fixtures as the seed command does: every statement in one transaction.
    @discardableResult
    static func load(_ database: any DatabaseExecutor) async throws -> [SeededTable] {
        try await FixtureLoader.load(fixtures, schema: schema, into: database)
    }

    @Test(arguments: Backend.available)
    func theSQLLoadsTwiceAndReadsBackAsTheJSON(backend: Backend) async throws {
        try await backend.withDatabase { system, _ in
            let first = try await Self.load(system)
            let second = try await Self.load(system)
            // The seed command's report: the first run adds every sample row (less those SQLite
            // expires at once), the second adds nothing.
            #expect(first.count == Self.schema.collections.count + 6, "every table and join table")
            for table in first {
                #expect(table.rowsBefore == 0 && table.added == table.sampleRows - table.expiredRows, "\(table.summary)")
                #expect(table.expiredRows == 0 || backend == .sqlite)
            }
            #expect(second.allSatisfy { $0.added == 0 }, "\(second.map(\.summary))")
            #expect(second.map(\.rowsAfter) == first.map(\.rowsAfter))
            // Finished tasks from January are long expired: the SQLite trigger deleted them as
            // they were inserted; PostgreSQL deletes them when asked.
            _ = try await GenerationTaskRepository(system).deleteExpired(as: .system)
            let expired = Self.fixtures.expiredRows(in: Self.schema, at: Date())
            for collection in Self.schema.collections {
                let rows = try await system.query("SELECT count(*) FROM \(collection.tableName)", [])
                let expected = Self.fixtures.rows(of: collection.name).count - (expired[collection.name]?.count ?? 0)
                #expect(try rows[0].int(0) == expected, "\(collection.tableName)")
            }
            for check in Self.checks {
                let differing = try await check.readBack(system)
                #expect(Set(differing) == expired[check.collection] ?? [], "\(check.collection) read back differently: \(differing)")
            }
        }
    }

    @Test(arguments: Backend.available)
    func eachSampleUserSeesTheProjectsTheRulesGiveThem(backend: Backend) async throws {
        try await backend.withDatabase { system, app in
            try await Self.load(system)
            let projects = Self.fixtures.rows(of: "projects").map(\.document)
            for user in Self.fixtures.sampleUsers {
                let context = AccessContext.user(UUID(uuidString: user.id)!, role: user.role ?? "user")
                let expected = projects.filter { project in
                    guard user.part != .admin else { return true }
                    var members: [String] = []
                    if case .array(let items)? = project["collaborators"] { members = items.compactMap(\.string) }
                    return project["createdBy"]?.string == user.id || members.contains(user.id)
                }
                let seen = try await ProjectRepository(app).count(as: context)
                #expect(seen == expected.count, "\(user.part) sees \(seen) projects, expected \(expected.count)")
                #expect(!expected.isEmpty && (user.part == .admin || expected.count < projects.count),
                        "\(user.part): the fixtures show what is hidden from each user")
                let episodes = try await EpisodeRepository(app).count(as: context)
                let visibleProjects = Set(expected.compactMap { $0["id"]?.string })
                #expect(episodes == Self.fixtures.rows(of: "episodes").filter { visibleProjects.contains($0.document["project"]?.string ?? "") }.count)
            }
        }
    }
}
