-- Erasing an account (API.md "Your data"). The user's own rows are deleted in the user's transaction
-- under row-level security like any other write; what this migration adds is the one narrow way to the
-- rows of OTHER users that name the erased user: a coach's link to them as a client, the pairing codes
-- they redeemed as a coach, and the manual values they entered as a coach on a client's days.
--
-- erase_references_to_me() runs as the migration owner (SECURITY DEFINER) and acts only for the
-- transaction's own user, app_user_id(): the caller cannot name anybody else. It publishes that id in
-- app.erasing_user_id for the duration of its statements, and the owner-only policies below show the
-- owner exactly the rows naming that id. The app role cannot use those policies (they are the owner's),
-- so setting app.erasing_user_id itself gives it nothing.

CREATE FUNCTION erasing_user_id() RETURNS text
    LANGUAGE sql STABLE
    AS $$ SELECT nullif(current_setting('app.erasing_user_id', true), '') $$;

DO $$
BEGIN
    EXECUTE format('CREATE POLICY coach_links_erasure ON coach_links TO %I'
                   ' USING (client_id = erasing_user_id())', current_user);
    EXECUTE format('CREATE POLICY pairing_codes_erasure ON pairing_codes TO %I'
                   ' USING (used_by = erasing_user_id()) WITH CHECK (true)', current_user);
    EXECUTE format('CREATE POLICY daily_entries_erasure ON daily_entries TO %I'
                   ' USING (erasing_user_id() IN (steps_manual_by, sleep_min_manual_by,'
                   ' sleep_quality_manual_by, notes_manual_by)) WITH CHECK (true)', current_user);
END $$;

-- Returns how many rows of other users it changed: links removed, codes and days unattributed.
CREATE FUNCTION erase_references_to_me()
    RETURNS TABLE (coach_links_as_client bigint, pairing_codes_redeemed bigint, client_days_edited bigint)
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = public
AS $$
DECLARE
    v_me text := app_user_id();
    v_links bigint;
    v_codes bigint;
    v_days bigint;
BEGIN
    IF v_me IS NULL THEN
        RAISE EXCEPTION 'erase_references_to_me needs app.user_id';
    END IF;
    PERFORM set_config('app.erasing_user_id', v_me, true);
    -- A coach's link to the erased client: the coach loses the client, as if the client had unlinked.
    DELETE FROM coach_links c WHERE c.client_id = v_me;
    GET DIAGNOSTICS v_links = ROW_COUNT;
    -- A client's code the erased coach redeemed stays used, but no longer says by whom.
    UPDATE pairing_codes p SET used_by = NULL WHERE p.used_by = v_me;
    GET DIAGNOSTICS v_codes = ROW_COUNT;
    -- A value the erased coach entered on a client's day is the client's data and stays; only its
    -- author goes (it then reads as the client's own entry).
    UPDATE daily_entries d
       SET steps_manual_by = nullif(steps_manual_by, v_me),
           sleep_min_manual_by = nullif(sleep_min_manual_by, v_me),
           sleep_quality_manual_by = nullif(sleep_quality_manual_by, v_me),
           notes_manual_by = nullif(notes_manual_by, v_me),
           updated_at = now()
     WHERE v_me IN (d.steps_manual_by, d.sleep_min_manual_by, d.sleep_quality_manual_by, d.notes_manual_by);
    GET DIAGNOSTICS v_days = ROW_COUNT;
    PERFORM set_config('app.erasing_user_id', '', true);
    RETURN QUERY SELECT v_links, v_codes, v_days;
END
$$;

REVOKE ALL ON FUNCTION erase_references_to_me() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION erase_references_to_me() TO ${app_role};
