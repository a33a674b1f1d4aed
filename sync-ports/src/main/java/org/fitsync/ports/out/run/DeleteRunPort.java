package org.fitsync.ports.out.run;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.Source;
import org.fitsync.domain.run.TimelineRun;

/** Soft-deletes runs (they keep their row with {@code deleted_at} and {@code version} set). */
public interface DeleteRunPort {

    /** The deleted run as it was, or empty if there was no live run with this id. */
    Optional<TimelineRun> deleteRun(UserId user, UUID id, long version);

    /** Deletes every live run of the user from {@code source}; returns them as they were. */
    List<TimelineRun> deleteRunsFrom(UserId user, Source source, long version);
}
