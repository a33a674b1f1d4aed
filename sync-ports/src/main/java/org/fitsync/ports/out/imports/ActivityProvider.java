package org.fitsync.ports.out.imports;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.fitsync.domain.UserId;
import org.fitsync.domain.imports.ProviderActivity;
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

    /** One activity by id (webhook events). */
    ProviderResult<ProviderActivity> activity(UserId user, String activityId);
}
