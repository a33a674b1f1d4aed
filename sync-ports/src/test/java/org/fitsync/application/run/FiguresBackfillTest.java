package org.fitsync.application.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.BestEffort;
import org.fitsync.domain.run.BestEfforts;
import org.fitsync.domain.run.RunFigures;
import org.fitsync.domain.run.RunFiguresCalculator;
import org.fitsync.domain.run.RunRecording;
import org.fitsync.domain.run.Track;
import org.fitsync.ports.in.run.FiguresBackfillReport;
import org.fitsync.ports.out.SyncVersionPort;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.run.AwaitingRun;
import org.fitsync.ports.out.run.FindRunsAwaitingFiguresPort;
import org.fitsync.ports.out.run.RunKey;
import org.fitsync.ports.out.run.StoreBestEffortsPort;
import org.fitsync.ports.out.run.StoreRunFiguresPort;
import org.junit.jupiter.api.Test;

/** The figures backfill's rules over in-memory ports; FiguresBackfillHttpTest runs it on PostgreSQL. */
class FiguresBackfillTest {

    private static final UserId ALICE = new UserId("alice");
    private static final UserId BOB = new UserId("bob");
    private static final UserId CAROL = new UserId("carol");
    private static final long T0 = 1_790_000_000_000L;

    private final Store store = new Store();
    private final RunFiguresBackfill backfill =
            new RunFiguresBackfill(store, store, store, store, store, PersonalRecordsPublisher.NONE);

    @Test
    void eachRunGetsWhatIngestWouldHaveComputedOnceAndOnlyOnce() {
        Track track = steady(1800, 3.0, 0.05);
        UUID run = store.awaiting(ALICE, new RunRecording(track, Optional.empty()), 1800, 5400);

        FiguresBackfillReport report = backfill.drain();

        assertThat(report).isEqualTo(new FiguresBackfillReport(1, 0, 0, 0, Optional.empty()));
        assertThat(store.figures.get(run)).isEqualTo(RunFiguresCalculator.of(track, Optional.empty(), 1800, 5400));
        assertThat(store.figures.get(run).elevationGainM().getAsDouble()).isPositive();
        assertThat(store.efforts.get(run)).isEqualTo(BestEfforts.of(track, Optional.empty()));
        assertThat(store.efforts.get(run)).isNotEmpty();
        assertThat(backfill.drain()).isEqualTo(FiguresBackfillReport.NOTHING);
        assertThat(store.transactions).isEqualTo(1);
    }

    @Test
    void anUndecodableRunGetsItsSubmittedFiguresAndTheOthersTheirOwn() {
        UUID damaged = store.awaiting(ALICE, null, 600, 1800);
        UUID sound = store.awaiting(ALICE, new RunRecording(steady(600, 3.0, 0), Optional.empty()), 600, 1800);

        FiguresBackfillReport report = backfill.drain();

        assertThat(report.runsBackfilled()).isEqualTo(2);
        assertThat(report.runsUndecodable()).isEqualTo(1);
        assertThat(store.figures.get(damaged))
                .isEqualTo(RunFiguresCalculator.of(Track.EMPTY, Optional.empty(), 600, 1800));
        assertThat(store.efforts).containsOnlyKeys(sound);
        assertThat(store.awaiting).isEmpty();
    }

    @Test
    void aBusyUserWaitsForTheNextPassWhileTheOthersAreDone() {
        UUID alices = store.awaiting(ALICE, new RunRecording(steady(300, 3.0, 0), Optional.empty()), 300, 900);
        UUID bobs = store.awaiting(BOB, new RunRecording(steady(300, 3.0, 0), Optional.empty()), 300, 900);
        store.busy.add(ALICE);

        FiguresBackfillReport first = backfill.drain();

        assertThat(first.usersBusy()).isEqualTo(1);
        assertThat(first.runsBackfilled()).isEqualTo(1);
        assertThat(store.figures).containsOnlyKeys(bobs);
        store.busy.clear();
        assertThat(backfill.drain().runsBackfilled()).isEqualTo(1);
        assertThat(store.figures).containsOnlyKeys(alices, bobs);
    }

    @Test
    void aFailingUserIsCountedByTypeAndBlocksNobody() {
        store.awaiting(ALICE, new RunRecording(steady(300, 3.0, 0), Optional.empty()), 300, 900);
        store.awaiting(BOB, new RunRecording(steady(300, 3.0, 0), Optional.empty()), 300, 900);
        store.awaiting(CAROL, new RunRecording(steady(300, 3.0, 0), Optional.empty()), 300, 900);
        store.failing.add(BOB);

        FiguresBackfillReport report = backfill.drain();

        assertThat(report.runsBackfilled()).isEqualTo(2);
        assertThat(report.usersFailed()).isEqualTo(1);
        assertThat(report.firstFailure()).contains(IllegalStateException.class.getName());
        assertThat(store.awaiting.keySet()).extracting(RunKey::user).containsOnly(BOB);
    }

