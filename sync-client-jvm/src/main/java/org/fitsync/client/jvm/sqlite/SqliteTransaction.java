package org.fitsync.client.jvm.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fitsync.client.local.ItemFailure;
import org.fitsync.client.local.LocalRecord;
import org.fitsync.client.local.LocalTransaction;
import org.fitsync.client.local.OutboxCounts;
import org.fitsync.client.local.OutboxOp;
import org.fitsync.client.local.QueuedOp;
import org.fitsync.client.local.RecordQuery;
import org.fitsync.client.local.RecordState;
import org.fitsync.client.local.RunLifecycle;
import org.fitsync.client.local.StoreMeta;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.Value;

/**
 * One open SQLite transaction of a {@link SqliteStore}. It is usable only while the store's {@code write}
 * or {@code read} call that made it runs, and one made by {@code read} refuses to write.
 */
final class SqliteTransaction implements LocalTransaction {

    /** What {@link #discardLocalChanges()} records on runs that will now never be sent. */
    static final ItemFailure DISCARDED = ItemFailure.of(ItemFailure.Reason.REFUSED, "discarded on this device");

    private static final String RECORD_COLUMNS =
            "collection, id, values_json, created_at, updated_at, state, changed_columns, local_version, pull_mark,"
                    + " attempts, failure";
    private static final String LIVE_RECORDS =
            "SELECT " + RECORD_COLUMNS + " FROM records WHERE collection = ? AND state <> 'DELETED' AND id > ?";
    private static final String ORDER_BY_ID = " ORDER BY id LIMIT ?";
    private static final String OP_COLUMNS = "sequence, kind, payload, track, attempts, failure";

    private final Statements statements;
    private final boolean writable;
    private boolean active = true;

    SqliteTransaction(Statements statements, boolean writable) {
        this.statements = statements;
        this.writable = writable;
    }

    void end() {
        active = false;
    }

    // ---- Records ----------------------------------------------------------------------------------

    @Override
    public Optional<LocalRecord> find(String collection, RecordId id) {
        PreparedStatement select =
                reading("SELECT " + RECORD_COLUMNS + " FROM records WHERE collection = ? AND id = ?");
        try {
            select.setString(1, collection);
            select.setString(2, id.value());
            List<LocalRecord> found = records(select);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        } catch (SQLException e) {
            throw failed("reading a record", e);
        }
    }

    @Override
    public void save(LocalRecord record) {
        PreparedStatement upsert = writing("INSERT INTO records (" + RECORD_COLUMNS + ")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (collection, id) DO UPDATE SET values_json = excluded.values_json,"
                + " created_at = excluded.created_at, updated_at = excluded.updated_at, state = excluded.state,"
                + " changed_columns = excluded.changed_columns, local_version = excluded.local_version,"
                + " pull_mark = excluded.pull_mark, attempts = excluded.attempts, failure = excluded.failure");
        try {
            upsert.setString(1, record.collection());
            upsert.setString(2, record.id().value());
            upsert.setString(3, RecordJson.values(record.values()));
            upsert.setLong(4, record.createdAt());
            upsert.setLong(5, record.updatedAt());
            upsert.setString(6, record.state().name());
            upsert.setString(7, RecordJson.columns(record.changedColumns()));
            upsert.setLong(8, record.localVersion());
            upsert.setLong(9, record.pullMark());
            upsert.setInt(10, record.attempts());
            setFailure(upsert, 11, record.failure());
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw failed("saving a record", e);
        }
    }

    @Override
    public void remove(String collection, RecordId id) {
        PreparedStatement delete = writing("DELETE FROM records WHERE collection = ? AND id = ?");
        try {
            delete.setString(1, collection);
            delete.setString(2, id.value());
            delete.executeUpdate();
        } catch (SQLException e) {
            throw failed("removing a record", e);
        }
    }

    @Override
    public List<LocalRecord> query(RecordQuery query) {
        requireActive();
        try {
            PreparedStatement select;
            if (!query.column().isPresent()) {
                select = reading(LIVE_RECORDS + ORDER_BY_ID);
                bindLive(select, query);
                select.setInt(3, query.limit());
            } else {
                ColumnFilter filter =
                        ColumnFilter.of(query.column().get(), query.value().get());
                select = reading(LIVE_RECORDS + " AND " + filter.sql() + ORDER_BY_ID);
                bindLive(select, query);
                int next = filter.bind(select, 3);
                select.setInt(next, query.limit());
            }
            return records(select);
        } catch (SQLException e) {
            throw failed("querying records", e);
        }
    }

