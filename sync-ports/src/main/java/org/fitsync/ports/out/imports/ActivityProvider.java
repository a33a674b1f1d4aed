package org.fitsync.ports.out.imports;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.fitsync.domain.UserId;
import org.fitsync.domain.imports.ActivityDetails;
import org.fitsync.domain.imports.ProviderActivity;
import org.fitsync.domain.imports.RunMapping;
import org.fitsync.domain.run.TrackPoint;

/**
 * The provider's activity API, as the import sees it: credentials, rate limits, retries and the
 * circuit breaker are the adapter's business; what comes back is a {@link ProviderResult}.
 */
public interface ActivityProvider {

    /** One page of the user's activities, newest first, that started strictly between the bounds. */
    ProviderResult<List<ProviderActivity>> listActivities(
            UserId user, Optional<Instant> before, Optional<Instant> after, int perPage);

    /** The GPS track of an activity; empty when it was recorded without GPS. */
    ProviderResult<List<TrackPoint>> track(UserId user, ProviderActivity activity);

    /**
     * What the run of a listed activity is made of beyond the listing. A provider API has the GPS track
     * (fetched only for runs that have one; a track the provider does not have is no track); an archive
     * has the whole recording.
     */
    default ProviderResult<ActivityDetails> details(UserId user, ProviderActivity activity) {
        if (!RunMapping.wantsTrack(activity)) {
            return new ProviderResult.Ok<>(ActivityDetails.of(activity, List.of()));
        }
        ProviderResult<List<TrackPoint>> track = track(user, activity);
        if (track instanceof ProviderResult.NotFound<List<TrackPoint>>) {
            return new ProviderResult.Ok<>(ActivityDetails.of(activity, List.of()));
        }
        return track.map(points -> ActivityDetails.of(activity, points));
    }

    /** One activity by id (webhook events). */
    ProviderResult<ProviderActivity> activity(UserId user, String activityId);
}
