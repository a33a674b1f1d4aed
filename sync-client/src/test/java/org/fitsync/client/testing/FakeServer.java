package org.fitsync.client.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fitsync.client.remote.CollectionChanges;
import org.fitsync.client.remote.Exchange;
import org.fitsync.client.remote.FileBytes;
import org.fitsync.client.remote.FileDeclaration;
import org.fitsync.client.remote.IngestReceipt;
import org.fitsync.client.remote.Problem;
import org.fitsync.client.remote.PullReceipt;
import org.fitsync.client.remote.PullRequest;
import org.fitsync.client.remote.PullSink;
import org.fitsync.client.remote.PushReceipt;
import org.fitsync.client.remote.PushRequest;
import org.fitsync.client.remote.RemoteFile;
import org.fitsync.client.remote.RunReceipt;
import org.fitsync.client.remote.SyncTransport;
import org.fitsync.client.remote.TransportFailure;
import org.fitsync.client.remote.UploadReceipt;
import org.fitsync.client.remote.WireRecord;
import org.fitsync.domain.FieldError;
import org.fitsync.domain.daily.DeviceSource;
import org.fitsync.domain.daily.SleepReading;
import org.fitsync.domain.daily.StepsReading;
import org.fitsync.domain.files.Sha256;
import org.fitsync.domain.files.UploadTarget;
import org.fitsync.domain.run.NewRun;
import org.fitsync.domain.sync.RecordId;

/**
 * A FitSync server in memory for the core's tests: versioned records, pulls after a cursor (paged),
 * pushes where the client's change applies unless the record was deleted (then it is rejected), runs by
 * client UUID, ingests, and activity files (declared by client UUID, put at a signed URL, completed). Failures are injected per call ({@link #failNext}); every call is recorded.
 */
public final class FakeServer implements SyncTransport {

    public record Stored(WireRecord record, long version, boolean deleted) {}

    public final Map<String, Map<String, Stored>> records = new LinkedHashMap<>();
    public final Map<UUID, NewRun> runs = new LinkedHashMap<>();
    public final List<StepsReading> steps = new ArrayList<>();
    public final List<String> calls = new ArrayList<>();
    public final List<PullRequest> pulls = new ArrayList<>();
    /** How often each (collection/id) was written by pushes: a re-sent push still writes, so tests read versions. */
    public final Map<String, Integer> pushWrites = new HashMap<>();

    private final Deque<TransportFailure> failures = new ArrayDeque<>();
    private final Set<String> validTokens = new HashSet<>(Set.of("token-1"));
    private final Set<UUID> conflictingRuns = new HashSet<>();
    private final Set<String> refusedStepDates = new HashSet<>();
    private boolean replacementNext;
    private boolean down;
    private Runnable duringNextPush = () -> {};
    private boolean loseNextPushAnswer;
    private long version;

    /** A declared file: what was declared, its bytes once put, and its state. */
    public static final class ServerFile {
        public final FileDeclaration declaration;
        public byte[] bytes;
        public String state = "awaiting_upload";
        public boolean completed;

        ServerFile(FileDeclaration declaration) {
            this.declaration = declaration;
        }
    }

    public final Map<UUID, ServerFile> files = new LinkedHashMap<>();
    /** How many times bytes arrived at a signed URL (a repeated put of the same bytes is accepted). */
    public int puts;

    private final Set<UUID> conflictingFiles = new HashSet<>();
    private boolean loseNextPutAnswer;
    private TransportFailure failNextPut;

    /** While down, every call is unreachable. */
    public synchronized void setDown(boolean value) {
        down = value;
    }

    /** Runs {@code action} while the next push is in flight (after the server read it, before it answers). */
    public synchronized void duringNextPush(Runnable action) {
        duringNextPush = action;
    }

    /** The next push is applied, but its answer is lost on the way back: the client sees the network fail. */
    public synchronized void loseNextPushAnswer() {
        loseNextPushAnswer = true;
    }

