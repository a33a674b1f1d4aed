-- Activity files (API.md "Activity files", ADR 0025): one row per file a user declared or uploaded,
-- keyed by (user_id, id) with the client's id. The bytes live in the blob store (ADR 0008); the row
-- keeps the declared size and SHA-256 they were verified against, and processing state under a lease
-- like import jobs (ADR 0006).

CREATE TABLE activity_files (
    user_id       text        NOT NULL CHECK (char_length(user_id) BETWEEN 1 AND 128),
    id            uuid        NOT NULL,
    filename      text        NOT NULL CHECK (char_length(filename) BETWEEN 1 AND 255),
    size          bigint      NOT NULL CHECK (size >= 1),
    sha256        text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    format        text        NOT NULL CHECK (format IN ('fit', 'gpx', 'tcx', 'zip')),
    content_type  text,
    state         text        NOT NULL CHECK (state IN ('awaiting_upload', 'processing', 'imported',
                                                        'duplicate', 'skipped', 'failed')),
    run_id        uuid,
    reason        text,
    error_type    text,
    error_detail  text,
    lease_owner   text,
    lease_until   timestamptz,
    created_at    timestamptz NOT NULL,
    uploaded_at   timestamptz,
    finished_at   timestamptz,
    PRIMARY KEY (user_id, id)
);
-- What the claim scans: files waiting to be processed, oldest upload first.
CREATE INDEX activity_files_processing ON activity_files (uploaded_at) WHERE state = 'processing';
-- What the sweep scans: uploads never completed.
CREATE INDEX activity_files_unfinished ON activity_files (created_at) WHERE state = 'awaiting_upload';
-- The same bytes uploaded again, and the file a run was made of (the runs resource's file_id).
CREATE INDEX activity_files_sha256 ON activity_files (user_id, sha256) WHERE state = 'imported';
CREATE INDEX activity_files_run ON activity_files (user_id, run_id) WHERE state = 'imported';

ALTER TABLE activity_files ENABLE ROW LEVEL SECURITY;
ALTER TABLE activity_files FORCE ROW LEVEL SECURITY;
CREATE POLICY activity_files_isolation ON activity_files
    USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());

-- The two cross-user operations (the claim and the sweep's listing) run as the migration owner
-- through SECURITY DEFINER functions, as claim_import_job does (V40).
DO $$
BEGIN
    EXECUTE format('CREATE POLICY activity_files_definer ON activity_files TO %I USING (true) WITH CHECK (true)', current_user);
END $$;

-- Claims the oldest file waiting to be processed, of any user, for a node: one nobody leases, or
-- whose lease expired (its node died). SKIP LOCKED lets nodes claim concurrently.
CREATE FUNCTION claim_activity_file(p_node text, p_lease_ms bigint) RETURNS SETOF activity_files
    LANGUAGE sql SECURITY DEFINER SET search_path = public
    AS $$
    UPDATE activity_files f
       SET lease_owner = p_node, lease_until = now() + p_lease_ms * interval '1 millisecond'
     WHERE (f.user_id, f.id) = (
            SELECT c.user_id, c.id FROM activity_files c
             WHERE c.state = 'processing' AND (c.lease_until IS NULL OR c.lease_until < now())
             ORDER BY c.uploaded_at
             LIMIT 1
             FOR UPDATE SKIP LOCKED)
    RETURNING f.*
    $$;

-- Uploads declared before p_before and never completed, of any user: only their keys.
CREATE FUNCTION unfinished_activity_files(p_before timestamptz, p_limit integer)
    RETURNS TABLE (user_id text, id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
    AS $$ SELECT f.user_id, f.id FROM activity_files f
           WHERE f.state = 'awaiting_upload' AND f.created_at < p_before
           ORDER BY f.created_at LIMIT p_limit $$;

REVOKE ALL ON FUNCTION claim_activity_file(text, bigint) FROM PUBLIC;
REVOKE ALL ON FUNCTION unfinished_activity_files(timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION claim_activity_file(text, bigint) TO ${app_role};
GRANT EXECUTE ON FUNCTION unfinished_activity_files(timestamptz, integer) TO ${app_role};
