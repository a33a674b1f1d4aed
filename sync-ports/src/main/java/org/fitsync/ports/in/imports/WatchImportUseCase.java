package org.fitsync.ports.in.imports;

import java.util.Optional;

/** Follows an import live: the listener runs on every change made by any node. */
public interface WatchImportUseCase {

    /** Empty when the user has no such import. */
    Optional<Watch> watch(WatchImportQuery query, Runnable onChange);

    /** An ongoing watch; closing it stops the calls. */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }
}
