package org.fitsync.domain.imports;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.fitsync.domain.run.DraftSamples;
import org.fitsync.domain.run.TrackPoint;

/**
 * What the provider has of one activity beyond its listing, for making the run: the activity as the
 * recording states it (an archive's file knows its own start, elapsed time and distance better than the
 * listing), its GPS track, the recording's samples, the description; or why no run can honestly be made
 * of it ({@code unusable}, e.g. its file cannot be read).
 */
public record ActivityDetails(
        ProviderActivity activity,
        List<TrackPoint> track,
        Optional<DraftSamples> samples,
        Optional<String> description,
        Optional<String> unusable) {

    public ActivityDetails {
        Objects.requireNonNull(activity, "activity");
        track = List.copyOf(track);
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(unusable, "unusable");
    }

    /** The listing's activity with a track (possibly none): what a provider API gives. */
    public static ActivityDetails of(ProviderActivity activity, List<TrackPoint> track) {
        return new ActivityDetails(activity, track, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static ActivityDetails unusable(ProviderActivity activity, String reason) {
        return new ActivityDetails(activity, List.of(), Optional.empty(), Optional.empty(), Optional.of(reason));
    }
}
