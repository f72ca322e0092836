-- Migration 0002_hostile_caller_rules for PostgreSQL, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer NOT NULL PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

DROP POLICY sessions_update ON sessions;
DROP POLICY sessions_create ON sessions;
DROP POLICY projects_create ON projects;
DROP POLICY projects_collaborators_delete ON projects_collaborators;
DROP POLICY projects_collaborators_update ON projects_collaborators;
DROP POLICY projects_collaborators_create ON projects_collaborators;

ALTER TABLE episodes ADD CONSTRAINT episodes_id_project_key UNIQUE (id, project);
ALTER TABLE scenes ADD CONSTRAINT scenes_id_project_key UNIQUE (id, project);
ALTER TABLE characters ADD CONSTRAINT characters_id_project_key UNIQUE (id, project);
ALTER TABLE scenes ADD CONSTRAINT scenes_episode_scope_fkey FOREIGN KEY (episode, project) REFERENCES episodes (id, project) ON UPDATE CASCADE;
ALTER TABLE media ADD CONSTRAINT media_episode_scope_fkey FOREIGN KEY (episode, project) REFERENCES episodes (id, project) ON UPDATE CASCADE;
ALTER TABLE media ADD CONSTRAINT media_scene_scope_fkey FOREIGN KEY (scene, project) REFERENCES scenes (id, project) ON UPDATE CASCADE;
ALTER TABLE media ADD CONSTRAINT media_character_scope_fkey FOREIGN KEY (character, project) REFERENCES characters (id, project) ON UPDATE CASCADE;
ALTER TABLE sessions ADD CONSTRAINT sessions_context_data_current_episode_scope_fkey FOREIGN KEY (context_data_current_episode, project) REFERENCES episodes (id, project) ON UPDATE CASCADE;
ALTER TABLE sessions ADD CONSTRAINT sessions_context_data_current_scene_scope_fkey FOREIGN KEY (context_data_current_scene, project) REFERENCES scenes (id, project) ON UPDATE CASCADE;
ALTER TABLE sessions ADD CONSTRAINT sessions_context_data_focus_character_scope_fkey FOREIGN KEY (context_data_focus_character, project) REFERENCES characters (id, project) ON UPDATE CASCADE;
ALTER TABLE tasks ADD CONSTRAINT tasks_episode_scope_fkey FOREIGN KEY (episode, project) REFERENCES episodes (id, project) ON UPDATE CASCADE;
ALTER TABLE tasks ADD CONSTRAINT tasks_scene_scope_fkey FOREIGN KEY (scene, project) REFERENCES scenes (id, project) ON UPDATE CASCADE;
ALTER TABLE tasks ADD CONSTRAINT tasks_character_scope_fkey FOREIGN KEY (character, project) REFERENCES characters (id, project) ON UPDATE CASCADE;

CREATE OR REPLACE FUNCTION users_check_field_rules() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
    BEGIN
        IF schemagen_is_system() THEN
            RETURN NEW;
        END IF;
        IF TG_OP = 'INSERT' THEN
            IF (NEW.role IS DISTINCT FROM 'user') AND NOT coalesce(schemagen_role() = 'admin', false) THEN
                RAISE EXCEPTION 'users.role: this caller may not set it' USING ERRCODE = 'insufficient_privilege';
            END IF;
            IF (NEW.subscription_tier IS DISTINCT FROM 'free' OR NEW.subscription_max_projects IS NOT NULL OR NEW.subscription_max_episodes_per_project IS NOT NULL OR NEW.subscription_features IS DISTINCT FROM '[]'::jsonb) AND NOT coalesce(schemagen_role() = 'admin', false) THEN
                RAISE EXCEPTION 'users.subscription: this caller may not set it' USING ERRCODE = 'insufficient_privilege';
            END IF;
        END IF;
        IF TG_OP = 'UPDATE' THEN
            IF (NEW.role IS DISTINCT FROM OLD.role) AND NOT coalesce(schemagen_role() = 'admin', false) THEN
                RAISE EXCEPTION 'users.role: this caller may not set it' USING ERRCODE = 'insufficient_privilege';
            END IF;
            IF (NEW.subscription_tier IS DISTINCT FROM OLD.subscription_tier OR NEW.subscription_max_projects IS DISTINCT FROM OLD.subscription_max_projects OR NEW.subscription_max_episodes_per_project IS DISTINCT FROM OLD.subscription_max_episodes_per_project OR NEW.subscription_features IS DISTINCT FROM OLD.subscription_features) AND NOT coalesce(schemagen_role() = 'admin', false) THEN
                RAISE EXCEPTION 'users.subscription: this caller may not set it' USING ERRCODE = 'insufficient_privilege';
            END IF;
        END IF;
        RETURN NEW;
    END
    $$;

