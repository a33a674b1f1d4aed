package org.fitsync.ports.out.account;

import java.io.IOException;
import java.io.OutputStream;
import org.fitsync.domain.UserId;

/**
 * Writes everything stored about a user as one archive (the zip of docs/api.md "Your data") to
 * {@code out}, run by run, telling {@code progress} after each run so the job's progress can be saved.
 * Memory stays bounded: runs come page by page and are written as they come.
 */
public interface WriteExportArchivePort {

    void write(UserId user, OutputStream out, RunWritten progress) throws IOException;

    /** Called after each run is in the archive, with how many are. */
    @FunctionalInterface
    interface RunWritten {
        void runs(int written);
    }
}
