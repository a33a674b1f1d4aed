package org.fitsync.ports.out.files;

import java.time.Instant;
import java.util.List;
import org.fitsync.domain.files.BlobKey;

/** Uploads never completed: declared before a cutoff and still waiting for their bytes. */
public interface SweepFilesPort {

    /** Up to {@code limit} of them, across users; runs outside any user transaction. */
    List<BlobKey> unfinishedBefore(Instant cutoff, int limit);

    /** Deletes the file's row if it still waits for its bytes and was declared before {@code cutoff}. */
    boolean deleteUnfinished(BlobKey key, Instant cutoff);
}
