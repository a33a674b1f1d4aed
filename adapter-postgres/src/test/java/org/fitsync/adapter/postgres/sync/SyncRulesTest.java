package org.fitsync.adapter.postgres.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fitsync.adapter.postgres.sync.SyncFixture.changes;
import static org.fitsync.adapter.postgres.sync.SyncFixture.created;
import static org.fitsync.adapter.postgres.sync.SyncFixture.deleted;
import static org.fitsync.adapter.postgres.sync.SyncFixture.rec;
import static org.fitsync.adapter.postgres.sync.SyncFixture.updated;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.fitsync.adapter.postgres.testing.PostgresTestDatabase;
import org.fitsync.domain.UserId;
import org.fitsync.domain.sync.ConflictWinner;
import org.fitsync.domain.sync.RawChanges;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.Value;
import org.fitsync.ports.in.sync.Conflict;
import org.fitsync.ports.in.sync.Migration;
import org.fitsync.ports.in.sync.PullMode;
import org.fitsync.ports.in.sync.PushChangesCommand;
import org.fitsync.ports.in.sync.PushOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** WatermelonDB's push and pull rules and docs/api.md's strategies, against real PostgreSQL. */
class SyncRulesTest {

    private static final Optional<Long> NEVER = Optional.empty();

    private SyncFixture sync;
    private UserId alice;
    private final UserId bob = new UserId("bob");

    @BeforeEach
    void start() {
        sync = new SyncFixture(Duration.ofDays(90));
        alice = new UserId("alice");
    }

    @AfterEach
    void stop() {
        sync.close();
    }

    private long now() {
        return sync.clock.millis();
    }

    @Test
    void createOfExistingIdUpdatesIt() {
        sync.push(alice, NEVER, created("workouts", rec("w1", "name", "Leg day", "updated_at", now())));
        sync.push(alice, NEVER, created("workouts", rec("w1", "name", "Arm day", "updated_at", now() + 1)));
        SyncFixture.Pulled all = sync.pull(alice, 0);
        assertThat(all.created("workouts")).hasSize(1);
        assertThat(all.record("workouts", "w1").orElseThrow().path("name").asText())
                .isEqualTo("Arm day");
    }

    @Test
    void onePushMixingStoredAndNewRecordsStoresEachOnceWithItsLastContent() throws Exception {
        sync.push(alice, NEVER, created("workouts", rec("w1", "name", "Leg day", "updated_at", now())));
        sync.push(
                alice,
                NEVER,
                changes(
                        "workouts",
                        List.of(
                                rec("w1", "name", "Arm day", "updated_at", now() + 1),
                                rec("w2", "name", "new", "updated_at", now())),
                        List.of(
                                rec("w3", "name", "update of missing", "updated_at", now()),
                                rec("w2", "name", "new, edited", "updated_at", now() + 2)),
                        List.of()));
        SyncFixture.Pulled all = sync.pull(alice, 0);
        assertThat(all.created("workouts")).hasSize(3);
        assertThat(all.record("workouts", "w1").orElseThrow().path("name").asText())
                .isEqualTo("Arm day");
        assertThat(all.record("workouts", "w2").orElseThrow().path("name").asText())
                .isEqualTo("new, edited");
        assertThat(all.record("workouts", "w3").orElseThrow().path("name").asText())
                .isEqualTo("update of missing");
        assertThat(countRows("sync_records")).isEqualTo(3);
    }

    @Test
    void updateOfMissingIdCreatesIt() {
        sync.push(alice, NEVER, updated("workouts", rec("w1", "name", "Leg day", "updated_at", now())));
        assertThat(sync.pull(alice, 0).record("workouts", "w1")).isPresent();
    }

    @Test
    void deleteOfMissingIdIsIgnored() throws Exception {
        PushOutcome.Pushed pushed = sync.push(alice, NEVER, deleted("workouts", "ghost"));
        assertThat(pushed.rejectedIds()).isEmpty();
        assertThat(countRows("sync_records")).isZero();
    }

