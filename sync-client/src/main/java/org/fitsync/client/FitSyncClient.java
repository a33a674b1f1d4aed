package org.fitsync.client;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.fitsync.client.engine.FileIntake;
import org.fitsync.client.engine.LocalWrites;
import org.fitsync.client.engine.Outcome;
import org.fitsync.client.engine.SyncCycle;
import org.fitsync.client.engine.SyncKind;
import org.fitsync.client.local.ItemFailure;
import org.fitsync.client.local.LocalRecord;
import org.fitsync.client.local.LocalStore;
import org.fitsync.client.local.OutboxCounts;
import org.fitsync.client.local.OutboxOp;
import org.fitsync.client.local.QueuedOp;
import org.fitsync.client.local.RecordQuery;
import org.fitsync.client.local.RecordState;
import org.fitsync.client.local.RunLifecycle;
import org.fitsync.client.local.StoreMeta;
import org.fitsync.client.remote.Exchange;
import org.fitsync.client.remote.FileDeclaration;
import org.fitsync.client.remote.RemoteFile;
import org.fitsync.client.remote.TransportFailure;
import org.fitsync.client.retry.FailureClass;
import org.fitsync.client.schedule.Scheduler;
import org.fitsync.client.status.StatusBoard;
import org.fitsync.client.status.SyncError;
import org.fitsync.client.status.SyncState;
import org.fitsync.client.status.SyncStatus;
import org.fitsync.client.status.SyncStatusListener;
import org.fitsync.domain.FieldError;
import org.fitsync.domain.daily.DeviceSource;
import org.fitsync.domain.daily.SleepReading;
import org.fitsync.domain.daily.StepsReading;
import org.fitsync.domain.run.NewRun;
import org.fitsync.domain.run.RunValidation;
import org.fitsync.domain.run.ValidationResult;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.Value;

/**
 * The sync client of one signed-in user: their local records, readable and writable offline, and the
 * outbox that brings every change to the server. One sync runs at a time on the scheduler; triggers that
 * arrive meanwhile coalesce into one more sync. Close it when the user signs out.
 */
public final class FitSyncClient implements AutoCloseable {

    private static final String RUNS = "runs";

    private final ClientConfig config;
    private final LocalStore store;
    private final TokenProvider tokens;
    private final LocalWrites writes;
    private final StatusBoard board;
    private final SyncCycle cycle;
    private final List<RecordChangeListener> changeListeners = new CopyOnWriteArrayList<>();

    // Sync control, guarded by this.
    private boolean running;
    private SyncKind rerun;
    private List<CompletableFuture<SyncStatus>> waiting = new ArrayList<>();
    private List<CompletableFuture<SyncStatus>> waitingNext = new ArrayList<>();
    private int failuresInARow;
    private boolean started;
    private boolean foreground = true;
    private boolean closed;
    private Scheduler.Cancellable retryTimer;
    private Scheduler.Cancellable debounceTimer;
    private Scheduler.Cancellable periodicTimer;
    private Scheduler.Cancellable probeTimer;

    private FitSyncClient(ClientConfig config, LocalStore store, TokenProvider tokens) {
        this.config = config;
        this.store = store;
        this.tokens = tokens;
        this.writes = new LocalWrites(config.schema);
        StoreMeta meta = store.write(tx -> {
            StoreMeta stored = tx.meta();
            return stored;
        });
        sweepUnqueuedFiles();
        OutboxCounts counts = store.read(tx -> tx.counts());
        this.board = new StatusBoard(SyncStatus.initial(counts.pending(), counts.failed(), meta.lastSyncedAt()));
        this.cycle = new SyncCycle(
                store,
                config.transport,
                config.schema,
                config.retry,
                config.sizes,
                config.files,
                collections -> notifyChanges(collections, RecordChanges.Origin.SERVER),
                progress -> board.update(s -> s.withProgress(progress)));
    }

