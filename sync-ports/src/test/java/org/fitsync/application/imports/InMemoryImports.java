package org.fitsync.application.imports;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.fitsync.domain.UserId;
import org.fitsync.domain.imports.ImportError;
import org.fitsync.domain.imports.ImportId;
import org.fitsync.domain.imports.ImportJob;
import org.fitsync.domain.imports.ImportPhase;
import org.fitsync.domain.imports.ImportState;
import org.fitsync.domain.imports.ImportedRun;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.imports.ImportEvents;
import org.fitsync.ports.out.imports.ImportJobStore;
import org.fitsync.ports.out.imports.ImportedRunStore;

/**
 * Import jobs, imported runs, change events and transactions in memory, with leases on the given
 * clock. Mirrors the PostgreSQL store's rules: a worker's writes need the job running under its
 * lease, and a transaction that throws leaves jobs and runs as they were.
 */
final class InMemoryImports implements TransactionPort, ImportJobStore, ImportedRunStore, ImportEvents {

    private final java.util.Map<ImportId, Set<Runnable>> listeners = new java.util.concurrent.ConcurrentHashMap<>();

    /** A job as stored, with the lease the claim table keeps beside it. */
    private record Row(ImportJob job, Optional<String> owner, Optional<Instant> leaseUntil) {}

    private final Clock clock;
    private Map<ImportId, Row> jobs = new LinkedHashMap<>();
    private Map<UserId, Map<String, String>> runs = new HashMap<>();
    private final Map<String, ImportedRun> stored = new HashMap<>();
    private final List<ImportId> changes = new ArrayList<>();
    private int nextRun;

    InMemoryImports(Clock clock) {
        this.clock = clock;
    }

    synchronized ImportJob job(ImportId id) {
        return jobs.get(id).job();
    }

    /** Every run stored (by Strava id), as the import handed it over; kept past rollbacks, for inspection. */
    synchronized Map<String, ImportedRun> storedRuns() {
        return Map.copyOf(stored);
    }

    /** The Strava ids of the user's stored runs. */
    synchronized List<String> runs(UserId user) {
        return List.copyOf(runs.getOrDefault(user, Map.of()).keySet());
    }

    synchronized ImportJob queue(UserId user) {
        ImportJob job = ImportJob.queued(
                ImportId.random(),
                user,
                "strava",
                org.fitsync.domain.imports.ImportRange.WHOLE_HISTORY,
                Optional.empty(),
                clock.instant());
        return ((Created.Queued) create(job)).job();
    }

    synchronized int changesOf(ImportId id) {
        return (int) changes.stream().filter(id::equals).count();
    }

    // ---- TransactionPort ------------------------------------------------------------------------

    @Override
    public synchronized <T> T inUserTransaction(UserId user, Supplier<T> work) {
        Map<ImportId, Row> jobsBefore = new LinkedHashMap<>(jobs);
        Map<UserId, Map<String, String>> runsBefore = new HashMap<>();
        runs.forEach((u, r) -> runsBefore.put(u, new LinkedHashMap<>(r)));
        int changesBefore = changes.size();
        try {
            return work.get();
        } catch (RuntimeException | Error e) {
            jobs = jobsBefore;
            runs = runsBefore;
            changes.subList(changesBefore, changes.size()).clear();
            throw e;
        }
    }

    @Override
    public <T> T inUserSnapshot(UserId user, Supplier<T> work) {
        return inUserTransaction(user, work);
    }

    // ---- ImportJobStore -------------------------------------------------------------------------

    @Override
    public synchronized Created create(ImportJob job) {
        Optional<ImportJob> active = job.activityId().isEmpty() ? active(job.user()) : Optional.empty();
        if (active.isPresent()) {
            return new Created.AlreadyActive(active.get().id());
        }
        jobs.put(job.id(), new Row(job, Optional.empty(), Optional.empty()));
        return new Created.Queued(job);
    }

    @Override
    public synchronized Optional<ImportJob> find(UserId user, ImportId id) {
        return Optional.ofNullable(jobs.get(id))
                .map(Row::job)
                .filter(j -> j.user().equals(user));
    }

