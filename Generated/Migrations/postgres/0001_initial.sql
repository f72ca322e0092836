-- Migration 0001_initial for PostgreSQL, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.
--
-- The first migration: every table of the schemas as they were.

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer NOT NULL PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id uuid NOT NULL DEFAULT gen_random_uuid(), -- id
    email text NOT NULL, -- email
    name text NOT NULL, -- name
    password_hash text NOT NULL, -- password
    role text NOT NULL DEFAULT 'user', -- role
    preferences_theme text NOT NULL DEFAULT 'system', -- preferences.theme
    preferences_notifications boolean NOT NULL DEFAULT true, -- preferences.notifications
    preferences_language text NOT NULL DEFAULT 'en', -- preferences.language
    subscription_tier text NOT NULL DEFAULT 'free', -- subscription.tier
    subscription_max_projects bigint, -- subscription.maxProjects
    subscription_max_episodes_per_project bigint, -- subscription.maxEpisodesPerProject
    subscription_features jsonb NOT NULL DEFAULT '[]'::jsonb, -- subscription.features
    created_at timestamptz NOT NULL DEFAULT now(), -- createdAt
    updated_at timestamptz NOT NULL DEFAULT now(), -- updatedAt
    CONSTRAINT users_email_check CHECK (char_length(email) <= 254 AND email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
    CONSTRAINT users_name_check CHECK (char_length(name) BETWEEN 1 AND 200),
    CONSTRAINT users_role_check CHECK (role IN ('user', 'admin', 'producer')),
    CONSTRAINT users_preferences_theme_check CHECK (char_length(preferences_theme) <= 50),
    CONSTRAINT users_preferences_language_check CHECK (char_length(preferences_language) <= 35),
    CONSTRAINT users_subscription_tier_check CHECK (subscription_tier IN ('free', 'pro', 'enterprise')),
    CONSTRAINT users_subscription_max_projects_check CHECK (subscription_max_projects >= 0),
    CONSTRAINT users_subscription_max_episodes_per_project_check CHECK (subscription_max_episodes_per_project >= 0),
    CONSTRAINT users_subscription_features_check CHECK (jsonb_typeof(subscription_features) = 'array'),
    CONSTRAINT users_pkey PRIMARY KEY (id)
);

CREATE TABLE projects (
    id uuid NOT NULL DEFAULT gen_random_uuid(), -- id
    title text NOT NULL, -- title
    description text, -- description
    genre text NOT NULL, -- genre
    episode_count bigint NOT NULL DEFAULT 1, -- episodeCount
    target_audience text, -- targetAudience
    status text NOT NULL DEFAULT 'concept', -- status
    created_by uuid NOT NULL, -- createdBy
    project_settings_aspect_ratio text NOT NULL DEFAULT '16:9', -- projectSettings.aspectRatio
    project_settings_episode_duration double precision, -- projectSettings.episodeDuration
    project_settings_quality_tier text NOT NULL DEFAULT 'standard', -- projectSettings.qualityTier
    progress_current_phase text NOT NULL DEFAULT 'story_development', -- progress.currentPhase
    progress_completed_steps jsonb NOT NULL DEFAULT '[]'::jsonb, -- progress.completedSteps
    progress_overall_progress double precision NOT NULL DEFAULT 0, -- progress.overallProgress
    created_at timestamptz NOT NULL DEFAULT now(), -- createdAt
    updated_at timestamptz NOT NULL DEFAULT now(), -- updatedAt
    deleted_at timestamptz, -- deletedAt
    CONSTRAINT projects_title_check CHECK (char_length(title) BETWEEN 1 AND 200),
    CONSTRAINT projects_genre_check CHECK (genre IN ('action', 'comedy', 'drama', 'horror', 'sci-fi', 'thriller', 'romance', 'documentary')),
    CONSTRAINT projects_episode_count_check CHECK (episode_count BETWEEN 1 AND 50),
    CONSTRAINT projects_target_audience_check CHECK (target_audience IN ('children', 'family', 'teen', 'adult')),
    CONSTRAINT projects_status_check CHECK (status IN ('concept', 'pre-production', 'production', 'post-production', 'completed', 'on-hold')),
    CONSTRAINT projects_project_settings_aspect_ratio_check CHECK (project_settings_aspect_ratio IN ('16:9', '4:3', '21:9')),
    CONSTRAINT projects_project_settings_episode_duration_check CHECK (project_settings_episode_duration >= 0),
    CONSTRAINT projects_project_settings_quality_tier_check CHECK (project_settings_quality_tier IN ('draft', 'standard', 'premium')),
    CONSTRAINT projects_progress_current_phase_check CHECK (progress_current_phase IN ('story_development', 'character_creation', 'visual_design', 'audio_design', 'scene_production', 'post_production', 'final_assembly')),
    CONSTRAINT projects_progress_completed_steps_check CHECK (jsonb_typeof(progress_completed_steps) = 'array'),
    CONSTRAINT projects_progress_overall_progress_check CHECK (progress_overall_progress BETWEEN 0 AND 100),
    CONSTRAINT projects_pkey PRIMARY KEY (id)
);

CREATE TABLE projects_collaborators (
    project_id uuid NOT NULL,
    collaborator_id uuid NOT NULL,
    position integer NOT NULL,
    CONSTRAINT projects_collaborators_position_check CHECK (position >= 0),
    CONSTRAINT projects_collaborators_pkey PRIMARY KEY (project_id, collaborator_id)
);

CREATE TABLE episodes (
    id uuid NOT NULL DEFAULT gen_random_uuid(), -- id
    project uuid NOT NULL, -- project
    episode_number bigint NOT NULL, -- episodeNumber
    title text NOT NULL, -- title
    description text, -- description
    synopsis_logline text, -- synopsis.logline
    synopsis_summary text, -- synopsis.summary
    synopsis_themes jsonb, -- synopsis.themes
    status text NOT NULL DEFAULT 'planning', -- status
    script_content text, -- script.content
    script_version bigint, -- script.version
    script_word_count bigint, -- script.wordCount
    script_estimated_duration double precision, -- script.estimatedDuration
    production_scene_count bigint NOT NULL DEFAULT 0, -- production.sceneCount
    production_completed_scenes bigint NOT NULL DEFAULT 0, -- production.completedScenes
    production_render_progress double precision NOT NULL DEFAULT 0, -- production.renderProgress
    metadata_duration double precision, -- metadata.duration
    metadata_final_video uuid, -- metadata.finalVideo
    metadata_thumbnail uuid, -- metadata.thumbnail
    created_at timestamptz NOT NULL DEFAULT now(), -- createdAt
    updated_at timestamptz NOT NULL DEFAULT now(), -- updatedAt
    CONSTRAINT episodes_episode_number_check CHECK (episode_number >= 1),
    CONSTRAINT episodes_title_check CHECK (char_length(title) BETWEEN 1 AND 200),
    CONSTRAINT episodes_synopsis_logline_check CHECK (char_length(synopsis_logline) <= 500),
    CONSTRAINT episodes_synopsis_themes_check CHECK (jsonb_typeof(synopsis_themes) = 'array'),
    CONSTRAINT episodes_status_check CHECK (status IN ('planning', 'scripting', 'storyboarding', 'production', 'editing', 'completed')),
    CONSTRAINT episodes_script_version_check CHECK (script_version >= 1),
    CONSTRAINT episodes_script_word_count_check CHECK (script_word_count >= 0),
    CONSTRAINT episodes_script_estimated_duration_check CHECK (script_estimated_duration >= 0),
    CONSTRAINT episodes_production_scene_count_check CHECK (production_scene_count >= 0),
    CONSTRAINT episodes_production_completed_scenes_check CHECK (production_completed_scenes >= 0),
    CONSTRAINT episodes_production_render_progress_check CHECK (production_render_progress BETWEEN 0 AND 100),
    CONSTRAINT episodes_metadata_duration_check CHECK (metadata_duration >= 0),
    CONSTRAINT episodes_script_check CHECK ((script_content IS NULL) = (script_version IS NULL) AND (script_content IS NULL) = (script_word_count IS NULL)),
    CONSTRAINT episodes_pkey PRIMARY KEY (id)
);

