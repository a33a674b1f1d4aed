package org.fitsync.application.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import org.fitsync.application.imports.ImportedRunBridge;
import org.fitsync.application.testing.ValidRuns;
import org.fitsync.domain.UserId;
import org.fitsync.domain.imports.ImportedRun;
import org.fitsync.domain.run.NewRun;
import org.fitsync.domain.run.OverlapPolicy;
import org.fitsync.domain.run.Source;
import org.fitsync.domain.run.SourcePriority;
import org.fitsync.domain.run.TimeSpan;
import org.fitsync.domain.run.Track;
import org.fitsync.domain.run.TrackPoint;
import org.fitsync.domain.run.TrackSimplifier;
import org.fitsync.ports.in.run.SubmitRunCommand;
import org.fitsync.ports.out.imports.ImportedRunStore.StoreOutcome;
import org.junit.jupiter.api.Test;

/**
 * The Strava import's run store over the runs services (on the runs' in-memory ports, which is why
 * this test lives in the runs package): imported runs obey the rules of {@code POST /api/v1/runs}.
 */
class ImportedRunBridgeTest {

    private static final UserId USER = new UserId("alice");
    private static final Instant START = Instant.parse("2026-11-20T07:00:00Z");

    private final InMemoryRuns store = new InMemoryRuns();
    private final OverlapPolicy policy = new OverlapPolicy(SourcePriority.DEFAULT);
    private final RunIngestionService ingestion = new RunIngestionService(
            store,
            store,
            store,
            store,
            new InMemoryBestEfforts(store),
            store,
            store,
            policy,
            new TrackSimplifier(5),
            PersonalRecordsPublisher.NONE);
    private final RunEditingService editing = new RunEditingService(
            store, store, store, store, store, store, store, policy, PersonalRecordsPublisher.NONE);
    private final ImportedRunBridge bridge = new ImportedRunBridge(store, ingestion, editing, editing);

    @Test
    void storesTheRunWithSourceStravaItsActivityIdMetadataTrackAndWeather() {
        StoreOutcome outcome = bridge.store(
                USER, imported("1001", 0, 3000, "Morning \"Run\"\n\\ \0", Optional.of("{\"temperature_c\":7}")));

        assertThat(outcome).isInstanceOf(StoreOutcome.Stored.class);
        UUID id = UUID.fromString(((StoreOutcome.Stored) outcome).runId());
        NewRun run = store.rows.get(id).run();
        assertThat(run.source()).isEqualTo(Source.STRAVA);
        assertThat(run.stravaId()).contains("1001");
        assertThat(run.startedAt()).isEqualTo(START);
        assertThat(run.endedAt()).isEqualTo(START.plusSeconds(3000));
        assertThat(run.durationS()).isEqualTo(2900);
        assertThat(run.distanceM()).isEqualTo(10_000.0);
        // Escaped as JSON; the NUL jsonb cannot hold is dropped rather than failing the run.
        assertThat(run.metadataJson()).contains("{\"name\":\"Morning \\\"Run\\\"\\n\\\\ \",\"sport_type\":\"Run\"}");
        assertThat(run.weatherJson()).contains("{\"temperature_c\":7}");
        assertThat(run.track().points()).hasSize(3);
        assertThat(run.track().points().get(1).elevationM()).isEqualTo(OptionalDouble.empty());
        assertThat(run.track().points().get(2).elevationM()).isEqualTo(OptionalDouble.of(36.5));
        assertThat(bridge.hasStravaActivity(USER, "1001")).isTrue();
        assertThat(bridge.hasStravaActivity(USER, "1002")).isFalse();
    }

    @Test
    void aRepeatedActivityIsADuplicateOfTheStoredRun() {
        String first =
                ((StoreOutcome.Stored) bridge.store(USER, imported("1001", 0, 3000, "Run", Optional.empty()))).runId();

        assertThat(bridge.store(USER, imported("1001", 0, 3000, "Run", Optional.empty())))
                .isEqualTo(new StoreOutcome.Duplicate(first));
        assertThat(store.rows).hasSize(1);
    }

    @Test
    void aRunFailingTheRunRulesIsRejectedWithTheReasonAndNothingIsStored() {
        ImportedRun tooFast = new ImportedRun(
                "1001", START, START.plusSeconds(600), 600, 20_000, "Rocket", "Run", List.of(), Optional.empty());

        StoreOutcome outcome = bridge.store(USER, tooFast);

        assertThat(outcome).isInstanceOf(StoreOutcome.Rejected.class);
        assertThat(((StoreOutcome.Rejected) outcome).reason()).startsWith("distance_m ");
        assertThat(store.rows).isEmpty();
        assertThat(store.calls).doesNotContain("claim");
    }

    @Test
    void anActivityImportedAgainAfterItsRunWasDeletedIsStoredUnderAFreshId() {
        String first =
                ((StoreOutcome.Stored) bridge.store(USER, imported("1001", 0, 3000, "Run", Optional.empty()))).runId();

        assertThat(bridge.deleteByStravaId(USER, "1001")).isTrue();
        assertThat(bridge.deleteByStravaId(USER, "1001")).isFalse();
        assertThat(bridge.hasStravaActivity(USER, "1001")).isFalse();
        StoreOutcome again = bridge.store(USER, imported("1001", 0, 3000, "Run", Optional.empty()));

        assertThat(again).isInstanceOf(StoreOutcome.Stored.class);
        assertThat(((StoreOutcome.Stored) again).runId()).isNotEqualTo(first);
    }

    @Test
    void deletingStravaRunsKeepsOtherRunsAndUnflagsTheRunsTheyHadSuperseded() {
        UUID phone = UUID.randomUUID();
        ingestion.submit(new SubmitRunCommand(
                USER,
                ValidRuns.of(
                        phone,
                        new TimeSpan(START, START.plusSeconds(3000)),
                        2900,
                        9_900,
                        Source.PHONE,
                        Optional.empty(),
                        Optional.empty(),
                        new Track(List.of()),
                        Optional.empty(),
                        Optional.empty())));
        bridge.store(USER, imported("1001", 0, 3000, "Run", Optional.empty()));
        bridge.store(USER, imported("1002", 7200, 3000, "Run", Optional.empty()));
        assertThat(store.rows.get(phone).overlapping())
                .as("superseded by the Strava run")
                .isTrue();

        assertThat(bridge.deleteStravaRuns(USER)).isEqualTo(2);

        assertThat(store.rows.get(phone).deleted()).isFalse();
        assertThat(store.rows.get(phone).overlapping()).isFalse();
        assertThat(store.rows.get(phone).overlaps()).isEmpty();
        assertThat(bridge.hasStravaActivity(USER, "1001")).isFalse();
        assertThat(bridge.hasStravaActivity(USER, "1002")).isFalse();
    }

    private static ImportedRun imported(
            String stravaId, int startSecond, int seconds, String name, Optional<String> weather) {
        Instant start = START.plusSeconds(startSecond);
        long t = start.toEpochMilli();
        List<TrackPoint> track = List.of(
                new TrackPoint(t, 52.52, 13.40, OptionalDouble.of(34.5)),
                new TrackPoint(t + 1000, 52.5201, 13.4001, OptionalDouble.empty()),
                new TrackPoint(t + 2000, 52.5202, 13.4002, OptionalDouble.of(36.5)));
        return new ImportedRun(
                stravaId, start, start.plusSeconds(seconds), seconds - 100, 10_000, name, "Run", track, weather);
    }
}