    @Test
    void updateOfRecordDeletedOnServerIsRejectedAndTheDeleteReachesTheClient() {
        sync.push(alice, NEVER, created("workouts", rec("w1", "name", "Leg day", "updated_at", now())));
        long cursor = sync.pull(alice, 0).timestamp;
        sync.push(alice, Optional.of(cursor), deleted("workouts", "w1"));
        // A client that pulled before the delete pushes an edit.
        PushOutcome.Pushed pushed = sync.push(
                alice, Optional.of(cursor), updated("workouts", rec("w1", "name", "Edited", "updated_at", now() + 5)));
        assertThat(pushed.rejectedIds()).containsEntry("workouts", List.of(new RecordId("w1")));
        SyncFixture.Pulled next = sync.pull(alice, cursor);
        assertThat(next.deleted("workouts")).containsExactly("w1");
        assertThat(next.updated("workouts")).isEmpty();
        assertThat(sync.pull(alice, 0).created("workouts")).isEmpty();
    }

    @Test
    void pushIsAllOrNothing() throws Exception {
        RawChanges mixed = new RawChanges(Map.of(
                "workouts", new RawChanges.Section(List.of(rec("w1", "name", "ok")), List.of(), List.of()),
                "settings", new RawChanges.Section(List.of(rec("bad id!", "key", "k")), List.of(), List.of())));
        PushOutcome outcome = sync.push.push(new PushChangesCommand(alice, mixed, NEVER));
        assertThat(outcome).isInstanceOf(PushOutcome.Invalid.class);
        assertThat(((PushOutcome.Invalid) outcome).violations())
                .anySatisfy(v -> assertThat(v.field()).isEqualTo("changes.settings.created[0].id"));
        assertThat(countRows("sync_records")).isZero();
    }

    @Test
    void failureHalfwayThroughAWriteRollsBackEverything() throws Exception {
        sync.close();
        PostgresSyncRecords real = new PostgresSyncRecords();
        sync = new SyncFixture(Duration.ofDays(90), new FailingOnSecondWrite(real));
        RawChanges two = new RawChanges(new java.util.LinkedHashMap<>(Map.of(
                "workouts", new RawChanges.Section(List.of(rec("w1", "name", "a")), List.of(), List.of()),
                "settings", new RawChanges.Section(List.of(rec("s1", "key", "k")), List.of(), List.of()))));
        assertThatThrownBy(() -> sync.push.push(new PushChangesCommand(alice, two, NEVER)))
                .hasMessageContaining("injected");
        assertThat(countRows("sync_records")).isZero();
        assertThat(countRows("sync_state")).isZero();
    }

    @Test
    void statusAndChangedAreIgnoredUnknownColumnsDroppedAndBadValuesSanitised() {
        sync.push(
                alice,
                NEVER,
                created(
                        "workouts",
                        rec(
                                "w1",
                                "name",
                                42,
                                "notes",
                                "fine",
                                "started_at",
                                "yesterday",
                                "ended_at",
                                5,
                                "_status",
                                "created",
                                "_changed",
                                "name",
                                "mystery",
                                "x",
                                "updated_at",
                                now())));
        sync.push(alice, NEVER, created("runs", rec("r1", "overlapping", "yes", "notes", "n", "polyline", "abc")));
        JsonNode workout = sync.pull(alice, 0).record("workouts", "w1").orElseThrow();
        assertThat(workout.has("_status")).isFalse();
        assertThat(workout.has("_changed")).isFalse();
        assertThat(workout.has("mystery")).isFalse();
        assertThat(workout.path("name").isNull()).isTrue();
        assertThat(workout.path("started_at").isNull()).isTrue();
        assertThat(workout.path("notes").asText()).isEqualTo("fine");
        assertThat(workout.path("ended_at").asLong()).isEqualTo(5);
        assertThat(workout.path("created_at").asLong()).isEqualTo(now());
        JsonNode run = sync.pull(alice, 0).record("runs", "r1").orElseThrow();
        // Read-only columns are the server's: a client cannot set them.
        assertThat(run.path("polyline").isNull()).isTrue();
        assertThat(run.path("overlapping").isNull()).isTrue();
        assertThat(run.path("notes").asText()).isEqualTo("n");
    }

