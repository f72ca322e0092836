-- Migration 0004_add_versions_note_slugs_soft_delete for PostgreSQL, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.
--
-- DESTRUCTIVE OR RISKY (each accepted with `schemagen migrate --allow ID`, or all with --allow-destructive):
--   * [add-unique-index:notes_slug_key] adds unique index notes_slug_key to notes: the migration fails if rows already repeat a value (Tests/Fixtures/KitchenSink/schemas/notes.yaml:10:3)
--
-- LONG LOCKS OR TABLE REWRITES (on a large table, apply at a quiet time):
--   * notes: ADD CONSTRAINT notes_slug_check reads every row of notes while writes wait
--   * notes: CREATE INDEX notes_slug_key blocks writes to notes while it builds

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer NOT NULL PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE widgets ADD COLUMN revision bigint NOT NULL DEFAULT 1;
ALTER TABLE notes ADD COLUMN slug text;
ALTER TABLE notes ADD COLUMN deleted_at timestamptz;
ALTER TABLE notes ADD COLUMN version bigint NOT NULL DEFAULT 1;

ALTER TABLE notes ADD CONSTRAINT notes_slug_check CHECK (char_length(slug) <= 60);

CREATE UNIQUE INDEX notes_slug_key ON notes (slug);

INSERT INTO schema_migrations (version, name) VALUES (4, 'add_versions_note_slugs_soft_delete');
COMMIT;
