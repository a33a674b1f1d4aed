package org.fitsync.application.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.fitsync.application.imports.archive.ArchiveProviders;
import org.fitsync.application.run.RunPlaces;
import org.fitsync.application.testing.MovableClock;
import org.fitsync.domain.UserId;
import org.fitsync.domain.files.ActivityFile;
import org.fitsync.domain.files.ActivityKind;
import org.fitsync.domain.files.ActivityRecording;
import org.fitsync.domain.files.FileFormat;
import org.fitsync.domain.files.FileId;
import org.fitsync.domain.files.FileReading;
import org.fitsync.domain.files.FileState;
import org.fitsync.domain.files.RecordedSample;
import org.fitsync.domain.files.Sha256;
import org.fitsync.domain.imports.ArchiveActivity;
import org.fitsync.domain.imports.ImportId;
import org.fitsync.domain.imports.ImportJob;
import org.fitsync.domain.imports.ImportProgress;
import org.fitsync.domain.imports.ImportState;
import org.fitsync.domain.imports.ImportedRun;
import org.fitsync.domain.run.Place;
import org.fitsync.ports.out.files.LoadFilePort;
import org.fitsync.ports.out.imports.ImportJobStore;
import org.fitsync.ports.out.imports.ImportMetrics;
import org.fitsync.ports.out.imports.ReadActivityArchivePort;
import org.fitsync.ports.out.imports.ReadActivityArchivePort.EntryReading;
import org.fitsync.ports.out.imports.WeatherLookup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Strava archive import through the import runner, over an archive and files in memory. */
class StravaArchiveImportTest {

    private static final UserId ALICE = new UserId("alice");
    private static final Instant NOW = Instant.parse("2026-11-21T07:00:00Z");
    private static final Instant DAY1 = Instant.parse("2026-11-01T07:00:12Z");
    private static final FileId ZIP = new FileId(UUID.fromString("00000000-0000-0000-0000-000000000001"));

    private final MovableClock clock = new MovableClock(NOW);
    private final InMemoryImports store = new InMemoryImports(clock);
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService fetches = Executors.newFixedThreadPool(2);
    private final List<ArchiveActivity> rows = new ArrayList<>();
    private final Map<String, EntryReading> entries = new HashMap<>();
    private final Map<FileId, ActivityFile> files = new HashMap<>();
    private ReadActivityArchivePort.Opening opening;
    private boolean closed;

    private final ReadActivityArchivePort archives = zip -> opening != null
            ? opening
            : new ReadActivityArchivePort.Opening.Opened(new ReadActivityArchivePort.ActivityArchive() {
                @Override
                public List<ArchiveActivity> activities() {
                    return List.copyOf(rows);
                }

                @Override
                public EntryReading read(String filename) {
                    return entries.getOrDefault(filename, new EntryReading.Missing());
                }

                @Override
                public void close() {
                    closed = true;
                }
            });

    private final LoadFilePort loadFiles = new LoadFilePort() {
        @Override
        public Optional<ActivityFile> load(UserId user, FileId id) {
            return Optional.ofNullable(files.get(id)).filter(f -> f.user().equals(user));
        }

        @Override
        public Optional<UUID> runOfSameBytes(UserId user, Sha256 sha256, FileId other) {
            return Optional.empty();
        }
    };

    /** The places recorded, by run id. */
    private final Map<UUID, Place> places = new java.util.concurrent.ConcurrentHashMap<>();

    private final ImportRunner runner = new ImportRunner(
            new ImportRunner.Settings("node-a", Duration.ofMinutes(5), 2, 3, 2),
            store,
            store,
            new ArchiveProviders(
                    store,
                    loadFiles,
                    key -> Optional.<InputStream>of(new ByteArrayInputStream(new byte[] {1})),
                    archives,
                    clock),
            store,
            WeatherLookup.OFF,
            new RunPlaces(
                    (lat, lon) ->
                            Optional.of(new Place(Optional.of("Berlin"), Optional.empty(), Optional.of("Germany"))),
                    (user, run, place) -> places.put(run, place),
                    store,
                    Runnable::run),
            store,
            heartbeats,
            fetches,
            JobContext.NONE,
            ImportMetrics.NONE,
            clock);

    @AfterEach
    void stop() {
        heartbeats.shutdownNow();
        fetches.shutdownNow();
    }

