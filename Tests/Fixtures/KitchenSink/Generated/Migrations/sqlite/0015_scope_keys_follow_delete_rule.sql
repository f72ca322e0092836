-- Migration 0015_scope_keys_follow_delete_rule for SQLite, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.
--
-- Nothing changes on SQLite: the changes are PostgreSQL's own (how it stores fields, such as `storage: array`,
-- whose lists SQLite keeps as the same JSON text and CHECK, or checks only PostgreSQL can hold).

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

INSERT INTO schema_migrations (version, name) VALUES (15, 'scope_keys_follow_delete_rule');
COMMIT;
