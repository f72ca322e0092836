-- Migration 0006_add_integer_and_text_keys for PostgreSQL, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer NOT NULL PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE suppliers (
    id text NOT NULL, -- id
    name text NOT NULL, -- name
    owner uuid NOT NULL, -- owner
    created_at timestamptz DEFAULT now(), -- createdAt
    CONSTRAINT suppliers_id_check CHECK (char_length(id) BETWEEN 1 AND 40),
    CONSTRAINT suppliers_name_check CHECK (char_length(name) <= 100),
    CONSTRAINT suppliers_pkey PRIMARY KEY (id)
);

CREATE TABLE parts (
    id bigint NOT NULL, -- id
    name text NOT NULL, -- name
    sku text, -- sku
    owner uuid NOT NULL, -- owner
    supplier text, -- supplier
    replaces bigint, -- replaces
    created_at timestamptz NOT NULL DEFAULT now(), -- createdAt
    updated_at timestamptz DEFAULT now(), -- updatedAt
    CONSTRAINT parts_name_check CHECK (char_length(name) <= 100),
    CONSTRAINT parts_sku_check CHECK (char_length(sku) <= 20),
    CONSTRAINT parts_pkey PRIMARY KEY (id)
);

CREATE TABLE parts_alternates (
    part_id bigint NOT NULL,
    alternate_id text NOT NULL,
    position integer NOT NULL,
    CONSTRAINT parts_alternates_position_check CHECK (position BETWEEN 0 AND 4),
    CONSTRAINT parts_alternates_pkey PRIMARY KEY (part_id, alternate_id)
);

CREATE TABLE suppliers_stocks (
    supplier_id text NOT NULL,
    stock_id bigint NOT NULL,
    position integer NOT NULL,
    CONSTRAINT suppliers_stocks_position_check CHECK (position >= 0),
    CONSTRAINT suppliers_stocks_pkey PRIMARY KEY (supplier_id, stock_id)
);

ALTER TABLE suppliers ADD CONSTRAINT suppliers_owner_fkey FOREIGN KEY (owner) REFERENCES accounts (id) ON DELETE CASCADE;
ALTER TABLE parts ADD CONSTRAINT parts_owner_fkey FOREIGN KEY (owner) REFERENCES accounts (id) ON DELETE CASCADE;
ALTER TABLE parts ADD CONSTRAINT parts_supplier_fkey FOREIGN KEY (supplier) REFERENCES suppliers (id) ON DELETE SET NULL;
ALTER TABLE parts ADD CONSTRAINT parts_replaces_fkey FOREIGN KEY (replaces) REFERENCES parts (id) ON DELETE SET NULL;
ALTER TABLE parts_alternates ADD CONSTRAINT parts_alternates_part_id_fkey FOREIGN KEY (part_id) REFERENCES parts (id) ON DELETE CASCADE;
ALTER TABLE parts_alternates ADD CONSTRAINT parts_alternates_alternate_id_fkey FOREIGN KEY (alternate_id) REFERENCES suppliers (id) ON DELETE CASCADE;
ALTER TABLE suppliers_stocks ADD CONSTRAINT suppliers_stocks_supplier_id_fkey FOREIGN KEY (supplier_id) REFERENCES suppliers (id) ON DELETE CASCADE;
ALTER TABLE suppliers_stocks ADD CONSTRAINT suppliers_stocks_stock_id_fkey FOREIGN KEY (stock_id) REFERENCES parts (id) ON DELETE CASCADE;

CREATE INDEX suppliers_owner_idx ON suppliers (owner);

CREATE UNIQUE INDEX parts_sku_key ON parts (sku);
CREATE INDEX parts_owner_idx ON parts (owner);
CREATE INDEX parts_supplier_idx ON parts (supplier);
CREATE INDEX parts_replaces_idx ON parts (replaces);

CREATE INDEX parts_alternates_idx ON parts_alternates (alternate_id, part_id);

CREATE INDEX suppliers_stocks_idx ON suppliers_stocks (stock_id, supplier_id);
ALTER TABLE suppliers_stocks ENABLE ROW LEVEL SECURITY;
CREATE POLICY suppliers_stocks_read ON suppliers_stocks FOR SELECT
    USING (EXISTS (SELECT 1 FROM suppliers WHERE suppliers.id = suppliers_stocks.supplier_id));
CREATE POLICY suppliers_stocks_create ON suppliers_stocks FOR INSERT
    WITH CHECK (
        EXISTS (
            SELECT 1 FROM suppliers WHERE suppliers.id = suppliers_stocks.supplier_id AND (
                suppliers.owner = schemagen_user_id()
                OR schemagen_role() = 'admin'
            )
        )
    );
