-- Migration 0012_add_native_arrays for PostgreSQL, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer NOT NULL PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE badges (
    id uuid NOT NULL DEFAULT gen_random_uuid(), -- id
    owner uuid NOT NULL, -- owner
    title text NOT NULL, -- title
    tags text[] NOT NULL DEFAULT '{"new"}'::text[], -- tags
    scores bigint[], -- scores
    ranks integer[], -- ranks
    links uuid[], -- links
    flags boolean[], -- flags
    colors text[], -- colors
    created_at timestamptz NOT NULL DEFAULT now(), -- createdAt
    updated_at timestamptz NOT NULL DEFAULT now(), -- updatedAt
    CONSTRAINT badges_title_check CHECK (char_length(title) <= 200),
    CONSTRAINT badges_tags_check CHECK (array_ndims(tags) = 1 AND array_position(tags, NULL) IS NULL),
    CONSTRAINT badges_scores_check CHECK (array_ndims(scores) = 1 AND array_position(scores, NULL) IS NULL),
    CONSTRAINT badges_ranks_check CHECK (array_ndims(ranks) = 1 AND array_position(ranks, NULL) IS NULL AND cardinality(ranks) <= 5),
    CONSTRAINT badges_links_check CHECK (array_ndims(links) = 1 AND array_position(links, NULL) IS NULL),
    CONSTRAINT badges_flags_check CHECK (array_ndims(flags) = 1 AND array_position(flags, NULL) IS NULL),
    CONSTRAINT badges_colors_check CHECK (array_ndims(colors) = 1 AND array_position(colors, NULL) IS NULL),
    CONSTRAINT badges_pkey PRIMARY KEY (id)
);

ALTER TABLE badges ADD CONSTRAINT badges_owner_fkey FOREIGN KEY (owner) REFERENCES accounts (id) ON DELETE CASCADE;

CREATE INDEX badges_owner_idx ON badges (owner);
CREATE INDEX badges_tags_gin ON badges USING gin (tags);
ALTER TABLE badges ENABLE ROW LEVEL SECURITY;
ALTER TABLE badges FORCE ROW LEVEL SECURITY;
CREATE POLICY badges_read ON badges FOR SELECT
    USING (
        badges.owner = schemagen_user_id()
        OR schemagen_role() = 'admin'
    );
CREATE POLICY badges_create ON badges FOR INSERT
    WITH CHECK (
        badges.owner = schemagen_user_id()
        OR schemagen_role() = 'admin'
    );
CREATE POLICY badges_update ON badges FOR UPDATE
    USING (
        badges.owner = schemagen_user_id()
        OR schemagen_role() = 'admin'
    )
    WITH CHECK (
        badges.owner = schemagen_user_id()
        OR schemagen_role() = 'admin'
    );
CREATE POLICY badges_delete ON badges FOR DELETE
    USING (
        badges.owner = schemagen_user_id()
        OR schemagen_role() = 'admin'
    );

INSERT INTO schema_migrations (version, name) VALUES (12, 'add_native_arrays');
COMMIT;