    @Test
    void unknownCollectionIsInvalid() {
        PushOutcome outcome =
                sync.push.push(new PushChangesCommand(alice, created("spaceships", rec("x1", "name", "a")), NEVER));
        assertThat(outcome).isInstanceOf(PushOutcome.Invalid.class);
    }

    @Test
    void firstSyncReturnsEveryLiveRecordAsCreatedAndNoDeletes() {
        sync.push(
                alice,
                NEVER,
                changes(
                        "workouts",
                        List.of(rec("w1", "name", "a"), rec("w2", "name", "b"), rec("w3", "name", "c")),
                        List.of(),
                        List.of()));
        sync.push(alice, NEVER, deleted("workouts", "w2"));
        SyncFixture.Pulled first = sync.pull(alice, 0);
        assertThat(first.mode).isEqualTo(PullMode.FIRST_SYNC);
        assertThat(first.created("workouts"))
                .extracting(n -> n.path("id").asText())
                .containsExactlyInAnyOrder("w1", "w3");
        assertThat(first.updated).isEmpty();
        assertThat(first.deleted).isEmpty();
    }

    @Test
    void cursorReturnsExactlyWhatCameAfterItAsUpdatedAndDeleted() {
        sync.push(
                alice,
                NEVER,
                changes("workouts", List.of(rec("w1", "name", "a"), rec("w2", "name", "b")), List.of(), List.of()));
        long cursor = sync.pull(alice, 0).timestamp;
        assertThat(sync.pull(alice, cursor).isEmpty()).isTrue();
        sync.clock.advance(Duration.ofSeconds(1));
        sync.push(
                alice,
                Optional.of(cursor),
                changes("workouts", List.of(rec("w3", "name", "c")), List.of(rec("w1", "name", "a2")), List.of("w2")));
        SyncFixture.Pulled next = sync.pull(alice, cursor);
        assertThat(next.mode).isEqualTo(PullMode.INCREMENTAL);
        assertThat(next.created).isEmpty();
        assertThat(next.updated("workouts"))
                .extracting(n -> n.path("id").asText())
                .containsExactlyInAnyOrder("w1", "w3");
        assertThat(next.deleted("workouts")).containsExactly("w2");
        assertThat(sync.pull(alice, next.timestamp).isEmpty()).isTrue();
    }

    @Test
    void aRecordAppearsAtMostOncePerPull() {
        sync.push(
                alice,
                NEVER,
                changes("workouts", List.of(rec("w1", "name", "a")), List.of(rec("w1", "name", "b")), List.of()));
        sync.push(alice, NEVER, updated("workouts", rec("w1", "name", "c", "updated_at", now() + 10)));
        SyncFixture.Pulled all = sync.pull(alice, 0);
        assertThat(all.order).doesNotHaveDuplicates().containsExactly("workouts/w1");
    }

    @Test
    void lastWriteWinsComparesOnEveryPushAndReStampsTheWinner() {
        sync.push(alice, NEVER, created("workouts", rec("w1", "name", "first", "updated_at", now())));
        long cursor = sync.pull(alice, 0).timestamp;
        sync.push(
                alice,
                Optional.of(cursor),
                updated("workouts", rec("w1", "name", "later", "updated_at", now() + 2000)));
        long fresh = sync.pull(alice, 0).timestamp;
        // A stale edit arriving with a fresh cursor still loses to the later edit.
        PushOutcome.Pushed stale = sync.push(
                alice, Optional.of(fresh), updated("workouts", rec("w1", "name", "stale", "updated_at", now() + 1000)));
        assertThat(stale.conflicts())
                .containsExactly(new Conflict("workouts", new RecordId("w1"), ConflictWinner.SERVER));
        SyncFixture.Pulled loser = sync.pull(alice, fresh);
        assertThat(loser.record("workouts", "w1").orElseThrow().path("name").asText())
                .isEqualTo("later");
    }

