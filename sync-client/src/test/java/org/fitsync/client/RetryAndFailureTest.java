package org.fitsync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fitsync.client.testing.ClientTestKit.workout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fitsync.client.local.ItemFailure;
import org.fitsync.client.local.RunLifecycle;
import org.fitsync.client.remote.Problem;
import org.fitsync.client.remote.TransportFailure;
import org.fitsync.client.retry.RetryPolicy;
import org.fitsync.client.status.SyncState;
import org.fitsync.client.testing.ClientTestKit;
import org.fitsync.client.testing.FakeServer;
import org.fitsync.domain.FieldError;
import org.fitsync.domain.run.Source;
import org.fitsync.domain.run.Track;
import org.junit.jupiter.api.Test;

class RetryAndFailureTest {

    private final ClientTestKit kit = new ClientTestKit();

    @Test
    void theBackoffDoublesFromTheInitialDelayUpToTheCap() {
        RetryPolicy policy = ClientTestKit.POLICY;
        assertThat(List.of(1, 2, 3, 4, 5, 8, 9, 30).stream().map(n -> policy.delayAfter(n, 0)))
                .containsExactly(
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(16),
                        Duration.ofSeconds(32),
                        Duration.ofSeconds(256),
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(5));
    }

    @Test
    void jitterTakesAtMostItsShareOffTheDelay() {
        RetryPolicy policy = ClientTestKit.POLICY;
        for (double r = 0; r < 1; r += 0.01) {
            assertThat(policy.delayAfter(3, r)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
        }
        assertThat(policy.delayAfter(3, 0.999)).isLessThan(Duration.ofMillis(4_010));
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(2), 1.0, 5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void failedSyncsAreRetriedOnTheBackoffScheduleAndNeverSooner() {
        FitSyncClient client = kit.client("alice");
        kit.server.failNext(4, FakeServer.status(503, Optional.empty()));
        client.put("workouts", "w1", workout("Legs"));

        kit.run(client.syncNow());
        for (Duration expected :
                List.of(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(16))) {
            assertThat(client.status().state()).isEqualTo(SyncState.ERROR);
            assertThat(kit.time.pendingDelays()).containsExactly(expected);
            assertThat(client.status().lastError().orElseThrow().nextAttemptAt())
                    .contains(kit.time.instant().plus(expected));
            int calls = kit.server.calls.size();
            kit.time.advance(expected.minusMillis(1));
            assertThat(kit.server.calls).hasSize(calls);
            kit.time.advance(Duration.ofMillis(1));
            assertThat(kit.server.calls).hasSizeGreaterThan(calls);
        }
        assertThat(client.status().state()).isEqualTo(SyncState.IDLE);
        assertThat(kit.server.stored("workouts", "w1")).isPresent();
    }

    @Test
    void retryAfterIsHonouredWhenLongerThanTheBackoff() {
        FitSyncClient client = kit.client("alice");
        kit.server.failNext(FakeServer.status(429, Optional.of(Duration.ofSeconds(90))));

        kit.run(client.syncNow());

        assertThat(kit.time.pendingDelays()).containsExactly(Duration.ofSeconds(90));
        assertThat(client.status().lastError().orElseThrow().status()).contains(429);
    }

    @Test
    void aChangeThatFailsTransientlyFiveTimesIsMarkedFailedAndCanBeRetried() {
        FitSyncClient client = kit.client("alice");
        client.put("workouts", "w1", workout("Legs"));
        for (int i = 0; i < 5; i++) {
            assertThat(client.status().pendingCount()).isEqualTo(1);
            kit.server.failNext(FakeServer.status(500, Optional.empty()));
            kit.run(client.pushNow());
        }

        assertThat(client.status().pendingCount()).isZero();
        assertThat(client.status().failedCount()).isEqualTo(1);
        ItemFailure failure = client.failedRecords(10).get(0).failure().orElseThrow();
        assertThat(failure.reason()).isEqualTo(ItemFailure.Reason.GAVE_UP);
        assertThat(failure.detail()).contains("5 attempts").contains("500");

        kit.run(client.retryFailed());
        kit.time.advance(Duration.ofMinutes(5));

        assertThat(client.status().failedCount()).isZero();
        assertThat(client.status().pendingCount()).isZero();
        assertThat(kit.server.stored("workouts", "w1")).isPresent();
    }

    @Test
    void aRunTheServerRefusesIsFailedWithItsProblemAndTheRestStillSyncs() {
        FitSyncClient client = kit.client("alice");
        UUID refused = UUID.randomUUID();
        UUID fine = UUID.randomUUID();
        assertThat(client.recordRun(run(refused))).isInstanceOf(RecordRunOutcome.Recorded.class);
        assertThat(client.recordRun(run(fine))).isInstanceOf(RecordRunOutcome.Recorded.class);
        client.put("workouts", "w1", workout("Legs"));
        kit.server.failNext(new TransportFailure.HttpError(
                422,
                Optional.empty(),
                new Problem(
                        "https://fitsync.dev/problems/validation",
                        "Validation failed",
                        "1 field is invalid",
                        List.of(new FieldError("distance_m", "too fast")))));

        kit.run(client.syncNow());

        RunLifecycle lifecycle = client.runLifecycle(refused).orElseThrow();
        assertThat(lifecycle.state()).isEqualTo(RunLifecycle.State.FAILED);
        ItemFailure failure = lifecycle.failure().orElseThrow();
        assertThat(failure.reason()).isEqualTo(ItemFailure.Reason.INVALID);
        assertThat(failure.status()).contains(422);
        assertThat(failure.errors()).containsExactly(new FieldError("distance_m", "too fast"));
        assertThat(client.runLifecycle(fine).orElseThrow().state()).isEqualTo(RunLifecycle.State.SYNCED);
        assertThat(kit.server.runs).containsOnlyKeys(fine);
        assertThat(kit.server.stored("workouts", "w1")).isPresent();
        assertThat(client.status().failedCount()).isEqualTo(1);
        assertThat(client.failedOps(10)).hasSize(1);
    }

    @Test
    void aRunIdConflictIsPermanent() {
        FitSyncClient client = kit.client("alice");
        UUID id = UUID.randomUUID();
        kit.server.conflictOnRun(id);
        client.recordRun(run(id));

        kit.run(client.syncNow());
        kit.run(client.syncNow());

        assertThat(client.runLifecycle(id).orElseThrow().failure().orElseThrow().reason())
                .isEqualTo(ItemFailure.Reason.CONFLICT);
        assertThat(kit.server.callsOf("run ")).hasSize(1);
    }

    @Test
    void anInvalidRunIsRefusedLocallyAndNothingIsQueued() {
        FitSyncClient client = kit.client("alice");
        Instant start = Instant.parse("2026-11-20T07:00:00Z");
        RecordRunOutcome outcome = client.recordRun(new RecordRun(
                UUID.randomUUID(),
                start,
                start.minusSeconds(1),
                10,
                100,
                Source.PHONE,
                Optional.empty(),
                Optional.empty(),
                Track.EMPTY));

        assertThat(outcome).isInstanceOf(RecordRunOutcome.Invalid.class);
        assertThat(((RecordRunOutcome.Invalid) outcome).errors())
                .extracting(FieldError::field)
                .contains("ended_at");
        assertThat(client.status().pendingCount()).isZero();
    }

    @Test
    void unauthorisedWaitsForANewTokenAndThenResumes() {
        FitSyncClient client = kit.client("alice");
        client.put("workouts", "w1", workout("Legs"));
        kit.server.acceptTokens("token-2");

        kit.run(client.syncNow());

        assertThat(client.status().state()).isEqualTo(SyncState.AUTH_REQUIRED);
        assertThat(client.status().lastError().orElseThrow().nextAttemptAt()).isEmpty();
        assertThat(kit.time.pendingDelays()).isEmpty(); // nothing spins while the user must sign in
        assertThat(client.status().pendingCount()).isEqualTo(1);

        kit.token.set("token-2");
        kit.run(client.tokenChanged());

        assertThat(client.status().state()).isEqualTo(SyncState.IDLE);
        assertThat(kit.server.stored("workouts", "w1")).isPresent();
    }

    @Test
    void aTokenTheProviderRenewsIsUsedInTheSameSync() {
        FitSyncClient client = kit.client("alice");
        client.put("workouts", "w1", workout("Legs"));
        kit.server.acceptTokens("token-2");
        kit.renewal.set(Optional.of("token-2"));

        kit.run(client.syncNow());

        assertThat(client.status().state()).isEqualTo(SyncState.IDLE);
        assertThat(kit.server.stored("workouts", "w1")).isPresent();
    }

    static RecordRun run(UUID id) {
        Instant start = Instant.parse("2026-11-20T07:00:00Z");
        return new RecordRun(
                id,
                start,
                start.plusSeconds(1800),
                1800,
                5000,
                Source.PHONE,
                Optional.of("easy"),
                Optional.empty(),
                Track.EMPTY);
    }
}