    public synchronized void failNext(TransportFailure failure) {
        failures.add(failure);
    }

    public synchronized void failNext(int times, TransportFailure failure) {
        for (int i = 0; i < times; i++) {
            failures.add(failure);
        }
    }

    public static TransportFailure unreachable() {
        return new TransportFailure.Unreachable("connection refused");
    }

    public static TransportFailure status(int status, Optional<Duration> retryAfter) {
        return new TransportFailure.HttpError(status, retryAfter, Problem.untyped("status " + status));
    }

    public synchronized void acceptTokens(String... tokens) {
        validTokens.clear();
        validTokens.addAll(List.of(tokens));
    }

    public synchronized void conflictOnRun(UUID id) {
        conflictingRuns.add(id);
    }

    /** Another file was declared under this id (another size or SHA-256): a declaration answers 409. */
    public synchronized void conflictOnFile(UUID id) {
        conflictingFiles.add(id);
    }

    /** The next put is stored, but its answer is lost on the way back. */
    public synchronized void loseNextPutAnswer() {
        loseNextPutAnswer = true;
    }

    /** The next put at a signed URL fails so (it needs no token, so {@link #failNext} does not reach it). */
    public synchronized void failNextPut(TransportFailure failure) {
        failNextPut = failure;
    }

    public synchronized void refuseStepsOn(String date) {
        refusedStepDates.add(date);
    }

    public synchronized void replacementOnNextPull() {
        replacementNext = true;
    }

    /** A change made on the server by another device. */
    public synchronized void serverPut(String collection, WireRecord record) {
        records.computeIfAbsent(collection, c -> new LinkedHashMap<>())
                .put(record.id().value(), new Stored(record, ++version, false));
    }

    public synchronized void serverDelete(String collection, String id) {
        Stored stored = records.get(collection).get(id);
        records.get(collection).put(id, new Stored(stored.record(), ++version, true));
    }

    public synchronized Optional<Stored> stored(String collection, String id) {
        return Optional.ofNullable(records.getOrDefault(collection, Map.of()).get(id));
    }

    public synchronized List<String> callsOf(String prefix) {
        return calls.stream().filter(c -> c.startsWith(prefix)).toList();
    }

    private <T> Optional<Exchange<T>> refusal(String call, String token) {
        calls.add(call);
        if (down) {
            return Optional.of(Exchange.failed(unreachable()));
        }
        if (!failures.isEmpty()) {
            return Optional.of(Exchange.failed(failures.poll()));
        }
        if (!validTokens.contains(token)) {
            return Optional.of(Exchange.failed(status(401, Optional.empty())));
        }
        return Optional.empty();
    }

    @Override
    public synchronized Exchange<PullReceipt> pull(String token, PullRequest request, PullSink sink) {
        pulls.add(request);
        Optional<Exchange<PullReceipt>> refused = refusal("pull " + request.lastPulledAt(), token);
        if (refused.isPresent()) {
            return refused.get();
        }
        boolean replacement = replacementNext;
        replacementNext = false;
        boolean everything = request.lastPulledAt() == 0 || replacement;
        List<Map.Entry<String, Stored>> changes = new ArrayList<>();
        records.forEach((collection, byId) -> byId.values().forEach(s -> {
            if (everything ? !s.deleted() : s.version() > request.lastPulledAt()) {
                changes.add(Map.entry(collection, s));
            }
        }));
        changes.sort(Comparator.comparingLong(e -> e.getValue().version()));
        int limit = replacement ? Integer.MAX_VALUE : request.limit();
        List<Map.Entry<String, Stored>> page = changes.subList(0, Math.min(limit, changes.size()));
        for (Map.Entry<String, Stored> change : page) {
            if (change.getValue().deleted()) {
                sink.deleted(change.getKey(), change.getValue().record().id());
            } else {
                sink.record(change.getKey(), change.getValue().record());
            }
        }
        boolean hasMore = page.size() < changes.size();
        long timestamp = hasMore ? page.get(page.size() - 1).getValue().version() : Math.max(version, 1);
        return Exchange.answered(new PullReceipt(timestamp, hasMore, replacement));
    }

