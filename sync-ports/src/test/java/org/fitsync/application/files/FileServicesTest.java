package org.fitsync.application.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;
import org.fitsync.application.run.RunPlaces;
import org.fitsync.application.testing.MovableClock;
import org.fitsync.domain.UserId;
import org.fitsync.domain.files.ActivityFile;
import org.fitsync.domain.files.ActivityKind;
import org.fitsync.domain.files.ActivityRecording;
import org.fitsync.domain.files.BlobKey;
import org.fitsync.domain.files.FileError;
import org.fitsync.domain.files.FileId;
import org.fitsync.domain.files.FileReading;
import org.fitsync.domain.files.FileState;
import org.fitsync.domain.files.RecordedSample;
import org.fitsync.domain.run.RunDraft;
import org.fitsync.domain.run.RunValidation;
import org.fitsync.domain.run.Source;
import org.fitsync.domain.run.ValidationResult;
import org.fitsync.ports.in.files.CompleteFileUploadCommand;
import org.fitsync.ports.in.files.CompleteFileUploadUseCase.CompleteOutcome;
import org.fitsync.ports.in.files.DeclareFileCommand;
import org.fitsync.ports.in.files.DeclareFileUseCase.DeclareOutcome;
import org.fitsync.ports.in.files.UploadFileContentCommand;
import org.fitsync.ports.in.files.UploadFileContentUseCase.UploadOutcome;
import org.fitsync.ports.in.files.UploadFileDirectlyCommand;
import org.fitsync.ports.in.files.UploadFileDirectlyUseCase.DirectOutcome;
import org.fitsync.ports.out.files.StoreFileRunPort;
import org.fitsync.ports.out.place.LookupPlacePort;
import org.junit.jupiter.api.Test;

/** The files services over in-memory ports, a scripted reader and a clock the test moves. */
class FileServicesTest {

    private static final UserId ALICE = new UserId("alice");
    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

    private final MovableClock clock = new MovableClock(T0);
    private final InMemoryFiles store = new InMemoryFiles(clock);
    private final ScriptedReader reader = new ScriptedReader();
    private final RecordingRuns runs = new RecordingRuns();
    private final FileService files = new FileService(
            new FileService.Settings(1024, 4096, Duration.ofMinutes(15)),
            store,
            new FileService.Records(store, store, store),
            new FileService.Blobs(store, store, store, store, store, Optional.of(store)),
            clock);
    private final FileProcessor processor = new FileProcessor(
            new FileProcessor.Settings("node-a", Duration.ofSeconds(30)),
            store,
            store,
            store,
            store,
            reader,
            runs,
            new RunPlaces(LookupPlacePort.OFF, (user, run, place) -> {}, store, Runnable::run));
    private final UnfinishedUploadSweep sweep =
            new UnfinishedUploadSweep(Duration.ofHours(24), store, store, store, clock);

    /** A StoreFileRunPort that applies the run rules and remembers ids, as the runs feature would. */
    static final class RecordingRuns implements StoreFileRunPort {
        final Set<UUID> stored = new HashSet<>();
        final Set<UUID> deleted = new HashSet<>();
        RunDraft last;

