package org.fitsync.application.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.fitsync.application.run.RunPlaces;
import org.fitsync.application.testing.MovableClock;
import org.fitsync.domain.UserId;
import org.fitsync.domain.imports.ImportError;
import org.fitsync.domain.imports.ImportJob;
import org.fitsync.domain.imports.ImportProgress;
import org.fitsync.domain.imports.ImportState;
import org.fitsync.domain.imports.ProviderActivity;
import org.fitsync.ports.out.imports.ActivityProviders;
import org.fitsync.ports.out.imports.ImportMetrics;
import org.fitsync.ports.out.imports.ProviderResult;
import org.fitsync.ports.out.imports.WeatherLookup;
import org.fitsync.ports.out.place.LookupPlacePort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The import runner's rules on in-memory ports and a clock the test moves: no database, no provider, no waiting. */
class ImportRunnerTest {

    private static final UserId ALICE = new UserId("alice");
    private static final Instant START = Instant.parse("2026-11-20T07:00:00Z");
    /** Long enough that no heartbeat fires while a test runs: leases here expire only when the clock is moved. */
    private static final Duration LEASE = Duration.ofMinutes(5);

    private static final int MAX_ATTEMPTS = 3;

    private final MovableClock clock = new MovableClock(START);
    private final InMemoryImports store = new InMemoryImports(clock);
    private final ScriptedProvider provider = new ScriptedProvider();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService fetches = Executors.newFixedThreadPool(2);
    private final ImportRunner runner = runner("node-a");

    private ImportRunner runner(String node) {
        return new ImportRunner(
                new ImportRunner.Settings(node, LEASE, 2, MAX_ATTEMPTS, 2),
                store,
                store,
                ActivityProviders.always(provider),
                store,
                WeatherLookup.OFF,
                new RunPlaces(LookupPlacePort.OFF, (user, run, place) -> {}, store, Runnable::run),
                store,
                heartbeats,
                fetches,
                JobContext.NONE,
                ImportMetrics.NONE,
                clock);
    }

    @AfterEach
    void stop() {
        heartbeats.shutdownNow();
        fetches.shutdownNow();
    }

    /** Seven activities a day apart, newest first: five runs and two rides. */
    private void history() {
        for (int i = 1; i <= 7; i++) {
            String sport = i == 3 || i == 6 ? "Ride" : "Run";
            provider.add(new ProviderActivity(
                    "a" + i,
                    "Activity " + i,
                    sport,
                    START.minus(Duration.ofDays(i)),
                    1800,
                    1750,
                    5000,
                    Optional.empty()));
        }
    }

    private static final List<String> RUNS = List.of("a1", "a2", "a4", "a5", "a7");

    @Test
    void importsEveryRunPageByPageAndCompletes() {
        history();
        ImportJob job = store.queue(ALICE);
        assertThat(runner.runOnce()).isTrue();

        ImportJob done = store.job(job.id());
        assertThat(done.state()).isEqualTo(ImportState.COMPLETED);
        assertThat(done.progress()).isEqualTo(new ImportProgress(7, 5, 0, 2, 0, java.util.OptionalInt.of(7)));
        assertThat(done.finishedAt()).contains(START);
        assertThat(store.runs(ALICE)).containsExactlyInAnyOrderElementsOf(RUNS);
        // Each page starts where the one before ended: pages of two, then an empty one.
        assertThat(provider.listings())
                .containsExactly(
                        Optional.empty(),
                        Optional.of(START.minus(Duration.ofDays(2))),
                        Optional.of(START.minus(Duration.ofDays(4))),
                        Optional.of(START.minus(Duration.ofDays(6))),
                        Optional.of(START.minus(Duration.ofDays(7))));
        assertThat(runner.runOnce()).as("nothing left to run").isFalse();
    }