    @Test
    void lastWriteWinsTieKeepsTheStoredRecord() {
        sync.push(alice, NEVER, created("workouts", rec("w1", "name", "stored", "updated_at", now())));
        sync.push(alice, NEVER, updated("workouts", rec("w1", "name", "tie", "updated_at", now())));
        assertThat(sync.pull(alice, 0)
                        .record("workouts", "w1")
                        .orElseThrow()
                        .path("name")
                        .asText())
                .isEqualTo("stored");
    }

    @Test
    void clockAheadOfServerIsClampedSoItCannotWinForever() {
        long future = now() + Duration.ofDays(365).toMillis();
        sync.push(alice, NEVER, created("workouts", rec("w1", "name", "from the future", "updated_at", future)));
        JsonNode stored = sync.pull(alice, 0).record("workouts", "w1").orElseThrow();
        assertThat(stored.path("updated_at").asLong()).isEqualTo(now());
        sync.clock.advance(Duration.ofSeconds(5));
        sync.push(alice, NEVER, updated("workouts", rec("w1", "name", "honest", "updated_at", now())));
        assertThat(sync.pull(alice, 0)
                        .record("workouts", "w1")
                        .orElseThrow()
                        .path("name")
                        .asText())
                .isEqualTo("honest");
    }

    @Test
    void withinTheAllowedSkewAClientTimeIsKept() {
        long ahead = now() + 30_000;
        sync.push(alice, NEVER, created("workouts", rec("w1", "name", "a", "updated_at", ahead)));
        assertThat(sync.pull(alice, 0)
                        .record("workouts", "w1")
                        .orElseThrow()
                        .path("updated_at")
                        .asLong())
                .isEqualTo(ahead);
    }

    @Test
    void serverWinsKeepsARecordChangedAfterThePushersLastPull() {
        sync.push(alice, NEVER, created("mesocycles", rec("m1", "name", "Base", "updated_at", now())));
        long cursor = sync.pull(alice, 0).timestamp;
        sync.push(
                alice,
                Optional.of(cursor),
                updated("mesocycles", rec("m1", "name", "Coach edit", "updated_at", now() + 1)));
        // Another client, still at the old cursor, edits later by its clock: the server's record stays.
        PushOutcome.Pushed pushed = sync.push(
                alice,
                Optional.of(cursor),
                updated("mesocycles", rec("m1", "name", "Phone edit", "updated_at", now() + 50)));
        assertThat(pushed.conflicts()).extracting(Conflict::winner).containsExactly(ConflictWinner.SERVER);
        SyncFixture.Pulled after = sync.pull(alice, cursor);
        assertThat(after.record("mesocycles", "m1").orElseThrow().path("name").asText())
                .isEqualTo("Coach edit");
        // A client that has seen the coach's edit may change it.
        long seen = after.timestamp;
        sync.push(
                alice, Optional.of(seen), updated("mesocycles", rec("m1", "name", "Week 2", "updated_at", now() + 1)));
        assertThat(sync.pull(alice, 0)
                        .record("mesocycles", "m1")
                        .orElseThrow()
                        .path("name")
                        .asText())
                .isEqualTo("Week 2");
    }

    @Test
    void clientWinsAppliesTheClientsChange() {
        sync.push(alice, NEVER, created("runs", rec("r1", "notes", "server", "updated_at", now() + 100)));
        long cursor = sync.pull(alice, 0).timestamp;
        PushOutcome.Pushed pushed = sync.push(
                alice,
                Optional.of(0L).filter(x -> false),
                updated("runs", rec("r1", "notes", "client", "updated_at", now())));
        assertThat(pushed.conflicts()).extracting(Conflict::winner).containsExactly(ConflictWinner.CLIENT);
        assertThat(sync.pull(alice, cursor)
                        .record("runs", "r1")
                        .orElseThrow()
                        .path("notes")
                        .asText())
                .isEqualTo("client");
    }

