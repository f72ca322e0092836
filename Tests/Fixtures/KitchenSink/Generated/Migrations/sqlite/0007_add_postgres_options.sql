-- Migration 0007_add_postgres_options for SQLite, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE TABLE tickets (
    id TEXT NOT NULL, -- id
    title TEXT NOT NULL, -- title
    status TEXT NOT NULL DEFAULT 'open', -- status
    priority TEXT, -- priority
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- createdAt
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- updatedAt
    CONSTRAINT tickets_id_check CHECK (length(id) = 36 AND id = lower(id)),
    CONSTRAINT tickets_title_check CHECK (length(title) <= 200),
    CONSTRAINT tickets_status_check CHECK (status IN ('open', 'in-progress', 'won''t fix', 'closed')),
    CONSTRAINT tickets_priority_check CHECK (priority IN ('low', 'normal', 'high')),
    CONSTRAINT tickets_created_at_check CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT tickets_updated_at_check CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT tickets_pkey PRIMARY KEY (id)
) STRICT;

CREATE INDEX tickets_status_title_idx ON tickets (status, title);
CREATE INDEX tickets_priority_idx ON tickets (priority);

INSERT INTO schema_migrations (version, name) VALUES (7, 'add_postgres_options');
COMMIT;