CREATE TABLE scenes (
    id uuid NOT NULL DEFAULT gen_random_uuid(), -- id
    project uuid NOT NULL, -- project
    episode uuid NOT NULL, -- episode
    scene_number bigint NOT NULL, -- sceneNumber
    title text NOT NULL, -- title
    script_action text, -- script.action
    script_dialogue jsonb NOT NULL DEFAULT '[]'::jsonb, -- script.dialogue
    script_duration double precision, -- script.duration
    storyboard_panels jsonb NOT NULL DEFAULT '[]'::jsonb, -- storyboard.panels
    production_status text NOT NULL DEFAULT 'pending', -- production.status
    production_video_segment uuid, -- production.videoSegment
    production_audio_track uuid, -- production.audioTrack
    production_attempts bigint NOT NULL DEFAULT 0, -- production.attempts
    production_last_attempt timestamptz, -- production.lastAttempt
    location text, -- location
    time_of_day text, -- timeOfDay
    mood text, -- mood
    created_at timestamptz NOT NULL DEFAULT now(), -- createdAt
    updated_at timestamptz NOT NULL DEFAULT now(), -- updatedAt
    CONSTRAINT scenes_scene_number_check CHECK (scene_number >= 1),
    CONSTRAINT scenes_title_check CHECK (char_length(title) BETWEEN 1 AND 200),
    CONSTRAINT scenes_script_dialogue_check CHECK (jsonb_typeof(script_dialogue) = 'array'),
    CONSTRAINT scenes_script_duration_check CHECK (script_duration >= 0),
    CONSTRAINT scenes_storyboard_panels_check CHECK (jsonb_typeof(storyboard_panels) = 'array'),
    CONSTRAINT scenes_production_status_check CHECK (production_status IN ('pending', 'generating', 'reviewing', 'approved', 'failed')),
    CONSTRAINT scenes_production_attempts_check CHECK (production_attempts >= 0),
    CONSTRAINT scenes_location_check CHECK (char_length(location) <= 200),
    CONSTRAINT scenes_time_of_day_check CHECK (time_of_day IN ('dawn', 'day', 'dusk', 'night')),
    CONSTRAINT scenes_mood_check CHECK (char_length(mood) <= 100),
    CONSTRAINT scenes_pkey PRIMARY KEY (id)
);

CREATE TABLE media (
    id uuid NOT NULL DEFAULT gen_random_uuid(), -- id
    filename text NOT NULL, -- filename
    mime_type text NOT NULL, -- mimeType
    filesize bigint, -- filesize
    width bigint, -- width
    height bigint, -- height
    url text NOT NULL, -- url
    thumbnail_url text, -- thumbnailURL
    project uuid NOT NULL, -- project
    episode uuid, -- episode
    scene uuid, -- scene
    character uuid, -- character
    alt text, -- alt
    media_type text NOT NULL, -- mediaType
    agent_generated boolean NOT NULL DEFAULT false, -- agentGenerated
    generation_metadata_agent_id text, -- generationMetadata.agentId
    generation_metadata_prompt_used text, -- generationMetadata.promptUsed
    generation_metadata_model_version text, -- generationMetadata.modelVersion
    generation_metadata_generation_time timestamptz, -- generationMetadata.generationTime
    generation_metadata_task_id text, -- generationMetadata.taskId
    generation_metadata_provider text, -- generationMetadata.provider
    generation_metadata_cost double precision, -- generationMetadata.cost
    embedding real[], -- embedding
    description text, -- description
    tags jsonb NOT NULL DEFAULT '[]'::jsonb, -- tags
    related_elements_episode bigint, -- relatedElements.episode
    related_elements_scene text, -- relatedElements.scene
    related_elements_timestamp double precision, -- relatedElements.timestamp
    technical_data_duration double precision, -- technicalData.duration
    technical_data_resolution text, -- technicalData.resolution
    technical_data_fps double precision, -- technicalData.fps
    technical_data_sample_rate bigint, -- technicalData.sampleRate
    technical_data_bitrate bigint, -- technicalData.bitrate
    technical_data_codec text, -- technicalData.codec
    version bigint NOT NULL DEFAULT 1, -- version
    status text NOT NULL DEFAULT 'active', -- status
    created_at timestamptz NOT NULL DEFAULT now(), -- createdAt
    updated_at timestamptz NOT NULL DEFAULT now(), -- updatedAt
    CONSTRAINT media_filename_check CHECK (char_length(filename) BETWEEN 1 AND 255),
    CONSTRAINT media_mime_type_check CHECK (char_length(mime_type) <= 255 AND mime_type ~ '^[a-z]+/[a-z0-9.+-]+$'),
    CONSTRAINT media_filesize_check CHECK (filesize >= 0),
    CONSTRAINT media_width_check CHECK (width >= 0),
    CONSTRAINT media_height_check CHECK (height >= 0),
    CONSTRAINT media_url_check CHECK (url ~ '^[A-Za-z][A-Za-z0-9+.-]*://[^[:space:]/?#]+'),
    CONSTRAINT media_thumbnail_url_check CHECK (thumbnail_url ~ '^[A-Za-z][A-Za-z0-9+.-]*://[^[:space:]/?#]+'),
    CONSTRAINT media_alt_check CHECK (char_length(alt) <= 1000),
    CONSTRAINT media_media_type_check CHECK (media_type IN ('style_reference', 'character_design', 'environment_design', 'concept_art', 'storyboard', 'video_segment', 'audio_clip', 'voice_profile', 'music_track', 'sound_effect', 'final_video')),
    CONSTRAINT media_generation_metadata_agent_id_check CHECK (char_length(generation_metadata_agent_id) <= 200),
    CONSTRAINT media_generation_metadata_model_version_check CHECK (char_length(generation_metadata_model_version) <= 200),
    CONSTRAINT media_generation_metadata_task_id_check CHECK (char_length(generation_metadata_task_id) <= 200),
    CONSTRAINT media_generation_metadata_provider_check CHECK (generation_metadata_provider IN ('fal', 'openrouter', 'elevenlabs', 'custom')),
    CONSTRAINT media_generation_metadata_cost_check CHECK (generation_metadata_cost >= 0),
    CONSTRAINT media_embedding_check CHECK (cardinality(embedding) = 1024 AND array_ndims(embedding) = 1 AND array_position(embedding, NULL) IS NULL),
    CONSTRAINT media_tags_check CHECK (jsonb_typeof(tags) = 'array'),
    CONSTRAINT media_related_elements_episode_check CHECK (related_elements_episode >= 1),
    CONSTRAINT media_related_elements_scene_check CHECK (char_length(related_elements_scene) <= 200),
    CONSTRAINT media_related_elements_timestamp_check CHECK (related_elements_timestamp >= 0),
    CONSTRAINT media_technical_data_duration_check CHECK (technical_data_duration >= 0),
    CONSTRAINT media_technical_data_resolution_check CHECK (char_length(technical_data_resolution) <= 50),
    CONSTRAINT media_technical_data_fps_check CHECK (technical_data_fps >= 0),
    CONSTRAINT media_technical_data_sample_rate_check CHECK (technical_data_sample_rate >= 0),
    CONSTRAINT media_technical_data_bitrate_check CHECK (technical_data_bitrate >= 0),
    CONSTRAINT media_technical_data_codec_check CHECK (char_length(technical_data_codec) <= 100),
    CONSTRAINT media_version_check CHECK (version >= 1),
    CONSTRAINT media_status_check CHECK (status IN ('active', 'draft', 'archived', 'processing', 'failed')),
    CONSTRAINT media_pkey PRIMARY KEY (id)
);

CREATE TABLE projects_style_references (
    project_id uuid NOT NULL,
    style_reference_id uuid NOT NULL,
    position integer NOT NULL,
    CONSTRAINT projects_style_references_position_check CHECK (position >= 0),
    CONSTRAINT projects_style_references_pkey PRIMARY KEY (project_id, style_reference_id)
);

