package org.fitsync.client.jvm.http;

import java.util.ArrayList;
import java.util.List;
import org.fitsync.client.remote.PullSink;
import org.fitsync.client.remote.WireRecord;
import org.fitsync.domain.sync.RecordId;

/** Keeps what a pull handed over, in order. */
final class RecordingSink implements PullSink {

    record Received(String collection, WireRecord record) {}

    record Deleted(String collection, RecordId id) {}

    final List<Received> records = new ArrayList<>();
    final List<Deleted> deleted = new ArrayList<>();

    @Override
    public void record(String collection, WireRecord record) {
        records.add(new Received(collection, record));
    }

    @Override
    public void deleted(String collection, RecordId id) {
        deleted.add(new Deleted(collection, id));
    }

    WireRecord record(String collection, String id) {
        return records.stream()
                .filter(r -> r.collection().equals(collection)
                        && r.record().id().value().equals(id))
                .map(Received::record)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + collection + " record " + id + " in " + records));
    }
}