    @Test
    void aLongQueueIsWalkedInBatchesOfAUsersRunsPerTransaction() {
        RunRecording recording = new RunRecording(steady(60, 3.0, 0), Optional.empty());
        int runs = RunFiguresBackfill.KEYS_PER_LOOK * 2 + 7;
        for (int i = 0; i < runs; i++) {
            store.awaiting(i % 2 == 0 ? ALICE : BOB, recording, 60, 180);
        }

        FiguresBackfillReport report = backfill.drain();

        assertThat(report.runsBackfilled()).isEqualTo(runs);
        assertThat(store.awaiting).isEmpty();
        assertThat(store.transactions).isLessThanOrEqualTo(runs / RunFiguresBackfill.RUNS_PER_TRANSACTION + 2 * 3);
    }

    @Test
    void aPassAskedToStopStopsBeforeTheNextBatch() {
        store.awaiting(ALICE, new RunRecording(steady(60, 3.0, 0), Optional.empty()), 60, 180);

        assertThat(backfill.drain(() -> true)).isEqualTo(FiguresBackfillReport.NOTHING);
        assertThat(store.awaiting).hasSize(1);
    }

    /** Due north at {@code speed} m/s, a point a second, climbing {@code climb} m a second. */
    private static Track steady(int seconds, double speed, double climb) {
        Track.Builder track = Track.builder(seconds + 1);
        for (int i = 0; i <= seconds; i++) {
            track.add(T0 + 1000L * i, 52.5 + speed * i / 111_195.0, 13.4, 100 + climb * i);
        }
        return track.build();
    }

    /** Every port the backfill uses, over maps; a transaction runs its work at once, for one user. */
    private static final class Store
            implements TransactionPort,
                    SyncVersionPort,
                    FindRunsAwaitingFiguresPort,
                    StoreRunFiguresPort,
                    StoreBestEffortsPort {

        final TreeMap<RunKey, AwaitingRun> awaiting =
                new TreeMap<>((a, b) -> a.user().value().equals(b.user().value())
                        ? a.runId().compareTo(b.runId())
                        : a.user().value().compareTo(b.user().value()));
        final Map<UUID, RunFigures> figures = new HashMap<>();
        final Map<UUID, List<BestEffort>> efforts = new HashMap<>();
        final Set<UserId> busy = new HashSet<>();
        final Set<UserId> failing = new HashSet<>();
        final Map<UserId, Long> versions = new HashMap<>();
        int transactions;
        private UserId current;

        UUID awaiting(UserId user, RunRecording recording, long durationS, double distanceM) {
            UUID id = UUID.randomUUID();
            awaiting.put(
                    new RunKey(user, id), new AwaitingRun(id, durationS, distanceM, Optional.ofNullable(recording)));
            return id;
        }

        @Override
        public <T> T inUserTransaction(UserId user, Supplier<T> work) {
            transactions++;
            current = user;
            try {
                return work.get();
            } finally {
                current = null;
            }
        }

        @Override
        public <T> T inUserSnapshot(UserId user, Supplier<T> work) {
            throw new AssertionError("the backfill only writes");
        }

        @Override
        public long claimNextVersion(UserId user) {
            return versions.merge(user, 1L, Long::sum);
        }

        @Override
        public OptionalLong claimNextVersionIfFree(UserId user) {
            return busy.contains(user) ? OptionalLong.empty() : OptionalLong.of(claimNextVersion(user));
        }

        @Override
        public long currentVersion(UserId user) {
            return versions.getOrDefault(user, 0L);
        }

        @Override
        public List<RunKey> findAwaitingFigures(Optional<RunKey> after, int limit) {
            if (current != null) {
                throw new AssertionError("the queue is read outside any user's transaction");
            }
            Map<RunKey, AwaitingRun> rest = after.isPresent() ? awaiting.tailMap(after.get(), false) : awaiting;
            return rest.keySet().stream().limit(limit).toList();
        }

        @Override
        public List<AwaitingRun> lockAwaitingFigures(UserId user, List<UUID> runIds) {
            inTransactionOf(user);
            if (failing.contains(user)) {
                throw new IllegalStateException("broken");
            }
            List<AwaitingRun> found = new ArrayList<>();
            for (UUID id : runIds) {
                AwaitingRun run = awaiting.get(new RunKey(user, id));
                if (run != null) {
                    found.add(run);
                }
            }
            return found;
        }

        @Override
        public void storeFigures(UserId user, UUID runId, RunFigures stored) {
            inTransactionOf(user);
            figures.put(runId, stored);
            awaiting.remove(new RunKey(user, runId));
        }

        @Override
        public void storeBestEfforts(UserId user, UUID runId, List<BestEffort> stored) {
            inTransactionOf(user);
            efforts.put(runId, List.copyOf(stored));
        }

        private void inTransactionOf(UserId user) {
            if (!user.equals(current)) {
                throw new AssertionError("a user's runs are written in that user's transaction");
            }
        }
    }
}
