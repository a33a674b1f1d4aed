package org.fitsync.client.remote;

import org.fitsync.domain.sync.RecordId;

/**
 * Receives a pull as the transport reads it, record by record, so a first sync of any size never has
 * to be held in memory. Collections the client does not know are the transport's to skip.
 */
public interface PullSink {

    /** A live record ({@code created} or {@code updated}: the client treats both as "this is the record now"). */
    void record(String collection, WireRecord record);

    void deleted(String collection, RecordId id);
}
