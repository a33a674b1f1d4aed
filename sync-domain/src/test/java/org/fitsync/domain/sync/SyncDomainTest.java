package org.fitsync.domain.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Ids, cursors, sanitising and the registry. */
class SyncDomainTest {

    @Test
    void idsAreOneToSixtyFourSafeCharacters() {
        assertThat(RecordId.isValid("aZ0_.-")).isTrue();
        assertThat(RecordId.isValid("x".repeat(64))).isTrue();
        assertThat(RecordId.isValid("x".repeat(65))).isFalse();
        assertThat(RecordId.isValid("")).isFalse();
        assertThat(RecordId.isValid("a b")).isFalse();
        assertThat(RecordId.isValid("ä")).isFalse();
        assertThat(RecordId.isValid(null)).isFalse();
    }

    @Test
    void cursorsRoundTripBelowTwoToTheFiftyThird() {
        ChangePosition position = new ChangePosition(ChangePosition.MAX_VERSION, ChangePosition.MAX_SEQ - 1);
        assertThat(position.encode()).isLessThan(1L << 53);
        assertThat(ChangePosition.decode(position.encode())).contains(position);
        assertThat(ChangePosition.decode(-1)).isEmpty();
        assertThat(ChangePosition.decode(1L << 53)).isEmpty();
        assertThat(new ChangePosition(3, ChangePosition.MAX_SEQ - 1).next()).isEqualTo(new ChangePosition(4, 0));
        assertThat(ChangePosition.afterVersion(0).encode()).isPositive();
    }

    @Test
    void sanitisingDropsUnknownAndReadOnlyColumnsAndFixesTypes() {
        Collection runs = CollectionRegistry.defaults().find("runs").orElseThrow();
        Map<String, Value> raw = new LinkedHashMap<>();
        raw.put("notes", new Value.Num(3));
        raw.put("distance_m", new Value.Num(5000.5));
        raw.put("source", Value.STRUCTURED);
        raw.put("polyline", new Value.Text("abc"));
        raw.put("_status", new Value.Text("updated"));
        raw.put("whatever", new Value.Text("x"));
        raw.put("updated_at", new Value.Text("yesterday"));
        PushedRecord record = RecordSanitizer.sanitise(runs, new RecordId("r1"), raw, new ClockPolicy(1000, 60));
        assertThat(record.sentFields()).containsOnlyKeys("notes", "distance_m", "source");
        assertThat(record.sentFields().get("notes")).isEqualTo(Value.NULL);
        assertThat(record.sentFields().get("source")).isEqualTo(Value.NULL);
        assertThat(record.updatedAt()).isEqualTo(1000);
        assertThat(record.serverTimed()).isTrue();
    }

    @Test
    void requiredColumnsFallBackToTheirTypesDefault() {
        assertThat(Column.string("s").asRequired().sanitise(new Value.Num(1))).isEqualTo(new Value.Text(""));
        assertThat(Column.number("n").asRequired().sanitise(Value.NULL)).isEqualTo(new Value.Num(0));
        assertThat(Column.bool("b").asRequired().sanitise(new Value.Text("yes")))
                .isEqualTo(new Value.Bool(false));
        assertThat(Column.bool("b").sanitise(new Value.Num(1))).isEqualTo(new Value.Bool(true));
        assertThat(Column.number("n").sanitise(new Value.Num(1e308))).isEqualTo(Value.NULL);
        assertThat(Column.number("n").sanitise(new Value.Num(-2.5e20))).isEqualTo(new Value.Num(-2.5e20));
        assertThat(Column.string("s").sanitise(new Value.Text("a\u0000"))).isEqualTo(Value.NULL);
    }

    @Test
    void clockAheadBeyondTheSkewIsClampedToServerTime() {
        ClockPolicy clock = new ClockPolicy(1_000_000, 60_000);
        Collection settings = CollectionRegistry.defaults().find("settings").orElseThrow();
        PushedRecord ahead = RecordSanitizer.sanitise(
                settings, new RecordId("s"), Map.of("updated_at", new Value.Num(1_060_001)), clock);
        PushedRecord within = RecordSanitizer.sanitise(
                settings, new RecordId("s"), Map.of("updated_at", new Value.Num(1_060_000)), clock);
        assertThat(ahead.updatedAt()).isEqualTo(1_000_000);
        assertThat(within.updatedAt()).isEqualTo(1_060_000);
        assertThat(within.serverTimed()).isFalse();
    }

    @Test
    void defaultRegistryHoldsApiMdsCollectionsAndStrategies() {
        CollectionRegistry registry = CollectionRegistry.defaults();
        assertThat(registry.all())
                .extracting(Collection::name)
                .containsExactlyInAnyOrder(
                        "runs",
                        "workouts",
                        "workout_templates",
                        "body_measurements",
                        "progression_states",
                        "settings",
                        "mesocycles",
                        "achievements",
                        "personal_records",
                        "daily_entries");
        assertThat(registry.find("mesocycles").orElseThrow().strategy()).isEqualTo(ConflictStrategy.SERVER_WINS);
        assertThat(registry.find("settings").orElseThrow().strategy()).isEqualTo(ConflictStrategy.LAST_WRITE_WINS);
        assertThat(registry.find("runs")
                        .orElseThrow()
                        .column("polyline")
                        .orElseThrow()
                        .readOnly())
                .isTrue();
    }

    @Test
    void embeddersRegisterTheirOwnCollections() {
        CollectionRegistry registry = CollectionRegistry.defaults()
                .with(Collection.of("journal", ConflictStrategy.CLIENT_WINS, Column.string("text")));
        assertThat(registry.find("journal")).isPresent();
        assertThatThrownBy(() -> Collection.of("Bad Name", ConflictStrategy.CLIENT_WINS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Collection.of("x", ConflictStrategy.CLIENT_WINS, Column.string("id")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMergeRuleDecidesForItsCollection() {
        // Source priority, as runs will use it: the record from the higher-priority source stays.
        List<String> priority = List.of("garmin", "strava", "phone");
        MergeRule bySource = (stored, pushed) -> priority.indexOf(((Value.Text) pushed.field("source")).value())
                        < priority.indexOf(((Value.Text) stored.field("source")).value())
                ? pushed
                : stored;
        Collection runs = Collection.of(
                "activities", new ConflictStrategy.Merge("source_priority", bySource), Column.string("source"));
        ConflictResolver resolver = new ConflictResolver(runs, Optional.empty(), 0);
        StoredRecord fromStrava = new StoredRecord(
                new SyncRecord(new RecordId("r"), Map.of("source", new Value.Text("strava")), 1, 1),
                false,
                new ChangePosition(1, 0));
        PushedRecord fromPhone = new PushedRecord(
                new RecordId("r"), Map.of("source", new Value.Text("phone")), Optional.empty(), 5, false);
        PushedRecord fromGarmin = new PushedRecord(
                new RecordId("r"), Map.of("source", new Value.Text("garmin")), Optional.empty(), 5, false);
        assertThat(resolver.upsert(Optional.of(fromStrava), fromPhone)).isInstanceOf(PushDecision.KeepStored.class);
        assertThat(resolver.upsert(Optional.of(fromStrava), fromGarmin)).isInstanceOf(PushDecision.Store.class);
    }
}
