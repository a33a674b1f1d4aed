package org.fitsync.domain.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The conflict strategies as properties: convergence whatever the arrival order, and idempotent pushes. */
class ConflictStrategyProperties {

    private static final long NOW = 1_795_158_000_000L;
    private static final Collection WORKOUTS =
            CollectionRegistry.defaults().find("workouts").orElseThrow();
    private static final List<RecordId> IDS = List.of(new RecordId("a"), new RecordId("b"), new RecordId("c"));

    /** An edit: which id, what name, and a rank that orders it (distinct ranks give distinct times). */
    record Edit(int id, String name, boolean delete) {}

    @Provide
    Arbitrary<List<Edit>> edits() {
        Arbitrary<Edit> edit = Combinators.combine(
                        Arbitraries.integers().between(0, IDS.size() - 1),
                        Arbitraries.strings().alpha().ofMaxLength(3),
                        Arbitraries.integers().between(0, 9).map(n -> n == 0))
                .as(Edit::new);
        return edit.list().ofMinSize(1).ofMaxSize(12);
    }

    @Property(tries = 300)
    void lastWriteWinsConvergesInAnyOrder(@ForAll("edits") List<Edit> edits, @ForAll long shuffleSeed) {
        // Every record exists first; then each edit is its own push, from clients at any cursor.
        List<InMemoryPushes.Change> changes = new ArrayList<>();
        for (int i = 0; i < edits.size(); i++) {
            Edit edit = edits.get(i);
            RecordId id = IDS.get(edit.id());
            changes.add(
                    edit.delete()
                            ? new InMemoryPushes.Change(id, Optional.empty())
                            : new InMemoryPushes.Change(
                                    id, Optional.of(pushed(id, edit.name(), NOW - 100_000 + i * 7L))));
        }
        List<InMemoryPushes.Change> shuffled = new ArrayList<>(changes);
        Collections.shuffle(shuffled, new Random(shuffleSeed));
        assertThat(applyOneByOne(shuffled).visible())
                .isEqualTo(applyOneByOne(changes).visible());
    }

    @Property(tries = 300)
    void lastWriteWinsRegisterHoldsTheLatestEdit(@ForAll("edits") List<Edit> edits, @ForAll long shuffleSeed) {
        List<InMemoryPushes.Change> changes = new ArrayList<>();
        Map<RecordId, String> latest = new HashMap<>();
        for (int i = 0; i < edits.size(); i++) {
            RecordId id = IDS.get(edits.get(i).id());
            changes.add(new InMemoryPushes.Change(
                    id, Optional.of(pushed(id, edits.get(i).name(), NOW - 100_000 + i))));
            latest.put(id, edits.get(i).name());
        }
        Collections.shuffle(changes, new Random(shuffleSeed));
        InMemoryPushes store = applyOneByOne(changes);
        latest.forEach((id, name) ->
                assertThat(store.state.get(id).record().field("name")).isEqualTo(new Value.Text(name)));
    }

    @Property(tries = 300)
    void applyingAPushTwiceEqualsApplyingItOnce(
            @ForAll("edits") List<Edit> history,
            @ForAll("edits") List<Edit> push,
            @ForAll("strategies") ConflictStrategy strategy,
            @ForAll @IntRange(min = 0, max = 12) int pulledAfter,
            @ForAll boolean clamped) {
        Collection collection = new Collection("things", WORKOUTS.columns(), strategy);
        InMemoryPushes once = new InMemoryPushes(collection, NOW);
        InMemoryPushes twice = new InMemoryPushes(collection, NOW);
        long cursor = 0;
        for (int i = 0; i < history.size(); i++) {
            List<InMemoryPushes.Change> one = List.of(change(history.get(i), NOW - 50_000 + i, false));
            once.push(one, Optional.empty());
            twice.push(one, Optional.empty());
            if (i == Math.min(pulledAfter, history.size() - 1)) {
                cursor = once.cursor();
            }
        }
        // A WatermelonDB push names each record once (a record has one sync status).
        List<InMemoryPushes.Change> changes = new ArrayList<>();
        java.util.Set<Integer> named = new java.util.HashSet<>();
        for (int i = 0; i < push.size(); i++) {
            if (named.add(push.get(i).id())) {
                changes.add(change(push.get(i), NOW - 60_000 + i * 13L, clamped));
            }
        }
        Optional<ChangePosition> lastPulledAt = Optional.of(ChangePosition.afterVersion(cursor));
        once.push(changes, lastPulledAt);
        twice.push(changes, lastPulledAt);
        Map<RecordId, StoredRecord> afterFirst = new HashMap<>(twice.state);
        twice.push(changes, lastPulledAt);
        assertThat(twice.state).isEqualTo(afterFirst);
        assertThat(twice.visible()).isEqualTo(once.visible());
    }

    @Provide
    Arbitrary<ConflictStrategy> strategies() {
        return Arbitraries.of(
                ConflictStrategy.LAST_WRITE_WINS, ConflictStrategy.SERVER_WINS, ConflictStrategy.CLIENT_WINS);
    }

    private static InMemoryPushes.Change change(Edit edit, long updatedAt, boolean clamped) {
        RecordId id = IDS.get(edit.id());
        if (edit.delete()) {
            return new InMemoryPushes.Change(id, Optional.empty());
        }
        PushedRecord record = clamped
                ? new PushedRecord(id, Map.of("name", new Value.Text(edit.name())), Optional.empty(), NOW, true)
                : pushed(id, edit.name(), updatedAt);
        return new InMemoryPushes.Change(id, Optional.of(record));
    }

    private static InMemoryPushes applyOneByOne(List<InMemoryPushes.Change> changes) {
        InMemoryPushes store = new InMemoryPushes(WORKOUTS, NOW);
        for (RecordId id : IDS) {
            store.push(
                    List.of(new InMemoryPushes.Change(id, Optional.of(pushed(id, "initial", NOW - 200_000)))),
                    Optional.empty());
        }
        for (InMemoryPushes.Change change : changes) {
            store.push(List.of(change), Optional.of(ChangePosition.afterVersion(store.cursor())));
        }
        return store;
    }

    private static PushedRecord pushed(RecordId id, String name, long updatedAt) {
        return new PushedRecord(id, Map.of("name", new Value.Text(name)), Optional.empty(), updatedAt, false);
    }
}