    private ImportJob queueArchive() {
        files.put(
                ZIP,
                new ActivityFile(
                        ALICE,
                        ZIP,
                        "export.zip",
                        1,
                        new Sha256("0".repeat(64)),
                        FileFormat.ZIP,
                        Optional.empty(),
                        FileState.FAILED,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        NOW));
        ImportJob job = ImportJob.queuedFromFile(ImportId.random(), ALICE, "strava_archive", ZIP, NOW);
        return ((ImportJobStore.Created.Queued) store.create(job)).job();
    }

    private static ArchiveActivity row(String id, Instant start, String type, Optional<String> filename) {
        return new ArchiveActivity(
                id,
                Optional.ofNullable(start),
                "Name " + id,
                Optional.of("Description of " + id),
                type,
                1800,
                OptionalLong.of(1700),
                OptionalDouble.of(5000),
                filename);
    }

    /** A 10-minute recording with heart rate, starting 3 s off the csv's (second-precision) date. */
    private static FileReading recording(Instant csvStart) {
        Instant start = csvStart.plusSeconds(3);
        List<RecordedSample> samples = new ArrayList<>();
        for (int i = 0; i <= 600; i += 60) {
            samples.add(new RecordedSample(
                    start.toEpochMilli() + i * 1000L,
                    OptionalDouble.of(52.5 + i * 1e-5),
                    OptionalDouble.of(13.4),
                    OptionalDouble.empty(),
                    OptionalDouble.of(140),
                    OptionalDouble.empty(),
                    OptionalDouble.empty(),
                    OptionalDouble.empty(),
                    OptionalDouble.empty()));
        }
        return new FileReading.Read(new ActivityRecording(
                ActivityKind.running("running"),
                Optional.of("garmin"),
                Optional.of("from the watch"),
                start,
                600,
                OptionalDouble.of(2000),
                samples));
    }

    @Test
    void importsTheRunsOfTheCsvNewestFirstWithTheFilesSamplesAndSkipsTheRest() {
        rows.add(row("101", DAY1, "Run", Optional.of("activities/101.fit.gz")));
        rows.add(row("102", DAY1.plus(Duration.ofDays(1)), "Ride", Optional.of("activities/102.fit")));
        rows.add(row("103", DAY1.plus(Duration.ofDays(2)), "Trail Run", Optional.of("activities/103.gpx")));
        rows.add(row("104", DAY1.plus(Duration.ofDays(3)), "Run", Optional.empty()));
        rows.add(row("105", DAY1.plus(Duration.ofDays(4)), "Virtual Run", Optional.of("activities/gone.tcx")));
        rows.add(row("106", DAY1.plus(Duration.ofDays(5)), "Run", Optional.of("activities/106.fit")));
        rows.add(row("107", null, "Run", Optional.empty()));
        entries.put("activities/101.fit.gz", new EntryReading.Read(recording(DAY1)));
        entries.put("activities/103.gpx", new EntryReading.Read(recording(DAY1.plus(Duration.ofDays(2)))));
        entries.put("activities/106.fit", new EntryReading.Read(new FileReading.Unreadable("corrupt", "bad CRC")));
        ImportJob job = queueArchive();

        assertThat(runner.runOnce()).isTrue();

        ImportJob done = store.job(job.id());
        assertThat(done.state()).isEqualTo(ImportState.COMPLETED);
        // 101, 103, 104 (csv facts only), 105 (file missing: csv facts) imported; 102 a ride; 106 unreadable
        // and 107 without a date failed.
        assertThat(done.progress()).isEqualTo(new ImportProgress(7, 4, 0, 1, 2, java.util.OptionalInt.of(7)));
        assertThat(store.runs(ALICE)).containsExactlyInAnyOrder("101", "103", "104", "105");
        assertThat(closed).isTrue();

        Map<String, ImportedRun> runs = store.storedRuns();
        ImportedRun fromFile = runs.get("101");
        assertThat(fromFile.startedAt()).isEqualTo(DAY1.plusSeconds(3)); // the file's start wins
        assertThat(fromFile.endedAt()).isEqualTo(DAY1.plusSeconds(603));
        assertThat(fromFile.distanceM()).isEqualTo(2000);
        assertThat(fromFile.name()).isEqualTo("Name 101"); // Strava's name, not the device's
        assertThat(fromFile.description()).contains("Description of 101");
        assertThat(fromFile.track()).hasSize(11);
        assertThat(fromFile.samples()).isPresent();
        assertThat(fromFile.samples().get().times().orElseThrow()).hasSize(11);
        assertThat(runs.get("103").sportType()).isEqualTo("TrailRun");

        ImportedRun csvOnly = runs.get("104");
        assertThat(csvOnly.startedAt()).isEqualTo(DAY1.plus(Duration.ofDays(3)));
        assertThat(csvOnly.endedAt()).isEqualTo(DAY1.plus(Duration.ofDays(3)).plusSeconds(1800));
        assertThat(csvOnly.durationS()).isEqualTo(1700);
        assertThat(csvOnly.distanceM()).isEqualTo(5000);
        assertThat(csvOnly.track()).isEmpty();
        assertThat(csvOnly.samples()).isEmpty();
        assertThat(runs.get("105").sportType()).isEqualTo("VirtualRun");

        // Only the runs with a track (101 and 103, from their files) have a start to look up.
        assertThat(places).hasSize(2);
        assertThat(places.values()).allSatisfy(place -> assertThat(place.city()).contains("Berlin"));
    }

