package org.fitsync.application.imports;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.fitsync.domain.UserId;
import org.fitsync.domain.imports.ImportId;
import org.fitsync.domain.imports.ImportJob;
import org.fitsync.domain.imports.ImportRange;
import org.fitsync.ports.in.imports.DisconnectProviderUseCase;
import org.fitsync.ports.in.imports.HandleProviderEventUseCase;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.imports.ImportEvents;
import org.fitsync.ports.out.imports.ImportJobStore;
import org.fitsync.ports.out.imports.ImportedRunStore;
import org.fitsync.ports.out.imports.ProviderConnectionStore;

/**
 * Strava webhook events, handled off the request thread (Strava wants its answer within two
 * seconds). A new or updated activity becomes a single-activity import job, so it is fetched by
 * the same resilient runner; a deleted one is deleted; a deauthorised athlete is disconnected.
 */
public final class ProviderEventService implements HandleProviderEventUseCase {

    private static final Logger LOG = Logger.getLogger(ProviderEventService.class.getName());

    private final TransactionPort transactions;
    private final ProviderConnectionStore connections;
    private final ImportJobStore jobs;
    private final ImportedRunStore runs;
    private final ImportEvents events;
    private final DisconnectProviderUseCase disconnect;
    private final ExecutorService executor;
    private final Clock clock;

    public ProviderEventService(TransactionPort transactions, ProviderConnectionStore connections, ImportJobStore jobs,
                                ImportedRunStore runs, ImportEvents events, DisconnectProviderUseCase disconnect,
                                ExecutorService executor, Clock clock) {
        this.transactions = transactions;
        this.connections = connections;
        this.jobs = jobs;
        this.runs = runs;
        this.events = events;
        this.disconnect = disconnect;
        this.executor = executor;
        this.clock = clock;
    }

    @Override
    public void accept(ProviderEvent event) {
        try {
            executor.execute(() -> {
                try {
                    handle(event);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Strava webhook event could not be handled", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warning("Strava webhook event dropped: the node is shutting down");
        }
    }

    /** Handles the event on the calling thread. */
    public void handle(ProviderEvent event) {
        long athlete = event.objectType().equals("athlete") ? event.objectId() : event.ownerId();
        Optional<UserId> user = connections.userForAthlete(athlete);
        if (user.isEmpty()) {
            return;
        }
        UserId owner = user.get();
        if (event.objectType().equals("athlete")) {
            if (event.deauthorized()) {
                disconnect.disconnect(owner);
            }
            return;
        }
        if (!event.objectType().equals("activity")) {
            return;
        }
        String activityId = Long.toString(event.objectId());
        switch (event.aspect()) {
            case "create", "update" -> transactions.useUserTransaction(owner, () -> {
                ImportJob job = ImportJob.queued(ImportId.random(), owner, "strava", ImportRange.WHOLE_HISTORY,
                        Optional.of(activityId), clock.instant());
                jobs.create(job);
                events.changed(owner, job.id());
            });
            case "delete" -> transactions.useUserTransaction(owner, () -> runs.deleteByStravaId(owner, activityId));
            default -> { }
        }
    }
}
