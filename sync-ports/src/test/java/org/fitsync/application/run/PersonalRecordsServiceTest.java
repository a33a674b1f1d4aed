package org.fitsync.application.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.fitsync.application.testing.ValidRuns;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.BestEffortDistance;
import org.fitsync.domain.run.NewRun;
import org.fitsync.domain.run.OverlapPolicy;
import org.fitsync.domain.run.PersonalRecords;
import org.fitsync.domain.run.Source;
import org.fitsync.domain.run.SourcePriority;
import org.fitsync.domain.run.TimeSpan;
import org.fitsync.domain.run.Track;
import org.fitsync.domain.run.TrackSimplifier;
import org.fitsync.ports.in.run.DeleteRunCommand;
import org.fitsync.ports.in.run.PersonalRecordsQuery;
import org.fitsync.ports.in.run.SubmitRunCommand;
import org.junit.jupiter.api.Test;

/** Best efforts stored at ingest; records over canonical runs only. */
class PersonalRecordsServiceTest {

    private static final UserId USER = new UserId("alice");
    private static final Instant DAY = Instant.parse("2026-11-20T07:00:00Z");
    private static final double METRES_PER_DEGREE = 6_371_008.8 * Math.PI / 180;

    private final InMemoryRuns store = new InMemoryRuns();
    private final InMemoryBestEfforts efforts = new InMemoryBestEfforts(store);
    private final OverlapPolicy policy = new OverlapPolicy(SourcePriority.DEFAULT);
    private final RunIngestionService ingestion = new RunIngestionService(
            store,
            store,
            store,
            store,
            efforts,
            store,
            store,
            policy,
            new TrackSimplifier(5),
            PersonalRecordsPublisher.NONE);
    private final RunEditingService editing = new RunEditingService(
            store, store, store, store, store, store, store, policy, PersonalRecordsPublisher.NONE);
    private final PersonalRecordsService records = new PersonalRecordsService(store, efforts);

    @Test
    void aRunsEffortsAreStoredWithItAndTheFastestCanonicalOneIsTheRecord() {
        UUID slow = submit(0, 4.0, Source.PHONE);
        UUID fast = submit(24 * 60, 5.0, Source.PHONE);
        UUID bare = UUID.randomUUID();
        ingestion.submit(new SubmitRunCommand(USER, run(bare, 48 * 60, 10, Track.EMPTY, Source.MANUAL)));

        assertThat(efforts.efforts).containsOnlyKeys(slow, fast);
        PersonalRecords held = records.records(new PersonalRecordsQuery(USER));
        assertThat(held.bestEfforts())
                .extracting(e -> e.effort().distance())
                .containsExactly(
                        BestEffortDistance.M400, BestEffortDistance.K1, BestEffortDistance.MILE, BestEffortDistance.K5);
        assertThat(held.bestEfforts()).allSatisfy(e -> assertThat(e.runId()).isEqualTo(fast));
        assertThat(held.bestEfforts().get(1).effort().elapsedMs()).isBetween(199_000L, 201_000L);

        editing.delete(new DeleteRunCommand(USER, fast));
        assertThat(records.records(new PersonalRecordsQuery(USER)).bestEfforts())
                .allSatisfy(e -> assertThat(e.runId()).isEqualTo(slow));
    }

    @Test
    void aRunThatYieldsToAHigherPrioritySourceHoldsNoRecord() {
        UUID phone = submit(0, 5.0, Source.PHONE);
        UUID watch = submit(1, 4.0, Source.GARMIN); // the same activity: the phone's run is flagged

        PersonalRecords held = records.records(new PersonalRecordsQuery(USER));

        assertThat(held.bestEfforts())
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.runId()).isEqualTo(watch));
        assertThat(held.longestRun().orElseThrow().runId()).isEqualTo(watch);
        assertThat(efforts.efforts).containsKey(phone);
    }

    private UUID submit(int startMinute, double speedMps, Source source) {
        UUID id = UUID.randomUUID();
        int seconds = 20 * 60;
        Instant start = DAY.plusSeconds(60L * startMinute);
        Track.Builder track = Track.builder(seconds + 1);
        for (int i = 0; i <= seconds; i++) {
            track.add(start.toEpochMilli() + 1000L * i, 52.5 + speedMps * i / METRES_PER_DEGREE, 13.4);
        }
        ingestion.submit(new SubmitRunCommand(USER, run(id, startMinute, 20, track.build(), source)));
        return id;
    }

    private static NewRun run(UUID id, int startMinute, int minutes, Track track, Source source) {
        Instant start = DAY.plusSeconds(60L * startMinute);
        return ValidRuns.of(
                id,
                new TimeSpan(start, start.plusSeconds(60L * minutes + 1)),
                60L * minutes,
                track.isEmpty() ? 2000 : 1000.0 * minutes / 4,
                source,
                Optional.empty(),
                Optional.empty(),
                track,
                Optional.empty(),
                Optional.empty());
    }
}
