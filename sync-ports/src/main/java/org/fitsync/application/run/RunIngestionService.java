package org.fitsync.application.run;

import java.util.List;
import java.util.Optional;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.BestEffort;
import org.fitsync.domain.run.BestEfforts;
import org.fitsync.domain.run.ContentFingerprint;
import org.fitsync.domain.run.EncodedPolyline;
import org.fitsync.domain.run.IdempotencyDecision;
import org.fitsync.domain.run.NewRun;
import org.fitsync.domain.run.OverlapPolicy;
import org.fitsync.domain.run.RunFigures;
import org.fitsync.domain.run.RunFiguresCalculator;
import org.fitsync.domain.run.StoredRun;
import org.fitsync.domain.run.TrackSimplifier;
import org.fitsync.ports.in.run.SubmitRunCommand;
import org.fitsync.ports.in.run.SubmitRunResult;
import org.fitsync.ports.in.run.SubmitRunUseCase;
import org.fitsync.ports.out.SyncVersionPort;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.run.FindOverlapsPort;
import org.fitsync.ports.out.run.LoadRunPort;
import org.fitsync.ports.out.run.ReviseRunPort;
import org.fitsync.ports.out.run.RunIdentity;
import org.fitsync.ports.out.run.StoreBestEffortsPort;
import org.fitsync.ports.out.run.StoreNewRunPort;
import org.fitsync.ports.out.run.StoreNewRunPort.FirstLook;
import org.fitsync.ports.out.run.StoreNewRunPort.StoreAttempt;

/**
 * Ingests runs. A new run id claims a version first: it row-locks the user's sync state, so the
 * idempotency check, the overlap lookup and the insert of one user's submissions happen one at a
 * time, and two overlapping runs sent at once always see each other. A known id is answered
 * without a claim, so re-sends and refused submissions change nothing. The CPU work (fingerprint,
 * simplification, the run's figures and best efforts) is done before the lock is taken. The common case, a new
 * run that overlaps nothing, takes two store calls: the look that claims the version, and the attempt that
 * stores it; a third stores its best efforts when it has any. Last, the runner's records in sync are
 * brought up to date in the same version ({@link PersonalRecordsPublisher}).
 */
public final class RunIngestionService implements SubmitRunUseCase {

    private final TransactionPort transactions;
    private final SyncVersionPort versions;
    private final LoadRunPort load;
    private final StoreNewRunPort store;
    private final StoreBestEffortsPort bestEfforts;
    private final OverlapReevaluation overlaps;
    private final TrackSimplifier simplifier;
    private final PersonalRecordsPublisher records;

    public RunIngestionService(
            TransactionPort transactions,
            SyncVersionPort versions,
            LoadRunPort load,
            StoreNewRunPort store,
            StoreBestEffortsPort bestEfforts,
            FindOverlapsPort find,
            ReviseRunPort revise,
            OverlapPolicy policy,
            TrackSimplifier simplifier,
            PersonalRecordsPublisher records) {
        this.transactions = transactions;
        this.versions = versions;
        this.load = load;
        this.store = store;
        this.bestEfforts = bestEfforts;
        this.overlaps = new OverlapReevaluation(policy, find, revise);
        this.simplifier = simplifier;
        this.records = records;
    }

    @Override
    public SubmitRunResult submit(SubmitRunCommand command) {
        UserId user = command.user();
        NewRun run = command.run();
        ContentFingerprint fingerprint = run.fingerprint();
        String polyline = EncodedPolyline.encode(simplifier.simplify(run.track()));
        RunFigures figures = RunFiguresCalculator.of(run);
        List<BestEffort> efforts = BestEfforts.of(run);
        return transactions.inUserTransaction(user, () -> {
            // A run id seen before is answered without claiming a version: a re-send or a refused
            // submission then leaves the user's sync state untouched. Stored runs keep their id,
            // so this unlocked look is final; only a new id claims the version (and the lock).
            long version;
            FirstLook first = store.identityOrClaim(user, run.id());
            if (first instanceof FirstLook.Known seen) {
                Optional<SubmitRunResult> known = answerForKnownId(user, run, fingerprint, seen.identity());
                if (known.isPresent()) {
                    return known.get();
                }
                version = versions.claimNextVersion(user); // deleted since the look: the locked attempt decides
            } else {
                version = ((FirstLook.Claimed) first).version();
            }
            StoreAttempt attempt = store.storeIfNew(user, run, fingerprint, polyline, figures, version);
            if (attempt instanceof StoreAttempt.Stored stored) {
                storeBestEfforts(user, run, efforts);
                records.republish(user, version);
                return new SubmitRunResult.Created(stored.run());
            }
            if (attempt instanceof StoreAttempt.AlreadyKnown known) {
                // Under the lock the identity is final: a retry finds its run live.
                return answerForKnownId(user, run, fingerprint, known.identity())
                        .orElseThrow(
                                () -> new IllegalStateException("run " + run.id() + " is stored but cannot be loaded"));
            }
            if (attempt instanceof StoreAttempt.StravaIdTaken taken) {
                return new SubmitRunResult.StravaIdTaken(run.stravaId().orElseThrow(), taken.existingRun());
            }
            StoredRun inserted = store.store(user, run, fingerprint, polyline, figures, version);
            storeBestEfforts(user, run, efforts);
            if (!OverlapPolicy.overlapsAny(run.span(), ((StoreAttempt.MayOverlap) attempt).candidates())) {
                records.republish(user, version);
                return new SubmitRunResult.Created(inserted);
            }
            overlaps.around(user, run.span(), version);
            records.republish(user, version);
            return new SubmitRunResult.Created(load.loadRun(user, run.id()).orElseThrow());
        });
    }

    /**
     * A run's best efforts are stored with it and never change after: its track and samples do not.
     * Whether they count as records is read from the run's flags (canonical runs only).
     */
    private void storeBestEfforts(UserId user, NewRun run, List<BestEffort> efforts) {
        if (!efforts.isEmpty()) {
            bestEfforts.storeBestEfforts(user, run.id(), efforts);
        }
    }

    /** Empty for a retry whose run is no longer live (deleted since an unlocked look). */
    private Optional<SubmitRunResult> answerForKnownId(
            UserId user, NewRun run, ContentFingerprint fingerprint, RunIdentity stored) {
        IdempotencyDecision decision =
                IdempotencyDecision.decide(fingerprint, Optional.of(stored.fingerprint()), stored.deleted());
        return switch (decision) {
            case SAME_AGAIN -> load.loadRun(user, run.id()).map(SubmitRunResult.AlreadyStored::new);
            case DIFFERENT_CONTENT -> Optional.of(new SubmitRunResult.ContentConflict(run.id()));
            case DELETED_BEFORE -> Optional.of(new SubmitRunResult.DeletedBefore(run.id()));
            case NEW -> Optional.empty();
        };
    }
}