CREATE TABLE characters (
    id uuid NOT NULL DEFAULT gen_random_uuid(), -- id
    project uuid NOT NULL, -- project
    name text NOT NULL, -- name
    description text, -- description
    profile_age text, -- profile.age
    profile_gender text, -- profile.gender
    profile_personality jsonb NOT NULL DEFAULT '[]'::jsonb, -- profile.personality
    profile_backstory text, -- profile.backstory
    profile_motivations jsonb NOT NULL DEFAULT '[]'::jsonb, -- profile.motivations
    profile_relationships jsonb NOT NULL DEFAULT '[]'::jsonb, -- profile.relationships
    visual_design_final_design uuid, -- visualDesign.finalDesign
    visual_design_style_notes text, -- visualDesign.styleNotes
    visual_design_color_palette jsonb NOT NULL DEFAULT '[]'::jsonb, -- visualDesign.colorPalette
    voice_profile_voice_id text, -- voiceProfile.voiceId
    voice_profile_audio_sample uuid, -- voiceProfile.audioSample
    voice_profile_voice_characteristics jsonb, -- voiceProfile.voiceCharacteristics
    appearances jsonb NOT NULL DEFAULT '[]'::jsonb, -- appearances
    created_at timestamptz NOT NULL DEFAULT now(), -- createdAt
    updated_at timestamptz NOT NULL DEFAULT now(), -- updatedAt
    CONSTRAINT characters_name_check CHECK (char_length(name) BETWEEN 1 AND 200),
    CONSTRAINT characters_profile_age_check CHECK (char_length(profile_age) <= 50),
    CONSTRAINT characters_profile_gender_check CHECK (char_length(profile_gender) <= 50),
    CONSTRAINT characters_profile_personality_check CHECK (jsonb_typeof(profile_personality) = 'array'),
    CONSTRAINT characters_profile_motivations_check CHECK (jsonb_typeof(profile_motivations) = 'array'),
    CONSTRAINT characters_profile_relationships_check CHECK (jsonb_typeof(profile_relationships) = 'array'),
    CONSTRAINT characters_visual_design_color_palette_check CHECK (jsonb_typeof(visual_design_color_palette) = 'array'),
    CONSTRAINT characters_voice_profile_voice_id_check CHECK (char_length(voice_profile_voice_id) <= 100),
    CONSTRAINT characters_voice_profile_voice_characteristics_check CHECK (jsonb_typeof(voice_profile_voice_characteristics) = 'array'),
    CONSTRAINT characters_appearances_check CHECK (jsonb_typeof(appearances) = 'array'),
    CONSTRAINT characters_pkey PRIMARY KEY (id)
);

CREATE TABLE characters_visual_design_reference_images (
    character_id uuid NOT NULL,
    reference_image_id uuid NOT NULL,
    position integer NOT NULL,
    CONSTRAINT characters_visual_design_reference_images_position_check CHECK (position >= 0),
    CONSTRAINT characters_visual_design_reference_images_pkey PRIMARY KEY (character_id, reference_image_id)
);

CREATE TABLE media_related_elements_characters (
    media_id uuid NOT NULL,
    character_id uuid NOT NULL,
    position integer NOT NULL,
    CONSTRAINT media_related_elements_characters_position_check CHECK (position >= 0),
    CONSTRAINT media_related_elements_characters_pkey PRIMARY KEY (media_id, character_id)
);

CREATE TABLE scenes_characters (
    scene_id uuid NOT NULL,
    character_id uuid NOT NULL,
    position integer NOT NULL,
    CONSTRAINT scenes_characters_position_check CHECK (position >= 0),
    CONSTRAINT scenes_characters_pkey PRIMARY KEY (scene_id, character_id)
);

CREATE TABLE prompt_templates (
    id uuid NOT NULL DEFAULT gen_random_uuid(), -- id
    name text NOT NULL, -- name
    app text NOT NULL, -- app
    feature text, -- feature
    stage text NOT NULL, -- stage
    tags jsonb NOT NULL DEFAULT '[]'::jsonb, -- tags
    template text NOT NULL, -- template
    variable_defs jsonb NOT NULL DEFAULT '[]'::jsonb, -- variableDefs
    output_schema jsonb, -- outputSchema
    model text NOT NULL, -- model
    notes text, -- notes
    version bigint NOT NULL DEFAULT 1, -- _version
    versions jsonb NOT NULL DEFAULT '[]'::jsonb, -- _versions
    created_at timestamptz NOT NULL DEFAULT now(), -- createdAt
    updated_at timestamptz NOT NULL DEFAULT now(), -- updatedAt
    CONSTRAINT prompt_templates_name_check CHECK (char_length(name) BETWEEN 1 AND 200),
    CONSTRAINT prompt_templates_app_check CHECK (char_length(app) BETWEEN 1 AND 100),
    CONSTRAINT prompt_templates_feature_check CHECK (char_length(feature) <= 100),
    CONSTRAINT prompt_templates_stage_check CHECK (char_length(stage) BETWEEN 1 AND 100),
    CONSTRAINT prompt_templates_tags_check CHECK (jsonb_typeof(tags) = 'array'),
    CONSTRAINT prompt_templates_template_check CHECK (char_length(template) >= 1),
    CONSTRAINT prompt_templates_variable_defs_check CHECK (jsonb_typeof(variable_defs) = 'array'),
    CONSTRAINT prompt_templates_model_check CHECK (model IN ('anthropic/claude-sonnet-4', 'qwen/qwen3-vl-235b-a22b-thinking', 'fal-ai/nano-banana', 'fal-ai/nano-banana/edit')),
    CONSTRAINT prompt_templates_version_check CHECK (version >= 1),
    CONSTRAINT prompt_templates_versions_check CHECK (jsonb_typeof(versions) = 'array'),
    CONSTRAINT prompt_templates_pkey PRIMARY KEY (id)
);

CREATE TABLE prompts_executed (
    id uuid NOT NULL, -- id
    template_id uuid, -- templateId
    app text NOT NULL, -- app
    feature text, -- feature
    stage text NOT NULL, -- stage
    project_id text, -- projectId
    tags_snapshot jsonb NOT NULL DEFAULT '[]'::jsonb, -- tagsSnapshot
    inputs jsonb, -- inputs
    resolved_prompt text NOT NULL, -- resolvedPrompt
    model text NOT NULL, -- model
    status text NOT NULL, -- status
    output_raw jsonb, -- outputRaw
    error_message text, -- errorMessage
    started_at timestamptz NOT NULL, -- startedAt
    finished_at timestamptz, -- finishedAt
    notes text, -- notes
    created_at timestamptz NOT NULL DEFAULT now(), -- createdAt
    updated_at timestamptz NOT NULL DEFAULT now(), -- updatedAt
    CONSTRAINT prompts_executed_app_check CHECK (char_length(app) BETWEEN 1 AND 100),
    CONSTRAINT prompts_executed_feature_check CHECK (char_length(feature) <= 100),
    CONSTRAINT prompts_executed_stage_check CHECK (char_length(stage) BETWEEN 1 AND 100),
    CONSTRAINT prompts_executed_project_id_check CHECK (char_length(project_id) <= 100),
    CONSTRAINT prompts_executed_tags_snapshot_check CHECK (jsonb_typeof(tags_snapshot) = 'array'),
    CONSTRAINT prompts_executed_model_check CHECK (char_length(model) BETWEEN 1 AND 200),
    CONSTRAINT prompts_executed_status_check CHECK (status IN ('success', 'error')),
    CONSTRAINT prompts_executed_pkey PRIMARY KEY (id)
);

