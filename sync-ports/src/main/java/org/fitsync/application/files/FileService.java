package org.fitsync.application.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.fitsync.domain.UserId;
import org.fitsync.domain.files.ActivityFile;
import org.fitsync.domain.files.BlobFacts;
import org.fitsync.domain.files.BlobKey;
import org.fitsync.domain.files.FileFormat;
import org.fitsync.domain.files.FileId;
import org.fitsync.domain.files.FileState;
import org.fitsync.domain.files.UploadTarget;
import org.fitsync.ports.in.files.CompleteFileUploadCommand;
import org.fitsync.ports.in.files.CompleteFileUploadUseCase;
import org.fitsync.ports.in.files.DeclareFileCommand;
import org.fitsync.ports.in.files.DeclareFileUseCase;
import org.fitsync.ports.in.files.GetFileQuery;
import org.fitsync.ports.in.files.GetFileUseCase;
import org.fitsync.ports.in.files.ReadFileContentQuery;
import org.fitsync.ports.in.files.ReadFileContentUseCase;
import org.fitsync.ports.in.files.UploadFileContentCommand;
import org.fitsync.ports.in.files.UploadFileContentUseCase;
import org.fitsync.ports.in.files.UploadFileDirectlyCommand;
import org.fitsync.ports.in.files.UploadFileDirectlyUseCase;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.files.DeclareFilePort;
import org.fitsync.ports.out.files.DeleteBlobPort;
import org.fitsync.ports.out.files.InspectBlobPort;
import org.fitsync.ports.out.files.IssueUploadTargetPort;
import org.fitsync.ports.out.files.LoadFilePort;
import org.fitsync.ports.out.files.MarkFileUploadedPort;
import org.fitsync.ports.out.files.OpenBlobPort;
import org.fitsync.ports.out.files.StoreBlobPort;
import org.fitsync.ports.out.files.StoreBlobPort.BlobWrite;
import org.fitsync.ports.out.files.VerifyUploadGrantPort;

/**
 * The files resource: declaring a file, receiving and verifying its bytes, completing an upload, and
 * reading a file back. Bytes go to the blob store before the row says they are there, so a row in
 * {@code processing} always has verified bytes behind it; a crash in between leaves bytes without a
 * row change, which the next upload or completion of the same file simply finds.
 */