    @Override
    public synchronized List<ImportJob> list(UserId user, int limit) {
        return jobs.values().stream()
                .map(Row::job)
                .filter(j -> j.user().equals(user))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized Optional<ImportJob> active(UserId user) {
        return jobs.values().stream()
                .map(Row::job)
                .filter(j -> j.user().equals(user)
                        && j.activityId().isEmpty()
                        && j.state().isActive())
                .findFirst();
    }

    @Override
    public synchronized Optional<ImportJob> cancel(UserId user, ImportId id, Instant now) {
        Optional<ImportJob> found = find(user, id).filter(j -> j.state().isActive());
        found.ifPresent(j -> jobs.put(
                id,
                new Row(
                        with(
                                j,
                                ImportState.CANCELLED,
                                ImportPhase.DONE,
                                Optional.empty(),
                                j.error(),
                                j.attempts(),
                                Optional.of(now)),
                        Optional.empty(),
                        Optional.empty())));
        return found.map(j -> jobs.get(id).job());
    }

    @Override
    public synchronized Optional<ImportJob> claimNext(String node, Duration lease) {
        Instant now = clock.instant();
        Optional<Row> next = jobs.values().stream()
                .filter(r -> switch (r.job().state()) {
                    case QUEUED, WAITING_RATE_LIMIT ->
                        !r.job().resumeAt().orElse(r.job().createdAt()).isAfter(now);
                    case RUNNING -> r.leaseUntil().orElseThrow().isBefore(now);
                    default -> false;
                })
                .min(Comparator.comparing(r -> r.job().resumeAt().orElse(r.job().createdAt())));
        return next.map(r -> {
            ImportJob claimed = with(
                    r.job(),
                    ImportState.RUNNING,
                    r.job().phase(),
                    Optional.empty(),
                    r.job().error(),
                    r.job().attempts(),
                    r.job().finishedAt());
            jobs.put(claimed.id(), new Row(claimed, Optional.of(node), Optional.of(now.plus(lease))));
            return claimed;
        });
    }

    @Override
    public synchronized boolean heartbeat(UserId user, ImportId id, String node, Duration lease) {
        Row row = owned(id, node);
        if (row == null) {
            return false;
        }
        jobs.put(id, new Row(row.job(), row.owner(), Optional.of(clock.instant().plus(lease))));
        return true;
    }

    @Override
    public synchronized boolean checkpoint(ImportJob job, String node, Duration lease) {
        Row row = owned(job.id(), node);
        if (row == null) {
            return false;
        }
        ImportJob before = row.job();
        boolean movedOn = before.progress().fetched() != job.progress().fetched()
                || !before.cursor().equals(job.cursor());
        ImportJob saved = with(
                before.withProgress(job.progress(), job.phase(), job.cursor()),
                ImportState.RUNNING,
                job.phase(),
                Optional.empty(),
                before.error(),
                movedOn ? 0 : before.attempts(),
                Optional.empty());
        jobs.put(
                job.id(),
                new Row(saved, row.owner(), Optional.of(clock.instant().plus(lease))));
        return true;
    }

    @Override
    public synchronized boolean park(ImportJob job, String node, Instant resumeAt, boolean rateLimited) {
        Row row = owned(job.id(), node);
        if (row == null) {
            return false;
        }
        ImportJob stored = row.job();
        jobs.put(
                job.id(),
                new Row(
                        with(
                                stored,
                                rateLimited ? ImportState.WAITING_RATE_LIMIT : ImportState.QUEUED,
                                stored.phase(),
                                Optional.of(resumeAt),
                                stored.error(),
                                stored.attempts() + (rateLimited ? 0 : 1),
                                Optional.empty()),
                        Optional.empty(),
                        Optional.empty()));
        return true;
    }

    @Override
    public synchronized boolean complete(ImportJob job, String node, Instant now) {
        if (owned(job.id(), node) == null) {
            return false;
        }
        jobs.put(
                job.id(),
                new Row(
                        with(
                                job.withProgress(job.progress(), ImportPhase.DONE, job.cursor()),
                                ImportState.COMPLETED,
                                ImportPhase.DONE,
                                Optional.empty(),
                                Optional.empty(),
                                job.attempts(),
                                Optional.of(now)),
                        Optional.empty(),
                        Optional.empty()));
        return true;
    }

    @Override
    public synchronized boolean fail(ImportJob job, String node, ImportError error, Instant now) {
        Row row = owned(job.id(), node);
        if (row == null) {
            return false;
        }
        jobs.put(
                job.id(),
                new Row(
                        with(
                                row.job(),
                                ImportState.FAILED,
                                ImportPhase.DONE,
                                Optional.empty(),
                                Optional.of(error),
                                row.job().attempts(),
                                Optional.of(now)),
                        Optional.empty(),
                        Optional.empty()));
        return true;
    }

    private Row owned(ImportId id, String node) {
        Row row = jobs.get(id);
        return row != null
                        && row.job().state() == ImportState.RUNNING
                        && row.owner().equals(Optional.of(node))
                ? row
                : null;
    }

    private static ImportJob with(
            ImportJob job,
            ImportState state,
            ImportPhase phase,
            Optional<Instant> resumeAt,
            Optional<ImportError> error,
            int attempts,
            Optional<Instant> finishedAt) {
        return new ImportJob(
                job.id(),
                job.user(),
                job.provider(),
                state,
                phase,
                job.progress(),
                job.range(),
                job.activityId(),
                job.file(),
                job.cursor(),
                resumeAt,
                error,
                attempts,
                job.createdAt(),
                finishedAt);
    }

    // ---- ImportedRunStore -----------------------------------------------------------------------

    @Override
    public synchronized boolean hasStravaActivity(UserId user, String stravaId) {
        return runs.getOrDefault(user, Map.of()).containsKey(stravaId);
    }

    @Override
    public synchronized StoreOutcome store(UserId user, ImportedRun run) {
        Map<String, String> mine = runs.computeIfAbsent(user, u -> new LinkedHashMap<>());
        String known = mine.get(run.stravaId());
        if (known != null) {
            return new StoreOutcome.Duplicate(known);
        }
        String id = new java.util.UUID(0, ++nextRun).toString(); // run ids are UUIDs, as in the server
        mine.put(run.stravaId(), id);
        stored.put(run.stravaId(), run);
        return new StoreOutcome.Stored(id);
    }

    @Override
    public synchronized int deleteStravaRuns(UserId user) {
        Map<String, String> removed = runs.remove(user);
        return removed == null ? 0 : removed.size();
    }

    @Override
    public synchronized boolean deleteByStravaId(UserId user, String stravaId) {
        return runs.getOrDefault(user, new HashMap<>()).remove(stravaId) != null;
    }

    // ---- ImportEvents ---------------------------------------------------------------------------

    @Override
    public void changed(UserId user, ImportId id) {
        synchronized (this) {
            changes.add(id);
        }
        // Delivered at once, as if the change had committed (the real store delivers on commit).
        listeners.getOrDefault(id, Set.of()).forEach(Runnable::run);
    }

    @Override
    public Subscription subscribe(ImportId id, Runnable listener) {
        listeners
                .computeIfAbsent(id, i -> java.util.concurrent.ConcurrentHashMap.newKeySet())
                .add(listener);
        return () -> listeners.get(id).remove(listener);
    }
}
