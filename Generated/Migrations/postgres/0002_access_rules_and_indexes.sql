-- Migration 0002_access_rules_and_indexes for PostgreSQL, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.
--
-- DESTRUCTIVE OR RISKY (accepted with --allow-destructive):
--   * adds foreign key media_episode_scope_fkey to media over existing columns: the migration fails if a row already breaks it (schemas/media.yaml:34:3)
--   * adds foreign key media_scene_scope_fkey to media over existing columns: the migration fails if a row already breaks it (schemas/media.yaml:35:3)
--   * adds foreign key media_character_scope_fkey to media over existing columns: the migration fails if a row already breaks it (schemas/media.yaml:36:3)
--   * adds foreign key scenes_episode_scope_fkey to scenes over existing columns: the migration fails if a row already breaks it (schemas/scenes.yaml:22:3)
--   * adds foreign key sessions_context_data_current_episode_scope_fkey to sessions over existing columns: the migration fails if a row already breaks it (schemas/sessions.yaml:49:7)
--   * adds foreign key sessions_context_data_current_scene_scope_fkey to sessions over existing columns: the migration fails if a row already breaks it (schemas/sessions.yaml:50:7)
--   * adds foreign key sessions_context_data_focus_character_scope_fkey to sessions over existing columns: the migration fails if a row already breaks it (schemas/sessions.yaml:51:7)
--   * adds foreign key tasks_episode_scope_fkey to tasks over existing columns: the migration fails if a row already breaks it (schemas/tasks.yaml:41:3)
--   * adds foreign key tasks_scene_scope_fkey to tasks over existing columns: the migration fails if a row already breaks it (schemas/tasks.yaml:42:3)
--   * adds foreign key tasks_character_scope_fkey to tasks over existing columns: the migration fails if a row already breaks it (schemas/tasks.yaml:43:3)

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
DROP INDEX tasks_project_idx;
DROP INDEX tasks_status_idx;
DROP INDEX sessions_user_idx;
DROP INDEX prompts_executed_project_id_idx;
DROP INDEX prompt_templates_app_idx;
DROP INDEX characters_project_idx;
DROP INDEX media_episode_idx;
DROP INDEX media_project_idx;
DROP INDEX scenes_episode_idx;
DROP INDEX episodes_project_idx;
DROP INDEX projects_created_by_idx;

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

CREATE INDEX episodes_metadata_final_video_idx ON episodes (metadata_final_video);
CREATE INDEX episodes_metadata_thumbnail_idx ON episodes (metadata_thumbnail);

CREATE INDEX scenes_project_idx ON scenes (project);
CREATE INDEX scenes_production_video_segment_idx ON scenes (production_video_segment);
CREATE INDEX scenes_production_audio_track_idx ON scenes (production_audio_track);

CREATE INDEX media_character_idx ON media (character);

CREATE INDEX projects_style_references_idx ON projects_style_references (style_reference_id, project_id);

CREATE INDEX characters_visual_design_final_design_idx ON characters (visual_design_final_design);
CREATE INDEX characters_voice_profile_audio_sample_idx ON characters (voice_profile_audio_sample);

CREATE INDEX characters_visual_design_reference_images_idx ON characters_visual_design_reference_images (reference_image_id, character_id);

CREATE INDEX media_related_elements_characters_idx ON media_related_elements_characters (character_id, media_id);

CREATE INDEX prompts_executed_template_id_idx ON prompts_executed (template_id);

CREATE INDEX sessions_context_data_current_episode_idx ON sessions (context_data_current_episode);
CREATE INDEX sessions_context_data_current_scene_idx ON sessions (context_data_current_scene);
CREATE INDEX sessions_context_data_focus_character_idx ON sessions (context_data_focus_character);

CREATE INDEX tasks_episode_idx ON tasks (episode);
CREATE INDEX tasks_scene_idx ON tasks (scene);
CREATE INDEX tasks_character_idx ON tasks (character);
CREATE INDEX tasks_input_prompt_id_idx ON tasks (input_prompt_id) WHERE input_prompt_id IS NOT NULL;
CREATE INDEX tasks_output_media_id_idx ON tasks (output_media_id) WHERE output_media_id IS NOT NULL;

CREATE INDEX tasks_input_dependencies_idx ON tasks_input_dependencies (dependency_id, task_id);

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

INSERT INTO schema_migrations (version, name) VALUES (2, 'access_rules_and_indexes');
COMMIT;
