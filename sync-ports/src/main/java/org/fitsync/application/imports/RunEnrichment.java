package org.fitsync.application.imports;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.fitsync.domain.imports.ActivityDetails;
import org.fitsync.domain.imports.ImportJob;
import org.fitsync.domain.imports.ProviderActivity;
import org.fitsync.domain.run.TrackPoint;
import org.fitsync.ports.out.imports.ActivityProvider;
import org.fitsync.ports.out.imports.ProviderResult;
import org.fitsync.ports.out.imports.WeatherLookup;

/**
 * What a run needs from outside before it is stored: its GPS track (runs with GPS only), then the
 * weather at its start. A {@link Batch} fetches a page's runs a few ahead of the one being stored,
 * in parallel, so the provider's and the weather service's latency overlap instead of adding up.
 */
final class RunEnrichment {

    /** The details as the provider answered, and the weather (empty whenever it could not be had). */
    record Enriched(ProviderResult<ActivityDetails> details, Optional<String> weather) {}

    private final ActivityProvider provider;
    private final WeatherLookup weather;
    private final ExecutorService pool;
    private final JobContext context;
    private final int ahead;
    private final Clock clock;

    RunEnrichment(
            ActivityProvider provider,
            WeatherLookup weather,
            ExecutorService pool,
            JobContext context,
            int ahead,
            Clock clock) {
        this.provider = provider;
        this.weather = weather;
        this.pool = pool;
        this.context = context;
        this.ahead = ahead;
        this.clock = clock;
    }

    /** Enriches one activity on the calling thread; {@code stop} says the job is no longer ours. */
    Enriched now(ImportJob job, ProviderActivity activity, JobStop stop) {
        if (stop.isStopped()) {
            return new Enriched(new ProviderResult.Unavailable<>("import stopped", clock.instant()), Optional.empty());
        }
        ProviderResult<ActivityDetails> details = provider.details(job.user(), activity);
        if (details instanceof ProviderResult.Ok<ActivityDetails> ok) {
            return new Enriched(
                    details, weatherFor(ok.value().activity(), ok.value().track()));
        }
        if (details instanceof ProviderResult.NotFound<ActivityDetails>) {
            return new Enriched(details, weatherFor(activity, List.of()));
        }
        return new Enriched(details, Optional.empty());
    }

    /** The runs of one page, to be asked for in this order. */
    Batch batch(ImportJob job, List<ProviderActivity> runs, JobStop stop) {
        return new Batch(job, runs, stop);
    }

    private Optional<String> weatherFor(ProviderActivity activity, List<TrackPoint> track) {
        Optional<ProviderActivity.LatLon> start = track.isEmpty()
                ? activity.startPoint()
                : Optional.of(new ProviderActivity.LatLon(
                        track.get(0).lat(), track.get(0).lon()));
        if (start.isEmpty()) {
            return Optional.empty();
        }
        try {
            return weather.weatherAt(start.get().lat(), start.get().lon(), activity.startDate());
        } catch (RuntimeException e) {
            // Weather is a nicety: whatever goes wrong there never fails the import.
            return Optional.empty();
        }
    }

    /** A page's runs, fetched ahead on the pool; closing it cancels what has not started. */
    final class Batch implements AutoCloseable {
        private final ImportJob job;
        private final List<ProviderActivity> runs;
        private final JobStop stop;
        private final Map<String, Future<Enriched>> started = new ConcurrentHashMap<>();
        private int next;

        private Batch(ImportJob job, List<ProviderActivity> runs, JobStop stop) {
            this.job = job;
            this.runs = runs;
            this.stop = stop;
            stop.onStop(this::interrupt);
        }

        Enriched get(ProviderActivity activity) {
            int position = runs.indexOf(activity);
            while (next < runs.size() && next <= position + ahead) {
                ProviderActivity upcoming = runs.get(next++);
                Future<Enriched> fetch = pool.submit(() -> {
                    JobContext.Scope scope = context.enter(job);
                    try {
                        return now(job, upcoming, stop);
                    } finally {
                        scope.close();
                    }
                });
                started.put(upcoming.id(), fetch);
            }
            Future<Enriched> future = started.get(activity.id());
            if (future == null) {
                return now(job, activity, stop);
            }
            try {
                return future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Enriched(new ProviderResult.Unavailable<>("interrupted", clock.instant()), Optional.empty());
            } catch (java.util.concurrent.CancellationException e) {
                return new Enriched(
                        new ProviderResult.Unavailable<>("import stopped", clock.instant()), Optional.empty());
            } catch (ExecutionException e) {
                return new Enriched(
                        new ProviderResult.Unavailable<>(
                                String.valueOf(e.getCause()), clock.instant().plusSeconds(30)),
                        Optional.empty());
            }
        }

        /** Called from the thread that stops the job: the fetches under way are interrupted. */
        private void interrupt() {
            started.values().forEach(f -> f.cancel(true));
        }

        @Override
        public void close() {
            stop.clear();
            started.values().forEach(f -> f.cancel(false));
        }
    }
}
