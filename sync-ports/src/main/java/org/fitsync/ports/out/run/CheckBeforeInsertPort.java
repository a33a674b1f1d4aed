package org.fitsync.ports.out.run;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.TimeSpan;
import org.fitsync.domain.run.TimelineRun;

/**
 * The looks a submission takes: before the lock, at its id (claiming a version if it is new); under
 * the user's write lock, just before its insert, at what is stored under its id and the live runs its
 * span overlaps. Each is one call, so a store can answer it in one round trip.
 */
public interface CheckBeforeInsertPort {

    BeforeInsert checkBeforeInsert(UserId user, UUID id, TimeSpan span);

    /**
     * A submission's first look, before the lock: what is stored under {@code id}, and if nothing is,
     * the user's next version claimed (as {@link org.fitsync.ports.out.SyncVersionPort#claimNextVersion},
     * which takes the lock). One call, so a store can do both in one round trip; a known id claims nothing.
     */
    FirstLook identityOrClaim(UserId user, UUID id);

    /** The outcome of {@link #identityOrClaim}. */
    sealed interface FirstLook {
        /** Something is stored under the id; no version was claimed. */
        record Known(RunIdentity identity) implements FirstLook {}

        /** Nothing is stored under the id; {@code version} is claimed and the user's write lock held. */
        record Claimed(long version) implements FirstLook {}
    }

    /** {@code identity} as {@link LoadRunPort#findIdentity}, {@code overlapping} as {@link FindOverlapsPort#findOverlapping}. */
    record BeforeInsert(Optional<RunIdentity> identity, List<TimelineRun> overlapping) {
        public BeforeInsert {
            overlapping = List.copyOf(overlapping);
        }
    }
}
