package org.fitsync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fitsync.client.testing.ClientTestKit.workout;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fitsync.client.local.ItemFailure;
import org.fitsync.client.local.LocalRecord;
import org.fitsync.client.local.RecordQuery;
import org.fitsync.client.local.RecordState;
import org.fitsync.client.remote.WireRecord;
import org.fitsync.client.testing.ClientTestKit;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.Value;
import org.junit.jupiter.api.Test;

class SyncRulesTest {

    private final ClientTestKit kit = new ClientTestKit();
    private final FitSyncClient client = kit.client("alice");

    private void sync() {
        kit.run(client.syncNow());
    }

    private static WireRecord wire(String id, Map<String, Value> values, long updatedAt) {
        return new WireRecord(new RecordId(id), values, 1_000, updatedAt);
    }

    @Test
    void aPullKeepsTheLocallyChangedColumnsAndTakesTheServersOthers() {
        kit.server.serverPut(
                "workouts", wire("w1", Map.of("name", new Value.Text("Legs"), "notes", new Value.Text("old")), 1_000));
        sync();
        client.put("workouts", "w1", Map.of("notes", new Value.Text("mine")));
        kit.server.serverPut(
                "workouts",
                wire("w1", Map.of("name", new Value.Text("Leg day"), "notes", new Value.Text("theirs")), 2_000));

        // The sync pulls first: the merge is seen while the push is in flight.
        kit.server.duringNextPush(() -> {
            LocalRecord merged = client.get("workouts", "w1").orElseThrow();
            assertThat(merged.value("name")).isEqualTo(new Value.Text("Leg day"));
            assertThat(merged.value("notes")).isEqualTo(new Value.Text("mine"));
            assertThat(merged.state()).isEqualTo(RecordState.UPDATED);
        });
        sync();

        assertThat(kit.server.stored("workouts", "w1").orElseThrow().record().values())
                .containsEntry("name", new Value.Text("Leg day"))
                .containsEntry("notes", new Value.Text("mine"));
        assertThat(client.get("workouts", "w1").orElseThrow().state()).isEqualTo(RecordState.SYNCED);
    }

    @Test
    void inServerWinsCollectionsThePulledRecordReplacesTheLocalEdit() {
        kit.server.serverPut("mesocycles", wire("m1", Map.of("name", new Value.Text("Base")), 1_000));
        sync();
        client.put("mesocycles", "m1", Map.of("name", new Value.Text("local rename")));
        kit.server.serverPut("mesocycles", wire("m1", Map.of("name", new Value.Text("Coach's plan")), 2_000));

        sync();

        assertThat(client.get("mesocycles", "m1").orElseThrow().value("name"))
                .isEqualTo(new Value.Text("Coach's plan"));
        assertThat(client.status().pendingCount()).isZero();
    }

