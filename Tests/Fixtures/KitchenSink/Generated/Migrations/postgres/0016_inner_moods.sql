-- Migration 0016_inner_moods for PostgreSQL, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer NOT NULL PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE widgets_outer_middle_inner_moods (
    widget_id uuid NOT NULL,
    mood_id integer NOT NULL,
    position integer NOT NULL,
    CONSTRAINT widgets_outer_middle_inner_moods_position_check CHECK (position BETWEEN 0 AND 1),
    CONSTRAINT widgets_outer_middle_inner_moods_pkey PRIMARY KEY (widget_id, mood_id)
);

ALTER TABLE widgets_outer_middle_inner_moods ADD CONSTRAINT widgets_outer_middle_inner_moods_widget_id_fkey FOREIGN KEY (widget_id) REFERENCES widgets (id) ON DELETE CASCADE;
ALTER TABLE widgets_outer_middle_inner_moods ADD CONSTRAINT widgets_outer_middle_inner_moods_mood_id_fkey FOREIGN KEY (mood_id) REFERENCES genres (genre_id) ON DELETE CASCADE;

CREATE INDEX widgets_outer_middle_inner_moods_idx ON widgets_outer_middle_inner_moods (mood_id, widget_id);
ALTER TABLE widgets_outer_middle_inner_moods ENABLE ROW LEVEL SECURITY;
CREATE POLICY widgets_outer_middle_inner_moods_read ON widgets_outer_middle_inner_moods FOR SELECT
    USING (EXISTS (SELECT 1 FROM widgets WHERE widgets.id = widgets_outer_middle_inner_moods.widget_id));
CREATE POLICY widgets_outer_middle_inner_moods_create ON widgets_outer_middle_inner_moods FOR INSERT
    WITH CHECK (
        EXISTS (
            SELECT 1 FROM widgets WHERE widgets.id = widgets_outer_middle_inner_moods.widget_id AND (
                widgets.owner = schemagen_user_id()
                OR widgets_watchers_includes_caller(widgets.id)
                OR schemagen_role() = 'editor'
            )
        )
    );
CREATE POLICY widgets_outer_middle_inner_moods_update ON widgets_outer_middle_inner_moods FOR UPDATE
    USING (
        EXISTS (
            SELECT 1 FROM widgets WHERE widgets.id = widgets_outer_middle_inner_moods.widget_id AND (
                widgets.owner = schemagen_user_id()
                OR widgets_watchers_includes_caller(widgets.id)
                OR schemagen_role() = 'editor'
            )
        )
    )
    WITH CHECK (
        EXISTS (
            SELECT 1 FROM widgets WHERE widgets.id = widgets_outer_middle_inner_moods.widget_id AND (
                widgets.owner = schemagen_user_id()
                OR widgets_watchers_includes_caller(widgets.id)
                OR schemagen_role() = 'editor'
            )
        )
    );
CREATE POLICY widgets_outer_middle_inner_moods_delete ON widgets_outer_middle_inner_moods FOR DELETE
    USING (
        EXISTS (
            SELECT 1 FROM widgets WHERE widgets.id = widgets_outer_middle_inner_moods.widget_id AND (
                widgets.owner = schemagen_user_id()
                OR widgets_watchers_includes_caller(widgets.id)
                OR schemagen_role() = 'editor'
            )
        )
    );

INSERT INTO schema_migrations (version, name) VALUES (16, 'inner_moods');
COMMIT;
