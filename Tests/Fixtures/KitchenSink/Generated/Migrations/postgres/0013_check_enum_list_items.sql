-- Migration 0013_check_enum_list_items for PostgreSQL, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.
--
-- LONG LOCKS OR TABLE REWRITES (on a large table, apply at a quiet time):
--   * badges: ADD CONSTRAINT badges_colors_check reads every row of badges while writes wait
--   * widgets: ADD CONSTRAINT widgets_levels_check reads every row of widgets while writes wait

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer NOT NULL PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE badges DROP CONSTRAINT badges_colors_check;
ALTER TABLE widgets DROP CONSTRAINT widgets_levels_check;

ALTER TABLE badges ADD CONSTRAINT badges_colors_check CHECK (array_ndims(colors) = 1 AND array_position(colors, NULL) IS NULL AND colors <@ ARRAY['red', 'green', 'blue-ish']::text[]);
ALTER TABLE widgets ADD CONSTRAINT widgets_levels_check CHECK (jsonb_typeof(levels) = 'array' AND levels <@ '["low","mid","high"]'::jsonb);

INSERT INTO schema_migrations (version, name) VALUES (13, 'check_enum_list_items');
COMMIT;