CREATE POLICY suppliers_stocks_update ON suppliers_stocks FOR UPDATE
    USING (
        EXISTS (
            SELECT 1 FROM suppliers WHERE suppliers.id = suppliers_stocks.supplier_id AND (
                suppliers.owner = schemagen_user_id()
                OR schemagen_role() = 'admin'
            )
        )
    )
    WITH CHECK (
        EXISTS (
            SELECT 1 FROM suppliers WHERE suppliers.id = suppliers_stocks.supplier_id AND (
                suppliers.owner = schemagen_user_id()
                OR schemagen_role() = 'admin'
            )
        )
    );
CREATE POLICY suppliers_stocks_delete ON suppliers_stocks FOR DELETE
    USING (
        EXISTS (
            SELECT 1 FROM suppliers WHERE suppliers.id = suppliers_stocks.supplier_id AND (
                suppliers.owner = schemagen_user_id()
                OR schemagen_role() = 'admin'
            )
        )
    );

ALTER TABLE parts_alternates ENABLE ROW LEVEL SECURITY;
CREATE POLICY parts_alternates_read ON parts_alternates FOR SELECT
    USING (EXISTS (SELECT 1 FROM parts WHERE parts.id = parts_alternates.part_id));
CREATE POLICY parts_alternates_create ON parts_alternates FOR INSERT
    WITH CHECK (
        EXISTS (
            SELECT 1 FROM parts WHERE parts.id = parts_alternates.part_id AND (
                parts.owner = schemagen_user_id()
                OR schemagen_role() = 'admin'
            )
        )
    );
CREATE POLICY parts_alternates_update ON parts_alternates FOR UPDATE
    USING (
        EXISTS (
            SELECT 1 FROM parts WHERE parts.id = parts_alternates.part_id AND (
                parts.owner = schemagen_user_id()
                OR schemagen_role() = 'admin'
            )
        )
    )
    WITH CHECK (
        EXISTS (
            SELECT 1 FROM parts WHERE parts.id = parts_alternates.part_id AND (
                parts.owner = schemagen_user_id()
                OR schemagen_role() = 'admin'
            )
        )
    );
CREATE POLICY parts_alternates_delete ON parts_alternates FOR DELETE
    USING (
        EXISTS (
            SELECT 1 FROM parts WHERE parts.id = parts_alternates.part_id AND (
                parts.owner = schemagen_user_id()
                OR schemagen_role() = 'admin'
            )
        )
    );

ALTER TABLE suppliers ENABLE ROW LEVEL SECURITY;
ALTER TABLE suppliers FORCE ROW LEVEL SECURITY;
CREATE POLICY suppliers_read ON suppliers FOR SELECT
    USING (
        suppliers.owner = schemagen_user_id()
        OR schemagen_role() = 'admin'
    );
CREATE POLICY suppliers_create ON suppliers FOR INSERT
    WITH CHECK (
        suppliers.owner = schemagen_user_id()
        OR schemagen_role() = 'admin'
    );
CREATE POLICY suppliers_update ON suppliers FOR UPDATE
    USING (
        suppliers.owner = schemagen_user_id()
        OR schemagen_role() = 'admin'
    )
    WITH CHECK (
        suppliers.owner = schemagen_user_id()
        OR schemagen_role() = 'admin'
    );
CREATE POLICY suppliers_delete ON suppliers FOR DELETE
    USING (
        suppliers.owner = schemagen_user_id()
        OR schemagen_role() = 'admin'
    );

ALTER TABLE parts ENABLE ROW LEVEL SECURITY;
ALTER TABLE parts FORCE ROW LEVEL SECURITY;
CREATE POLICY parts_read ON parts FOR SELECT
    USING (
        parts.owner = schemagen_user_id()
        OR EXISTS (SELECT 1 FROM suppliers AS p1 WHERE p1.id = parts.supplier AND p1.owner = schemagen_user_id())
        OR schemagen_role() = 'admin'
    );
CREATE POLICY parts_create ON parts FOR INSERT
    WITH CHECK (
        parts.owner = schemagen_user_id()
        OR schemagen_role() = 'admin'
    );
CREATE POLICY parts_update ON parts FOR UPDATE
    USING (
        parts.owner = schemagen_user_id()
        OR schemagen_role() = 'admin'
    )
    WITH CHECK (
        parts.owner = schemagen_user_id()
        OR schemagen_role() = 'admin'
    );
CREATE POLICY parts_delete ON parts FOR DELETE
    USING (
        parts.owner = schemagen_user_id()
        OR schemagen_role() = 'admin'
    );

INSERT INTO schema_migrations (version, name) VALUES (6, 'add_integer_and_text_keys');
COMMIT;
