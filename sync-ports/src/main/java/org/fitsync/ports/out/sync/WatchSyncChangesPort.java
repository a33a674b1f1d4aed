package org.fitsync.ports.out.sync;

import org.fitsync.domain.UserId;

/**
 * Tells a node's watchers that a user's data changed, wherever the change was committed: each
 * committed claim of the user's version is announced with that version (never with data).
 */
public interface WatchSyncChangesPort {

    /** Calls {@code listener} for every committed version of {@code user} until the handle is closed. */
    Subscription watch(UserId user, Listener listener);

    /** Called on the port's own thread, one call at a time. */
    interface Listener {

        /** The user's version {@code version} was committed. Must return quickly and never block. */
        void changed(long version);

        /**
         * Announcements may have been lost (the port lost its connection and has it back): the
         * watcher should read the user's current version itself. May read the database; later
         * announcements wait until it returns.
         */
        void mayHaveMissed();
    }

    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
