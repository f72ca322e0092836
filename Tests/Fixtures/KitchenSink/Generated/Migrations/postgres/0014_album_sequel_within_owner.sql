-- Migration 0014_album_sequel_within_owner for PostgreSQL, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.
--
-- DESTRUCTIVE OR RISKY (each accepted with `schemagen migrate --allow ID`, or all with --allow-destructive):
--   * [add-foreign-key:albums_sequel_of_id_scope_fkey] adds foreign key albums_sequel_of_id_scope_fkey to albums over existing columns: the migration fails if a row already breaks it (Tests/Fixtures/KitchenSink/schemas/albums.yaml:15:3)
--
-- LONG LOCKS OR TABLE REWRITES (on a large table, apply at a quiet time):
--   * albums: ADD CONSTRAINT albums_sequel_of_id_scope_fkey reads every row of albums while writes wait

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer NOT NULL PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE albums ADD CONSTRAINT albums_album_id_owner_id_key UNIQUE (album_id, owner_id);
ALTER TABLE albums ADD CONSTRAINT albums_sequel_of_id_scope_fkey FOREIGN KEY (sequel_of_id, owner_id) REFERENCES albums (album_id, owner_id) ON UPDATE CASCADE;

INSERT INTO schema_migrations (version, name) VALUES (14, 'album_sequel_within_owner');
COMMIT;
