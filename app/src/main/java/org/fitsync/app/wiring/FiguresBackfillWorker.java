package org.fitsync.app.wiring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.fitsync.ports.in.run.BackfillRunFiguresUseCase;
import org.fitsync.ports.in.run.FiguresBackfillReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's figures backfill: a pass every {@code interval} (after the last one ended), on one thread.
 * Every node may run it: a user's runs are computed under the user's write lock, claimed with SKIP
 * LOCKED so a node finding another at work on a user goes on to the next, and what it stores is
 * idempotent. Logs and metrics carry counts only, never a user or a run.
 */
final class FiguresBackfillWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FiguresBackfillWorker.class);

    private final BackfillRunFiguresUseCase backfill;
    private final ScheduledExecutorService scheduler;
    private final Counter computed;
    private final Counter undecodable;
    private final Counter failures;
    private volatile boolean stopping;

    FiguresBackfillWorker(BackfillRunFiguresUseCase backfill, Duration interval, MeterRegistry metrics) {
        this.backfill = backfill;
        this.computed = runs(metrics, "computed");
        this.undecodable = runs(metrics, "undecodable");
        this.failures = Counter.builder("fitsync.backfill.failures")
                .description(
                        "Batches (or whole passes) of the figures backfill that failed; the next pass retries them")
                .register(metrics);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "fitsync-figures-backfill");
            thread.setDaemon(true);
            return thread;
        });
        var unused = scheduler.scheduleWithFixedDelay(
                this::pass, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Counter runs(MeterRegistry metrics, String outcome) {
        return Counter.builder("fitsync.backfill.runs")
                .description("Runs stored before their figures existed whose figures and best efforts were"
                        + " computed, by outcome (undecodable: from the submitted duration and distance only)")
                .tag("outcome", outcome)
                .register(metrics);
    }

    private void pass() {
        FiguresBackfillReport report;
        try {
            report = backfill.drain(() -> stopping);
        } catch (RuntimeException e) {
            if (!stopping) {
                failures.increment();
                LOG.warn(
                        "Figures backfill pass failed ({}); the next pass tries again",
                        e.getClass().getName());
            }
            return;
        }
        computed.increment(report.runsBackfilled() - report.runsUndecodable());
        undecodable.increment(report.runsUndecodable());
        failures.increment(report.usersFailed());
        if (report.runsBackfilled() > 0) {
            LOG.info(
                    "Figures backfill: {} runs computed, {} of them undecodable",
                    report.runsBackfilled(),
                    report.runsUndecodable());
        }
        if (report.usersFailed() > 0) {
            LOG.warn(
                    "Figures backfill: {} batches failed (first: {}); the next pass tries them again",
                    report.usersFailed(),
                    report.firstFailure().orElse("unknown"));
        }
    }

    @Override
    public void close() {
        stopping = true;
        scheduler.shutdown();
        try {
            // A pass stops between two batches: at most one batch's transaction to wait for.
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
