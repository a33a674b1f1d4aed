-- FitSync foundation: the app role's privileges, the RLS helper and the per-user version counter.
-- Requests run as ${app_role}; it never owns a table, so row-level security always applies to it.
-- Every table below is FORCE'd as well, so RLS holds even where one role both owns and queries.

GRANT USAGE ON SCHEMA public TO ${app_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO ${app_role};

-- The user a transaction acts for, set per transaction by the application (set_config(..., true)).
-- NULL when unset, so a connection that never set it matches no row.
CREATE FUNCTION app_user_id() RETURNS text
    LANGUAGE sql STABLE
    AS $$ SELECT nullif(current_setting('app.user_id', true), '') $$;

-- The per-user version cursor (ARCHITECTURE.md decision 1). Each write transaction increments its
-- user's row, which row-locks it until commit: writes of one user are serialised, and versions
-- become visible in commit order.
CREATE TABLE sync_state (
    user_id    text        PRIMARY KEY CHECK (char_length(user_id) BETWEEN 1 AND 128),
    version    bigint      NOT NULL CHECK (version >= 0),
    updated_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE sync_state ENABLE ROW LEVEL SECURITY;
ALTER TABLE sync_state FORCE ROW LEVEL SECURITY;
CREATE POLICY sync_state_isolation ON sync_state
    USING (user_id = app_user_id())
    WITH CHECK (user_id = app_user_id());
