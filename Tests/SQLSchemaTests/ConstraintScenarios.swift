import Foundation
import Testing
@testable import SchemaGenCore

/// What every constraint of the generated DDL must do, written once for both engines: a row that
/// breaks a constraint is refused (with the engine's own message naming it), and a row that keeps
/// it is accepted. `SQLiteConstraintTests` and `PostgresConstraintTests` run each scenario.
enum ConstraintScenarios {
    static func checks(_ dialect: SQLDialect) async throws {
        try await withFreshDatabase(dialect) { database in
            try await database.execute(Seed.users)
            let project = Seed.project
            await database.expectRejected(Seed.insertProject(project, episodeCount: 51), because: .check("projects_episode_count_check"))
            await database.expectRejected(Seed.insertProject(project, episodeCount: 0), because: .check("projects_episode_count_check"))
            try await database.execute(Seed.insertProject(project, episodeCount: 50))
            #expect(try await database.value("SELECT episode_count FROM projects WHERE id = '\(project)';") == "50")

            // An enum value not in the list.
            await database.expectRejected(Seed.insertProject(Seed.otherProject, genre: "western"), because: .check("projects_genre_check"))
            await database.expectRejected("UPDATE projects SET status = 'archived';", because: .check("projects_status_check"))
            await database.expectRejected("UPDATE users SET role = 'root';", because: .check("users_role_check"))
            // A length: 1 to 200 characters.
            await database.expectRejected("UPDATE projects SET title = '';", because: .check("projects_title_check"))
            // An e-mail address.
            await database.expectRejected("UPDATE users SET email = 'nobody' WHERE id = '\(Seed.owner)';", because: .check("users_email_check"))

            // An optional object's required fields come together: a script has content, a version
            // and a word count, or none of them.
            await database.expectRejected("""
                INSERT INTO episodes (id, project, episode_number, title, script_content) VALUES ('\(Seed.episode)', '\(project)', 1, 'Pilot', 'FADE IN');
                """, because: .check("episodes_script_check"))
            try await database.execute("""
                INSERT INTO episodes (id, project, episode_number, title, script_content, script_version, script_word_count)
                VALUES ('\(Seed.episode)', '\(project)', 1, 'Pilot', 'FADE IN', 1, 2);
                """)

            if dialect == .sqlite {
                // SQLite keeps UUIDs, booleans and dates as text and integers in one form each.
                await database.expectRejected("""
                    INSERT INTO users (id, email, name, password_hash) VALUES ('ABCDEF00-0000-4000-8000-000000000009', 'x@example.com', 'X', 'h');
                    """, because: .check("users_id_check"))
                await database.expectRejected("UPDATE users SET preferences_notifications = 2;", because: .check("users_preferences_notifications_check"))
                await database.expectRejected("UPDATE projects SET created_at = '2026-01-31 12:00:00';", because: .check("projects_created_at_check"))
                await database.expectRejected("UPDATE projects SET episode_count = 'many';", saying: "cannot store TEXT value in INTEGER column projects.episode_count")
            }
        }
    }

    static func defaults(_ dialect: SQLDialect) async throws {
        try await withFreshDatabase(dialect) { database in
            try await database.execute(Seed.users + Seed.insertProject(Seed.project))
            let project = try await database.execute("""
                SELECT status, episode_count, project_settings_aspect_ratio, project_settings_quality_tier,
                    progress_current_phase, progress_completed_steps, progress_overall_progress
                FROM projects WHERE id = '\(Seed.project)';
                """)
            #expect(project == [["concept", "1", "16:9", "standard", "story_development", "[]", dialect == .sqlite ? "0.0" : "0"]])
            let user = try await database.execute("""
                SELECT role, preferences_theme, preferences_language, subscription_tier, subscription_features
                FROM users WHERE id = '\(Seed.owner)';
                """)
            #expect(user == [["user", "system", "en", "free", "[]"]])
            #expect(try await database.count("projects", where: "created_at IS NOT NULL AND updated_at IS NOT NULL") == 1)
        }
    }

