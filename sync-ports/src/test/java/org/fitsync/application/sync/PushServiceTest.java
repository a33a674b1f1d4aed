package org.fitsync.application.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fitsync.application.testing.MovableClock;
import org.fitsync.domain.UserId;
import org.fitsync.domain.sync.ChangePosition;
import org.fitsync.domain.sync.CollectionRegistry;
import org.fitsync.domain.sync.ConflictWinner;
import org.fitsync.domain.sync.RawChanges;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.SyncRecord;
import org.fitsync.domain.sync.Value;
import org.fitsync.ports.in.sync.Conflict;
import org.fitsync.ports.in.sync.PushChangesCommand;
import org.fitsync.ports.in.sync.PushOutcome;
import org.junit.jupiter.api.Test;

/** The push rules (docs/api.md) on in-memory ports and a clock the test sets: no database, no waiting. */
class PushServiceTest {

    private static final UserId ALICE = new UserId("alice");
    private static final UserId BOB = new UserId("bob");
    private static final Optional<Long> NEVER = Optional.empty();
    private static final Duration SKEW = Duration.ofSeconds(60);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-20T07:00:00Z"));
    private final InMemorySyncStore ports = new InMemorySyncStore();
    private PushService push = service(Duration.ofDays(90));

    private PushService service(Duration retention) {
        return new PushService(
                ports,
                ports,
                CollectionRegistry.defaults(),
                CollectionStores.allGeneric(ports),
                ports,
                new SyncSettings(SKEW, retention),
                clock);
    }

    private long now() {
        return clock.millis();
    }

    private PushOutcome.Pushed push(UserId user, Optional<Long> lastPulledAt, RawChanges changes) {
        PushOutcome outcome = push.push(new PushChangesCommand(user, changes, lastPulledAt));
        assertThat(outcome).isInstanceOf(PushOutcome.Pushed.class);
        return (PushOutcome.Pushed) outcome;
    }

    private String name(String collection, String id) {
        return text(ports.live(ALICE, collection, id).orElseThrow(), "name");
    }

    private static String text(SyncRecord record, String column) {
        return ((Value.Text) record.field(column)).value();
    }

    // ---- last write wins ------------------------------------------------------------------------

    @Test
    void lastWriteWinsByTheClientsUpdatedAtWhicheverOrderTheEditsArrive() {
        push(ALICE, NEVER, created("workouts", rec("w1", "name", "first", "updated_at", now())));
        long cursor = push(ALICE, NEVER, updated("workouts", rec("w1", "name", "later", "updated_at", now() + 2000)))
                .timestamp();
        PushOutcome.Pushed stale = push(
                ALICE,
                Optional.of(cursor),
                updated("workouts", rec("w1", "name", "stale", "updated_at", now() + 1000)));
        assertThat(stale.conflicts())
                .containsExactly(new Conflict("workouts", new RecordId("w1"), ConflictWinner.SERVER));
        assertThat(name("workouts", "w1")).isEqualTo("later");
        assertThat(ports.live(ALICE, "workouts", "w1").orElseThrow().updatedAt())
                .isEqualTo(now() + 2000);
    }

    @Test
    void aNewerEditOverAChangeTheClientHasNotSeenWinsAndSaysSo() {
        push(ALICE, NEVER, created("workouts", rec("w1", "name", "phone", "updated_at", now())));
        PushOutcome.Pushed newer =
                push(ALICE, NEVER, updated("workouts", rec("w1", "name", "watch", "updated_at", now() + 1)));
        assertThat(newer.conflicts())
                .containsExactly(new Conflict("workouts", new RecordId("w1"), ConflictWinner.CLIENT));
        assertThat(name("workouts", "w1")).isEqualTo("watch");
    }

