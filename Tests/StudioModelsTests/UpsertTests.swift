import Foundation
import SchemaRuntime
import StudioModels
import Testing

/// Upsert by a unique index (`INSERT … ON CONFLICT DO UPDATE`), through the role row-level
/// security holds to the rules: the create rule for the insert, the update rule for the update.
@Suite("Upsert", .serialized)
struct UpsertTests {
    static func id(_ last: Int) -> UUID { UUID(uuidString: String(format: "0d000000-0000-4000-8000-%012d", last))! }

    @Test("inserts when no record has the key, then writes onto the stored record: its id and createdAt kept",
          arguments: Backend.available)
    func insertsThenUpdates(_ backend: Backend) async throws {
        try await backend.withDatabase { system, app in
            try await seedWorld(system)
            let episodes = EpisodeRepository(app)
            var first = Samples.minimalEpisode(id: Episode.ID(rawValue: Self.id(1)), episodeNumber: 7)
            first.title = "Seventh"
            // A member may create episodes of the project, and update them.
            let created = try await episodes.upsert(byProjectAndEpisodeNumber: first, as: Caller.collaborator.context)
            #expect(created.id == first.id)
            #expect(try await EpisodeRepository(system).get(first.id, as: .system) == created)
            var second = Samples.minimalEpisode(id: Episode.ID(rawValue: Self.id(2)), episodeNumber: 7)
            second.title = "Seventh, rewritten"
            let updated = try await episodes.upsert(byProjectAndEpisodeNumber: second, as: Caller.owner.context)
            #expect(updated.id == first.id, "the stored record keeps its id")
            #expect(updated.title == "Seventh, rewritten")
            #expect(updated.createdAt == created.createdAt && updated.updatedAt >= created.updatedAt)
            #expect(try await EpisodeRepository(system).get(first.id, as: .system) == updated)
            #expect(try await EpisodeRepository(system).find(second.id, as: .system) == nil)
            #expect(try await EpisodeRepository(system).count(as: .system) == 3)
        }
    }

    @Test("a caller who may create but not update the conflicting record gets forbidden, and nothing changes",
          arguments: Backend.available)
    func createButNotUpdateIsForbidden(_ backend: Backend) async throws {
        try await backend.withDatabase { system, app in
            try await seedWorld(system)
            let users = UserRepository(app)
            let owner = try await UserRepository(system).get(Samples.IDs.owner, as: .system)
            // Anyone may register (create), but only the user or an admin may change a user: a
            // registration with the owner's email must not take over the owner's account.
            var takeover = Samples.newAccount(email: owner.email)
            takeover.name = "Mallory"
            for caller in [Caller.anonymous, Caller.outsider, Caller.collaborator] {
                do {
                    try await users.upsert(byEmail: takeover, as: caller.context)
                    Issue.record("\(caller) took over the owner's account")
                } catch RepositoryError.forbidden(let collection, _, _) {
                    // "update" on both engines (PostgreSQL's look-up can't see the record, and
                    // the insert fails on its email).
                    #expect(collection == "users")
                }
            }
            #expect(try await UserRepository(system).get(Samples.IDs.owner, as: .system) == owner)
            #expect(try await UserRepository(system).find(takeover.id, as: .system) == nil)
            // A user may upsert their own record (default role and plan: one they could create).
            let collaborator = try await UserRepository(system).get(Samples.IDs.collaborator, as: .system)
            var renamed = Samples.newAccount(email: collaborator.email)
            renamed.name = "Grace H."
            let saved = try await users.upsert(byEmail: renamed, as: Caller.collaborator.context)
            #expect(saved.id == collaborator.id && saved.name == "Grace H." && saved.createdAt == collaborator.createdAt)
            #expect(try await UserRepository(system).get(collaborator.id, as: .system) == saved)
            // Not with a role only an admin may give, even their own (PostgreSQL's insert trigger
            // sees the proposed row whichever branch the statement takes).
            renamed.role = .admin
            await #expect(throws: RepositoryError.forbidden(collection: "users", operation: "create", field: "role")) {
                try await users.upsert(byEmail: renamed, as: Caller.collaborator.context)
            }
            // A new email is a registration anyone may make.
            let registered = try await users.upsert(byEmail: Samples.newAccount(email: "new@example.com"), as: .anonymous)
            #expect(try await UserRepository(system).get(registered.id, as: .system).email == "new@example.com")
        }
    }

    @Test("an outsider can't upsert into another owner's project, by a new key or an existing one",
          arguments: Backend.available)
    func outsiderIsForbidden(_ backend: Backend) async throws {
        try await backend.withDatabase { system, app in
            try await seedWorld(system)
            let episodes = EpisodeRepository(app)
            let before = try await EpisodeRepository(system).get(Samples.IDs.episode1, as: .system)
            for number in [1, 9] {
                var episode = Samples.minimalEpisode(id: Episode.ID(rawValue: Self.id(10 + number)), episodeNumber: number)
                episode.title = "Mine now"
                await #expect(throws: RepositoryError.forbidden(collection: "episodes", operation: "create")) {
                    try await episodes.upsert(byProjectAndEpisodeNumber: episode, as: Caller.outsider.context)
                }
            }
            #expect(try await EpisodeRepository(system).get(Samples.IDs.episode1, as: .system) == before)
            #expect(try await EpisodeRepository(system).count(as: .system) == 2)
        }
    }
}
