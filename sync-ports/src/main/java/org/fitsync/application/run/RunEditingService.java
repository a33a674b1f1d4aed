package org.fitsync.application.run;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.OverlapPolicy;
import org.fitsync.domain.run.Source;
import org.fitsync.domain.run.StoredRun;
import org.fitsync.domain.run.TimelineRun;
import org.fitsync.ports.in.run.DeleteRunCommand;
import org.fitsync.ports.in.run.DeleteRunUseCase;
import org.fitsync.ports.in.run.EditRunCommand;
import org.fitsync.ports.in.run.EditRunUseCase;
import org.fitsync.ports.in.run.ImportedRunsUseCase;
import org.fitsync.ports.out.SyncVersionPort;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.run.DeleteRunPort;
import org.fitsync.ports.out.run.EditRunPort;
import org.fitsync.ports.out.run.FindOverlapsPort;
import org.fitsync.ports.out.run.LoadRunPort;
import org.fitsync.ports.out.run.ReviseRunPort;

/**
 * Edits and deletions. Like ingestion, each claims the user's next version (the write lock) once the
 * run is known to exist
 * and stamps every row it changes with it; a deletion re-evaluates the runs it overlapped, which
 * may now stand alone or become canonical, and brings the runner's records in sync up to date.
 */
public final class RunEditingService implements EditRunUseCase, DeleteRunUseCase, ImportedRunsUseCase {

    private final TransactionPort transactions;
    private final SyncVersionPort versions;
    private final LoadRunPort load;
    private final EditRunPort edit;
    private final DeleteRunPort delete;
    private final OverlapReevaluation overlaps;
    private final PersonalRecordsPublisher records;

    public RunEditingService(
            TransactionPort transactions,
            SyncVersionPort versions,
            LoadRunPort load,
            EditRunPort edit,
            DeleteRunPort delete,
            FindOverlapsPort find,
            ReviseRunPort revise,
            OverlapPolicy policy,
            PersonalRecordsPublisher records) {
        this.transactions = transactions;
        this.records = records;
        this.versions = versions;
        this.load = load;
        this.edit = edit;
        this.delete = delete;
        this.overlaps = new OverlapReevaluation(policy, find, revise);
    }

    @Override
    public Optional<StoredRun> edit(EditRunCommand command) {
        UserId user = command.user();
        return transactions.inUserTransaction(user, () -> {
            if (!live(user, command.id())) {
                return Optional.empty();
            }
            long version = versions.claimNextVersion(user);
            if (!edit.editRun(user, command.id(), command.change(), version)) {
                return Optional.empty();
            }
            return load.loadRun(user, command.id());
        });
    }

    @Override
    public boolean delete(DeleteRunCommand command) {
        UserId user = command.user();
        UUID id = command.id();
        return transactions.inUserTransaction(user, () -> {
            if (!live(user, id)) {
                return false;
            }
            long version = versions.claimNextVersion(user);
            Optional<TimelineRun> deleted = delete.deleteRun(user, id, version);
            deleted.ifPresent(run -> overlaps.around(user, run.span(), version));
            if (deleted.isPresent()) {
                records.republish(user, version);
            }
            return deleted.isPresent();
        });
    }

    @Override
    public Optional<StoredRun> findByStravaId(UserId user, String stravaId) {
        return transactions.inUserSnapshot(user, () -> load.loadRunByStravaId(user, stravaId));
    }

    @Override
    public int deleteStravaRuns(UserId user) {
        return transactions.inUserTransaction(user, () -> {
            long version = versions.claimNextVersion(user);
            List<TimelineRun> deleted = delete.deleteRunsFrom(user, Source.STRAVA, version);
            deleted.forEach(run -> overlaps.around(user, run.span(), version));
            if (!deleted.isEmpty()) {
                records.republish(user, version);
            }
            return deleted.size();
        });
    }

    /**
     * Whether the user has this run, looked up before claiming a version: an id that is unknown,
     * deleted or another user's is a 404 that must not touch the caller's sync state.
     */
    private boolean live(UserId user, UUID id) {
        return load.findIdentity(user, id)
                .filter(identity -> !identity.deleted())
                .isPresent();
    }
}