CREATE TABLE sessions (
    id uuid NOT NULL, -- id
    project uuid NOT NULL, -- project
    "user" uuid NOT NULL, -- user
    current_step text, -- currentStep
    conversation_history jsonb NOT NULL DEFAULT '[]'::jsonb, -- conversationHistory
    context_data_current_episode uuid, -- contextData.currentEpisode
    context_data_current_scene uuid, -- contextData.currentScene
    context_data_focus_character uuid, -- contextData.focusCharacter
    context_data_workflow_state jsonb, -- contextData.workflowState
    context_data_user_preferences jsonb, -- contextData.userPreferences
    awaiting_user_input boolean NOT NULL DEFAULT false, -- awaitingUserInput
    last_choices jsonb NOT NULL DEFAULT '[]'::jsonb, -- lastChoices
    session_state text NOT NULL DEFAULT 'active', -- sessionState
    created_at timestamptz NOT NULL DEFAULT now(), -- createdAt
    updated_at timestamptz NOT NULL DEFAULT now(), -- updatedAt
    CONSTRAINT sessions_current_step_check CHECK (char_length(current_step) <= 200),
    CONSTRAINT sessions_conversation_history_check CHECK (jsonb_typeof(conversation_history) = 'array'),
    CONSTRAINT sessions_last_choices_check CHECK (jsonb_typeof(last_choices) = 'array'),
    CONSTRAINT sessions_session_state_check CHECK (session_state IN ('active', 'paused', 'completed', 'error')),
    CONSTRAINT sessions_pkey PRIMARY KEY (id)
);

CREATE TABLE tasks (
    id uuid NOT NULL, -- id
    task_type text NOT NULL, -- taskType
    project uuid NOT NULL, -- project
    episode uuid, -- episode
    scene uuid, -- scene
    character uuid, -- character
    status text NOT NULL DEFAULT 'queued', -- status
    priority bigint NOT NULL DEFAULT 5, -- priority
    input_prompt_id uuid, -- input.promptId
    input_parameters jsonb, -- input.parameters
    output_media_id uuid, -- output.mediaId
    output_result jsonb, -- output.result
    output_metrics_processing_time double precision, -- output.metrics.processingTime
    output_metrics_cost double precision, -- output.metrics.cost
    output_metrics_tokens_used bigint, -- output.metrics.tokensUsed
    progress_percentage double precision NOT NULL DEFAULT 0, -- progress.percentage
    progress_current_step text, -- progress.currentStep
    progress_estimated_completion timestamptz, -- progress.estimatedCompletion
    error_message text, -- error.message
    error_code text, -- error.code
    error_retry_count bigint, -- error.retryCount
    error_last_retry timestamptz, -- error.lastRetry
    worker_worker_id text, -- worker.workerId
    worker_started_at timestamptz, -- worker.startedAt
    worker_heartbeat timestamptz, -- worker.heartbeat
    completed_at timestamptz, -- completedAt
    created_at timestamptz NOT NULL DEFAULT now(), -- createdAt
    updated_at timestamptz NOT NULL DEFAULT now(), -- updatedAt
    CONSTRAINT tasks_task_type_check CHECK (task_type IN ('image_generation', 'video_generation', 'audio_generation', 'script_generation', 'embedding_generation', 'scene_assembly')),
    CONSTRAINT tasks_status_check CHECK (status IN ('queued', 'processing', 'completed', 'failed', 'cancelled')),
    CONSTRAINT tasks_priority_check CHECK (priority BETWEEN 1 AND 10),
    CONSTRAINT tasks_output_metrics_processing_time_check CHECK (output_metrics_processing_time >= 0),
    CONSTRAINT tasks_output_metrics_cost_check CHECK (output_metrics_cost >= 0),
    CONSTRAINT tasks_output_metrics_tokens_used_check CHECK (output_metrics_tokens_used >= 0),
    CONSTRAINT tasks_progress_percentage_check CHECK (progress_percentage BETWEEN 0 AND 100),
    CONSTRAINT tasks_progress_current_step_check CHECK (char_length(progress_current_step) <= 200),
    CONSTRAINT tasks_error_code_check CHECK (char_length(error_code) <= 100),
    CONSTRAINT tasks_error_retry_count_check CHECK (error_retry_count >= 0),
    CONSTRAINT tasks_worker_worker_id_check CHECK (char_length(worker_worker_id) BETWEEN 1 AND 200),
    CONSTRAINT tasks_error_check CHECK ((error_message IS NULL) = (error_retry_count IS NULL)),
    CONSTRAINT tasks_worker_check CHECK ((worker_worker_id IS NULL) = (worker_started_at IS NULL)),
    CONSTRAINT tasks_pkey PRIMARY KEY (id)
);

CREATE TABLE tasks_input_dependencies (
    task_id uuid NOT NULL,
    dependency_id uuid NOT NULL,
    position integer NOT NULL,
    CONSTRAINT tasks_input_dependencies_position_check CHECK (position >= 0),
    CONSTRAINT tasks_input_dependencies_pkey PRIMARY KEY (task_id, dependency_id)
);

