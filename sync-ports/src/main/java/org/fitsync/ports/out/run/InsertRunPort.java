package org.fitsync.ports.out.run;

import java.util.Optional;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.ContentFingerprint;
import org.fitsync.domain.run.NewRun;
import org.fitsync.domain.run.StoredRun;

/**
 * Stores a new run, unflagged, stamped with {@code version} both as its sync version and as its
 * arrival order, and returns it as stored; the overlap policy revises its flags afterwards in the
 * same transaction when it overlaps anything.
 */
public interface InsertRunPort {

    StoredRun insertRun(UserId user, NewRun run, ContentFingerprint fingerprint, String polyline, long version);

    /**
     * Stores the run as {@link #insertRun} does, but only if, under the user's write lock, nothing is
     * stored under its id and no live run overlaps its span; empty, storing nothing, otherwise. The
     * common submission, a new run that overlaps nothing, then costs one call instead of a look and an insert.
     */
    Optional<StoredRun> insertRunIfClear(UserId user, NewRun run, ContentFingerprint fingerprint, String polyline,
                                         long version);
}
