package org.fitsync.client.status;

/** Told every status change, on the client's sync thread: hand it to the UI thread, do not block. */
@FunctionalInterface
public interface SyncStatusListener {

    void onStatus(SyncStatus status);
}
