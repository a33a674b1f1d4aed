package org.fitsync.application.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fitsync.application.testing.ValidRuns;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.NewRun;
import org.fitsync.domain.run.OverlapPolicy;
import org.fitsync.domain.run.Source;
import org.fitsync.domain.run.SourcePriority;
import org.fitsync.domain.run.TimeSpan;
import org.fitsync.domain.run.Track;
import org.fitsync.domain.run.TrackSimplifier;
import org.fitsync.ports.in.run.DeleteRunCommand;
import org.fitsync.ports.in.run.SubmitRunCommand;
import org.fitsync.ports.in.run.SubmitRunResult;
import org.junit.jupiter.api.Test;

class RunServicesTest {

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

    @Test
    void aNewIdClaimsTheVersionBeforeItsInsertChecksUnderTheLock() {
        ingestion.submit(new SubmitRunCommand(USER, run(UUID.randomUUID(), 0, 60, Source.PHONE, Optional.empty())));
        assertThat(store.calls).containsExactly("identity", "claim", "insert-if-clear@1");
    }

    @Test
    void anInsertRefusedForAnOverlapFallsBackToTheLockedLookAndThePolicy() {
        ingestion.submit(new SubmitRunCommand(USER, run(UUID.randomUUID(), 0, 60, Source.PHONE, Optional.empty())));
        store.calls.clear();
        ingestion.submit(new SubmitRunCommand(USER, run(UUID.randomUUID(), 30, 60, Source.PHONE, Optional.empty())));
        assertThat(store.calls.subList(0, 5))
                .containsExactly("identity", "claim", "insert-if-clear refused", "identity+overlaps", "insert@2");
    }

    @Test
    void knownIdsAndMissingRunsAreAnsweredWithoutClaimingAVersion() {
        UUID id = UUID.randomUUID();
        NewRun original = run(id, 0, 60, Source.PHONE, Optional.empty());
        ingestion.submit(new SubmitRunCommand(USER, original));
        long version = store.version;
        store.calls.clear();
        assertThat(ingestion.submit(new SubmitRunCommand(USER, original)))
                .isInstanceOf(SubmitRunResult.AlreadyStored.class);
        assertThat(ingestion.submit(new SubmitRunCommand(USER, run(id, 0, 60, Source.PHONE, Optional.of("x")))))
                .isEqualTo(new SubmitRunResult.ContentConflict(id));
        assertThat(editing.delete(new DeleteRunCommand(USER, UUID.randomUUID())))
                .isFalse();
        assertThat(store.calls).doesNotContain("claim");
        assertThat(store.version).isEqualTo(version);
    }

    @Test
    void everyRowTouchedIsStampedWithTheTransactionsVersion() {
        UUID phone = UUID.randomUUID();
        ingestion.submit(new SubmitRunCommand(USER, run(phone, 0, 60, Source.PHONE, Optional.of("legs heavy"))));
        store.calls.clear();
        UUID garmin = UUID.randomUUID();
        SubmitRunResult result =
                ingestion.submit(new SubmitRunCommand(USER, run(garmin, 1, 60, Source.GARMIN, Optional.empty())));

        assertThat(store.calls.subList(0, 2)).containsExactly("identity", "claim");
        assertThat(store.calls)
                .filteredOn(c -> c.contains("@"))
                .containsExactlyInAnyOrder("insert@2", "revise@2", "revise@2");
        assertThat(result).isInstanceOf(SubmitRunResult.Created.class);
        var created = ((SubmitRunResult.Created) result).run();
        assertThat(created.overlapping()).isFalse();
        assertThat(created.notes()).contains("legs heavy");
        assertThat(store.rows.get(phone).overlapping()).isTrue();
        assertThat(store.rows.get(phone).version()).isEqualTo(2);
    }

    @Test
    void idempotencyDecisions() {
        UUID id = UUID.randomUUID();
        NewRun original = run(id, 0, 60, Source.PHONE, Optional.empty());
        assertThat(ingestion.submit(new SubmitRunCommand(USER, original))).isInstanceOf(SubmitRunResult.Created.class);
        assertThat(ingestion.submit(new SubmitRunCommand(USER, original)))
                .isInstanceOf(SubmitRunResult.AlreadyStored.class);
        assertThat(ingestion.submit(new SubmitRunCommand(USER, run(id, 0, 60, Source.PHONE, Optional.of("x")))))
                .isEqualTo(new SubmitRunResult.ContentConflict(id));
        editing.delete(new DeleteRunCommand(USER, id));
        assertThat(ingestion.submit(new SubmitRunCommand(USER, original)))
                .isEqualTo(new SubmitRunResult.DeletedBefore(id));
        assertThat(store.rows).hasSize(1);
    }

    @Test
    void oneLiveRunPerStravaActivity() {
        NewRun first = stravaRun(UUID.randomUUID(), "123");
        assertThat(ingestion.submit(new SubmitRunCommand(USER, first))).isInstanceOf(SubmitRunResult.Created.class);
        assertThat(ingestion.submit(new SubmitRunCommand(USER, stravaRun(UUID.randomUUID(), "123"))))
                .isEqualTo(new SubmitRunResult.StravaIdTaken("123", first.id()));
        assertThat(editing.findByStravaId(USER, "123")).map(r -> r.id()).contains(first.id());
    }

    @Test
    void deletingStravaRunsClearsTheFlagsTheyCaused() {
        UUID phone = UUID.randomUUID();
        ingestion.submit(new SubmitRunCommand(USER, stravaRun(UUID.randomUUID(), "9")));
        ingestion.submit(new SubmitRunCommand(USER, run(phone, 0, 60, Source.PHONE, Optional.empty())));
        assertThat(store.rows.get(phone).overlapping()).isTrue();

        assertThat(editing.deleteStravaRuns(USER)).isEqualTo(1);
        assertThat(store.rows.get(phone).overlapping()).isFalse();
        assertThat(store.rows.get(phone).overlaps()).isEmpty();
        assertThat(store.rows.get(phone).version()).isEqualTo(store.version);
    }

    private static NewRun stravaRun(UUID id, String stravaId) {
        return ValidRuns.of(
                id,
                new TimeSpan(START, START.plusSeconds(3600)),
                3500,
                10_000,
                Source.STRAVA,
                Optional.empty(),
                Optional.empty(),
                Track.EMPTY,
                Optional.of(stravaId),
                Optional.of("{\"temp_c\":7}"));
    }

    private static NewRun run(UUID id, int startMinute, int endMinute, Source source, Optional<String> notes) {
        return ValidRuns.of(
                id,
                new TimeSpan(START.plusSeconds(60L * startMinute), START.plusSeconds(60L * endMinute)),
                60,
                100,
                source,
                notes,
                Optional.empty(),
                new Track(List.of()),
                Optional.empty(),
                Optional.empty());
    }
}
