-- Account export jobs (API.md "Your data", issue 16): one row per export a user asked for, claimed by
-- any node's export worker under a lease like import jobs (V40, ARCHITECTURE.md decision 6). The zip
-- itself lives in the blob store (decision 8) under the export's own key; the row keeps its size.

CREATE TABLE account_exports (
    user_id      text        NOT NULL CHECK (char_length(user_id) BETWEEN 1 AND 128),
    id           uuid        NOT NULL,
    state        text        NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
    runs_done    integer     NOT NULL DEFAULT 0 CHECK (runs_done >= 0),
    runs_total   integer     NOT NULL DEFAULT 0 CHECK (runs_total >= 0),
    size_bytes   bigint      CHECK (size_bytes >= 0),
    error        text,
    attempts     integer     NOT NULL DEFAULT 0,
    lease_owner  text,
    lease_until  timestamptz,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    finished_at  timestamptz,
    PRIMARY KEY (user_id, id)
);
-- One queued-or-running export per user: a second request gets the first.
CREATE UNIQUE INDEX account_exports_one_active ON account_exports (user_id) WHERE state IN ('queued', 'running');
-- What the claim scans: jobs waiting or under a lease that may have expired, oldest first.
CREATE INDEX account_exports_runnable ON account_exports (created_at) WHERE state IN ('queued', 'running');
-- What the retention sweep scans: finished exports by age.
CREATE INDEX account_exports_finished ON account_exports (finished_at) WHERE state IN ('done', 'failed');

ALTER TABLE account_exports ENABLE ROW LEVEL SECURITY;
ALTER TABLE account_exports FORCE ROW LEVEL SECURITY;
CREATE POLICY account_exports_isolation ON account_exports
    USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());

-- The two cross-user operations (the claim and the sweep's listing) run as the migration owner
-- through SECURITY DEFINER functions, as claim_import_job does (V40).
DO $$
BEGIN
    EXECUTE format('CREATE POLICY account_exports_definer ON account_exports TO %I USING (true) WITH CHECK (true)', current_user);
END $$;

-- Claims the oldest export waiting, of any user, for a node: a queued one, or a running one whose
-- lease expired (its node died; the new owner writes the zip again from the start).
CREATE FUNCTION claim_account_export(p_node text, p_lease_ms bigint) RETURNS SETOF account_exports
    LANGUAGE sql SECURITY DEFINER SET search_path = public
    AS $$
    UPDATE account_exports e
       SET state = 'running', lease_owner = p_node,
           lease_until = now() + p_lease_ms * interval '1 millisecond',
           runs_done = 0, attempts = e.attempts + 1, updated_at = now()
     WHERE (e.user_id, e.id) = (
            SELECT c.user_id, c.id FROM account_exports c
             WHERE c.state = 'queued' OR (c.state = 'running' AND c.lease_until < now())
             ORDER BY c.created_at
             LIMIT 1
             FOR UPDATE SKIP LOCKED)
    RETURNING e.*
    $$;

-- Exports finished before p_before, of any user: only their keys, for the retention sweep.
CREATE FUNCTION finished_account_exports(p_before timestamptz, p_limit integer)
    RETURNS TABLE (user_id text, id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
    AS $$ SELECT e.user_id, e.id FROM account_exports e
           WHERE e.state IN ('done', 'failed') AND e.finished_at < p_before
           ORDER BY e.finished_at LIMIT p_limit $$;

REVOKE ALL ON FUNCTION claim_account_export(text, bigint) FROM PUBLIC;
REVOKE ALL ON FUNCTION finished_account_exports(timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION claim_account_export(text, bigint) TO ${app_role};
GRANT EXECUTE ON FUNCTION finished_account_exports(timestamptz, integer) TO ${app_role};
