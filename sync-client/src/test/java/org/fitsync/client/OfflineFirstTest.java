package org.fitsync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fitsync.client.testing.ClientTestKit.workout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.fitsync.client.status.SyncState;
import org.fitsync.client.status.SyncStatus;
import org.fitsync.client.testing.ClientTestKit;
import org.fitsync.domain.sync.Value;
import org.junit.jupiter.api.Test;

class OfflineFirstTest {

    private final ClientTestKit kit = new ClientTestKit();

    @Test
    void writesWorkOfflineAndTheConnectivityTriggerSyncsThemExactlyOnce() {
        kit.server.setDown(true);
        kit.reachable.set(false);
        FitSyncClient client = kit.client("alice");
        kit.run(client.start());

        client.put("workouts", "w1", workout("Legs"));
        client.put("workouts", "w2", workout("Push"));
        client.put("workouts", "w1", java.util.Map.of("notes", new Value.Text("heavy")));
        kit.time.advance(Duration.ofSeconds(3)); // the write debounce fires and fails: still offline

        assertThat(client.get("workouts", "w1").orElseThrow().value("notes")).isEqualTo(new Value.Text("heavy"));
        SyncStatus offline = client.status();
        assertThat(offline.state()).isEqualTo(SyncState.OFFLINE);
        assertThat(offline.pendingCount()).isEqualTo(2);
        assertThat(offline.lastError().orElseThrow().message()).contains("unreachable");

        kit.server.setDown(false);
        kit.reachable.set(true);
        java.time.Instant back = kit.time.instant();
        kit.time.advance(Duration.ofSeconds(10)); // the probe sees the server and syncs

        assertThat(client.status().state()).isEqualTo(SyncState.IDLE);
        assertThat(client.status().pendingCount()).isZero();
        assertThat(client.status().lastSyncedAt().orElseThrow()).isBetween(back, kit.time.instant());
        assertThat(kit.server.pushWrites)
                .containsOnly(java.util.Map.entry("workouts/w1", 1), java.util.Map.entry("workouts/w2", 1));
        assertThat(kit.server
                        .stored("workouts", "w1")
                        .orElseThrow()
                        .record()
                        .values()
                        .get("notes"))
                .isEqualTo(new Value.Text("heavy"));
    }

    @Test
    void statusListenersSeeTheSyncStartAndEnd() {
        FitSyncClient client = kit.client("alice");
        List<SyncState> states = new ArrayList<>();
        client.addStatusListener(s -> states.add(s.state()));
        client.put("workouts", "w1", workout("Legs"));

        kit.run(client.syncNow());

        assertThat(states).containsSubsequence(SyncState.IDLE, SyncState.SYNCING, SyncState.IDLE);
        assertThat(client.status().pendingCount()).isZero();
    }

    @Test
    void anotherUsersStoreNeverShowsTheFirstUsersRecords() {
        FitSyncClient alice = kit.client("alice");
        alice.put("workouts", "w1", workout("Alice's legs"));
        alice.close();
        kit.settle();

        FitSyncClient bob = kit.client("bob");
        assertThat(bob.get("workouts", "w1")).isEmpty();
        assertThat(bob.status().pendingCount()).isZero();
        FitSyncClient aliceAgain = kit.client("alice");
        assertThat(aliceAgain.get("workouts", "w1")).isPresent();
        assertThat(aliceAgain.status().pendingCount()).isEqualTo(1);
    }
}
