-- Migration 0012_add_native_arrays for SQLite, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE TABLE badges (
    id TEXT NOT NULL, -- id
    owner TEXT NOT NULL, -- owner
    title TEXT NOT NULL, -- title
    tags TEXT NOT NULL DEFAULT '["new"]', -- tags
    scores TEXT, -- scores
    ranks TEXT, -- ranks
    links TEXT, -- links
    flags TEXT, -- flags
    colors TEXT, -- colors
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- createdAt
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- updatedAt
    CONSTRAINT badges_id_check CHECK (length(id) = 36 AND id = lower(id)),
    CONSTRAINT badges_owner_check CHECK (length(owner) = 36 AND owner = lower(owner)),
    CONSTRAINT badges_title_check CHECK (length(title) <= 200),
    CONSTRAINT badges_tags_check CHECK ((tags IS NULL OR json_valid(tags)) AND json_type(tags) = 'array'),
    CONSTRAINT badges_scores_check CHECK ((scores IS NULL OR json_valid(scores)) AND json_type(scores) = 'array'),
    CONSTRAINT badges_ranks_check CHECK ((ranks IS NULL OR json_valid(ranks)) AND json_type(ranks) = 'array' AND json_array_length(ranks) <= 5),
    CONSTRAINT badges_links_check CHECK ((links IS NULL OR json_valid(links)) AND json_type(links) = 'array'),
    CONSTRAINT badges_flags_check CHECK ((flags IS NULL OR json_valid(flags)) AND json_type(flags) = 'array'),
    CONSTRAINT badges_colors_check CHECK ((colors IS NULL OR json_valid(colors)) AND json_type(colors) = 'array'),
    CONSTRAINT badges_created_at_check CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT badges_updated_at_check CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT badges_owner_fkey FOREIGN KEY (owner) REFERENCES accounts (id) ON DELETE CASCADE,
    CONSTRAINT badges_pkey PRIMARY KEY (id)
) STRICT;

CREATE INDEX badges_owner_idx ON badges (owner);

INSERT INTO schema_migrations (version, name) VALUES (12, 'add_native_arrays');
COMMIT;
