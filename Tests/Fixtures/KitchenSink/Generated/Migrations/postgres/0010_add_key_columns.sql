-- Migration 0010_add_key_columns for PostgreSQL, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer NOT NULL PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE labels (
    label_code text NOT NULL, -- id
    name text NOT NULL, -- name
    owner uuid NOT NULL, -- owner
    CONSTRAINT labels_label_code_check CHECK (char_length(label_code) BETWEEN 1 AND 40),
    CONSTRAINT labels_name_check CHECK (char_length(name) <= 100),
    CONSTRAINT labels_pkey PRIMARY KEY (label_code)
);

CREATE TABLE albums (
    album_id bigint NOT NULL, -- id
    title text NOT NULL, -- title
    owner_id uuid NOT NULL, -- owner
    label_id text, -- label
    sequel_of_id bigint, -- sequelOf
    created_at timestamptz NOT NULL DEFAULT now(), -- createdAt
    updated_at timestamptz NOT NULL DEFAULT now(), -- updatedAt
    deleted_at timestamptz, -- deletedAt
    CONSTRAINT albums_title_check CHECK (char_length(title) <= 160),
    CONSTRAINT albums_pkey PRIMARY KEY (album_id)
);

CREATE TABLE albums_guests (
    album_id bigint NOT NULL,
    guest_id uuid NOT NULL,
    position integer NOT NULL,
    CONSTRAINT albums_guests_position_check CHECK (position BETWEEN 0 AND 4),
    CONSTRAINT albums_guests_pkey PRIMARY KEY (album_id, guest_id)
);

CREATE TABLE reviews (
    review_id uuid NOT NULL DEFAULT gen_random_uuid(), -- id
    album bigint NOT NULL, -- album
    stars smallint NOT NULL, -- stars
    body text, -- body
    created_at timestamptz NOT NULL DEFAULT now(), -- createdAt
    updated_at timestamptz NOT NULL DEFAULT now(), -- updatedAt
    CONSTRAINT reviews_stars_check CHECK (stars BETWEEN 1 AND 5),
    CONSTRAINT reviews_body_check CHECK (char_length(body) <= 2000),
    CONSTRAINT reviews_pkey PRIMARY KEY (review_id)
);

ALTER TABLE labels ADD CONSTRAINT labels_owner_fkey FOREIGN KEY (owner) REFERENCES accounts (id) ON DELETE CASCADE;
ALTER TABLE albums ADD CONSTRAINT albums_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES accounts (id) ON DELETE CASCADE;
ALTER TABLE albums ADD CONSTRAINT albums_label_id_fkey FOREIGN KEY (label_id) REFERENCES labels (label_code) ON DELETE SET NULL;
ALTER TABLE albums ADD CONSTRAINT albums_sequel_of_id_fkey FOREIGN KEY (sequel_of_id) REFERENCES albums (album_id) ON DELETE SET NULL;
ALTER TABLE albums_guests ADD CONSTRAINT albums_guests_album_id_fkey FOREIGN KEY (album_id) REFERENCES albums (album_id) ON DELETE CASCADE;
ALTER TABLE albums_guests ADD CONSTRAINT albums_guests_guest_id_fkey FOREIGN KEY (guest_id) REFERENCES accounts (id) ON DELETE CASCADE;
ALTER TABLE reviews ADD CONSTRAINT reviews_album_fkey FOREIGN KEY (album) REFERENCES albums (album_id) ON DELETE CASCADE;

CREATE INDEX labels_owner_idx ON labels (owner);

CREATE INDEX albums_owner_id_idx ON albums (owner_id);
CREATE INDEX albums_label_id_idx ON albums (label_id);
CREATE INDEX albums_sequel_of_id_idx ON albums (sequel_of_id);

CREATE INDEX albums_guests_idx ON albums_guests (guest_id, album_id);

CREATE INDEX reviews_album_idx ON reviews (album);

CREATE OR REPLACE FUNCTION albums_guests_includes_caller(record_id bigint) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT
    AS $$ SELECT EXISTS (SELECT 1 FROM albums_guests WHERE album_id = record_id AND guest_id = schemagen_user_id()) $$;

ALTER TABLE albums_guests ENABLE ROW LEVEL SECURITY;
CREATE POLICY albums_guests_read ON albums_guests FOR SELECT
    USING (EXISTS (SELECT 1 FROM albums WHERE albums.album_id = albums_guests.album_id));
CREATE POLICY albums_guests_create ON albums_guests FOR INSERT
    WITH CHECK (
        EXISTS (
            SELECT 1 FROM albums WHERE albums.album_id = albums_guests.album_id AND (
                albums.owner_id = schemagen_user_id()
                OR schemagen_role() = 'admin'
            )
        )
    );
