package org.fitsync.app.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.fitsync.domain.UserId;
import org.fitsync.domain.imports.ImportedRun;
import org.fitsync.domain.imports.TrackPoint;
import org.fitsync.ports.out.imports.ImportedRunStore;

/**
 * A test double of the imported-run port until the runs feature implements it: runs in a map, with
 * the checks of {@code POST /api/v1/runs} that an import can trip (span, speed, track window), and
 * counters that let a test see duplicates that were attempted. Not transactional: a rolled-back
 * import transaction does not un-store a run here (the strava_id check still prevents doubles).
 */
public final class InMemoryImportedRunStore implements ImportedRunStore {

    /** A stored run: imported ({@code run} present) or one the user recorded elsewhere. */
    public record StoredRun(String id, UserId user, String source, Optional<String> stravaId, Optional<ImportedRun> run) {}

    private final Map<String, StoredRun> runs = new ConcurrentHashMap<>();
    private final AtomicInteger duplicateAttempts = new AtomicInteger();

    @Override
    public boolean hasStravaActivity(UserId user, String stravaId) {
        return find(user, stravaId).isPresent();
    }

    @Override
    public synchronized StoreOutcome store(UserId user, ImportedRun run) {
        Optional<StoredRun> existing = find(user, run.stravaId());
        if (existing.isPresent()) {
            duplicateAttempts.incrementAndGet();
            return new StoreOutcome.Duplicate(existing.get().id());
        }
        Optional<String> invalid = validate(run);
        if (invalid.isPresent()) {
            return new StoreOutcome.Rejected(invalid.get());
        }
        String id = UUID.randomUUID().toString();
        runs.put(id, new StoredRun(id, user, ImportedRun.SOURCE, Optional.of(run.stravaId()), Optional.of(run)));
        return new StoreOutcome.Stored(id);
    }

    private static Optional<String> validate(ImportedRun run) {
        Duration span = Duration.between(run.startedAt(), run.endedAt());
        if (span.isNegative() || span.isZero() || span.compareTo(Duration.ofHours(48)) > 0) {
            return Optional.of("span must be within 48 h");
        }
        if (run.durationS() < 0 || run.durationS() > span.toSeconds()) {
            return Optional.of("duration_s out of range");
        }
        if (run.distanceM() < 0 || run.distanceM() / span.toSeconds() > 15) {
            return Optional.of("distance out of range");
        }
        long from = run.startedAt().toEpochMilli() - 60_000;
        long to = run.endedAt().toEpochMilli() + 60_000;
        long previous = Long.MIN_VALUE;
        for (TrackPoint p : run.track()) {
            if (p.epochMs() < from || p.epochMs() > to || p.epochMs() < previous) {
                return Optional.of("track point outside the run");
            }
            previous = p.epochMs();
        }
        return Optional.empty();
    }

    @Override
    public synchronized int deleteStravaRuns(UserId user) {
        List<String> doomed = runs.values().stream()
                .filter(r -> r.user().equals(user) && r.stravaId().isPresent()).map(StoredRun::id).toList();
        doomed.forEach(runs::remove);
        return doomed.size();
    }

    @Override
    public synchronized boolean deleteByStravaId(UserId user, String stravaId) {
        Optional<StoredRun> existing = find(user, stravaId);
        existing.ifPresent(r -> runs.remove(r.id()));
        return existing.isPresent();
    }

    /** A run the user recorded on their phone, which no Strava operation may touch. */
    public String addPhoneRun(UserId user) {
        String id = UUID.randomUUID().toString();
        runs.put(id, new StoredRun(id, user, "phone", Optional.empty(), Optional.empty()));
        return id;
    }

    public List<StoredRun> runs(UserId user) {
        return new ArrayList<>(runs.values().stream().filter(r -> r.user().equals(user)).toList());
    }

    public List<ImportedRun> imported(UserId user) {
        return runs(user).stream().flatMap(r -> r.run().stream()).toList();
    }

    public int duplicateAttempts() {
        return duplicateAttempts.get();
    }

    private Optional<StoredRun> find(UserId user, String stravaId) {
        return runs.values().stream()
                .filter(r -> r.user().equals(user) && r.stravaId().equals(Optional.of(stravaId)))
                .findFirst();
    }
}
