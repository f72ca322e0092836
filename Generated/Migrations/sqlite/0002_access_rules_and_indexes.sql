-- Migration 0002_access_rules_and_indexes for SQLite, written by `schemagen migrate`. Applied once, in order,
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
--
-- Tables are rebuilt or dropped, so foreign keys are off while the migration runs (PRAGMA
-- foreign_keys cannot change inside a transaction) and every one is checked before it commits.

PRAGMA foreign_keys = OFF;

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

DROP TRIGGER tasks_created_at_idx_expire;
DROP INDEX tasks_created_at_idx;
DROP INDEX tasks_project_status_idx;
DROP INDEX tasks_status_priority_created_at_idx;
DROP INDEX tasks_priority_idx;
DROP INDEX tasks_project_idx;
DROP INDEX tasks_task_type_idx;
DROP INDEX tasks_status_idx;
DROP TRIGGER sessions_user_immutable;
DROP INDEX sessions_user_session_state_idx;
DROP INDEX sessions_session_state_idx;
DROP INDEX sessions_user_idx;
DROP INDEX sessions_project_idx;
DROP INDEX prompts_executed_project_id_idx;
DROP INDEX prompt_templates_app_idx;
DROP INDEX characters_project_name_idx;
DROP TRIGGER characters_name_search_update;
DROP TRIGGER characters_name_search_delete;
DROP TRIGGER characters_name_search_insert;
DROP TABLE characters_name_search;
DROP INDEX characters_project_idx;
DROP INDEX media_episode_media_type_idx;
DROP INDEX media_project_media_type_idx;
DROP INDEX media_status_idx;
DROP INDEX media_media_type_idx;
DROP INDEX media_scene_idx;
DROP INDEX media_episode_idx;
DROP INDEX media_project_idx;
DROP INDEX scenes_production_status_idx;
DROP INDEX scenes_episode_scene_number_key;
DROP INDEX scenes_episode_idx;
DROP INDEX episodes_status_idx;
DROP INDEX episodes_project_episode_number_key;
DROP INDEX episodes_project_idx;
DROP INDEX projects_created_by_idx;

-- episodes: changes its constraints; SQLite rebuilds the table (copy, drop, rename).
CREATE TABLE new_episodes (
    id TEXT NOT NULL, -- id
    project TEXT NOT NULL, -- project
    episode_number INTEGER NOT NULL, -- episodeNumber
    title TEXT NOT NULL, -- title
    description TEXT, -- description
    synopsis_logline TEXT, -- synopsis.logline
    synopsis_summary TEXT, -- synopsis.summary
    synopsis_themes TEXT, -- synopsis.themes
    status TEXT NOT NULL DEFAULT 'planning', -- status
    script_content TEXT, -- script.content
    script_version INTEGER, -- script.version
    script_word_count INTEGER, -- script.wordCount
    script_estimated_duration REAL, -- script.estimatedDuration
    production_scene_count INTEGER NOT NULL DEFAULT 0, -- production.sceneCount
    production_completed_scenes INTEGER NOT NULL DEFAULT 0, -- production.completedScenes
    production_render_progress REAL NOT NULL DEFAULT 0, -- production.renderProgress
    metadata_duration REAL, -- metadata.duration
    metadata_final_video TEXT, -- metadata.finalVideo
    metadata_thumbnail TEXT, -- metadata.thumbnail
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- createdAt
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- updatedAt
    CONSTRAINT episodes_id_check CHECK (length(id) = 36 AND id = lower(id)),
    CONSTRAINT episodes_project_check CHECK (length(project) = 36 AND project = lower(project)),
    CONSTRAINT episodes_episode_number_check CHECK (episode_number >= 1),
    CONSTRAINT episodes_title_check CHECK (length(title) BETWEEN 1 AND 200),
    CONSTRAINT episodes_synopsis_logline_check CHECK (length(synopsis_logline) <= 500),
    CONSTRAINT episodes_synopsis_themes_check CHECK ((synopsis_themes IS NULL OR json_valid(synopsis_themes)) AND json_type(synopsis_themes) = 'array'),
    CONSTRAINT episodes_status_check CHECK (status IN ('planning', 'scripting', 'storyboarding', 'production', 'editing', 'completed')),
    CONSTRAINT episodes_script_version_check CHECK (script_version >= 1),
    CONSTRAINT episodes_script_word_count_check CHECK (script_word_count >= 0),
    CONSTRAINT episodes_script_estimated_duration_check CHECK (script_estimated_duration >= 0),
    CONSTRAINT episodes_production_scene_count_check CHECK (production_scene_count >= 0),
    CONSTRAINT episodes_production_completed_scenes_check CHECK (production_completed_scenes >= 0),
    CONSTRAINT episodes_production_render_progress_check CHECK (production_render_progress BETWEEN 0 AND 100),
    CONSTRAINT episodes_metadata_duration_check CHECK (metadata_duration >= 0),
    CONSTRAINT episodes_metadata_final_video_check CHECK (length(metadata_final_video) = 36 AND metadata_final_video = lower(metadata_final_video)),
    CONSTRAINT episodes_metadata_thumbnail_check CHECK (length(metadata_thumbnail) = 36 AND metadata_thumbnail = lower(metadata_thumbnail)),
    CONSTRAINT episodes_created_at_check CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT episodes_updated_at_check CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT episodes_script_check CHECK ((script_content IS NULL) = (script_version IS NULL) AND (script_content IS NULL) = (script_word_count IS NULL)),
    CONSTRAINT episodes_project_fkey FOREIGN KEY (project) REFERENCES projects (id) ON DELETE CASCADE,
    CONSTRAINT episodes_metadata_final_video_fkey FOREIGN KEY (metadata_final_video) REFERENCES media (id) ON DELETE SET NULL,
    CONSTRAINT episodes_metadata_thumbnail_fkey FOREIGN KEY (metadata_thumbnail) REFERENCES media (id) ON DELETE SET NULL,
    CONSTRAINT episodes_id_project_key UNIQUE (id, project),
    CONSTRAINT episodes_pkey PRIMARY KEY (id)
) STRICT;
INSERT INTO new_episodes (rowid, id, project, episode_number, title, description, synopsis_logline, synopsis_summary, synopsis_themes, status, script_content, script_version, script_word_count, script_estimated_duration, production_scene_count, production_completed_scenes, production_render_progress, metadata_duration, metadata_final_video, metadata_thumbnail, created_at, updated_at)
    SELECT rowid, id, project, episode_number, title, description, synopsis_logline, synopsis_summary, synopsis_themes, status, script_content, script_version, script_word_count, script_estimated_duration, production_scene_count, production_completed_scenes, production_render_progress, metadata_duration, metadata_final_video, metadata_thumbnail, created_at, updated_at FROM episodes;
