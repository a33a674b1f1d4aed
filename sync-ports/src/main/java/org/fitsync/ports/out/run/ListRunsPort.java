package org.fitsync.ports.out.run;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.PageKey;
import org.fitsync.domain.run.StoredRun;

/** Live runs of a user in (started_at desc, id desc) order. */
public interface ListRunsPort {

    List<StoredRun> listRuns(
            UserId user,
            Optional<Instant> from,
            Optional<Instant> to,
            Optional<PageKey> after,
            boolean includeOverlapping,
            int limit);
}
