package org.fitsync.application.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.ContentFingerprint;
import org.fitsync.domain.run.NewRun;
import org.fitsync.domain.run.RunDetailsChange;
import org.fitsync.domain.run.RunFigures;
import org.fitsync.domain.run.RunFiguresCalculator;
import org.fitsync.domain.run.RunRevision;
import org.fitsync.domain.run.Source;
import org.fitsync.domain.run.StoredRun;
import org.fitsync.domain.run.TimeSpan;
import org.fitsync.domain.run.TimelineRun;
import org.fitsync.ports.out.SyncVersionPort;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.run.DeleteRunPort;
import org.fitsync.ports.out.run.EditRunPort;
import org.fitsync.ports.out.run.FindOverlapsPort;
import org.fitsync.ports.out.run.LoadRunPort;
import org.fitsync.ports.out.run.ReviseRunPort;
import org.fitsync.ports.out.run.RunIdentity;
import org.fitsync.ports.out.run.StoreNewRunPort;

/**
 * The out-ports over a map, for one user, recording every call in order (with the version each
 * write stamped), so service tests can check what happened and in which order.
 */
final class InMemoryRuns
        implements LoadRunPort,
                FindOverlapsPort,
                StoreNewRunPort,
                ReviseRunPort,
                EditRunPort,
                DeleteRunPort,
                SyncVersionPort,
                TransactionPort {

    record Row(
            NewRun run,
            ContentFingerprint fingerprint,
            long createdVersion,
            long version,
            boolean overlapping,
            List<UUID> overlaps,
            Optional<String> notes,
            boolean deleted) {}

    final Map<UUID, Row> rows = new LinkedHashMap<>();
    final List<String> calls = new ArrayList<>();
    long version;
    boolean inTransaction;

    @Override
    public <T> T inUserTransaction(UserId user, Supplier<T> work) {
        inTransaction = true;
        try {
            return work.get();
        } finally {
            inTransaction = false;
        }
    }

    @Override
    public <T> T inUserSnapshot(UserId user, Supplier<T> work) {
        return work.get();
    }

    @Override
    public long claimNextVersion(UserId user) {
        calls.add("claim");
        return ++version;
    }

    @Override
    public long currentVersion(UserId user) {
        return version;
    }

    @Override
    public Optional<StoredRun> loadRun(UserId user, UUID id) {
        calls.add("load");
        return Optional.ofNullable(rows.get(id)).filter(r -> !r.deleted()).map(InMemoryRuns::stored);
    }

    @Override
    public Optional<StoredRun> loadRunByStravaId(UserId user, String stravaId) {
        calls.add("loadByStrava");
        return rows.values().stream()
                .filter(r -> !r.deleted() && r.run().stravaId().equals(Optional.of(stravaId)))
                .findFirst()
                .map(InMemoryRuns::stored);
    }

    @Override
    public Optional<RunIdentity> findIdentity(UserId user, UUID id) {
        calls.add("identity");
        return Optional.ofNullable(rows.get(id)).map(r -> new RunIdentity(id, r.fingerprint(), r.deleted()));
    }

    @Override
    public List<TimelineRun> findOverlapping(UserId user, TimeSpan span) {
        calls.add("overlaps");
        return overlapping(span);
    }

    private List<TimelineRun> overlapping(TimeSpan span) {
        return rows.values().stream()
                .filter(r -> !r.deleted() && r.run().span().overlaps(span))
                .map(r -> new TimelineRun(
                        r.run().id(),
                        r.run().span(),
                        r.run().source(),
                        r.createdVersion(),
                        r.notes(),
                        r.overlapping(),
                        r.overlaps()))
                .toList();
    }

    @Override
    public FirstLook identityOrClaim(UserId user, UUID id) {
        calls.add("identity");
        Optional<RunIdentity> identity =
                Optional.ofNullable(rows.get(id)).map(r -> new RunIdentity(id, r.fingerprint(), r.deleted()));
        if (identity.isPresent()) {
            return new FirstLook.Known(identity.get());
        }
        return new FirstLook.Claimed(claimNextVersion(user));
    }

    /** Like the PostgreSQL store: an insert that checks, and only when it refuses, a look at why. */
    @Override
    public StoreAttempt storeIfNew(
            UserId user,
            NewRun run,
            ContentFingerprint fingerprint,
            String polyline,
            RunFigures figures,
            long version) {
        requireTransaction();
        Optional<Row> sameActivity = run.stravaId()
                .flatMap(stravaId -> rows.values().stream()
                        .filter(r -> !r.deleted() && r.run().stravaId().equals(Optional.of(stravaId)))
                        .findFirst());
        if (rows.containsKey(run.id())
                || sameActivity.isPresent()
                || !overlapping(run.span()).isEmpty()) {
            calls.add("insert-if-clear refused");
            calls.add("identity+overlaps");
            Row known = rows.get(run.id());
            if (known != null) {
                return new StoreAttempt.AlreadyKnown(new RunIdentity(run.id(), known.fingerprint(), known.deleted()));
            }
            if (sameActivity.isPresent()) {
                calls.add("loadByStrava");
                return new StoreAttempt.StravaIdTaken(sameActivity.get().run().id());
            }
            return new StoreAttempt.MayOverlap(overlapping(run.span()));
        }
        calls.add("insert-if-clear@" + version);
        Row row = new Row(run, fingerprint, version, version, false, List.of(), run.notes(), false);
        rows.put(run.id(), row);
        return new StoreAttempt.Stored(stored(row));
    }

    @Override
    public StoredRun store(
            UserId user,
            NewRun run,
            ContentFingerprint fingerprint,
            String polyline,
            RunFigures figures,
            long version) {
        requireTransaction();
        calls.add("insert@" + version);
        Row row = new Row(run, fingerprint, version, version, false, List.of(), run.notes(), false);
        rows.put(run.id(), row);
        return stored(row);
    }

    @Override
    public void reviseRun(UserId user, RunRevision revision, long version) {
        requireTransaction();
        calls.add("revise@" + version);
        Row r = rows.get(revision.id());
        rows.put(
                revision.id(),
                new Row(
                        r.run(),
                        r.fingerprint(),
                        r.createdVersion(),
                        version,
                        revision.state().overlapping(),
                        revision.state().overlaps(),
                        revision.carriedNotes().or(r::notes),
                        r.deleted()));
    }

    @Override
    public boolean editRun(UserId user, UUID id, RunDetailsChange change, long version) {
        throw new UnsupportedOperationException("not needed by these tests");
    }

    @Override
    public Optional<TimelineRun> deleteRun(UserId user, UUID id, long version) {
        requireTransaction();
        calls.add("delete@" + version);
        Row r = rows.get(id);
        if (r == null || r.deleted()) {
            return Optional.empty();
        }
        rows.put(
                id,
                new Row(
                        r.run(),
                        r.fingerprint(),
                        r.createdVersion(),
                        version,
                        r.overlapping(),
                        r.overlaps(),
                        r.notes(),
                        true));
        return Optional.of(new TimelineRun(
                id, r.run().span(), r.run().source(), r.createdVersion(), r.notes(), r.overlapping(), r.overlaps()));
    }

    @Override
    public List<TimelineRun> deleteRunsFrom(UserId user, Source source, long version) {
        List<TimelineRun> deleted = new ArrayList<>();
        for (UUID id : List.copyOf(rows.keySet())) {
            if (rows.get(id).run().source() == source) {
                deleteRun(user, id, version).ifPresent(deleted::add);
            }
        }
        return deleted;
    }

    private void requireTransaction() {
        if (!inTransaction) {
            throw new AssertionError("a write outside a transaction");
        }
    }

    private static StoredRun stored(Row r) {
        NewRun run = r.run();
        return new StoredRun(
                run.id(),
                run.span(),
                run.durationS(),
                run.distanceM(),
                run.source(),
                r.notes(),
                run.metadataJson(),
                "",
                run.track().size(),
                r.overlapping(),
                r.overlaps(),
                run.stravaId(),
                run.weatherJson(),
                Instant.EPOCH,
                Instant.EPOCH,
                Optional.empty(),
                Optional.empty(),
                RunFiguresCalculator.of(run));
    }
}