    static func unique(_ dialect: SQLDialect) async throws {
        try await withFreshDatabase(dialect) { database in
            try await database.execute(Seed.users)
            await database.expectRejected(
                "INSERT INTO users (id, email, name, password_hash) VALUES ('\(Seed.id(9))', 'owner@example.com', 'Twin', 'hash');",
                because: .unique(index: "users_email_key", table: "users", columns: ["email"]))
            try await database.execute(
                "INSERT INTO users (id, email, name, password_hash) VALUES ('\(Seed.id(9))', 'twin@example.com', 'Twin', 'hash');")
            #expect(try await database.count("users") == 5)
        }
    }

    /// `immutable: true`: set on insert, refused on update (on PostgreSQL the superuser, as the
    /// system context, may still change it).
    static func immutable(_ dialect: SQLDialect) async throws {
        try await withFreshDatabase(dialect) { database in
            try await database.execute(Seed.users + Seed.insertProject(Seed.project, owner: Seed.owner))
            await database.expectRejected(
                "UPDATE projects SET created_by = '\(Seed.collaborator)' WHERE id = '\(Seed.project)';",
                saying: "projects.created_by cannot be changed")
            try await database.execute("UPDATE projects SET title = 'Renamed', created_by = '\(Seed.owner)' WHERE id = '\(Seed.project)';")
            #expect(try await database.value("SELECT created_by FROM projects WHERE title = 'Renamed';") == Seed.owner)
        }
    }

    static func compoundUnique(_ dialect: SQLDialect) async throws {
        try await withFreshDatabase(dialect) { database in
            try await database.execute(Seed.studio + Seed.insertProject(Seed.otherProject))
            // One episode per number in a project; the same number in another project is fine.
            await database.expectRejected(Seed.insertEpisode(Seed.id(202), number: 1),
                because: .unique(index: "episodes_project_episode_number_key", table: "episodes", columns: ["project", "episode_number"]))
            try await database.execute(Seed.insertEpisode(Seed.id(202), number: 2))
            try await database.execute(Seed.insertEpisode(Seed.id(203), project: Seed.otherProject, number: 1))
            #expect(try await database.count("episodes") == 3)

            // One scene per number in an episode.
            let scene = { (id: String, episode: String, number: Int) in
                "INSERT INTO scenes (id, project, episode, scene_number, title) VALUES ('\(id)', '\(Seed.project)', '\(episode)', \(number), 'Scene');"
            }
            try await database.execute(scene(Seed.scene, Seed.episode, 1))
            await database.expectRejected(scene(Seed.id(302), Seed.episode, 1),
                because: .unique(index: "scenes_episode_scene_number_key", table: "scenes", columns: ["episode", "scene_number"]))
            try await database.execute(scene(Seed.id(302), Seed.id(202), 1))

            // A to-many reference links a target once.
            await database.expectRejected("""
                INSERT INTO projects_collaborators (project_id, collaborator_id, position) VALUES ('\(Seed.project)', '\(Seed.collaborator)', 5);
                """, saying: dialect == .sqlite ? "UNIQUE constraint failed: projects_collaborators.project_id, projects_collaborators.collaborator_id" : "violates unique constraint \"projects_collaborators_pkey\"")
        }
    }

    static func notNull(_ dialect: SQLDialect) async throws {
        try await withFreshDatabase(dialect) { database in
            try await database.execute(Seed.studio)
            await database.expectRejected("INSERT INTO projects (id, genre, created_by) VALUES ('\(Seed.otherProject)', 'drama', '\(Seed.owner)');",
                                          because: .notNull(table: "projects", column: "title"))
            await database.expectRejected("INSERT INTO episodes (id, episode_number, title) VALUES ('\(Seed.id(202))', 2, 'Lost');",
                                          because: .notNull(table: "episodes", column: "project"))
            // A required field of a required object.
            await database.expectRejected("UPDATE users SET subscription_tier = NULL;", because: .notNull(table: "users", column: "subscription_tier"))
            #expect(try await database.count("projects") == 1)
        }
    }

