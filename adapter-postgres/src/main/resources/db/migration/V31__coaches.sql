-- Pairing codes, stored by SHA-256 hash only. A coach presents a code that belongs to another
-- user, which row-level security hides from the coach's transaction; redeem_pairing_code below is
-- the one narrow way across. It names the hash it looks for in app.pairing_code_hash for the
-- duration of its two statements, and a second policy shows (and lets it update) exactly the row
-- with that hash. Whoever knows a code's hash could as well redeem the code, so this reveals nothing
-- more, and the table stays FORCEd like every other: no role, owner included, sees other rows.
CREATE TABLE pairing_codes (
    user_id     text        NOT NULL CHECK (char_length(user_id) BETWEEN 1 AND 128),
    code_hash   bytea       NOT NULL CHECK (octet_length(code_hash) = 32),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    used_by     text,
    version     bigint      NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, code_hash)
);
CREATE UNIQUE INDEX pairing_codes_by_hash ON pairing_codes (code_hash);

ALTER TABLE pairing_codes ENABLE ROW LEVEL SECURITY;
ALTER TABLE pairing_codes FORCE ROW LEVEL SECURITY;
CREATE POLICY pairing_codes_isolation ON pairing_codes
    USING (user_id = app_user_id())
    WITH CHECK (user_id = app_user_id());

CREATE FUNCTION pairing_code_hash_sought() RETURNS bytea
    LANGUAGE sql STABLE
    AS $$ SELECT decode(nullif(current_setting('app.pairing_code_hash', true), ''), 'hex') $$;

CREATE POLICY pairing_codes_redeem_read ON pairing_codes FOR SELECT
    USING (code_hash = pairing_code_hash_sought());
CREATE POLICY pairing_codes_redeem_use ON pairing_codes FOR UPDATE
    USING (code_hash = pairing_code_hash_sought())
    WITH CHECK (code_hash = pairing_code_hash_sought());

-- A coach's links, in the coach's rows (user_id is the coach).
CREATE TABLE coach_links (
    user_id     text        NOT NULL CHECK (char_length(user_id) BETWEEN 1 AND 128),
    client_id   text        NOT NULL CHECK (char_length(client_id) BETWEEN 1 AND 128),
    linked_at   timestamptz NOT NULL,
    version     bigint      NOT NULL,
    deleted_at  timestamptz,
    PRIMARY KEY (user_id, client_id),
    CHECK (client_id <> user_id)
);

ALTER TABLE coach_links ENABLE ROW LEVEL SECURITY;
ALTER TABLE coach_links FORCE ROW LEVEL SECURITY;
CREATE POLICY coach_links_isolation ON coach_links
    USING (user_id = app_user_id())
    WITH CHECK (user_id = app_user_id());

-- Uses up the code with this hash for the transaction's user (the coach) and says whose it was.
-- Row-locks the code, so of two coaches racing for one code exactly one gets 'linked'.
-- Outcomes: linked (with client_id), unknown, expired, used, own (a coach's own code; not used up).
-- p_now comes from the application's clock, the same clock that set expires_at.
CREATE FUNCTION redeem_pairing_code(p_hash bytea, p_now timestamptz)
    RETURNS TABLE (outcome text, client_id text)
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = public
AS $$
DECLARE
    v_coach text := app_user_id();
    v_code  pairing_codes%ROWTYPE;
BEGIN
    IF v_coach IS NULL THEN
        RAISE EXCEPTION 'redeem_pairing_code needs app.user_id';
    END IF;
    PERFORM set_config('app.pairing_code_hash', encode(p_hash, 'hex'), true);
    SELECT * INTO v_code FROM pairing_codes c WHERE c.code_hash = p_hash FOR UPDATE;
    IF NOT FOUND THEN
        RETURN QUERY SELECT 'unknown'::text, NULL::text;
    ELSIF v_code.user_id = v_coach THEN
        RETURN QUERY SELECT 'own'::text, NULL::text;
    ELSIF v_code.used_at IS NOT NULL THEN
        RETURN QUERY SELECT 'used'::text, NULL::text;
    ELSIF v_code.expires_at <= p_now THEN
        RETURN QUERY SELECT 'expired'::text, NULL::text;
    ELSE
        UPDATE pairing_codes c SET used_at = p_now, used_by = v_coach
            WHERE c.user_id = v_code.user_id AND c.code_hash = p_hash;
        RETURN QUERY SELECT 'linked'::text, v_code.user_id;
    END IF;
    -- The rest of the transaction sees only the coach's own rows again.
    PERFORM set_config('app.pairing_code_hash', '', true);
END
$$;

REVOKE ALL ON FUNCTION redeem_pairing_code(bytea, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION redeem_pairing_code(bytea, timestamptz) TO ${app_role};
