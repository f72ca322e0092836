-- Migration 0003_add_notes for PostgreSQL, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer NOT NULL PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE notes (
    id uuid NOT NULL DEFAULT gen_random_uuid(), -- id
    body text NOT NULL, -- body
    widget_id uuid NOT NULL, -- widget
    written_by uuid, -- author
    created_at timestamptz NOT NULL DEFAULT now(), -- createdAt
    updated_at timestamptz NOT NULL DEFAULT now(), -- updatedAt
    CONSTRAINT notes_body_check CHECK (char_length(body) <= 2000),
    CONSTRAINT notes_pkey PRIMARY KEY (id)
);

ALTER TABLE notes ADD CONSTRAINT notes_widget_id_fkey FOREIGN KEY (widget_id) REFERENCES widgets (id) ON DELETE CASCADE;
ALTER TABLE notes ADD CONSTRAINT notes_written_by_fkey FOREIGN KEY (written_by) REFERENCES accounts (id) ON DELETE SET NULL;

CREATE INDEX notes_widget_id_idx ON notes (widget_id);
CREATE INDEX notes_written_by_idx ON notes (written_by);
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE notes FORCE ROW LEVEL SECURITY;
CREATE POLICY notes_read ON notes FOR SELECT
    USING (
        true
    );

INSERT INTO schema_migrations (version, name) VALUES (3, 'add_notes');
COMMIT;
