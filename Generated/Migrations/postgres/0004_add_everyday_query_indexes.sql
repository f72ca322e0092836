-- Migration 0004_add_everyday_query_indexes for PostgreSQL, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.
--
-- LONG LOCKS OR TABLE REWRITES (on a large table, apply at a quiet time):
--   * projects: CREATE INDEX projects_created_at_idx blocks writes to projects while it builds
--   * media: CREATE INDEX media_project_media_type_created_at_idx blocks writes to media while it builds

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer NOT NULL PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

DROP INDEX media_project_media_type_idx;

CREATE INDEX projects_created_at_idx ON projects (created_at);

CREATE INDEX media_project_media_type_created_at_idx ON media (project, media_type, created_at DESC);

INSERT INTO schema_migrations (version, name) VALUES (4, 'add_everyday_query_indexes');
COMMIT;
