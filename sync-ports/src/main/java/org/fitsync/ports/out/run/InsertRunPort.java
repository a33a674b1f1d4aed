package org.fitsync.ports.out.run;

import org.fitsync.domain.UserId;
import org.fitsync.domain.run.ContentFingerprint;
import org.fitsync.domain.run.NewRun;

/**
 * Stores a new run, unflagged, stamped with {@code version} both as its sync version and as its
 * arrival order; the overlap policy revises its flags afterwards in the same transaction.
 */
public interface InsertRunPort {

    void insertRun(UserId user, NewRun run, ContentFingerprint fingerprint, String polyline, long version);
}
