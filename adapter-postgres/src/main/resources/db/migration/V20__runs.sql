-- Runs (API.md "Runs"). One row per run, keyed by (user_id, id); the raw GPS track is one bytea of
-- delta-encoded varints (see TrackCodec), not a row per point. Deletes are soft: a deleted run keeps
-- its row with deleted_at and the version that deleted it, so sync pulls can report it.

CREATE TABLE runs (
    user_id         text             NOT NULL CHECK (char_length(user_id) BETWEEN 1 AND 128),
    id              uuid             NOT NULL,
    started_at      timestamptz      NOT NULL,
    ended_at        timestamptz      NOT NULL,
    duration_s      bigint           NOT NULL CHECK (duration_s >= 0),
    distance_m      double precision NOT NULL CHECK (distance_m >= 0),
    source          text             NOT NULL CHECK (source IN ('garmin', 'strava', 'phone', 'healthkit', 'manual')),
    notes           text,
    metadata        jsonb,
    polyline        text             NOT NULL,
    point_count     integer          NOT NULL CHECK (point_count >= 0),
    track           bytea            NOT NULL,
    overlapping     boolean          NOT NULL DEFAULT false,
    "overlaps"      uuid[]           NOT NULL DEFAULT '{}',  -- OVERLAPS is an SQL keyword: always quoted
    strava_id       text,
    weather         jsonb,
    -- SHA-256 of the submitted content: a retry with the same id is compared against it.
    content_hash    text             NOT NULL,
    -- The version that created the run: its arrival order under the user's write lock.
    created_version bigint           NOT NULL,
    -- The version of the last write that touched the row (the sync cursor).
    version         bigint           NOT NULL,
    created_at      timestamptz      NOT NULL DEFAULT now(),
    updated_at      timestamptz      NOT NULL DEFAULT now(),
    deleted_at      timestamptz,
    PRIMARY KEY (user_id, id),
    CHECK (started_at < ended_at),
    -- The overlap lookup relies on this bound (API.md: a run spans at most 48 h).
    CONSTRAINT runs_span_at_most_48h CHECK (ended_at - started_at <= interval '48 hours')
);

-- Track storage is already compressed by its encoding; TOAST compression would only cost CPU.
ALTER TABLE runs ALTER COLUMN track SET STORAGE EXTERNAL;

-- History pages (keyset on started_at desc, id desc) and overlap lookups. An overlap lookup for
-- [s, e) reads only runs with started_at in (s - 48 h, e): bounded by the 48 h rule, so its cost does
-- not grow with the user's history. A GiST index on tstzrange(started_at, ended_at) (btree_gist)
-- cannot serve the app role: under row-level security only leakproof operators may become index
-- conditions, and the range operator && is not leakproof, so PostgreSQL scans every row of the user.
-- Plain timestamptz comparisons are leakproof and use this btree index.
CREATE INDEX runs_history ON runs (user_id, started_at DESC, id DESC) WHERE deleted_at IS NULL;
-- Sync pulls: rows changed after a cursor.
CREATE INDEX runs_by_version ON runs (user_id, version);
-- One live run per Strava activity and user.
CREATE UNIQUE INDEX runs_strava_id ON runs (user_id, strava_id) WHERE strava_id IS NOT NULL AND deleted_at IS NULL;

ALTER TABLE runs ENABLE ROW LEVEL SECURITY;
ALTER TABLE runs FORCE ROW LEVEL SECURITY;
CREATE POLICY runs_isolation ON runs
    USING (user_id = app_user_id())
    WITH CHECK (user_id = app_user_id());
