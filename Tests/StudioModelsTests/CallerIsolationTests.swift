import Foundation
import SchemaRuntime
import StudioModels
import Testing

/// PostgreSQL keeps the caller in each pooled connection's session, set only when the caller
/// changes: interleaved callers on a pool of one connection must each see only their own rows,
/// after a failed and a cancelled transaction too. On SQLite the same calls, for the same answers.
@Suite("Callers interleaved on one connection", .serialized)
struct CallerIsolationTests {
    static let projects = "SELECT id FROM projects ORDER BY id"

    /// What `caller` sees of the projects: through the repository, and on PostgreSQL through raw
    /// SQL in a read, which only row-level security filters.
    static func visible(_ caller: Caller, _ app: any DatabaseExecutor) async throws -> Set<UUID> {
        let listed = Set(try await ProjectRepository(app).list(as: caller.context).items.map(\.id.rawValue))
        if app.dialect == .postgres {
            let raw = try await app.read(as: caller.context) { db in try await db.query(projects, []) }
            #expect(Set(try raw.map { try $0.uuid(0) }) == listed, "row-level security sees \(caller)")
        }
        return listed
    }

    @Test("each caller sees only their rows, before and after a failed and a cancelled transaction", arguments: Backend.available)
    func interleavedCallers(_ backend: Backend) async throws {
        try await backend.withDatabase(maximumConnections: 1) { system, app in
            try await HostileCallerTests.seed(system)
            let outsiders = HostileCallerTests.outsidersProject.rawValue
            let expected: [Caller: Set<UUID>] = [
                .owner: [Samples.IDs.project.rawValue],
                .outsider: [outsiders],
                .anonymous: [],
            ]
            func check(_ order: [Caller], _ comment: Comment) async throws {
                for caller in order {
                    #expect(try await Self.visible(caller, app) == expected[caller], comment)
                    #expect((try await ProjectRepository(app).find(HostileCallerTests.outsidersProject, as: caller.context) != nil) == (caller == .outsider), comment)
                }
            }
            try await check([.owner, .outsider, .owner, .owner, .anonymous, .outsider, .outsider, .anonymous, .owner], "interleaved")
            if backend == .postgres {
                // One connection served them all, and statements outside a read run as nobody.
                let pids = Set(try await app.query("SELECT pg_backend_pid()", []).map { try $0.int(0) })
                #expect(pids.count == 1)
                #expect(try await app.query(Self.projects, []).isEmpty)
                #expect(try await app.query("SELECT schemagen_user_id()", [])[0].values == [.null])
            }

            // A transaction of the outsider's that fails after a read…
            await #expect(throws: (any Error).self) {
                try await app.transaction(as: Caller.outsider.context) { db in
                    #expect(try await ProjectRepository(db).find(HostileCallerTests.outsidersProject, as: Caller.outsider.context) != nil)
                    try await db.execute("INSERT INTO projects (id) VALUES (NULL)", [])
                }
            }
            try await check([.owner, .anonymous, .outsider, .owner], "after a failed transaction")

            // …and one cancelled in the middle.
            let (entered, enter) = AsyncStream.makeStream(of: Void.self)
            let cancelled = Task {
                try await app.transaction(as: Caller.outsider.context) { db in
                    _ = try await db.query(Self.projects, [])
                    enter.yield()
                    try await Task.sleep(for: .seconds(60))
                }
            }
            for await _ in entered { break }
            cancelled.cancel()
            await #expect(throws: CancellationError.self) { try await cancelled.value }
            try await check([.owner, .anonymous, .outsider, .owner], "after a cancelled transaction")

            // A read that opens a transaction as someone else gets its own caller back after it.
            let (inner, outer) = try await app.read(as: Caller.owner.context) { db in
                let inner = try await db.transaction(as: Caller.outsider.context) { tx in
                    Set(try await ProjectRepository(tx).list(as: Caller.outsider.context).items.map(\.id.rawValue))
                }
                return (inner, Set(try await ProjectRepository(db).list(as: Caller.owner.context).items.map(\.id.rawValue)))
            }
            #expect(inner == [outsiders])
            #expect(outer == [Samples.IDs.project.rawValue])
        }
    }
}
