-- Migration 0001_initial for PostgreSQL, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.
--
-- The first migration: every table of the schemas as they were.

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer NOT NULL PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE accounts (
    id uuid NOT NULL DEFAULT gen_random_uuid(), -- id
    email text NOT NULL, -- email
    role text NOT NULL DEFAULT 'member', -- role
    secrets_api_key text, -- secrets.apiKey
    secrets_note text, -- secrets.note
    CONSTRAINT accounts_email_check CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
    CONSTRAINT accounts_role_check CHECK (role IN ('member', 'admin')),
    CONSTRAINT accounts_secrets_api_key_check CHECK (char_length(secrets_api_key) >= 20),
    CONSTRAINT accounts_pkey PRIMARY KEY (id)
);

CREATE TABLE widgets (
    id uuid NOT NULL, -- id
    "default" text, -- default
    class bigint NOT NULL DEFAULT 0, -- class
    path text, -- path
    report double precision, -- report
    owner uuid NOT NULL, -- owner
    parent uuid, -- parent
    priority text NOT NULL DEFAULT 'normal', -- priority
    visibility text, -- visibility
    mode text NOT NULL DEFAULT 'on', -- mode
    token uuid, -- token
    homepage text DEFAULT 'https://example.com/a?b=c', -- homepage
    code text DEFAULT 'AB-12"#', -- code
    settings jsonb DEFAULT '{"theme":"dark","sizes":[1,2.5],"nested":{"on":true,"none":null}}'::jsonb, -- settings
    tags jsonb DEFAULT '["a"]'::jsonb, -- tags
    matrix jsonb, -- matrix
    levels jsonb, -- levels
    shape real[], -- shape
    layers jsonb, -- layers
    outer_middle_inner_depth bigint, -- outer.middle.inner.depth
    outer_middle_inner_label text, -- outer.middle.inner.label
    version bigint DEFAULT 1, -- _version
    thumbnail_url text, -- thumbnailURL
    expires_at timestamptz DEFAULT now(), -- expiresAt
    created_at timestamptz NOT NULL DEFAULT now(), -- createdAt
    updated_at timestamptz NOT NULL DEFAULT now(), -- updatedAt
    CONSTRAINT widgets_class_check CHECK (class BETWEEN -5 AND 5),
    CONSTRAINT widgets_path_check CHECK (char_length(path) <= 10),
    CONSTRAINT widgets_report_check CHECK (report >= 0.5),
    CONSTRAINT widgets_priority_check CHECK (priority IN ('low', 'normal', 'high')),
    CONSTRAINT widgets_visibility_check CHECK (visibility IN ('private', 'team', 'public')),
    CONSTRAINT widgets_mode_check CHECK (mode IN ('on', 'off', '1', 'default', 'on_hold')),
    CONSTRAINT widgets_homepage_check CHECK (homepage ~ '^[A-Za-z][A-Za-z0-9+.-]*://[^[:space:]/?#]+'),
    CONSTRAINT widgets_code_check CHECK (code ~ '^[A-Z]{2}-\d+"#$'),
    CONSTRAINT widgets_tags_check CHECK (jsonb_typeof(tags) = 'array' AND jsonb_array_length(tags) BETWEEN 1 AND 4),
    CONSTRAINT widgets_matrix_check CHECK (jsonb_typeof(matrix) = 'array'),
    CONSTRAINT widgets_levels_check CHECK (jsonb_typeof(levels) = 'array'),
    CONSTRAINT widgets_shape_check CHECK (cardinality(shape) = 3 AND array_ndims(shape) = 1 AND array_position(shape, NULL) IS NULL),
    CONSTRAINT widgets_layers_check CHECK (jsonb_typeof(layers) = 'array' AND jsonb_array_length(layers) <= 8),
    CONSTRAINT widgets_outer_middle_inner_depth_check CHECK (outer_middle_inner_depth <= 3),
    CONSTRAINT widgets_outer_middle_inner_label_check CHECK (char_length(outer_middle_inner_label) <= 5),
    CONSTRAINT widgets_thumbnail_url_check CHECK (thumbnail_url ~ '^[A-Za-z][A-Za-z0-9+.-]*://[^[:space:]/?#]+'),
    CONSTRAINT widgets_pkey PRIMARY KEY (id)
);

CREATE TABLE widgets_watchers (
    widget_id uuid NOT NULL,
    watcher_id uuid NOT NULL,
    position integer NOT NULL,
    CONSTRAINT widgets_watchers_position_check CHECK (position BETWEEN 0 AND 2),
    CONSTRAINT widgets_watchers_pkey PRIMARY KEY (widget_id, watcher_id)
);

ALTER TABLE widgets ADD CONSTRAINT widgets_owner_fkey FOREIGN KEY (owner) REFERENCES accounts (id) ON DELETE CASCADE;
ALTER TABLE widgets ADD CONSTRAINT widgets_parent_fkey FOREIGN KEY (parent) REFERENCES widgets (id) ON DELETE SET NULL;
ALTER TABLE widgets_watchers ADD CONSTRAINT widgets_watchers_widget_id_fkey FOREIGN KEY (widget_id) REFERENCES widgets (id) ON DELETE CASCADE;
ALTER TABLE widgets_watchers ADD CONSTRAINT widgets_watchers_watcher_id_fkey FOREIGN KEY (watcher_id) REFERENCES accounts (id) ON DELETE CASCADE;