    static func foreignKey(_ dialect: SQLDialect) async throws {
        try await withFreshDatabase(dialect) { database in
            try await database.execute(Seed.studio)
            await database.expectRejected(Seed.insertEpisode(Seed.id(202), project: Seed.otherProject, number: 1),
                                          because: .foreignKey("episodes_project_fkey"))
            await database.expectRejected("""
                INSERT INTO projects_collaborators (project_id, collaborator_id, position) VALUES ('\(Seed.project)', '\(Seed.id(9))', 1);
                """, because: .foreignKey("projects_collaborators_collaborator_id_fkey"))
            // An optional reference, when present, must point at an existing row too.
            await database.expectRejected("UPDATE episodes SET metadata_final_video = '\(Seed.media)';",
                                          because: .foreignKey("episodes_metadata_final_video_fkey"))
            #expect(try await database.count("episodes") == 1)
        }
    }

    static func cascade(_ dialect: SQLDialect) async throws {
        try await withFreshDatabase(dialect) { database in
            try await database.execute(Seed.studio + """
                INSERT INTO scenes (id, project, episode, scene_number, title) VALUES ('\(Seed.scene)', '\(Seed.project)', '\(Seed.episode)', 1, 'Platform');
                INSERT INTO characters (id, project, name) VALUES ('\(Seed.character)', '\(Seed.project)', 'Conductor');
                INSERT INTO scenes_characters (scene_id, character_id, position) VALUES ('\(Seed.scene)', '\(Seed.character)', 0);
                INSERT INTO sessions (id, project, "user") VALUES ('\(Seed.id(601))', '\(Seed.project)', '\(Seed.collaborator)');
                \(Seed.insertProject(Seed.otherProject))
                """)
            try await database.execute("DELETE FROM projects WHERE id = '\(Seed.project)';")
            for table in ["episodes", "scenes", "characters", "scenes_characters", "sessions"] {
                #expect(try await database.count(table) == 0, "\(table) rows of the deleted project remain")
            }
            #expect(try await database.count("projects_collaborators") == 0, "the collaborator link remains")
            #expect(try await database.count("users") == 4, "deleting a project must not delete its users")

            // Deleting the owner deletes their projects (createdBy: onDelete cascade).
            try await database.execute("DELETE FROM users WHERE id = '\(Seed.owner)';")
            #expect(try await database.count("projects") == 0)
        }
    }

