package org.fitsync.client.engine;

/** What a sync does: everything (send queued requests, pull, push), or only what waits to be sent. */
public enum SyncKind {
    PUSH_ONLY,
    FULL;

    public SyncKind and(SyncKind other) {
        return this == FULL || other == FULL ? FULL : PUSH_ONLY;
    }
}