    @Test
    void aRateLimitParksTheJobUntilTheWindowAndItResumesFromItsCheckpoint() {
        history();
        Instant window = START.plus(Duration.ofMinutes(15));
        provider.thenPage().thenFail(new ProviderResult.RateLimited<>(window));
        ImportJob job = store.queue(ALICE);
        assertThat(runner.runOnce()).isTrue();

        ImportJob parked = store.job(job.id());
        assertThat(parked.state()).isEqualTo(ImportState.WAITING_RATE_LIMIT);
        assertThat(parked.resumeAt()).contains(window);
        assertThat(parked.attempts()).as("a rate limit is no failure").isZero();
        assertThat(parked.cursor()).contains(START.minus(Duration.ofDays(2)));
        assertThat(store.runs(ALICE)).containsExactlyInAnyOrder("a1", "a2");

        clock.set(window.minusMillis(1));
        assertThat(runner.runOnce()).as("not due before the window").isFalse();
        clock.set(window);
        assertThat(runner.runOnce()).isTrue();

        ImportJob done = store.job(job.id());
        assertThat(done.state()).isEqualTo(ImportState.COMPLETED);
        assertThat(done.progress().imported()).isEqualTo(5);
        assertThat(done.progress().fetched()).as("no activity counted twice").isEqualTo(7);
        assertThat(store.runs(ALICE)).containsExactlyInAnyOrderElementsOf(RUNS);
        // The resumed run listed from the checkpoint, not from the newest activity again.
        assertThat(provider.listings().get(2)).contains(START.minus(Duration.ofDays(2)));
        assertThat(provider.listings()).filteredOn(Optional::isEmpty).hasSize(1);
    }

    @Test
    void anUnavailableProviderIsRetriedAfterItsDelayUntilTheAttemptsRunOut() {
        history();
        for (int i = 0; i < MAX_ATTEMPTS; i++) {
            provider.thenFail(
                    new ProviderResult.Unavailable<>("503 from the provider", START.plus(Duration.ofMinutes(i + 1))));
        }
        ImportJob job = store.queue(ALICE);
        for (int attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
            assertThat(runner.runOnce()).isTrue();
            ImportJob parked = store.job(job.id());
            assertThat(parked.state()).isEqualTo(ImportState.QUEUED);
            assertThat(parked.attempts()).isEqualTo(attempt);
            assertThat(parked.resumeAt()).contains(START.plus(Duration.ofMinutes(attempt)));
            assertThat(runner.runOnce()).as("not before the retry time").isFalse();
            clock.set(parked.resumeAt().orElseThrow());
        }
        assertThat(runner.runOnce()).isTrue();

        ImportJob failed = store.job(job.id());
        assertThat(failed.state()).isEqualTo(ImportState.FAILED);
        assertThat(failed.error()).contains(new ImportError("provider_unavailable", "503 from the provider"));
        assertThat(failed.finishedAt()).contains(clock.instant());
        assertThat(runner.runOnce()).isFalse();
    }

    @Test
    void progressResetsTheAttempts() {
        history();
        provider.thenFail(new ProviderResult.Unavailable<>("503", START))
                .thenPage()
                .thenFail(new ProviderResult.Unavailable<>("503", START));
        ImportJob job = store.queue(ALICE);
        assertThat(runner.runOnce()).isTrue();
        assertThat(store.job(job.id()).attempts()).isEqualTo(1);
        assertThat(runner.runOnce()).isTrue();
        // A page was stored in between: this is the first failure since.
        assertThat(store.job(job.id()).attempts()).isEqualTo(1);
        assertThat(store.job(job.id()).state()).isEqualTo(ImportState.QUEUED);
    }

    @Test
    void anUnauthorisedProviderFailsTheJobAtOnce() {
        history();
        provider.thenFail(new ProviderResult.Unauthorized<>("token revoked"));
        ImportJob job = store.queue(ALICE);
        assertThat(runner.runOnce()).isTrue();
        ImportJob failed = store.job(job.id());
        assertThat(failed.state()).isEqualTo(ImportState.FAILED);
        assertThat(failed.error()).contains(new ImportError("provider_unauthorized", "token revoked"));
    }

