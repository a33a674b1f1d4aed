package org.fitsync.application.imports;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.fitsync.application.run.RunPlaces;
import org.fitsync.domain.UserId;
import org.fitsync.domain.imports.ActivityDetails;
import org.fitsync.domain.imports.ImportError;
import org.fitsync.domain.imports.ImportJob;
import org.fitsync.domain.imports.ImportPhase;
import org.fitsync.domain.imports.ImportProgress;
import org.fitsync.domain.imports.ImportProgress.ActivityOutcome;
import org.fitsync.domain.imports.ImportState;
import org.fitsync.domain.imports.ProviderActivity;
import org.fitsync.domain.imports.RunMapping;
import org.fitsync.domain.run.TrackPoint;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.imports.ActivityProvider;
import org.fitsync.ports.out.imports.ActivityProviders;
import org.fitsync.ports.out.imports.ImportEvents;
import org.fitsync.ports.out.imports.ImportJobStore;
import org.fitsync.ports.out.imports.ImportMetrics;
import org.fitsync.ports.out.imports.ImportedRunStore;
import org.fitsync.ports.out.imports.ProviderResult;
import org.fitsync.ports.out.imports.WeatherLookup;

/**
 * Runs import jobs: claims one, pages through the provider's activities (newest first, resuming
 * at the checkpoint), and stores each run together with the checkpoint in one transaction, so a
 * crash never loses or duplicates a run. When the provider's rate limit would be exceeded the job
 * is parked with a resume time and the thread moves on; a heartbeat keeps the lease while working.
 */
public final class ImportRunner {

    /** How the runner behaves; the lease is how long a silent node keeps a job before another takes it. */
    public record Settings(String node, Duration lease, int pageSize, int maxAttempts, int parallelFetches) {
        public Settings {
            if (lease.toMillis() < 300 || pageSize < 1 || pageSize > 200 || maxAttempts < 1 || parallelFetches < 1) {
                throw new IllegalArgumentException("invalid import runner settings");
            }
        }
    }

    private final Settings settings;
    private final TransactionPort transactions;
    private final ImportJobStore jobs;
    private final ActivityProviders providers;
    private final WeatherLookup weather;
    private final RunPlaces places;
    private final ExecutorService fetches;
    private final ImportedRunStore runs;
    private final ImportEvents events;
    private final ScheduledExecutorService heartbeats;
    private final JobContext context;
    private final ImportMetrics metrics;
    private final Clock clock;

