-- Privacy zones and public share links (docs/api.md, Privacy). What a user hides is applied when a
-- track is served to anyone else; nothing redacted is stored, so a change applies from then on.
CREATE TABLE privacy_settings (
    user_id           text        NOT NULL CHECK (char_length(user_id) BETWEEN 1 AND 128),
    hide_start_end_m  integer     NOT NULL CHECK (hide_start_end_m BETWEEN 0 AND 1000),
    updated_at        timestamptz NOT NULL,
    PRIMARY KEY (user_id)
);

CREATE TABLE privacy_zones (
    user_id   text             NOT NULL CHECK (char_length(user_id) BETWEEN 1 AND 128),
    position  smallint         NOT NULL CHECK (position BETWEEN 0 AND 9),
    lat       double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon       double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
    radius_m  integer          NOT NULL CHECK (radius_m BETWEEN 100 AND 2000),
    PRIMARY KEY (user_id, position)
);

-- A link's token is never stored, only its SHA-256: a database leak opens no link. A revoked link
-- keeps its row (revoked_at) so the owner's revocation is on record until the run or user goes.
CREATE TABLE run_shares (
    user_id     text        NOT NULL CHECK (char_length(user_id) BETWEEN 1 AND 128),
    token_hash  bytea       NOT NULL CHECK (octet_length(token_hash) = 32),
    run_id      uuid        NOT NULL,
    created_at  timestamptz NOT NULL,
    revoked_at  timestamptz,
    PRIMARY KEY (user_id, token_hash),
    FOREIGN KEY (user_id, run_id) REFERENCES runs (user_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX run_shares_by_hash ON run_shares (token_hash);
CREATE INDEX run_shares_by_run ON run_shares (user_id, run_id) WHERE revoked_at IS NULL;

ALTER TABLE privacy_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE privacy_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY privacy_settings_isolation ON privacy_settings
    USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());

ALTER TABLE privacy_zones ENABLE ROW LEVEL SECURITY;
ALTER TABLE privacy_zones FORCE ROW LEVEL SECURITY;
CREATE POLICY privacy_zones_isolation ON privacy_zones
    USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());

ALTER TABLE run_shares ENABLE ROW LEVEL SECURITY;
ALTER TABLE run_shares FORCE ROW LEVEL SECURITY;
CREATE POLICY run_shares_isolation ON run_shares
    USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());

-- The public link is opened before its owner is known: shared_run below, run as the migration owner,
-- is the one way across, and it only reads (its own policy, as in V40, since FORCE binds the owner).
DO $$
BEGIN
    EXECUTE format('CREATE POLICY run_shares_definer ON run_shares FOR SELECT TO %I USING (true)', current_user);
END $$;

-- The owner and run of the live link with this token hash; nothing for a revoked or unknown one.
-- Everything else a link shows is then read in a transaction scoped to that owner.
CREATE FUNCTION shared_run(p_hash bytea) RETURNS TABLE (user_id text, run_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
    AS $$ SELECT s.user_id, s.run_id FROM run_shares s WHERE s.token_hash = p_hash AND s.revoked_at IS NULL $$;

REVOKE ALL ON FUNCTION shared_run(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION shared_run(bytea) TO ${app_role};
