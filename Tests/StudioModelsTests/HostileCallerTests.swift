import Foundation
import SchemaGenCore
import SchemaRuntime
import StudioModels
import Testing

/// The access rules attacked, not only used: every caller kind tries to take power the studio
/// schemas don't give it, through the repositories on both engines and, on PostgreSQL, through
/// raw SQL on a connection of a role without BYPASSRLS (so the database itself must refuse).
/// Expected outcomes come from the resolved schema; every refused attempt is checked to have
/// changed nothing by reading the rows back as the system context.
@Suite("Attacks on the access rules", .serialized)
struct HostileCallerTests {
    static let schema = AccessMatrixTests.schema

    /// The callers of the matrix, plus the system context.
    enum Attacker: String, CaseIterable, CustomTestStringConvertible {
        case anonymous, outsider, owner, member, admin, system

        var testDescription: String { rawValue }

        var context: AccessContext {
            switch self {
            case .anonymous: return Caller.anonymous.context
            case .outsider: return Caller.outsider.context
            case .owner: return Caller.owner.context
            case .member: return Caller.collaborator.context
            case .admin: return Caller.admin.context
            case .system: return .system
            }
        }

        /// Whether `rules` grant this caller, about a record that `owner` owns (directly or
        /// through its project), that `member` is a member of, and that is `isSelf`'s own record.
        func granted(by rules: [AccessRule]?, isSelf: Attacker? = nil) -> Bool {
            guard self != .system else { return true }
            guard let rules else { return true }  // no field rule: the collection's rules decide
            let caller: Caller = switch self {
            case .anonymous: .anonymous
            case .outsider: .outsider
            case .owner: .owner
            case .member: .collaborator
            default: .admin
            }
            let selfCaller: Caller? = isSelf == .owner ? .owner : nil
            return rules.contains { caller.grants($0, isSelf: selfCaller) }
        }
    }

    static func collection(_ name: String) -> SchemaGenCore.Collection { schema.collection(named: name)! }


    static func field(_ path: String, of collection: String) -> Field {
        var fields = Self.collection(collection).fields
        var found: Field?
        for segment in path.split(separator: ".").map(String.init) {
            found = fields.first { $0.name == segment }
            if case .object(let object)? = found?.type { fields = object.fields }
        }
        return found!
    }

    /// The outsider's own project, which nobody else in the world may see.
    static let outsidersProject = Project.ID(rawValue: UUID(uuidString: "0b000000-0000-4000-8000-0000000000ff")!)
    static let outsidersEpisode = Episode.ID(rawValue: UUID(uuidString: "0c000000-0000-4000-8000-0000000000ff")!)

    /// The sample world, and an outsider with a project of their own.
    static func seed(_ system: any DatabaseExecutor) async throws {
        try await seedWorld(system)
        var outsider = Samples.newAccount(email: "oscar@example.com")
        outsider.id = User.ID(rawValue: Caller.outsiderID)
        try await UserRepository(system).create(outsider, as: .system)
        var project = Samples.minimalProject(id: outsidersProject)
        project.createdBy = outsider.id
        try await ProjectRepository(system).create(project, as: .system)
        var episode = Samples.minimalEpisode(id: outsidersEpisode, episodeNumber: 1)
        episode.project = outsidersProject
        try await EpisodeRepository(system).create(episode, as: .system)
    }

    /// Whether an attempt went through; a refusal of any kind the rules give is `false`.
    static func goesThrough(_ body: () async throws -> some Any) async -> Bool {
        do {
            _ = try await body()
            return true
        } catch let error as RepositoryError {
            switch error {
            case .forbidden, .notFound, .validationFailed, .constraintViolated:
                if ProcessInfo.processInfo.environment["SCHEMAGEN_DEBUG_ATTACKS"] != nil { print("refused: \(error)") }
                return false
            default:
                Issue.record("refused for another reason: \(error)")
                return false
            }
        } catch {
            if ProcessInfo.processInfo.environment["SCHEMAGEN_DEBUG_ATTACKS"] != nil { print("refused: \(error)") }
            return false  // a database refusal of raw SQL
        }
    }

