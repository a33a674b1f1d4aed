package org.fitsync.application.files;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.fitsync.application.run.RunPlaces;
import org.fitsync.domain.files.ActivityFile;
import org.fitsync.domain.files.ActivityRecording;
import org.fitsync.domain.files.BlobKey;
import org.fitsync.domain.files.FileError;
import org.fitsync.domain.files.FileFormat;
import org.fitsync.domain.files.FileReading;
import org.fitsync.domain.files.ProcessingOutcome;
import org.fitsync.domain.files.RecordedSample;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.files.ClaimFilePort;
import org.fitsync.ports.out.files.LoadFilePort;
import org.fitsync.ports.out.files.OpenBlobPort;
import org.fitsync.ports.out.files.ReadActivityFilePort;
import org.fitsync.ports.out.files.StoreFileRunPort;
import org.fitsync.ports.out.files.StoreFileRunPort.RunStore;

/**
 * Processes files: claims one in {@code processing} under a lease (any node, ADR 0025), reads its
 * bytes, and records the outcome. The run and the outcome commit in one transaction guarded by the
 * lease, and the run's id is derived from the user and the bytes' SHA-256, so a node dying halfway or
 * two nodes processing one file after a lapsed lease never store a run twice.
 */
public final class FileProcessor {

    /** {@code node} names this node's leases; {@code lease} is how long a silent node keeps a file. */
    public record Settings(String node, Duration lease) {
        public Settings {
            if (node.isBlank() || lease.toMillis() < 300) {
                throw new IllegalArgumentException("invalid file processor settings");
            }
        }
    }

    private final Settings settings;
    private final TransactionPort transactions;
    private final ClaimFilePort claims;
    private final LoadFilePort files;
    private final OpenBlobPort blobs;
    private final ReadActivityFilePort reader;
    private final StoreFileRunPort runs;
    private final RunPlaces places;

    public FileProcessor(
            Settings settings,
            TransactionPort transactions,
            ClaimFilePort claims,
            LoadFilePort files,
            OpenBlobPort blobs,
            ReadActivityFilePort reader,
            StoreFileRunPort runs,
            RunPlaces places) {
        this.settings = settings;
        this.transactions = transactions;
        this.claims = claims;
        this.files = files;
        this.blobs = blobs;
        this.reader = reader;
        this.runs = runs;
        this.places = places;
    }

    /** Claims and processes one file; false if none was waiting. */
    public boolean runOnce() {
        Optional<ActivityFile> claimed = claims.claimNext(settings.node(), settings.lease());
        if (claimed.isEmpty()) {
            return false;
        }
        ActivityFile file = claimed.get();
        FileReading reading = read(file);
        ProcessingOutcome outcome = transactions.inUserTransaction(file.user(), () -> {
            ProcessingOutcome decided = outcomeOf(file, reading);
            if (!claims.finish(file, settings.node(), decided)) {
                throw new LeaseLost();
            }
            return decided;
        });
        if (outcome instanceof ProcessingOutcome.Imported imported && reading instanceof FileReading.Read read) {
            read.recording().samples().stream()
                    .filter(RecordedSample::hasPosition)
                    .findFirst()
                    .ifPresent(start -> places.locate(
                            file.user(),
                            imported.runId(),
                            start.lat().getAsDouble(),
                            start.lon().getAsDouble()));
        }
        return true;
    }

    /** What processing {@code file} comes to; called inside the transaction that records it. */
    private ProcessingOutcome outcomeOf(ActivityFile file, FileReading reading) {
        if (reading instanceof FileReading.Unreadable unreadable) {
            return new ProcessingOutcome.Failed(new FileError(unreadable.type(), unreadable.detail()));
        }
        ActivityRecording recording = ((FileReading.Read) reading).recording();
        if (!recording.kind().run()) {
            return new ProcessingOutcome.Skipped(
                    "not a run: " + recording.kind().sport());
        }
        Optional<UUID> earlier = files.runOfSameBytes(file.user(), file.sha256(), file.id());
        if (earlier.isPresent()) {
            return new ProcessingOutcome.Duplicate(earlier.get());
        }
        UUID runId = RecordedRunDrafts.runId(file.user(), file.sha256());
        RunStore stored = runs.store(file.user(), RecordedRunDrafts.draft(runId, recording));
        if (stored instanceof RunStore.Stored s) {
            return new ProcessingOutcome.Imported(s.runId());
        }
        if (stored instanceof RunStore.AlreadyStored s) {
            // Another upload of these bytes stored it first (concurrently: the look-up above missed it).
            return new ProcessingOutcome.Duplicate(s.runId());
        }
        if (stored instanceof RunStore.Deleted d) {
            return new ProcessingOutcome.Skipped("the run made of this file (" + d.runId() + ") was deleted");
        }
        return new ProcessingOutcome.Failed(new FileError("invalid_run", ((RunStore.Rejected) stored).detail()));
    }

    private FileReading read(ActivityFile file) {
        if (file.format() == FileFormat.ZIP) {
            return new FileReading.Unreadable(
                    "unsupported",
                    "A ZIP archive is not read on its own: start an import (POST /api/v1/imports) with this file");
        }
        try {
            Optional<InputStream> opened = blobs.open(new BlobKey(file.user(), file.id()));
            if (opened.isEmpty()) {
                return new FileReading.Unreadable("missing", "The file's bytes are not in the store");
            }
            try (InputStream bytes = opened.get()) {
                return reader.read(bytes, file.format());
            }
        } catch (IOException e) {
            // The store failed, not the file: the lease lapses and another attempt reads it again.
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The file is no longer ours (another node took it after our lease lapsed): roll back. */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super("file processing lease lost", null, false, false);
        }
    }
}
