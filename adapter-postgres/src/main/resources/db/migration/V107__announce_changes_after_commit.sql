-- Change announcements move out of the writing transaction (ADR 0027): the node announces a claim on
-- channel fitsync_sync right after its commit (PostgresTransactions). The trigger of V80 sent the
-- NOTIFY inside the transaction, which held PostgreSQL's one notification lock through every write's
-- durable commit, so writes of different users queued behind each other's disk flushes.
DROP TRIGGER sync_state_changed ON sync_state;
DROP FUNCTION sync_state_notify();