ALTER TABLE projects ADD CONSTRAINT projects_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE CASCADE;
ALTER TABLE projects_collaborators ADD CONSTRAINT projects_collaborators_project_id_fkey FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE;
ALTER TABLE projects_collaborators ADD CONSTRAINT projects_collaborators_collaborator_id_fkey FOREIGN KEY (collaborator_id) REFERENCES users (id) ON DELETE CASCADE;
ALTER TABLE episodes ADD CONSTRAINT episodes_project_fkey FOREIGN KEY (project) REFERENCES projects (id) ON DELETE CASCADE;
ALTER TABLE episodes ADD CONSTRAINT episodes_metadata_final_video_fkey FOREIGN KEY (metadata_final_video) REFERENCES media (id) ON DELETE SET NULL;
ALTER TABLE episodes ADD CONSTRAINT episodes_metadata_thumbnail_fkey FOREIGN KEY (metadata_thumbnail) REFERENCES media (id) ON DELETE SET NULL;
ALTER TABLE scenes ADD CONSTRAINT scenes_project_fkey FOREIGN KEY (project) REFERENCES projects (id) ON DELETE CASCADE;
ALTER TABLE scenes ADD CONSTRAINT scenes_episode_fkey FOREIGN KEY (episode) REFERENCES episodes (id) ON DELETE CASCADE;
ALTER TABLE scenes ADD CONSTRAINT scenes_production_video_segment_fkey FOREIGN KEY (production_video_segment) REFERENCES media (id) ON DELETE SET NULL;
ALTER TABLE scenes ADD CONSTRAINT scenes_production_audio_track_fkey FOREIGN KEY (production_audio_track) REFERENCES media (id) ON DELETE SET NULL;
ALTER TABLE media ADD CONSTRAINT media_project_fkey FOREIGN KEY (project) REFERENCES projects (id) ON DELETE CASCADE;
ALTER TABLE media ADD CONSTRAINT media_episode_fkey FOREIGN KEY (episode) REFERENCES episodes (id) ON DELETE SET NULL;
ALTER TABLE media ADD CONSTRAINT media_scene_fkey FOREIGN KEY (scene) REFERENCES scenes (id) ON DELETE SET NULL;
ALTER TABLE media ADD CONSTRAINT media_character_fkey FOREIGN KEY (character) REFERENCES characters (id) ON DELETE SET NULL;
ALTER TABLE projects_style_references ADD CONSTRAINT projects_style_references_project_id_fkey FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE;
ALTER TABLE projects_style_references ADD CONSTRAINT projects_style_references_style_reference_id_fkey FOREIGN KEY (style_reference_id) REFERENCES media (id) ON DELETE CASCADE;
ALTER TABLE characters ADD CONSTRAINT characters_project_fkey FOREIGN KEY (project) REFERENCES projects (id) ON DELETE CASCADE;
ALTER TABLE characters ADD CONSTRAINT characters_visual_design_final_design_fkey FOREIGN KEY (visual_design_final_design) REFERENCES media (id) ON DELETE SET NULL;
ALTER TABLE characters ADD CONSTRAINT characters_voice_profile_audio_sample_fkey FOREIGN KEY (voice_profile_audio_sample) REFERENCES media (id) ON DELETE SET NULL;
ALTER TABLE characters_visual_design_reference_images ADD CONSTRAINT characters_visual_design_reference_images_character_id_fkey FOREIGN KEY (character_id) REFERENCES characters (id) ON DELETE CASCADE;
ALTER TABLE characters_visual_design_reference_images ADD CONSTRAINT characters_visual_design_reference_images_reference_im_a01a9486 FOREIGN KEY (reference_image_id) REFERENCES media (id) ON DELETE CASCADE;
ALTER TABLE media_related_elements_characters ADD CONSTRAINT media_related_elements_characters_media_id_fkey FOREIGN KEY (media_id) REFERENCES media (id) ON DELETE CASCADE;
ALTER TABLE media_related_elements_characters ADD CONSTRAINT media_related_elements_characters_character_id_fkey FOREIGN KEY (character_id) REFERENCES characters (id) ON DELETE CASCADE;
ALTER TABLE scenes_characters ADD CONSTRAINT scenes_characters_scene_id_fkey FOREIGN KEY (scene_id) REFERENCES scenes (id) ON DELETE CASCADE;
ALTER TABLE scenes_characters ADD CONSTRAINT scenes_characters_character_id_fkey FOREIGN KEY (character_id) REFERENCES characters (id) ON DELETE CASCADE;
ALTER TABLE prompts_executed ADD CONSTRAINT prompts_executed_template_id_fkey FOREIGN KEY (template_id) REFERENCES prompt_templates (id) ON DELETE SET NULL;
ALTER TABLE sessions ADD CONSTRAINT sessions_project_fkey FOREIGN KEY (project) REFERENCES projects (id) ON DELETE CASCADE;
ALTER TABLE sessions ADD CONSTRAINT sessions_user_fkey FOREIGN KEY ("user") REFERENCES users (id) ON DELETE CASCADE;
ALTER TABLE sessions ADD CONSTRAINT sessions_context_data_current_episode_fkey FOREIGN KEY (context_data_current_episode) REFERENCES episodes (id) ON DELETE SET NULL;
ALTER TABLE sessions ADD CONSTRAINT sessions_context_data_current_scene_fkey FOREIGN KEY (context_data_current_scene) REFERENCES scenes (id) ON DELETE SET NULL;
ALTER TABLE sessions ADD CONSTRAINT sessions_context_data_focus_character_fkey FOREIGN KEY (context_data_focus_character) REFERENCES characters (id) ON DELETE SET NULL;
ALTER TABLE tasks ADD CONSTRAINT tasks_project_fkey FOREIGN KEY (project) REFERENCES projects (id) ON DELETE CASCADE;
ALTER TABLE tasks ADD CONSTRAINT tasks_episode_fkey FOREIGN KEY (episode) REFERENCES episodes (id) ON DELETE SET NULL;
ALTER TABLE tasks ADD CONSTRAINT tasks_scene_fkey FOREIGN KEY (scene) REFERENCES scenes (id) ON DELETE SET NULL;
ALTER TABLE tasks ADD CONSTRAINT tasks_character_fkey FOREIGN KEY (character) REFERENCES characters (id) ON DELETE SET NULL;
ALTER TABLE tasks ADD CONSTRAINT tasks_input_prompt_id_fkey FOREIGN KEY (input_prompt_id) REFERENCES prompts_executed (id) ON DELETE SET NULL;
ALTER TABLE tasks ADD CONSTRAINT tasks_output_media_id_fkey FOREIGN KEY (output_media_id) REFERENCES media (id) ON DELETE SET NULL;
ALTER TABLE tasks_input_dependencies ADD CONSTRAINT tasks_input_dependencies_task_id_fkey FOREIGN KEY (task_id) REFERENCES tasks (id) ON DELETE CASCADE;
ALTER TABLE tasks_input_dependencies ADD CONSTRAINT tasks_input_dependencies_dependency_id_fkey FOREIGN KEY (dependency_id) REFERENCES tasks (id) ON DELETE CASCADE;

CREATE OR REPLACE FUNCTION schemagen_user_id() RETURNS uuid
    LANGUAGE sql STABLE
    AS $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;
CREATE OR REPLACE FUNCTION schemagen_role() RETURNS text
    LANGUAGE sql STABLE
    AS $$ SELECT CASE WHEN schemagen_user_id() IS NULL THEN NULL ELSE nullif(current_setting('app.role', true), '') END $$;
CREATE OR REPLACE FUNCTION schemagen_is_system() RETURNS boolean
    LANGUAGE sql STABLE
    AS $$ SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user $$;
CREATE OR REPLACE FUNCTION schemagen_cosine_distance(a real[], b real[]) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT 1 - sum(x * y) / nullif(sqrt(sum(x * x)) * sqrt(sum(y * y)), 0) FROM unnest(a, b) AS v(x, y) $$;

CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE INDEX users_role_idx ON users (role);
CREATE INDEX users_subscription_tier_idx ON users (subscription_tier);

CREATE INDEX projects_title_search ON projects USING gin (to_tsvector('english', coalesce(title, '')));
CREATE INDEX projects_created_by_idx ON projects (created_by);
CREATE INDEX projects_status_idx ON projects (status);
CREATE INDEX projects_genre_idx ON projects (genre);
CREATE INDEX projects_created_by_status_idx ON projects (created_by, status);

CREATE OR REPLACE FUNCTION projects_keep_immutable() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
    BEGIN
        IF NEW.created_by IS DISTINCT FROM OLD.created_by AND NOT schemagen_is_system() THEN
            RAISE EXCEPTION 'projects.created_by cannot be changed' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END
    $$;

CREATE TRIGGER projects_keep_immutable BEFORE UPDATE ON projects
    FOR EACH ROW EXECUTE FUNCTION projects_keep_immutable();

CREATE INDEX projects_collaborators_status_idx ON projects_collaborators (collaborator_id, project_id);

CREATE INDEX episodes_project_idx ON episodes (project);
CREATE UNIQUE INDEX episodes_project_episode_number_key ON episodes (project, episode_number);
CREATE INDEX episodes_status_idx ON episodes (status);

CREATE INDEX scenes_episode_idx ON scenes (episode);
CREATE UNIQUE INDEX scenes_episode_scene_number_key ON scenes (episode, scene_number);
CREATE INDEX scenes_production_status_idx ON scenes (production_status);

CREATE INDEX media_project_idx ON media (project);
CREATE INDEX media_episode_idx ON media (episode);
CREATE INDEX media_scene_idx ON media (scene);
CREATE INDEX media_media_type_idx ON media (media_type);
CREATE INDEX media_status_idx ON media (status);
CREATE INDEX media_project_media_type_idx ON media (project, media_type);
CREATE INDEX media_episode_media_type_idx ON media (episode, media_type);

CREATE INDEX characters_project_idx ON characters (project);
CREATE INDEX characters_name_search ON characters USING gin (to_tsvector('english', coalesce(name, '')));
CREATE INDEX characters_project_name_idx ON characters (project, name);

CREATE INDEX scenes_characters_idx ON scenes_characters (character_id, scene_id);

CREATE INDEX prompt_templates_name_idx ON prompt_templates (name);
CREATE INDEX prompt_templates_app_idx ON prompt_templates (app);
CREATE INDEX prompt_templates_stage_idx ON prompt_templates (stage);
CREATE INDEX prompt_templates_app_stage_idx ON prompt_templates (app, stage);

CREATE INDEX prompts_executed_project_id_idx ON prompts_executed (project_id);
CREATE INDEX prompts_executed_status_idx ON prompts_executed (status);
CREATE INDEX prompts_executed_model_idx ON prompts_executed (model);
CREATE INDEX prompts_executed_created_at_idx ON prompts_executed (created_at);
CREATE INDEX prompts_executed_project_id_status_idx ON prompts_executed (project_id, status);

CREATE INDEX sessions_project_idx ON sessions (project);
CREATE INDEX sessions_user_idx ON sessions ("user");
CREATE INDEX sessions_session_state_idx ON sessions (session_state);
CREATE INDEX sessions_user_session_state_idx ON sessions ("user", session_state);

CREATE OR REPLACE FUNCTION sessions_keep_immutable() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
    BEGIN
        IF NEW."user" IS DISTINCT FROM OLD."user" AND NOT schemagen_is_system() THEN
            RAISE EXCEPTION 'sessions.user cannot be changed' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END
    $$;

