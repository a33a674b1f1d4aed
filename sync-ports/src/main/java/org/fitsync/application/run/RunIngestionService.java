package org.fitsync.application.run;

import java.util.Optional;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.ContentFingerprint;
import org.fitsync.domain.run.EncodedPolyline;
import org.fitsync.domain.run.IdempotencyDecision;
import org.fitsync.domain.run.NewRun;
import org.fitsync.domain.run.OverlapPolicy;
import org.fitsync.domain.run.StoredRun;
import org.fitsync.domain.run.TrackSimplifier;
import org.fitsync.ports.in.run.SubmitRunCommand;
import org.fitsync.ports.in.run.SubmitRunResult;
import org.fitsync.ports.in.run.SubmitRunUseCase;
import org.fitsync.ports.out.SyncVersionPort;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.run.CheckBeforeInsertPort;
import org.fitsync.ports.out.run.FindOverlapsPort;
import org.fitsync.ports.out.run.InsertRunPort;
import org.fitsync.ports.out.run.LoadRunPort;
import org.fitsync.ports.out.run.ReviseRunPort;
import org.fitsync.ports.out.run.RunIdentity;

/**
 * Ingests runs. A new run id claims a version first: it row-locks the user's sync state, so the
 * idempotency check, the overlap lookup and the insert of one user's submissions happen one at a
 * time, and two overlapping runs sent at once always see each other. A known id is answered
 * without a claim, so re-sends and refused submissions change nothing. The CPU work (fingerprint,
 * simplification) is done before the lock is taken. The common case, a new run that overlaps
 * nothing, takes two store calls: the look that claims the version, and the insert that checks.
 */
public final class RunIngestionService implements SubmitRunUseCase {

    private final TransactionPort transactions;
    private final SyncVersionPort versions;
    private final LoadRunPort load;
    private final InsertRunPort insert;
    private final CheckBeforeInsertPort check;
    private final OverlapReevaluation overlaps;
    private final TrackSimplifier simplifier;

    public RunIngestionService(TransactionPort transactions, SyncVersionPort versions, LoadRunPort load,
                               InsertRunPort insert, FindOverlapsPort find, CheckBeforeInsertPort check,
                               ReviseRunPort revise, OverlapPolicy policy, TrackSimplifier simplifier) {
        this.transactions = transactions;
        this.versions = versions;
        this.load = load;
        this.insert = insert;
        this.check = check;
        this.overlaps = new OverlapReevaluation(policy, find, revise);
        this.simplifier = simplifier;
    }

    @Override
    public SubmitRunResult submit(SubmitRunCommand command) {
        UserId user = command.user();
        NewRun run = command.run();
        ContentFingerprint fingerprint = run.fingerprint();
        String polyline = EncodedPolyline.encode(simplifier.simplify(run.track()));
        return transactions.inUserTransaction(user, () -> {
            // A run id seen before is answered without claiming a version: a re-send or a refused
            // submission then leaves the user's sync state untouched. Stored runs keep their id,
            // so this unlocked look is final; only a new id claims the version (and the lock).
            long version;
            CheckBeforeInsertPort.FirstLook first = check.identityOrClaim(user, run.id());
            boolean newId = first instanceof CheckBeforeInsertPort.FirstLook.Claimed;
            if (first instanceof CheckBeforeInsertPort.FirstLook.Known seen) {
                Optional<SubmitRunResult> known = answerForKnownId(user, run, fingerprint, Optional.of(seen.identity()));
                if (known.isPresent()) {
                    return known.get();
                }
                version = versions.claimNextVersion(user); // deleted since the look: the locked look decides
            } else {
                version = ((CheckBeforeInsertPort.FirstLook.Claimed) first).version();
            }
            if (newId && run.stravaId().isEmpty()) {
                // Most runs are new and overlap nothing: then one call checks that under the lock and
                // stores the final row. Otherwise it stores nothing and the looks below decide.
                Optional<StoredRun> clear = insert.insertRunIfClear(user, run, fingerprint, polyline, version);
                if (clear.isPresent()) {
                    return new SubmitRunResult.Created(clear.get());
                }
            }
            // Under the lock, the id's second look and the overlap lookup are one read.
            CheckBeforeInsertPort.BeforeInsert look = check.checkBeforeInsert(user, run.id(), run.span());
            Optional<SubmitRunResult> known = answerForKnownId(user, run, fingerprint, look.identity());
            if (known.isPresent()) {
                return known.get();
            }
            if (run.stravaId().isPresent()) {
                Optional<StoredRun> imported = load.loadRunByStravaId(user, run.stravaId().get());
                if (imported.isPresent()) {
                    return new SubmitRunResult.StravaIdTaken(run.stravaId().get(), imported.get().id());
                }
            }
            boolean overlapsAny = !look.overlapping().isEmpty();
            StoredRun inserted = insert.insertRun(user, run, fingerprint, polyline, version);
            if (!overlapsAny) {
                return new SubmitRunResult.Created(inserted);
            }
            overlaps.around(user, run.span(), version);
            return new SubmitRunResult.Created(load.loadRun(user, run.id()).orElseThrow());
        });
    }

    private Optional<SubmitRunResult> answerForKnownId(UserId user, NewRun run, ContentFingerprint fingerprint,
                                                       Optional<RunIdentity> stored) {
        IdempotencyDecision decision = IdempotencyDecision.decide(fingerprint,
                stored.map(RunIdentity::fingerprint), stored.map(RunIdentity::deleted).orElse(false));
        return switch (decision) {
            // Empty if deleted since the look above (possible before the lock): the locked look decides.
            case SAME_AGAIN -> load.loadRun(user, run.id()).map(SubmitRunResult.AlreadyStored::new);
            case DIFFERENT_CONTENT -> Optional.of(new SubmitRunResult.ContentConflict(run.id()));
            case DELETED_BEFORE -> Optional.of(new SubmitRunResult.DeletedBefore(run.id()));
            case NEW -> Optional.empty();
        };
    }
}
