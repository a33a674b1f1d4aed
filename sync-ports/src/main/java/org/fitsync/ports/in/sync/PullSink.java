package org.fitsync.ports.in.sync;

import org.fitsync.domain.sync.RecordId;

/**
 * Receives a pull as it streams: {@code begin}, then records grouped by collection (within one
 * collection, records before deleted ids; every id at most once), then {@code end}.
 *
 * <p>Every call comes while the pull holds its database snapshot, and so a connection: a sink must
 * not wait on anything slow, such as a client's socket. The HTTP adapter writes into a spool and
 * sends it once the pull has returned (docs/adr/0024).
 */
public interface PullSink {

    void begin(PullMode mode);

    void record(String collection, PullSection section, PulledRecord record);

    void deleted(String collection, RecordId id);

    void end(long timestamp, boolean hasMore);
}
