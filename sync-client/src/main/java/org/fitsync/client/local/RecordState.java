package org.fitsync.client.local;

/**
 * Where a local record stands with the server, as WatermelonDB's {@code _status}: {@link #SYNCED}
 * records match what the server last sent; the others are local changes the outbox still has to push.
 */
public enum RecordState {
    SYNCED,
    CREATED,
    UPDATED,
    DELETED;

    public boolean hasLocalChange() {
        return this != SYNCED;
    }
}
