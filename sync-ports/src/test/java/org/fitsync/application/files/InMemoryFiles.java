package org.fitsync.application.files;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.fitsync.domain.UserId;
import org.fitsync.domain.files.ActivityFile;
import org.fitsync.domain.files.BlobFacts;
import org.fitsync.domain.files.BlobKey;
import org.fitsync.domain.files.FileId;
import org.fitsync.domain.files.FileState;
import org.fitsync.domain.files.ProcessingOutcome;
import org.fitsync.domain.files.Sha256;
import org.fitsync.domain.files.UploadTarget;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.files.ClaimFilePort;
import org.fitsync.ports.out.files.DeclareFilePort;
import org.fitsync.ports.out.files.DeleteBlobPort;
import org.fitsync.ports.out.files.InspectBlobPort;
import org.fitsync.ports.out.files.IssueUploadTargetPort;
import org.fitsync.ports.out.files.LoadFilePort;
import org.fitsync.ports.out.files.MarkFileUploadedPort;
import org.fitsync.ports.out.files.OpenBlobPort;
import org.fitsync.ports.out.files.StoreBlobPort;
import org.fitsync.ports.out.files.SweepFilesPort;
import org.fitsync.ports.out.files.VerifyUploadGrantPort;

/**
 * The files table and a blob store in memory, with leases judged by the test's clock. Signatures are
 * {@code "sig:" + user + ":" + id + ":" + expiry}, so a test can forge one by changing any part.
 * Transactions are not rolled back: the services under test never rely on a rollback but on guarded writes.
 */