    @Test
    void runsTakeTheClientsNotesButKeepTheServersOtherColumns() {
        sync.push(
                alice,
                NEVER,
                created(
                        "runs",
                        rec("r1", "distance_m", 5000, "source", "garmin", "notes", "easy", "updated_at", now())));
        long cursor = sync.pull(alice, 0).timestamp;
        sync.push(
                alice,
                Optional.of(cursor),
                updated(
                        "runs",
                        rec("r1", "distance_m", 1, "source", "phone", "notes", "felt great", "updated_at", now() + 1)));
        JsonNode run = sync.pull(alice, cursor).record("runs", "r1").orElseThrow();
        assertThat(run.path("notes").asText()).isEqualTo("felt great");
        assertThat(run.path("distance_m").asInt()).isEqualTo(5000);
        assertThat(run.path("source").asText()).isEqualTo("garmin");
        // Changing only server-owned columns changes nothing, and the client is sent the server's run.
        PushOutcome.Pushed pushed = sync.push(
                alice,
                Optional.of(sync.pull(alice, 0).timestamp),
                updated("runs", rec("r1", "distance_m", 2, "notes", "felt great", "updated_at", now() + 2)));
        assertThat(pushed.conflicts()).extracting(Conflict::winner).containsExactly(ConflictWinner.SERVER);
    }

    @Test
    void resendingAPushAfterALostResponseChangesNothing() throws Exception {
        RawChanges push = changes(
                "workouts",
                List.of(rec("w1", "name", "a"), rec("w2", "name", "b", "updated_at", now())),
                List.of(rec(
                        "w3",
                        "name",
                        "c",
                        "updated_at",
                        now() + Duration.ofDays(1).toMillis())),
                List.of());
        PushOutcome.Pushed first = sync.push(alice, NEVER, push);
        String before = dump();
        sync.clock.advance(Duration.ofSeconds(3));
        PushOutcome.Pushed again = sync.push(alice, NEVER, push);
        assertThat(again.conflicts()).isEmpty();
        assertThat(dump()).isEqualTo(before);
        assertThat(sync.pull(alice, first.timestamp()).isEmpty()).isTrue();
    }