CREATE TRIGGER sessions_keep_immutable BEFORE UPDATE ON sessions
    FOR EACH ROW EXECUTE FUNCTION sessions_keep_immutable();

CREATE INDEX tasks_status_idx ON tasks (status);
CREATE INDEX tasks_task_type_idx ON tasks (task_type);
CREATE INDEX tasks_project_idx ON tasks (project);
CREATE INDEX tasks_priority_idx ON tasks (priority);
CREATE INDEX tasks_status_priority_created_at_idx ON tasks (status, priority DESC, created_at);
CREATE INDEX tasks_project_status_idx ON tasks (project, status);
CREATE INDEX tasks_created_at_idx ON tasks (created_at) WHERE status IN ('completed', 'failed', 'cancelled');

CREATE OR REPLACE FUNCTION tasks_created_at_idx_delete_expired() RETURNS bigint
    LANGUAGE sql
    AS $$
        WITH expired AS (
            DELETE FROM tasks WHERE created_at < now() - interval '90 days' AND status IN ('completed', 'failed', 'cancelled') RETURNING 1
        )
        SELECT count(*) FROM expired
    $$;
CREATE OR REPLACE FUNCTION projects_collaborators_includes_caller(record_id uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT
    AS $$ SELECT EXISTS (SELECT 1 FROM projects_collaborators WHERE project_id = record_id AND collaborator_id = schemagen_user_id()) $$;

ALTER TABLE projects_collaborators ENABLE ROW LEVEL SECURITY;
CREATE POLICY projects_collaborators_read ON projects_collaborators FOR SELECT
    USING (EXISTS (SELECT 1 FROM projects WHERE projects.id = projects_collaborators.project_id));
CREATE POLICY projects_collaborators_create ON projects_collaborators FOR INSERT
    WITH CHECK (
        EXISTS (
            SELECT 1 FROM projects WHERE projects.id = projects_collaborators.project_id AND (
                projects.created_by = schemagen_user_id()
                OR projects_collaborators_includes_caller(projects.id)
                OR schemagen_role() = 'admin'
            )
        )
    );
CREATE POLICY projects_collaborators_update ON projects_collaborators FOR UPDATE
    USING (
        EXISTS (
            SELECT 1 FROM projects WHERE projects.id = projects_collaborators.project_id AND (
                projects.created_by = schemagen_user_id()
                OR projects_collaborators_includes_caller(projects.id)
                OR schemagen_role() = 'admin'
            )
        )
    )
    WITH CHECK (
        EXISTS (
            SELECT 1 FROM projects WHERE projects.id = projects_collaborators.project_id AND (
                projects.created_by = schemagen_user_id()
                OR projects_collaborators_includes_caller(projects.id)
                OR schemagen_role() = 'admin'
            )
        )
    );
CREATE POLICY projects_collaborators_delete ON projects_collaborators FOR DELETE
    USING (
        EXISTS (
            SELECT 1 FROM projects WHERE projects.id = projects_collaborators.project_id AND (
                projects.created_by = schemagen_user_id()
                OR projects_collaborators_includes_caller(projects.id)
                OR schemagen_role() = 'admin'
            )
        )
    );

CREATE OR REPLACE FUNCTION projects_style_references_includes_caller(record_id uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT
    AS $$ SELECT EXISTS (SELECT 1 FROM projects_style_references WHERE project_id = record_id AND style_reference_id = schemagen_user_id()) $$;

ALTER TABLE projects_style_references ENABLE ROW LEVEL SECURITY;
CREATE POLICY projects_style_references_read ON projects_style_references FOR SELECT
    USING (EXISTS (SELECT 1 FROM projects WHERE projects.id = projects_style_references.project_id));
CREATE POLICY projects_style_references_create ON projects_style_references FOR INSERT
    WITH CHECK (
        EXISTS (
            SELECT 1 FROM projects WHERE projects.id = projects_style_references.project_id AND (
                projects.created_by = schemagen_user_id()
                OR projects_collaborators_includes_caller(projects.id)
                OR schemagen_role() = 'admin'
            )
        )
    );
CREATE POLICY projects_style_references_update ON projects_style_references FOR UPDATE
    USING (
        EXISTS (
            SELECT 1 FROM projects WHERE projects.id = projects_style_references.project_id AND (
                projects.created_by = schemagen_user_id()
                OR projects_collaborators_includes_caller(projects.id)
                OR schemagen_role() = 'admin'
            )
        )
    )
    WITH CHECK (
        EXISTS (
            SELECT 1 FROM projects WHERE projects.id = projects_style_references.project_id AND (
                projects.created_by = schemagen_user_id()
                OR projects_collaborators_includes_caller(projects.id)
                OR schemagen_role() = 'admin'
            )
        )
    );
CREATE POLICY projects_style_references_delete ON projects_style_references FOR DELETE
    USING (
        EXISTS (
            SELECT 1 FROM projects WHERE projects.id = projects_style_references.project_id AND (
                projects.created_by = schemagen_user_id()
                OR projects_collaborators_includes_caller(projects.id)
                OR schemagen_role() = 'admin'
            )
        )
    );

CREATE OR REPLACE FUNCTION scenes_characters_includes_caller(record_id uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT
    AS $$ SELECT EXISTS (SELECT 1 FROM scenes_characters WHERE scene_id = record_id AND character_id = schemagen_user_id()) $$;

ALTER TABLE scenes_characters ENABLE ROW LEVEL SECURITY;
CREATE POLICY scenes_characters_read ON scenes_characters FOR SELECT
    USING (EXISTS (SELECT 1 FROM scenes WHERE scenes.id = scenes_characters.scene_id));
CREATE POLICY scenes_characters_create ON scenes_characters FOR INSERT
    WITH CHECK (
        EXISTS (
            SELECT 1 FROM scenes WHERE scenes.id = scenes_characters.scene_id AND (
                EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = scenes.project AND p1.created_by = schemagen_user_id())
                OR projects_collaborators_includes_caller(scenes.project)
                OR schemagen_role() = 'admin'
            )
        )
    );
CREATE POLICY scenes_characters_update ON scenes_characters FOR UPDATE
    USING (
        EXISTS (
            SELECT 1 FROM scenes WHERE scenes.id = scenes_characters.scene_id AND (
                EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = scenes.project AND p1.created_by = schemagen_user_id())
                OR projects_collaborators_includes_caller(scenes.project)
                OR schemagen_role() = 'admin'
            )
        )
    )
    WITH CHECK (
        EXISTS (
            SELECT 1 FROM scenes WHERE scenes.id = scenes_characters.scene_id AND (
                EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = scenes.project AND p1.created_by = schemagen_user_id())
                OR projects_collaborators_includes_caller(scenes.project)
                OR schemagen_role() = 'admin'
            )
        )
    );
CREATE POLICY scenes_characters_delete ON scenes_characters FOR DELETE
    USING (
        EXISTS (
            SELECT 1 FROM scenes WHERE scenes.id = scenes_characters.scene_id AND (
                EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = scenes.project AND p1.created_by = schemagen_user_id())
                OR projects_collaborators_includes_caller(scenes.project)
                OR schemagen_role() = 'admin'
            )
        )
    );

CREATE OR REPLACE FUNCTION media_related_elements_characters_includes_caller(record_id uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT
    AS $$ SELECT EXISTS (SELECT 1 FROM media_related_elements_characters WHERE media_id = record_id AND character_id = schemagen_user_id()) $$;

ALTER TABLE media_related_elements_characters ENABLE ROW LEVEL SECURITY;
CREATE POLICY media_related_elements_characters_read ON media_related_elements_characters FOR SELECT
    USING (EXISTS (SELECT 1 FROM media WHERE media.id = media_related_elements_characters.media_id));
CREATE POLICY media_related_elements_characters_create ON media_related_elements_characters FOR INSERT
    WITH CHECK (
        EXISTS (
            SELECT 1 FROM media WHERE media.id = media_related_elements_characters.media_id AND (
                EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = media.project AND p1.created_by = schemagen_user_id())
                OR projects_collaborators_includes_caller(media.project)
                OR schemagen_role() = 'admin'
            )
        )
    );
