-- Migration 0003_add_project_version for PostgreSQL, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer NOT NULL PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE projects ADD COLUMN version bigint NOT NULL DEFAULT 1;

INSERT INTO schema_migrations (version, name) VALUES (3, 'add_project_version');
COMMIT;
