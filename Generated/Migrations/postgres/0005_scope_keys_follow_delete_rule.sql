-- Migration 0005_scope_keys_follow_delete_rule for PostgreSQL, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.
--
-- LONG LOCKS OR TABLE REWRITES (on a large table, apply at a quiet time):
--   * scenes: ADD CONSTRAINT scenes_episode_scope_fkey reads every row of scenes while writes wait
--   * media: ADD CONSTRAINT media_episode_scope_fkey reads every row of media while writes wait
--   * media: ADD CONSTRAINT media_scene_scope_fkey reads every row of media while writes wait
--   * media: ADD CONSTRAINT media_character_scope_fkey reads every row of media while writes wait
--   * sessions: ADD CONSTRAINT sessions_context_data_current_episode_scope_fkey reads every row of sessions while writes wait
--   * sessions: ADD CONSTRAINT sessions_context_data_current_scene_scope_fkey reads every row of sessions while writes wait
--   * sessions: ADD CONSTRAINT sessions_context_data_focus_character_scope_fkey reads every row of sessions while writes wait
--   * tasks: ADD CONSTRAINT tasks_episode_scope_fkey reads every row of tasks while writes wait
--   * tasks: ADD CONSTRAINT tasks_scene_scope_fkey reads every row of tasks while writes wait
--   * tasks: ADD CONSTRAINT tasks_character_scope_fkey reads every row of tasks while writes wait

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer NOT NULL PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE scenes DROP CONSTRAINT scenes_episode_scope_fkey;
ALTER TABLE media DROP CONSTRAINT media_episode_scope_fkey;
ALTER TABLE media DROP CONSTRAINT media_scene_scope_fkey;
ALTER TABLE media DROP CONSTRAINT media_character_scope_fkey;
ALTER TABLE sessions DROP CONSTRAINT sessions_context_data_current_episode_scope_fkey;
ALTER TABLE sessions DROP CONSTRAINT sessions_context_data_current_scene_scope_fkey;
ALTER TABLE sessions DROP CONSTRAINT sessions_context_data_focus_character_scope_fkey;
ALTER TABLE tasks DROP CONSTRAINT tasks_episode_scope_fkey;
ALTER TABLE tasks DROP CONSTRAINT tasks_scene_scope_fkey;
ALTER TABLE tasks DROP CONSTRAINT tasks_character_scope_fkey;

ALTER TABLE scenes ADD CONSTRAINT scenes_episode_scope_fkey FOREIGN KEY (episode, project) REFERENCES episodes (id, project) ON UPDATE CASCADE ON DELETE CASCADE;
ALTER TABLE media ADD CONSTRAINT media_episode_scope_fkey FOREIGN KEY (episode, project) REFERENCES episodes (id, project) ON UPDATE CASCADE ON DELETE SET NULL (episode);
ALTER TABLE media ADD CONSTRAINT media_scene_scope_fkey FOREIGN KEY (scene, project) REFERENCES scenes (id, project) ON UPDATE CASCADE ON DELETE SET NULL (scene);
ALTER TABLE media ADD CONSTRAINT media_character_scope_fkey FOREIGN KEY (character, project) REFERENCES characters (id, project) ON UPDATE CASCADE ON DELETE SET NULL (character);
ALTER TABLE sessions ADD CONSTRAINT sessions_context_data_current_episode_scope_fkey FOREIGN KEY (context_data_current_episode, project) REFERENCES episodes (id, project) ON UPDATE CASCADE ON DELETE SET NULL (context_data_current_episode);
ALTER TABLE sessions ADD CONSTRAINT sessions_context_data_current_scene_scope_fkey FOREIGN KEY (context_data_current_scene, project) REFERENCES scenes (id, project) ON UPDATE CASCADE ON DELETE SET NULL (context_data_current_scene);
ALTER TABLE sessions ADD CONSTRAINT sessions_context_data_focus_character_scope_fkey FOREIGN KEY (context_data_focus_character, project) REFERENCES characters (id, project) ON UPDATE CASCADE ON DELETE SET NULL (context_data_focus_character);
ALTER TABLE tasks ADD CONSTRAINT tasks_episode_scope_fkey FOREIGN KEY (episode, project) REFERENCES episodes (id, project) ON UPDATE CASCADE ON DELETE SET NULL (episode);
ALTER TABLE tasks ADD CONSTRAINT tasks_scene_scope_fkey FOREIGN KEY (scene, project) REFERENCES scenes (id, project) ON UPDATE CASCADE ON DELETE SET NULL (scene);
ALTER TABLE tasks ADD CONSTRAINT tasks_character_scope_fkey FOREIGN KEY (character, project) REFERENCES characters (id, project) ON UPDATE CASCADE ON DELETE SET NULL (character);

INSERT INTO schema_migrations (version, name) VALUES (5, 'scope_keys_follow_delete_rule');
COMMIT;
