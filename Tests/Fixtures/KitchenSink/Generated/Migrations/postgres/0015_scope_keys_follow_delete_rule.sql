-- Migration 0015_scope_keys_follow_delete_rule for PostgreSQL, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.
--
-- LONG LOCKS OR TABLE REWRITES (on a large table, apply at a quiet time):
--   * albums: ADD CONSTRAINT albums_sequel_of_id_scope_fkey reads every row of albums while writes wait

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer NOT NULL PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE albums DROP CONSTRAINT albums_sequel_of_id_scope_fkey;

ALTER TABLE albums ADD CONSTRAINT albums_sequel_of_id_scope_fkey FOREIGN KEY (sequel_of_id, owner_id) REFERENCES albums (album_id, owner_id) ON UPDATE CASCADE ON DELETE SET NULL (sequel_of_id);

INSERT INTO schema_migrations (version, name) VALUES (15, 'scope_keys_follow_delete_rule');
COMMIT;