CREATE POLICY albums_guests_update ON albums_guests FOR UPDATE
    USING (
        EXISTS (
            SELECT 1 FROM albums WHERE albums.album_id = albums_guests.album_id AND (
                albums.owner_id = schemagen_user_id()
                OR schemagen_role() = 'admin'
            )
        )
    )
    WITH CHECK (
        EXISTS (
            SELECT 1 FROM albums WHERE albums.album_id = albums_guests.album_id AND (
                albums.owner_id = schemagen_user_id()
                OR schemagen_role() = 'admin'
            )
        )
    );
CREATE POLICY albums_guests_delete ON albums_guests FOR DELETE
    USING (
        EXISTS (
            SELECT 1 FROM albums WHERE albums.album_id = albums_guests.album_id AND (
                albums.owner_id = schemagen_user_id()
                OR schemagen_role() = 'admin'
            )
        )
    );

ALTER TABLE labels ENABLE ROW LEVEL SECURITY;
ALTER TABLE labels FORCE ROW LEVEL SECURITY;
CREATE POLICY labels_read ON labels FOR SELECT
    USING (
        labels.owner = schemagen_user_id()
        OR schemagen_role() = 'admin'
    );
CREATE POLICY labels_create ON labels FOR INSERT
    WITH CHECK (
        labels.owner = schemagen_user_id()
        OR schemagen_role() = 'admin'
    );
CREATE POLICY labels_update ON labels FOR UPDATE
    USING (
        labels.owner = schemagen_user_id()
        OR schemagen_role() = 'admin'
    )
    WITH CHECK (
        labels.owner = schemagen_user_id()
        OR schemagen_role() = 'admin'
    );
CREATE POLICY labels_delete ON labels FOR DELETE
    USING (
        labels.owner = schemagen_user_id()
        OR schemagen_role() = 'admin'
    );

ALTER TABLE albums ENABLE ROW LEVEL SECURITY;
ALTER TABLE albums FORCE ROW LEVEL SECURITY;
CREATE POLICY albums_read ON albums FOR SELECT
    USING (
        albums.owner_id = schemagen_user_id()
        OR albums_guests_includes_caller(albums.album_id)
        OR schemagen_role() = 'admin'
    );
CREATE POLICY albums_create ON albums FOR INSERT
    WITH CHECK (
        albums.owner_id = schemagen_user_id()
        OR schemagen_role() = 'admin'
    );
CREATE POLICY albums_update ON albums FOR UPDATE
    USING (
        albums.owner_id = schemagen_user_id()
        OR schemagen_role() = 'admin'
    )
    WITH CHECK (
        albums.owner_id = schemagen_user_id()
        OR schemagen_role() = 'admin'
    );
CREATE POLICY albums_delete ON albums FOR DELETE
    USING (
        albums.owner_id = schemagen_user_id()
        OR schemagen_role() = 'admin'
    );

ALTER TABLE reviews ENABLE ROW LEVEL SECURITY;
ALTER TABLE reviews FORCE ROW LEVEL SECURITY;
CREATE POLICY reviews_read ON reviews FOR SELECT
    USING (
        EXISTS (SELECT 1 FROM albums AS p1 WHERE p1.album_id = reviews.album AND p1.owner_id = schemagen_user_id())
        OR schemagen_role() = 'admin'
    );
CREATE POLICY reviews_create ON reviews FOR INSERT
    WITH CHECK (
        EXISTS (SELECT 1 FROM albums AS p1 WHERE p1.album_id = reviews.album AND p1.owner_id = schemagen_user_id())
        OR schemagen_role() = 'admin'
    );
CREATE POLICY reviews_update ON reviews FOR UPDATE
    USING (
        EXISTS (SELECT 1 FROM albums AS p1 WHERE p1.album_id = reviews.album AND p1.owner_id = schemagen_user_id())
        OR schemagen_role() = 'admin'
    )
    WITH CHECK (
        EXISTS (SELECT 1 FROM albums AS p1 WHERE p1.album_id = reviews.album AND p1.owner_id = schemagen_user_id())
        OR schemagen_role() = 'admin'
    );
CREATE POLICY reviews_delete ON reviews FOR DELETE
    USING (
        EXISTS (SELECT 1 FROM albums AS p1 WHERE p1.album_id = reviews.album AND p1.owner_id = schemagen_user_id())
        OR schemagen_role() = 'admin'
    );

INSERT INTO schema_migrations (version, name) VALUES (10, 'add_key_columns');
COMMIT;
