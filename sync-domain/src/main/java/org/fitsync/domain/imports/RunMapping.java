package org.fitsync.domain.imports;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.fitsync.domain.run.TrackPoint;

/**
 * Which provider activities are runs, and how one becomes a FitSync run (docs/api.md, Strava import).
 * A decision, so it answers with a value: a run to store, or the reason it is not one.
 */
public final class RunMapping {

    private static final Set<String> RUNS_WITH_TRACK = Set.of("Run", "TrailRun");
    private static final String VIRTUAL_RUN = "VirtualRun";

    private RunMapping() {}

    public static boolean isRun(String sportType) {
        return RUNS_WITH_TRACK.contains(sportType) || VIRTUAL_RUN.equals(sportType);
    }

    /** Whether the track is worth fetching: virtual runs have no real-world track. */
    public static boolean wantsTrack(ProviderActivity activity) {
        return RUNS_WITH_TRACK.contains(activity.sportType());
    }

    public sealed interface Mapped permits Mapped.Run, Mapped.NotARun, Mapped.Invalid {
        record Run(ImportedRun run) implements Mapped {}

        record NotARun(String sportType) implements Mapped {}

        record Invalid(String reason) implements Mapped {}
    }

    /**
     * The run of an activity with what the provider had of it beyond the listing (an archive's file:
     * its own start, samples, the description), or why none can be made.
     */
    public static Mapped map(ActivityDetails details, Optional<String> weather) {
        ProviderActivity activity = details.activity();
        if (!isRun(activity.sportType())) {
            return new Mapped.NotARun(activity.sportType());
        }
        if (details.unusable().isPresent()) {
            return new Mapped.Invalid(details.unusable().get());
        }
        Mapped mapped = map(activity, details.track(), weather);
        if (!(mapped instanceof Mapped.Run run)) {
            return mapped;
        }
        ImportedRun r = run.run();
        return new Mapped.Run(new ImportedRun(
                r.stravaId(),
                r.startedAt(),
                r.endedAt(),
                r.durationS(),
                r.distanceM(),
                r.name(),
                r.sportType(),
                r.track(),
                r.weather(),
                details.description(),
                details.samples()));
    }

    public static Mapped map(ProviderActivity activity, List<TrackPoint> track, Optional<String> weather) {
        if (!isRun(activity.sportType())) {
            return new Mapped.NotARun(activity.sportType());
        }
        if (activity.elapsedSeconds() <= 0) {
            return new Mapped.Invalid("elapsed time must be positive");
        }
        if (activity.distanceM() < 0 || Double.isNaN(activity.distanceM())) {
            return new Mapped.Invalid("distance must not be negative");
        }
        Instant start = activity.startDate();
        Instant end = start.plusSeconds(activity.elapsedSeconds());
        long moving = Math.min(Math.max(activity.movingSeconds(), 0), activity.elapsedSeconds());
        List<TrackPoint> kept = wantsTrack(activity) ? track : List.of();
        return new Mapped.Run(new ImportedRun(
                activity.id(),
                start,
                end,
                moving,
                activity.distanceM(),
                activity.name(),
                activity.sportType(),
                kept,
                weather));
    }
}
