import Testing
@testable import SchemaGenCore

// The scenarios of ConstraintScenarios, on each engine.

@Suite("Constraints bite on SQLite")
struct SQLiteConstraintTests {
    @Test("a CHECK refuses a number out of range, an unknown enum value, a bad length, a half-present object")
    func checks() async throws { try await ConstraintScenarios.checks(.sqlite) }
    @Test("columns left out get the schema's defaults") func defaults() async throws { try await ConstraintScenarios.defaults(.sqlite) }
    @Test("an immutable column can't change") func immutable() async throws { try await ConstraintScenarios.immutable(.sqlite) }
    @Test("a UNIQUE index refuses a second user with the same e-mail") func unique() async throws { try await ConstraintScenarios.unique(.sqlite) }
    @Test("a compound UNIQUE refuses a second episode or scene with the same number")
    func compoundUnique() async throws { try await ConstraintScenarios.compoundUnique(.sqlite) }
    @Test("NOT NULL refuses a project without a title") func notNull() async throws { try await ConstraintScenarios.notNull(.sqlite) }
    @Test("a foreign key refuses an episode of a missing project") func foreignKey() async throws { try await ConstraintScenarios.foreignKey(.sqlite) }
    @Test("deleting a project deletes its episodes, scenes, links and sessions")
    func cascade() async throws { try await ConstraintScenarios.cascade(.sqlite) }
    @Test("deleting media clears the references to it") func setNull() async throws { try await ConstraintScenarios.setNull(.sqlite) }
    @Test("a text search finds a project by a word, and follows updates and deletes")
    func textSearch() async throws { try await ConstraintScenarios.textSearch(.sqlite) }
    @Test("finished tasks expire after 90 days; queued and processing ones don't")
    func timeToLive() async throws { try await ConstraintScenarios.timeToLive(.sqlite) }
    @Test("JSON columns hold valid JSON, array columns arrays, and optional ones may be null")
    func json() async throws { try await ConstraintScenarios.json(.sqlite) }
    @Test("a vector has exactly its dimensions") func vectors() async throws { try await ConstraintScenarios.vectors(.sqlite) }
    @Test("the kitchen-sink schema: keyword column, self-reference, conditional ttl, array bounds")
    func kitchenSink() async throws { try await ConstraintScenarios.kitchenSink(.sqlite) }
}

@Suite("Constraints bite on PostgreSQL", .postgres, .timeLimit(.minutes(3)))
struct PostgresConstraintTests {
    @Test("a CHECK refuses a number out of range, an unknown enum value, a bad length, a half-present object")
    func checks() async throws { try await ConstraintScenarios.checks(.postgres) }
    @Test("columns left out get the schema's defaults") func defaults() async throws { try await ConstraintScenarios.defaults(.postgres) }
    @Test("a UNIQUE index refuses a second user with the same e-mail") func unique() async throws { try await ConstraintScenarios.unique(.postgres) }
    @Test("a compound UNIQUE refuses a second episode or scene with the same number")
    func compoundUnique() async throws { try await ConstraintScenarios.compoundUnique(.postgres) }
    @Test("NOT NULL refuses a project without a title") func notNull() async throws { try await ConstraintScenarios.notNull(.postgres) }
    @Test("a foreign key refuses an episode of a missing project") func foreignKey() async throws { try await ConstraintScenarios.foreignKey(.postgres) }
    @Test("deleting a project deletes its episodes, scenes, links and sessions")
    func cascade() async throws { try await ConstraintScenarios.cascade(.postgres) }
    @Test("deleting media clears the references to it") func setNull() async throws { try await ConstraintScenarios.setNull(.postgres) }
    @Test("a text search finds a project by a word through the GIN index, and follows updates and deletes")
    func textSearch() async throws { try await ConstraintScenarios.textSearch(.postgres) }
    @Test("the expiry function deletes only finished tasks older than 90 days")
    func timeToLive() async throws { try await ConstraintScenarios.timeToLive(.postgres) }
    @Test("jsonb array columns hold arrays, and optional ones may be null")
    func json() async throws { try await ConstraintScenarios.json(.postgres) }
    @Test("a vector has exactly its dimensions, one dimension and no nulls") func vectors() async throws { try await ConstraintScenarios.vectors(.postgres) }
    @Test("the kitchen-sink schema: keyword column, self-reference, conditional ttl, array bounds, pattern")
    func kitchenSink() async throws { try await ConstraintScenarios.kitchenSink(.postgres) }
}
