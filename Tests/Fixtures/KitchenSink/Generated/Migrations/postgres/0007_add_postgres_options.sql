-- Migration 0007_add_postgres_options for PostgreSQL, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer NOT NULL PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

CREATE TYPE ticket_status AS ENUM ('open', 'in-progress', 'won''t fix', 'closed');
CREATE TYPE priority AS ENUM ('low', 'normal', 'high');

CREATE TABLE tickets (
    id uuid NOT NULL DEFAULT gen_random_uuid(), -- id
    title text NOT NULL, -- title
    status ticket_status NOT NULL DEFAULT 'open', -- status
    priority priority, -- priority
    created_at timestamptz NOT NULL DEFAULT now(), -- createdAt
    updated_at timestamptz NOT NULL DEFAULT now(), -- updatedAt
    CONSTRAINT tickets_title_check CHECK (char_length(title) <= 200),
    CONSTRAINT tickets_pkey PRIMARY KEY (id)
);

CREATE INDEX tickets_status_title_idx ON tickets (status, title);
CREATE INDEX tickets_priority_idx ON tickets (priority);
ALTER TABLE tickets ENABLE ROW LEVEL SECURITY;
ALTER TABLE tickets FORCE ROW LEVEL SECURITY;
CREATE POLICY tickets_read ON tickets FOR SELECT
    USING (
        true
    );
CREATE POLICY tickets_create ON tickets FOR INSERT
    WITH CHECK (
        schemagen_user_id() IS NOT NULL
    );
CREATE POLICY tickets_update ON tickets FOR UPDATE
    USING (
        schemagen_user_id() IS NOT NULL
    )
    WITH CHECK (
        schemagen_user_id() IS NOT NULL
    );
CREATE POLICY tickets_delete ON tickets FOR DELETE
    USING (
        schemagen_role() = 'admin'
    );

INSERT INTO schema_migrations (version, name) VALUES (7, 'add_postgres_options');
COMMIT;
