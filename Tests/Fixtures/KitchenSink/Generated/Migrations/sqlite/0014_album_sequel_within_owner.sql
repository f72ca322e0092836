-- Migration 0014_album_sequel_within_owner for SQLite, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.
--
-- DESTRUCTIVE OR RISKY (each accepted with `schemagen migrate --allow ID`, or all with --allow-destructive):
--   * [add-foreign-key:albums_sequel_of_id_scope_fkey] adds foreign key albums_sequel_of_id_scope_fkey to albums over existing columns: the migration fails if a row already breaks it (Tests/Fixtures/KitchenSink/schemas/albums.yaml:15:3)
--
-- Tables are rebuilt or dropped, so foreign keys are off while the migration runs (PRAGMA
-- foreign_keys cannot change inside a transaction) and every one is checked before it commits.
--
-- LONG LOCKS OR TABLE REWRITES (on a large table, apply at a quiet time):
--   * albums: rebuilt, every row copied, while the migration holds the write lock
--   * albums: CREATE INDEX albums_owner_id_idx reads every row of albums while the migration holds the write lock
--   * albums: CREATE INDEX albums_label_id_idx reads every row of albums while the migration holds the write lock
--   * albums: CREATE INDEX albums_sequel_of_id_idx reads every row of albums while the migration holds the write lock

PRAGMA foreign_keys = OFF;

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

DROP INDEX albums_sequel_of_id_idx;
DROP INDEX albums_label_id_idx;
DROP INDEX albums_owner_id_idx;

-- albums: changes its constraints; SQLite rebuilds the table (copy, drop, rename).
CREATE TABLE new_albums (
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
    CONSTRAINT albums_sequel_of_id_scope_fkey FOREIGN KEY (sequel_of_id, owner_id) REFERENCES albums (album_id, owner_id) ON UPDATE CASCADE,
    CONSTRAINT albums_album_id_owner_id_key UNIQUE (album_id, owner_id),
    CONSTRAINT albums_pkey PRIMARY KEY (album_id)
) STRICT;
INSERT INTO new_albums (rowid, album_id, title, owner_id, label_id, sequel_of_id, created_at, updated_at, deleted_at)
    SELECT rowid, album_id, title, owner_id, label_id, sequel_of_id, created_at, updated_at, deleted_at FROM albums;
DROP TABLE albums;
ALTER TABLE new_albums RENAME TO albums;

-- Every foreign key must still hold: a violation fails the migration here (CHECK constraint failed).
CREATE TEMP TABLE schemagen_foreign_key_check (violations INTEGER NOT NULL CHECK (violations = 0));
INSERT INTO schemagen_foreign_key_check SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE schemagen_foreign_key_check;

CREATE INDEX albums_owner_id_idx ON albums (owner_id);
CREATE INDEX albums_label_id_idx ON albums (label_id);
CREATE INDEX albums_sequel_of_id_idx ON albums (sequel_of_id);

INSERT INTO schema_migrations (version, name) VALUES (14, 'album_sequel_within_owner');
COMMIT;

PRAGMA foreign_keys = ON;