    @Test
    void aPageNeverEndsBetweenActivitiesOfTheSameStartAndARepeatedIdIsOneActivity() {
        for (int i = 1; i <= 5; i++) {
            rows.add(row("s" + i, DAY1, "Run", Optional.empty()));
        }
        rows.add(row("s1", DAY1.minusSeconds(60), "Run", Optional.empty()));
        rows.add(row("older", DAY1.minus(Duration.ofDays(1)), "Run", Optional.empty()));
        ImportJob job = queueArchive();

        runner.runOnce();

        assertThat(store.job(job.id()).state()).isEqualTo(ImportState.COMPLETED);
        assertThat(store.runs(ALICE)).containsExactlyInAnyOrder("s1", "s2", "s3", "s4", "s5", "older");
        assertThat(store.storedRuns().get("s1").startedAt()).isEqualTo(DAY1);
    }

    @Test
    void runsAlreadyStoredForTheSameActivityIdAreDuplicates() {
        rows.add(row("201", DAY1, "Run", Optional.empty()));
        rows.add(row("202", DAY1.plusSeconds(3600), "Run", Optional.empty()));
        store.store(
                ALICE,
                new ImportedRun("201", DAY1, DAY1.plusSeconds(60), 60, 100, "api", "Run", List.of(), Optional.empty()));
        ImportJob job = queueArchive();

        runner.runOnce();

        ImportProgress progress = store.job(job.id()).progress();
        assertThat(progress.imported()).isEqualTo(1);
        assertThat(progress.skippedDuplicate()).isEqualTo(1);
    }

    @Test
    void anEntryThatBreaksTheLimitsWhileReadFailsTheJob() {
        rows.add(row("301", DAY1, "Run", Optional.of("activities/301.fit")));
        entries.put("activities/301.fit", new EntryReading.Unsafe("activities/301.fit inflates past its size"));
        ImportJob job = queueArchive();

        runner.runOnce();

        ImportJob failed = store.job(job.id());
        assertThat(failed.state()).isEqualTo(ImportState.FAILED);
        assertThat(failed.error().orElseThrow().type()).isEqualTo("archive_unsafe");
        assertThat(store.runs(ALICE)).isEmpty();
        assertThat(closed).isTrue();
    }

    @Test
    void anArchiveTheReaderRefusesFailsTheJobWithItsType() {
        opening = new ReadActivityArchivePort.Opening.Refused("archive_unsafe", "more than 50000 entries");
        ImportJob job = queueArchive();

        runner.runOnce();

        ImportJob failed = store.job(job.id());
        assertThat(failed.state()).isEqualTo(ImportState.FAILED);
        assertThat(failed.error().orElseThrow().type()).isEqualTo("archive_unsafe");
        assertThat(failed.error().orElseThrow().detail()).isEqualTo("more than 50000 entries");
    }

    @Test
    void anArchiveFileRemovedSinceTheStartFailsTheJobAsNotFound() {
        ImportJob job = queueArchive();
        files.clear();

        runner.runOnce();

        assertThat(store.job(job.id()).state()).isEqualTo(ImportState.FAILED);
        assertThat(store.job(job.id()).error().orElseThrow().type()).isEqualTo("not_found");
    }
}
