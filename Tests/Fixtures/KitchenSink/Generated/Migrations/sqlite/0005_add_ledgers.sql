-- Migration 0005_add_ledgers for SQLite, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE TABLE ledgers (
    id TEXT NOT NULL, -- id
    line_count INTEGER NOT NULL DEFAULT 0, -- lineCount
    quantity INTEGER, -- quantity
    serial INTEGER NOT NULL, -- serial
    amount TEXT NOT NULL DEFAULT '0.5', -- amount
    rate TEXT, -- rate
    booked_on TEXT NOT NULL, -- bookedOn
    due_on TEXT, -- dueOn
    posted_at TEXT NOT NULL, -- postedAt
    settled_at TEXT, -- settledAt
    signature BLOB NOT NULL, -- signature
    attachment BLOB, -- attachment
    memo TEXT, -- memo
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- createdAt
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- updatedAt
    CONSTRAINT ledgers_id_check CHECK (length(id) = 36 AND id = lower(id)),
    CONSTRAINT ledgers_line_count_check CHECK (line_count BETWEEN -32768 AND 32767),
    CONSTRAINT ledgers_quantity_check CHECK (quantity BETWEEN 0 AND 2147483647),
    CONSTRAINT ledgers_amount_check CHECK ((amount GLOB '[0-9]*' OR amount GLOB '-[0-9]*') AND substr(amount, 2) NOT GLOB '*[^0-9.]*' AND length(amount) - length(replace(amount, '.', '')) <= 1 AND amount NOT GLOB '*.' AND (instr(amount, '.') = 0 OR length(amount) - instr(amount, '.') <= 4) AND length(ltrim(CASE WHEN instr(amount, '.') = 0 THEN ltrim(amount, '-') ELSE substr(ltrim(amount, '-'), 1, instr(ltrim(amount, '-'), '.') - 1) END, '0')) <= 14),
    CONSTRAINT ledgers_rate_check CHECK ((rate GLOB '[0-9]*' OR rate GLOB '-[0-9]*') AND substr(rate, 2) NOT GLOB '*[^0-9.]*' AND length(rate) - length(replace(rate, '.', '')) = 0 AND length(ltrim(CASE WHEN instr(rate, '.') = 0 THEN ltrim(rate, '-') ELSE substr(ltrim(rate, '-'), 1, instr(ltrim(rate, '-'), '.') - 1) END, '0')) <= 5),
    CONSTRAINT ledgers_booked_on_check CHECK (booked_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    CONSTRAINT ledgers_due_on_check CHECK (due_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    CONSTRAINT ledgers_posted_at_check CHECK (posted_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]'),
    CONSTRAINT ledgers_settled_at_check CHECK (settled_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]'),
    CONSTRAINT ledgers_memo_check CHECK (length(memo) <= 40),
    CONSTRAINT ledgers_created_at_check CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT ledgers_updated_at_check CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT ledgers_pkey PRIMARY KEY (id)
) STRICT;

CREATE INDEX ledgers_booked_on_idx ON ledgers (booked_on);
CREATE INDEX ledgers_posted_at_idx ON ledgers (posted_at);

INSERT INTO schema_migrations (version, name) VALUES (5, 'add_ledgers');
COMMIT;
