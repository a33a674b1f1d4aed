package org.fitsync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fitsync.client.testing.ClientTestKit.workout;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.fitsync.client.status.SyncState;
import org.fitsync.client.status.SyncStatus;
import org.fitsync.client.testing.ClientTestKit;
import org.junit.jupiter.api.Test;

class TriggersTest {

    private final ClientTestKit kit = new ClientTestKit();
    private final FitSyncClient client = kit.client("alice");

    @Test
    void triggersArrivingDuringASyncCoalesceIntoOneMore() {
        CompletableFuture<SyncStatus> first = client.syncNow();
        CompletableFuture<SyncStatus> second = client.syncNow();
        CompletableFuture<SyncStatus> third = client.onConnectivityRegained();

        kit.settle();

        assertThat(kit.server.callsOf("pull")).hasSize(2);
        assertThat(first).isCompleted();
        assertThat(second).isCompleted();
        assertThat(third).isCompleted();
        assertThat(third.join().state()).isEqualTo(SyncState.IDLE);
    }

    @Test
    void writesAreSyncedOnceAfterTheDebounce() {
        kit.run(client.start());
        kit.server.calls.clear();

        client.put("workouts", "w1", workout("Legs"));
        kit.time.advance(Duration.ofSeconds(1));
        client.put("workouts", "w2", workout("Push"));
        kit.time.advance(Duration.ofMillis(1_999));
        assertThat(kit.server.calls).isEmpty();
        kit.time.advance(Duration.ofMillis(1));

        assertThat(kit.server.callsOf("push")).containsExactly("push 2");
    }

    @Test
    void aStartedClientSyncsPeriodicallyInTheForegroundOnly() {
        kit.run(client.start());
        kit.server.calls.clear();

        kit.time.advance(Duration.ofMinutes(15));
        assertThat(kit.server.callsOf("pull")).hasSize(1);

        client.onBackground();
        kit.settle();
        kit.time.advance(Duration.ofHours(2));
        assertThat(kit.server.callsOf("pull")).hasSize(1);

        kit.run(client.onForeground());
        assertThat(kit.server.callsOf("pull")).hasSize(2);
        kit.time.advance(Duration.ofMinutes(15));
        assertThat(kit.server.callsOf("pull")).hasSize(3);
    }

    @Test
    void goingToTheBackgroundPushesPendingChangesWithoutPulling() {
        client.put("workouts", "w1", workout("Legs"));

        client.onBackground();
        kit.settle();

        assertThat(kit.server.calls).containsExactly("push 1");
    }

    @Test
    void aClosedClientStopsAndSchedulesNothing() {
        kit.run(client.start());
        client.close();
        kit.settle();

        assertThat(client.status().state()).isEqualTo(SyncState.STOPPED);
        kit.server.calls.clear();
        kit.time.advance(Duration.ofHours(1));
        assertThat(kit.server.calls).isEmpty();
        assertThat(client.syncNow()).isCompleted();
    }
}