    @Test
    void aTieKeepsTheStoredRecordSoEveryArrivalOrderEndsTheSame() {
        push(ALICE, NEVER, created("workouts", rec("w1", "name", "A", "updated_at", now())));
        push(ALICE, NEVER, updated("workouts", rec("w1", "name", "B", "updated_at", now())));
        push(BOB, NEVER, created("workouts", rec("w1", "name", "B", "updated_at", now())));
        push(BOB, NEVER, updated("workouts", rec("w1", "name", "A", "updated_at", now())));
        assertThat(name("workouts", "w1")).isEqualTo("A");
        assertThat(text(ports.live(BOB, "workouts", "w1").orElseThrow(), "name"))
                .isEqualTo("B");
    }

    @Test
    void aClockTooFarAheadIsClampedToServerTimeSoItCannotWinForever() {
        push(
                ALICE,
                NEVER,
                created(
                        "workouts",
                        rec(
                                "w1",
                                "name",
                                "from the future",
                                "updated_at",
                                now() + Duration.ofDays(365).toMillis())));
        assertThat(ports.live(ALICE, "workouts", "w1").orElseThrow().updatedAt())
                .isEqualTo(now());
        clock.advance(Duration.ofSeconds(5));
        push(ALICE, NEVER, updated("workouts", rec("w1", "name", "honest", "updated_at", now())));
        assertThat(name("workouts", "w1")).isEqualTo("honest");
    }

    @Test
    void aClientTimeWithinTheSkewIsKeptAndOneJustPastItIsClamped() {
        long limit = now() + SKEW.toMillis();
        push(ALICE, NEVER, created("workouts", rec("w1", "name", "a", "updated_at", limit)));
        push(ALICE, NEVER, created("workouts", rec("w2", "name", "b", "updated_at", limit + 1)));
        assertThat(ports.live(ALICE, "workouts", "w1").orElseThrow().updatedAt())
                .isEqualTo(limit);
        assertThat(ports.live(ALICE, "workouts", "w2").orElseThrow().updatedAt())
                .isEqualTo(now());
    }

    // ---- creates, updates, deletes --------------------------------------------------------------

    @Test
    void aCreateOfAnExistingIdIsAnUpdateUnderTheSameRules() {
        push(ALICE, NEVER, created("workouts", rec("w1", "name", "Leg day", "updated_at", now())));
        push(ALICE, NEVER, created("workouts", rec("w1", "name", "Arm day", "updated_at", now() + 1)));
        assertThat(name("workouts", "w1")).isEqualTo("Arm day");
        PushOutcome.Pushed older =
                push(ALICE, NEVER, created("workouts", rec("w1", "name", "Old day", "updated_at", now() - 1)));
        assertThat(older.conflicts()).extracting(Conflict::winner).containsExactly(ConflictWinner.SERVER);
        assertThat(name("workouts", "w1")).isEqualTo("Arm day");
        assertThat(ports.snapshot()).hasSize(1);
    }

    @Test
    void anUpdateOfAMissingIdCreatesItAndADeleteOfOneIsIgnored() {
        PushOutcome.Pushed pushed = push(
                ALICE,
                NEVER,
                changes(
                        "workouts",
                        List.of(),
                        List.of(rec("w1", "name", "Leg day", "updated_at", now())),
                        List.of("ghost")));
        assertThat(pushed.rejectedIds()).isEmpty();
        assertThat(name("workouts", "w1")).isEqualTo("Leg day");
        assertThat(ports.row(ALICE, "workouts", "ghost")).isEmpty();
    }

    @Test
    void aDeleteLeavesATombstoneAndALaterEditOfItIsRejected() {
        push(ALICE, NEVER, created("workouts", rec("w1", "name", "Leg day", "updated_at", now())));
        long cursor =
                push(ALICE, NEVER, created("settings", rec("s1", "key", "k"))).timestamp();
        clock.advance(Duration.ofSeconds(1));
        push(ALICE, Optional.of(cursor), deleted("workouts", "w1"));
        InMemorySyncStore.Row tombstone = ports.row(ALICE, "workouts", "w1").orElseThrow();
        assertThat(tombstone.stored().deleted()).isTrue();
        assertThat(tombstone.deletedAtMs()).hasValue(now());

        // A client that pulled before the delete pushes an edit made later by its clock: deletes win.
        PushOutcome.Pushed edit = push(
                ALICE, Optional.of(cursor), updated("workouts", rec("w1", "name", "Edited", "updated_at", now() + 5)));
        assertThat(edit.rejectedIds()).containsEntry("workouts", List.of(new RecordId("w1")));
        assertThat(ports.live(ALICE, "workouts", "w1")).isEmpty();
        assertThat(push(ALICE, NEVER, deleted("workouts", "w1")).rejectedIds())
                .as("deleting twice")
                .isEmpty();
    }

