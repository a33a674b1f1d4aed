package org.fitsync.client.status;

/** What the sync client is doing, for the app's sync indicator. */
public enum SyncState {
    /** Nothing to do, or waiting for the next trigger. */
    IDLE,
    SYNCING,
    /** The server could not be reached; writes keep working and wait in the outbox. */
    OFFLINE,
    /** The last sync failed for another reason ({@link SyncStatus#lastError()}); a retry is scheduled. */
    ERROR,
    /** The server refused the token and the token provider had no new one; waits for {@code tokenChanged()}. */
    AUTH_REQUIRED,
    /** The client was closed. */
    STOPPED
}