    @Test
    void theServersRecordsArriveButTheAppCannotWriteThem() {
        kit.server.serverPut(
                "personal_records", wire("srv_best_effort_5k", Map.of("value", new Value.Num(1_320.5)), 1_000));
        sync();
        assertThat(client.get("personal_records", "srv_best_effort_5k")
                        .orElseThrow()
                        .value("value"))
                .isEqualTo(new Value.Num(1_320.5));

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> client.put("personal_records", "srv_best_effort_5k", Map.of("value", new Value.Num(1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("read-only");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> client.delete("personal_records", "srv_best_effort_5k"))
                .isInstanceOf(IllegalArgumentException.class);
        client.put("personal_records", "pr1", Map.of("value", new Value.Num(140)));
        assertThat(client.get("personal_records", "srv_best_effort_5k")
                        .orElseThrow()
                        .value("value"))
                .isEqualTo(new Value.Num(1_320.5));
        assertThat(client.status().pendingCount()).isEqualTo(1);
    }

    @Test
    void aRecordDeletedOnTheServerIsDeletedLocallyEvenWithLocalChanges() {
        kit.server.serverPut("workouts", wire("w1", workout("Legs"), 1_000));
        sync();
        client.put("workouts", "w1", Map.of("notes", new Value.Text("mine")));
        kit.server.serverDelete("workouts", "w1");

        sync();

        assertThat(client.get("workouts", "w1")).isEmpty();
        assertThat(client.status().pendingCount()).isZero();
    }

    @Test
    void aWriteMadeWhileItsPushIsInFlightIsNotClearedByThatPushesAcknowledgement() {
        client.put("workouts", "w1", workout("Legs"));
        kit.server.duringNextPush(() -> client.put("workouts", "w1", Map.of("notes", new Value.Text("later"))));

        kit.run(client.pushNow());

        // The first push carried the record without the notes; its acknowledgement left the newer write
        // pending, and the same sync sent it in a second round.
        assertThat(kit.server.callsOf("push")).containsExactly("push 1", "push 1");
        assertThat(kit.server.stored("workouts", "w1").orElseThrow().record().values())
                .containsEntry("notes", new Value.Text("later"));
        assertThat(client.status().pendingCount()).isZero();
    }

    @Test
    void aChangeTheServerRejectsIsMarkedFailedAndNotSentAgain() {
        kit.server.serverPut("workouts", wire("w1", workout("Legs"), 1_000));
        sync();
        kit.server.serverDelete("workouts", "w1");
        client.put("workouts", "w1", Map.of("notes", new Value.Text("mine")));

        kit.run(client.pushNow());

        LocalRecord failed = client.failedRecords(10).get(0);
        assertThat(failed.failure().orElseThrow().reason()).isEqualTo(ItemFailure.Reason.REJECTED);
        assertThat(client.status().failedCount()).isEqualTo(1);
        int pushes = kit.server.callsOf("push").size();
        kit.run(client.pushNow());
        assertThat(kit.server.callsOf("push")).hasSize(pushes);
    }

    @Test
    void aReplacementPullRemovesSyncedRecordsTheServerNoLongerHasAndKeepsLocalChanges() {
        kit.server.serverPut("workouts", wire("w1", workout("Legs"), 1_000));
        kit.server.serverPut("workouts", wire("w2", workout("Push"), 1_000));
        sync();
        kit.server.records.get("workouts").remove("w2"); // purged on the server
        client.put("workouts", "w3", workout("Pull"));
        kit.server.replacementOnNextPull();
        kit.server.duringNextPush(() -> assertThat(client.get("workouts", "w2")).isEmpty());

        sync();

        assertThat(client.get("workouts", "w1")).isPresent();
        assertThat(client.get("workouts", "w3")).isPresent();
        assertThat(kit.server.stored("workouts", "w3")).isPresent();
    }

    @Test
    void tenThousandPendingChangesArePushedInBoundedBatches() {
        for (int i = 0; i < 10_000; i++) {
            client.put(
                    "body_measurements",
                    "m" + i,
                    Map.of("kind", new Value.Text("weight"), "value", new Value.Num(70 + i % 10)));
        }
        assertThat(client.status().pendingCount()).isEqualTo(10_000);

        sync();

        assertThat(kit.server.callsOf("push")).hasSize(20).allMatch(c -> c.equals("push 500"));
        assertThat(kit.server.records.get("body_measurements")).hasSize(10_000);
        assertThat(client.status().pendingCount()).isZero();
    }

    @Test
    void aPagedFirstSyncBringsEveryRecordAndQueriesFindThemByColumn() {
        for (int i = 0; i < 12_345; i++) {
            Map<String, Value> values = new HashMap<>();
            values.put("kind", new Value.Text(i % 3 == 0 ? "weight" : "waist"));
            values.put("value", new Value.Num(i));
            kit.server.serverPut("body_measurements", wire(String.format("m%05d", i), values, 1_000));
        }

        sync();

        assertThat(kit.server.callsOf("pull")).hasSize(2); // pages of 10,000
        List<LocalRecord> weights =
                client.query(RecordQuery.where("body_measurements", "kind", new Value.Text("weight"), 100_000));
        assertThat(weights).hasSize(4_115);
        assertThat(client.query(RecordQuery.all("body_measurements", 10).after("m12340")))
                .extracting(r -> r.id().value())
                .containsExactly("m12341", "m12342", "m12343", "m12344");
    }

    @Test
    void localWritesAreCheckedAgainstTheCollection() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> client.put("workouts", "w1", Map.of("nope", new Value.Text("x"))))
                .hasMessageContaining("no column nope");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> client.put("runs", "r1", Map.of("polyline", new Value.Text("x"))))
                .hasMessageContaining("filled by the server");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> client.put("workouts", "w1", Map.of("name", new Value.Num(3))))
                .hasMessageContaining("cannot hold");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.put("nope", "w1", Map.of()))
                .hasMessageContaining("not a synced collection");
    }

    @Test
    void aNewRecordDeletedAfterAPushWhoseAnswerWasLostIsDeletedOnTheServer() {
        client.put("workouts", "w1", workout("Legs"));
        kit.server.loseNextPushAnswer();
        sync();
        assertThat(kit.server.stored("workouts", "w1")).isPresent();
        assertThat(client.get("workouts", "w1").orElseThrow().state()).isEqualTo(RecordState.CREATED);

        assertThat(client.delete("workouts", "w1")).isTrue();
        sync();

        assertThat(kit.server.stored("workouts", "w1").orElseThrow().deleted()).isTrue();
        assertThat(client.delete("workouts", "w1")).isFalse();
        assertThat(client.status().pendingCount()).isZero();
        sync();
        assertThat(client.get("workouts", "w1")).isEmpty();
    }

    @Test
    void aNewRecordDeletedBeforeAnyPushLeavesNothingBehind() {
        client.put("workouts", "w1", workout("Legs"));
        assertThat(client.delete("workouts", "w1")).isTrue();

        sync();

        assertThat(kit.server.stored("workouts", "w1")).isEmpty();
        assertThat(client.status().pendingCount()).isZero();
        assertThat(client.delete("workouts", "w1")).isFalse();
    }

    @Test
    void aSyncedRecordDeletedLocallyIsDeletedOnTheServerAndThenForgotten() {
        client.put("workouts", "w1", workout("Legs"));
        sync();
        client.delete("workouts", "w1");
        assertThat(client.get("workouts", "w1")).isEmpty();

        sync();

        assertThat(kit.server.stored("workouts", "w1").orElseThrow().deleted()).isTrue();
        assertThat(client.status().pendingCount()).isZero();
    }
}
