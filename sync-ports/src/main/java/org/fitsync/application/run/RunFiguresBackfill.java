package org.fitsync.application.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.BestEffort;
import org.fitsync.domain.run.BestEfforts;
import org.fitsync.domain.run.RunFigures;
import org.fitsync.domain.run.RunFiguresCalculator;
import org.fitsync.domain.run.RunRecording;
import org.fitsync.domain.run.Track;
import org.fitsync.ports.in.run.BackfillRunFiguresUseCase;
import org.fitsync.ports.in.run.FiguresBackfillReport;
import org.fitsync.ports.out.SyncVersionPort;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.run.AwaitingRun;
import org.fitsync.ports.out.run.FindRunsAwaitingFiguresPort;
import org.fitsync.ports.out.run.RunKey;
import org.fitsync.ports.out.run.StoreBestEffortsPort;
import org.fitsync.ports.out.run.StoreRunFiguresPort;

/**
 * Computes the figures and best efforts of runs stored before they existed, as ingest computes those of
 * a new run, so that statistics and records cover a runner's whole history.
 *
 * <p>A pass walks the queue of runs awaiting figures once, in (user, run) order. Each user's runs are
 * done in batches, each batch in one transaction of that user: it claims the user's next version (the
 * user's write lock) unless a write of theirs, or another node backfilling them, holds it, in which case
 * the user waits for the next pass instead of queueing. Under that lock it re-reads which runs still
 * await figures, so no two nodes compute one run; writes are idempotent besides. Each run's figures and
 * efforts are stored, then the runner's published records are brought up to date in the claimed
 * version, so sync clients pull the records the older runs hold in the same commit that makes them hold
 * them. A run whose recording cannot be decoded or computed is stored with what its submitted duration
 * and distance give, and never blocks the queue; a batch that fails is left for the next pass.
 */
public final class RunFiguresBackfill implements BackfillRunFiguresUseCase {

    /** Keys read per look at the queue: one short range scan of its partial index. */
    static final int KEYS_PER_LOOK = 500;

    /** Runs per transaction: each holds the user's write lock while its runs are decoded and computed. */
    static final int RUNS_PER_TRANSACTION = 25;

    private final TransactionPort transactions;
    private final SyncVersionPort versions;
    private final FindRunsAwaitingFiguresPort awaiting;
    private final StoreRunFiguresPort figures;
    private final StoreBestEffortsPort bestEfforts;
    private final PersonalRecordsPublisher records;

    public RunFiguresBackfill(
            TransactionPort transactions,
            SyncVersionPort versions,
            FindRunsAwaitingFiguresPort awaiting,
            StoreRunFiguresPort figures,
            StoreBestEffortsPort bestEfforts,
            PersonalRecordsPublisher records) {
        this.transactions = transactions;
        this.versions = versions;
        this.awaiting = awaiting;
        this.figures = figures;
        this.bestEfforts = bestEfforts;
        this.records = records;
    }

    @Override
    public FiguresBackfillReport drain(BooleanSupplier stop) {
        FiguresBackfillReport report = FiguresBackfillReport.NOTHING;
        Optional<RunKey> after = Optional.empty();
        while (true) {
            List<RunKey> found = awaiting.findAwaitingFigures(after, KEYS_PER_LOOK);
            for (Map.Entry<UserId, List<UUID>> user : byUser(found).entrySet()) {
                List<UUID> runIds = user.getValue();
                for (int from = 0; from < runIds.size(); from += RUNS_PER_TRANSACTION) {
                    if (stop.getAsBoolean()) {
                        return report;
                    }
                    List<UUID> batch = runIds.subList(from, Math.min(runIds.size(), from + RUNS_PER_TRANSACTION));
                    report = report.plus(backfill(user.getKey(), batch));
                }
            }
            if (found.size() < KEYS_PER_LOOK) {
                return report;
            }
            after = Optional.of(found.get(found.size() - 1));
        }
    }

    private FiguresBackfillReport backfill(UserId user, List<UUID> runIds) {
        try {
            return transactions.inUserTransaction(user, () -> {
                OptionalLong version = versions.claimNextVersionIfFree(user);
                if (version.isEmpty()) {
                    return new FiguresBackfillReport(0, 0, 1, 0, Optional.empty());
                }
                int undecodable = 0;
                List<AwaitingRun> runs = awaiting.lockAwaitingFigures(user, runIds);
                for (AwaitingRun run : runs) {
                    Optional<Derived> derived = run.recording().flatMap(recording -> derive(run, recording));
                    if (derived.isEmpty()) {
                        undecodable++;
                    }
                    Derived stored = derived.orElseGet(() -> fromSubmittedFigures(run));
                    figures.storeFigures(user, run.id(), stored.figures());
                    if (!stored.efforts().isEmpty()) {
                        bestEfforts.storeBestEfforts(user, run.id(), stored.efforts());
                    }
                }
                if (!runs.isEmpty()) {
                    // The efforts, the longest run and the biggest climb may all have changed.
                    records.republish(user, version.getAsLong());
                }
                return new FiguresBackfillReport(runs.size(), undecodable, 0, 0, Optional.empty());
            });
        } catch (RuntimeException e) {
            // Left awaiting: the next pass tries the batch again. Only the failure's type is reported,
            // since a message may quote stored values.
            return new FiguresBackfillReport(
                    0, 0, 0, 1, Optional.of(e.getClass().getName()));
        }
    }

    /** What ingest would have computed; empty when the recording breaks the rules computing it relies on. */
    private static Optional<Derived> derive(AwaitingRun run, RunRecording recording) {
        try {
            return Optional.of(new Derived(
                    RunFiguresCalculator.of(recording.track(), recording.samples(), run.durationS(), run.distanceM()),
                    BestEfforts.of(recording.track(), recording.samples())));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** What reads assumed of the run before: its submitted duration as moving time, nothing else known. */
    private static Derived fromSubmittedFigures(AwaitingRun run) {
        return new Derived(
                RunFiguresCalculator.of(Track.EMPTY, Optional.empty(), run.durationS(), run.distanceM()), List.of());
    }

    private static Map<UserId, List<UUID>> byUser(List<RunKey> keys) {
        Map<UserId, List<UUID>> byUser = new LinkedHashMap<>();
        for (RunKey key : keys) {
            byUser.computeIfAbsent(key.user(), u -> new ArrayList<>()).add(key.runId());
        }
        return byUser;
    }

    private record Derived(RunFigures figures, List<BestEffort> efforts) {}
}
