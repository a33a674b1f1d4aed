package org.fitsync.client.engine;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fitsync.client.ClientSchema;
import org.fitsync.client.local.LocalRecord;
import org.fitsync.client.local.LocalTransaction;
import org.fitsync.client.local.RecordState;
import org.fitsync.domain.sync.Collection;
import org.fitsync.domain.sync.Column;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.ServerRecordIds;
import org.fitsync.domain.sync.Value;

/**
 * The app's own writes to records, and what the outbox learns from each: a new record is
 * {@code CREATED}; a change to a synced one is {@code UPDATED} with the columns it changed; deleting a
 * record the server never saw forgets it, any other becomes a {@code DELETED} tombstone to push.
 */
public final class LocalWrites {

    private final ClientSchema schema;

    public LocalWrites(ClientSchema schema) {
        this.schema = schema;
    }

    /** Checks the values against the collection: unknown, read-only and wrongly typed columns are the app's bug. */
    public Map<String, Value> checked(String collectionName, Map<String, Value> values) {
        Collection collection = schema.collection(collectionName);
        Map<String, Value> checked = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            Column column = collection
                    .column(name)
                    .orElseThrow(() -> new IllegalArgumentException(collectionName + " has no column " + name));
            if (column.readOnly()) {
                throw new IllegalArgumentException(collectionName + "." + name + " is filled by the server");
            }
            if (!column.sanitise(value).equals(value)) {
                throw new IllegalArgumentException(collectionName + "." + name + " cannot hold " + value);
            }
            checked.put(name, value);
        });
        return checked;
    }

    /** Sets the given columns (others keep their values); returns the record as stored, or empty if nothing changed. */
    public Optional<LocalRecord> put(
            LocalTransaction tx, String collection, RecordId id, Map<String, Value> values, long nowMs) {
        requireClients(id);
        Map<String, Value> checked = checked(collection, values);
        Optional<LocalRecord> existing = tx.find(collection, id);
        if (!existing.isPresent()) {
            LocalRecord created = new LocalRecord(
                    collection,
                    id,
                    withoutNulls(checked),
                    nowMs,
                    nowMs,
                    RecordState.CREATED,
                    Set.of(),
                    tx.nextLocalVersion(),
                    0,
                    0,
                    Optional.empty());
            tx.save(created);
            return Optional.of(created);
        }
        LocalRecord record = existing.get();
        Map<String, Value> merged = new LinkedHashMap<>(record.values());
        Set<String> changed = new HashSet<>(record.changedColumns());
        boolean any = record.isDeleted();
        for (Map.Entry<String, Value> entry : checked.entrySet()) {
            if (!record.value(entry.getKey()).equals(entry.getValue())) {
                any = true;
                changed.add(entry.getKey());
            }
            if (entry.getValue().equals(Value.NULL)) {
                merged.remove(entry.getKey());
            } else {
                merged.put(entry.getKey(), entry.getValue());
            }
        }
        if (!any) {
            return Optional.empty();
        }
        if (record.isDeleted()) {
            // Brought back before the delete was pushed: the server still has the record, so every column is sent.
            changed.addAll(merged.keySet());
        }
        RecordState state = record.state() == RecordState.CREATED ? RecordState.CREATED : RecordState.UPDATED;
        LocalRecord updated = new LocalRecord(
                collection,
                id,
                merged,
                record.createdAt(),
                Math.max(nowMs, record.updatedAt()),
                state,
                state == RecordState.CREATED ? Set.of() : changed,
                tx.nextLocalVersion(),
                record.pullMark(),
                0,
                Optional.empty());
        tx.save(updated);
        return Optional.of(updated);
    }

    /**
     * The server refuses any write to a record it computes (ids beginning {@code srv_}, e.g. the runner's
     * best efforts in personal_records): refusing it here tells the app at once instead of after a sync.
     */
    private static void requireClients(RecordId id) {
        if (ServerRecordIds.isReserved(id)) {
            throw new IllegalArgumentException(id + " is a record the server computes (ids beginning "
                    + ServerRecordIds.PREFIX + " are read-only)");
        }
    }

    /** Returns whether a live record was deleted. */
    public boolean delete(LocalTransaction tx, String collection, RecordId id, long nowMs) {
        requireClients(id);
        schema.collection(collection);
        Optional<LocalRecord> existing = tx.find(collection, id);
        if (!existing.isPresent() || existing.get().isDeleted()) {
            return false;
        }
        LocalRecord record = existing.get();
        // A record created here is deleted by a tombstone too, never just forgotten: a push carrying it
        // may have reached the server with its answer lost (the app killed, the network cut), and only the
        // pushed delete takes it off the server again. The server ignores a delete of an id it never had.
        tx.save(new LocalRecord(
                collection,
                id,
                record.values(),
                record.createdAt(),
                Math.max(nowMs, record.updatedAt()),
                RecordState.DELETED,
                Set.of(),
                tx.nextLocalVersion(),
                record.pullMark(),
                0,
                Optional.empty()));
        return true;
    }

    private static Map<String, Value> withoutNulls(Map<String, Value> values) {
        Map<String, Value> kept = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (!v.equals(Value.NULL)) {
                kept.put(k, v);
            }
        });
        return kept;
    }
}
