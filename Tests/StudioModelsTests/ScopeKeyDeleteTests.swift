import Foundation
import SchemaRuntime
import StudioModels
import Testing

/// A `within` reference has two foreign keys: the plain one, which carries the delete rule, and
/// the (reference, scope) pair. PostgreSQL runs their triggers in the order of their internal
/// names (numbered by object id); when the pair's check ran first, it found the row the plain
/// key was about to clear and refused the delete. Both keys now carry the rule, so the order
/// doesn't matter. The second case recreates every plain key after its pair, which puts the
/// pair's triggers first, as a database whose object ids crossed a power of ten can have them.
@Suite("Deleting the target of a `within` reference")
struct ScopeKeyDeleteTests {
    enum KeyOrder: String, CaseIterable, Sendable { case asGenerated, pairFirst }

    /// PostgreSQL only: every plain key that has a scope pair, dropped and added again.
    static func recreatePlainKeys(_ dialect: String) -> String {
        guard dialect == "postgres" else { return "" }
        return """
            DO $$
            DECLARE plain record;
            BEGIN
                FOR plain IN
                    SELECT c.conrelid::regclass AS tbl, c.conname, pg_get_constraintdef(c.oid) AS def
                    FROM pg_constraint c
                    WHERE c.contype = 'f' AND EXISTS (
                        SELECT 1 FROM pg_constraint s
                        WHERE s.conrelid = c.conrelid AND s.conname = replace(c.conname, '_fkey', '_scope_fkey'))
                LOOP
                    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', plain.tbl, plain.conname);
                    EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', plain.tbl, plain.conname, plain.def);
                END LOOP;
            END $$;
            """
    }

    static func count(_ sql: String, _ id: SQLValue, _ database: any DatabaseExecutor) async throws -> Int {
        try await database.query(sql, [id])[0].int(0)
    }

    @Test("a character's media, tasks and sessions are cleared, not refused, whichever key runs first",
          arguments: Backend.available, KeyOrder.allCases)
    func deleteClearsScopedReferences(_ backend: Backend, _ order: KeyOrder) async throws {
        try await backend.withDatabase(thenSQL: order == .pairFirst ? Self.recreatePlainKeys : { _ in "" }) { system, _ in
            try await seedWorld(system)
            let hero = Samples.IDs.hero.sqlValue
            let referencing = "SELECT (SELECT count(*) FROM media WHERE character = ?1) + (SELECT count(*) FROM tasks WHERE character = ?1)"
                + " + (SELECT count(*) FROM sessions WHERE context_data_focus_character = ?1)"
            let sql = backend == .postgres ? referencing.replacingOccurrences(of: "?1", with: "$1") : referencing
            let mediaBefore = try await system.query("SELECT count(*) FROM media", [])[0].int(0)
            #expect(try await Self.count(sql, hero, system) > 0, "the samples point at the hero, so the delete has something to clear")

            try await StoryCharacterRepository(system).delete(Samples.IDs.hero, as: .system)

            #expect(try await Self.count(sql, hero, system) == 0)
            #expect(try await system.query("SELECT count(*) FROM media", [])[0].int(0) == mediaBefore, "media keep their rows")
        }
    }

    @Test("an episode's scenes go with it, whichever key runs first", arguments: Backend.available, KeyOrder.allCases)
    func deleteCascadesThroughScopedReferences(_ backend: Backend, _ order: KeyOrder) async throws {
        try await backend.withDatabase(thenSQL: order == .pairFirst ? Self.recreatePlainKeys : { _ in "" }) { system, _ in
            try await seedWorld(system)
            let episode = Samples.IDs.episode1.sqlValue
            let sql = "SELECT count(*) FROM scenes WHERE episode = " + (backend == .postgres ? "$1" : "?")
            #expect(try await Self.count(sql, episode, system) > 0)

            try await EpisodeRepository(system).delete(Samples.IDs.episode1, as: .system)

            #expect(try await Self.count(sql, episode, system) == 0)
        }
    }
}
