-- The figures (V96) and best efforts (V97) of runs stored before they existed. SQL cannot compute them
-- (the track must be decoded, see TrackCodec), so the server does, in the background
-- (RunFiguresBackfill): this migration only marks which runs still await them and gives the backfill a
-- way to find those runs across users.
--
-- figures_computed_at: when the run's figures and best efforts were computed. Ingest sets it as it
-- stores a run; rows stored before this migration keep NULL until the backfill has computed theirs
-- (recomputing the figures of a run stored after V96 gives the same values, and its efforts are
-- inserted idempotently). Adding a nullable column without a default rewrites no row.
ALTER TABLE runs ADD COLUMN figures_computed_at timestamptz;

-- The backfill's queue: live runs awaiting figures, in (user, run) order, so a batch is a short range
-- scan of a partial index that empties as the backfill progresses and stays empty afterwards. A
-- deleted run is never read again (its efforts would not count), so it is not queued.
CREATE INDEX runs_awaiting_figures ON runs (user_id, id)
    WHERE figures_computed_at IS NULL AND deleted_at IS NULL;

-- Finding runs across users runs as the migration owner through the SECURITY DEFINER function below,
-- as claim_import_job does (V40). The owner's policy shows it the queued runs only, and only to read
-- (the app role, which should not be the owner, never gets it).
DO $$
BEGIN
    EXECUTE format('CREATE POLICY runs_awaiting_figures_definer ON runs FOR SELECT TO %I'
                   ' USING (figures_computed_at IS NULL AND deleted_at IS NULL)', current_user);
END $$;

-- Up to p_limit runs awaiting figures after (p_after_user, p_after_run), of any user: only their keys.
-- The backfill computes them in each user's own transaction, under row-level security like any write.
CREATE FUNCTION runs_awaiting_figures(p_after_user text, p_after_run uuid, p_limit integer)
    RETURNS TABLE (user_id text, run_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
    AS $$ SELECT r.user_id, r.id FROM runs r
           WHERE r.figures_computed_at IS NULL AND r.deleted_at IS NULL
             AND (r.user_id, r.id) > (p_after_user, p_after_run)
           ORDER BY r.user_id, r.id LIMIT p_limit $$;

REVOKE ALL ON FUNCTION runs_awaiting_figures(text, uuid, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION runs_awaiting_figures(text, uuid, integer) TO ${app_role};