        @Override
        public synchronized RunStore store(UserId user, RunDraft draft) {
            last = draft;
            if (RunValidation.validate(draft) instanceof ValidationResult.Invalid invalid) {
                return new RunStore.Rejected(invalid.errors().get(0).field());
            }
            UUID id = UUID.fromString(draft.id().orElseThrow());
            if (deleted.contains(id)) {
                return new RunStore.Deleted(id);
            }
            return stored.add(id) ? new RunStore.Stored(id) : new RunStore.AlreadyStored(id);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private DeclareOutcome declare(FileId id, String filename, String content) {
        byte[] b = bytes(content);
        return files.declare(
                new DeclareFileCommand(ALICE, id, filename, b.length, InMemoryFiles.sha256(b), Optional.empty()));
    }

    private UploadOutcome put(FileId id, String content, Instant expires, String signature) {
        return files.upload(
                new UploadFileContentCommand(ALICE, id, expires, signature, new ByteArrayInputStream(bytes(content))));
    }

    private UploadOutcome putSigned(FileId id, String content) {
        Instant expires = T0.plus(Duration.ofMinutes(15));
        return put(id, content, expires, InMemoryFiles.signature(new BlobKey(ALICE, id), expires));
    }

    private static ActivityRecording run(String sport, boolean isRun) {
        long t = T0.minus(Duration.ofHours(2)).toEpochMilli();
        List<RecordedSample> samples = List.of(
                sample(t, 52.5200, 13.4050),
                sample(t + 60_000, 52.5210, 13.4060),
                sample(t + 120_000, 52.5220, 13.4070));
        return new ActivityRecording(
                new ActivityKind(sport, isRun),
                Optional.of("Garmin"),
                Optional.of("Morning run"),
                Instant.ofEpochMilli(t),
                120,
                OptionalDouble.empty(),
                samples);
    }

    private static RecordedSample sample(long t, double lat, double lon) {
        OptionalDouble none = OptionalDouble.empty();
        return new RecordedSample(
                t, OptionalDouble.of(lat), OptionalDouble.of(lon), OptionalDouble.of(34), none, none, none, none, none);
    }

    private ActivityFile file(FileId id) {
        return store.load(ALICE, id).orElseThrow();
    }

    @Test
    void declaringIsIdempotentByIdAndRefusesOtherContentAndOversizedFiles() {
        FileId id = FileId.random();
        assertThat(declare(id, "run.fit", "bytes")).isInstanceOf(DeclareOutcome.Created.class);
        DeclareOutcome again = declare(id, "run.fit", "bytes");
        assertThat(again)
                .isInstanceOfSatisfying(
                        DeclareOutcome.Existing.class,
                        e -> assertThat(e.upload()).isPresent());
        assertThat(declare(id, "run.fit", "other bytes")).isInstanceOf(DeclareOutcome.ContentConflict.class);
        assertThat(files.declare(new DeclareFileCommand(
                        ALICE, FileId.random(), "big.gpx", 1025, InMemoryFiles.sha256(bytes("x")), Optional.empty())))
                .isEqualTo(new DeclareOutcome.TooLarge(1024));
        // An archive (a whole Strava export) has its own, larger limit.
        assertThat(files.declare(new DeclareFileCommand(
                        ALICE,
                        FileId.random(),
                        "export.zip",
                        4096,
                        InMemoryFiles.sha256(bytes("x")),
                        Optional.empty())))
                .isInstanceOf(DeclareOutcome.Created.class);
        assertThat(files.declare(new DeclareFileCommand(
                        ALICE,
                        FileId.random(),
                        "export.zip",
                        4097,
                        InMemoryFiles.sha256(bytes("x")),
                        Optional.empty())))
                .isEqualTo(new DeclareOutcome.TooLarge(4096));
    }

    @Test
    void commandsRefuseNamesWithoutAFormatAndBadHashes() {
        assertThat(DeclareFileCommand.check("notes.txt", 10, "abc", Optional.empty()))
                .extracting(e -> e.field())
                .containsExactly("filename", "sha256");
        assertThat(DeclareFileCommand.check("Run.GPX.gz", 10, "a".repeat(64), Optional.of("application/gzip")))
                .isEmpty();
    }

    @Test
    void uploadsAreCheckedForSignatureExpiryAndContent() {
        FileId id = FileId.random();
        declare(id, "run.fit", "the bytes");
        Instant expires = T0.plus(Duration.ofMinutes(15));
        assertThat(put(id, "the bytes", expires, "sig:mallory:" + id + ":" + expires.getEpochSecond()))
                .isInstanceOf(UploadOutcome.Forbidden.class);
        assertThat(putSigned(id, "the bytez")).isInstanceOf(UploadOutcome.Mismatch.class);
        assertThat(putSigned(id, "the bytes and more")).isInstanceOf(UploadOutcome.Mismatch.class);
        assertThat(store.blobs).isEmpty();
        assertThat(file(id).state()).isEqualTo(FileState.AWAITING_UPLOAD);

        assertThat(putSigned(id, "the bytes")).isInstanceOf(UploadOutcome.Stored.class);
        assertThat(file(id).state()).isEqualTo(FileState.PROCESSING);
        assertThat(putSigned(id, "the bytes")).isInstanceOf(UploadOutcome.AlreadyStored.class);
        assertThat(files.complete(new CompleteFileUploadCommand(ALICE, id)))
                .isInstanceOf(CompleteOutcome.Accepted.class);

        clock.advance(Duration.ofMinutes(16));
        FileId late = FileId.random();
        declare(late, "late.gpx", "late");
        Instant past = T0.plus(Duration.ofMinutes(15));
        assertThat(put(late, "late", past, InMemoryFiles.signature(new BlobKey(ALICE, late), past)))
                .isInstanceOf(UploadOutcome.Forbidden.class);
    }

    @Test
    void completingAnObjectStoreUploadVerifiesWhatTheStoreHolds() {
        FileId id = FileId.random();
        declare(id, "run.tcx", "tcx bytes");
        assertThat(files.complete(new CompleteFileUploadCommand(ALICE, id)))
                .isInstanceOf(CompleteOutcome.NotUploaded.class);
        store.putBlob(new BlobKey(ALICE, id), bytes("tampered!"));
        assertThat(files.complete(new CompleteFileUploadCommand(ALICE, id)))
                .isInstanceOf(CompleteOutcome.Mismatch.class);
        assertThat(store.blobs).isEmpty();
        store.putBlob(new BlobKey(ALICE, id), bytes("tcx bytes"));
        assertThat(files.complete(new CompleteFileUploadCommand(ALICE, id)))
                .isInstanceOfSatisfying(
                        CompleteOutcome.Accepted.class,
                        a -> assertThat(a.file().state()).isEqualTo(FileState.PROCESSING));
    }

    @Test
    void processingMapsEachReadingToItsState() {
        reader.answer("run", new FileReading.Read(run("running", true)));
        reader.answer("ride", new FileReading.Read(run("cycling", false)));
        reader.answer("broken", new FileReading.Unreadable("truncated", "the file ends early"));
        FileId runFile = direct("a.fit", "run");
        FileId rideFile = direct("b.fit", "ride");
        FileId brokenFile = direct("c.gpx", "broken");
        FileId zip = direct("export.zip", "zip");
        FileId again = direct("copy.fit", "run");
        while (processor.runOnce()) {}

        UUID runId = file(runFile).runId().orElseThrow();
        assertThat(file(runFile).state()).isEqualTo(FileState.IMPORTED);
        assertThat(runId).isEqualTo(RecordedRunDrafts.runId(ALICE, InMemoryFiles.sha256(bytes("run"))));
        assertThat(file(again).state()).isEqualTo(FileState.DUPLICATE);
        assertThat(file(again).runId()).contains(runId);
        assertThat(runs.stored).containsExactly(runId);
        assertThat(file(rideFile).state()).isEqualTo(FileState.SKIPPED);
        assertThat(file(rideFile).reason()).contains("not a run: cycling");
        assertThat(file(brokenFile).error()).contains(new FileError("truncated", "the file ends early"));
        assertThat(file(zip).state()).isEqualTo(FileState.FAILED);
        assertThat(file(zip).error().orElseThrow().type()).isEqualTo("unsupported");
    }

    @Test
    void aRunIsMappedFromTheRecording() {
        RunDraft draft = RecordedRunDrafts.draft(UUID.randomUUID(), run("running", true));
        assertThat(draft.source()).contains(Source.GARMIN.wireName());
        assertThat(draft.track().orElseThrow().size()).isEqualTo(3);
        // No distance stated: the track's length, about 2 × 131 m.
        assertThat(draft.distanceM().orElseThrow()).isBetween(250.0, 275.0);
        assertThat(draft.metadataJson()).contains("{\"name\":\"Morning run\",\"sport\":\"running\"}");
        assertThat(RunValidation.validate(draft)).isInstanceOf(ValidationResult.Valid.class);
        assertThat(FileRunSources.sourceOf(Optional.of("wahoo"))).isEqualTo(Source.WAHOO);
        assertThat(FileRunSources.sourceOf(Optional.of("bryton"))).isEqualTo(FileRunSources.UNKNOWN_MAKER);
        assertThat(FileRunSources.sourceOf(Optional.empty())).isEqualTo(Source.PHONE);
    }

    @Test
    void aFileWhoseLeaseLapsedIsProcessedOnceByTheNodeThatHoldsIt() {
        reader.answer("run", new FileReading.Read(run("running", true)));
        FileId id = direct("a.fit", "run");
        FileProcessor other = new FileProcessor(
                new FileProcessor.Settings("node-b", Duration.ofSeconds(30)),
                store,
                store,
                store,
                store,
                reader,
                runs,
                new RunPlaces(LookupPlacePort.OFF, (user, run, place) -> {}, store, Runnable::run));
        assertThat(store.claimNext("node-a", Duration.ofSeconds(30))).isPresent(); // node-a claims, then dies
        assertThat(other.runOnce()).isFalse();
        clock.advance(Duration.ofSeconds(31));
        assertThat(other.runOnce()).isTrue();
        assertThat(file(id).state()).isEqualTo(FileState.IMPORTED);
        assertThat(runs.stored).hasSize(1);
    }

    @Test
    void uploadsNeverCompletedWithinADayAreSwept() {
        FileId stale = FileId.random();
        declare(stale, "run.fit", "never sent");
        store.putBlob(new BlobKey(ALICE, stale), bytes("partial")); // e.g. an object store's orphan
        FileId done = FileId.random();
        declare(done, "done.fit", "sent");
        putSigned(done, "sent");
        clock.advance(Duration.ofHours(23));
        assertThat(sweep.sweepOnce()).isZero();
        clock.advance(Duration.ofHours(2));
        assertThat(sweep.sweepOnce()).isEqualTo(1);
        assertThat(store.load(ALICE, stale)).isEmpty();
        assertThat(store.blobs).containsOnlyKeys(new BlobKey(ALICE, done));
        assertThat(file(done).state()).isEqualTo(FileState.PROCESSING);
    }

    private FileId direct(String filename, String content) {
        DirectOutcome outcome = files.upload(
                new UploadFileDirectlyCommand(ALICE, filename, new ByteArrayInputStream(bytes(content)), 1 << 20));
        return ((DirectOutcome.Stored) outcome).file().id();
    }
}
