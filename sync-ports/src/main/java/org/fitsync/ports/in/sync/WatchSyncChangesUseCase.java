package org.fitsync.ports.in.sync;

/**
 * A device's wish to learn at once when the user's data changed on any node, so that it pulls then
 * instead of polling. It learns positions in the change order (pull cursors), never data.
 */
public interface WatchSyncChangesUseCase {

    /**
     * Starts watching: {@code observer} hears of every change committed after the returned cursor
     * (possibly with some repeated or coalesced), until the returned watch is closed.
     */
    SyncWatch watch(WatchSyncChangesQuery query, ChangeObserver observer);

    /** Called on a notifying thread: must return quickly and never block. */
    @FunctionalInterface
    interface ChangeObserver {

        /** The user's data changed: a pull with a cursor below {@code timestamp} now gets changes. */
        void changed(long timestamp);
    }

    /**
     * A running watch.
     *
     * @param cursor the user's cursor when the watch began: what a pull would return as
     *               {@code timestamp} at that moment
     * @param stop   ends the watch; the observer hears nothing more after it returned
     */
    record SyncWatch(long cursor, Runnable stop) implements AutoCloseable {

        @Override
        public void close() {
            stop.run();
        }
    }
}
