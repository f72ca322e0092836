-- Migration 0011_add_int32_keys_and_no_action for PostgreSQL, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer NOT NULL PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE genres (
    genre_id integer NOT NULL, -- id
    name text NOT NULL, -- name
    owner uuid NOT NULL, -- owner
    created_at timestamptz NOT NULL DEFAULT now(), -- createdAt
    updated_at timestamptz NOT NULL DEFAULT now(), -- updatedAt
    CONSTRAINT genres_name_check CHECK (char_length(name) <= 120),
    CONSTRAINT genres_pkey PRIMARY KEY (genre_id)
);

CREATE TABLE tracks (
    id integer NOT NULL, -- id
    title text NOT NULL, -- title
    owner_id uuid NOT NULL, -- owner
    genre_id integer NOT NULL, -- genre
    follows_id integer, -- follows
    created_at timestamptz NOT NULL DEFAULT now(), -- createdAt
    updated_at timestamptz NOT NULL DEFAULT now(), -- updatedAt
    CONSTRAINT tracks_title_check CHECK (char_length(title) <= 200),
    CONSTRAINT tracks_pkey PRIMARY KEY (id)
);

CREATE TABLE tracks_moods (
    track_id integer NOT NULL,
    mood_id integer NOT NULL,
    position integer NOT NULL,
    CONSTRAINT tracks_moods_position_check CHECK (position BETWEEN 0 AND 2),
    CONSTRAINT tracks_moods_pkey PRIMARY KEY (track_id, mood_id)
);

ALTER TABLE genres ADD CONSTRAINT genres_owner_fkey FOREIGN KEY (owner) REFERENCES accounts (id) ON DELETE CASCADE;
ALTER TABLE tracks ADD CONSTRAINT tracks_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES accounts (id) ON DELETE CASCADE;
ALTER TABLE tracks ADD CONSTRAINT tracks_genre_id_fkey FOREIGN KEY (genre_id) REFERENCES genres (genre_id) ON DELETE NO ACTION;
ALTER TABLE tracks ADD CONSTRAINT tracks_follows_id_fkey FOREIGN KEY (follows_id) REFERENCES tracks (id) ON DELETE NO ACTION;
ALTER TABLE tracks_moods ADD CONSTRAINT tracks_moods_track_id_fkey FOREIGN KEY (track_id) REFERENCES tracks (id) ON DELETE CASCADE;
ALTER TABLE tracks_moods ADD CONSTRAINT tracks_moods_mood_id_fkey FOREIGN KEY (mood_id) REFERENCES genres (genre_id) ON DELETE CASCADE;

CREATE INDEX genres_owner_idx ON genres (owner);

CREATE INDEX tracks_owner_id_idx ON tracks (owner_id);
CREATE INDEX tracks_genre_id_idx ON tracks (genre_id);
CREATE INDEX tracks_follows_id_idx ON tracks (follows_id);

CREATE INDEX tracks_moods_idx ON tracks_moods (mood_id, track_id);
ALTER TABLE tracks_moods ENABLE ROW LEVEL SECURITY;
CREATE POLICY tracks_moods_read ON tracks_moods FOR SELECT
    USING (EXISTS (SELECT 1 FROM tracks WHERE tracks.id = tracks_moods.track_id));
CREATE POLICY tracks_moods_create ON tracks_moods FOR INSERT
    WITH CHECK (
        EXISTS (
            SELECT 1 FROM tracks WHERE tracks.id = tracks_moods.track_id AND (
                tracks.owner_id = schemagen_user_id()
                OR schemagen_role() = 'admin'
            )
        )
    );
CREATE POLICY tracks_moods_update ON tracks_moods FOR UPDATE
    USING (
        EXISTS (
            SELECT 1 FROM tracks WHERE tracks.id = tracks_moods.track_id AND (
                tracks.owner_id = schemagen_user_id()
                OR schemagen_role() = 'admin'
            )
        )
    )
    WITH CHECK (
        EXISTS (
            SELECT 1 FROM tracks WHERE tracks.id = tracks_moods.track_id AND (
                tracks.owner_id = schemagen_user_id()
                OR schemagen_role() = 'admin'
            )
        )
    );
CREATE POLICY tracks_moods_delete ON tracks_moods FOR DELETE
    USING (
        EXISTS (
            SELECT 1 FROM tracks WHERE tracks.id = tracks_moods.track_id AND (
                tracks.owner_id = schemagen_user_id()
                OR schemagen_role() = 'admin'
            )
        )
    );

ALTER TABLE genres ENABLE ROW LEVEL SECURITY;
ALTER TABLE genres FORCE ROW LEVEL SECURITY;
CREATE POLICY genres_read ON genres FOR SELECT
    USING (
        genres.owner = schemagen_user_id()
        OR schemagen_role() = 'admin'
    );
CREATE POLICY genres_create ON genres FOR INSERT
    WITH CHECK (
        genres.owner = schemagen_user_id()
        OR schemagen_role() = 'admin'
    );
CREATE POLICY genres_update ON genres FOR UPDATE
    USING (
        genres.owner = schemagen_user_id()
        OR schemagen_role() = 'admin'
    )
    WITH CHECK (
        genres.owner = schemagen_user_id()
        OR schemagen_role() = 'admin'
    );
CREATE POLICY genres_delete ON genres FOR DELETE
    USING (
        genres.owner = schemagen_user_id()
        OR schemagen_role() = 'admin'
    );

ALTER TABLE tracks ENABLE ROW LEVEL SECURITY;
ALTER TABLE tracks FORCE ROW LEVEL SECURITY;
CREATE POLICY tracks_read ON tracks FOR SELECT
    USING (
        tracks.owner_id = schemagen_user_id()
        OR schemagen_role() = 'admin'
    );
CREATE POLICY tracks_create ON tracks FOR INSERT
    WITH CHECK (
        tracks.owner_id = schemagen_user_id()
        OR schemagen_role() = 'admin'
    );
CREATE POLICY tracks_update ON tracks FOR UPDATE
    USING (
        tracks.owner_id = schemagen_user_id()
        OR schemagen_role() = 'admin'
    )
    WITH CHECK (
        tracks.owner_id = schemagen_user_id()
        OR schemagen_role() = 'admin'
    );
CREATE POLICY tracks_delete ON tracks FOR DELETE
    USING (
        tracks.owner_id = schemagen_user_id()
        OR schemagen_role() = 'admin'
    );

INSERT INTO schema_migrations (version, name) VALUES (11, 'add_int32_keys_and_no_action');
COMMIT;
