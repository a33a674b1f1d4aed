package org.fitsync.ports.out.run;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.TimeSpan;
import org.fitsync.domain.run.TimelineRun;

/**
 * The look a submission takes under the user's write lock, just before its insert: what is stored
 * under its id, and the live runs its span overlaps. One call, so a store can answer both from one
 * snapshot in one round trip instead of two.
 */
public interface CheckBeforeInsertPort {

    BeforeInsert checkBeforeInsert(UserId user, UUID id, TimeSpan span);

    /** {@code identity} as {@link LoadRunPort#findIdentity}, {@code overlapping} as {@link FindOverlapsPort#findOverlapping}. */
    record BeforeInsert(Optional<RunIdentity> identity, List<TimelineRun> overlapping) {
        public BeforeInsert {
            overlapping = List.copyOf(overlapping);
        }
    }
}