    public ImportRunner(
            Settings settings,
            TransactionPort transactions,
            ImportJobStore jobs,
            ActivityProviders providers,
            ImportedRunStore runs,
            WeatherLookup weather,
            RunPlaces places,
            ImportEvents events,
            ScheduledExecutorService heartbeats,
            ExecutorService fetches,
            JobContext context,
            ImportMetrics metrics,
            Clock clock) {
        this.settings = settings;
        this.transactions = transactions;
        this.jobs = jobs;
        this.providers = providers;
        this.weather = weather;
        this.places = places;
        this.fetches = fetches;
        this.runs = runs;
        this.events = events;
        this.heartbeats = heartbeats;
        this.context = context;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Claims and runs one job until it finishes, is parked, or is lost; false if none was runnable. */
    public boolean runOnce() {
        Optional<ImportJob> claimed = jobs.claimNext(settings.node(), settings.lease());
        if (claimed.isEmpty()) {
            return false;
        }
        ImportJob job = claimed.get();
        transactions.useUserTransaction(job.user(), () -> events.changed(job.user(), job.id()));
        JobStop stop = new JobStop();
        long beat = Math.max(100, settings.lease().toMillis() / 3);
        ScheduledFuture<?> heartbeat =
                heartbeats.scheduleWithFixedDelay(() -> beat(job, stop), beat, beat, TimeUnit.MILLISECONDS);
        // A cancel made on any node reaches this one as an event on the job: the runner stops at once,
        // in-flight provider calls are interrupted and no new one starts (the user's rate-limit budget
        // belongs to their next import), rather than at the next heartbeat, a third of a lease later.
        ImportEvents.Subscription cancellations =
                events.subscribe(job.id(), () -> heartbeats.execute(() -> checkStillRunning(job, stop)));
        JobContext.Scope scope = context.enter(job);
        try {
            ProviderResult<ActivityProviders.Opened> opened = providers.open(job);
            if (opened instanceof ProviderResult.Ok<ActivityProviders.Opened> ok) {
                try (ActivityProviders.Opened provider = ok.value()) {
                    new Execution(job, stop, provider.provider()).run();
                }
            } else {
                new Execution(job, stop, null).stopOn(opened);
            }
        } catch (LeaseLost e) {
            // Cancelled, or another node took the job over: its state is theirs now.
        } finally {
            cancellations.close();
            heartbeat.cancel(false);
            scope.close();
        }
        return true;
    }

    private void checkStillRunning(ImportJob job, JobStop stop) {
        if (stop.isStopped()) {
            return;
        }
        try {
            boolean running = transactions.inUserTransaction(
                    job.user(),
                    () -> jobs.find(job.user(), job.id())
                            .map(j -> j.state() == ImportState.RUNNING)
                            .orElse(false));
            if (!running) {
                stop.stop();
            }
        } catch (RuntimeException e) {
            // The heartbeat finds out in its turn.
        }
    }

    private void beat(ImportJob job, JobStop stop) {
        try {
            boolean ours = transactions.inUserTransaction(
                    job.user(), () -> jobs.heartbeat(job.user(), job.id(), settings.node(), settings.lease()));
            if (!ours) {
                stop.stop();
            }
        } catch (RuntimeException e) {
            // A missed beat is harmless unless the lease runs out; the next one tries again.
        }
    }

    /**
     * Thrown inside a transaction to roll it back when the job is no longer ours: a run must not be
     * stored for a job that was cancelled or taken over meanwhile.
     */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super("import lease lost", null, false, false);
        }
    }

    /** How storing one activity ended, and the run it created, if any. */
    private record Stored(ActivityOutcome outcome, Optional<String> runId) {
        static Stored without(ActivityOutcome outcome) {
            return new Stored(outcome, Optional.empty());
        }
    }

    /** One claimed job being worked on. */
    private final class Execution {
        private ImportJob job;
        private boolean unsaved;
        private final JobStop stop;
        private final UserId user;
        private final ActivityProvider provider;
        private final RunEnrichment enrichment;

        /** {@code provider} is null when it could not be opened: the execution only records why. */
        Execution(ImportJob job, JobStop stop, ActivityProvider provider) {
            this.job = job;
            this.stop = stop;
            this.user = job.user();
            this.provider = provider;
            this.enrichment = new RunEnrichment(provider, weather, fetches, context, settings.parallelFetches(), clock);
        }

        void run() {
            if (job.activityId().isPresent()) {
                runSingle(job.activityId().get());
                return;
            }
            while (true) {
                save(job.withProgress(job.progress(), ImportPhase.LISTING, job.cursor()));
                ProviderResult<List<ProviderActivity>> page = provider.listActivities(
                        user, job.listBefore(), job.range().after(), settings.pageSize());
                if (!(page instanceof ProviderResult.Ok<List<ProviderActivity>> ok)) {
                    stopOn(page);
                    return;
                }
                List<ProviderActivity> activities = ok.value();
                ImportProgress progress = job.progress();
                // Everything before this page is processed, so fetched is that plus this page: a page
                // fetched again after a crash is not counted twice.
                ImportProgress listed = new ImportProgress(
                        progress.processed() + activities.size(),
                        progress.imported(),
                        progress.skippedDuplicate(),
                        progress.skippedNotRun(),
                        progress.failed(),
                        progress.estimatedTotal());
                if (activities.isEmpty()) {
                    finish(job.withProgress(
                            listed.withEstimatedTotal(listed.fetched()), ImportPhase.DONE, job.cursor()));
                    return;
                }
                save(job.withProgress(listed, ImportPhase.IMPORTING, job.cursor()));
                Set<String> known = transactions.inUserSnapshot(
                        user,
                        () -> activities.stream()
                                .filter(a -> RunMapping.isRun(a.sportType()) && runs.hasStravaActivity(user, a.id()))
                                .map(ProviderActivity::id)
                                .collect(Collectors.toSet()));
                List<ProviderActivity> newRuns = activities.stream()
                        .filter(a -> RunMapping.isRun(a.sportType()) && !known.contains(a.id()))
                        .toList();
                try (RunEnrichment.Batch batch = enrichment.batch(job, newRuns, stop)) {
                    for (ProviderActivity activity : activities) {
                        checkLease();
                        if (!importOne(activity, known.contains(activity.id()), false, () -> batch.get(activity))) {
                            return;
                        }
                    }
                }
                if (unsaved) {
                    save(job);
                }
            }
        }

        private void runSingle(String activityId) {
            ProviderResult<ProviderActivity> found = provider.activity(user, activityId);
            if (found instanceof ProviderResult.NotFound<ProviderActivity>) {
                transactions.useUserTransaction(user, () -> runs.deleteByStravaId(user, activityId));
                finish(job.withProgress(job.progress(), ImportPhase.DONE, job.cursor()));
                return;
            }
            if (!(found instanceof ProviderResult.Ok<ProviderActivity> ok)) {
                stopOn(found);
                return;
            }
            ImportProgress progress = job.progress().plusFetched(1);
            save(job.withProgress(progress, ImportPhase.IMPORTING, job.cursor()));
            // An update replaces the run: what was stored for the activity goes, the current version comes.
            if (importOne(ok.value(), false, true, () -> enrichment.now(job, ok.value(), stop))) {
                finish(job.withProgress(job.progress().withEstimatedTotal(1), ImportPhase.DONE, job.cursor()));
            }
        }

        /**
         * Imports one activity and moves the checkpoint past it; false if the job had to stop. A
         * skipped activity only advances the checkpoint in memory: it is written with the next
         * stored run or at the end of the page, and a crash before that merely skips it again.
         */
        private boolean importOne(
                ProviderActivity activity, boolean known, boolean replace, Supplier<RunEnrichment.Enriched> enrich) {
            Optional<Instant> past = Optional.of(activity.startDate());
            if (!RunMapping.isRun(activity.sportType())) {
                if (replace) {
                    transactions.useUserTransaction(user, () -> runs.deleteByStravaId(user, activity.id()));
                }
                skip(ActivityOutcome.NOT_A_RUN, past);
                return true;
            }
            if (known) {
                skip(ActivityOutcome.DUPLICATE, past);
                return true;
            }
            RunEnrichment.Enriched enriched = enrich.get();
            checkLease(); // a fetch cut short because the job stopped is not the provider failing
            ActivityDetails details;
            if (enriched.details() instanceof ProviderResult.Ok<ActivityDetails> ok) {
                details = ok.value();
            } else if (enriched.details() instanceof ProviderResult.NotFound<ActivityDetails>) {
                details = ActivityDetails.of(activity, List.of());
            } else {
                stopOn(enriched.details());
                return false;
            }
            Optional<String> conditions = enriched.weather();
            RunMapping.Mapped mapped = RunMapping.map(details, conditions);
            ImportJob before = job;
            Stored stored = transactions.inUserTransaction(user, () -> {
                Stored outcome = store(mapped, activity, replace);
                writeCheckpoint(
                        before.withProgress(before.progress().plus(outcome.outcome()), ImportPhase.IMPORTING, past));
                return outcome;
            });
            metrics.activity(stored.outcome());
            job = before.withProgress(before.progress().plus(stored.outcome()), ImportPhase.IMPORTING, past);
            unsaved = false;
            if (stored.runId().isPresent() && mapped instanceof RunMapping.Mapped.Run run) {
                locate(stored.runId().get(), run.run().track());
            }
            return true;
        }

        /** Once the run is committed: where it started, looked up in the background. */
        private void locate(String runId, List<TrackPoint> track) {
            if (!track.isEmpty()) {
                places.locate(
                        user,
                        UUID.fromString(runId),
                        track.get(0).lat(),
                        track.get(0).lon());
            }
        }

        private void skip(ActivityOutcome outcome, Optional<Instant> past) {
            job = job.withProgress(job.progress().plus(outcome), ImportPhase.IMPORTING, past);
            unsaved = true;
            metrics.activity(outcome);
        }

        /** Stores one mapped activity; called inside the transaction that also moves the checkpoint. */
        private Stored store(RunMapping.Mapped mapped, ProviderActivity activity, boolean replace) {
            if (!(mapped instanceof RunMapping.Mapped.Run run)) {
                return Stored.without(
                        mapped instanceof RunMapping.Mapped.NotARun
                                ? ActivityOutcome.NOT_A_RUN
                                : ActivityOutcome.FAILED);
            }
            if (replace) {
                runs.deleteByStravaId(user, activity.id());
            }
            ImportedRunStore.StoreOutcome stored = runs.store(user, run.run());
            if (stored instanceof ImportedRunStore.StoreOutcome.Stored created) {
                return new Stored(ActivityOutcome.IMPORTED, Optional.of(created.runId()));
            }
            return Stored.without(
                    stored instanceof ImportedRunStore.StoreOutcome.Duplicate
                            ? ActivityOutcome.DUPLICATE
                            : ActivityOutcome.FAILED);
        }

        private void stopOn(ProviderResult<?> failure) {
            Instant now = clock.instant();
            if (failure instanceof ProviderResult.RateLimited<?> limited) {
                park(limited.resumeAt(), true);
            } else if (failure instanceof ProviderResult.Unavailable<?> unavailable) {
                if (job.attempts() + 1 >= settings.maxAttempts()) {
                    fail(new ImportError("provider_unavailable", unavailable.detail()), now);
                } else {
                    park(unavailable.retryAt(), false);
                }
            } else if (failure instanceof ProviderResult.Unauthorized<?> unauthorized) {
                fail(new ImportError("provider_unauthorized", unauthorized.detail()), now);
            } else if (failure instanceof ProviderResult.NotFound<?> notFound) {
                fail(new ImportError("not_found", notFound.detail()), now);
            } else if (failure instanceof ProviderResult.Refused<?> refused) {
                fail(new ImportError(refused.type(), refused.detail()), now);
            } else {
                throw new IllegalStateException("not a failure: " + failure);
            }
        }

        private void checkLease() {
            if (stop.isStopped()) {
                throw new LeaseLost();
            }
        }

        private void save(ImportJob next) {
            transactions.useUserTransaction(user, () -> writeCheckpoint(next));
            job = next;
            unsaved = false;
        }

        private void writeCheckpoint(ImportJob next) {
            if (!jobs.checkpoint(next, settings.node(), settings.lease())) {
                throw new LeaseLost();
            }
            events.changed(user, next.id());
        }

        private void park(Instant resumeAt, boolean rateLimited) {
            transactions.useUserTransaction(user, () -> {
                if (unsaved) {
                    writeCheckpoint(job);
                }
                if (!jobs.park(job, settings.node(), resumeAt, rateLimited)) {
                    throw new LeaseLost();
                }
                events.changed(user, job.id());
            });
            metrics.parked(rateLimited);
        }

        private void finish(ImportJob done) {
            transactions.useUserTransaction(user, () -> {
                if (!jobs.complete(done, settings.node(), clock.instant())) {
                    throw new LeaseLost();
                }
                events.changed(user, done.id());
            });
            metrics.finished(ImportState.COMPLETED);
        }

        private void fail(ImportError error, Instant now) {
            transactions.useUserTransaction(user, () -> {
                if (!jobs.fail(job, settings.node(), error, now)) {
                    throw new LeaseLost();
                }
                events.changed(user, job.id());
            });
            metrics.finished(ImportState.FAILED);
        }
    }
}
