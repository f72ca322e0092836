-- Migration 0009_add_arrays_and_constraints for PostgreSQL, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer NOT NULL PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE packs (
    id uuid NOT NULL DEFAULT gen_random_uuid(), -- id
    title text NOT NULL, -- title
    labels jsonb, -- labels
    settings jsonb, -- settings
    handle text, -- handle
    region text, -- region
    created_at timestamptz NOT NULL DEFAULT now(), -- createdAt
    updated_at timestamptz NOT NULL DEFAULT now(), -- updatedAt
    CONSTRAINT packs_title_check CHECK (char_length(title) <= 200),
    CONSTRAINT packs_labels_check CHECK (jsonb_typeof(labels) = 'array'),
    CONSTRAINT packs_handle_check CHECK (char_length(handle) <= 40),
    CONSTRAINT packs_region_check CHECK (char_length(region) <= 20),
    CONSTRAINT packs_pkey PRIMARY KEY (id),
    CONSTRAINT packs_handle_region_key UNIQUE (handle, region)
);

CREATE INDEX packs_labels_gin ON packs USING gin (labels jsonb_path_ops);
CREATE INDEX packs_settings_search_gin ON packs USING gin (settings);
ALTER TABLE packs ENABLE ROW LEVEL SECURITY;
ALTER TABLE packs FORCE ROW LEVEL SECURITY;
CREATE POLICY packs_read ON packs FOR SELECT
    USING (
        true
    );
CREATE POLICY packs_create ON packs FOR INSERT
    WITH CHECK (
        schemagen_user_id() IS NOT NULL
    );
CREATE POLICY packs_update ON packs FOR UPDATE
    USING (
        schemagen_user_id() IS NOT NULL
    )
    WITH CHECK (
        schemagen_user_id() IS NOT NULL
    );
CREATE POLICY packs_delete ON packs FOR DELETE
    USING (
        schemagen_role() = 'admin'
    );

INSERT INTO schema_migrations (version, name) VALUES (9, 'add_arrays_and_constraints');
COMMIT;
