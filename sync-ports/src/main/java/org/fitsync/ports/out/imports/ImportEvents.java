package org.fitsync.ports.out.imports;

import org.fitsync.domain.UserId;
import org.fitsync.domain.imports.ImportId;

/**
 * Tells every node that an import changed. Publishing happens inside the transaction that made
 * the change, and is delivered when it commits.
 */
public interface ImportEvents {

    void changed(UserId user, ImportId id);

    /** Calls {@code listener} whenever the import changes on any node, until the returned handle is closed. */
    Subscription subscribe(ImportId id, Runnable listener);

    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
