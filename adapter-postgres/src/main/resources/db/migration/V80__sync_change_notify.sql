-- Realtime change events (docs/api.md, "Change events"): every claim of a user's version notifies
-- channel fitsync_sync with "<version> <user_id>". A trigger on the version row is the one place
-- every write passes (a push, a run, an ingest, an import, a coach's correction, a deletion), and
-- NOTIFY inside the transaction is delivered only when it commits, in commit order. The payload
-- names the user and the position only, never data.
CREATE FUNCTION sync_state_notify() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('fitsync_sync', NEW.version::text || ' ' || NEW.user_id);
    RETURN NULL;
END
$$;

CREATE TRIGGER sync_state_changed
    AFTER INSERT OR UPDATE OF version ON sync_state
    FOR EACH ROW EXECUTE FUNCTION sync_state_notify();
