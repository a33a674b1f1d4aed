package org.fitsync.ports.in.sync;

import java.util.Objects;
import org.fitsync.domain.UserId;

/** Watch the changes of {@code user}'s own data (and only theirs). */
public record WatchSyncChangesQuery(UserId user) {

    public WatchSyncChangesQuery {
        Objects.requireNonNull(user, "user");
    }
}
