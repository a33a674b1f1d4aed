package org.fitsync.ports.out.account;

import java.util.List;
import java.util.Map;
import org.fitsync.domain.UserId;
import org.fitsync.domain.files.BlobKey;

/**
 * Deletes everything stored about a user. Runs inside the user's transaction; the adapter takes the
 * user's write lock first, so no write of theirs commits in between.
 */
public interface EraseAccountDataPort {

    /** The blob keys of the user's stored files and account exports (their bytes live outside the database). */
    List<BlobKey> storedFiles(UserId user);

    /** Deletes every row naming the user, and unnames them in other users' rows. */
    Erased erase(UserId user);

    /** Rows deleted or unnamed per table, and the blob keys of the files whose rows were deleted. */
    record Erased(Map<String, Long> rows, List<BlobKey> files) {
        public Erased {
            rows = Map.copyOf(rows);
            files = List.copyOf(files);
        }
    }
}
