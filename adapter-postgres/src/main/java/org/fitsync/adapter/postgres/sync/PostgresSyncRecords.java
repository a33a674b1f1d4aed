package org.fitsync.adapter.postgres.sync;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import org.fitsync.adapter.postgres.PostgresTransactions;
import org.fitsync.domain.UserId;
import org.fitsync.domain.sync.ChangePosition;
import org.fitsync.domain.sync.Collection;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.StoredRecord;
import org.fitsync.ports.in.sync.PulledRecord;
import org.fitsync.ports.out.sync.ChangeScope;
import org.fitsync.ports.out.sync.RecordWrite;
import org.fitsync.ports.out.sync.StoredChange;
import org.fitsync.ports.out.sync.SyncRecordStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.core.statement.Update;

/**
 * The generic record storage: every collection's records as JSONB rows of {@code sync_records},
 * keyed by (user, collection, id) and found by change position. Statements run on the handle of
 * the transaction the sync service opened.
 */
public final class PostgresSyncRecords implements SyncRecordStore {

    /** Rows fetched per round trip while streaming, so a large pull never sits in memory at once. */
    static final int FETCH_SIZE = 1_000;

    private static final String CHANGE_COLUMNS = """
            collection, id, version, seq, deleted_at IS NOT NULL AS deleted,
            CASE WHEN deleted_at IS NULL THEN data::text END AS document""";

    /** Plain JDBC, like the version claim: it runs on every push, and Jdbi's set-up outweighs a small one. */
    private static final String LOAD = """
            SELECT id, data::text AS data, version, seq, deleted_at IS NOT NULL AS deleted
            FROM sync_records
            WHERE user_id = ? AND collection = ? AND id = ANY(?)""";

    @Override
    public Map<RecordId, StoredRecord> load(UserId user, Collection collection, Set<RecordId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<RecordId, StoredRecord> found = new HashMap<>();
        try (PreparedStatement load = handle().getConnection().prepareStatement(LOAD)) {
            load.setString(1, user.value());
            load.setString(2, collection.name());
            load.setObject(3, ids.stream().map(RecordId::value).toArray(String[]::new));
            try (ResultSet rs = load.executeQuery()) {
                while (rs.next()) {
                    RecordId id = new RecordId(rs.getString(1));
                    found.put(
                            id,
                            new StoredRecord(
                                    RecordJson.read(collection, id, rs.getString(2)),
                                    rs.getBoolean(5),
                                    new ChangePosition(rs.getLong(3), rs.getInt(4))));
                }
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e.getMessage(), e, null);
        }
        return found;
    }

    @Override
    public void write(UserId user, Collection collection, List<RecordWrite> writes) {
        Batch inserts = new Batch();
        Batch updates = new Batch();
        Batch tombstones = new Batch();
        Batch restamps = new Batch();
        List<Long> deletedAt = new ArrayList<>();
        for (RecordWrite write : writes) {
            if (write instanceof RecordWrite.Upsert upsert) {
                (upsert.existing() ? updates : inserts).add(write, RecordJson.write(upsert.record()));
            } else if (write instanceof RecordWrite.Tombstone tombstone) {
                tombstones.add(write, "{\"id\":\"" + write.id().value() + "\"}");
                deletedAt.add(tombstone.deletedAtMs());
            } else {
                restamps.add(write, "");
            }
        }
        // The push holds the user's write lock, so which ids exist is known: a plain INSERT and an
        // UPDATE, not INSERT … ON CONFLICT, whose speculative insertion costs a quarter more per row.
        if (!inserts.isEmpty()) {
            inserts.bind(handle().createUpdate("""
                    INSERT INTO sync_records (user_id, collection, id, data, version, seq)
                    SELECT :user, :collection, t.id, t.data::jsonb, t.version, t.seq
                    FROM unnest(:ids, :data, :versions, :seqs) AS t(id, data, version, seq)"""), user, collection).execute();
        }
        if (!updates.isEmpty()) {
            int updated =
                    updates.bind(handle().createUpdate("""
                    UPDATE sync_records s
                    SET data = t.data::jsonb, version = t.version, seq = t.seq, deleted_at = NULL, changed_at = now()
                    FROM unnest(:ids, :data, :versions, :seqs) AS t(id, data, version, seq)
                    WHERE s.user_id = :user AND s.collection = :collection AND s.id = t.id"""), user, collection).execute();
            if (updated != updates.size()) {
                throw new IllegalStateException("records of " + collection.name() + " vanished under the write lock");
            }
        }
        if (!tombstones.isEmpty()) {
            // A tombstone keeps only the id: nothing else of a deleted record is ever served again.
            long[] deletedMs = deletedAt.stream().mapToLong(Long::longValue).toArray();
            tombstones
                    .bind(handle().createUpdate("""
                    INSERT INTO sync_records (user_id, collection, id, data, version, seq, deleted_at)
                    SELECT :user, :collection, t.id, t.data::jsonb, t.version, t.seq, to_timestamp(t.deleted_ms / 1000.0)
                    FROM unnest(:ids, :data, :versions, :seqs, :deleted_ms)
                        AS t(id, data, version, seq, deleted_ms)
                    ON CONFLICT (user_id, collection, id) DO UPDATE
                        SET data = EXCLUDED.data, version = EXCLUDED.version, seq = EXCLUDED.seq,
                            deleted_at = EXCLUDED.deleted_at, changed_at = now()"""), user, collection)
                    .bind("deleted_ms", binaryArray(deletedMs))
                    .execute();
        }
        if (!restamps.isEmpty()) {
            restamps.bind(handle().createUpdate("""
                    UPDATE sync_records s SET version = t.version, seq = t.seq, changed_at = now()
                    FROM unnest(:ids, :data, :versions, :seqs) AS t(id, data, version, seq)
                    WHERE s.user_id = :user AND s.collection = :collection AND s.id = t.id"""), user, collection).execute();
        }
    }

