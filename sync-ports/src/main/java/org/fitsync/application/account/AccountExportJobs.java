package org.fitsync.application.account;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.fitsync.domain.UserId;
import org.fitsync.domain.account.AccountExport;
import org.fitsync.domain.account.ExportId;
import org.fitsync.domain.account.ExportState;
import org.fitsync.ports.in.account.DownloadAccountExportUseCase;
import org.fitsync.ports.in.account.GetAccountExportUseCase;
import org.fitsync.ports.in.account.RequestAccountExportUseCase;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.account.AccountExportStore;
import org.fitsync.ports.out.account.SignExportLinkPort;
import org.fitsync.ports.out.files.OpenBlobPort;

/**
 * The user's side of account exports: asking for one, following it, and downloading it through a
 * signed link. The work itself is {@link AccountExportRunner}'s, on whichever node claims the job.
 */
public final class AccountExportJobs
        implements RequestAccountExportUseCase, GetAccountExportUseCase, DownloadAccountExportUseCase {

    private final TransactionPort transactions;
    private final AccountExportStore exports;
    private final SignExportLinkPort links;
    private final OpenBlobPort blobs;
    private final Duration linkTtl;
    private final Clock clock;

    /** {@code linkTtl}: how long a download link handed out with a finished export stays good. */
    public AccountExportJobs(
            TransactionPort transactions,
            AccountExportStore exports,
            SignExportLinkPort links,
            OpenBlobPort blobs,
            Duration linkTtl,
            Clock clock) {
        this.transactions = transactions;
        this.exports = exports;
        this.links = links;
        this.blobs = blobs;
        this.linkTtl = linkTtl;
        this.clock = clock;
    }

    @Override
    public Requested request(UserId user) {
        AccountExport job = AccountExport.queued(ExportId.random(), user, clock.instant());
        AccountExportStore.Created created = transactions.inUserTransaction(user, () -> exports.create(job));
        if (created instanceof AccountExportStore.Created.Queued queued) {
            return new Requested.Started(queued.job());
        }
        return new Requested.AlreadyActive(((AccountExportStore.Created.AlreadyActive) created).job());
    }

    @Override
    public Optional<ExportView> get(UserId user, ExportId id) {
        return transactions.inUserSnapshot(user, () -> exports.find(user, id)).map(this::view);
    }

    private ExportView view(AccountExport job) {
        if (job.state() != ExportState.DONE) {
            return new ExportView(job, Optional.empty());
        }
        // Whole seconds: the expiry travels in the link as epoch seconds and is signed as such.
        Instant expires = clock.instant().plus(linkTtl).truncatedTo(ChronoUnit.SECONDS);
        return new ExportView(job, Optional.of(new DownloadLink(links.link(job.id(), job.user(), expires), expires)));
    }

    @Override
    public Optional<ExportDownload> download(Query query) {
        if (!links.verify(query.id(), query.user(), query.expiresAt(), query.signature())
                || !clock.instant().isBefore(query.expiresAt())) {
            return Optional.empty();
        }
        Optional<AccountExport> done = transactions
                .inUserSnapshot(query.user(), () -> exports.find(query.user(), query.id()))
                .filter(job -> job.state() == ExportState.DONE);
        if (done.isEmpty()) {
            return Optional.empty();
        }
        try {
            Optional<InputStream> bytes = blobs.open(done.get().blobKey());
            return bytes.map(in -> new ExportDownload(in, done.get().sizeBytes().orElseThrow()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
