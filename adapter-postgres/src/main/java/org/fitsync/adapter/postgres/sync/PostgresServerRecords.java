package org.fitsync.adapter.postgres.sync;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fitsync.adapter.postgres.PostgresTransactions;
import org.fitsync.domain.UserId;
import org.fitsync.domain.sync.Collection;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.StoredRecord;
import org.fitsync.domain.sync.SyncRecord;
import org.fitsync.ports.out.sync.PublishServerRecordsPort;

/**
 * The server's own records among a generic collection's {@code sync_records} rows. Each row written
 * takes its sequence number from {@code next_change_seq()} (V102), the transaction's count down from
 * the top of the range that the runs and daily entries triggers use too, while a push numbers its own
 * rows up from 0: a push that deletes a run writes both kinds in one version without a collision.
 */
public final class PostgresServerRecords implements PublishServerRecordsPort {

    private static final String UPSERT = """
            INSERT INTO sync_records (user_id, collection, id, data, version, seq)
            SELECT :user, :collection, t.id, t.data::jsonb, :version, next_change_seq()
            FROM unnest(CAST(:ids AS text[]), CAST(:data AS text[])) AS t(id, data)
            ON CONFLICT (user_id, collection, id) DO UPDATE
                SET data = EXCLUDED.data, version = EXCLUDED.version, seq = EXCLUDED.seq,
                    deleted_at = NULL, changed_at = now()""";

    /** A tombstone keeps only the id, as a pushed delete's does. */
    private static final String TOMBSTONE = """
            UPDATE sync_records
            SET data = jsonb_build_object('id', id), version = :version, seq = next_change_seq(),
                deleted_at = now(), changed_at = now()
            WHERE user_id = :user AND collection = :collection AND id = ANY(CAST(:ids AS text[]))
                AND deleted_at IS NULL""";

    private final PostgresSyncRecords records = new PostgresSyncRecords();

    @Override
    public Map<RecordId, StoredRecord> loadServerRecords(UserId user, Collection collection, Set<RecordId> ids) {
        return records.load(user, collection, ids);
    }

    @Override
    public void publishServerRecords(
            UserId user, Collection collection, List<SyncRecord> changed, List<RecordId> gone, long version) {
        if (!changed.isEmpty()) {
            PostgresTransactions.handle()
                    .createUpdate(UPSERT)
                    .bind("user", user.value())
                    .bind("collection", collection.name())
                    .bind("version", version)
                    .bindArray(
                            "ids",
                            String.class,
                            changed.stream().map(r -> r.id().value()).toList())
                    .bindArray(
                            "data",
                            String.class,
                            changed.stream().map(RecordJson::write).toList())
                    .execute();
        }
        if (!gone.isEmpty()) {
            PostgresTransactions.handle()
                    .createUpdate(TOMBSTONE)
                    .bind("user", user.value())
                    .bind("collection", collection.name())
                    .bind("version", version)
                    .bindArray(
                            "ids",
                            String.class,
                            gone.stream().map(RecordId::value).toList())
                    .execute();
        }
    }
}
