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
import org.fitsync.ports.in.imports.DisconnectProviderCommand;
import org.fitsync.ports.in.imports.DisconnectProviderUseCase;
import org.fitsync.ports.in.imports.HandleProviderEventCommand;
import org.fitsync.ports.in.imports.HandleProviderEventUseCase;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.imports.ActivityProvider;
import org.fitsync.ports.out.imports.ImportEvents;
import org.fitsync.ports.out.imports.ImportJobStore;
import org.fitsync.ports.out.imports.ProviderConnectionStore;
import org.fitsync.ports.out.imports.ProviderResult;

/**
 * Strava webhook events, handled off the request thread (Strava wants its answer within two
 * seconds). A new, updated or deleted activity becomes a single-activity import job, so it is
 * fetched (or found gone) by the same resilient runner; a deauthorised athlete is disconnected.
 */
public final class ProviderEventService implements HandleProviderEventUseCase {

    private static final Logger LOG = Logger.getLogger(ProviderEventService.class.getName());

    private final TransactionPort transactions;
    private final ProviderConnectionStore connections;
    private final ImportJobStore jobs;
    private final ActivityProvider provider;
    private final ImportEvents events;
    private final DisconnectProviderUseCase disconnect;
    private final ExecutorService executor;
    private final Clock clock;

    public ProviderEventService(
            TransactionPort transactions,
            ProviderConnectionStore connections,
            ImportJobStore jobs,
            ActivityProvider provider,
            ImportEvents events,
            DisconnectProviderUseCase disconnect,
            ExecutorService executor,
            Clock clock) {
        this.transactions = transactions;
        this.connections = connections;
        this.jobs = jobs;
        this.provider = provider;
        this.events = events;
        this.disconnect = disconnect;
        this.executor = executor;
        this.clock = clock;
    }

    @Override
    public void accept(HandleProviderEventCommand event) {
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
    public void handle(HandleProviderEventCommand event) {
        long athlete = event.objectType().equals("athlete") ? event.objectId() : event.ownerId();
        Optional<UserId> user = connections.userForAthlete(athlete);
        if (user.isEmpty()) {
            return;
        }
        UserId owner = user.get();
        if (event.objectType().equals("athlete")) {
            // Strava does not sign webhook events, so an event is a hint, checked with Strava before
            // anything is deleted: the user is disconnected only if Strava refuses their tokens.
            if (event.deauthorized()
                    && provider.listActivities(owner, Optional.empty(), Optional.empty(), 1)
                            instanceof ProviderResult.Unauthorized) {
                disconnect.disconnect(new DisconnectProviderCommand(owner));
            }
            return;
        }
        if (!event.objectType().equals("activity")) {
            return;
        }
        String activityId = Long.toString(event.objectId());
        switch (event.aspect()) {
            // A delete goes through the same single-activity job as an update: the job asks Strava and
            // deletes the run only if the activity is really gone (events are not signed).
            case "create", "update", "delete" ->
                transactions.useUserTransaction(owner, () -> {
                    ImportJob job = ImportJob.queued(
                            ImportId.random(),
                            owner,
                            "strava",
                            ImportRange.WHOLE_HISTORY,
                            Optional.of(activityId),
                            clock.instant());
                    jobs.create(job);
                    events.changed(owner, job.id());
                });
            default -> {}
        }
    }
}