    @Test
    void aRejectedEditOfATombstoneTheClientHadSeenIsRestampedSoTheDeleteReachesItAgain() {
        push(ALICE, NEVER, created("workouts", rec("w1", "name", "Leg day", "updated_at", now())));
        long afterDelete = push(ALICE, NEVER, deleted("workouts", "w1")).timestamp();
        ChangePosition deletedAt =
                ports.row(ALICE, "workouts", "w1").orElseThrow().stored().position();
        push(
                ALICE,
                Optional.of(afterDelete),
                updated("workouts", rec("w1", "name", "Edited", "updated_at", now() + 5)));
        InMemorySyncStore.Row restamped = ports.row(ALICE, "workouts", "w1").orElseThrow();
        assertThat(restamped.stored().deleted()).isTrue();
        assertThat(restamped.stored().position()).isGreaterThan(deletedAt);
    }

    @Test
    void everyRecordOfOnePushGetsItsVersionAndItsOwnSequenceNumber() {
        PushOutcome.Pushed pushed = push(
                ALICE,
                NEVER,
                changes(
                        "workouts",
                        List.of(rec("w1", "name", "a"), rec("w2", "name", "b")),
                        List.of(rec("w2", "name", "b, edited", "updated_at", now() + 1)),
                        List.of()));
        ChangePosition w1 =
                ports.row(ALICE, "workouts", "w1").orElseThrow().stored().position();
        ChangePosition w2 =
                ports.row(ALICE, "workouts", "w2").orElseThrow().stored().position();
        assertThat(w1).isEqualTo(new ChangePosition(1, 0));
        assertThat(w2).as("written twice, positioned once").isEqualTo(new ChangePosition(1, 1));
        assertThat(name("workouts", "w2")).isEqualTo("b, edited");
        assertThat(pushed.timestamp()).isEqualTo(ChangePosition.afterVersion(1).encode());
    }

    @Test
    void resendingAPushAfterALostResponseChangesNothing() {
        RawChanges changes = changes(
                "workouts",
                List.of(rec("w1", "name", "a"), rec("w2", "name", "b", "updated_at", now())),
                List.of(rec(
                        "w3",
                        "name",
                        "c",
                        "updated_at",
                        now() + Duration.ofDays(1).toMillis())),
                List.of());
        push(ALICE, NEVER, changes);
        Map<String, InMemorySyncStore.Row> before = ports.snapshot();
        clock.advance(Duration.ofSeconds(3));
        assertThat(push(ALICE, NEVER, changes).conflicts()).isEmpty();
        assertThat(ports.snapshot()).isEqualTo(before);
    }

    // ---- strategies per collection --------------------------------------------------------------

    @Test
    void serverWinsKeepsARecordChangedAfterThePushersLastPull() {
        long cursor = push(ALICE, NEVER, created("mesocycles", rec("m1", "name", "Base", "updated_at", now())))
                .timestamp();
        long coach = push(
                        ALICE,
                        Optional.of(cursor),
                        updated("mesocycles", rec("m1", "name", "Coach edit", "updated_at", now() + 1)))
                .timestamp();
        PushOutcome.Pushed phone = push(
                ALICE,
                Optional.of(cursor),
                updated("mesocycles", rec("m1", "name", "Phone edit", "updated_at", now() + 50)));
        assertThat(phone.conflicts()).extracting(Conflict::winner).containsExactly(ConflictWinner.SERVER);
        assertThat(name("mesocycles", "m1")).isEqualTo("Coach edit");
        // A client that has seen the coach's edit may change it, even with an older clock.
        push(ALICE, Optional.of(coach), updated("mesocycles", rec("m1", "name", "Week 2", "updated_at", now())));
        assertThat(name("mesocycles", "m1")).isEqualTo("Week 2");
    }