    static func setNull(_ dialect: SQLDialect) async throws {
        try await withFreshDatabase(dialect) { database in
            try await database.execute(Seed.studio + """
                INSERT INTO media (id, filename, mime_type, url, project, media_type)
                VALUES ('\(Seed.media)', 'final.mp4', 'video/mp4', 'https://cdn.example.com/final.mp4', '\(Seed.project)', 'final_video');
                UPDATE episodes SET metadata_final_video = '\(Seed.media)', metadata_thumbnail = '\(Seed.media)';
                INSERT INTO projects_style_references (project_id, style_reference_id, position) VALUES ('\(Seed.project)', '\(Seed.media)', 0);
                """)
            #expect(try await database.count("episodes", where: "metadata_final_video IS NOT NULL") == 1)
            try await database.execute("DELETE FROM media WHERE id = '\(Seed.media)';")
            #expect(try await database.count("episodes", where: "metadata_final_video IS NULL AND metadata_thumbnail IS NULL") == 1,
                    "the episode stays, its references to the deleted media are cleared")
            #expect(try await database.count("projects_style_references") == 0, "the link to the deleted media goes")
            #expect(try await database.count("projects") == 1)
        }
    }

    /// The project ids a title search finds, through the text index.
    private static func titleSearch(_ word: String, _ dialect: SQLDialect) -> String {
        switch dialect {
        case .sqlite:
            return """
                SELECT p.id FROM projects_title_search JOIN projects AS p ON p.rowid = projects_title_search.rowid
                WHERE projects_title_search MATCH '\(word)' ORDER BY p.id;
                """
        case .postgres:
            return "SELECT id FROM projects WHERE \(postgresTitleMatch(word)) ORDER BY id;"
        }
    }

    /// The GIN index's own expression, so that the planner can use the index.
    private static func postgresTitleMatch(_ word: String) -> String {
        "to_tsvector('english', coalesce(title, '')) @@ plainto_tsquery('english', '\(word)')"
    }

    static func textSearch(_ dialect: SQLDialect) async throws {
        try await withFreshDatabase(dialect) { database in
            try await database.execute(Seed.studio + Seed.insertProject(Seed.otherProject, title: "Ocean Storm"))
            #expect(try await database.column(titleSearch("train", dialect)) == [Seed.project])
            #expect(try await database.column(titleSearch("trains", dialect)) == [Seed.project], "words are stemmed")
            #expect(try await database.column(titleSearch("ocean", dialect)) == [Seed.otherProject])
            #expect(try await database.column(titleSearch("submarine", dialect)).isEmpty)

            // The index follows updates and deletes.
            try await database.execute("UPDATE projects SET title = 'Morning Ferry' WHERE id = '\(Seed.project)';")
            #expect(try await database.column(titleSearch("train", dialect)).isEmpty)
            #expect(try await database.column(titleSearch("ferry", dialect)) == [Seed.project])
            try await database.execute("DELETE FROM projects WHERE id = '\(Seed.project)';")
            #expect(try await database.column(titleSearch("ferry", dialect)).isEmpty)

            if dialect == .postgres {
                let plan = try await database.column("""
                    SET enable_seqscan = off;
                    EXPLAIN (COSTS OFF) SELECT id FROM projects WHERE \(postgresTitleMatch("ocean"));
                    """).joined(separator: "\n")
                #expect(plan.contains("projects_title_search"), "the search does not use the GIN index:\n\(plan)")
            } else {
                // rank 1: compare the index with its content table, projects (SQLITE_CORRUPT if they differ).
                #expect(try await database.value("""
                    INSERT INTO projects_title_search (projects_title_search, rank) VALUES ('integrity-check', 1); SELECT 'ok';
                    """) == "ok", "the FTS index agrees with the projects table")
            }
        }
    }

    static func timeToLive(_ dialect: SQLDialect) async throws {
        let expected = ExpectedCatalog(schema: try Fixture.studio.schema(), dialect: dialect)
        let ttl = try #require(expected.ttlIndexes.first { $0.table == "tasks" }, "tasks has a ttl index")
        try await withFreshDatabase(dialect) { database in
            let task = { (id: String, status: String, daysAgo: Int) in
                "INSERT INTO tasks (id, task_type, project, status, created_at) VALUES ('\(id)', 'image_generation', '\(Seed.project)', '\(status)', \(dialect.timestamp(daysAgo: daysAgo)));\n"
            }
            let oldCompleted = Seed.id(701), oldQueued = Seed.id(702), recentCompleted = Seed.id(703), oldProcessing = Seed.id(704)
            try await database.execute(Seed.studio + task(oldProcessing, "processing", 91) + task(oldQueued, "queued", 91)
                                       + task(recentCompleted, "completed", 89))
            switch dialect {
            case .sqlite:
                // Each insert deletes what has expired, its own row included.
                try await database.execute(task(oldCompleted, "completed", 91))
                #expect(try await database.column("SELECT id FROM tasks ORDER BY id;") == [recentCompleted, oldQueued, oldProcessing].sorted())
                // A task that finishes expires at the next insert.
                try await database.execute("UPDATE tasks SET status = 'failed' WHERE id = '\(oldProcessing)';")
                #expect(try await database.count("tasks", where: "id = '\(oldProcessing)'") == 1, "an update doesn't expire rows")
                try await database.execute(task(Seed.id(705), "queued", 0))
                #expect(try await database.column("SELECT id FROM tasks ORDER BY id;") == [recentCompleted, oldQueued, Seed.id(705)].sorted())
            case .postgres:
                try await database.execute(task(oldCompleted, "completed", 91))
                #expect(try await database.value("SELECT \(ttl.expiry)();") == "1")
                #expect(try await database.column("SELECT id FROM tasks ORDER BY id;") == [recentCompleted, oldQueued, oldProcessing].sorted())
                #expect(try await database.value("SELECT \(ttl.expiry)();") == "0")
                try await database.execute("UPDATE tasks SET status = 'failed' WHERE id = '\(oldProcessing)';")
                #expect(try await database.value("SELECT \(ttl.expiry)();") == "1")
                #expect(try await database.column("SELECT id FROM tasks ORDER BY id;") == [recentCompleted, oldQueued].sorted())
            }
        }
    }

    static func json(_ dialect: SQLDialect) async throws {
        try await withFreshDatabase(dialect) { database in
            try await database.execute(Seed.studio)
            // An array field holds a JSON array.
            await database.expectRejected("UPDATE projects SET progress_completed_steps = '{\"step\": 1}';",
                                          because: .check("projects_progress_completed_steps_check"))
            await database.expectRejected("UPDATE projects SET progress_completed_steps = '\"story\"';",
                                          because: .check("projects_progress_completed_steps_check"))
            try await database.execute("UPDATE projects SET progress_completed_steps = '[\"story\", \"cast\"]';")
            // A free-form json field holds any JSON, and nothing else.
            let task = { (id: String, parameters: String) in
                "INSERT INTO tasks (id, task_type, project, input_parameters) VALUES ('\(id)', 'script_generation', '\(Seed.project)', \(parameters));"
            }
            try await database.execute(task(Seed.id(701), "'{\"style\": \"noir\"}'") + task(Seed.id(702), "'42'"))
            if dialect == .sqlite {
                await database.expectRejected(task(Seed.id(703), "'{\"style\": '"), because: .check("tasks_input_parameters_check"))
            } else {
                await database.expectRejected(task(Seed.id(703), "'{\"style\": '"), saying: "invalid input syntax for type json")
            }
            // Optional JSON (and optional objects' arrays) may be null: absent.
            try await database.execute(task(Seed.id(704), "NULL") + """
                UPDATE episodes SET synopsis_themes = NULL;
                INSERT INTO prompts_executed (id, app, stage, resolved_prompt, model, status, started_at)
                VALUES ('\(Seed.id(801))', 'studio', 'script', 'Write a scene', 'anthropic/claude-sonnet-4', 'success', '2026-01-31T12:00:00.000Z');
                """)
            #expect(try await database.count("tasks", where: "input_parameters IS NULL") == 1)
            #expect(try await database.count("prompts_executed", where: "inputs IS NULL AND output_raw IS NULL") == 1)
        }
    }

    static func vectors(_ dialect: SQLDialect) async throws {
        try await withFreshDatabase(dialect) { database in
            try await database.execute(Seed.studio)
            let media = { (id: String, embedding: String) in
                """
                INSERT INTO media (id, filename, mime_type, url, project, media_type, embedding)
                VALUES ('\(id)', 'frame.png', 'image/png', 'https://cdn.example.com/frame.png', '\(Seed.project)', 'concept_art', \(embedding));
                """
            }
            await database.expectRejected(media(Seed.id(401), dialect.vector(1023)), because: .check("media_embedding_check"))
            await database.expectRejected(media(Seed.id(401), dialect.vector(1025)), because: .check("media_embedding_check"))
            try await database.execute(media(Seed.id(401), dialect.vector(1024)))
            try await database.execute(media(Seed.id(402), "NULL"))
            #expect(try await database.count("media") == 2)
            switch dialect {
            case .sqlite:
                await database.expectRejected(media(Seed.id(403), "'" + String(repeating: "x", count: 4096) + "'"),
                                              saying: "cannot store TEXT value in BLOB column media.embedding")
                #expect(try await database.value("SELECT length(embedding) FROM media WHERE id = '\(Seed.id(401))';") == "4096")
            case .postgres:
                await database.expectRejected(media(Seed.id(403), "array_fill(0.5::real, ARRAY[32, 32])"), because: .check("media_embedding_check"))
                await database.expectRejected(media(Seed.id(403), "array_fill(NULL::real, ARRAY[1024])"), because: .check("media_embedding_check"))
                #expect(try await database.value("SELECT round(schemagen_cosine_distance(embedding, embedding)::numeric, 6) FROM media WHERE id = '\(Seed.id(401))';") == "0.000000")
            }
        }
    }

    /// The kitchen-sink schema: a column named `default`, a self-reference, a ttl index with a
    /// condition, a 3-number vector, array bounds and (PostgreSQL) a pattern.
    static func kitchenSink(_ dialect: SQLDialect) async throws {
        let expected = ExpectedCatalog(schema: try Fixture.kitchenSink.schema(), dialect: dialect)
        let ttl = try #require(expected.ttlIndexes.first { $0.table == "widgets" })
        try await withFreshDatabase(dialect, applying: .kitchenSink) { database in
            let account = Seed.id(1)
            try await database.execute("INSERT INTO accounts (id, email) VALUES ('\(account)', 'a@example.com');")
            await database.expectRejected("INSERT INTO accounts (id, email) VALUES ('\(Seed.id(2))', 'a@example.com');",
                                          because: .unique(index: "accounts_email_key", table: "accounts", columns: ["email"]))
            await database.expectRejected("INSERT INTO accounts (id, email) VALUES ('\(Seed.id(2))', 'nobody');", because: .check("accounts_email_check"))

            let widget = { (id: String, columns: String, values: String) in
                "INSERT INTO widgets (id, owner\(columns)) VALUES ('\(id)', '\(account)'\(values));\n"
            }
            let expired = dialect.timestamp(hoursAgo: 13)
            try await database.execute(
                widget(Seed.id(11), ", \"default\", visibility", ", 'A brass lantern', 'team'")
                + widget(Seed.id(12), ", \"default\", mode, visibility, expires_at", ", 'Old lanterns', 'off', 'team', \(expired)")
                + widget(Seed.id(13), ", expires_at", ", \(expired)")
                + widget(Seed.id(14), ", parent, visibility, expires_at", ", '\(Seed.id(11))', 'public', \(expired)"))
            if dialect == .postgres {
                #expect(try await database.value("SELECT \(ttl.expiry)();") == "1")
            }
            // Expired and matching the condition: gone. Expired but mode off, or without visibility: kept.
            #expect(try await database.column("SELECT id FROM widgets ORDER BY id;") == [Seed.id(11), Seed.id(12), Seed.id(13)])
            #expect(try await database.execute("SELECT mode, class, tags, version FROM widgets WHERE id = '\(Seed.id(11))';")
                    == [["on", "0", "[\"a\"]", "1"]])

            let search = dialect == .sqlite
                ? "SELECT w.id FROM widgets_default_search JOIN widgets AS w ON w.rowid = widgets_default_search.rowid WHERE widgets_default_search MATCH 'lantern' ORDER BY w.id;"
                : "SELECT id FROM widgets WHERE to_tsvector('english', coalesce(\"default\", '')) @@ plainto_tsquery('english', 'lantern') ORDER BY id;"
            #expect(try await database.column(search) == [Seed.id(11), Seed.id(12)])

            // A self-reference is cleared when its target goes.
            try await database.execute(widget(Seed.id(15), ", parent", ", '\(Seed.id(13))'") + "DELETE FROM widgets WHERE id = '\(Seed.id(13))';")
            #expect(try await database.count("widgets", where: "id = '\(Seed.id(15))' AND parent IS NULL") == 1)

            await database.expectRejected("UPDATE widgets SET tags = '[]';", because: .check("widgets_tags_check"))
            await database.expectRejected("UPDATE widgets SET tags = '[\"a\", \"b\", \"c\", \"d\", \"e\"]';", because: .check("widgets_tags_check"))
            await database.expectRejected("UPDATE widgets SET class = 6;", because: .check("widgets_class_check"))
            await database.expectRejected("UPDATE widgets SET mode = 'maybe';", because: .check("widgets_mode_check"))
            try await database.execute("UPDATE widgets SET mode = 'default', class = -5 WHERE id = '\(Seed.id(11))';")
            await database.expectRejected("UPDATE widgets SET shape = \(dialect.vector(2));", because: .check("widgets_shape_check"))
            try await database.execute("UPDATE widgets SET shape = \(dialect.vector(3));")
            if dialect == .postgres {
                await database.expectRejected("UPDATE widgets SET code = 'ab-12';", because: .check("widgets_code_check"))
                try await database.execute("UPDATE widgets SET code = 'XY-7\"#';")
            }
        }
    }
}
