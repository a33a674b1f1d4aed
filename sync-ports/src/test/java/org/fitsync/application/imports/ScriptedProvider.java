package org.fitsync.application.imports;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.fitsync.domain.UserId;
import org.fitsync.domain.imports.ProviderActivity;
import org.fitsync.domain.run.TrackPoint;
import org.fitsync.ports.out.imports.ActivityProvider;
import org.fitsync.ports.out.imports.ProviderResult;

/**
 * A provider holding one history, newest first, whose next listings can be told to fail (rate
 * limited, unavailable...) or to run a step first, e.g. cancel the job as a user would meanwhile.
 */
final class ScriptedProvider implements ActivityProvider {

    /** What one listing does: run a step (a user acting meanwhile), then fail or answer the page. */
    private record Listing(Runnable step, Optional<ProviderResult<List<ProviderActivity>>> failure) {}

    private final List<ProviderActivity> history = new ArrayList<>();
    private final Deque<Listing> script = new ArrayDeque<>();
    private final List<Optional<Instant>> listedBefore = new ArrayList<>();
    private final List<String> tracksFetched = new ArrayList<>();
    private Consumer<ProviderActivity> onTrack = activity -> {};

    synchronized void add(ProviderActivity... activities) {
        history.addAll(List.of(activities));
        history.sort(Comparator.comparing(ProviderActivity::startDate).reversed());
    }

    /** The next listing not yet scripted answers its page as usual. */
    synchronized ScriptedProvider thenPage() {
        script.add(new Listing(() -> {}, Optional.empty()));
        return this;
    }

    /** The next listing not yet scripted answers {@code failure} instead of a page. */
    synchronized ScriptedProvider thenFail(ProviderResult<List<ProviderActivity>> failure) {
        script.add(new Listing(() -> {}, Optional.of(failure)));
        return this;
    }

    /** The next listing not yet scripted runs {@code step} first, then answers its page. */
    synchronized ScriptedProvider thenPageAfter(Runnable step) {
        script.add(new Listing(step, Optional.empty()));
        return this;
    }

    /** The {@code before} bound of every listing so far. */
    synchronized List<Optional<Instant>> listings() {
        return List.copyOf(listedBefore);
    }

    @Override
    public ProviderResult<List<ProviderActivity>> listActivities(
            UserId user, Optional<Instant> before, Optional<Instant> after, int perPage) {
        Listing listing;
        synchronized (this) {
            listedBefore.add(before);
            listing = script.poll();
        }
        if (listing != null) {
            listing.step().run();
            if (listing.failure().isPresent()) {
                return listing.failure().get();
            }
        }
        synchronized (this) {
            return new ProviderResult.Ok<>(history.stream()
                    .filter(a -> before.map(b -> a.startDate().isBefore(b)).orElse(true))
                    .filter(a -> after.map(b -> a.startDate().isAfter(b)).orElse(true))
                    .limit(perPage)
                    .toList());
        }
    }

    /** Each track fetch runs {@code step} first, on the fetching thread. */
    synchronized void onTrack(Consumer<ProviderActivity> step) {
        onTrack = step;
    }

    /** The activities whose track was fetched, in the order the fetches began. */
    synchronized List<String> tracksFetched() {
        return List.copyOf(tracksFetched);
    }

    @Override
    public ProviderResult<List<TrackPoint>> track(UserId user, ProviderActivity activity) {
        Consumer<ProviderActivity> step;
        synchronized (this) {
            tracksFetched.add(activity.id());
            step = onTrack;
        }
        step.accept(activity);
        return new ProviderResult.Ok<>(List.of());
    }

    @Override
    public synchronized ProviderResult<ProviderActivity> activity(UserId user, String activityId) {
        return history.stream()
                .filter(a -> a.id().equals(activityId))
                .findFirst()
                .<ProviderResult<ProviderActivity>>map(ProviderResult.Ok::new)
                .orElseGet(() -> new ProviderResult.NotFound<>("no activity " + activityId));
    }
}