CREATE POLICY media_related_elements_characters_update ON media_related_elements_characters FOR UPDATE
    USING (
        EXISTS (
            SELECT 1 FROM media WHERE media.id = media_related_elements_characters.media_id AND (
                EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = media.project AND p1.created_by = schemagen_user_id())
                OR projects_collaborators_includes_caller(media.project)
                OR schemagen_role() = 'admin'
            )
        )
    )
    WITH CHECK (
        EXISTS (
            SELECT 1 FROM media WHERE media.id = media_related_elements_characters.media_id AND (
                EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = media.project AND p1.created_by = schemagen_user_id())
                OR projects_collaborators_includes_caller(media.project)
                OR schemagen_role() = 'admin'
            )
        )
    );
CREATE POLICY media_related_elements_characters_delete ON media_related_elements_characters FOR DELETE
    USING (
        EXISTS (
            SELECT 1 FROM media WHERE media.id = media_related_elements_characters.media_id AND (
                EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = media.project AND p1.created_by = schemagen_user_id())
                OR projects_collaborators_includes_caller(media.project)
                OR schemagen_role() = 'admin'
            )
        )
    );

CREATE OR REPLACE FUNCTION characters_visual_design_reference_images_includes_caller(record_id uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT
    AS $$ SELECT EXISTS (SELECT 1 FROM characters_visual_design_reference_images WHERE character_id = record_id AND reference_image_id = schemagen_user_id()) $$;

ALTER TABLE characters_visual_design_reference_images ENABLE ROW LEVEL SECURITY;
CREATE POLICY characters_visual_design_reference_images_read ON characters_visual_design_reference_images FOR SELECT
    USING (EXISTS (SELECT 1 FROM characters WHERE characters.id = characters_visual_design_reference_images.character_id));
CREATE POLICY characters_visual_design_reference_images_create ON characters_visual_design_reference_images FOR INSERT
    WITH CHECK (
        EXISTS (
            SELECT 1 FROM characters WHERE characters.id = characters_visual_design_reference_images.character_id AND (
                EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = characters.project AND p1.created_by = schemagen_user_id())
                OR projects_collaborators_includes_caller(characters.project)
                OR schemagen_role() = 'admin'
            )
        )
    );
CREATE POLICY characters_visual_design_reference_images_update ON characters_visual_design_reference_images FOR UPDATE
    USING (
        EXISTS (
            SELECT 1 FROM characters WHERE characters.id = characters_visual_design_reference_images.character_id AND (
                EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = characters.project AND p1.created_by = schemagen_user_id())
                OR projects_collaborators_includes_caller(characters.project)
                OR schemagen_role() = 'admin'
            )
        )
    )
    WITH CHECK (
        EXISTS (
            SELECT 1 FROM characters WHERE characters.id = characters_visual_design_reference_images.character_id AND (
                EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = characters.project AND p1.created_by = schemagen_user_id())
                OR projects_collaborators_includes_caller(characters.project)
                OR schemagen_role() = 'admin'
            )
        )
    );
CREATE POLICY characters_visual_design_reference_images_delete ON characters_visual_design_reference_images FOR DELETE
    USING (
        EXISTS (
            SELECT 1 FROM characters WHERE characters.id = characters_visual_design_reference_images.character_id AND (
                EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = characters.project AND p1.created_by = schemagen_user_id())
                OR projects_collaborators_includes_caller(characters.project)
                OR schemagen_role() = 'admin'
            )
        )
    );

CREATE OR REPLACE FUNCTION tasks_input_dependencies_includes_caller(record_id uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT
    AS $$ SELECT EXISTS (SELECT 1 FROM tasks_input_dependencies WHERE task_id = record_id AND dependency_id = schemagen_user_id()) $$;

ALTER TABLE tasks_input_dependencies ENABLE ROW LEVEL SECURITY;
CREATE POLICY tasks_input_dependencies_read ON tasks_input_dependencies FOR SELECT
    USING (EXISTS (SELECT 1 FROM tasks WHERE tasks.id = tasks_input_dependencies.task_id));
CREATE POLICY tasks_input_dependencies_create ON tasks_input_dependencies FOR INSERT
    WITH CHECK (
        EXISTS (
            SELECT 1 FROM tasks WHERE tasks.id = tasks_input_dependencies.task_id AND (
                EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = tasks.project AND p1.created_by = schemagen_user_id())
                OR projects_collaborators_includes_caller(tasks.project)
                OR schemagen_role() = 'admin'
            )
        )
    );
CREATE POLICY tasks_input_dependencies_update ON tasks_input_dependencies FOR UPDATE
    USING (
        EXISTS (
            SELECT 1 FROM tasks WHERE tasks.id = tasks_input_dependencies.task_id AND (
                EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = tasks.project AND p1.created_by = schemagen_user_id())
                OR projects_collaborators_includes_caller(tasks.project)
                OR schemagen_role() = 'admin'
            )
        )
    )
    WITH CHECK (
        EXISTS (
            SELECT 1 FROM tasks WHERE tasks.id = tasks_input_dependencies.task_id AND (
                EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = tasks.project AND p1.created_by = schemagen_user_id())
                OR projects_collaborators_includes_caller(tasks.project)
                OR schemagen_role() = 'admin'
            )
        )
    );
CREATE POLICY tasks_input_dependencies_delete ON tasks_input_dependencies FOR DELETE
    USING (
        EXISTS (
            SELECT 1 FROM tasks WHERE tasks.id = tasks_input_dependencies.task_id AND (
                EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = tasks.project AND p1.created_by = schemagen_user_id())
                OR projects_collaborators_includes_caller(tasks.project)
                OR schemagen_role() = 'admin'
            )
        )
    );

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY users_read ON users FOR SELECT
    USING (
        users.id = schemagen_user_id()
        OR schemagen_role() = 'admin'
    );
CREATE POLICY users_create ON users FOR INSERT
    WITH CHECK (
        true
    );
CREATE POLICY users_update ON users FOR UPDATE
    USING (
        users.id = schemagen_user_id()
        OR schemagen_role() = 'admin'
    )
    WITH CHECK (
        users.id = schemagen_user_id()
        OR schemagen_role() = 'admin'
    );
CREATE POLICY users_delete ON users FOR DELETE
    USING (
        schemagen_role() = 'admin'
    );

ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects FORCE ROW LEVEL SECURITY;
CREATE POLICY projects_read ON projects FOR SELECT
    USING (
        projects.created_by = schemagen_user_id()
        OR projects_collaborators_includes_caller(projects.id)
        OR schemagen_role() = 'admin'
    );
CREATE POLICY projects_create ON projects FOR INSERT
    WITH CHECK (
        schemagen_user_id() IS NOT NULL
    );
CREATE POLICY projects_update ON projects FOR UPDATE
    USING (
        projects.created_by = schemagen_user_id()
        OR projects_collaborators_includes_caller(projects.id)
        OR schemagen_role() = 'admin'
    )
    WITH CHECK (
        projects.created_by = schemagen_user_id()
        OR projects_collaborators_includes_caller(projects.id)
        OR schemagen_role() = 'admin'
    );
CREATE POLICY projects_delete ON projects FOR DELETE
    USING (
        projects.created_by = schemagen_user_id()
        OR schemagen_role() = 'admin'
    );

ALTER TABLE episodes ENABLE ROW LEVEL SECURITY;
ALTER TABLE episodes FORCE ROW LEVEL SECURITY;
CREATE POLICY episodes_read ON episodes FOR SELECT
    USING (
        EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = episodes.project AND p1.created_by = schemagen_user_id())
        OR projects_collaborators_includes_caller(episodes.project)
        OR schemagen_role() = 'admin'
    );
CREATE POLICY episodes_create ON episodes FOR INSERT
    WITH CHECK (
        EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = episodes.project AND p1.created_by = schemagen_user_id())
        OR projects_collaborators_includes_caller(episodes.project)
        OR schemagen_role() = 'admin'
    );
