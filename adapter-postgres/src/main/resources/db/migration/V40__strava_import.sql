-- Strava import (API.md "Strava import", ARCHITECTURE.md decision 6): provider connections with
-- encrypted tokens, and import jobs as rows claimed by any node under a lease.

CREATE TABLE provider_connections (
    user_id        text        NOT NULL CHECK (char_length(user_id) BETWEEN 1 AND 128),
    id             text        NOT NULL CHECK (id IN ('strava')),
    athlete_id     bigint      NOT NULL,
    scopes         text        NOT NULL,
    -- AES-GCM ciphertexts (see TokenCipher); the plaintext tokens never reach the database.
    access_token   bytea       NOT NULL,
    refresh_token  bytea       NOT NULL,
    -- SHA-256 of the refresh token: the compare-and-set key of a rotation, without decrypting.
    refresh_hash   bytea       NOT NULL,
    expires_at     timestamptz NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, id)
);
-- Webhook events name an athlete. Should two users connect one athlete, the latest connection wins.
CREATE INDEX provider_connections_athlete ON provider_connections (id, athlete_id, updated_at DESC);

CREATE TABLE import_jobs (
    user_id           text        NOT NULL CHECK (char_length(user_id) BETWEEN 1 AND 128),
    id                uuid        NOT NULL,
    provider          text        NOT NULL CHECK (provider IN ('strava')),
    state             text        NOT NULL CHECK (state IN ('queued', 'running', 'waiting_rate_limit',
                                                            'completed', 'failed', 'cancelled')),
    phase             text        NOT NULL CHECK (phase IN ('listing', 'importing', 'done')),
    range_after       timestamptz,
    range_before      timestamptz,
    -- Set for a single-activity import (a webhook event) instead of a listing.
    activity_id       text,
    -- The checkpoint: start_date of the oldest activity processed; listing resumes before it.
    cursor_before     timestamptz,
    fetched           integer     NOT NULL DEFAULT 0 CHECK (fetched >= 0),
    imported          integer     NOT NULL DEFAULT 0 CHECK (imported >= 0),
    skipped_duplicate integer     NOT NULL DEFAULT 0 CHECK (skipped_duplicate >= 0),
    skipped_not_run   integer     NOT NULL DEFAULT 0 CHECK (skipped_not_run >= 0),
    failed            integer     NOT NULL DEFAULT 0 CHECK (failed >= 0),
    estimated_total   integer,
    resume_at         timestamptz,
    attempts          integer     NOT NULL DEFAULT 0,
    error_type        text,
    error_detail      text,
    lease_owner       text,
    lease_until       timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    finished_at       timestamptz,
    PRIMARY KEY (user_id, id)
);
-- One queued-or-running (or parked) history import per user; webhook single-activity jobs are exempt.
CREATE UNIQUE INDEX import_jobs_one_active ON import_jobs (user_id)
    WHERE state IN ('queued', 'running', 'waiting_rate_limit') AND activity_id IS NULL;
-- What the claim scans: runnable jobs by due time.
CREATE INDEX import_jobs_runnable ON import_jobs (coalesce(resume_at, created_at))
    WHERE state IN ('queued', 'running', 'waiting_rate_limit');
CREATE INDEX import_jobs_newest ON import_jobs (user_id, created_at DESC);

ALTER TABLE provider_connections ENABLE ROW LEVEL SECURITY;
ALTER TABLE provider_connections FORCE ROW LEVEL SECURITY;
CREATE POLICY provider_connections_isolation ON provider_connections
    USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());

ALTER TABLE import_jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_jobs FORCE ROW LEVEL SECURITY;
CREATE POLICY import_jobs_isolation ON import_jobs
    USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());

-- The two cross-user operations run as the migration owner through the SECURITY DEFINER functions
-- below. FORCE makes RLS apply to the owner too, so the owner gets its own policy. Requests run
-- as the app role, which should not be the owner; if an operator makes them one role, that role
-- could switch RLS off on its own tables anyway, so this policy gives it nothing new.
DO $$
BEGIN
    EXECUTE format('CREATE POLICY import_jobs_definer ON import_jobs TO %I USING (true) WITH CHECK (true)', current_user);
    EXECUTE format('CREATE POLICY provider_connections_definer ON provider_connections TO %I USING (true)', current_user);
END $$;

-- Claims the oldest runnable job of any user for a node: queued or parked and due, or running
-- under an expired lease (its node died). SKIP LOCKED lets nodes claim concurrently.
CREATE FUNCTION claim_import_job(p_node text, p_lease_ms bigint) RETURNS SETOF import_jobs
    LANGUAGE sql SECURITY DEFINER SET search_path = public
    AS $$
    UPDATE import_jobs j
       SET state = 'running', lease_owner = p_node,
           lease_until = now() + p_lease_ms * interval '1 millisecond',
           resume_at = NULL, updated_at = now()
     WHERE (j.user_id, j.id) = (
            SELECT c.user_id, c.id FROM import_jobs c
             WHERE (c.state IN ('queued', 'waiting_rate_limit') AND coalesce(c.resume_at, c.created_at) <= now())
                OR (c.state = 'running' AND c.lease_until < now())
             ORDER BY coalesce(c.resume_at, c.created_at)
             LIMIT 1
             FOR UPDATE SKIP LOCKED)
    RETURNING j.*
    $$;

-- The user connected to a Strava athlete, for webhook events (which name athletes, not users).
CREATE FUNCTION provider_user_for_athlete(p_provider text, p_athlete bigint) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
    AS $$ SELECT user_id FROM provider_connections WHERE id = p_provider AND athlete_id = p_athlete
          ORDER BY updated_at DESC LIMIT 1 $$;

REVOKE ALL ON FUNCTION claim_import_job(text, bigint) FROM PUBLIC;
REVOKE ALL ON FUNCTION provider_user_for_athlete(text, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION claim_import_job(text, bigint) TO ${app_role};
GRANT EXECUTE ON FUNCTION provider_user_for_athlete(text, bigint) TO ${app_role};
