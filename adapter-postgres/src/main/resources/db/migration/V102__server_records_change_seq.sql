-- The server writes records of its own into a generic collection (personal_records' best efforts,
-- docs/api.md "Personal records in sync") inside the transaction of a run's write, whose version a
-- sync push may share (a pushed delete of a run). Those rows need a sequence number unique within
-- the version, from the same transaction-local count down that stamp_change_seq (V60) gives the runs
-- and daily entries rows: a push numbers its own rows up from 0, so the two never meet.
CREATE FUNCTION next_change_seq() RETURNS integer
    LANGUAGE plpgsql
AS $$
DECLARE
    v_seq integer;
BEGIN
    v_seq := coalesce(nullif(current_setting('fitsync.next_change_seq', true), '')::integer, 8388607);
    PERFORM set_config('fitsync.next_change_seq', (v_seq - 1)::text, true);
    RETURN v_seq;
END
$$;

-- The trigger draws from the one counter, so the function above is its only definition.
CREATE OR REPLACE FUNCTION stamp_change_seq() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.version IS NOT DISTINCT FROM OLD.version THEN
        NEW.seq := OLD.seq; -- touched again by the same write: it keeps its position
        RETURN NEW;
    END IF;
    NEW.seq := next_change_seq();
    RETURN NEW;
END
$$;