    /**
     * A Java array handed to the driver as is: pgjdbc sends {@code String[]}, {@code long[]} and
     * {@code int[]} in PostgreSQL's binary array format, where a JSON text needs no escaping on
     * either side (Jdbi's array binding goes through the text form, quoting every quote).
     */
    private static Argument binaryArray(Object array) {
        return (position, statement, context) -> statement.setObject(position, array);
    }

    @Override
    public void streamChanges(UserId user, ChangeScope scope, Consumer<StoredChange> sink) {
        if (isIncrementalWithoutMigration(scope)) {
            streamIncrementalChanges(user, scope, sink);
            return;
        }
        for (Collection collection : scope.collections()) {
            StringBuilder sql = new StringBuilder("SELECT ")
                    .append(CHANGE_COLUMNS)
                    .append(" ")
                    .append("""
                     FROM sync_records WHERE user_id = :user AND collection = :collection AND (""");
            sql.append(positionCondition(scope));
            if (scope.wholeCollections().contains(collection.name())) {
                sql.append(" OR deleted_at IS NULL");
            }
            List<String> columns = List.copyOf(scope.nonNullColumns().getOrDefault(collection.name(), Set.of()));
            for (int i = 0; i < columns.size(); i++) {
                sql.append(" OR (deleted_at IS NULL AND data->>:column")
                        .append(i)
                        .append(" IS NOT NULL)");
            }
            sql.append(')');
            if (!scope.liveOnly()) {
                // The sink wants a collection's records before its deleted ids.
                sql.append(" ORDER BY deleted_at IS NOT NULL");
            }
            Query query = handle().createQuery(sql.toString())
                    .bind("user", user.value())
                    .bind("collection", collection.name())
                    .bind("version", scope.from().version())
                    .bind("seq", scope.from().seq())
                    .setFetchSize(FETCH_SIZE);
            for (int i = 0; i < columns.size(); i++) {
                query.bind("column" + i, columns.get(i));
            }
            query.map((rs, ctx) -> change(rs)).useIterator(rows -> rows.forEachRemaining(sink));
        }
    }

    /**
     * An incremental pull reads the few rows after its cursor through the changes index, so one query
     * for every collection, sorted into the order the sink wants (a collection's records together, its
     * live records before its deleted ids), costs one round trip instead of one per collection. A
     * first sync or a replacement reads whole collections through the primary key, one at a time, as
     * they come, and a migration adds conditions per collection: those stay per collection.
     */
    private static boolean isIncrementalWithoutMigration(ChangeScope scope) {
        return !scope.liveOnly()
                && scope.wholeCollections().isEmpty()
                && scope.nonNullColumns().isEmpty()
                && scope.collections().size() > 1;
    }

