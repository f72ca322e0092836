-- Migration 0009_add_arrays_and_constraints for SQLite, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE TABLE packs (
    id TEXT NOT NULL, -- id
    title TEXT NOT NULL, -- title
    labels TEXT, -- labels
    settings TEXT, -- settings
    handle TEXT, -- handle
    region TEXT, -- region
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- createdAt
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- updatedAt
    CONSTRAINT packs_id_check CHECK (length(id) = 36 AND id = lower(id)),
    CONSTRAINT packs_title_check CHECK (length(title) <= 200),
    CONSTRAINT packs_labels_check CHECK ((labels IS NULL OR json_valid(labels)) AND json_type(labels) = 'array'),
    CONSTRAINT packs_settings_check CHECK ((settings IS NULL OR json_valid(settings))),
    CONSTRAINT packs_handle_check CHECK (length(handle) <= 40),
    CONSTRAINT packs_region_check CHECK (length(region) <= 20),
    CONSTRAINT packs_created_at_check CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT packs_updated_at_check CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT packs_pkey PRIMARY KEY (id),
    CONSTRAINT packs_handle_region_key UNIQUE (handle, region)
) STRICT;

INSERT INTO schema_migrations (version, name) VALUES (9, 'add_arrays_and_constraints');
COMMIT;