    @Test
    void aCancelledJobStopsAndKeepsWhatItHadImported() {
        history();
        ImportJob job = store.queue(ALICE);
        provider.thenPage()
                .thenPageAfter(
                        () -> store.useUserTransaction(ALICE, () -> store.cancel(ALICE, job.id(), clock.instant())));
        assertThat(runner.runOnce()).isTrue();

        ImportJob cancelled = store.job(job.id());
        assertThat(cancelled.state()).isEqualTo(ImportState.CANCELLED);
        assertThat(store.runs(ALICE)).containsExactlyInAnyOrder("a1", "a2");
        assertThat(provider.listings())
                .as("no page listed after the cancelled one")
                .hasSize(2);
        assertThat(runner.runOnce()).isFalse();
    }

    @Test
    void aCancelInterruptsTheProviderCallInFlightAndNoFurtherCallIsMade() throws InterruptedException {
        for (int i = 1; i <= 6; i++) {
            provider.add(new ProviderActivity(
                    "g" + i,
                    "Run " + i,
                    "Run",
                    START.minus(Duration.ofDays(i)),
                    1800,
                    1750,
                    5000,
                    Optional.of(new ProviderActivity.LatLon(52.5, 13.4))));
        }
        ImportJob job = store.queue(ALICE);
        CountDownLatch interrupted = new CountDownLatch(1);
        provider.onTrack(activity -> {
            if (!activity.id().equals("g1")) {
                return;
            }
            // The user cancels while this fetch is in flight, as ImportService does it.
            store.useUserTransaction(ALICE, () -> {
                store.cancel(ALICE, job.id(), clock.instant());
                store.changed(ALICE, job.id());
            });
            try {
                // Nothing counts this down: only the runner interrupting the fetch ends the wait early.
                new CountDownLatch(1).await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });

        assertThat(runner.runOnce()).isTrue();

        assertThat(interrupted.await(20, TimeUnit.SECONDS))
                .as("the fetch in flight was interrupted")
                .isTrue();
        assertThat(provider.tracksFetched())
                .as("no fetch began after the cancel but the page's other one, already under way")
                .isSubsetOf("g1", "g2");
        assertThat(provider.listings()).as("no further page listed").hasSize(1);
        assertThat(store.job(job.id()).state()).isEqualTo(ImportState.CANCELLED);
        assertThat(store.runs(ALICE)).isEmpty();
    }

    @Test
    void runsAlreadyStoredAreSkippedAsDuplicates() {
        history();
        ImportJob first = store.queue(ALICE);
        assertThat(runner.runOnce()).isTrue();
        assertThat(store.job(first.id()).progress().imported()).isEqualTo(5);

        clock.advance(Duration.ofMinutes(1));
        ImportJob again = store.queue(ALICE);
        assertThat(runner.runOnce()).isTrue();
        ImportJob done = store.job(again.id());
        assertThat(done.state()).isEqualTo(ImportState.COMPLETED);
        assertThat(done.progress()).isEqualTo(new ImportProgress(7, 0, 5, 2, 0, java.util.OptionalInt.of(7)));
        assertThat(store.runs(ALICE)).hasSize(5);
    }

    @Test
    void aJobWhoseNodeWentSilentIsTakenOverOnceItsLeaseRunsOut() {
        history();
        ImportJob job = store.queue(ALICE);
        // A node claims the job and dies before writing anything.
        assertThat(store.claimNext("node-dead", LEASE)).isPresent();
        assertThat(runner.runOnce()).as("the lease is still live").isFalse();
        clock.advance(LEASE.plusMillis(1));
        assertThat(runner.runOnce()).isTrue();
        assertThat(store.job(job.id()).state()).isEqualTo(ImportState.COMPLETED);
        assertThat(store.runs(ALICE)).containsExactlyInAnyOrderElementsOf(RUNS);
    }
}
