-- Records are read from canonical runs' best efforts only (live and not overlapping). V97 found them by
-- walking each distance's efforts fastest first and skipping those of non-canonical runs, one primary
-- key look-up of `runs` each: cheap while few runs are flagged, but a runner whose phone records every
-- watch run too (the phone's copy is flagged overlapping, and noisy phone GPS often makes it faster) or
-- who deleted fast runs had every records read, and now every run write (which publishes the records
-- to sync, V102), walk past all of them. Each effort now carries its run's canonical flag, kept by
-- triggers, and a partial index holds the canonical efforts only: a distance's record is its first entry.
ALTER TABLE run_best_efforts ADD COLUMN canonical boolean NOT NULL DEFAULT true;

-- Row-level security would hide every row from the migration: lifted for this one statement.
ALTER TABLE run_best_efforts NO FORCE ROW LEVEL SECURITY;
UPDATE run_best_efforts e SET canonical = false
    FROM runs r
    WHERE r.user_id = e.user_id AND r.id = e.run_id AND (r.deleted_at IS NOT NULL OR r.overlapping);
ALTER TABLE run_best_efforts FORCE ROW LEVEL SECURITY;

-- An effort stored takes its run's flag, whoever stores it (ingest, the backfill of older runs).
CREATE FUNCTION best_effort_takes_run_flag() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    SELECT r.deleted_at IS NULL AND NOT r.overlapping INTO NEW.canonical
        FROM runs r WHERE r.user_id = NEW.user_id AND r.id = NEW.run_id;
    RETURN NEW;
END
$$;

CREATE TRIGGER run_best_efforts_canonical BEFORE INSERT ON run_best_efforts
    FOR EACH ROW EXECUTE FUNCTION best_effort_takes_run_flag();

-- A run deleted, flagged overlapping or freed from it passes the change on to its efforts.
CREATE FUNCTION run_flag_reaches_best_efforts() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    UPDATE run_best_efforts SET canonical = (NEW.deleted_at IS NULL AND NOT NEW.overlapping)
        WHERE user_id = NEW.user_id AND run_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER runs_canonical_reaches_best_efforts AFTER UPDATE OF deleted_at, overlapping ON runs
    FOR EACH ROW
    WHEN ((OLD.deleted_at IS NULL AND NOT OLD.overlapping) IS DISTINCT FROM (NEW.deleted_at IS NULL AND NOT NEW.overlapping))
    EXECUTE FUNCTION run_flag_reaches_best_efforts();

-- A distance's record is the first entry for (user, distance); the index has nothing else to skip.
DROP INDEX run_best_efforts_fastest;
CREATE INDEX run_best_efforts_fastest_canonical ON run_best_efforts (user_id, distance, elapsed_ms, started_at, run_id)
    WHERE canonical;
