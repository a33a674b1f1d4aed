package org.fitsync.application.imports;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.fitsync.domain.UserId;
import org.fitsync.domain.files.ActivityFile;
import org.fitsync.domain.files.FileFormat;
import org.fitsync.domain.files.FileId;
import org.fitsync.domain.files.FileState;
import org.fitsync.domain.imports.ImportId;
import org.fitsync.domain.imports.ImportJob;
import org.fitsync.ports.in.imports.CancelImportCommand;
import org.fitsync.ports.in.imports.CancelImportUseCase;
import org.fitsync.ports.in.imports.GetImportQuery;
import org.fitsync.ports.in.imports.GetImportUseCase;
import org.fitsync.ports.in.imports.ListImportsQuery;
import org.fitsync.ports.in.imports.ListImportsUseCase;
import org.fitsync.ports.in.imports.StartImportCommand;
import org.fitsync.ports.in.imports.StartImportUseCase;
import org.fitsync.ports.in.imports.WatchImportQuery;
import org.fitsync.ports.in.imports.WatchImportUseCase;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.files.LoadFilePort;
import org.fitsync.ports.out.imports.ImportEvents;
import org.fitsync.ports.out.imports.ImportJobStore;
import org.fitsync.ports.out.imports.ProviderConnectionStore;

/** Starting, viewing, watching and cancelling imports. The work itself is the {@link ImportRunner}'s. */
public final class ImportService
        implements StartImportUseCase, ListImportsUseCase, GetImportUseCase, CancelImportUseCase, WatchImportUseCase {

    private static final int LIST_LIMIT = 100;

    private final TransactionPort transactions;
    private final ImportJobStore jobs;
    private final ProviderConnectionStore connections;
    private final LoadFilePort files;
    private final ImportEvents events;
    private final Clock clock;

    public ImportService(
            TransactionPort transactions,
            ImportJobStore jobs,
            ProviderConnectionStore connections,
            LoadFilePort files,
            ImportEvents events,
            Clock clock) {
        this.transactions = transactions;
        this.jobs = jobs;
        this.connections = connections;
        this.files = files;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public StartOutcome start(StartImportCommand command) {
        UserId user = command.user();
        return transactions.inUserTransaction(user, () -> {
            ImportJob job;
            if (command.file().isPresent()) {
                // An archive is the user's own copy of their Strava data: no connection needed.
                Optional<String> unusable = unusable(user, command.file().get());
                if (unusable.isPresent()) {
                    return new StartOutcome.FileNotUsable(unusable.get());
                }
                job = ImportJob.queuedFromFile(
                        ImportId.random(),
                        user,
                        command.provider(),
                        command.file().get(),
                        clock.instant());
            } else {
                if (connections.load(user).isEmpty()) {
                    return new StartOutcome.NotConnected(command.provider());
                }
                job = ImportJob.queued(
                        ImportId.random(),
                        user,
                        command.provider(),
                        command.range(),
                        Optional.empty(),
                        clock.instant());
            }
            ImportJobStore.Created created = jobs.create(job);
            if (created instanceof ImportJobStore.Created.AlreadyActive active) {
                return new StartOutcome.AlreadyActive(active.active());
            }
            ImportJob queued = ((ImportJobStore.Created.Queued) created).job();
            events.changed(user, queued.id());
            return new StartOutcome.Started(queued);
        });
    }

    /** Why the file cannot be imported as an archive, if it cannot: the user's own ZIP with verified bytes. */
    private Optional<String> unusable(UserId user, FileId id) {
        Optional<ActivityFile> file = files.load(user, id);
        if (file.isEmpty()) {
            return Optional.of("no such file");
        }
        if (file.get().format() != FileFormat.ZIP) {
            return Optional.of("must name a zip file (a Strava account export)");
        }
        if (file.get().state() == FileState.AWAITING_UPLOAD) {
            return Optional.of("the file's bytes have not been uploaded");
        }
        return Optional.empty();
    }

    @Override
    public List<ImportJob> list(ListImportsQuery query) {
        UserId user = query.user();
        return transactions.inUserSnapshot(user, () -> jobs.list(user, LIST_LIMIT));
    }

    @Override
    public Optional<ImportJob> get(GetImportQuery query) {
        return transactions.inUserSnapshot(query.user(), () -> jobs.find(query.user(), query.id()));
    }

    @Override
    public CancelOutcome cancel(CancelImportCommand command) {
        UserId user = command.user();
        ImportId id = command.id();
        return transactions.inUserTransaction(user, () -> {
            Optional<ImportJob> existing = jobs.find(user, id);
            if (existing.isEmpty()) {
                return new CancelOutcome.NotFound();
            }
            // The state changes here and now; the event tells the node running the job, which stops at
            // once (and its heartbeats and writes are conditional on the job still running anyway).
            Optional<ImportJob> cancelled = jobs.cancel(user, id, clock.instant());
            if (cancelled.isEmpty()) {
                return new CancelOutcome.AlreadyFinished(existing.get());
            }
            events.changed(user, id);
            return new CancelOutcome.Cancelled(cancelled.get());
        });
    }

    @Override
    public Optional<Watch> watch(WatchImportQuery query, Runnable onChange) {
        if (get(new GetImportQuery(query.user(), query.id())).isEmpty()) {
            return Optional.empty();
        }
        ImportEvents.Subscription subscription = events.subscribe(query.id(), onChange);
        return Optional.of(subscription::close);
    }
}
