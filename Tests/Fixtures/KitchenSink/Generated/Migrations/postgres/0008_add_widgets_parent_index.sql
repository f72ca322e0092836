-- Migration 0008_add_widgets_parent_index for PostgreSQL, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.
--
-- LONG LOCKS OR TABLE REWRITES (on a large table, apply at a quiet time):
--   * widgets: CREATE INDEX widgets_parent_idx blocks writes to widgets while it builds

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer NOT NULL PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX widgets_parent_idx ON widgets (parent);

INSERT INTO schema_migrations (version, name) VALUES (8, 'add_widgets_parent_index');
COMMIT;