    @Override
    public List<LocalRecord> pendingRecords(int limit) {
        return recordsWhere("state <> 'SYNCED' AND failure IS NULL", limit);
    }

    @Override
    public List<LocalRecord> failedRecords(int limit) {
        return recordsWhere("failure IS NOT NULL", limit);
    }

    @Override
    public int removeSyncedOutside(long mark) {
        // Two range deletes rather than one "<>": each searches the partial index for the stale entries only,
        // where "<>" (or an OR of both ranges) walks every synced record.
        PreparedStatement older = writing("DELETE FROM records WHERE state = 'SYNCED' AND pull_mark < ?");
        PreparedStatement newer = writing("DELETE FROM records WHERE state = 'SYNCED' AND pull_mark > ?");
        try {
            older.setLong(1, mark);
            newer.setLong(1, mark);
            return older.executeUpdate() + newer.executeUpdate();
        } catch (SQLException e) {
            throw failed("sweeping records", e);
        }
    }

    // ---- Meta -------------------------------------------------------------------------------------

    @Override
    public long nextLocalVersion() {
        PreparedStatement bump = writing("UPDATE store_meta SET local_version = local_version + 1");
        try {
            bump.executeUpdate();
            try (ResultSet row = reading("SELECT local_version FROM store_meta").executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw failed("counting a local write", e);
        }
    }

    @Override
    public StoreMeta meta() {
        PreparedStatement select =
                reading("SELECT last_pulled_at, schema_version, last_synced_at, last_pull_mark FROM store_meta");
        try (ResultSet row = select.executeQuery()) {
            row.next();
            String syncedAt = row.getString(3);
            return new StoreMeta(
                    row.getLong(1),
                    row.getInt(2),
                    syncedAt == null ? Optional.empty() : Optional.of(Instant.parse(syncedAt)),
                    row.getLong(4));
        } catch (SQLException e) {
            throw failed("reading the store's sync state", e);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("the stored last sync time is damaged", e);
        }
    }

    @Override
    public void saveMeta(StoreMeta meta) {
        PreparedStatement update = writing("UPDATE store_meta SET last_pulled_at = ?, schema_version = ?,"
                + " last_synced_at = ?, last_pull_mark = ?");
        try {
            update.setLong(1, meta.lastPulledAt());
            update.setInt(2, meta.schemaVersion());
            if (meta.lastSyncedAt().isPresent()) {
                update.setString(3, meta.lastSyncedAt().get().toString());
            } else {
                update.setNull(3, Types.VARCHAR);
            }
            update.setLong(4, meta.lastPullMark());
            update.executeUpdate();
        } catch (SQLException e) {
            throw failed("saving the store's sync state", e);
        }
    }

    // ---- Queued ops -------------------------------------------------------------------------------

    @Override
    public void enqueue(OutboxOp op) {
        PreparedStatement delete = writing("DELETE FROM ops WHERE op_key = ?");
        PreparedStatement insert = writing(
                "INSERT INTO ops (op_key, kind, payload, track, attempts, failure) VALUES (?, ?, ?, ?, 0, NULL)");
        OpCodec.Row row = OpCodec.encode(op);
        try {
            // Deleted and inserted rather than updated: the new op takes a new sequence, behind everything queued.
            delete.setString(1, op.key());
            delete.executeUpdate();
            insert.setString(1, op.key());
            insert.setString(2, row.kind());
            insert.setString(3, row.payload());
            if (row.track() == null) {
                insert.setNull(4, Types.BLOB);
            } else {
                insert.setBytes(4, row.track());
            }
            insert.executeUpdate();
        } catch (SQLException e) {
            throw failed("queueing an op", e);
        }
    }

    @Override
    public List<QueuedOp> queuedOps(int limit) {
        return opsWhere("failure IS NULL", limit);
    }

    @Override
    public List<QueuedOp> failedOps(int limit) {
        return opsWhere("failure IS NOT NULL", limit);
    }

    /**
     * Takes the op's attempts and failure. Its content stays as queued (what the app was told is recorded is
     * what gets sent), and an op that was replaced or removed meanwhile is left alone.
     */
    @Override
    public void updateOp(QueuedOp op) {
        PreparedStatement update =
                writing("UPDATE ops SET attempts = ?, failure = ? WHERE sequence = ? AND op_key = ?");
        try {
            update.setInt(1, op.attempts());
            setFailure(update, 2, op.failure());
            update.setLong(3, op.sequence());
            update.setString(4, op.key());
            if (update.executeUpdate() == 0 && storedKey(op.sequence()).isPresent()) {
                throw new IllegalArgumentException("op " + op.sequence() + " is queued under another key");
            }
        } catch (SQLException e) {
            throw failed("updating a queued op", e);
        }
    }

    @Override
    public void removeOp(long sequence) {
        PreparedStatement delete = writing("DELETE FROM ops WHERE sequence = ?");
        try {
            delete.setLong(1, sequence);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw failed("removing a queued op", e);
        }
    }

    // ---- Runs -------------------------------------------------------------------------------------

    @Override
    public Optional<RunLifecycle> runLifecycle(UUID runId) {
        PreparedStatement select = reading("SELECT state, failure FROM run_lifecycles WHERE run_id = ?");
        try {
            select.setString(1, runId.toString());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new RunLifecycle(
                        RunLifecycle.State.valueOf(row.getString(1)), FailureJson.readColumn(row.getString(2))));
            }
        } catch (SQLException e) {
            throw failed("reading a run's state", e);
        }
    }

    @Override
    public void saveRunLifecycle(UUID runId, RunLifecycle lifecycle) {
        PreparedStatement upsert = writing("INSERT INTO run_lifecycles (run_id, state, failure) VALUES (?, ?, ?)"
                + " ON CONFLICT (run_id) DO UPDATE SET state = excluded.state, failure = excluded.failure");
        try {
            upsert.setString(1, runId.toString());
            upsert.setString(2, lifecycle.state().name());
            setFailure(upsert, 3, lifecycle.failure());
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw failed("saving a run's state", e);
        }
    }

    // ---- The outbox as a whole --------------------------------------------------------------------

    @Override
    public OutboxCounts counts() {
        PreparedStatement select = reading("SELECT"
                + " (SELECT count(*) FROM records WHERE state <> 'SYNCED' AND failure IS NULL)"
                + " + (SELECT count(*) FROM ops WHERE failure IS NULL),"
                + " (SELECT count(*) FROM records WHERE failure IS NOT NULL)"
                + " + (SELECT count(*) FROM ops WHERE failure IS NOT NULL)");
        try (ResultSet row = select.executeQuery()) {
            row.next();
            return new OutboxCounts(row.getInt(1), row.getInt(2));
        } catch (SQLException e) {
            throw failed("counting the outbox", e);
        }
    }

    @Override
    public void discardLocalChanges() {
        PreparedStatement ops = writing("DELETE FROM ops");
        PreparedStatement records = writing("DELETE FROM records WHERE state <> 'SYNCED' OR failure IS NOT NULL");
        PreparedStatement runs = writing("UPDATE run_lifecycles SET state = 'FAILED', failure = ?"
                + " WHERE state IN ('LOCAL_ONLY', 'SYNCING')");
        try {
            ops.executeUpdate();
            records.executeUpdate();
            runs.setString(1, FailureJson.write(DISCARDED));
            runs.executeUpdate();
        } catch (SQLException e) {
            throw failed("discarding local changes", e);
        }
    }

    // ---- Helpers ----------------------------------------------------------------------------------

    private List<LocalRecord> recordsWhere(String condition, int limit) {
        requireLimit(limit);
        PreparedStatement select = reading("SELECT " + RECORD_COLUMNS + " FROM records WHERE " + condition
                + " ORDER BY local_version, collection, id LIMIT ?");
        try {
            select.setInt(1, limit);
            return records(select);
        } catch (SQLException e) {
            throw failed("reading the outbox", e);
        }
    }

    private List<QueuedOp> opsWhere(String condition, int limit) {
        requireLimit(limit);
        PreparedStatement select =
                reading("SELECT " + OP_COLUMNS + " FROM ops WHERE " + condition + " ORDER BY sequence LIMIT ?");
        try {
            select.setInt(1, limit);
            List<QueuedOp> ops = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    OutboxOp op = OpCodec.decode(rows.getString(2), rows.getString(3), rows.getBytes(4));
                    ops.add(new QueuedOp(
                            rows.getLong(1), op, rows.getInt(5), FailureJson.readColumn(rows.getString(6))));
                }
            }
            return ops;
        } catch (SQLException e) {
            throw failed("reading queued ops", e);
        }
    }

    private Optional<String> storedKey(long sequence) throws SQLException {
        PreparedStatement select = reading("SELECT op_key FROM ops WHERE sequence = ?");
        select.setLong(1, sequence);
        try (ResultSet row = select.executeQuery()) {
            return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
        }
    }

    private static void bindLive(PreparedStatement select, RecordQuery query) throws SQLException {
        select.setString(1, query.collection());
        // Every record id is longer than "", so no afterId means every id.
        select.setString(2, query.afterId().orElse(""));
    }

    private static List<LocalRecord> records(PreparedStatement select) throws SQLException {
        List<LocalRecord> records = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                records.add(new LocalRecord(
                        rows.getString(1),
                        new RecordId(rows.getString(2)),
                        RecordJson.values(rows.getString(3)),
                        rows.getLong(4),
                        rows.getLong(5),
                        RecordState.valueOf(rows.getString(6)),
                        RecordJson.columns(rows.getString(7)),
                        rows.getLong(8),
                        rows.getLong(9),
                        rows.getInt(10),
                        FailureJson.readColumn(rows.getString(11))));
            }
        }
        return records;
    }

    private static void setFailure(PreparedStatement statement, int index, Optional<ItemFailure> failure)
            throws SQLException {
        if (failure.isPresent()) {
            statement.setString(index, FailureJson.write(failure.get()));
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }

    private static void requireLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1");
        }
    }

    private PreparedStatement reading(String sql) {
        requireActive();
        try {
            return statements.get(sql);
        } catch (SQLException e) {
            throw failed("preparing a statement", e);
        }
    }

    private PreparedStatement writing(String sql) {
        requireActive();
        if (!writable) {
            throw new IllegalStateException("a read transaction cannot write; use LocalStore.write");
        }
        return reading(sql);
    }

    private void requireActive() {
        if (!active) {
            throw new IllegalStateException("the transaction has ended");
        }
    }

    private static SqliteStoreException failed(String what, SQLException e) {
        return new SqliteStoreException(what + " failed: " + e.getMessage(), e);
    }

    /** A query's {@code column = value} condition, compared as the value's own JSON type. */
    private record ColumnFilter(String sql, String path, Value value) {

        static ColumnFilter of(String column, Value value) {
            if (column.indexOf('"') >= 0) {
                throw new IllegalArgumentException("a column name cannot contain a double quote");
            }
            String path = "$.\"" + column + "\"";
            String type = "json_type(values_json, ?)";
            if (value instanceof Value.Text) {
                return new ColumnFilter(type + " = 'text' AND json_extract(values_json, ?) = ?", path, value);
            }
            if (value instanceof Value.Num) {
                // Compared as numbers (so 0.0 matches -0.0); SQLite reads back each stored double exactly.
                return new ColumnFilter(
                        type + " IN ('integer', 'real') AND json_extract(values_json, ?) = ?", path, value);
            }
            if (value instanceof Value.Bool) {
                // json_extract gives 1 and 0 for true and false, like the numbers: the JSON type tells them apart.
                return new ColumnFilter(type + " = ?", path, value);
            }
            if (value instanceof Value.Null) {
                // A missing column reads as null, as LocalRecord.value does.
                return new ColumnFilter("coalesce(" + type + ", 'null') = 'null'", path, value);
            }
            return new ColumnFilter(type + " IN ('object', 'array')", path, value);
        }

        /** Binds from {@code index}; returns the next free index. */
        int bind(PreparedStatement statement, int index) throws SQLException {
            int next = index;
            statement.setString(next++, path);
            if (value instanceof Value.Text text) {
                statement.setString(next++, path);
                statement.setString(next++, text.value());
            } else if (value instanceof Value.Num num) {
                statement.setString(next++, path);
                statement.setDouble(next++, num.value());
            } else if (value instanceof Value.Bool bool) {
                statement.setString(next++, bool.value() ? "true" : "false");
            }
            return next;
        }
    }
}