    @Test
    void pagesMayEndInsideOneWriteAndTogetherHoldEverythingOnce() {
        List<Map<String, Value>> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ten.add(rec("w" + i, "name", "n" + i));
        }
        sync.push(alice, NEVER, changes("workouts", ten, List.of(), List.of()));
        sync.push(alice, NEVER, changes("settings", List.of(rec("s1", "key", "k")), List.of(), List.of()));
        Set<String> seen = new HashSet<>();
        List<String> all = new ArrayList<>();
        long cursor = 0;
        boolean more = true;
        int pages = 0;
        while (more) {
            SyncFixture.Pulled page = sync.pull(alice, cursor, OptionalInt.of(3), Optional.empty());
            assertThat(page.order.size()).isLessThanOrEqualTo(3);
            all.addAll(page.order);
            seen.addAll(page.order);
            if (pages == 1) {
                // Changes made between pages arrive on a later page.
                sync.push(alice, NEVER, updated("workouts", rec("w0", "name", "late", "updated_at", now() + 9)));
            }
            cursor = page.timestamp;
            more = page.hasMore;
            pages++;
        }
        assertThat(pages).isGreaterThanOrEqualTo(4);
        assertThat(seen).hasSize(11);
        assertThat(all).filteredOn(s -> s.equals("workouts/w0")).hasSize(2);
        assertThat(sync.pull(alice, cursor).isEmpty()).isTrue();
    }

    @Test
    void aCursorOlderThanThePurgedTombstonesGetsAReplacementSync() {
        sync.close();
        sync = new SyncFixture(Duration.ofDays(1));
        sync.push(
                alice,
                NEVER,
                changes("workouts", List.of(rec("w1", "name", "a"), rec("w2", "name", "b")), List.of(), List.of()));
        long oldCursor = sync.pull(alice, 0).timestamp;
        sync.push(alice, NEVER, deleted("workouts", "w1"));
        long afterDelete = sync.pull(alice, oldCursor).timestamp;
        assertThat(sync.pull(alice, oldCursor).mode).isEqualTo(PullMode.INCREMENTAL);
        sync.clock.advance(Duration.ofDays(2));
        sync.push(alice, NEVER, created("settings", rec("s1", "key", "k"))); // purges the expired tombstone
        SyncFixture.Pulled replaced = sync.pull(alice, oldCursor);
        assertThat(replaced.mode).isEqualTo(PullMode.REPLACEMENT);
        assertThat(replaced.updated("workouts"))
                .extracting(n -> n.path("id").asText())
                .containsExactly("w2");
        assertThat(replaced.deleted).isEmpty();
        // A cursor taken after the purged delete cannot have missed it.
        assertThat(sync.pull(alice, afterDelete).mode).isEqualTo(PullMode.INCREMENTAL);
    }

    @Test
    void migrationPullIncludesAddedTablesAndRecordsWithAddedColumns() {
        sync.push(
                alice,
                NEVER,
                changes(
                        "workouts",
                        List.of(rec("w1", "name", "a", "template_id", "t1"), rec("w2", "name", "b")),
                        List.of(),
                        List.of()));
        sync.push(alice, NEVER, created("settings", rec("s1", "key", "k")));
        long cursor = sync.pull(alice, 0).timestamp;
        sync.push(alice, NEVER, created("body_measurements", rec("b1", "kind", "weight", "value", 80.5)));
        Migration migration = new Migration(1, List.of("settings"), Map.of("workouts", List.of("template_id")));
        SyncFixture.Pulled pulled = sync.pull(alice, cursor, OptionalInt.empty(), Optional.of(migration));
        assertThat(pulled.order).containsExactlyInAnyOrder("settings/s1", "workouts/w1", "body_measurements/b1");
        assertThat(pulled.record("body_measurements", "b1")
                        .orElseThrow()
                        .path("value")
                        .asDouble())
                .isEqualTo(80.5);
    }

    @Test
    void usersNeverSeeEachOthersRecords() {
        sync.push(alice, NEVER, created("workouts", rec("w1", "name", "alice's")));
        sync.push(bob, NEVER, created("workouts", rec("w1", "name", "bob's")));
        assertThat(sync.pull(alice, 0)
                        .record("workouts", "w1")
                        .orElseThrow()
                        .path("name")
                        .asText())
                .isEqualTo("alice's");
        assertThat(sync.pull(bob, 0)
                        .record("workouts", "w1")
                        .orElseThrow()
                        .path("name")
                        .asText())
                .isEqualTo("bob's");
    }

    private long countRows(String table) throws Exception {
        try (Connection c = PostgresTestDatabase.ownerDataSource(sync.settings).getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String dump() throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection c = PostgresTestDatabase.ownerDataSource(sync.settings).getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT collection, id, data::text, version, seq, deleted_at FROM sync_records ORDER BY 1, 2")) {
            while (rs.next()) {
                for (int i = 1; i <= 6; i++) {
                    out.append(rs.getString(i)).append('|');
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** Lets the first collection's write through, then fails: the push must leave no trace. */
    private static final class FailingOnSecondWrite extends ForwardingStore {
        private int writes;

        FailingOnSecondWrite(org.fitsync.ports.out.sync.SyncRecordStore delegate) {
            super(delegate);
        }

        @Override
        public void write(
                UserId user,
                org.fitsync.domain.sync.Collection collection,
                List<org.fitsync.ports.out.sync.RecordWrite> w) {
            super.write(user, collection, w);
            if (++writes == 2) {
                throw new IllegalStateException("injected failure");
            }
        }
    }
}
