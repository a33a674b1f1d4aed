package org.fitsync.application.run;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.PersonalRecordDocuments;
import org.fitsync.domain.sync.Collection;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.StoredRecord;
import org.fitsync.domain.sync.SyncRecord;
import org.fitsync.domain.sync.Value;
import org.fitsync.ports.out.run.LoadPersonalRecordsPort;
import org.fitsync.ports.out.sync.PublishServerRecordsPort;

/**
 * Keeps the runner's records in the {@code personal_records} sync collection equal to what
 * {@code GET /api/v1/records} answers. Called inside every write that can change which runs are
 * canonical or adds one (a run stored, deleted, flagged overlapping or freed from it), with that
 * write's version: a record whose value or run changed is rewritten at that version, one the runner no
 * longer has becomes a tombstone, and an unchanged one is left alone, so a sync client pulls a record
 * exactly when it changed. The cost is the records read (a few index look-ups) and one read of the
 * nine ids; a write happens only when a record changed.
 */
public final class PersonalRecordsPublisher {

    /** For a registry without the {@code personal_records} collection: nothing is published. */
    public static final PersonalRecordsPublisher NONE = new PersonalRecordsPublisher(null, null, null, null);

    private final LoadPersonalRecordsPort records;
    private final PublishServerRecordsPort store;
    private final Collection collection;
    private final Clock clock;

    private PersonalRecordsPublisher(
            LoadPersonalRecordsPort records, PublishServerRecordsPort store, Collection collection, Clock clock) {
        this.records = records;
        this.store = store;
        this.collection = collection;
        this.clock = clock;
    }

    /** Publishes into {@code collection} when the registry has it, else does nothing. */
    public static PersonalRecordsPublisher into(
            Optional<Collection> collection,
            LoadPersonalRecordsPort records,
            PublishServerRecordsPort store,
            Clock clock) {
        return collection
                .map(c -> new PersonalRecordsPublisher(records, store, c, clock))
                .orElse(NONE);
    }

    /** Brings the published records up to date; runs in the caller's transaction, stamped {@code version}. */
    public void republish(UserId user, long version) {
        if (collection == null) {
            return;
        }
        Map<RecordId, Map<String, Value>> wanted = PersonalRecordDocuments.of(records.loadPersonalRecords(user));
        Map<RecordId, StoredRecord> stored =
                store.loadServerRecords(user, collection, new HashSet<>(PersonalRecordDocuments.allIds()));
        long now = clock.millis();
        List<SyncRecord> changed = new ArrayList<>();
        wanted.forEach((id, columns) -> {
            StoredRecord before = stored.get(id);
            boolean live = before != null && !before.deleted();
            if (!live || !before.record().fields().equals(columns)) {
                long createdAt = live ? before.record().createdAt() : now;
                changed.add(new SyncRecord(id, columns, createdAt, now));
            }
        });
        List<RecordId> gone = new ArrayList<>();
        stored.forEach((id, before) -> {
            if (!before.deleted() && !wanted.containsKey(id)) {
                gone.add(id);
            }
        });
        if (!changed.isEmpty() || !gone.isEmpty()) {
            store.publishServerRecords(user, collection, changed, gone, version);
        }
    }
}
