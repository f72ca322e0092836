-- Migration 0002_editor_role for PostgreSQL, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer NOT NULL PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE accounts DROP CONSTRAINT accounts_role_check;

ALTER TABLE accounts ADD CONSTRAINT accounts_role_check CHECK (role IN ('member', 'editor', 'admin'));

INSERT INTO schema_migrations (version, name) VALUES (2, 'editor_role');
COMMIT;
