package org.fitsync.ports.in.privacy;

import java.util.Optional;
import java.util.UUID;
import org.fitsync.domain.UserId;
import org.fitsync.domain.privacy.RedactedTrack;
import org.fitsync.domain.run.Samples;
import org.fitsync.domain.run.StoredRun;
import org.fitsync.ports.in.run.RunPage;

/**
 * A user's runs as someone else (a coach) sees them: every track with the owner's privacy settings
 * applied, as they are now. Each call opens its own transaction scoped to the owner.
 */
public interface OthersViewUseCase {

    /** A run with its track as others see it; its polyline and point count are of that track. */
    record RedactedRun(StoredRun run, RedactedTrack track, Optional<Samples> samples) {}

    /** The page's runs with their polylines and point counts recomputed from the redacted tracks. */
    RunPage redactedPage(UserId owner, RunPage page);

    /** One live run of the owner with its redacted track; empty when there is no such run. */
    Optional<RedactedRun> redactedRun(UserId owner, UUID runId);
}
