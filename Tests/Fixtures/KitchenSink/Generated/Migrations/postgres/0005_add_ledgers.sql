-- Migration 0005_add_ledgers for PostgreSQL, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer NOT NULL PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ledgers (
    id uuid NOT NULL DEFAULT gen_random_uuid(), -- id
    line_count smallint NOT NULL DEFAULT 0, -- lineCount
    quantity integer, -- quantity
    serial bigint NOT NULL, -- serial
    amount numeric(18, 4) NOT NULL DEFAULT 0.5, -- amount
    rate numeric(5, 0), -- rate
    booked_on date NOT NULL, -- bookedOn
    due_on date, -- dueOn
    posted_at timestamp NOT NULL, -- postedAt
    settled_at timestamp, -- settledAt
    signature bytea NOT NULL, -- signature
    attachment bytea, -- attachment
    memo varchar(40), -- memo
    created_at timestamptz NOT NULL DEFAULT now(), -- createdAt
    updated_at timestamptz NOT NULL DEFAULT now(), -- updatedAt
    CONSTRAINT ledgers_quantity_check CHECK (quantity >= 0),
    CONSTRAINT ledgers_pkey PRIMARY KEY (id)
);

CREATE INDEX ledgers_booked_on_idx ON ledgers (booked_on);
CREATE INDEX ledgers_posted_at_idx ON ledgers (posted_at);
ALTER TABLE ledgers ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledgers FORCE ROW LEVEL SECURITY;
CREATE POLICY ledgers_read ON ledgers FOR SELECT
    USING (
        true
    );
CREATE POLICY ledgers_create ON ledgers FOR INSERT
    WITH CHECK (
        schemagen_user_id() IS NOT NULL
    );
CREATE POLICY ledgers_update ON ledgers FOR UPDATE
    USING (
        schemagen_role() = 'admin'
    )
    WITH CHECK (
        schemagen_role() = 'admin'
    );
CREATE POLICY ledgers_delete ON ledgers FOR DELETE
    USING (
        schemagen_role() = 'admin'
    );

INSERT INTO schema_migrations (version, name) VALUES (5, 'add_ledgers');
COMMIT;