    @Test
    void clientWinsAppliesTheClientsChangeEvenWithAnOlderClock() {
        push(ALICE, NEVER, created("daily_entries", rec("2026-11-19", "steps", 5000, "updated_at", now())));
        PushOutcome.Pushed pushed = push(
                ALICE, NEVER, updated("daily_entries", rec("2026-11-19", "steps", 7000, "updated_at", now() - 60_000)));
        assertThat(pushed.conflicts()).extracting(Conflict::winner).containsExactly(ConflictWinner.CLIENT);
        assertThat(ports.live(ALICE, "daily_entries", "2026-11-19")
                        .orElseThrow()
                        .field("steps"))
                .isEqualTo(new Value.Num(7000));
    }

    @Test
    void runsTakeTheClientsNotesButKeepTheServersOtherColumns() {
        long cursor = push(
                        ALICE,
                        NEVER,
                        created(
                                "runs",
                                rec(
                                        "r1",
                                        "distance_m",
                                        5000,
                                        "source",
                                        "garmin",
                                        "notes",
                                        "easy",
                                        "polyline",
                                        "abc",
                                        "updated_at",
                                        now())))
                .timestamp();
        SyncRecord created = ports.live(ALICE, "runs", "r1").orElseThrow();
        assertThat(created.field("polyline")).as("read-only: the server's").isEqualTo(Value.NULL);
        push(
                ALICE,
                Optional.of(cursor),
                updated(
                        "runs",
                        rec("r1", "distance_m", 1, "source", "phone", "notes", "felt great", "updated_at", now() + 1)));
        SyncRecord run = ports.live(ALICE, "runs", "r1").orElseThrow();
        assertThat(run.field("notes")).isEqualTo(new Value.Text("felt great"));
        assertThat(run.field("distance_m")).isEqualTo(new Value.Num(5000));
        assertThat(run.field("source")).isEqualTo(new Value.Text("garmin"));
    }

    // ---- refusals -------------------------------------------------------------------------------

    @Test
    void aPushWithOneBadRecordIsInvalidAndChangesNothing() {
        RawChanges mixed = new RawChanges(new LinkedHashMap<>(Map.of(
                "workouts", new RawChanges.Section(List.of(rec("w1", "name", "ok")), List.of(), List.of()),
                "settings", new RawChanges.Section(List.of(rec("bad id!", "key", "k")), List.of(), List.of()))));
        PushOutcome outcome = push.push(new PushChangesCommand(ALICE, mixed, NEVER));
        assertThat(outcome).isInstanceOf(PushOutcome.Invalid.class);
        assertThat(((PushOutcome.Invalid) outcome).violations())
                .anySatisfy(v -> assertThat(v.field()).isEqualTo("changes.settings.created[0].id"));
        assertThat(ports.snapshot()).isEmpty();
        assertThat(ports.transactionsRun()).as("refused before any transaction").isZero();
        assertThat(push.push(new PushChangesCommand(ALICE, created("spaceships", rec("x1", "name", "a")), NEVER)))
                .isInstanceOf(PushOutcome.Invalid.class);
        assertThat(push.push(new PushChangesCommand(ALICE, created("workouts", rec("w1")), Optional.of(-5L))))
                .as("a cursor this server never issued")
                .isInstanceOf(PushOutcome.Invalid.class);
        assertThat(ports.snapshot()).isEmpty();
        assertThat(ports.currentVersion(ALICE)).isZero();
    }

    @Test
    void aRecordTheStoreRefusesIsReportedAndNotWritten() {
        ports.refuse((collection, record) -> record.field("name").equals(new Value.Text("forbidden")));
        PushOutcome.Pushed pushed = push(
                ALICE,
                NEVER,
                changes(
                        "workouts",
                        List.of(rec("w1", "name", "fine"), rec("w2", "name", "forbidden")),
                        List.of(),
                        List.of()));
        assertThat(pushed.rejectedIds()).containsExactly(Map.entry("workouts", List.of(new RecordId("w2"))));
        assertThat(ports.row(ALICE, "workouts", "w2")).isEmpty();
        assertThat(name("workouts", "w1")).isEqualTo("fine");
    }

