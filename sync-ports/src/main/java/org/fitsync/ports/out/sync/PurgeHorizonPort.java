package org.fitsync.ports.out.sync;

import org.fitsync.domain.UserId;

/**
 * The highest version of any tombstone purged for a user. A cursor at or below it may have missed a
 * purged delete, so such a pull gets a replacement sync; a newer cursor cannot have.
 */
public interface PurgeHorizonPort {

    long purgeHorizon(UserId user);

    void raisePurgeHorizon(UserId user, long version);
}
