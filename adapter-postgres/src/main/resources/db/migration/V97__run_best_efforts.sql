-- A run's best efforts (docs/api.md, Personal records): for each standard distance it covered, the
-- fastest continuous stretch of exactly that distance (BestEfforts), computed once when the run is
-- stored, in the transaction that stores it. A run's track and samples never change, so neither do
-- these rows. Records are read from them over canonical runs only (the run live and not overlapping),
-- so deleting a run, or its being flagged overlapping, changes the records with nothing to update.
--
-- A soft-deleted run keeps its rows as it keeps its track; a run row really deleted (erasure) takes
-- its efforts with it. No backfill: runs stored before this migration have no best efforts until the
-- server computes them from their decoded tracks, which SQL cannot do.
CREATE TABLE run_best_efforts (
    user_id    text        NOT NULL,
    run_id     uuid        NOT NULL,
    distance   text        NOT NULL
        CHECK (distance IN ('400m', '1k', '1mi', '5k', '10k', 'half_marathon', 'marathon')),
    elapsed_ms bigint      NOT NULL CHECK (elapsed_ms >= 0),
    -- When the effort started, on the run's own clock (its track's or samples' times).
    started_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, run_id, distance),
    FOREIGN KEY (user_id, run_id) REFERENCES runs (user_id, id) ON DELETE CASCADE
);

-- The records: per distance, efforts fastest first; the first whose run is canonical is the record.
-- Its columns are the record query's whole order, so the scan stops at that first row.
CREATE INDEX run_best_efforts_fastest ON run_best_efforts (user_id, distance, elapsed_ms, started_at, run_id);

-- The longest run and the biggest climb among canonical runs: the first entry of each, not a scan and
-- sort of the user's whole history.
CREATE INDEX runs_longest_canonical ON runs (user_id, distance_m DESC, started_at, id)
    WHERE deleted_at IS NULL AND NOT overlapping;
CREATE INDEX runs_biggest_climb_canonical ON runs (user_id, elevation_gain_m DESC NULLS LAST, started_at, id)
    WHERE deleted_at IS NULL AND NOT overlapping;

ALTER TABLE run_best_efforts ENABLE ROW LEVEL SECURITY;
ALTER TABLE run_best_efforts FORCE ROW LEVEL SECURITY;
CREATE POLICY run_best_efforts_isolation ON run_best_efforts
    USING (user_id = app_user_id())
    WITH CHECK (user_id = app_user_id());