    @Override
    public synchronized Exchange<PushReceipt> push(String token, PushRequest request) {
        int size = request.changes().values().stream()
                .mapToInt(CollectionChanges::size)
                .sum();
        Optional<Exchange<PushReceipt>> refused = refusal("push " + size, token);
        if (refused.isPresent()) {
            return refused.get();
        }
        Map<String, Set<RecordId>> rejected = new HashMap<>();
        request.changes().forEach((collection, changes) -> {
            Map<String, Stored> byId = records.computeIfAbsent(collection, c -> new LinkedHashMap<>());
            List<WireRecord> upserts = new ArrayList<>(changes.created());
            upserts.addAll(changes.updated());
            for (WireRecord record : upserts) {
                Stored existing = byId.get(record.id().value());
                if (existing != null && existing.deleted()) {
                    rejected.computeIfAbsent(collection, c -> new HashSet<>()).add(record.id());
                    continue;
                }
                byId.put(record.id().value(), new Stored(record, ++version, false));
                pushWrites.merge(collection + "/" + record.id().value(), 1, Integer::sum);
            }
            for (RecordId id : changes.deleted()) {
                Stored existing = byId.get(id.value());
                if (existing != null && !existing.deleted()) {
                    byId.put(id.value(), new Stored(existing.record(), ++version, true));
                }
            }
        });
        Runnable during = duringNextPush;
        duringNextPush = () -> {};
        during.run();
        if (loseNextPushAnswer) {
            loseNextPushAnswer = false;
            return Exchange.failed(unreachable());
        }
        return Exchange.answered(new PushReceipt(++version, rejected, List.of()));
    }

    @Override
    public synchronized Exchange<RunReceipt> submitRun(String token, NewRun run) {
        Optional<Exchange<RunReceipt>> refused = refusal("run " + run.id(), token);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (conflictingRuns.contains(run.id())) {
            return Exchange.failed(new TransportFailure.HttpError(
                    409,
                    Optional.empty(),
                    new Problem(
                            "https://fitsync.dev/problems/run-id-conflict",
                            "Run id conflict",
                            "another run was submitted under this id",
                            List.of())));
        }
        boolean created = runs.putIfAbsent(run.id(), run) == null;
        return Exchange.answered(new RunReceipt(run.id(), created));
    }