    /** Plain JDBC, like the load: it runs on nearly every pull. */
    private static final String INCREMENTAL_CHANGES = "SELECT " + CHANGE_COLUMNS + """
             FROM sync_records
            WHERE user_id = ? AND collection = ANY(?) AND (version, seq) >= (?, ?)
            ORDER BY collection, deleted_at IS NOT NULL""";

    private void streamIncrementalChanges(UserId user, ChangeScope scope, Consumer<StoredChange> sink) {
        try (PreparedStatement changes = handle().getConnection().prepareStatement(INCREMENTAL_CHANGES)) {
            changes.setFetchSize(FETCH_SIZE);
            changes.setString(1, user.value());
            changes.setObject(2, collectionNames(scope));
            changes.setLong(3, scope.from().version());
            changes.setInt(4, scope.from().seq());
            try (ResultSet rows = changes.executeQuery()) {
                while (rows.next()) {
                    sink.accept(change(rows));
                }
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e.getMessage(), e, null);
        }
    }

    private static String[] collectionNames(ChangeScope scope) {
        return scope.collections().stream().map(Collection::name).toArray(String[]::new);
    }

    @Override
    public List<StoredChange> changesPage(UserId user, ChangeScope scope, int limit) {
        return handle().createQuery("SELECT " + CHANGE_COLUMNS + " " + """
                         FROM sync_records
                        WHERE user_id = :user AND collection = ANY(:collections) AND"""
                        + positionCondition(scope) + " ORDER BY version, seq LIMIT :limit")
                .bind("user", user.value())
                .bind("collections", binaryArray(collectionNames(scope)))
                .bind("version", scope.from().version())
                .bind("seq", scope.from().seq())
                .bind("limit", limit)
                .map((rs, ctx) -> change(rs))
                .list();
    }

    @Override
    public OptionalLong purgeTombstones(UserId user, Instant cutoff) {
        return handle().createQuery("""
                        WITH purged AS (
                            DELETE FROM sync_records
                            WHERE user_id = :user AND deleted_at IS NOT NULL AND deleted_at < :cutoff
                            RETURNING version)
                        SELECT max(version) FROM purged""")
                .bind("user", user.value())
                .bind("cutoff", OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
                .mapTo(Long.class)
                .findOne()
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }

    private static String positionCondition(ChangeScope scope) {
        String position = "(version, seq) >= (:version, :seq)";
        return scope.liveOnly() ? "(" + position + " AND deleted_at IS NULL)" : position;
    }

    /** A live row's data is its record's wire form (RecordJson): served as a document, unparsed. */
    private static StoredChange change(java.sql.ResultSet rs) throws java.sql.SQLException {
        String collection = rs.getString("collection");
        RecordId id = new RecordId(rs.getString("id"));
        ChangePosition position = new ChangePosition(rs.getLong("version"), rs.getInt("seq"));
        return rs.getBoolean("deleted")
                ? StoredChange.tombstone(collection, id, position)
                : StoredChange.live(collection, position, new PulledRecord.Document(id, rs.getString("document")));
    }

    private static Handle handle() {
        return PostgresTransactions.handle();
    }

    /** Column arrays for one multi-row statement ({@code unnest}), so a push is a few round trips. */
    private static final class Batch {
        private final List<String> ids = new ArrayList<>();
        private final List<String> data = new ArrayList<>();
        private final List<ChangePosition> positions = new ArrayList<>();

        void add(RecordWrite write, String json) {
            ids.add(write.id().value());
            data.add(json);
            positions.add(write.position());
        }

        boolean isEmpty() {
            return ids.isEmpty();
        }

        int size() {
            return ids.size();
        }

        Update bind(Update update, UserId user, Collection collection) {
            return update.bind("user", user.value())
                    .bind("collection", collection.name())
                    .bind("ids", binaryArray(ids.toArray(String[]::new)))
                    .bind("data", binaryArray(data.toArray(String[]::new)))
                    .bind(
                            "versions",
                            binaryArray(positions.stream()
                                    .mapToLong(ChangePosition::version)
                                    .toArray()))
                    .bind(
                            "seqs",
                            binaryArray(positions.stream()
                                    .mapToInt(ChangePosition::seq)
                                    .toArray()));
        }
    }
}