    /// A raw statement as the caller, through the application's connection: went through when
    /// it touched a row.
    static func raw(_ app: any DatabaseExecutor, _ attacker: Attacker, _ sql: String, _ arguments: [SQLValue]) async -> Bool {
        await goesThrough {
            let changed = try await app.transaction(as: attacker.context) { tx in try await tx.execute(sql, arguments) }
            if changed == 0 { throw RepositoryError.forbidden(collection: "raw", operation: "write") }
            return changed
        }
    }

    // MARK: Privileged fields

    @Test("privileged fields: set on create, changed on update, alone or beside an allowed field", arguments: Backend.available)
    func privilegedFields(_ backend: Backend) async throws {
        let users = Self.collection("users")
        let role = Self.field("role", of: "users"), subscription = Self.field("subscription", of: "users")
        try await backend.withDatabase { system, app in
            try await Self.seed(system)
            for (number, attacker) in Attacker.allCases.enumerated() {
                let repository = UserRepository(attacker == .system ? system : app)
                let mayCreate = attacker.granted(by: users.access.rules[.create])
                // Register as an admin, or on the enterprise tier.
                var asAdmin = Samples.newAccount(email: "admin\(number)@example.com")
                asAdmin.role = .admin
                #expect(await Self.goesThrough { try await repository.create(asAdmin, as: attacker.context) }
                        == (mayCreate && attacker.granted(by: role.writeRules?.create)), "\(attacker) registers as admin")
                var rich = Samples.newAccount(email: "rich\(number)@example.com")
                rich.subscription.tier = .enterprise
                #expect(await Self.goesThrough { try await repository.create(rich, as: attacker.context) }
                        == (mayCreate && attacker.granted(by: subscription.writeRules?.create)), "\(attacker) registers on enterprise")
                for refused in [asAdmin, rich] where !attacker.granted(by: role.writeRules?.create) {
                    #expect(try await UserRepository(system).find(refused.id, as: .system) == nil, "a refused registration writes nothing")
                }
                // A plain registration still works for whoever may create.
                #expect(await Self.goesThrough { try await repository.create(Samples.newAccount(email: "plain\(number)@example.com"), as: attacker.context) }
                        == mayCreate, "\(attacker) registers plainly")
            }
            // The owner's own record: promote, upgrade, and both beside an allowed change.
            for attacker in Attacker.allCases {
                let db = attacker == .system ? system : app
                let mayUpdate = attacker.granted(by: users.access.rules[.update], isSelf: .owner)
                let attempts: [(String, @Sendable (inout User) -> Void, Field)] = [
                    ("role", { $0.role = .admin }, role),
                    ("subscription", { $0.subscription.tier = .pro }, subscription),
                    ("maxProjects", { $0.subscription.maxProjects = 12_345 }, subscription),
                    ("name and role", { $0.name = "Ada, Admin"; $0.role = .admin }, role),
                ]
                for (what, change, field) in attempts {
                    let before = try await UserRepository(system).get(Samples.IDs.owner, as: .system)
                    let expected = mayUpdate && attacker.granted(by: field.writeRules?.update, isSelf: .owner)
                    let went = await Self.goesThrough { try await UserRepository(db).update(Samples.IDs.owner, as: attacker.context, change) }
                    #expect(went == expected, "\(attacker) changes the owner's \(what)")
                    let after = try await UserRepository(system).get(Samples.IDs.owner, as: .system)
                    if !went {
                        #expect(after.role == before.role && after.subscription == before.subscription && after.name == before.name,
                                "a refused change of \(what) changes nothing")
                    } else {
                        try await UserRepository(system).update(before, as: .system)  // put it back for the next caller
                    }
                }
                // The name alone stays the user's own business.
                #expect(await Self.goesThrough { try await UserRepository(db).update(Samples.IDs.owner, as: attacker.context) { $0.name = "Ada" } }
                        == mayUpdate, "\(attacker) renames the owner")
            }
        }
    }

    // MARK: Ownership

    @Test("creating in someone else's name, and taking a record over", arguments: Backend.available)
    func ownership(_ backend: Backend) async throws {
        let projects = Self.collection("projects"), sessions = Self.collection("sessions")
        try await backend.withDatabase { system, app in
            try await Self.seed(system)
            for attacker in Attacker.allCases {
                let db = attacker == .system ? system : app
                // A project whose owner is the member: only the member (for themselves), an admin or the system.
                var forMember = Samples.minimalProject(id: Project.ID())
                forMember.createdBy = Samples.IDs.collaborator
                let asMember: Attacker = .member
                let expected = attacker == asMember || attacker == .admin || attacker == .system
                #expect(await Self.goesThrough { try await ProjectRepository(db).create(forMember, as: attacker.context) } == expected,
                        "\(attacker) creates a project owned by the member")
                if !expected { #expect(try await ProjectRepository(system).find(forMember.id, as: .system) == nil) }
                #expect(attacker.granted(by: projects.access.rules[.create]) == (attacker == .owner || attacker == .admin || attacker == .system),
                        "the schema binds a project's owner to its creator")

                // A session of the owner's, on the owner's project, made by someone else.
                let session = Samples.minimalSession(id: .timeOrdered())
                let sessionExpected = attacker == .owner || attacker == .admin || attacker == .system
                #expect(await Self.goesThrough { try await SessionRepository(db).create(session, as: attacker.context) } == sessionExpected,
                        "\(attacker) creates a session in the owner's name")
                #expect(attacker.granted(by: sessions.access.rules[.create]) == sessionExpected)

                // Taking the sample project over: its owner is immutable for every caller but the system.
                let before = try await ProjectRepository(system).get(Samples.IDs.project, as: .system)
                let took = await Self.goesThrough {
                    try await ProjectRepository(db).update(Samples.IDs.project, as: attacker.context) { $0.createdBy = Samples.IDs.producer }
                }
                #expect(!took || attacker == .system, "\(attacker) takes the project over")
                if took { try await ProjectRepository(system).update(before, as: .system) }
                #expect(try await ProjectRepository(system).get(Samples.IDs.project, as: .system).createdBy == Samples.IDs.owner)

                // Handing a session to someone else.
                let moved = await Self.goesThrough {
                    try await SessionRepository(db).update(Samples.IDs.session, as: attacker.context) { $0.user = Samples.IDs.collaborator }
                }
                #expect(!moved || attacker == .system, "\(attacker) hands the session over")
                if moved {
                    try await SessionRepository(system).update(Samples.IDs.session, as: .system) { $0.user = Samples.IDs.owner }
                }
            }
        }
    }

    // MARK: Links and scopes

    @Test("joining a project through its links, and moving records between projects", arguments: Backend.available)
    func linksAndScopes(_ backend: Backend) async throws {
        let collaborators = Self.field("collaborators", of: "projects")
        let projects = Self.collection("projects")
        try await backend.withDatabase { system, app in
            try await Self.seed(system)
            for attacker in Attacker.allCases {
                let db = attacker == .system ? system : app
                // Add oneself (or, for members, a friend) to the owner's project.
                let newcomer = attacker == .member || attacker == .owner ? Samples.IDs.producer : User.ID(rawValue: Caller.outsiderID)
                let expected = attacker.granted(by: projects.access.rules[.update]) && attacker.granted(by: collaborators.writeRules?.update)
                let added = await Self.goesThrough {
                    try await ProjectRepository(db).addCollaborator(newcomer, to: Samples.IDs.project, as: attacker.context)
                }
                #expect(added == expected, "\(attacker) adds \(newcomer == Samples.IDs.producer ? "a friend" : "themselves") to the project")
                let links = try await ProjectRepository(system).get(Samples.IDs.project, as: .system).collaborators
                #expect(links.contains(newcomer) == added, "a refused link is not there")
                if added { try await ProjectRepository(system).removeCollaborator(newcomer, from: Samples.IDs.project, as: .system) }

                // Move an episode of the project into the outsider's project.
                let movedEpisode = await Self.goesThrough {
                    try await EpisodeRepository(db).update(Samples.IDs.episode2, as: attacker.context) { $0.project = Self.outsidersProject }
                }
                let mayMove = attacker == .admin || attacker == .system
                #expect(movedEpisode == mayMove, "\(attacker) moves an episode to a project they can't see")
                if movedEpisode {
                    try await EpisodeRepository(system).update(Samples.IDs.episode2, as: .system) { $0.project = Samples.IDs.project }
                }
                #expect(try await EpisodeRepository(system).get(Samples.IDs.episode2, as: .system).project == Samples.IDs.project)

                // A scene pointing at an episode of another project: refused for everyone, the system included.
                let crossed = await Self.goesThrough {
                    try await SceneRepository(db).update(Samples.IDs.scene1, as: attacker.context) { $0.episode = Self.outsidersEpisode }
                }
                #expect(!crossed, "\(attacker) points a scene at another project's episode")
                #expect(try await SceneRepository(system).get(Samples.IDs.scene1, as: .system).episode != Self.outsidersEpisode)

                // A session about the owner's project, made by the outsider for themselves.
                var nosy = Samples.minimalSession(id: .timeOrdered())
                nosy.user = User.ID(rawValue: Caller.outsiderID)
                let nosyExpected = attacker == .admin || attacker == .system
                #expect(await Self.goesThrough { try await SessionRepository(db).create(nosy, as: attacker.context) } == nosyExpected,
                        "\(attacker) opens a session of the outsider's on a project the outsider can't see")
            }
        }
    }

    /// A fresh record of a collection that belongs to a project, made in the owner's project by
    /// the system, and a way to move it to another project as a caller.
    struct ChildCase: Sendable {
        var collection: String
        var make: @Sendable (_ system: any DatabaseExecutor, _ number: Int) async throws -> UUID
        var move: @Sendable (_ db: any DatabaseExecutor, _ id: UUID, AccessContext) async throws -> Void
    }

    static let childCases: [ChildCase] = [
        ChildCase(collection: "episodes", make: { system, n in
            try await EpisodeRepository(system).create(Samples.minimalEpisode(id: Episode.ID(), episodeNumber: 300 + n), as: .system).id.rawValue
        }, move: { db, id, c in
            try await EpisodeRepository(db).update(Episode.ID(rawValue: id), as: c) { $0.project = Self.outsidersProject }
        }),
        ChildCase(collection: "characters", make: { system, _ in
            try await StoryCharacterRepository(system).create(Samples.minimalCharacter(id: StoryCharacter.ID()), as: .system).id.rawValue
        }, move: { db, id, c in
            try await StoryCharacterRepository(db).update(StoryCharacter.ID(rawValue: id), as: c) { $0.project = Self.outsidersProject }
        }),
        ChildCase(collection: "scenes", make: { system, n in
            try await SceneRepository(system).create(Samples.minimalScene(id: Scene.ID(), sceneNumber: 300 + n), as: .system).id.rawValue
        }, move: { db, id, c in
            try await SceneRepository(db).update(Scene.ID(rawValue: id), as: c) { $0.project = Self.outsidersProject }
        }),
        ChildCase(collection: "media", make: { system, _ in
            try await MediaRepository(system).create(Samples.minimalMedia(id: Media.ID()), as: .system).id.rawValue
        }, move: { db, id, c in
            try await MediaRepository(db).update(Media.ID(rawValue: id), as: c) { $0.project = Self.outsidersProject }
        }),
        ChildCase(collection: "sessions", make: { system, _ in
            try await SessionRepository(system).create(Samples.minimalSession(id: .timeOrdered()), as: .system).id.rawValue
        }, move: { db, id, c in
            try await SessionRepository(db).update(Session.ID(rawValue: id), as: c) { $0.project = Self.outsidersProject }
        }),
        ChildCase(collection: "tasks", make: { system, _ in
            try await GenerationTaskRepository(system).create(Samples.minimalTask(id: .timeOrdered()), as: .system).id.rawValue
        }, move: { db, id, c in
            try await GenerationTaskRepository(db).update(GenerationTask.ID(rawValue: id), as: c) { $0.project = Self.outsidersProject }
        }),
    ]

    /// Every collection that belongs to a project: a record of the owner's project moved into a
    /// project only the outsider may see. Only callers the update rules grant on both projects
    /// (an admin, the system) may, and not even they when a required `within` reference would
    /// then point into the old project.
    @Test("every child collection: moving a record into a project the caller can't see", arguments: Backend.available)
    func everyChildCollection(_ backend: Backend) async throws {
        #expect(Set(Self.childCases.map(\.collection)) == Set(Self.schema.collections.filter { collection in
            collection.fields.contains { field in
                if case .reference(let reference) = field.type { return field.name == "project" && reference.target == "projects" }
                return false
            }
        }.map(\.name)), "a case for every collection with a project")
        try await backend.withDatabase { system, app in
            try await Self.seed(system)
            for (number, attacker) in Attacker.allCases.enumerated() {
                let db = attacker == .system ? system : app
                for item in Self.childCases {
                    let collection = Self.collection(item.collection)
                    let id = try await item.make(system, number)
                    // Granted on the new project too: only callers the rules grant without a link.
                    let granted = attacker == .admin || attacker == .system
                    let pinned = collection.fields.contains { $0.within != nil && $0.isRequired }
                    let went = await Self.goesThrough { try await item.move(db, id, attacker.context) }
                    #expect(went == (granted && !pinned), "\(attacker) moves a record of \(item.collection) to the outsider's project")
                    let table = collection.tableName
                    let project = try await system.query("SELECT project FROM \(table) WHERE id = ?", [.uuid(id)])[0].uuid(0)
                    #expect((project == Self.outsidersProject.rawValue) == went, "\(item.collection): a refused move changes nothing")
                }
            }
        }
    }

    // MARK: Raw SQL on PostgreSQL

    /// The same attacks as statements through the application's role: row-level security and
    /// the triggers must refuse what the repositories refuse.
    @Test("raw SQL through a role without BYPASSRLS is refused the same way")
    func rawSQL() async throws {
        guard Backend.available.contains(.postgres) else { return }
        try await Backend.postgres.withDatabase { system, app in
            try await Self.seed(system)
            let owner = SQLValue.uuid(Samples.IDs.owner.rawValue)
            let project = SQLValue.uuid(Samples.IDs.project.rawValue)
            let role = Self.field("role", of: "users"), subscription = Self.field("subscription", of: "users")
            let collaborators = Self.field("collaborators", of: "projects")
            for attacker in Attacker.allCases where attacker != .system {
                let isSelfOrAdmin = attacker == .owner || attacker == .admin
                // Privileged fields.
                #expect(await Self.raw(app, attacker, "UPDATE users SET role = 'admin' WHERE id = ?", [owner])
                        == (isSelfOrAdmin && attacker.granted(by: role.writeRules?.update, isSelf: .owner)), "\(attacker): raw role change")
                #expect(await Self.raw(app, attacker, "UPDATE users SET subscription_tier = 'pro' WHERE id = ?", [owner])
                        == (isSelfOrAdmin && attacker.granted(by: subscription.writeRules?.update, isSelf: .owner)), "\(attacker): raw upgrade")
                let newID = SQLValue.uuid(UUID())
                #expect(await Self.raw(app, attacker, "INSERT INTO users (id, email, name, password_hash, role) VALUES (?, ?, 'Eve', 'x', 'admin')",
                                       [newID, .text("eve.\(attacker.rawValue)@example.com")])
                        == attacker.granted(by: role.writeRules?.create), "\(attacker): raw registration as admin")
                try await system.execute("UPDATE users SET role = 'producer', subscription_tier = 'enterprise' WHERE id = ?", [owner])

                // Ownership.
                #expect(await Self.raw(app, attacker, "INSERT INTO projects (id, title, genre, created_by) VALUES (?, 'Stolen', 'drama', ?)",
                                       [.uuid(UUID()), .uuid(Samples.IDs.collaborator.rawValue)])
                        == (attacker == .admin || attacker == .member), "\(attacker): raw project in the member's name")
                #expect(await Self.raw(app, attacker, "UPDATE projects SET created_by = ? WHERE id = ?",
                                       [.uuid(Samples.IDs.producer.rawValue), project]) == false, "\(attacker): raw takeover")

                // Links and scopes.
                #expect(await Self.raw(app, attacker, "INSERT INTO projects_collaborators (project_id, collaborator_id, position) VALUES (?, ?, 99)",
                                       [project, .uuid(Samples.IDs.producer.rawValue)])
                        == ((attacker == .owner || attacker == .admin) && attacker.granted(by: collaborators.writeRules?.update)),
                        "\(attacker): raw link into the project")
                try await system.execute("DELETE FROM projects_collaborators WHERE collaborator_id = ?", [.uuid(Samples.IDs.producer.rawValue)])
                #expect(await Self.raw(app, attacker, "UPDATE episodes SET project = ? WHERE id = ?",
                                       [.uuid(Self.outsidersProject.rawValue), .uuid(Samples.IDs.episode2.rawValue)])
                        == (attacker == .admin), "\(attacker): raw move of an episode")
                try await system.execute("UPDATE episodes SET project = ? WHERE id = ?", [project, .uuid(Samples.IDs.episode2.rawValue)])
                #expect(await Self.raw(app, attacker, "UPDATE scenes SET episode = ? WHERE id = ?",
                                       [.uuid(Self.outsidersEpisode.rawValue), .uuid(Samples.IDs.scene1.rawValue)]) == false,
                        "\(attacker): raw scene into another project's episode")

                // Reading through a join table: only the links of projects the caller may read.
                let visible = try await app.read(as: attacker.context) { db in
                    try await db.query("SELECT count(*) FROM projects_collaborators WHERE project_id = ?", [project])[0].int(0)
                }
                let mayRead = [.owner, .member, .admin].contains(attacker)
                #expect((visible > 0) == mayRead, "\(attacker): reads the project's links through the join table")
            }
            // Every join table: an outsider and an anonymous caller see none of the sample links
            // and can't add one to a sample record.
            let samples: [String: UUID] = [
                "projects": Samples.IDs.project.rawValue, "scenes": Samples.IDs.scene1.rawValue,
                "media": Samples.IDs.styleReference.rawValue, "characters": Samples.IDs.hero.rawValue,
                "tasks": Samples.IDs.task.rawValue, "users": Caller.outsiderID, "episodes": Samples.IDs.episode1.rawValue,
            ]
            for collection in Self.schema.collections {
                for field in collection.allFields {
                    guard case .references(let reference) = field.type, let join = reference.joinTable,
                          let holder = samples[collection.name], let target = samples[reference.target] else { continue }
                    let links = try await system.query("SELECT count(*) FROM \(join.name)", [])[0].int(0)
                    for attacker in [Attacker.anonymous, .outsider] {
                        let seen = try await app.read(as: attacker.context) { db in
                            try await db.query("SELECT count(*) FROM \(join.name)", [])[0].int(0)
                        }
                        #expect(seen == 0, "\(attacker) reads \(links) links of \(join.name) through the join table")
                        #expect(await Self.raw(app, attacker, "INSERT INTO \(join.name) (\(join.ownerColumn), \(join.targetColumn), position) VALUES (?, ?, 98)",
                                               [.uuid(holder), .uuid(target)]) == false, "\(attacker) links into \(join.name)")
                    }
                }
            }
            // Nothing the refused statements tried is there.
            let owners = try await system.query("SELECT created_by FROM projects WHERE id = ?", [project])
            #expect(try owners[0].uuid(0) == Samples.IDs.owner.rawValue)
            let scene = try await system.query("SELECT episode FROM scenes WHERE id = ?", [.uuid(Samples.IDs.scene1.rawValue)])
            #expect(try scene[0].uuid(0) != Self.outsidersEpisode.rawValue)
        }
    }
}