final class InMemoryFiles
        implements TransactionPort,
                DeclareFilePort,
                LoadFilePort,
                MarkFileUploadedPort,
                ClaimFilePort,
                SweepFilesPort,
                StoreBlobPort,
                InspectBlobPort,
                OpenBlobPort,
                DeleteBlobPort,
                IssueUploadTargetPort,
                VerifyUploadGrantPort {

    private record Lease(String node, Instant until) {}

    private final Clock clock;
    private final Map<BlobKey, ActivityFile> rows = new LinkedHashMap<>();
    private final Map<BlobKey, Lease> leases = new HashMap<>();
    final Map<BlobKey, byte[]> blobs = new HashMap<>();

    InMemoryFiles(Clock clock) {
        this.clock = clock;
    }

    static String signature(BlobKey key, Instant expiresAt) {
        return "sig:" + key.user().value() + ":" + key.id() + ":" + expiresAt.getEpochSecond();
    }

    static Sha256 sha256(byte[] bytes) {
        try {
            return Sha256.of(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    synchronized void putBlob(BlobKey key, byte[] bytes) {
        blobs.put(key, bytes.clone());
    }

    @Override
    public synchronized <T> T inUserTransaction(UserId user, Supplier<T> work) {
        return work.get();
    }

    @Override
    public synchronized <T> T inUserSnapshot(UserId user, Supplier<T> work) {
        return work.get();
    }

    @Override
    public synchronized Optional<ActivityFile> declareIfNew(ActivityFile file) {
        BlobKey key = new BlobKey(file.user(), file.id());
        ActivityFile existing = rows.putIfAbsent(key, file);
        return Optional.ofNullable(existing);
    }

    @Override
    public synchronized Optional<ActivityFile> load(UserId user, FileId id) {
        return Optional.ofNullable(rows.get(new BlobKey(user, id)));
    }

    @Override
    public synchronized Optional<UUID> runOfSameBytes(UserId user, Sha256 sha256, FileId other) {
        return rows.values().stream()
                .filter(f -> f.user().equals(user) && f.sha256().equals(sha256) && !f.id().equals(other))
                .filter(f -> f.state() == FileState.IMPORTED)
                .findFirst()
                .flatMap(ActivityFile::runId);
    }

    @Override
    public synchronized boolean markUploaded(UserId user, FileId id) {
        BlobKey key = new BlobKey(user, id);
        ActivityFile file = rows.get(key);
        if (file == null || file.state() != FileState.AWAITING_UPLOAD) {
            return false;
        }
        rows.put(key, with(file, FileState.PROCESSING, Optional.empty()));
        return true;
    }

    @Override
    public synchronized Optional<ActivityFile> claimNext(String node, Duration lease) {
        Instant now = clock.instant();
        for (Map.Entry<BlobKey, ActivityFile> row : rows.entrySet()) {
            Lease held = leases.get(row.getKey());
            if (row.getValue().state() == FileState.PROCESSING
                    && (held == null || held.until().isBefore(now))) {
                leases.put(row.getKey(), new Lease(node, now.plus(lease)));
                return Optional.of(row.getValue());
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized boolean finish(ActivityFile file, String node, ProcessingOutcome outcome) {
        BlobKey key = new BlobKey(file.user(), file.id());
        Lease held = leases.get(key);
        ActivityFile current = rows.get(key);
        if (held == null || !held.node().equals(node) || current == null || current.state() != FileState.PROCESSING) {
            return false;
        }
        leases.remove(key);
        rows.put(key, with(current, outcome.state(), Optional.of(outcome)));
        return true;
    }

    private static ActivityFile with(ActivityFile f, FileState state, Optional<ProcessingOutcome> outcome) {
        Optional<UUID> run = outcome.flatMap(o -> o instanceof ProcessingOutcome.Imported i
                ? Optional.of(i.runId())
                : o instanceof ProcessingOutcome.Duplicate d ? Optional.of(d.runId()) : Optional.empty());
        Optional<String> reason = outcome.flatMap(
                o -> o instanceof ProcessingOutcome.Skipped s ? Optional.of(s.reason()) : Optional.empty());
        var error = outcome.flatMap(
                o -> o instanceof ProcessingOutcome.Failed x ? Optional.of(x.error()) : Optional.empty());
        return new ActivityFile(
                f.user(),
                f.id(),
                f.filename(),
                f.size(),
                f.sha256(),
                f.format(),
                f.contentType(),
                state,
                run,
                reason,
                error,
                f.createdAt());
    }

    @Override
    public synchronized List<BlobKey> unfinishedBefore(Instant cutoff, int limit) {
        List<BlobKey> keys = new ArrayList<>();
        rows.forEach((key, file) -> {
            if (file.state() == FileState.AWAITING_UPLOAD && file.createdAt().isBefore(cutoff) && keys.size() < limit) {
                keys.add(key);
            }
        });
        return keys;
    }

    @Override
    public synchronized boolean deleteUnfinished(BlobKey key, Instant cutoff) {
        ActivityFile file = rows.get(key);
        if (file == null
                || file.state() != FileState.AWAITING_UPLOAD
                || !file.createdAt().isBefore(cutoff)) {
            return false;
        }
        rows.remove(key);
        return true;
    }

    @Override
    public BlobWrite store(BlobKey key, InputStream bytes, Optional<BlobFacts> expected, long maxBytes)
            throws IOException {
        byte[] read = bytes.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (read.length > maxBytes) {
            return new BlobWrite.TooLarge(maxBytes);
        }
        BlobFacts facts = new BlobFacts(read.length, sha256(read));
        if (expected.isPresent() && !expected.get().equals(facts)) {
            return new BlobWrite.Mismatch(expected.get().size() != facts.size() ? "size differs" : "SHA-256 differs");
        }
        synchronized (this) {
            blobs.put(key, read);
        }
        return new BlobWrite.Stored(facts);
    }

    @Override
    public synchronized Optional<BlobFacts> inspect(BlobKey key) {
        return Optional.ofNullable(blobs.get(key)).map(b -> new BlobFacts(b.length, sha256(b)));
    }

    @Override
    public synchronized Optional<InputStream> open(BlobKey key) {
        return Optional.ofNullable(blobs.get(key)).map(ByteArrayInputStream::new);
    }

    @Override
    public synchronized void delete(BlobKey key) {
        blobs.remove(key);
    }

    @Override
    public UploadTarget uploadTarget(BlobKey key, BlobFacts expected, Instant expiresAt) {
        return new UploadTarget(
                URI.create("https://files.test/" + key.id() + "?signature=" + signature(key, expiresAt)),
                "PUT",
                Map.of(),
                expiresAt);
    }

    @Override
    public boolean verify(BlobKey key, Instant expiresAt, String signature) {
        return signature(key, expiresAt).equals(signature);
    }
}
