-- Migration 0003_add_notes for SQLite, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE TABLE notes (
    id TEXT NOT NULL, -- id
    body TEXT NOT NULL, -- body
    widget_id TEXT NOT NULL, -- widget
    written_by TEXT, -- author
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- createdAt
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- updatedAt
    CONSTRAINT notes_id_check CHECK (length(id) = 36 AND id = lower(id)),
    CONSTRAINT notes_body_check CHECK (length(body) <= 2000),
    CONSTRAINT notes_widget_id_check CHECK (length(widget_id) = 36 AND widget_id = lower(widget_id)),
    CONSTRAINT notes_written_by_check CHECK (length(written_by) = 36 AND written_by = lower(written_by)),
    CONSTRAINT notes_created_at_check CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT notes_updated_at_check CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT notes_widget_id_fkey FOREIGN KEY (widget_id) REFERENCES widgets (id) ON DELETE CASCADE,
    CONSTRAINT notes_written_by_fkey FOREIGN KEY (written_by) REFERENCES accounts (id) ON DELETE SET NULL,
    CONSTRAINT notes_pkey PRIMARY KEY (id)
) STRICT;

CREATE INDEX notes_widget_id_idx ON notes (widget_id);
CREATE INDEX notes_written_by_idx ON notes (written_by);

INSERT INTO schema_migrations (version, name) VALUES (3, 'add_notes');
COMMIT;
