-- Migration 0001_initial for SQLite, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.
--
-- The first migration: every table of the schemas as they were.

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE TABLE accounts (
    id TEXT NOT NULL, -- id
    email TEXT NOT NULL, -- email
    role TEXT NOT NULL DEFAULT 'member', -- role
    secrets_api_key TEXT, -- secrets.apiKey
    secrets_note TEXT, -- secrets.note
    CONSTRAINT accounts_id_check CHECK (length(id) = 36 AND id = lower(id)),
    CONSTRAINT accounts_email_check CHECK (email GLOB '?*@?*.?*'),
    CONSTRAINT accounts_role_check CHECK (role IN ('member', 'admin')),
    CONSTRAINT accounts_secrets_api_key_check CHECK (length(secrets_api_key) >= 20),
    CONSTRAINT accounts_pkey PRIMARY KEY (id)
) STRICT;

CREATE TABLE widgets (
    id TEXT NOT NULL, -- id
    "default" TEXT, -- default
    class INTEGER NOT NULL DEFAULT 0, -- class
    path TEXT, -- path
    report REAL, -- report
    owner TEXT NOT NULL, -- owner
    parent TEXT, -- parent
    priority TEXT NOT NULL DEFAULT 'normal', -- priority
    visibility TEXT, -- visibility
    mode TEXT NOT NULL DEFAULT 'on', -- mode
    token TEXT, -- token
    homepage TEXT DEFAULT 'https://example.com/a?b=c', -- homepage
    code TEXT DEFAULT 'AB-12"#', -- code
    settings TEXT DEFAULT '{"theme":"dark","sizes":[1,2.5],"nested":{"on":true,"none":null}}', -- settings
    tags TEXT DEFAULT '["a"]', -- tags
    matrix TEXT, -- matrix
    levels TEXT, -- levels
    shape BLOB, -- shape
    layers TEXT, -- layers
    outer_middle_inner_depth INTEGER, -- outer.middle.inner.depth
    outer_middle_inner_label TEXT, -- outer.middle.inner.label
    version INTEGER DEFAULT 1, -- _version
    thumbnail_url TEXT, -- thumbnailURL
    expires_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- expiresAt
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- createdAt
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- updatedAt
    CONSTRAINT widgets_id_check CHECK (length(id) = 36 AND id = lower(id)),
    CONSTRAINT widgets_class_check CHECK (class BETWEEN -5 AND 5),
    CONSTRAINT widgets_path_check CHECK (length(path) <= 10),
    CONSTRAINT widgets_report_check CHECK (report >= 0.5),
    CONSTRAINT widgets_owner_check CHECK (length(owner) = 36 AND owner = lower(owner)),
    CONSTRAINT widgets_parent_check CHECK (length(parent) = 36 AND parent = lower(parent)),
    CONSTRAINT widgets_priority_check CHECK (priority IN ('low', 'normal', 'high')),
    CONSTRAINT widgets_visibility_check CHECK (visibility IN ('private', 'team', 'public')),
    CONSTRAINT widgets_mode_check CHECK (mode IN ('on', 'off', '1', 'default', 'on_hold')),
    CONSTRAINT widgets_token_check CHECK (length(token) = 36 AND token = lower(token)),
    CONSTRAINT widgets_homepage_check CHECK (homepage GLOB '[A-Za-z]*://?*'),
    CONSTRAINT widgets_settings_check CHECK ((settings IS NULL OR json_valid(settings))),
    CONSTRAINT widgets_tags_check CHECK ((tags IS NULL OR json_valid(tags)) AND json_type(tags) = 'array' AND json_array_length(tags) BETWEEN 1 AND 4),
    CONSTRAINT widgets_matrix_check CHECK ((matrix IS NULL OR json_valid(matrix)) AND json_type(matrix) = 'array'),
    CONSTRAINT widgets_levels_check CHECK ((levels IS NULL OR json_valid(levels)) AND json_type(levels) = 'array'),
    CONSTRAINT widgets_shape_check CHECK (length(shape) = 12),
    CONSTRAINT widgets_layers_check CHECK ((layers IS NULL OR json_valid(layers)) AND json_type(layers) = 'array' AND json_array_length(layers) <= 8),
    CONSTRAINT widgets_outer_middle_inner_depth_check CHECK (outer_middle_inner_depth <= 3),
    CONSTRAINT widgets_outer_middle_inner_label_check CHECK (length(outer_middle_inner_label) <= 5),
    CONSTRAINT widgets_thumbnail_url_check CHECK (thumbnail_url GLOB '[A-Za-z]*://?*'),
    CONSTRAINT widgets_expires_at_check CHECK (expires_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT widgets_created_at_check CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT widgets_updated_at_check CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT widgets_owner_fkey FOREIGN KEY (owner) REFERENCES accounts (id) ON DELETE CASCADE,
    CONSTRAINT widgets_parent_fkey FOREIGN KEY (parent) REFERENCES widgets (id) ON DELETE SET NULL,
    CONSTRAINT widgets_pkey PRIMARY KEY (id)
) STRICT;

CREATE TABLE widgets_watchers (
    widget_id TEXT NOT NULL,
    watcher_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    CONSTRAINT widgets_watchers_position_check CHECK (position BETWEEN 0 AND 2 AND length(widget_id) = 36 AND widget_id = lower(widget_id) AND length(watcher_id) = 36 AND watcher_id = lower(watcher_id)),
    CONSTRAINT widgets_watchers_widget_id_fkey FOREIGN KEY (widget_id) REFERENCES widgets (id) ON DELETE CASCADE,
    CONSTRAINT widgets_watchers_watcher_id_fkey FOREIGN KEY (watcher_id) REFERENCES accounts (id) ON DELETE CASCADE,
    CONSTRAINT widgets_watchers_pkey PRIMARY KEY (widget_id, watcher_id)
) STRICT;

CREATE UNIQUE INDEX accounts_email_key ON accounts (email);

CREATE INDEX widgets_expires_at_idx ON widgets (expires_at) WHERE mode <> 'off' AND visibility IS NOT NULL;
CREATE TRIGGER widgets_expires_at_idx_expire AFTER INSERT ON widgets BEGIN
    DELETE FROM widgets WHERE expires_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-43200 seconds') AND mode <> 'off' AND visibility IS NOT NULL;
END;
CREATE INDEX widgets_owner_priority ON widgets (owner, priority DESC);
CREATE INDEX widgets_outer_middle_inner_depth_idx ON widgets (outer_middle_inner_depth);
CREATE VIRTUAL TABLE widgets_default_search USING fts5("default", content='widgets', content_rowid='rowid', tokenize='porter unicode61');
CREATE TRIGGER widgets_default_search_insert AFTER INSERT ON widgets BEGIN
    INSERT INTO widgets_default_search (rowid, "default") VALUES (new.rowid, new."default");
END;
CREATE TRIGGER widgets_default_search_delete AFTER DELETE ON widgets BEGIN
    INSERT INTO widgets_default_search (widgets_default_search, rowid, "default") VALUES ('delete', old.rowid, old."default");
END;
CREATE TRIGGER widgets_default_search_update AFTER UPDATE OF "default" ON widgets BEGIN
    INSERT INTO widgets_default_search (widgets_default_search, rowid, "default") VALUES ('delete', old.rowid, old."default");
    INSERT INTO widgets_default_search (rowid, "default") VALUES (new.rowid, new."default");
END;

CREATE INDEX widgets_watchers_idx ON widgets_watchers (watcher_id, widget_id);

INSERT INTO schema_migrations (version, name) VALUES (1, 'initial');
COMMIT;