CREATE TRIGGER users_check_field_rules BEFORE INSERT OR UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION users_check_field_rules();

CREATE POLICY projects_collaborators_create ON projects_collaborators FOR INSERT
    WITH CHECK (
        EXISTS (
            SELECT 1 FROM projects WHERE projects.id = projects_collaborators.project_id AND (
                (projects.created_by = schemagen_user_id()
                OR projects_collaborators_includes_caller(projects.id)
                OR schemagen_role() = 'admin')
                AND (projects.created_by = schemagen_user_id() OR schemagen_role() = 'admin')
            )
        )
    );
CREATE POLICY projects_collaborators_update ON projects_collaborators FOR UPDATE
    USING (
        EXISTS (
            SELECT 1 FROM projects WHERE projects.id = projects_collaborators.project_id AND (
                (projects.created_by = schemagen_user_id()
                OR projects_collaborators_includes_caller(projects.id)
                OR schemagen_role() = 'admin')
                AND (projects.created_by = schemagen_user_id() OR schemagen_role() = 'admin')
            )
        )
    )
    WITH CHECK (
        EXISTS (
            SELECT 1 FROM projects WHERE projects.id = projects_collaborators.project_id AND (
                (projects.created_by = schemagen_user_id()
                OR projects_collaborators_includes_caller(projects.id)
                OR schemagen_role() = 'admin')
                AND (projects.created_by = schemagen_user_id() OR schemagen_role() = 'admin')
            )
        )
    );
CREATE POLICY projects_collaborators_delete ON projects_collaborators FOR DELETE
    USING (
        EXISTS (
            SELECT 1 FROM projects WHERE projects.id = projects_collaborators.project_id AND (
                (projects.created_by = schemagen_user_id()
                OR projects_collaborators_includes_caller(projects.id)
                OR schemagen_role() = 'admin')
                AND (projects.created_by = schemagen_user_id() OR schemagen_role() = 'admin')
            )
        )
    );

CREATE POLICY projects_create ON projects FOR INSERT
    WITH CHECK (
        projects.created_by = schemagen_user_id()
        OR schemagen_role() = 'admin'
    );

CREATE POLICY sessions_create ON sessions FOR INSERT
    WITH CHECK (
        (sessions."user" = schemagen_user_id() AND EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = sessions.project AND p1.created_by = schemagen_user_id()))
        OR (sessions."user" = schemagen_user_id() AND projects_collaborators_includes_caller(sessions.project))
        OR schemagen_role() = 'admin'
    );
CREATE POLICY sessions_update ON sessions FOR UPDATE
    USING (
        (sessions."user" = schemagen_user_id() AND EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = sessions.project AND p1.created_by = schemagen_user_id()))
        OR (sessions."user" = schemagen_user_id() AND projects_collaborators_includes_caller(sessions.project))
        OR schemagen_role() = 'admin'
    )
    WITH CHECK (
        (sessions."user" = schemagen_user_id() AND EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = sessions.project AND p1.created_by = schemagen_user_id()))
        OR (sessions."user" = schemagen_user_id() AND projects_collaborators_includes_caller(sessions.project))
        OR schemagen_role() = 'admin'
    );

INSERT INTO schema_migrations (version, name) VALUES (2, 'hostile_caller_rules');
COMMIT;
