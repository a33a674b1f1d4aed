package org.fitsync.ports.in.sync;

import org.fitsync.domain.sync.RecordId;

/**
 * Receives a pull as it streams: {@code begin}, then records grouped by collection (within one
 * collection, records before deleted ids; every id at most once), then {@code end}.
 */
public interface PullSink {

    void begin(PullMode mode);

    void record(String collection, PullSection section, PulledRecord record);

    void deleted(String collection, RecordId id);

    void end(long timestamp, boolean hasMore);
}