    /** Opens {@code userId}'s store; the client does nothing on the network until {@link #start()} or a sync call. */
    public static FitSyncClient signIn(ClientConfig config, String userId, TokenProvider tokens) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(tokens, "tokens");
        return new FitSyncClient(config, config.stores.open(userId), tokens);
    }

    public String userId() {
        return store.userId();
    }

    // ---- Records ----------------------------------------------------------------------------------

    /** Sets the given columns of a record (creating it if needed); durable when this returns. */
    public Optional<LocalRecord> put(String collection, String id, Map<String, Value> values) {
        RecordId recordId = new RecordId(id);
        long now = config.clock.millis();
        Optional<LocalRecord> stored = store.write(tx -> writes.put(tx, collection, recordId, values, now));
        stored.ifPresent(r -> afterLocalWrite(collection));
        return stored;
    }

    /**
     * Sets columns of many records of one collection in one transaction (an import, a bulk edit): all of
     * them are stored or, if one is refused, none. Returns how many records changed.
     */
    public int putAll(String collection, Map<String, Map<String, Value>> valuesById) {
        Map<RecordId, Map<String, Value>> checked = new LinkedHashMap<>();
        valuesById.forEach((id, values) -> checked.put(new RecordId(id), values));
        long now = config.clock.millis();
        int changed = store.write(tx -> {
            int count = 0;
            for (Map.Entry<RecordId, Map<String, Value>> entry : checked.entrySet()) {
                if (writes.put(tx, collection, entry.getKey(), entry.getValue(), now)
                        .isPresent()) {
                    count++;
                }
            }
            return count;
        });
        if (changed > 0) {
            afterLocalWrite(collection);
        }
        return changed;
    }

    /** Creates a record under a new random id. */
    public LocalRecord create(String collection, Map<String, Value> values) {
        return put(collection, UUID.randomUUID().toString(), values).get();
    }

    /** Deletes a record; returns whether there was a live one. */
    public boolean delete(String collection, String id) {
        RecordId recordId = new RecordId(id);
        long now = config.clock.millis();
        boolean deleted = store.write(tx -> writes.delete(tx, collection, recordId, now));
        if (deleted) {
            afterLocalWrite(collection);
        }
        return deleted;
    }

    /** A live record (a locally deleted one is gone for the app). */
    public Optional<LocalRecord> get(String collection, String id) {
        config.schema.collection(collection);
        RecordId recordId = new RecordId(id);
        return store.read(tx -> tx.find(collection, recordId)).filter(r -> !r.isDeleted());
    }

    public List<LocalRecord> query(RecordQuery query) {
        config.schema.collection(query.collection());
        return store.read(tx -> tx.query(query));
    }

    public Runnable addChangeListener(RecordChangeListener listener) {
        changeListeners.add(listener);
        return () -> changeListeners.remove(listener);
    }

    // ---- Runs and device readings -----------------------------------------------------------------

    /**
     * Records a finished run: checked by the server's rules, shown in the runs collection at once, and queued for
     * {@code POST /api/v1/runs} with its track.
     */
    public RecordRunOutcome recordRun(RecordRun run) {
        ValidationResult result = RunValidation.validate(run.draft());
        if (result instanceof ValidationResult.Invalid invalid) {
            return new RecordRunOutcome.Invalid(invalid.errors());
        }
        NewRun valid = ((ValidationResult.Valid) result).run();
        RecordId id = new RecordId(valid.id().toString());
        long now = config.clock.millis();
        store.write(tx -> {
            tx.enqueue(new OutboxOp.SubmitRun(valid));
            tx.saveRunLifecycle(valid.id(), RunLifecycle.of(RunLifecycle.State.LOCAL_ONLY));
            if (!tx.find(RUNS, id).isPresent()
                    && config.schema.collections().find(RUNS).isPresent()) {
                // Shown at once; the server's record replaces it when a pull brings the run back.
                tx.save(new LocalRecord(
                        RUNS, id, runValues(valid), now, now, RecordState.SYNCED, Set.of(), 0, 0, 0, Optional.empty()));
            }
            return null;
        });
        afterLocalWrite(RUNS);
        return new RecordRunOutcome.Recorded(valid.id());
    }

    public Optional<RunLifecycle> runLifecycle(UUID runId) {
        return store.read(tx -> tx.runLifecycle(runId));
    }

    /** Queues a device's step count for a day ({@code POST /api/v1/ingest/steps}). */
    public void recordSteps(DeviceSource source, StepsReading reading) {
        store.write(tx -> {
            tx.enqueue(new OutboxOp.IngestSteps(source, reading));
            return null;
        });
        afterLocalWrite(null);
    }

    /** Queues a device's night of sleep ({@code POST /api/v1/ingest/sleep}). */
    public void recordSleep(DeviceSource source, SleepReading reading) {
        store.write(tx -> {
            tx.enqueue(new OutboxOp.IngestSleep(source, reading));
            return null;
        });
        afterLocalWrite(null);
    }

    // ---- Activity files -------------------------------------------------------------------------------

    /**
     * Queues an activity file (FIT, GPX or TCX, or a ZIP, each optionally {@code .gz}) to go to the server
     * through its signed upload URL. The bytes are read to the end (the stream stays open: it is the
     * caller's) and copied into the client's own storage, so the app may delete its file when this returns;
     * the copy is deleted once the server has the file. The file id returned is its idempotency key: the
     * file is stored once on the server however often a send is repeated. A bad name or an empty file is
     * refused with nothing kept. Durable when it returns; blocks for the copy, so call it off the UI thread.
     *
     * @throws IOException if reading {@code bytes} or writing the copy failed (nothing is queued)
     */
    public UploadFileOutcome uploadActivityFile(String filename, InputStream bytes) throws IOException {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(bytes, "bytes");
        List<FieldError> errors = FileIntake.checkName(filename);
        if (!errors.isEmpty()) {
            return new UploadFileOutcome.Invalid(errors);
        }
        // Copied before it is queued: a kill in between leaves an unqueued copy, swept at the next sign-in.
        Optional<FileDeclaration> copied = new FileIntake(config.files).copy(userId(), filename, bytes);
        if (!copied.isPresent()) {
            return new UploadFileOutcome.Invalid(List.of(new FieldError("size", "the file is empty")));
        }
        FileDeclaration file = copied.get();
        store.write(tx -> {
            tx.enqueue(new OutboxOp.UploadFile(file));
            return null;
        });
        afterLocalWrite(null);
        return new UploadFileOutcome.Queued(file);
    }

    /**
     * Where a file given to {@link #uploadActivityFile} is: in this device's outbox, or else as the server
     * has it ({@code GET /api/v1/files/{id}}, asked on the sync thread, after a sync that runs).
     */
    public CompletableFuture<FileStatus> fileStatus(UUID fileId) {
        Objects.requireNonNull(fileId, "fileId");
        CompletableFuture<FileStatus> result = new CompletableFuture<>();
        config.scheduler.execute(() -> {
            try {
                result.complete(lookUpFile(fileId));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private FileStatus lookUpFile(UUID fileId) {
        String key = "file:" + fileId;
        Optional<QueuedOp> queued = store.read(tx -> {
            List<QueuedOp> all = new ArrayList<>(tx.queuedOps(Integer.MAX_VALUE));
            all.addAll(tx.failedOps(Integer.MAX_VALUE));
            return all.stream().filter(op -> op.key().equals(key)).findFirst();
        });
        if (queued.isPresent()) {
            Optional<ItemFailure> failure = queued.get().failure();
            return failure.isPresent()
                    ? new FileStatus(FileStatus.State.NOT_SENT, Optional.empty(), Optional.empty(), failure)
                    : FileStatus.of(FileStatus.State.QUEUED);
        }
        Exchange<RemoteFile> answer = config.transport.file(tokens.currentToken(), fileId);
        if (answer instanceof Exchange.Failed<RemoteFile> failed) {
            TransportFailure failure = failed.failure();
            boolean absent = failure instanceof TransportFailure.HttpError e && e.status() == 404;
            return FileStatus.unknown(absent ? "neither this device nor the server has the file" : failure.describe());
        }
        RemoteFile remote = ((Exchange.Answered<RemoteFile>) answer).value();
        FileStatus.State state;
        switch (remote.state()) {
            case "awaiting_upload" -> state = FileStatus.State.AWAITING_UPLOAD;
            case "processing" -> state = FileStatus.State.PROCESSING;
            case "imported" -> state = FileStatus.State.IMPORTED;
            case "duplicate" -> state = FileStatus.State.DUPLICATE;
            case "skipped" -> state = FileStatus.State.SKIPPED;
            case "failed" -> state = FileStatus.State.FAILED;
            default -> {
                return FileStatus.unknown("the server answered the state " + remote.state());
            }
        }
        return new FileStatus(state, remote.runId(), remote.detail(), Optional.empty());
    }

    /** Local copies no queued op refers to: left by a kill between copying and queueing, or after sending. */
    private void sweepUnqueuedFiles() {
        try {
            List<UUID> stored = config.files.list(store.userId());
            if (stored.isEmpty()) {
                return;
            }
            Set<UUID> queued =
                    store.read(tx -> fileIdsOf(tx.queuedOps(Integer.MAX_VALUE), tx.failedOps(Integer.MAX_VALUE)));
            for (UUID id : stored) {
                if (!queued.contains(id)) {
                    config.files.delete(store.userId(), id);
                }
            }
        } catch (IOException e) {
            // Only space is lost; the next sign-in tries again.
        }
    }

    private static Set<UUID> fileIdsOf(List<QueuedOp> queued, List<QueuedOp> failed) {
        Set<UUID> ids = new java.util.HashSet<>();
        for (List<QueuedOp> ops : List.of(queued, failed)) {
            for (QueuedOp op : ops) {
                if (op.op() instanceof OutboxOp.UploadFile upload) {
                    ids.add(upload.file().id());
                }
            }
        }
        return ids;
    }

    // ---- The outbox, for a settings screen --------------------------------------------------------

    public List<LocalRecord> pendingRecords(int limit) {
        return store.read(tx -> tx.pendingRecords(limit));
    }

    public List<LocalRecord> failedRecords(int limit) {
        return store.read(tx -> tx.failedRecords(limit));
    }

    public List<QueuedOp> queuedOps(int limit) {
        return store.read(tx -> tx.queuedOps(limit));
    }

    public List<QueuedOp> failedOps(int limit) {
        return store.read(tx -> tx.failedOps(limit));
    }

    /** Makes every failed item pending again with its attempts reset, and syncs. */
    public CompletableFuture<SyncStatus> retryFailed() {
        store.write(tx -> {
            for (LocalRecord record : tx.failedRecords(Integer.MAX_VALUE)) {
                tx.save(record.withAttempts(0, Optional.empty()));
            }
            for (QueuedOp op : tx.failedOps(Integer.MAX_VALUE)) {
                tx.updateOp(op.withAttempts(0, Optional.empty()));
                if (op.op() instanceof OutboxOp.SubmitRun run) {
                    tx.saveRunLifecycle(run.run().id(), RunLifecycle.of(RunLifecycle.State.LOCAL_ONLY));
                }
            }
            return null;
        });
        refreshCounts();
        return syncNow();
    }

    /**
     * Discards every local change that was not synced, pending or failed, and every queued run, reading and
     * file (with its local copy). The next sync downloads the whole data set again, so the store then shows exactly the
     * server's records.
     */
    public void discardLocalChanges() {
        Set<UUID> files = store.write(tx -> {
            Set<UUID> queuedFiles = fileIdsOf(tx.queuedOps(Integer.MAX_VALUE), tx.failedOps(Integer.MAX_VALUE));
            tx.discardLocalChanges();
            tx.saveMeta(tx.meta().pulledTo(0, tx.meta().schemaVersion()));
            return queuedFiles;
        });
        for (UUID id : files) {
            try {
                config.files.delete(store.userId(), id);
            } catch (IOException e) {
                // No op refers to it any more: swept at the next sign-in.
            }
        }
        refreshCounts();
        notifyChanges(
                config.schema.collections().all().stream()
                        .map(c -> c.name())
                        .collect(java.util.stream.Collectors.toSet()),
                RecordChanges.Origin.LOCAL);
    }

    // ---- Sync -------------------------------------------------------------------------------------

    public SyncStatus status() {
        return board.current();
    }

    /** Adds a status listener, told the current status at once; the returned action removes it. */
    public Runnable addStatusListener(SyncStatusListener listener) {
        return board.subscribe(listener);
    }

    /**
     * The app was launched: sync now, then on every trigger (writes, connectivity, the periodic timer).
     */
    public CompletableFuture<SyncStatus> start() {
        synchronized (this) {
            started = true;
            schedulePeriodic();
        }
        return syncNow();
    }

    /** A full sync now (or right after the running one); completes with the status it ended in. */
    public CompletableFuture<SyncStatus> syncNow() {
        return request(SyncKind.FULL);
    }

    /** Sends what waits in the outbox without pulling. */
    public CompletableFuture<SyncStatus> pushNow() {
        return request(SyncKind.PUSH_ONLY);
    }

    /** The app came to the foreground: a full sync, and the periodic timer runs again. */
    public CompletableFuture<SyncStatus> onForeground() {
        synchronized (this) {
            foreground = true;
            schedulePeriodic();
        }
        return syncNow();
    }

    /** The app went to the background: push what is pending, and no periodic syncs until it returns. */
    public void onBackground() {
        synchronized (this) {
            foreground = false;
            cancel(periodicTimer);
            periodicTimer = null;
        }
        if (store.read(tx -> tx.counts()).pending() > 0) {
            trigger(SyncKind.PUSH_ONLY);
        }
    }

    /** The host saw the network come back (the JVM client's probe calls this too). */
    public CompletableFuture<SyncStatus> onConnectivityRegained() {
        return syncNow();
    }

    /** The app has a new token (after sign-in again): leaves {@code auth_required} and syncs. */
    public CompletableFuture<SyncStatus> tokenChanged() {
        return syncNow();
    }

    @Override
    public void close() {
        List<CompletableFuture<SyncStatus>> orphans = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            cancel(retryTimer);
            cancel(debounceTimer);
            cancel(periodicTimer);
            cancel(probeTimer);
            if (!running) {
                orphans.addAll(waiting);
                orphans.addAll(waitingNext);
            }
        }
        SyncStatus stopped = board.update(s -> s.inState(SyncState.STOPPED));
        orphans.forEach(f -> f.complete(stopped));
        // Closing while a sync runs would cut its transaction: the store closes after it.
        config.scheduler.execute(store::close);
    }

    private CompletableFuture<SyncStatus> request(SyncKind kind) {
        CompletableFuture<SyncStatus> result = new CompletableFuture<>();
        trigger(kind, result);
        return result;
    }

    /** Starts a sync, or asks for one more after the running one; {@code result} completes when it ends. */
    private synchronized void trigger(SyncKind kind, CompletableFuture<SyncStatus> result) {
        if (closed) {
            result.complete(board.current());
            return;
        }
        if (running) {
            rerun = rerun == null ? kind : rerun.and(kind);
            waitingNext.add(result);
            return;
        }
        running = true;
        waiting.add(result);
        cancel(retryTimer);
        retryTimer = null;
        config.scheduler.execute(() -> runSync(kind));
    }

    /** A trigger nobody waits on (a timer, a write, the host's lifecycle). */
    private void trigger(SyncKind kind) {
        trigger(kind, new CompletableFuture<>());
    }

    private void runSync(SyncKind kind) {
        SyncStatus end = syncOnce(kind);
        List<CompletableFuture<SyncStatus>> done;
        SyncKind next;
        synchronized (this) {
            done = waiting;
            waiting = waitingNext;
            waitingNext = new ArrayList<>();
            next = closed ? null : rerun;
            rerun = null;
            if (next == null) {
                running = false;
                done.addAll(waiting);
                waiting = new ArrayList<>();
            }
        }
        done.forEach(f -> f.complete(end));
        if (next != null) {
            SyncKind again = next;
            config.scheduler.execute(() -> runSync(again));
        }
    }

    private SyncStatus syncOnce(SyncKind kind) {
        if (isClosed()) {
            return board.current();
        }
        board.update(s -> s.inState(SyncState.SYNCING));
        String token = tokens.currentToken();
        Optional<Outcome.Stopped> stopped;
        try {
            stopped = cycle.run(token, kind);
            if (stopped.isPresent() && stopped.get().kind() == FailureClass.AUTH) {
                Optional<String> renewed = tokens.renewToken(token);
                if (renewed.isPresent() && !renewed.get().equals(token)) {
                    stopped = cycle.run(renewed.get(), kind);
                }
            }
        } catch (RuntimeException e) {
            // A bug or a broken store must not kill the sync thread: report it and back off.
            stopped = Optional.of(new Outcome.Stopped(
                    new TransportFailure.Unreachable("client error: " + e), FailureClass.TRANSIENT));
        }
        refreshCounts();
        if (!stopped.isPresent()) {
            Instant now = config.clock.instant();
            store.write(tx -> {
                tx.saveMeta(tx.meta().syncedAt(now));
                return null;
            });
            synchronized (this) {
                failuresInARow = 0;
                cancel(probeTimer);
                probeTimer = null;
            }
            return board.update(s -> s.completed(now));
        }
        return onStopped(stopped.get());
    }

    private SyncStatus onStopped(Outcome.Stopped stopped) {
        Instant now = config.clock.instant();
        TransportFailure failure = stopped.failure();
        Optional<Integer> status = Optional.empty();
        Optional<String> type = Optional.empty();
        Duration retryAfter = Duration.ZERO;
        if (failure instanceof TransportFailure.HttpError error) {
            status = Optional.of(error.status());
            type = Optional.of(error.problem().type());
            retryAfter = error.retryAfter().orElse(Duration.ZERO);
        }
        if (stopped.kind() == FailureClass.AUTH) {
            SyncError error = new SyncError(
                    "sign-in required: the server refused the token", status, type, now, Optional.empty());
            return board.update(s -> s.failed(SyncState.AUTH_REQUIRED, error));
        }
        Duration delay;
        synchronized (this) {
            failuresInARow++;
            Duration backoff = config.retry.delayAfter(failuresInARow, config.random.getAsDouble());
            delay = backoff.compareTo(retryAfter) >= 0 ? backoff : retryAfter;
            if (!closed) {
                retryTimer = config.scheduler.schedule(delay, this::retryDue);
                if (stopped.kind() == FailureClass.OFFLINE) {
                    scheduleProbe();
                }
            }
        }
        SyncState state = stopped.kind() == FailureClass.OFFLINE ? SyncState.OFFLINE : SyncState.ERROR;
        SyncError error = new SyncError(failure.describe(), status, type, now, Optional.of(now.plus(delay)));
        return board.update(s -> s.failed(state, error));
    }

    private void retryDue() {
        synchronized (this) {
            retryTimer = null;
        }
        trigger(SyncKind.FULL);
    }

    private synchronized void scheduleProbe() {
        cancel(probeTimer);
        probeTimer = config.scheduler.schedule(config.probeInterval, this::probe);
    }

    private void probe() {
        synchronized (this) {
            probeTimer = null;
            if (closed || running || board.current().state() != SyncState.OFFLINE) {
                return;
            }
        }
        if (config.probe.reachable()) {
            trigger(SyncKind.FULL);
        } else {
            scheduleProbe();
        }
    }

    private synchronized void schedulePeriodic() {
        cancel(periodicTimer);
        if (closed || !started || !foreground) {
            periodicTimer = null;
            return;
        }
        periodicTimer = config.scheduler.schedule(config.periodicInterval, () -> {
            synchronized (this) {
                periodicTimer = null;
            }
            trigger(SyncKind.FULL);
            schedulePeriodic();
        });
    }

    private void afterLocalWrite(String collection) {
        refreshCounts();
        if (collection != null) {
            notifyChanges(Set.of(collection), RecordChanges.Origin.LOCAL);
        }
        synchronized (this) {
            if (!started || closed) {
                return;
            }
            cancel(debounceTimer);
            debounceTimer = config.scheduler.schedule(config.writeDebounce, () -> {
                synchronized (this) {
                    debounceTimer = null;
                }
                trigger(SyncKind.FULL);
            });
        }
    }

    private void refreshCounts() {
        if (isClosed()) {
            return;
        }
        OutboxCounts counts = store.read(tx -> tx.counts());
        board.update(s -> s.withCounts(counts.pending(), counts.failed()));
    }

    private void notifyChanges(Set<String> collections, RecordChanges.Origin origin) {
        RecordChanges changes = new RecordChanges(collections, origin);
        for (RecordChangeListener listener : changeListeners) {
            try {
                listener.onChange(changes);
            } catch (RuntimeException e) {
                // One listener's bug must not stop the others or the write that caused it.
            }
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private static void cancel(Scheduler.Cancellable timer) {
        if (timer != null) {
            timer.cancel();
        }
    }

    private static Map<String, Value> runValues(NewRun run) {
        Map<String, Value> values = new LinkedHashMap<>();
        values.put("started_at", new Value.Num(run.startedAt().toEpochMilli()));
        values.put("ended_at", new Value.Num(run.endedAt().toEpochMilli()));
        values.put("duration_s", new Value.Num(run.durationS()));
        values.put("distance_m", new Value.Num(run.distanceM()));
        values.put("source", new Value.Text(run.source().wireName()));
        run.notes().ifPresent(n -> values.put("notes", new Value.Text(n)));
        run.metadataJson().ifPresent(m -> values.put("metadata", new Value.Text(m)));
        values.put("point_count", new Value.Num(run.track().size()));
        values.put("overlapping", new Value.Bool(false));
        return values;
    }
}
