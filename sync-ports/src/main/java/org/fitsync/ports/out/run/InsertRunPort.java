package org.fitsync.ports.out.run;

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
}
