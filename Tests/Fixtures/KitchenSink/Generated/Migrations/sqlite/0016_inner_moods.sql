-- Migration 0016_inner_moods for SQLite, written by `schemagen migrate`. Applied once, in order,
-- by the runtime (or by hand); never edit a migration that has been applied.

BEGIN;

CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE TABLE widgets_outer_middle_inner_moods (
    widget_id TEXT NOT NULL,
    mood_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    CONSTRAINT widgets_outer_middle_inner_moods_position_check CHECK (position BETWEEN 0 AND 1 AND length(widget_id) = 36 AND widget_id = lower(widget_id)),
    CONSTRAINT widgets_outer_middle_inner_moods_widget_id_fkey FOREIGN KEY (widget_id) REFERENCES widgets (id) ON DELETE CASCADE,
    CONSTRAINT widgets_outer_middle_inner_moods_mood_id_fkey FOREIGN KEY (mood_id) REFERENCES genres (genre_id) ON DELETE CASCADE,
    CONSTRAINT widgets_outer_middle_inner_moods_pkey PRIMARY KEY (widget_id, mood_id)
) STRICT;

CREATE INDEX widgets_outer_middle_inner_moods_idx ON widgets_outer_middle_inner_moods (mood_id, widget_id);

INSERT INTO schema_migrations (version, name) VALUES (16, 'inner_moods');
COMMIT;
