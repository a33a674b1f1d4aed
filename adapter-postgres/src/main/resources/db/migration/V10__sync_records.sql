-- FitSync sync engine: the generic record storage (ARCHITECTURE.md decision 5) and the tombstone
-- purge horizon (decision 4).

-- One row per synced record of a generic collection. `data` is the record's wire form (id, declared
-- columns, created_at, updated_at), so pulls stream it as stored. `version` and `seq` are the change
-- position: the version of the write that last touched the row and its sequence within that write.
CREATE TABLE sync_records (
    user_id    text        NOT NULL CHECK (char_length(user_id) BETWEEN 1 AND 128),
    collection text        NOT NULL CHECK (collection ~ '^[a-z][a-z0-9_]{0,62}$'),
    id         text        NOT NULL CHECK (id ~ '^[A-Za-z0-9_.-]{1,64}$'),
    data       jsonb       NOT NULL,
    version    bigint      NOT NULL CHECK (version > 0),
    seq        integer     NOT NULL CHECK (seq >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    changed_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    PRIMARY KEY (user_id, collection, id)
);

-- Pulls read "everything after this position" and pages in position order.
CREATE INDEX sync_records_changes ON sync_records (user_id, version, seq);
-- The purge finds a user's expired tombstones without scanning live rows.
CREATE INDEX sync_records_tombstones ON sync_records (user_id, deleted_at) WHERE deleted_at IS NOT NULL;

ALTER TABLE sync_records ENABLE ROW LEVEL SECURITY;
ALTER TABLE sync_records FORCE ROW LEVEL SECURITY;
CREATE POLICY sync_records_isolation ON sync_records
    USING (user_id = app_user_id())
    WITH CHECK (user_id = app_user_id());

-- The highest version of any tombstone purged for the user: a cursor at or below it gets a
-- replacement sync, a newer one cannot have missed a purged delete.
CREATE TABLE sync_purge_horizons (
    user_id    text        PRIMARY KEY CHECK (char_length(user_id) BETWEEN 1 AND 128),
    version    bigint      NOT NULL CHECK (version >= 0),
    updated_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE sync_purge_horizons ENABLE ROW LEVEL SECURITY;
ALTER TABLE sync_purge_horizons FORCE ROW LEVEL SECURITY;
CREATE POLICY sync_purge_horizons_isolation ON sync_purge_horizons
    USING (user_id = app_user_id())
    WITH CHECK (user_id = app_user_id());