CREATE OR REPLACE FUNCTION schemagen_user_id() RETURNS uuid
    LANGUAGE sql STABLE
    AS $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;
CREATE OR REPLACE FUNCTION schemagen_role() RETURNS text
    LANGUAGE sql STABLE
    AS $$ SELECT CASE WHEN schemagen_user_id() IS NULL THEN NULL ELSE nullif(current_setting('app.role', true), '') END $$;
CREATE OR REPLACE FUNCTION schemagen_l2_distance(a real[], b real[]) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT sqrt(sum((x - y) * (x - y))) FROM unnest(a, b) AS v(x, y) $$;

CREATE UNIQUE INDEX accounts_email_key ON accounts (email);

CREATE INDEX widgets_owner_priority ON widgets (owner, priority DESC);
CREATE INDEX widgets_outer_middle_inner_depth_idx ON widgets (outer_middle_inner_depth);
CREATE INDEX widgets_default_search ON widgets USING gin (to_tsvector('english', coalesce("default", '')));
CREATE INDEX widgets_expires_at_idx ON widgets (expires_at) WHERE mode <> 'off' AND visibility IS NOT NULL;

CREATE OR REPLACE FUNCTION widgets_expires_at_idx_delete_expired() RETURNS bigint
    LANGUAGE sql
    AS $$
        WITH expired AS (
            DELETE FROM widgets WHERE expires_at < now() - interval '12 hours' AND mode <> 'off' AND visibility IS NOT NULL RETURNING 1
        )
        SELECT count(*) FROM expired
    $$;

CREATE INDEX widgets_watchers_idx ON widgets_watchers (watcher_id, widget_id);

CREATE OR REPLACE FUNCTION widgets_watchers_includes_caller(record_id uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT
    AS $$ SELECT EXISTS (SELECT 1 FROM widgets_watchers WHERE widget_id = record_id AND watcher_id = schemagen_user_id()) $$;

ALTER TABLE widgets_watchers ENABLE ROW LEVEL SECURITY;
CREATE POLICY widgets_watchers_read ON widgets_watchers FOR SELECT
    USING (EXISTS (SELECT 1 FROM widgets WHERE widgets.id = widgets_watchers.widget_id));
CREATE POLICY widgets_watchers_create ON widgets_watchers FOR INSERT
    WITH CHECK (
        EXISTS (
            SELECT 1 FROM widgets WHERE widgets.id = widgets_watchers.widget_id AND (
                widgets.owner = schemagen_user_id()
                OR widgets_watchers_includes_caller(widgets.id)
                OR schemagen_role() = 'editor'
            )
        )
    );
CREATE POLICY widgets_watchers_update ON widgets_watchers FOR UPDATE
    USING (
        EXISTS (
            SELECT 1 FROM widgets WHERE widgets.id = widgets_watchers.widget_id AND (
                widgets.owner = schemagen_user_id()
                OR widgets_watchers_includes_caller(widgets.id)
                OR schemagen_role() = 'editor'
            )
        )
    )
    WITH CHECK (
        EXISTS (
            SELECT 1 FROM widgets WHERE widgets.id = widgets_watchers.widget_id AND (
                widgets.owner = schemagen_user_id()
                OR widgets_watchers_includes_caller(widgets.id)
                OR schemagen_role() = 'editor'
            )
        )
    );
CREATE POLICY widgets_watchers_delete ON widgets_watchers FOR DELETE
    USING (
        EXISTS (
            SELECT 1 FROM widgets WHERE widgets.id = widgets_watchers.widget_id AND (
                widgets.owner = schemagen_user_id()
                OR widgets_watchers_includes_caller(widgets.id)
                OR schemagen_role() = 'editor'
            )
        )
    );

ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE accounts FORCE ROW LEVEL SECURITY;
CREATE POLICY accounts_read ON accounts FOR SELECT
    USING (
        accounts.id = schemagen_user_id()
        OR schemagen_role() = 'admin'
    );
CREATE POLICY accounts_create ON accounts FOR INSERT
    WITH CHECK (
        true
    );
CREATE POLICY accounts_update ON accounts FOR UPDATE
    USING (
        accounts.id = schemagen_user_id()
        OR schemagen_role() = 'admin'
    )
    WITH CHECK (
        accounts.id = schemagen_user_id()
        OR schemagen_role() = 'admin'
    );

ALTER TABLE widgets ENABLE ROW LEVEL SECURITY;
ALTER TABLE widgets FORCE ROW LEVEL SECURITY;
CREATE POLICY widgets_read ON widgets FOR SELECT
    USING (
        true
    );
CREATE POLICY widgets_create ON widgets FOR INSERT
    WITH CHECK (
        widgets.owner = schemagen_user_id()
    );
CREATE POLICY widgets_update ON widgets FOR UPDATE
    USING (
        widgets.owner = schemagen_user_id()
        OR widgets_watchers_includes_caller(widgets.id)
        OR schemagen_role() = 'editor'
    )
    WITH CHECK (
        widgets.owner = schemagen_user_id()
        OR widgets_watchers_includes_caller(widgets.id)
        OR schemagen_role() = 'editor'
    );

INSERT INTO schema_migrations (version, name) VALUES (1, 'initial');
COMMIT;