    @Override
    public synchronized Exchange<IngestReceipt> ingestSteps(
            String token, DeviceSource source, List<StepsReading> items) {
        Optional<Exchange<IngestReceipt>> refused = refusal("steps " + items.size(), token);
        if (refused.isPresent()) {
            return refused.get();
        }
        List<IngestReceipt.ItemResult> results = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (refusedStepDates.contains(items.get(i).date().toString())) {
                results.add(new IngestReceipt.ItemResult(
                        i, "error", List.of(new FieldError("date", "refused by the test server"))));
            } else {
                steps.add(items.get(i));
                results.add(new IngestReceipt.ItemResult(i, "stored", List.of()));
            }
        }
        return Exchange.answered(new IngestReceipt(results));
    }

    @Override
    public synchronized Exchange<IngestReceipt> ingestSleep(
            String token, DeviceSource source, List<SleepReading> items) {
        Optional<Exchange<IngestReceipt>> refused = refusal("sleep " + items.size(), token);
        if (refused.isPresent()) {
            return refused.get();
        }
        List<IngestReceipt.ItemResult> results = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            results.add(new IngestReceipt.ItemResult(i, "stored", List.of()));
        }
        return Exchange.answered(new IngestReceipt(results));
    }

    @Override
    public synchronized Exchange<RemoteFile> declareFile(String token, FileDeclaration file) {
        Optional<Exchange<RemoteFile>> refused = refusal("declare " + file.id(), token);
        if (refused.isPresent()) {
            return refused.get();
        }
        ServerFile existing = files.get(file.id());
        if (conflictingFiles.contains(file.id()) || (existing != null && !existing.declaration.equals(file))) {
            return Exchange.failed(new TransportFailure.HttpError(
                    409,
                    Optional.empty(),
                    new Problem(
                            "https://fitsync.dev/problems/file-id-conflict",
                            "This file id was declared with another size or SHA-256",
                            "",
                            List.of())));
        }
        ServerFile stored = files.computeIfAbsent(file.id(), id -> new ServerFile(file));
        return Exchange.answered(remote(stored));
    }

    @Override
    public synchronized Exchange<UploadReceipt> uploadFile(UploadTarget target, long size, FileBytes bytes) {
        calls.add("put " + target.url().getPath());
        if (down) {
            return Exchange.failed(unreachable());
        }
        if (failNextPut != null) {
            TransportFailure failure = failNextPut;
            failNextPut = null;
            return Exchange.failed(failure);
        }
        if (!target.headers().equals(Map.of("Content-Type", "application/octet-stream"))) {
            return Exchange.failed(status(400, Optional.empty()));
        }
        UUID id = UUID.fromString(target.url().getPath().substring("/files/".length()));
        ServerFile file = files.get(id);
        if (file == null) {
            return Exchange.failed(status(404, Optional.empty()));
        }
        byte[] content;
        try (InputStream in = bytes.open()) {
            content = in.readAllBytes();
        } catch (IOException e) {
            return Exchange.failed(unreachable());
        }
        if (content.length != size
                || content.length != file.declaration.size()
                || !sha256(content).equals(file.declaration.sha256())) {
            return Exchange.failed(status(422, Optional.empty()));
        }
        puts++;
        if (file.bytes == null) {
            file.bytes = content;
            file.state = "processing";
        }
        if (loseNextPutAnswer) {
            loseNextPutAnswer = false;
            return Exchange.failed(unreachable());
        }
        return Exchange.answered(new UploadReceipt(200));
    }

    @Override
    public synchronized Exchange<RemoteFile> completeFile(String token, UUID fileId) {
        Optional<Exchange<RemoteFile>> refused = refusal("complete " + fileId, token);
        if (refused.isPresent()) {
            return refused.get();
        }
        ServerFile file = files.get(fileId);
        if (file == null) {
            return Exchange.failed(status(404, Optional.empty()));
        }
        if (file.bytes == null) {
            return Exchange.failed(status(409, Optional.empty()));
        }
        file.completed = true;
        return Exchange.answered(remote(file));
    }

    @Override
    public synchronized Exchange<RemoteFile> file(String token, UUID fileId) {
        Optional<Exchange<RemoteFile>> refused = refusal("file " + fileId, token);
        if (refused.isPresent()) {
            return refused.get();
        }
        ServerFile file = files.get(fileId);
        return file == null ? Exchange.failed(status(404, Optional.empty())) : Exchange.answered(remote(file));
    }

    private static RemoteFile remote(ServerFile file) {
        Optional<UploadTarget> upload = file.bytes == null
                ? Optional.of(new UploadTarget(
                        URI.create("https://blobs.test/files/" + file.declaration.id() + "?signature=s"),
                        "PUT",
                        Map.of("Content-Type", "application/octet-stream"),
                        Instant.parse("2030-01-01T00:00:00Z")))
                : Optional.empty();
        Optional<UUID> runId = file.state.equals("imported") || file.state.equals("duplicate")
                ? Optional.of(UUID.nameUUIDFromBytes(file.bytes))
                : Optional.empty();
        return new RemoteFile(file.declaration.id(), file.state, upload, runId, Optional.empty());
    }

    public static Sha256 sha256(byte[] bytes) {
        try {
            return Sha256.of(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
