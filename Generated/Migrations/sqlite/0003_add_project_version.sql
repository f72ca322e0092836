-- Migration 0003_add_project_version for SQLite, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

ALTER TABLE projects ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

INSERT INTO schema_migrations (version, name) VALUES (3, 'add_project_version');
COMMIT;
