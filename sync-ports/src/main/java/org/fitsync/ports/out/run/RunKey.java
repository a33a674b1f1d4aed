package org.fitsync.ports.out.run;

import java.util.Objects;
import java.util.UUID;
import org.fitsync.domain.UserId;

/** One run of one user, and a position in the (user, run) order the figures backfill walks. */
public record RunKey(UserId user, UUID runId) {

    public RunKey {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(runId, "runId");
    }
}
