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

CREATE TABLE members (
    id uuid NOT NULL DEFAULT gen_random_uuid(), -- id
    email text NOT NULL, -- email
    name text NOT NULL, -- name
    role text NOT NULL DEFAULT 'reader', -- role
    created_at timestamptz NOT NULL DEFAULT now(), -- createdAt
    updated_at timestamptz NOT NULL DEFAULT now(), -- updatedAt
    CONSTRAINT members_email_check CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
    CONSTRAINT members_name_check CHECK (char_length(name) BETWEEN 1 AND 100),
    CONSTRAINT members_role_check CHECK (role IN ('reader', 'librarian')),
    CONSTRAINT members_pkey PRIMARY KEY (id)
);

CREATE TABLE books (
    id uuid NOT NULL DEFAULT gen_random_uuid(), -- id
    title text NOT NULL, -- title
    genre text NOT NULL, -- genre
    added_by uuid NOT NULL, -- addedBy
    copies bigint NOT NULL DEFAULT 1, -- copies
    created_at timestamptz NOT NULL DEFAULT now(), -- createdAt
    updated_at timestamptz NOT NULL DEFAULT now(), -- updatedAt
    CONSTRAINT books_title_check CHECK (char_length(title) BETWEEN 1 AND 300),
    CONSTRAINT books_genre_check CHECK (genre IN ('fiction', 'non-fiction', 'sci-fi', 'poetry')),
    CONSTRAINT books_copies_check CHECK (copies BETWEEN 0 AND 99),
    CONSTRAINT books_pkey PRIMARY KEY (id)
);

ALTER TABLE books ADD CONSTRAINT books_added_by_fkey FOREIGN KEY (added_by) REFERENCES members (id) ON DELETE CASCADE;

CREATE OR REPLACE FUNCTION schemagen_user_id() RETURNS uuid
    LANGUAGE sql STABLE
    AS $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;
CREATE OR REPLACE FUNCTION schemagen_role() RETURNS text
    LANGUAGE sql STABLE
    AS $$ SELECT CASE WHEN schemagen_user_id() IS NULL THEN NULL ELSE nullif(current_setting('app.role', true), '') END $$;
CREATE OR REPLACE FUNCTION schemagen_is_system() RETURNS boolean
    LANGUAGE sql STABLE
    AS $$ SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user $$;

CREATE UNIQUE INDEX members_email_key ON members (email);

CREATE INDEX books_genre_title_idx ON books (genre, title);

CREATE OR REPLACE FUNCTION books_keep_immutable() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
    BEGIN
        IF NEW.added_by IS DISTINCT FROM OLD.added_by AND NOT schemagen_is_system() THEN
            RAISE EXCEPTION 'books.added_by cannot be changed' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END
    $$;

CREATE TRIGGER books_keep_immutable BEFORE UPDATE ON books
    FOR EACH ROW EXECUTE FUNCTION books_keep_immutable();

ALTER TABLE members ENABLE ROW LEVEL SECURITY;
ALTER TABLE members FORCE ROW LEVEL SECURITY;
CREATE POLICY members_read ON members FOR SELECT
    USING (
        members.id = schemagen_user_id()
        OR schemagen_role() = 'librarian'
    );
CREATE POLICY members_create ON members FOR INSERT
    WITH CHECK (
        true
    );
CREATE POLICY members_update ON members FOR UPDATE
    USING (
        members.id = schemagen_user_id()
        OR schemagen_role() = 'librarian'
    )
    WITH CHECK (
        members.id = schemagen_user_id()
        OR schemagen_role() = 'librarian'
    );

ALTER TABLE books ENABLE ROW LEVEL SECURITY;
ALTER TABLE books FORCE ROW LEVEL SECURITY;
CREATE POLICY books_read ON books FOR SELECT
    USING (
        schemagen_user_id() IS NOT NULL
    );
CREATE POLICY books_create ON books FOR INSERT
    WITH CHECK (
        books.added_by = schemagen_user_id()
    );
CREATE POLICY books_update ON books FOR UPDATE
    USING (
        books.added_by = schemagen_user_id()
        OR schemagen_role() = 'librarian'
    )
    WITH CHECK (
        books.added_by = schemagen_user_id()
        OR schemagen_role() = 'librarian'
    );
CREATE POLICY books_delete ON books FOR DELETE
    USING (
        schemagen_role() = 'librarian'
    );

INSERT INTO schema_migrations (version, name) VALUES (1, 'initial');
COMMIT;
