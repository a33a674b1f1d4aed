package org.fitsync.adapter.postgres.sync;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.fitsync.adapter.postgres.PostgresTransactions;
import org.fitsync.domain.UserId;
import org.fitsync.domain.sync.ChangePosition;
import org.fitsync.domain.sync.Collection;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.StoredRecord;
import org.fitsync.domain.sync.SyncRecord;
import org.fitsync.domain.sync.Value;
import org.fitsync.ports.in.sync.PulledRecord;
import org.fitsync.ports.out.sync.ChangeScope;
import org.fitsync.ports.out.sync.ServerRecordsPort;
import org.fitsync.ports.out.sync.StoredChange;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * A feature's own table read as sync records: each subclass names its table, how a row becomes a
 * record, and which SQL expression holds each declared column (for migration pulls). Positions are
 * the rows' {@code (version, seq)}, numbered by the stamp_change_seq trigger (V60).
 */
public abstract class ServerTableRecords implements ServerRecordsPort {

    /** Rows fetched per round trip while streaming, so a large pull never sits in memory at once. */
    private static final int FETCH_SIZE = 1_000;

    /** The table, e.g. {@code runs}. */
    protected abstract String table();

    /** The SQL expression of a row's record id as text. */
    protected abstract String idExpression();

    /** A condition matching the rows whose record id is in the text array {@code :ids}. */
    protected abstract String idsCondition();

    /** Whether {@code id} can name a row of this table at all (e.g. is a UUID). */
    protected abstract boolean couldExist(RecordId id);

    /** The SQL expressions selected besides id, version, seq and deleted. */
    protected abstract String rowColumns();

    /** The SQL expression holding {@code column}, for "non-null in an added column" migration pulls. */
    protected abstract Map<String, String> columnExpressions();

    /** The row's record: declared columns in declaration order, created_at and updated_at. */
    protected abstract SyncRecord record(RecordId id, ResultSet rs) throws SQLException;

    @Override
    public Map<RecordId, StoredRecord> load(UserId user, Collection collection, Set<RecordId> ids) {
        List<String> keys =
                ids.stream().filter(this::couldExist).map(RecordId::value).toList();
        if (keys.isEmpty()) {
            return Map.of();
        }
        Map<RecordId, StoredRecord> found = new HashMap<>();
        PostgresTransactions.handle()
                .createQuery(select() + " AND " + idsCondition())
                .bind("user", user.value())
                .bindArray("ids", String.class, keys)
                .map((rs, ctx) -> {
                    RecordId id = new RecordId(rs.getString("record_id"));
                    return new StoredRecord(record(id, rs), rs.getBoolean("deleted"), position(rs));
                })
                .forEach(stored -> found.put(stored.id(), stored));
        return found;
    }

    /**
     * Plain JDBC with positional parameters (the user, then the position): every pull streams each
     * feature table's changes, mostly none, and Jdbi's per-statement set-up costs more than such a
     * query.
     */
    @Override
    public void streamChanges(UserId user, Collection collection, ChangeScope scope, Consumer<StoredChange> sink) {
        StringBuilder sql = new StringBuilder(select().replace(":user", "?"))
                .append(" AND (")
                .append(positionCondition(scope).replace(":version", "?").replace(":seq", "?"));
        if (scope.wholeCollections().contains(collection.name())) {
            sql.append(" OR deleted_at IS NULL");
        }
        for (String column : scope.nonNullColumns().getOrDefault(collection.name(), Set.of())) {
            String expression = columnExpressions().get(column);
            if (expression != null) {
                sql.append(" OR (deleted_at IS NULL AND ").append(expression).append(" IS NOT NULL)");
            }
        }
        sql.append(')');
        if (!scope.liveOnly()) {
            sql.append(" ORDER BY deleted_at IS NOT NULL"); // records before deleted ids
        }
        try (PreparedStatement changes =
                PostgresTransactions.handle().getConnection().prepareStatement(sql.toString())) {
            changes.setFetchSize(FETCH_SIZE);
            changes.setString(1, user.value());
            changes.setLong(2, scope.from().version());
            changes.setInt(3, scope.from().seq());
            try (ResultSet rows = changes.executeQuery()) {
                while (rows.next()) {
                    sink.accept(change(collection, rows));
                }
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e.getMessage(), e, null);
        }
    }

    @Override
    public List<StoredChange> changesPage(UserId user, Collection collection, ChangeScope scope, int limit) {
        return bindPosition(
                        PostgresTransactions.handle()
                                .createQuery(select() + " AND " + positionCondition(scope)
                                        + " ORDER BY version, seq LIMIT :limit"),
                        user,
                        scope)
                .bind("limit", limit)
                .map((rs, ctx) -> change(collection, rs))
                .list();
    }

    @Override
    public void restamp(UserId user, RecordId id, long version) {
        if (!couldExist(id)) {
            return;
        }
        // The stamp_change_seq trigger gives the row its sequence number within the new version.
        PostgresTransactions.handle()
                .createUpdate("UPDATE " + table() + " SET version = :version" + " WHERE user_id = :user AND "
                        + idsCondition())
                .bind("version", version)
                .bind("user", user.value())
                .bindArray("ids", String.class, List.of(id.value()))
                .execute();
    }

    protected static long epochMillis(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant().toEpochMilli();
    }

    protected static Value text(ResultSet rs, String column) throws SQLException {
        String value = rs.getString(column);
        return value == null ? Value.NULL : new Value.Text(value);
    }

    protected static Value number(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? Value.NULL : new Value.Num(value);
    }

    private String select() {
        return "SELECT " + idExpression() + " AS record_id, version, seq, deleted_at IS NOT NULL AS deleted, "
                + rowColumns() + " FROM " + table() + " WHERE user_id = :user";
    }

    private static String positionCondition(ChangeScope scope) {
        String position = "(version, seq) >= (:version, :seq)";
        return scope.liveOnly() ? "(" + position + " AND deleted_at IS NULL)" : position;
    }

    private static Query bindPosition(Query query, UserId user, ChangeScope scope) {
        return query.bind("user", user.value())
                .bind("version", scope.from().version())
                .bind("seq", scope.from().seq());
    }

    private StoredChange change(Collection collection, ResultSet rs) throws SQLException {
        RecordId id = new RecordId(rs.getString("record_id"));
        boolean deleted = rs.getBoolean("deleted");
        // A tombstone carries only its id: nothing else of a deleted record is served again.
        return deleted
                ? StoredChange.tombstone(collection.name(), id, position(rs))
                : StoredChange.live(collection.name(), position(rs), new PulledRecord.Fields(record(id, rs)));
    }

    private static ChangePosition position(ResultSet rs) throws SQLException {
        return new ChangePosition(rs.getLong("version"), rs.getInt("seq"));
    }
}
