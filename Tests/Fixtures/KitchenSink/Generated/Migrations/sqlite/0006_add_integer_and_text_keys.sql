-- Migration 0006_add_integer_and_text_keys for SQLite, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE TABLE suppliers (
    id TEXT NOT NULL, -- id
    name TEXT NOT NULL, -- name
    owner TEXT NOT NULL, -- owner
    created_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- createdAt
    CONSTRAINT suppliers_id_check CHECK (length(id) BETWEEN 1 AND 40),
    CONSTRAINT suppliers_name_check CHECK (length(name) <= 100),
    CONSTRAINT suppliers_owner_check CHECK (length(owner) = 36 AND owner = lower(owner)),
    CONSTRAINT suppliers_created_at_check CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT suppliers_owner_fkey FOREIGN KEY (owner) REFERENCES accounts (id) ON DELETE CASCADE,
    CONSTRAINT suppliers_pkey PRIMARY KEY (id)
) STRICT;

CREATE TABLE parts (
    id INTEGER NOT NULL, -- id
    name TEXT NOT NULL, -- name
    sku TEXT, -- sku
    owner TEXT NOT NULL, -- owner
    supplier TEXT, -- supplier
    replaces INTEGER, -- replaces
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- createdAt
    updated_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), -- updatedAt
    CONSTRAINT parts_name_check CHECK (length(name) <= 100),
    CONSTRAINT parts_sku_check CHECK (length(sku) <= 20),
    CONSTRAINT parts_owner_check CHECK (length(owner) = 36 AND owner = lower(owner)),
    CONSTRAINT parts_created_at_check CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT parts_updated_at_check CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
    CONSTRAINT parts_owner_fkey FOREIGN KEY (owner) REFERENCES accounts (id) ON DELETE CASCADE,
    CONSTRAINT parts_supplier_fkey FOREIGN KEY (supplier) REFERENCES suppliers (id) ON DELETE SET NULL,
    CONSTRAINT parts_replaces_fkey FOREIGN KEY (replaces) REFERENCES parts (id) ON DELETE SET NULL,
    CONSTRAINT parts_pkey PRIMARY KEY (id)
) STRICT;

CREATE TABLE parts_alternates (
    part_id INTEGER NOT NULL,
    alternate_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    CONSTRAINT parts_alternates_position_check CHECK (position BETWEEN 0 AND 4),
    CONSTRAINT parts_alternates_part_id_fkey FOREIGN KEY (part_id) REFERENCES parts (id) ON DELETE CASCADE,
    CONSTRAINT parts_alternates_alternate_id_fkey FOREIGN KEY (alternate_id) REFERENCES suppliers (id) ON DELETE CASCADE,
    CONSTRAINT parts_alternates_pkey PRIMARY KEY (part_id, alternate_id)
) STRICT;

CREATE TABLE suppliers_stocks (
    supplier_id TEXT NOT NULL,
    stock_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    CONSTRAINT suppliers_stocks_position_check CHECK (position >= 0),
    CONSTRAINT suppliers_stocks_supplier_id_fkey FOREIGN KEY (supplier_id) REFERENCES suppliers (id) ON DELETE CASCADE,
    CONSTRAINT suppliers_stocks_stock_id_fkey FOREIGN KEY (stock_id) REFERENCES parts (id) ON DELETE CASCADE,
    CONSTRAINT suppliers_stocks_pkey PRIMARY KEY (supplier_id, stock_id)
) STRICT;

CREATE INDEX suppliers_owner_idx ON suppliers (owner);

CREATE UNIQUE INDEX parts_sku_key ON parts (sku);
CREATE INDEX parts_owner_idx ON parts (owner);
CREATE INDEX parts_supplier_idx ON parts (supplier);
CREATE INDEX parts_replaces_idx ON parts (replaces);

CREATE INDEX parts_alternates_idx ON parts_alternates (alternate_id, part_id);

CREATE INDEX suppliers_stocks_idx ON suppliers_stocks (stock_id, supplier_id);

INSERT INTO schema_migrations (version, name) VALUES (6, 'add_integer_and_text_keys');
COMMIT;
