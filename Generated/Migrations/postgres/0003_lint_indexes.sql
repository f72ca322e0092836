-- Migration 0003_lint_indexes for PostgreSQL, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer NOT NULL PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

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

INSERT INTO schema_migrations (version, name) VALUES (3, 'lint_indexes');
COMMIT;
