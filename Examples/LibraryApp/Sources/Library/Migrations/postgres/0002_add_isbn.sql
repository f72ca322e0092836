-- Migration 0002_add_isbn for PostgreSQL, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer NOT NULL PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE books ADD COLUMN isbn text;

INSERT INTO schema_migrations (version, name) VALUES (2, 'add_isbn');
COMMIT;
