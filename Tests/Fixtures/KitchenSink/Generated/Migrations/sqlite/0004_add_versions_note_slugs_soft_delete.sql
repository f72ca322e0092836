-- Migration 0004_add_versions_note_slugs_soft_delete for SQLite, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.
--
-- DESTRUCTIVE OR RISKY (each accepted with `schemagen migrate --allow ID`, or all with --allow-destructive):
--   * [add-unique-index:notes_slug_key] adds unique index notes_slug_key to notes: the migration fails if rows already repeat a value (Tests/Fixtures/KitchenSink/schemas/notes.yaml:10:3)
--
-- Tables are rebuilt or dropped, so foreign keys are off while the migration runs (PRAGMA
-- foreign_keys cannot change inside a transaction) and every one is checked before it commits.
--
-- LONG LOCKS OR TABLE REWRITES (on a large table, apply at a quiet time):
--   * notes: rebuilt, every row copied, while the migration holds the write lock
--   * notes: CREATE INDEX notes_slug_key reads every row of notes while the migration holds the write lock
--   * notes: CREATE INDEX notes_widget_id_idx reads every row of notes while the migration holds the write lock
--   * notes: CREATE INDEX notes_written_by_idx reads every row of notes while the migration holds the write lock

PRAGMA foreign_keys = OFF;

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

DROP INDEX notes_written_by_idx;
DROP INDEX notes_widget_id_idx;

ALTER TABLE widgets ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;

-- notes: adds slug, deleted_at, version; SQLite rebuilds the table (copy, drop, rename).
CREATE TABLE new_notes (
    id TEXT NOT NULL, -- id
    body TEXT NOT NULL, -- body
    widget_id TEXT NOT NULL, -- widget
    written_by TEXT, -- author
    slug TEXT, -- slug
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- createdAt
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- updatedAt
    deleted_at TEXT, -- deletedAt
    version INTEGER NOT NULL DEFAULT 1, -- version
    CONSTRAINT notes_id_check CHECK (length(id) = 36 AND id = lower(id)),
    CONSTRAINT notes_body_check CHECK (length(body) <= 2000),
    CONSTRAINT notes_widget_id_check CHECK (length(widget_id) = 36 AND widget_id = lower(widget_id)),
    CONSTRAINT notes_written_by_check CHECK (length(written_by) = 36 AND written_by = lower(written_by)),
    CONSTRAINT notes_slug_check CHECK (length(slug) <= 60),
    CONSTRAINT notes_created_at_check CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT notes_updated_at_check CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT notes_deleted_at_check CHECK (deleted_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT notes_widget_id_fkey FOREIGN KEY (widget_id) REFERENCES widgets (id) ON DELETE CASCADE,
    CONSTRAINT notes_written_by_fkey FOREIGN KEY (written_by) REFERENCES accounts (id) ON DELETE SET NULL,
    CONSTRAINT notes_pkey PRIMARY KEY (id)
) STRICT;
INSERT INTO new_notes (rowid, id, body, widget_id, written_by, created_at, updated_at)
    SELECT rowid, id, body, widget_id, written_by, created_at, updated_at FROM notes;
DROP TABLE notes;
ALTER TABLE new_notes RENAME TO notes;

-- Every foreign key must still hold: a violation fails the migration here (CHECK constraint failed).
CREATE TEMP TABLE schemagen_foreign_key_check (violations INTEGER NOT NULL CHECK (violations = 0));
INSERT INTO schemagen_foreign_key_check SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE schemagen_foreign_key_check;

CREATE UNIQUE INDEX notes_slug_key ON notes (slug);
CREATE INDEX notes_widget_id_idx ON notes (widget_id);
CREATE INDEX notes_written_by_idx ON notes (written_by);

INSERT INTO schema_migrations (version, name) VALUES (4, 'add_versions_note_slugs_soft_delete');
COMMIT;

PRAGMA foreign_keys = ON;
