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

CREATE TABLE members (
    id TEXT NOT NULL, -- id
    email TEXT NOT NULL, -- email
    name TEXT NOT NULL, -- name
    role TEXT NOT NULL DEFAULT 'reader', -- role
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- createdAt
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- updatedAt
    CONSTRAINT members_id_check CHECK (length(id) = 36 AND id = lower(id)),
    CONSTRAINT members_email_check CHECK (email GLOB '?*@?*.?*'),
    CONSTRAINT members_name_check CHECK (length(name) BETWEEN 1 AND 100),
    CONSTRAINT members_role_check CHECK (role IN ('reader', 'librarian')),
    CONSTRAINT members_created_at_check CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT members_updated_at_check CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT members_pkey PRIMARY KEY (id)
) STRICT;

CREATE TABLE books (
    id TEXT NOT NULL, -- id
    title TEXT NOT NULL, -- title
    genre TEXT NOT NULL, -- genre
    added_by TEXT NOT NULL, -- addedBy
    copies INTEGER NOT NULL DEFAULT 1, -- copies
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- createdAt
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- updatedAt
    CONSTRAINT books_id_check CHECK (length(id) = 36 AND id = lower(id)),
    CONSTRAINT books_title_check CHECK (length(title) BETWEEN 1 AND 300),
    CONSTRAINT books_genre_check CHECK (genre IN ('fiction', 'non-fiction', 'sci-fi', 'poetry')),
    CONSTRAINT books_added_by_check CHECK (length(added_by) = 36 AND added_by = lower(added_by)),
    CONSTRAINT books_copies_check CHECK (copies BETWEEN 0 AND 99),
    CONSTRAINT books_created_at_check CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT books_updated_at_check CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT books_added_by_fkey FOREIGN KEY (added_by) REFERENCES members (id) ON DELETE CASCADE,
    CONSTRAINT books_pkey PRIMARY KEY (id)
) STRICT;

CREATE UNIQUE INDEX members_email_key ON members (email);

CREATE INDEX books_genre_title_idx ON books (genre, title);
CREATE TRIGGER books_added_by_immutable BEFORE UPDATE OF added_by ON books
    WHEN NEW.added_by IS NOT OLD.added_by
BEGIN
    SELECT RAISE(ABORT, 'books.added_by cannot be changed');
END;

INSERT INTO schema_migrations (version, name) VALUES (1, 'initial');
COMMIT;
