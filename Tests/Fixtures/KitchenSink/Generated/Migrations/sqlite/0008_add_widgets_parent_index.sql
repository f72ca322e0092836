-- Migration 0008_add_widgets_parent_index for SQLite, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.
--
-- LONG LOCKS OR TABLE REWRITES (on a large table, apply at a quiet time):
--   * widgets: CREATE INDEX widgets_parent_idx reads every row of widgets while the migration holds the write lock

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE INDEX widgets_parent_idx ON widgets (parent);

INSERT INTO schema_migrations (version, name) VALUES (8, 'add_widgets_parent_index');
COMMIT;
