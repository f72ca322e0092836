import Foundation
import SchemaGenCore
import SchemaGenSeed
import SchemaRuntime
import SchemaRuntimeSQLite
import StudioModels

/// The studio's everyday queries on the embedded database, as each sample user: opens an SQLite
/// file (applying the generated migrations: 0001 is the whole DDL), loads the fixtures, then shows what the
/// owner, the collaborator, the outsider, an admin and an anonymous caller may see and do.
///
///     swift run studio-demo [database.sqlite]    (run from the package root: it reads schemas/)
@main
struct StudioDemo {
    static func main() async throws {
        try await run()
    }

    /// Off the main actor: the typed queries' closures run in the repositories' calls.
    static func run() async throws {
        let path = CommandLine.arguments.dropFirst().first
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("studio-demo-\(ProcessInfo.processInfo.processIdentifier).sqlite").path
        let schema = try Generator(schemasDirectory: "schemas").resolve()
        let fixtures = Pipeline.fixtures(schema)

        print("# Opening \(path)")
        // The generated migrations build (or bring up to date) the schema, as an application would.
        let database = try SQLiteDatabase(path: path, migrations: DatabaseSchema.sqliteMigrations)
        for table in try await FixtureLoader.load(fixtures, schema: schema, into: database) { print("  " + table.summary) }

        let users = fixtures.sampleUsers
        let owner = try require(fixtures.sampleUser(.owner))
        // The owner's first project, and a scene of it: what everyone below asks for.
        let project = try require(fixtures.rows(of: "projects").first { $0.document["createdBy"]?.string == owner.id })
        let projectID = Project.ID(rawValue: UUID(uuidString: project.id)!)
        let callers: [(name: String, id: UUID?, context: AccessContext)] = users.map { user in
            let id = UUID(uuidString: user.id)!
            return ("\(user.name) (\(user.part.rawValue))", id, .user(id, role: user.role ?? "user"))
        } + [("anonymous", nil, .anonymous)]

        let projects = ProjectRepository(database)
        let episodes = EpisodeRepository(database)
        let scenes = SceneRepository(database)
        let media = MediaRepository(database)
        let tasks = GenerationTaskRepository(database)

        for (name, callerID, caller) in callers {
            print("\n# As \(name)")

            // Dashboard: the projects this caller may read (their own and those they collaborate
            // on; everything for an admin), newest first, each with its episode count: one call,
            // one query for the projects and one grouped count (index projects_created_at_idx).
            let dashboard = try await projects.list(orderBy: { $0.createdAt.descending }, including: [\.episodesCount], as: caller).items
            print("Dashboard: \(dashboard.count) project\(dashboard.count == 1 ? "" : "s")")
            for item in dashboard {
                let relation = item.record.createdBy.rawValue == callerID ? "owner"
                    : (item.record.collaborators.contains { $0.rawValue == callerID } ? "collaborator" : "admin view")
                print("  \(item.record.title) [\(item.record.status.rawValue), \(relation), \(item.episodesCount) episode\(item.episodesCount == 1 ? "" : "s")]")
            }

            // A project's episodes in order (index episodes_project_episode_number_key).
            let list = try await episodes.find(project: projectID, as: caller).items
            print("Episodes of “\(project.document["title"]?.string ?? "")”: "
                  + (list.isEmpty ? "none visible" : list.map { "\($0.episodeNumber). \($0.title)" }.joined(separator: "; ")))

            // A scene with its characters: the scene, its join table and the characters the caller
            // may read, in the scene's order.
            if let episode = list.first,
               let scene = try await scenes.list(where: { $0.episode == episode.id }, page: PageRequest(size: 1),
                                                 including: [\.characters], as: caller).items.first {
                print("Scene \(scene.record.sceneNumber) “\(scene.record.title)”: characters \(scene.characters.map(\.name).joined(separator: ", "))")
            }

            // The media gallery by type, newest first (index media_project_media_type_created_at_idx).
            for type in [Media.MediaType.styleReference, .characterDesign, .videoSegment] {
                let gallery = try await media.find(project: projectID, mediaType: type, as: caller).items
                if !gallery.isEmpty { print("Media (\(type.rawValue)): \(gallery.map(\.filename).joined(separator: ", "))") }
            }

            // Claiming the next queued task: highest priority, oldest first, among those the
            // caller may update.
            if let task = try await tasks.claimNext(as: caller, { $0.status = .processing }) {
                print("Claimed task \(task.taskType.rawValue) (priority \(task.priority)) of project \(task.project.rawValue.uuidString.lowercased().prefix(8))")
            } else {
                print("No queued task this caller may claim")
            }

            // A write the rules refuse to all but the owner and admins.
            do {
                try await projects.update(projectID, as: caller) { $0.description = "Edited by \(name)" }
                print("Editing the owner's project: allowed")
            } catch RepositoryError.notFound {
                // A record the caller may not read is not found: its existence isn't revealed.
                print("Editing the owner's project: refused (not visible to this caller)")
            } catch let error as RepositoryError {
                print("Editing the owner's project: refused (\(error))")
            }
        }
        print("\nDone: \(path)")
    }

    struct MissingSample: Error, CustomStringConvertible {
        var description: String { "the fixtures have no sample owner with a project" }
    }

    static func require<T>(_ value: T?) throws -> T {
        guard let value else { throw MissingSample() }
        return value
    }
}
