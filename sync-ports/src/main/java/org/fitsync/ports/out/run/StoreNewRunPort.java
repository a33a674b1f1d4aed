package org.fitsync.ports.out.run;

import java.util.List;
import java.util.UUID;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.ContentFingerprint;
import org.fitsync.domain.run.NewRun;
import org.fitsync.domain.run.RunFigures;
import org.fitsync.domain.run.StoredRun;
import org.fitsync.domain.run.TimelineRun;

/**
 * Stores a submitted run. The store answers what it found, never what it means: the idempotency
 * decision and the overlap policy stay with the service. A store may answer each call in one round
 * trip, so the common submission, a new run that overlaps nothing, costs two calls.
 */
public interface StoreNewRunPort {

    /**
     * A submission's first look, before the lock: what is stored under {@code id}, and if nothing is,
     * the user's next version claimed (as {@link org.fitsync.ports.out.SyncVersionPort#claimNextVersion},
     * which takes the lock). A known id claims nothing.
     */
    FirstLook identityOrClaim(UserId user, UUID id);

    /**
     * Under the user's write lock ({@code version} claimed): stores the run, unflagged and stamped with
     * {@code version} both as its sync version and as its arrival order, if nothing is stored under its
     * id, no live run of the user comes from the same Strava activity and no live run is a candidate for
     * overlapping it. Otherwise it stores nothing and says which of these held, in that order.
     */
    StoreAttempt storeIfNew(
            UserId user, NewRun run, ContentFingerprint fingerprint, String polyline, RunFigures figures, long version);

    /**
     * Stores the run as {@link #storeIfNew} does, without looking: for a run the service has decided to
     * keep. The overlap policy revises its flags afterwards in the same transaction.
     */
    StoredRun store(
            UserId user, NewRun run, ContentFingerprint fingerprint, String polyline, RunFigures figures, long version);

    /** The outcome of {@link #identityOrClaim}. */
    sealed interface FirstLook {
        /** Something is stored under the id; no version was claimed. */
        record Known(RunIdentity identity) implements FirstLook {}

        /** Nothing is stored under the id; {@code version} is claimed and the user's write lock held. */
        record Claimed(long version) implements FirstLook {}
    }

    /** The outcome of {@link #storeIfNew}; only {@link Stored} stored anything. */
    sealed interface StoreAttempt {
        /** The run as stored, unflagged: there was nothing it could overlap. */
        record Stored(StoredRun run) implements StoreAttempt {}

        /** Something is stored under the run's id (deleted ones included). */
        record AlreadyKnown(RunIdentity identity) implements StoreAttempt {}

        /** Another live run of the user was imported from the run's Strava activity. */
        record StravaIdTaken(UUID existingRun) implements StoreAttempt {}

        /**
         * The live runs whose spans may intersect the run's (as {@link FindOverlapsPort#findOverlapping}
         * finds them); whether any does, and what follows, is the overlap policy's to decide.
         */
        record MayOverlap(List<TimelineRun> candidates) implements StoreAttempt {
            public MayOverlap {
                candidates = List.copyOf(candidates);
            }
        }
    }
}
