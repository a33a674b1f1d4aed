package org.fitsync.application.account;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.PageKey;
import org.fitsync.domain.run.RunRecording;
import org.fitsync.domain.run.StoredRun;
import org.fitsync.ports.in.account.AccountExportSink;
import org.fitsync.ports.in.account.ExportAccountUseCase;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.coach.LoadCoachLinksPort;
import org.fitsync.ports.out.daily.LoadDailyEntriesPort;
import org.fitsync.ports.out.run.ListRunsPort;
import org.fitsync.ports.out.run.LoadTrackPort;

/**
 * Exports an account: runs page by page over the history's keyset (every run, overlapping ones too),
 * each with its recording, then days, coach links and the connected provider. Each page and each
 * track is read in a short snapshot of its own: memory is one page and one track, whatever the
 * account's size, and no transaction stays open while the sink writes to a slow client.
 */
public final class AccountExportService implements ExportAccountUseCase {

    static final int PAGE = 100;

    /** The stores an export reads. */
    public record Ports(
            TransactionPort transactions,
            ListRunsPort runs,
            LoadTrackPort tracks,
            LoadDailyEntriesPort days,
            LoadCoachLinksPort coachLinks) {}

    private final Ports ports;
    private final Function<UserId, Optional<AccountExportSink.Integration>> integrations;

    public AccountExportService(Ports ports, Function<UserId, Optional<AccountExportSink.Integration>> integrations) {
        this.ports = ports;
        this.integrations = integrations;
    }

    @Override
    public void export(UserId user, AccountExportSink sink) {
        TransactionPort tx = ports.transactions();
        Optional<PageKey> after = Optional.empty();
        while (true) {
            Optional<PageKey> from = after;
            List<StoredRun> page = tx.inUserSnapshot(
                    user, () -> ports.runs().listRuns(user, Optional.empty(), Optional.empty(), from, true, PAGE));
            for (StoredRun run : page) {
                Optional<RunRecording> recording =
                        tx.inUserSnapshot(user, () -> ports.tracks().loadTrack(user, run.id()));
                sink.run(run, recording);
            }
            if (page.size() < PAGE) {
                break;
            }
            StoredRun last = page.get(page.size() - 1);
            after = Optional.of(new PageKey(last.startedAt(), last.id()));
        }
        sink.days(tx.inUserSnapshot(user, () -> ports.days().loadRange(user, Optional.empty(), Optional.empty())));
        sink.coachLinks(tx.inUserSnapshot(user, () -> ports.coachLinks().linksOf(user)));
        sink.integration(integrations.apply(user));
    }
}
