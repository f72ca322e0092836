import Foundation
import SchemaGenCore
import SchemaRuntime
import StudioModels
import Testing

/// Who calls in the access matrix, and how each kind of rule treats them for the sample
/// records: the project belongs to `owner`, `collaborator` is one of its collaborators, `admin`
/// has the admin role and no link to anything, `outsider` is signed in and unrelated.
enum Caller: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case owner, collaborator, admin, outsider, anonymous

    var testDescription: String { rawValue }

    static let adminID = UUID(uuidString: "0a000000-0000-4000-8000-0000000000ad")!
    static let outsiderID = UUID(uuidString: "0a000000-0000-4000-8000-0000000000ff")!

    var context: AccessContext {
        switch self {
        case .owner: return .user(Samples.IDs.owner.rawValue, role: "user")
        case .collaborator: return .user(Samples.IDs.collaborator.rawValue, role: "user")
        case .admin: return .user(Self.adminID, role: "admin")
        case .outsider: return .user(Self.outsiderID, role: "user")
        case .anonymous: return .anonymous
        }
    }

    /// Whether the schema's rules for `operation` of `collection` grant this caller, for a record
    /// owned by `owner` (directly or through its project) that `collaborator` is a member of.
    /// `isSelf` is who the record is, in the principal collection.
    func isGranted(_ operation: AccessOperation, in collection: SchemaGenCore.Collection, isSelf: Caller? = nil) -> Bool {
        (collection.access.rules[operation] ?? []).contains { grants($0, isSelf: isSelf) }
    }

    func grants(_ rule: AccessRule, isSelf: Caller?) -> Bool {
        switch rule {
        case .everyone: return true
        case .authenticated: return self != .anonymous
        case .role(let role): return role == "admin" ? self == .admin : false
        case .isSelf: return self == isSelf
        case .owner: return self == .owner
        case .member: return self == .collaborator
        case .all(let rules): return rules.allSatisfy { grants($0, isSelf: isSelf) }
        }
    }
}

@Suite("Access rules in the repositories", .serialized)
struct AccessMatrixTests {
    static let schema = try! Generator(schemasDirectory: Backend.root + "/schemas").resolve()

    /// On PostgreSQL the calls go through a role that row-level security holds to the same
    /// rules, so both layers must agree for every cell.
    @Test("role × operation for projects, episodes and users, expected outcomes derived from the schema",
          arguments: Backend.available)
    func matrix(_ backend: Backend) async throws {
        try await backend.withDatabase { system, app in
            try await seedWorld(system)
            let projectsCollection = Self.schema.collection(named: "projects")!
            let episodesCollection = Self.schema.collection(named: "episodes")!
            let usersCollection = Self.schema.collection(named: "users")!
            let projects = ProjectRepository(app)
            let episodes = EpisodeRepository(app)
            let users = UserRepository(app)

            for caller in Caller.allCases {
                let context = caller.context
                // read
                #expect((try await projects.find(Samples.IDs.project, as: context) != nil)
                        == caller.isGranted(.read, in: projectsCollection), "\(caller) read project")
                #expect((try await episodes.find(Samples.IDs.episode1, as: context) != nil)
                        == caller.isGranted(.read, in: episodesCollection), "\(caller) read episode")
                #expect((try await users.find(Samples.IDs.owner, as: context) != nil)
                        == caller.isGranted(.read, in: usersCollection, isSelf: .owner), "\(caller) read owner's user")
                #expect(try await projects.list(as: context).items.contains { $0.id == Samples.IDs.project }
                        == caller.isGranted(.read, in: projectsCollection), "\(caller) list projects")

                // update
                #expect(await Self.succeeds { try await projects.update(Samples.IDs.project, as: context) { $0.description = "by \(caller)" } }
                        == caller.isGranted(.update, in: projectsCollection), "\(caller) update project")
                #expect(await Self.succeeds { try await episodes.update(Samples.IDs.episode1, as: context) { $0.title = "by \(caller)" } }
                        == caller.isGranted(.update, in: episodesCollection), "\(caller) update episode")

                // create: a new project of the owner's, a new episode of the project
                let project = Samples.minimalProject(id: Project.ID())
                let createdProject = await Self.succeeds { try await projects.create(project, as: context) }
                #expect(createdProject == caller.isGranted(.create, in: projectsCollection), "\(caller) create project")
                let episode = Samples.minimalEpisode(id: Episode.ID(), episodeNumber: 100 + Caller.allCases.firstIndex(of: caller)!)
                #expect(await Self.succeeds { try await episodes.create(episode, as: context) }
                        == caller.isGranted(.create, in: episodesCollection), "\(caller) create episode")

                // delete: an episode made for this cell
                let victim = Samples.minimalEpisode(id: Episode.ID(), episodeNumber: 200 + Caller.allCases.firstIndex(of: caller)!)
                try await EpisodeRepository(system).create(victim, as: .system)
                let deleted = await Self.succeeds { try await episodes.delete(victim.id, as: context) }
                #expect(deleted == caller.isGranted(.delete, in: episodesCollection), "\(caller) delete episode")
                #expect((try await EpisodeRepository(system).find(victim.id, as: .system) == nil) == deleted, "a refused delete changes nothing")
            }
        }
    }

    /// A refused write changes nothing and says which operation was refused.
    @Test("a refused update throws forbidden and changes nothing", arguments: Backend.available)
    func refusedWritesChangeNothing(_ backend: Backend) async throws {
        try await backend.withDatabase { system, app in
            try await seedWorld(system)
            let before = try await ProjectRepository(system).get(Samples.IDs.project, as: .system)
            await #expect(throws: RepositoryError.forbidden(collection: "projects", operation: "delete")) {
                try await ProjectRepository(app).delete(Samples.IDs.project, as: Caller.collaborator.context)
            }
            await #expect(throws: RepositoryError.notFound(collection: "projects", id: Samples.IDs.project.description)) {
                try await ProjectRepository(app).update(Samples.IDs.project, as: Caller.outsider.context) { $0.title = "Mine" }
            }
            do {
                try await ProjectRepository(app).update(Samples.IDs.project, as: Caller.collaborator.context) {
                    $0.createdBy = Samples.IDs.collaborator
                }
                Issue.record("a collaborator took the project over")
            } catch RepositoryError.validationFailed(let error) {
                #expect(error.issues.map(\.rule) == [.immutable])
            }
            #expect(try await ProjectRepository(system).get(Samples.IDs.project, as: .system) == before)
        }
    }

    static func succeeds(_ body: () async throws -> some Any) async -> Bool {
        do {
            _ = try await body()
            return true
        } catch let error as RepositoryError {
            switch error {
            case .forbidden, .notFound: return false
            default:
                Issue.record("refused for another reason: \(error)")
                return false
            }
        } catch {
            Issue.record("failed: \(error)")
            return false
        }
    }
}
