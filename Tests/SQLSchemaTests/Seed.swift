import Foundation

/// Rows the behaviour tests build on, written with only the required columns so that the
/// schema's defaults fill in the rest. Ids are lowercase UUID text (SQLite's form; PostgreSQL
/// reads the same literal as a uuid).
enum Seed {
    static func id(_ number: Int) -> String { String(format: "00000000-0000-4000-8000-%012d", number) }

    static let owner = id(1)
    static let collaborator = id(2)
    static let admin = id(3)
    static let outsider = id(4)
    static let project = id(101)
    static let otherProject = id(102)
    static let episode = id(201)
    static let scene = id(301)
    static let media = id(401)
    static let character = id(501)

    /// The owner, the collaborator and the outsider (role `user`, the default) and an admin.
    static let users = """
        INSERT INTO users (id, email, name, password_hash) VALUES
            ('\(owner)', 'owner@example.com', 'Owner', 'hash'),
            ('\(collaborator)', 'collaborator@example.com', 'Collaborator', 'hash'),
            ('\(outsider)', 'outsider@example.com', 'Outsider', 'hash');
        INSERT INTO users (id, email, name, password_hash, role) VALUES ('\(admin)', 'admin@example.com', 'Admin', 'hash', 'admin');

        """

    /// A project of the owner, with the collaborator linked, and its first episode.
    static let projectWithEpisode = """
        INSERT INTO projects (id, title, genre, created_by) VALUES ('\(project)', 'Night Train', 'drama', '\(owner)');
        INSERT INTO projects_collaborators (project_id, collaborator_id, position) VALUES ('\(project)', '\(collaborator)', 0);
        INSERT INTO episodes (id, project, episode_number, title) VALUES ('\(episode)', '\(project)', 1, 'Departure');

        """

    /// Users, the project and its episode.
    static let studio = users + projectWithEpisode

    static func insertProject(_ id: String, title: String = "Ocean Storm", genre: String = "drama",
                              episodeCount: Int? = nil, owner: String = owner) -> String {
        if let episodeCount {
            return "INSERT INTO projects (id, title, genre, episode_count, created_by) VALUES ('\(id)', '\(title)', '\(genre)', \(episodeCount), '\(owner)');"
        }
        return "INSERT INTO projects (id, title, genre, created_by) VALUES ('\(id)', '\(title)', '\(genre)', '\(owner)');"
    }

    static func insertEpisode(_ id: String, project: String = project, number: Int) -> String {
        "INSERT INTO episodes (id, project, episode_number, title) VALUES ('\(id)', '\(project)', \(number), 'Episode \(number)');"
    }
}