CREATE POLICY episodes_update ON episodes FOR UPDATE
    USING (
        EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = episodes.project AND p1.created_by = schemagen_user_id())
        OR projects_collaborators_includes_caller(episodes.project)
        OR schemagen_role() = 'admin'
    )
    WITH CHECK (
        EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = episodes.project AND p1.created_by = schemagen_user_id())
        OR projects_collaborators_includes_caller(episodes.project)
        OR schemagen_role() = 'admin'
    );
CREATE POLICY episodes_delete ON episodes FOR DELETE
    USING (
        EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = episodes.project AND p1.created_by = schemagen_user_id())
        OR schemagen_role() = 'admin'
    );

ALTER TABLE scenes ENABLE ROW LEVEL SECURITY;
ALTER TABLE scenes FORCE ROW LEVEL SECURITY;
CREATE POLICY scenes_read ON scenes FOR SELECT
    USING (
        EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = scenes.project AND p1.created_by = schemagen_user_id())
        OR projects_collaborators_includes_caller(scenes.project)
        OR schemagen_role() = 'admin'
    );
CREATE POLICY scenes_create ON scenes FOR INSERT
    WITH CHECK (
        EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = scenes.project AND p1.created_by = schemagen_user_id())
        OR projects_collaborators_includes_caller(scenes.project)
        OR schemagen_role() = 'admin'
    );
CREATE POLICY scenes_update ON scenes FOR UPDATE
    USING (
        EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = scenes.project AND p1.created_by = schemagen_user_id())
        OR projects_collaborators_includes_caller(scenes.project)
        OR schemagen_role() = 'admin'
    )
    WITH CHECK (
        EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = scenes.project AND p1.created_by = schemagen_user_id())
        OR projects_collaborators_includes_caller(scenes.project)
        OR schemagen_role() = 'admin'
    );
CREATE POLICY scenes_delete ON scenes FOR DELETE
    USING (
        EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = scenes.project AND p1.created_by = schemagen_user_id())
        OR schemagen_role() = 'admin'
    );

ALTER TABLE media ENABLE ROW LEVEL SECURITY;
ALTER TABLE media FORCE ROW LEVEL SECURITY;
CREATE POLICY media_read ON media FOR SELECT
    USING (
        EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = media.project AND p1.created_by = schemagen_user_id())
        OR projects_collaborators_includes_caller(media.project)
        OR schemagen_role() = 'admin'
    );
CREATE POLICY media_create ON media FOR INSERT
    WITH CHECK (
        EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = media.project AND p1.created_by = schemagen_user_id())
        OR projects_collaborators_includes_caller(media.project)
        OR schemagen_role() = 'admin'
    );
CREATE POLICY media_update ON media FOR UPDATE
    USING (
        EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = media.project AND p1.created_by = schemagen_user_id())
        OR projects_collaborators_includes_caller(media.project)
        OR schemagen_role() = 'admin'
    )
    WITH CHECK (
        EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = media.project AND p1.created_by = schemagen_user_id())
        OR projects_collaborators_includes_caller(media.project)
        OR schemagen_role() = 'admin'
    );
CREATE POLICY media_delete ON media FOR DELETE
    USING (
        EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = media.project AND p1.created_by = schemagen_user_id())
        OR schemagen_role() = 'admin'
    );

ALTER TABLE characters ENABLE ROW LEVEL SECURITY;
ALTER TABLE characters FORCE ROW LEVEL SECURITY;
CREATE POLICY characters_read ON characters FOR SELECT
    USING (
        EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = characters.project AND p1.created_by = schemagen_user_id())
        OR projects_collaborators_includes_caller(characters.project)
        OR schemagen_role() = 'admin'
    );
CREATE POLICY characters_create ON characters FOR INSERT
    WITH CHECK (
        EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = characters.project AND p1.created_by = schemagen_user_id())
        OR projects_collaborators_includes_caller(characters.project)
        OR schemagen_role() = 'admin'
    );
CREATE POLICY characters_update ON characters FOR UPDATE
    USING (
        EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = characters.project AND p1.created_by = schemagen_user_id())
        OR projects_collaborators_includes_caller(characters.project)
        OR schemagen_role() = 'admin'
    )
    WITH CHECK (
        EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = characters.project AND p1.created_by = schemagen_user_id())
        OR projects_collaborators_includes_caller(characters.project)
        OR schemagen_role() = 'admin'
    );
CREATE POLICY characters_delete ON characters FOR DELETE
    USING (
        EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = characters.project AND p1.created_by = schemagen_user_id())
        OR schemagen_role() = 'admin'
    );

ALTER TABLE prompt_templates ENABLE ROW LEVEL SECURITY;
ALTER TABLE prompt_templates FORCE ROW LEVEL SECURITY;
CREATE POLICY prompt_templates_read ON prompt_templates FOR SELECT
    USING (
        schemagen_user_id() IS NOT NULL
    );
CREATE POLICY prompt_templates_create ON prompt_templates FOR INSERT
    WITH CHECK (
        schemagen_role() = 'admin'
    );
CREATE POLICY prompt_templates_update ON prompt_templates FOR UPDATE
    USING (
        schemagen_role() = 'admin'
    )
    WITH CHECK (
        schemagen_role() = 'admin'
    );
CREATE POLICY prompt_templates_delete ON prompt_templates FOR DELETE
    USING (
        schemagen_role() = 'admin'
    );

ALTER TABLE prompts_executed ENABLE ROW LEVEL SECURITY;
ALTER TABLE prompts_executed FORCE ROW LEVEL SECURITY;
CREATE POLICY prompts_executed_read ON prompts_executed FOR SELECT
    USING (
        schemagen_role() = 'admin'
    );
CREATE POLICY prompts_executed_create ON prompts_executed FOR INSERT
    WITH CHECK (
        schemagen_user_id() IS NOT NULL
    );

ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
CREATE POLICY sessions_read ON sessions FOR SELECT
    USING (
        sessions."user" = schemagen_user_id()
        OR schemagen_role() = 'admin'
    );
CREATE POLICY sessions_create ON sessions FOR INSERT
    WITH CHECK (
        sessions."user" = schemagen_user_id()
        OR schemagen_role() = 'admin'
    );
CREATE POLICY sessions_update ON sessions FOR UPDATE
    USING (
        sessions."user" = schemagen_user_id()
        OR schemagen_role() = 'admin'
    )
    WITH CHECK (
        sessions."user" = schemagen_user_id()
        OR schemagen_role() = 'admin'
    );
CREATE POLICY sessions_delete ON sessions FOR DELETE
    USING (
        sessions."user" = schemagen_user_id()
        OR schemagen_role() = 'admin'
    );

ALTER TABLE tasks ENABLE ROW LEVEL SECURITY;
ALTER TABLE tasks FORCE ROW LEVEL SECURITY;
CREATE POLICY tasks_read ON tasks FOR SELECT
    USING (
        EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = tasks.project AND p1.created_by = schemagen_user_id())
        OR projects_collaborators_includes_caller(tasks.project)
        OR schemagen_role() = 'admin'
    );
CREATE POLICY tasks_create ON tasks FOR INSERT
    WITH CHECK (
        EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = tasks.project AND p1.created_by = schemagen_user_id())
        OR projects_collaborators_includes_caller(tasks.project)
        OR schemagen_role() = 'admin'
    );
CREATE POLICY tasks_update ON tasks FOR UPDATE
    USING (
        EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = tasks.project AND p1.created_by = schemagen_user_id())
        OR projects_collaborators_includes_caller(tasks.project)
        OR schemagen_role() = 'admin'
    )
    WITH CHECK (
        EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = tasks.project AND p1.created_by = schemagen_user_id())
        OR projects_collaborators_includes_caller(tasks.project)
        OR schemagen_role() = 'admin'
    );
CREATE POLICY tasks_delete ON tasks FOR DELETE
    USING (
        EXISTS (SELECT 1 FROM projects AS p1 WHERE p1.id = tasks.project AND p1.created_by = schemagen_user_id())
        OR schemagen_role() = 'admin'
    );

INSERT INTO schema_migrations (version, name) VALUES (1, 'initial');
COMMIT;