DROP TABLE episodes;
ALTER TABLE new_episodes RENAME TO episodes;

-- scenes: changes its constraints; SQLite rebuilds the table (copy, drop, rename).
CREATE TABLE new_scenes (
    id TEXT NOT NULL, -- id
    project TEXT NOT NULL, -- project
    episode TEXT NOT NULL, -- episode
    scene_number INTEGER NOT NULL, -- sceneNumber
    title TEXT NOT NULL, -- title
    script_action TEXT, -- script.action
    script_dialogue TEXT NOT NULL DEFAULT '[]', -- script.dialogue
    script_duration REAL, -- script.duration
    storyboard_panels TEXT NOT NULL DEFAULT '[]', -- storyboard.panels
    production_status TEXT NOT NULL DEFAULT 'pending', -- production.status
    production_video_segment TEXT, -- production.videoSegment
    production_audio_track TEXT, -- production.audioTrack
    production_attempts INTEGER NOT NULL DEFAULT 0, -- production.attempts
    production_last_attempt TEXT, -- production.lastAttempt
    location TEXT, -- location
    time_of_day TEXT, -- timeOfDay
    mood TEXT, -- mood
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- createdAt
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- updatedAt
    CONSTRAINT scenes_id_check CHECK (length(id) = 36 AND id = lower(id)),
    CONSTRAINT scenes_project_check CHECK (length(project) = 36 AND project = lower(project)),
    CONSTRAINT scenes_episode_check CHECK (length(episode) = 36 AND episode = lower(episode)),
    CONSTRAINT scenes_scene_number_check CHECK (scene_number >= 1),
    CONSTRAINT scenes_title_check CHECK (length(title) BETWEEN 1 AND 200),
    CONSTRAINT scenes_script_dialogue_check CHECK ((script_dialogue IS NULL OR json_valid(script_dialogue)) AND json_type(script_dialogue) = 'array'),
    CONSTRAINT scenes_script_duration_check CHECK (script_duration >= 0),
    CONSTRAINT scenes_storyboard_panels_check CHECK ((storyboard_panels IS NULL OR json_valid(storyboard_panels)) AND json_type(storyboard_panels) = 'array'),
    CONSTRAINT scenes_production_status_check CHECK (production_status IN ('pending', 'generating', 'reviewing', 'approved', 'failed')),
    CONSTRAINT scenes_production_video_segment_check CHECK (length(production_video_segment) = 36 AND production_video_segment = lower(production_video_segment)),
    CONSTRAINT scenes_production_audio_track_check CHECK (length(production_audio_track) = 36 AND production_audio_track = lower(production_audio_track)),
    CONSTRAINT scenes_production_attempts_check CHECK (production_attempts >= 0),
    CONSTRAINT scenes_production_last_attempt_check CHECK (production_last_attempt GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT scenes_location_check CHECK (length(location) <= 200),
    CONSTRAINT scenes_time_of_day_check CHECK (time_of_day IN ('dawn', 'day', 'dusk', 'night')),
    CONSTRAINT scenes_mood_check CHECK (length(mood) <= 100),
    CONSTRAINT scenes_created_at_check CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT scenes_updated_at_check CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT scenes_project_fkey FOREIGN KEY (project) REFERENCES projects (id) ON DELETE CASCADE,
    CONSTRAINT scenes_episode_fkey FOREIGN KEY (episode) REFERENCES episodes (id) ON DELETE CASCADE,
    CONSTRAINT scenes_production_video_segment_fkey FOREIGN KEY (production_video_segment) REFERENCES media (id) ON DELETE SET NULL,
    CONSTRAINT scenes_production_audio_track_fkey FOREIGN KEY (production_audio_track) REFERENCES media (id) ON DELETE SET NULL,
    CONSTRAINT scenes_episode_scope_fkey FOREIGN KEY (episode, project) REFERENCES episodes (id, project) ON UPDATE CASCADE,
    CONSTRAINT scenes_id_project_key UNIQUE (id, project),
    CONSTRAINT scenes_pkey PRIMARY KEY (id)
) STRICT;
INSERT INTO new_scenes (rowid, id, project, episode, scene_number, title, script_action, script_dialogue, script_duration, storyboard_panels, production_status, production_video_segment, production_audio_track, production_attempts, production_last_attempt, location, time_of_day, mood, created_at, updated_at)
    SELECT rowid, id, project, episode, scene_number, title, script_action, script_dialogue, script_duration, storyboard_panels, production_status, production_video_segment, production_audio_track, production_attempts, production_last_attempt, location, time_of_day, mood, created_at, updated_at FROM scenes;
DROP TABLE scenes;
ALTER TABLE new_scenes RENAME TO scenes;

-- media: changes its constraints; SQLite rebuilds the table (copy, drop, rename).
CREATE TABLE new_media (
    id TEXT NOT NULL, -- id
    filename TEXT NOT NULL, -- filename
    mime_type TEXT NOT NULL, -- mimeType
    filesize INTEGER, -- filesize
    width INTEGER, -- width
    height INTEGER, -- height
    url TEXT NOT NULL, -- url
    thumbnail_url TEXT, -- thumbnailURL
    project TEXT NOT NULL, -- project
    episode TEXT, -- episode
    scene TEXT, -- scene
    character TEXT, -- character
    alt TEXT, -- alt
    media_type TEXT NOT NULL, -- mediaType
    agent_generated INTEGER NOT NULL DEFAULT 0, -- agentGenerated
    generation_metadata_agent_id TEXT, -- generationMetadata.agentId
    generation_metadata_prompt_used TEXT, -- generationMetadata.promptUsed
    generation_metadata_model_version TEXT, -- generationMetadata.modelVersion
    generation_metadata_generation_time TEXT, -- generationMetadata.generationTime
    generation_metadata_task_id TEXT, -- generationMetadata.taskId
    generation_metadata_provider TEXT, -- generationMetadata.provider
    generation_metadata_cost REAL, -- generationMetadata.cost
    embedding BLOB, -- embedding
    description TEXT, -- description
    tags TEXT NOT NULL DEFAULT '[]', -- tags
    related_elements_episode INTEGER, -- relatedElements.episode
    related_elements_scene TEXT, -- relatedElements.scene
    related_elements_timestamp REAL, -- relatedElements.timestamp
    technical_data_duration REAL, -- technicalData.duration
    technical_data_resolution TEXT, -- technicalData.resolution
    technical_data_fps REAL, -- technicalData.fps
    technical_data_sample_rate INTEGER, -- technicalData.sampleRate
    technical_data_bitrate INTEGER, -- technicalData.bitrate
    technical_data_codec TEXT, -- technicalData.codec
    version INTEGER NOT NULL DEFAULT 1, -- version
    status TEXT NOT NULL DEFAULT 'active', -- status
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- createdAt
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- updatedAt
    CONSTRAINT media_id_check CHECK (length(id) = 36 AND id = lower(id)),
    CONSTRAINT media_filename_check CHECK (length(filename) BETWEEN 1 AND 255),
    CONSTRAINT media_mime_type_check CHECK (length(mime_type) <= 255),
    CONSTRAINT media_filesize_check CHECK (filesize >= 0),
    CONSTRAINT media_width_check CHECK (width >= 0),
    CONSTRAINT media_height_check CHECK (height >= 0),
    CONSTRAINT media_url_check CHECK (url GLOB '[A-Za-z]*://?*'),
    CONSTRAINT media_thumbnail_url_check CHECK (thumbnail_url GLOB '[A-Za-z]*://?*'),
    CONSTRAINT media_project_check CHECK (length(project) = 36 AND project = lower(project)),
    CONSTRAINT media_episode_check CHECK (length(episode) = 36 AND episode = lower(episode)),
    CONSTRAINT media_scene_check CHECK (length(scene) = 36 AND scene = lower(scene)),
    CONSTRAINT media_character_check CHECK (length(character) = 36 AND character = lower(character)),
    CONSTRAINT media_alt_check CHECK (length(alt) <= 1000),
    CONSTRAINT media_media_type_check CHECK (media_type IN ('style_reference', 'character_design', 'environment_design', 'concept_art', 'storyboard', 'video_segment', 'audio_clip', 'voice_profile', 'music_track', 'sound_effect', 'final_video')),
    CONSTRAINT media_agent_generated_check CHECK (agent_generated IN (0, 1)),
    CONSTRAINT media_generation_metadata_agent_id_check CHECK (length(generation_metadata_agent_id) <= 200),
    CONSTRAINT media_generation_metadata_model_version_check CHECK (length(generation_metadata_model_version) <= 200),
    CONSTRAINT media_generation_metadata_generation_time_check CHECK (generation_metadata_generation_time GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT media_generation_metadata_task_id_check CHECK (length(generation_metadata_task_id) <= 200),
    CONSTRAINT media_generation_metadata_provider_check CHECK (generation_metadata_provider IN ('fal', 'openrouter', 'elevenlabs', 'custom')),
    CONSTRAINT media_generation_metadata_cost_check CHECK (generation_metadata_cost >= 0),
    CONSTRAINT media_embedding_check CHECK (length(embedding) = 4096),
    CONSTRAINT media_tags_check CHECK ((tags IS NULL OR json_valid(tags)) AND json_type(tags) = 'array'),
    CONSTRAINT media_related_elements_episode_check CHECK (related_elements_episode >= 1),
    CONSTRAINT media_related_elements_scene_check CHECK (length(related_elements_scene) <= 200),
    CONSTRAINT media_related_elements_timestamp_check CHECK (related_elements_timestamp >= 0),
    CONSTRAINT media_technical_data_duration_check CHECK (technical_data_duration >= 0),
    CONSTRAINT media_technical_data_resolution_check CHECK (length(technical_data_resolution) <= 50),
    CONSTRAINT media_technical_data_fps_check CHECK (technical_data_fps >= 0),
    CONSTRAINT media_technical_data_sample_rate_check CHECK (technical_data_sample_rate >= 0),
    CONSTRAINT media_technical_data_bitrate_check CHECK (technical_data_bitrate >= 0),
    CONSTRAINT media_technical_data_codec_check CHECK (length(technical_data_codec) <= 100),
    CONSTRAINT media_version_check CHECK (version >= 1),
    CONSTRAINT media_status_check CHECK (status IN ('active', 'draft', 'archived', 'processing', 'failed')),
    CONSTRAINT media_created_at_check CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT media_updated_at_check CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT media_project_fkey FOREIGN KEY (project) REFERENCES projects (id) ON DELETE CASCADE,
    CONSTRAINT media_episode_fkey FOREIGN KEY (episode) REFERENCES episodes (id) ON DELETE SET NULL,
    CONSTRAINT media_scene_fkey FOREIGN KEY (scene) REFERENCES scenes (id) ON DELETE SET NULL,
    CONSTRAINT media_character_fkey FOREIGN KEY (character) REFERENCES characters (id) ON DELETE SET NULL,
    CONSTRAINT media_episode_scope_fkey FOREIGN KEY (episode, project) REFERENCES episodes (id, project) ON UPDATE CASCADE,
    CONSTRAINT media_scene_scope_fkey FOREIGN KEY (scene, project) REFERENCES scenes (id, project) ON UPDATE CASCADE,
    CONSTRAINT media_character_scope_fkey FOREIGN KEY (character, project) REFERENCES characters (id, project) ON UPDATE CASCADE,
    CONSTRAINT media_pkey PRIMARY KEY (id)
) STRICT;
INSERT INTO new_media (rowid, id, filename, mime_type, filesize, width, height, url, thumbnail_url, project, episode, scene, character, alt, media_type, agent_generated, generation_metadata_agent_id, generation_metadata_prompt_used, generation_metadata_model_version, generation_metadata_generation_time, generation_metadata_task_id, generation_metadata_provider, generation_metadata_cost, embedding, description, tags, related_elements_episode, related_elements_scene, related_elements_timestamp, technical_data_duration, technical_data_resolution, technical_data_fps, technical_data_sample_rate, technical_data_bitrate, technical_data_codec, version, status, created_at, updated_at)
    SELECT rowid, id, filename, mime_type, filesize, width, height, url, thumbnail_url, project, episode, scene, character, alt, media_type, agent_generated, generation_metadata_agent_id, generation_metadata_prompt_used, generation_metadata_model_version, generation_metadata_generation_time, generation_metadata_task_id, generation_metadata_provider, generation_metadata_cost, embedding, description, tags, related_elements_episode, related_elements_scene, related_elements_timestamp, technical_data_duration, technical_data_resolution, technical_data_fps, technical_data_sample_rate, technical_data_bitrate, technical_data_codec, version, status, created_at, updated_at FROM media;
DROP TABLE media;
ALTER TABLE new_media RENAME TO media;

-- characters: changes its constraints; SQLite rebuilds the table (copy, drop, rename).
CREATE TABLE new_characters (
    id TEXT NOT NULL, -- id
    project TEXT NOT NULL, -- project
    name TEXT NOT NULL, -- name
    description TEXT, -- description
    profile_age TEXT, -- profile.age
    profile_gender TEXT, -- profile.gender
    profile_personality TEXT NOT NULL DEFAULT '[]', -- profile.personality
    profile_backstory TEXT, -- profile.backstory
    profile_motivations TEXT NOT NULL DEFAULT '[]', -- profile.motivations
    profile_relationships TEXT NOT NULL DEFAULT '[]', -- profile.relationships
    visual_design_final_design TEXT, -- visualDesign.finalDesign
    visual_design_style_notes TEXT, -- visualDesign.styleNotes
    visual_design_color_palette TEXT NOT NULL DEFAULT '[]', -- visualDesign.colorPalette
    voice_profile_voice_id TEXT, -- voiceProfile.voiceId
    voice_profile_audio_sample TEXT, -- voiceProfile.audioSample
    voice_profile_voice_characteristics TEXT, -- voiceProfile.voiceCharacteristics
    appearances TEXT NOT NULL DEFAULT '[]', -- appearances
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- createdAt
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- updatedAt
    CONSTRAINT characters_id_check CHECK (length(id) = 36 AND id = lower(id)),
    CONSTRAINT characters_project_check CHECK (length(project) = 36 AND project = lower(project)),
    CONSTRAINT characters_name_check CHECK (length(name) BETWEEN 1 AND 200),
    CONSTRAINT characters_profile_age_check CHECK (length(profile_age) <= 50),
    CONSTRAINT characters_profile_gender_check CHECK (length(profile_gender) <= 50),
    CONSTRAINT characters_profile_personality_check CHECK ((profile_personality IS NULL OR json_valid(profile_personality)) AND json_type(profile_personality) = 'array'),
    CONSTRAINT characters_profile_motivations_check CHECK ((profile_motivations IS NULL OR json_valid(profile_motivations)) AND json_type(profile_motivations) = 'array'),
    CONSTRAINT characters_profile_relationships_check CHECK ((profile_relationships IS NULL OR json_valid(profile_relationships)) AND json_type(profile_relationships) = 'array'),
    CONSTRAINT characters_visual_design_final_design_check CHECK (length(visual_design_final_design) = 36 AND visual_design_final_design = lower(visual_design_final_design)),
    CONSTRAINT characters_visual_design_color_palette_check CHECK ((visual_design_color_palette IS NULL OR json_valid(visual_design_color_palette)) AND json_type(visual_design_color_palette) = 'array'),
    CONSTRAINT characters_voice_profile_voice_id_check CHECK (length(voice_profile_voice_id) <= 100),
    CONSTRAINT characters_voice_profile_audio_sample_check CHECK (length(voice_profile_audio_sample) = 36 AND voice_profile_audio_sample = lower(voice_profile_audio_sample)),
    CONSTRAINT characters_voice_profile_voice_characteristics_check CHECK ((voice_profile_voice_characteristics IS NULL OR json_valid(voice_profile_voice_characteristics)) AND json_type(voice_profile_voice_characteristics) = 'array'),
    CONSTRAINT characters_appearances_check CHECK ((appearances IS NULL OR json_valid(appearances)) AND json_type(appearances) = 'array'),
    CONSTRAINT characters_created_at_check CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT characters_updated_at_check CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT characters_project_fkey FOREIGN KEY (project) REFERENCES projects (id) ON DELETE CASCADE,
    CONSTRAINT characters_visual_design_final_design_fkey FOREIGN KEY (visual_design_final_design) REFERENCES media (id) ON DELETE SET NULL,
    CONSTRAINT characters_voice_profile_audio_sample_fkey FOREIGN KEY (voice_profile_audio_sample) REFERENCES media (id) ON DELETE SET NULL,
    CONSTRAINT characters_id_project_key UNIQUE (id, project),
    CONSTRAINT characters_pkey PRIMARY KEY (id)
) STRICT;
INSERT INTO new_characters (rowid, id, project, name, description, profile_age, profile_gender, profile_personality, profile_backstory, profile_motivations, profile_relationships, visual_design_final_design, visual_design_style_notes, visual_design_color_palette, voice_profile_voice_id, voice_profile_audio_sample, voice_profile_voice_characteristics, appearances, created_at, updated_at)
    SELECT rowid, id, project, name, description, profile_age, profile_gender, profile_personality, profile_backstory, profile_motivations, profile_relationships, visual_design_final_design, visual_design_style_notes, visual_design_color_palette, voice_profile_voice_id, voice_profile_audio_sample, voice_profile_voice_characteristics, appearances, created_at, updated_at FROM characters;
DROP TABLE characters;
ALTER TABLE new_characters RENAME TO characters;

-- sessions: changes its constraints; SQLite rebuilds the table (copy, drop, rename).
CREATE TABLE new_sessions (
    id TEXT NOT NULL, -- id
    project TEXT NOT NULL, -- project
    "user" TEXT NOT NULL, -- user
    current_step TEXT, -- currentStep
    conversation_history TEXT NOT NULL DEFAULT '[]', -- conversationHistory
    context_data_current_episode TEXT, -- contextData.currentEpisode
    context_data_current_scene TEXT, -- contextData.currentScene
    context_data_focus_character TEXT, -- contextData.focusCharacter
    context_data_workflow_state TEXT, -- contextData.workflowState
    context_data_user_preferences TEXT, -- contextData.userPreferences
    awaiting_user_input INTEGER NOT NULL DEFAULT 0, -- awaitingUserInput
    last_choices TEXT NOT NULL DEFAULT '[]', -- lastChoices
    session_state TEXT NOT NULL DEFAULT 'active', -- sessionState
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- createdAt
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- updatedAt
    CONSTRAINT sessions_id_check CHECK (length(id) = 36 AND id = lower(id)),
    CONSTRAINT sessions_project_check CHECK (length(project) = 36 AND project = lower(project)),
    CONSTRAINT sessions_user_check CHECK (length("user") = 36 AND "user" = lower("user")),
    CONSTRAINT sessions_current_step_check CHECK (length(current_step) <= 200),
    CONSTRAINT sessions_conversation_history_check CHECK ((conversation_history IS NULL OR json_valid(conversation_history)) AND json_type(conversation_history) = 'array'),
    CONSTRAINT sessions_context_data_current_episode_check CHECK (length(context_data_current_episode) = 36 AND context_data_current_episode = lower(context_data_current_episode)),
    CONSTRAINT sessions_context_data_current_scene_check CHECK (length(context_data_current_scene) = 36 AND context_data_current_scene = lower(context_data_current_scene)),
    CONSTRAINT sessions_context_data_focus_character_check CHECK (length(context_data_focus_character) = 36 AND context_data_focus_character = lower(context_data_focus_character)),
    CONSTRAINT sessions_context_data_workflow_state_check CHECK ((context_data_workflow_state IS NULL OR json_valid(context_data_workflow_state))),
    CONSTRAINT sessions_context_data_user_preferences_check CHECK ((context_data_user_preferences IS NULL OR json_valid(context_data_user_preferences))),
    CONSTRAINT sessions_awaiting_user_input_check CHECK (awaiting_user_input IN (0, 1)),
    CONSTRAINT sessions_last_choices_check CHECK ((last_choices IS NULL OR json_valid(last_choices)) AND json_type(last_choices) = 'array'),
    CONSTRAINT sessions_session_state_check CHECK (session_state IN ('active', 'paused', 'completed', 'error')),
    CONSTRAINT sessions_created_at_check CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT sessions_updated_at_check CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT sessions_project_fkey FOREIGN KEY (project) REFERENCES projects (id) ON DELETE CASCADE,
    CONSTRAINT sessions_user_fkey FOREIGN KEY ("user") REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT sessions_context_data_current_episode_fkey FOREIGN KEY (context_data_current_episode) REFERENCES episodes (id) ON DELETE SET NULL,
    CONSTRAINT sessions_context_data_current_scene_fkey FOREIGN KEY (context_data_current_scene) REFERENCES scenes (id) ON DELETE SET NULL,
    CONSTRAINT sessions_context_data_focus_character_fkey FOREIGN KEY (context_data_focus_character) REFERENCES characters (id) ON DELETE SET NULL,
    CONSTRAINT sessions_context_data_current_episode_scope_fkey FOREIGN KEY (context_data_current_episode, project) REFERENCES episodes (id, project) ON UPDATE CASCADE,
    CONSTRAINT sessions_context_data_current_scene_scope_fkey FOREIGN KEY (context_data_current_scene, project) REFERENCES scenes (id, project) ON UPDATE CASCADE,
    CONSTRAINT sessions_context_data_focus_character_scope_fkey FOREIGN KEY (context_data_focus_character, project) REFERENCES characters (id, project) ON UPDATE CASCADE,
    CONSTRAINT sessions_pkey PRIMARY KEY (id)
) STRICT;
INSERT INTO new_sessions (rowid, id, project, "user", current_step, conversation_history, context_data_current_episode, context_data_current_scene, context_data_focus_character, context_data_workflow_state, context_data_user_preferences, awaiting_user_input, last_choices, session_state, created_at, updated_at)
    SELECT rowid, id, project, "user", current_step, conversation_history, context_data_current_episode, context_data_current_scene, context_data_focus_character, context_data_workflow_state, context_data_user_preferences, awaiting_user_input, last_choices, session_state, created_at, updated_at FROM sessions;
DROP TABLE sessions;
ALTER TABLE new_sessions RENAME TO sessions;

-- tasks: changes its constraints; SQLite rebuilds the table (copy, drop, rename).
CREATE TABLE new_tasks (
    id TEXT NOT NULL, -- id
    task_type TEXT NOT NULL, -- taskType
    project TEXT NOT NULL, -- project
    episode TEXT, -- episode
    scene TEXT, -- scene
    character TEXT, -- character
    status TEXT NOT NULL DEFAULT 'queued', -- status
    priority INTEGER NOT NULL DEFAULT 5, -- priority
    input_prompt_id TEXT, -- input.promptId
    input_parameters TEXT, -- input.parameters
    output_media_id TEXT, -- output.mediaId
    output_result TEXT, -- output.result
    output_metrics_processing_time REAL, -- output.metrics.processingTime
    output_metrics_cost REAL, -- output.metrics.cost
    output_metrics_tokens_used INTEGER, -- output.metrics.tokensUsed
    progress_percentage REAL NOT NULL DEFAULT 0, -- progress.percentage
    progress_current_step TEXT, -- progress.currentStep
    progress_estimated_completion TEXT, -- progress.estimatedCompletion
    error_message TEXT, -- error.message
    error_code TEXT, -- error.code
    error_retry_count INTEGER, -- error.retryCount
    error_last_retry TEXT, -- error.lastRetry
    worker_worker_id TEXT, -- worker.workerId
    worker_started_at TEXT, -- worker.startedAt
    worker_heartbeat TEXT, -- worker.heartbeat
    completed_at TEXT, -- completedAt
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- createdAt
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- updatedAt
    CONSTRAINT tasks_id_check CHECK (length(id) = 36 AND id = lower(id)),
    CONSTRAINT tasks_task_type_check CHECK (task_type IN ('image_generation', 'video_generation', 'audio_generation', 'script_generation', 'embedding_generation', 'scene_assembly')),
    CONSTRAINT tasks_project_check CHECK (length(project) = 36 AND project = lower(project)),
    CONSTRAINT tasks_episode_check CHECK (length(episode) = 36 AND episode = lower(episode)),
    CONSTRAINT tasks_scene_check CHECK (length(scene) = 36 AND scene = lower(scene)),
    CONSTRAINT tasks_character_check CHECK (length(character) = 36 AND character = lower(character)),
    CONSTRAINT tasks_status_check CHECK (status IN ('queued', 'processing', 'completed', 'failed', 'cancelled')),
    CONSTRAINT tasks_priority_check CHECK (priority BETWEEN 1 AND 10),
    CONSTRAINT tasks_input_prompt_id_check CHECK (length(input_prompt_id) = 36 AND input_prompt_id = lower(input_prompt_id)),
    CONSTRAINT tasks_input_parameters_check CHECK ((input_parameters IS NULL OR json_valid(input_parameters))),
    CONSTRAINT tasks_output_media_id_check CHECK (length(output_media_id) = 36 AND output_media_id = lower(output_media_id)),
    CONSTRAINT tasks_output_result_check CHECK ((output_result IS NULL OR json_valid(output_result))),
    CONSTRAINT tasks_output_metrics_processing_time_check CHECK (output_metrics_processing_time >= 0),
    CONSTRAINT tasks_output_metrics_cost_check CHECK (output_metrics_cost >= 0),
    CONSTRAINT tasks_output_metrics_tokens_used_check CHECK (output_metrics_tokens_used >= 0),
    CONSTRAINT tasks_progress_percentage_check CHECK (progress_percentage BETWEEN 0 AND 100),
    CONSTRAINT tasks_progress_current_step_check CHECK (length(progress_current_step) <= 200),
    CONSTRAINT tasks_progress_estimated_completion_check CHECK (progress_estimated_completion GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT tasks_error_code_check CHECK (length(error_code) <= 100),
    CONSTRAINT tasks_error_retry_count_check CHECK (error_retry_count >= 0),
    CONSTRAINT tasks_error_last_retry_check CHECK (error_last_retry GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT tasks_worker_worker_id_check CHECK (length(worker_worker_id) BETWEEN 1 AND 200),
    CONSTRAINT tasks_worker_started_at_check CHECK (worker_started_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT tasks_worker_heartbeat_check CHECK (worker_heartbeat GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT tasks_completed_at_check CHECK (completed_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT tasks_created_at_check CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT tasks_updated_at_check CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT tasks_error_check CHECK ((error_message IS NULL) = (error_retry_count IS NULL)),
    CONSTRAINT tasks_worker_check CHECK ((worker_worker_id IS NULL) = (worker_started_at IS NULL)),
    CONSTRAINT tasks_project_fkey FOREIGN KEY (project) REFERENCES projects (id) ON DELETE CASCADE,
    CONSTRAINT tasks_episode_fkey FOREIGN KEY (episode) REFERENCES episodes (id) ON DELETE SET NULL,
    CONSTRAINT tasks_scene_fkey FOREIGN KEY (scene) REFERENCES scenes (id) ON DELETE SET NULL,
    CONSTRAINT tasks_character_fkey FOREIGN KEY (character) REFERENCES characters (id) ON DELETE SET NULL,
    CONSTRAINT tasks_input_prompt_id_fkey FOREIGN KEY (input_prompt_id) REFERENCES prompts_executed (id) ON DELETE SET NULL,
    CONSTRAINT tasks_output_media_id_fkey FOREIGN KEY (output_media_id) REFERENCES media (id) ON DELETE SET NULL,
    CONSTRAINT tasks_episode_scope_fkey FOREIGN KEY (episode, project) REFERENCES episodes (id, project) ON UPDATE CASCADE,
    CONSTRAINT tasks_scene_scope_fkey FOREIGN KEY (scene, project) REFERENCES scenes (id, project) ON UPDATE CASCADE,
    CONSTRAINT tasks_character_scope_fkey FOREIGN KEY (character, project) REFERENCES characters (id, project) ON UPDATE CASCADE,
    CONSTRAINT tasks_pkey PRIMARY KEY (id)
) STRICT;
INSERT INTO new_tasks (rowid, id, task_type, project, episode, scene, character, status, priority, input_prompt_id, input_parameters, output_media_id, output_result, output_metrics_processing_time, output_metrics_cost, output_metrics_tokens_used, progress_percentage, progress_current_step, progress_estimated_completion, error_message, error_code, error_retry_count, error_last_retry, worker_worker_id, worker_started_at, worker_heartbeat, completed_at, created_at, updated_at)
    SELECT rowid, id, task_type, project, episode, scene, character, status, priority, input_prompt_id, input_parameters, output_media_id, output_result, output_metrics_processing_time, output_metrics_cost, output_metrics_tokens_used, progress_percentage, progress_current_step, progress_estimated_completion, error_message, error_code, error_retry_count, error_last_retry, worker_worker_id, worker_started_at, worker_heartbeat, completed_at, created_at, updated_at FROM tasks;
DROP TABLE tasks;
ALTER TABLE new_tasks RENAME TO tasks;

-- Every foreign key must still hold: a violation fails the migration here (CHECK constraint failed).
CREATE TEMP TABLE schemagen_foreign_key_check (violations INTEGER NOT NULL CHECK (violations = 0));
INSERT INTO schemagen_foreign_key_check SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE schemagen_foreign_key_check;

CREATE UNIQUE INDEX episodes_project_episode_number_key ON episodes (project, episode_number);
CREATE INDEX episodes_status_idx ON episodes (status);
CREATE INDEX episodes_metadata_final_video_idx ON episodes (metadata_final_video);
CREATE INDEX episodes_metadata_thumbnail_idx ON episodes (metadata_thumbnail);

CREATE UNIQUE INDEX scenes_episode_scene_number_key ON scenes (episode, scene_number);
CREATE INDEX scenes_production_status_idx ON scenes (production_status);
CREATE INDEX scenes_project_idx ON scenes (project);
CREATE INDEX scenes_production_video_segment_idx ON scenes (production_video_segment);
CREATE INDEX scenes_production_audio_track_idx ON scenes (production_audio_track);

CREATE INDEX media_project_media_type_idx ON media (project, media_type);
CREATE INDEX media_episode_media_type_idx ON media (episode, media_type);
CREATE INDEX media_scene_idx ON media (scene);
CREATE INDEX media_media_type_idx ON media (media_type);
CREATE INDEX media_status_idx ON media (status);
CREATE INDEX media_character_idx ON media (character);

CREATE INDEX projects_style_references_idx ON projects_style_references (style_reference_id, project_id);

CREATE VIRTUAL TABLE characters_name_search USING fts5(name, content='characters', content_rowid='rowid', tokenize='porter unicode61');
INSERT INTO characters_name_search (characters_name_search) VALUES ('rebuild');
CREATE TRIGGER characters_name_search_insert AFTER INSERT ON characters BEGIN
    INSERT INTO characters_name_search (rowid, name) VALUES (new.rowid, new.name);
END;
CREATE TRIGGER characters_name_search_delete AFTER DELETE ON characters BEGIN
    INSERT INTO characters_name_search (characters_name_search, rowid, name) VALUES ('delete', old.rowid, old.name);
END;
CREATE TRIGGER characters_name_search_update AFTER UPDATE OF name ON characters BEGIN
    INSERT INTO characters_name_search (characters_name_search, rowid, name) VALUES ('delete', old.rowid, old.name);
    INSERT INTO characters_name_search (rowid, name) VALUES (new.rowid, new.name);
END;
CREATE INDEX characters_project_name_idx ON characters (project, name);
CREATE INDEX characters_visual_design_final_design_idx ON characters (visual_design_final_design);
CREATE INDEX characters_voice_profile_audio_sample_idx ON characters (voice_profile_audio_sample);

CREATE INDEX characters_visual_design_reference_images_idx ON characters_visual_design_reference_images (reference_image_id, character_id);

CREATE INDEX media_related_elements_characters_idx ON media_related_elements_characters (character_id, media_id);

CREATE INDEX prompts_executed_template_id_idx ON prompts_executed (template_id);

CREATE INDEX sessions_project_idx ON sessions (project);
CREATE INDEX sessions_user_session_state_idx ON sessions ("user", session_state);
CREATE INDEX sessions_session_state_idx ON sessions (session_state);
CREATE INDEX sessions_context_data_current_episode_idx ON sessions (context_data_current_episode);
CREATE INDEX sessions_context_data_current_scene_idx ON sessions (context_data_current_scene);
CREATE INDEX sessions_context_data_focus_character_idx ON sessions (context_data_focus_character);
CREATE TRIGGER sessions_user_immutable BEFORE UPDATE OF "user" ON sessions
    WHEN NEW."user" IS NOT OLD."user"
BEGIN
    SELECT RAISE(ABORT, 'sessions.user cannot be changed');
END;

CREATE INDEX tasks_status_priority_created_at_idx ON tasks (status, priority DESC, created_at);
CREATE INDEX tasks_task_type_idx ON tasks (task_type);
CREATE INDEX tasks_priority_idx ON tasks (priority);
CREATE INDEX tasks_project_status_idx ON tasks (project, status);
CREATE INDEX tasks_created_at_idx ON tasks (created_at) WHERE status IN ('completed', 'failed', 'cancelled');
CREATE TRIGGER tasks_created_at_idx_expire AFTER INSERT ON tasks BEGIN
    DELETE FROM tasks WHERE created_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-7776000 seconds') AND status IN ('completed', 'failed', 'cancelled');
END;
CREATE INDEX tasks_episode_idx ON tasks (episode);
CREATE INDEX tasks_scene_idx ON tasks (scene);
CREATE INDEX tasks_character_idx ON tasks (character);
CREATE INDEX tasks_input_prompt_id_idx ON tasks (input_prompt_id) WHERE input_prompt_id IS NOT NULL;
CREATE INDEX tasks_output_media_id_idx ON tasks (output_media_id) WHERE output_media_id IS NOT NULL;

CREATE INDEX tasks_input_dependencies_idx ON tasks_input_dependencies (dependency_id, task_id);

INSERT INTO schema_migrations (version, name) VALUES (2, 'access_rules_and_indexes');
COMMIT;

PRAGMA foreign_keys = ON;