    @Test
    void aFailureHalfwayThroughLeavesNoTraceBecauseThePushIsOneTransaction() {
        RawChanges two = new RawChanges(new LinkedHashMap<>(Map.of(
                "workouts", new RawChanges.Section(List.of(rec("w1", "name", "a")), List.of(), List.of()),
                "settings", new RawChanges.Section(List.of(rec("s1", "key", "k")), List.of(), List.of()))));
        Set<String> seen = new HashSet<>();
        ports.refuse((collection, record) -> {
            // The first collection is written before the second is looked at.
            if (seen.add(collection.name()) && seen.size() == 2) {
                throw new IllegalStateException("injected failure");
            }
            return false;
        });
        assertThatThrownBy(() -> push.push(new PushChangesCommand(ALICE, two, NEVER)))
                .hasMessageContaining("injected");
        assertThat(ports.snapshot()).isEmpty();
        assertThat(ports.currentVersion(ALICE)).isZero();
    }

    // ---- tombstone purge ------------------------------------------------------------------------

    @Test
    void tombstonesOlderThanTheRetentionArePurgedAndRaiseThePurgeHorizon() {
        push = service(Duration.ofDays(1));
        push(
                ALICE,
                NEVER,
                changes("workouts", List.of(rec("w1", "name", "a"), rec("w2", "name", "b")), List.of(), List.of()));
        push(ALICE, NEVER, deleted("workouts", "w1"));
        long deleteVersion = ports.row(ALICE, "workouts", "w1")
                .orElseThrow()
                .stored()
                .position()
                .version();
        push(BOB, NEVER, created("workouts", rec("w1", "name", "bob's")));
        push(BOB, NEVER, deleted("workouts", "w1"));

        clock.advance(Duration.ofHours(23));
        push(ALICE, NEVER, created("settings", rec("s1", "key", "k")));
        assertThat(ports.row(ALICE, "workouts", "w1")).as("not expired yet").isPresent();
        assertThat(ports.purgeHorizon(ALICE)).isZero();

        clock.advance(Duration.ofHours(2));
        push(ALICE, NEVER, created("settings", rec("s2", "key", "k")));
        assertThat(ports.row(ALICE, "workouts", "w1")).isEmpty();
        assertThat(ports.live(ALICE, "workouts", "w2")).isPresent();
        assertThat(ports.purgeHorizon(ALICE)).isEqualTo(deleteVersion);
        assertThat(ports.row(BOB, "workouts", "w1"))
                .as("only the pusher's tombstones")
                .isPresent();
    }

    // ---- building pushes ------------------------------------------------------------------------

    private static RawChanges changes(
            String collection,
            List<Map<String, Value>> created,
            List<Map<String, Value>> updated,
            List<String> deleted) {
        return new RawChanges(Map.of(
                collection,
                new RawChanges.Section(
                        created,
                        updated,
                        deleted.stream().map(id -> (Value) new Value.Text(id)).toList())));
    }

    private static RawChanges created(String collection, Map<String, Value> record) {
        return changes(collection, List.of(record), List.of(), List.of());
    }

    private static RawChanges updated(String collection, Map<String, Value> record) {
        return changes(collection, List.of(), List.of(record), List.of());
    }

    private static RawChanges deleted(String collection, String id) {
        return changes(collection, List.of(), List.of(), List.of(id));
    }

    /** A raw record from alternating names and values (String, Number, Boolean or null). */
    private static Map<String, Value> rec(String id, Object... pairs) {
        Map<String, Value> record = new LinkedHashMap<>();
        record.put("id", new Value.Text(id));
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            record.put(
                    (String) pairs[i],
                    value == null
                            ? Value.NULL
                            : value instanceof String s
                                    ? new Value.Text(s)
                                    : value instanceof Boolean b
                                            ? new Value.Bool(b)
                                            : new Value.Num(((Number) value).doubleValue()));
        }
        return record;
    }
}
