package org.fitsync.client.status;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/** Holds the current status and tells listeners each change; a failing listener does not stop the others. */
public final class StatusBoard {

    private final List<SyncStatusListener> listeners = new CopyOnWriteArrayList<>();
    private volatile SyncStatus current;

    public StatusBoard(SyncStatus initial) {
        this.current = initial;
    }

    public SyncStatus current() {
        return current;
    }

    /** Adds a listener and tells it the current status at once. */
    public Runnable subscribe(SyncStatusListener listener) {
        listeners.add(listener);
        listener.onStatus(current);
        return () -> listeners.remove(listener);
    }

    public synchronized SyncStatus update(UnaryOperator<SyncStatus> change) {
        SyncStatus next = change.apply(current);
        if (!next.equals(current)) {
            current = next;
            for (SyncStatusListener listener : listeners) {
                try {
                    listener.onStatus(next);
                } catch (RuntimeException e) {
                    // A listener's bug must not stop the sync or the other listeners.
                }
            }
        }
        return next;
    }
}
