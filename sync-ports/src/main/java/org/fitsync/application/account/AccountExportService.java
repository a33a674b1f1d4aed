package org.fitsync.application.account;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.fitsync.domain.UserId;
import org.fitsync.domain.files.ActivityFile;
import org.fitsync.domain.files.BlobKey;
import org.fitsync.domain.files.FileId;
import org.fitsync.domain.run.PageKey;
import org.fitsync.domain.run.RunRecording;
import org.fitsync.domain.run.StoredRun;
import org.fitsync.ports.in.account.AccountExportSink;
import org.fitsync.ports.in.account.ExportAccountUseCase;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.coach.LoadCoachLinksPort;
import org.fitsync.ports.out.daily.LoadDailyEntriesPort;
import org.fitsync.ports.out.files.LoadFilePort;
import org.fitsync.ports.out.files.OpenBlobPort;
import org.fitsync.ports.out.run.ListRunsPort;
import org.fitsync.ports.out.run.LoadTrackPort;

/**
 * Exports an account: runs page by page over the history's keyset (every run, overlapping ones too),
 * each with its recording and the file it was made of, then days (with their sleep records), coach links and the connected provider. Each page and each
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
            LoadCoachLinksPort coachLinks,
            LoadFilePort files,
            OpenBlobPort blobs) {}

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
                if (run.fileId().isPresent()) {
                    original(user, run, new FileId(run.fileId().get()), sink);
                }
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

    /** The uploaded file a run was made of, streamed from the blob store; absent bytes are skipped. */
    private void original(UserId user, StoredRun run, FileId id, AccountExportSink sink) {
        Optional<ActivityFile> file =
                ports.transactions().inUserSnapshot(user, () -> ports.files().load(user, id));
        if (file.isEmpty()) {
            return;
        }
        String extension = file.get().format().wireName()
                + (file.get().filename().toLowerCase(Locale.ROOT).endsWith(".gz") ? ".gz" : "");
        try {
            Optional<InputStream> bytes = ports.blobs().open(new BlobKey(user, id));
            if (bytes.isPresent()) {
                try (InputStream in = bytes.get()) {
                    sink.original(run, id, extension, in);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
