-- Migration 0011_add_int32_and_generated_keys for SQLite, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE TABLE charts (
    chart_id INTEGER NOT NULL, -- id
    owner TEXT NOT NULL, -- owner
    title TEXT NOT NULL, -- title
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- createdAt
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- updatedAt
    CONSTRAINT charts_chart_id_check CHECK (chart_id BETWEEN -2147483648 AND 2147483647),
    CONSTRAINT charts_owner_check CHECK (length(owner) = 36 AND owner = lower(owner)),
    CONSTRAINT charts_title_check CHECK (length(title) <= 100),
    CONSTRAINT charts_created_at_check CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT charts_updated_at_check CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT charts_owner_fkey FOREIGN KEY (owner) REFERENCES accounts (id) ON DELETE CASCADE,
    CONSTRAINT charts_pkey PRIMARY KEY (chart_id)
) STRICT;

CREATE TABLE genres (
    genre_id INTEGER NOT NULL, -- id
    name TEXT NOT NULL, -- name
    owner TEXT NOT NULL, -- owner
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- createdAt
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- updatedAt
    CONSTRAINT genres_genre_id_check CHECK (genre_id BETWEEN -2147483648 AND 2147483647),
    CONSTRAINT genres_name_check CHECK (length(name) <= 120),
    CONSTRAINT genres_owner_check CHECK (length(owner) = 36 AND owner = lower(owner)),
    CONSTRAINT genres_created_at_check CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT genres_updated_at_check CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT genres_owner_fkey FOREIGN KEY (owner) REFERENCES accounts (id) ON DELETE CASCADE,
    CONSTRAINT genres_pkey PRIMARY KEY (genre_id)
) STRICT;

CREATE TABLE tracks (
    id INTEGER NOT NULL, -- id
    title TEXT NOT NULL, -- title
    owner_id TEXT NOT NULL, -- owner
    genre_id INTEGER NOT NULL, -- genre
    follows_id INTEGER, -- follows
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- createdAt
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- updatedAt
    CONSTRAINT tracks_id_check CHECK (id BETWEEN -2147483648 AND 2147483647),
    CONSTRAINT tracks_title_check CHECK (length(title) <= 200),
    CONSTRAINT tracks_owner_id_check CHECK (length(owner_id) = 36 AND owner_id = lower(owner_id)),
    CONSTRAINT tracks_created_at_check CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT tracks_updated_at_check CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT tracks_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES accounts (id) ON DELETE CASCADE,
    CONSTRAINT tracks_genre_id_fkey FOREIGN KEY (genre_id) REFERENCES genres (genre_id) ON DELETE NO ACTION,
    CONSTRAINT tracks_follows_id_fkey FOREIGN KEY (follows_id) REFERENCES tracks (id) ON DELETE NO ACTION,
    CONSTRAINT tracks_pkey PRIMARY KEY (id)
) STRICT;

CREATE TABLE tracks_moods (
    track_id INTEGER NOT NULL,
    mood_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    CONSTRAINT tracks_moods_position_check CHECK (position BETWEEN 0 AND 2),
    CONSTRAINT tracks_moods_track_id_fkey FOREIGN KEY (track_id) REFERENCES tracks (id) ON DELETE CASCADE,
    CONSTRAINT tracks_moods_mood_id_fkey FOREIGN KEY (mood_id) REFERENCES genres (genre_id) ON DELETE CASCADE,
    CONSTRAINT tracks_moods_pkey PRIMARY KEY (track_id, mood_id)
) STRICT;

CREATE TABLE plays (
    id INTEGER NOT NULL, -- id
    owner TEXT NOT NULL, -- owner
    track INTEGER NOT NULL, -- track
    seconds INTEGER NOT NULL, -- seconds
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- createdAt
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- updatedAt
    CONSTRAINT plays_owner_check CHECK (length(owner) = 36 AND owner = lower(owner)),
    CONSTRAINT plays_seconds_check CHECK (seconds BETWEEN 0 AND 2147483647),
    CONSTRAINT plays_created_at_check CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT plays_updated_at_check CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT plays_owner_fkey FOREIGN KEY (owner) REFERENCES accounts (id) ON DELETE CASCADE,
    CONSTRAINT plays_track_fkey FOREIGN KEY (track) REFERENCES tracks (id) ON DELETE CASCADE,
    CONSTRAINT plays_pkey PRIMARY KEY (id)
) STRICT;

CREATE TABLE plays_moods (
    play_id INTEGER NOT NULL,
    mood_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    CONSTRAINT plays_moods_position_check CHECK (position BETWEEN 0 AND 2),
    CONSTRAINT plays_moods_play_id_fkey FOREIGN KEY (play_id) REFERENCES plays (id) ON DELETE CASCADE,
    CONSTRAINT plays_moods_mood_id_fkey FOREIGN KEY (mood_id) REFERENCES genres (genre_id) ON DELETE CASCADE,
    CONSTRAINT plays_moods_pkey PRIMARY KEY (play_id, mood_id)
) STRICT;

CREATE UNIQUE INDEX charts_owner_title_key ON charts (owner, title);

CREATE INDEX genres_owner_idx ON genres (owner);

CREATE INDEX tracks_owner_id_idx ON tracks (owner_id);
CREATE INDEX tracks_genre_id_idx ON tracks (genre_id);
CREATE INDEX tracks_follows_id_idx ON tracks (follows_id);

CREATE INDEX tracks_moods_idx ON tracks_moods (mood_id, track_id);

CREATE INDEX plays_owner_idx ON plays (owner);
CREATE INDEX plays_track_idx ON plays (track);

CREATE INDEX plays_moods_idx ON plays_moods (mood_id, play_id);

INSERT INTO schema_migrations (version, name) VALUES (11, 'add_int32_and_generated_keys');
COMMIT;
