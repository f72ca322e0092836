-- Migration 0002_editor_role for SQLite, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.
--
-- Tables are rebuilt or dropped, so foreign keys are off while the migration runs (PRAGMA
-- foreign_keys cannot change inside a transaction) and every one is checked before it commits.

PRAGMA foreign_keys = OFF;

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

DROP INDEX accounts_email_key;

-- accounts: changes its constraints; SQLite rebuilds the table (copy, drop, rename).
CREATE TABLE new_accounts (
    id TEXT NOT NULL, -- id
    email TEXT NOT NULL, -- email
    role TEXT NOT NULL DEFAULT 'member', -- role
    secrets_api_key TEXT, -- secrets.apiKey
    secrets_note TEXT, -- secrets.note
    CONSTRAINT accounts_id_check CHECK (length(id) = 36 AND id = lower(id)),
    CONSTRAINT accounts_email_check CHECK (email GLOB '?*@?*.?*'),
    CONSTRAINT accounts_role_check CHECK (role IN ('member', 'editor', 'admin')),
    CONSTRAINT accounts_secrets_api_key_check CHECK (length(secrets_api_key) >= 20),
    CONSTRAINT accounts_pkey PRIMARY KEY (id)
) STRICT;
INSERT INTO new_accounts (rowid, id, email, role, secrets_api_key, secrets_note)
    SELECT rowid, id, email, role, secrets_api_key, secrets_note FROM accounts;
DROP TABLE accounts;
ALTER TABLE new_accounts RENAME TO accounts;

-- Every foreign key must still hold: a violation fails the migration here (CHECK constraint failed).
CREATE TEMP TABLE schemagen_foreign_key_check (violations INTEGER NOT NULL CHECK (violations = 0));
INSERT INTO schemagen_foreign_key_check SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE schemagen_foreign_key_check;

CREATE UNIQUE INDEX accounts_email_key ON accounts (email);

INSERT INTO schema_migrations (version, name) VALUES (2, 'editor_role');
COMMIT;

PRAGMA foreign_keys = ON;
