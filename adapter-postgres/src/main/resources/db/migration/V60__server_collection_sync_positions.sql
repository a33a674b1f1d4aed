-- Runs and daily entries sync through the sync engine. A pull pages by change position
-- (version, seq), and a page may end inside one write's rows, so every row of these tables needs a
-- sequence number that is unique within its version, like sync_records rows have.
--
-- The features that write these tables (runs API, ingestion, manual entries) stamp `version` only;
-- a trigger gives a row the next sequence number of its transaction whenever its version changes.
-- It counts DOWN from 2^23 - 1 (ChangePosition.MAX_SEQ - 1), while a sync push numbers the rows it
-- writes itself UP from 0: both kinds of rows may share one version (a push touching generic
-- records and runs), and the two ranges only meet beyond the 2^23 rows one write may touch.
-- The counter is a transaction-local setting, so it starts afresh with each transaction (= version).

CREATE FUNCTION stamp_change_seq() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    v_seq integer;
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.version IS NOT DISTINCT FROM OLD.version THEN
        NEW.seq := OLD.seq; -- touched again by the same write: it keeps its position
        RETURN NEW;
    END IF;
    v_seq := coalesce(nullif(current_setting('fitsync.next_change_seq', true), '')::integer, 8388607);
    PERFORM set_config('fitsync.next_change_seq', (v_seq - 1)::text, true);
    NEW.seq := v_seq;
    RETURN NEW;
END
$$;

ALTER TABLE runs ADD COLUMN seq integer;
ALTER TABLE daily_entries ADD COLUMN seq integer;

-- Backfill: the rows of one version get distinct numbers. FORCEd row-level security would hide
-- every row from the migration, so it is lifted for these two statements only.
ALTER TABLE runs NO FORCE ROW LEVEL SECURITY;
ALTER TABLE daily_entries NO FORCE ROW LEVEL SECURITY;
UPDATE runs r SET seq = 8388607 - n.rank
    FROM (SELECT user_id, id, (row_number() OVER (PARTITION BY user_id, version ORDER BY id) - 1)::integer AS rank
          FROM runs) n
    WHERE r.user_id = n.user_id AND r.id = n.id;
UPDATE daily_entries d SET seq = 8388607 - n.rank
    FROM (SELECT user_id, date, (row_number() OVER (PARTITION BY user_id, version ORDER BY date) - 1)::integer AS rank
          FROM daily_entries) n
    WHERE d.user_id = n.user_id AND d.date = n.date;
ALTER TABLE runs FORCE ROW LEVEL SECURITY;
ALTER TABLE daily_entries FORCE ROW LEVEL SECURITY;

ALTER TABLE runs ALTER COLUMN seq SET NOT NULL;
ALTER TABLE runs ADD CONSTRAINT runs_seq_range CHECK (seq BETWEEN 0 AND 8388607);
ALTER TABLE daily_entries ALTER COLUMN seq SET NOT NULL;
ALTER TABLE daily_entries ADD CONSTRAINT daily_entries_seq_range CHECK (seq BETWEEN 0 AND 8388607);

CREATE TRIGGER runs_change_seq BEFORE INSERT OR UPDATE ON runs
    FOR EACH ROW EXECUTE FUNCTION stamp_change_seq();
CREATE TRIGGER daily_entries_change_seq BEFORE INSERT OR UPDATE ON daily_entries
    FOR EACH ROW EXECUTE FUNCTION stamp_change_seq();

-- Pulls read "everything after this position" and page in position order.
DROP INDEX runs_by_version;
CREATE INDEX runs_by_position ON runs (user_id, version, seq);
DROP INDEX daily_entries_user_version;
CREATE INDEX daily_entries_by_position ON daily_entries (user_id, version, seq);
