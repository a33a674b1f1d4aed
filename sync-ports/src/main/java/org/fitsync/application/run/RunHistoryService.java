package org.fitsync.application.run;

import java.util.List;
import java.util.Optional;
import org.fitsync.domain.run.PageKey;
import org.fitsync.domain.run.RunRecording;
import org.fitsync.domain.run.StoredRun;
import org.fitsync.ports.in.run.GetRunQuery;
import org.fitsync.ports.in.run.GetRunUseCase;
import org.fitsync.ports.in.run.GetTrackQuery;
import org.fitsync.ports.in.run.GetTrackUseCase;
import org.fitsync.ports.in.run.ListRunsQuery;
import org.fitsync.ports.in.run.ListRunsUseCase;
import org.fitsync.ports.in.run.RunPage;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.run.ListRunsPort;
import org.fitsync.ports.out.run.LoadRunPort;
import org.fitsync.ports.out.run.LoadTrackPort;

/** Reads of the run history, each on one consistent snapshot. */
public final class RunHistoryService implements ListRunsUseCase, GetRunUseCase, GetTrackUseCase {

    private final TransactionPort transactions;
    private final ListRunsPort list;
    private final LoadRunPort load;
    private final LoadTrackPort tracks;

    public RunHistoryService(TransactionPort transactions, ListRunsPort list, LoadRunPort load, LoadTrackPort tracks) {
        this.transactions = transactions;
        this.list = list;
        this.load = load;
        this.tracks = tracks;
    }

    @Override
    public RunPage list(ListRunsQuery query) {
        // One row more than asked tells whether another page follows without a second query.
        List<StoredRun> rows = transactions.inUserSnapshot(
                query.user(),
                () -> list.listRuns(
                        query.user(),
                        query.from(),
                        query.to(),
                        query.after(),
                        query.includeOverlapping(),
                        query.limit() + 1));
        if (rows.size() <= query.limit()) {
            return new RunPage(rows, Optional.empty());
        }
        List<StoredRun> page = rows.subList(0, query.limit());
        StoredRun last = page.get(page.size() - 1);
        return new RunPage(page, Optional.of(new PageKey(last.startedAt(), last.id())));
    }

    @Override
    public Optional<StoredRun> get(GetRunQuery query) {
        return transactions.inUserSnapshot(query.user(), () -> load.loadRun(query.user(), query.id()));
    }

    @Override
    public Optional<RunRecording> track(GetTrackQuery query) {
        return transactions.inUserSnapshot(query.user(), () -> tracks.loadTrack(query.user(), query.id()));
    }
}
