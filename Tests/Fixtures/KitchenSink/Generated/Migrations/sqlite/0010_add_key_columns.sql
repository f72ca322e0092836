-- Migration 0010_add_key_columns for SQLite, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE TABLE labels (
    label_code TEXT NOT NULL, -- id
    name TEXT NOT NULL, -- name
    owner TEXT NOT NULL, -- owner
    CONSTRAINT labels_label_code_check CHECK (length(label_code) BETWEEN 1 AND 40),
    CONSTRAINT labels_name_check CHECK (length(name) <= 100),
    CONSTRAINT labels_owner_check CHECK (length(owner) = 36 AND owner = lower(owner)),
    CONSTRAINT labels_owner_fkey FOREIGN KEY (owner) REFERENCES accounts (id) ON DELETE CASCADE,
    CONSTRAINT labels_pkey PRIMARY KEY (label_code)
) STRICT;

CREATE TABLE albums (
    album_id INTEGER NOT NULL, -- id
    title TEXT NOT NULL, -- title
    owner_id TEXT NOT NULL, -- owner
    label_id TEXT, -- label
    sequel_of_id INTEGER, -- sequelOf
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- createdAt
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- updatedAt
    deleted_at TEXT, -- deletedAt
    CONSTRAINT albums_title_check CHECK (length(title) <= 160),
    CONSTRAINT albums_owner_id_check CHECK (length(owner_id) = 36 AND owner_id = lower(owner_id)),
    CONSTRAINT albums_created_at_check CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT albums_updated_at_check CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT albums_deleted_at_check CHECK (deleted_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT albums_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES accounts (id) ON DELETE CASCADE,
    CONSTRAINT albums_label_id_fkey FOREIGN KEY (label_id) REFERENCES labels (label_code) ON DELETE SET NULL,
    CONSTRAINT albums_sequel_of_id_fkey FOREIGN KEY (sequel_of_id) REFERENCES albums (album_id) ON DELETE SET NULL,
    CONSTRAINT albums_pkey PRIMARY KEY (album_id)
) STRICT;

CREATE TABLE albums_guests (
    album_id INTEGER NOT NULL,
    guest_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    CONSTRAINT albums_guests_position_check CHECK (position BETWEEN 0 AND 4 AND length(guest_id) = 36 AND guest_id = lower(guest_id)),
    CONSTRAINT albums_guests_album_id_fkey FOREIGN KEY (album_id) REFERENCES albums (album_id) ON DELETE CASCADE,
    CONSTRAINT albums_guests_guest_id_fkey FOREIGN KEY (guest_id) REFERENCES accounts (id) ON DELETE CASCADE,
    CONSTRAINT albums_guests_pkey PRIMARY KEY (album_id, guest_id)
) STRICT;

CREATE TABLE reviews (
    review_id TEXT NOT NULL, -- id
    album INTEGER NOT NULL, -- album
    stars INTEGER NOT NULL, -- stars
    body TEXT, -- body
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- createdAt
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- updatedAt
    CONSTRAINT reviews_review_id_check CHECK (length(review_id) = 36 AND review_id = lower(review_id)),
    CONSTRAINT reviews_stars_check CHECK (stars BETWEEN 1 AND 5),
    CONSTRAINT reviews_body_check CHECK (length(body) <= 2000),
    CONSTRAINT reviews_created_at_check CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT reviews_updated_at_check CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT reviews_album_fkey FOREIGN KEY (album) REFERENCES albums (album_id) ON DELETE CASCADE,
    CONSTRAINT reviews_pkey PRIMARY KEY (review_id)
) STRICT;

CREATE INDEX labels_owner_idx ON labels (owner);

CREATE INDEX albums_owner_id_idx ON albums (owner_id);
CREATE INDEX albums_label_id_idx ON albums (label_id);
CREATE INDEX albums_sequel_of_id_idx ON albums (sequel_of_id);

CREATE INDEX albums_guests_idx ON albums_guests (guest_id, album_id);

CREATE INDEX reviews_album_idx ON reviews (album);

INSERT INTO schema_migrations (version, name) VALUES (10, 'add_key_columns');
COMMIT;