public final class FileService
        implements DeclareFileUseCase,
                UploadFileContentUseCase,
                CompleteFileUploadUseCase,
                GetFileUseCase,
                ReadFileContentUseCase,
                UploadFileDirectlyUseCase {

    /**
     * {@code maxBytes}: the largest activity file taken; {@code maxArchiveBytes}: the largest archive (a
     * whole Strava export runs to gigabytes, one activity rarely past a few megabytes); {@code uploadTtl}:
     * how long an upload URL stays valid.
     */
    public record Settings(long maxBytes, long maxArchiveBytes, Duration uploadTtl) {
        public Settings {
            if (maxBytes < 1 || maxArchiveBytes < 1 || uploadTtl.isNegative() || uploadTtl.isZero()) {
                throw new IllegalArgumentException("invalid file settings");
            }
        }

        /** The largest file of this format taken. */
        public long maxBytes(FileFormat format) {
            return format == FileFormat.ZIP ? maxArchiveBytes : maxBytes;
        }
    }

    /** The ports of the files table. */
    public record Records(DeclareFilePort declare, LoadFilePort load, MarkFileUploadedPort markUploaded) {}

    /**
     * The ports of the blob store. {@code grants} checks FitSync's own upload URLs; it is empty with an
     * object store, whose presigned URLs the store checks itself, and FitSync's upload route then refuses.
     */
    public record Blobs(
            StoreBlobPort store,
            InspectBlobPort inspect,
            OpenBlobPort open,
            DeleteBlobPort delete,
            IssueUploadTargetPort uploadTargets,
            Optional<VerifyUploadGrantPort> grants) {}

    private final Settings settings;
    private final TransactionPort transactions;
    private final Records records;
    private final Blobs blobs;
    private final Clock clock;

    public FileService(Settings settings, TransactionPort transactions, Records records, Blobs blobs, Clock clock) {
        this.settings = settings;
        this.transactions = transactions;
        this.records = records;
        this.blobs = blobs;
        this.clock = clock;
    }

    @Override
    public DeclareOutcome declare(DeclareFileCommand command) {
        long limit = settings.maxBytes(command.format());
        if (command.size() > limit) {
            return new DeclareOutcome.TooLarge(limit);
        }
        ActivityFile declared = ActivityFile.declared(
                command.user(),
                command.id(),
                command.filename(),
                command.size(),
                command.sha256(),
                command.format(),
                command.contentType(),
                now());
        Optional<ActivityFile> existing = transactions.inUserTransaction(
                command.user(), () -> records.declare().declareIfNew(declared));
        if (existing.isEmpty()) {
            return new DeclareOutcome.Created(declared, uploadTarget(declared));
        }
        ActivityFile file = existing.get();
        if (!file.sameContent(command.size(), command.sha256())) {
            return new DeclareOutcome.ContentConflict(file);
        }
        return new DeclareOutcome.Existing(
                file, file.state() == FileState.AWAITING_UPLOAD ? Optional.of(uploadTarget(file)) : Optional.empty());
    }

    @Override
    public UploadOutcome upload(UploadFileContentCommand command) {
        BlobKey key = new BlobKey(command.user(), command.id());
        if (blobs.grants().isEmpty()) {
            return new UploadOutcome.Forbidden("This server keeps files in object storage: PUT the bytes to the"
                    + " upload.url that POST /api/v1/files answered, with its upload.headers");
        }
        if (!blobs.grants().get().verify(key, command.expiresAt(), command.signature())) {
            return new UploadOutcome.Forbidden("The upload URL's signature is not valid");
        }
        if (!clock.instant().isBefore(command.expiresAt())) {
            return new UploadOutcome.Forbidden("The upload URL has expired; declare the file again for a fresh one");
        }
        Optional<ActivityFile> found = find(command.user(), command.id());
        if (found.isEmpty()) {
            return new UploadOutcome.NotFound();
        }
        ActivityFile file = found.get();
        BlobWrite write = io(() -> blobs.store().store(key, command.bytes(), Optional.of(facts(file)), file.size()));
        if (write instanceof BlobWrite.Mismatch mismatch) {
            return new UploadOutcome.Mismatch(mismatch.detail());
        }
        if (write instanceof BlobWrite.TooLarge) {
            return new UploadOutcome.Mismatch("more bytes arrived than the declared size " + file.size());
        }
        if (file.state() != FileState.AWAITING_UPLOAD) {
            return new UploadOutcome.AlreadyStored(file);
        }
        return markUploaded(file).<UploadOutcome>map(UploadOutcome.Stored::new).orElseGet(() -> {
            // Swept meanwhile: the row is gone, so the bytes must go too.
            io(() -> {
                blobs.delete().delete(key);
                return null;
            });
            return new UploadOutcome.NotFound();
        });
    }

    @Override
    public CompleteOutcome complete(CompleteFileUploadCommand command) {
        Optional<ActivityFile> found = find(command.user(), command.id());
        if (found.isEmpty()) {
            return new CompleteOutcome.NotFound();
        }
        ActivityFile file = found.get();
        if (file.state() != FileState.AWAITING_UPLOAD) {
            return new CompleteOutcome.Accepted(file);
        }
        BlobKey key = new BlobKey(file.user(), file.id());
        Optional<BlobFacts> stored = io(() -> blobs.inspect().inspect(key));
        if (stored.isEmpty()) {
            return new CompleteOutcome.NotUploaded(file);
        }
        if (!file.sameContent(stored.get().size(), stored.get().sha256())) {
            io(() -> {
                blobs.delete().delete(key);
                return null;
            });
            return new CompleteOutcome.Mismatch("the uploaded bytes differ from the declared size or SHA-256");
        }
        Optional<ActivityFile> marked = markUploaded(file);
        // Not awaiting any more means a concurrent upload or completion moved it on: read what it is now.
        return marked.or(() -> find(file.user(), file.id()))
                .<CompleteOutcome>map(CompleteOutcome.Accepted::new)
                .orElseGet(CompleteOutcome.NotFound::new);
    }

    @Override
    public Optional<ActivityFile> get(GetFileQuery query) {
        return find(query.user(), query.id());
    }

    @Override
    public Optional<FileContent> read(ReadFileContentQuery query) {
        Optional<ActivityFile> file = find(query.user(), query.id());
        if (file.isEmpty() || file.get().state() == FileState.AWAITING_UPLOAD) {
            return Optional.empty();
        }
        Optional<InputStream> bytes = io(() -> blobs.open().open(new BlobKey(query.user(), query.id())));
        return bytes.map(stream -> new FileContent(file.get(), stream));
    }

    @Override
    public DirectOutcome upload(UploadFileDirectlyCommand command) {
        FileId id = FileId.random();
        BlobKey key = new BlobKey(command.user(), id);
        long limit = Math.min(command.maxBytes(), settings.maxBytes(command.format()));
        BlobWrite write = io(() -> blobs.store().store(key, command.bytes(), Optional.empty(), limit));
        if (write instanceof BlobWrite.TooLarge tooLarge) {
            return new DirectOutcome.TooLarge(tooLarge.maxBytes());
        }
        BlobFacts facts = ((BlobWrite.Stored) write).facts();
        if (facts.size() == 0) {
            io(() -> {
                blobs.delete().delete(key);
                return null;
            });
            return new DirectOutcome.Empty();
        }
        ActivityFile declared = ActivityFile.declared(
                command.user(),
                id,
                command.filename(),
                facts.size(),
                facts.sha256(),
                command.format(),
                Optional.empty(),
                now());
        ActivityFile queued = new ActivityFile(
                declared.user(),
                declared.id(),
                declared.filename(),
                declared.size(),
                declared.sha256(),
                declared.format(),
                declared.contentType(),
                FileState.PROCESSING,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                declared.createdAt());
        transactions.inUserTransaction(command.user(), () -> records.declare().declareIfNew(queued));
        return new DirectOutcome.Stored(queued);
    }

    private Optional<ActivityFile> markUploaded(ActivityFile file) {
        return transactions.inUserTransaction(
                file.user(),
                () -> records.markUploaded().markUploaded(file.user(), file.id())
                        ? records.load().load(file.user(), file.id())
                        : Optional.empty());
    }

    private Optional<ActivityFile> find(UserId user, FileId id) {
        return transactions.inUserSnapshot(user, () -> records.load().load(user, id));
    }

    private UploadTarget uploadTarget(ActivityFile file) {
        // Whole seconds: the expiry travels in the URL as epoch seconds.
        Instant expires = clock.instant().plus(settings.uploadTtl()).truncatedTo(ChronoUnit.SECONDS);
        return blobs.uploadTargets().uploadTarget(new BlobKey(file.user(), file.id()), facts(file), expires);
    }

    private static BlobFacts facts(ActivityFile file) {
        return new BlobFacts(file.size(), file.sha256());
    }

    private Instant now() {
        // Microseconds: what PostgreSQL keeps, so a file reads back exactly as it was made.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private interface IoWork<T> {
        T run() throws IOException;
    }

    private static <T> T io(IoWork<T> work) {
        try {
            return work.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
