package org.fitsync.ports.in.sync;

import java.util.Objects;
import java.util.Optional;
import org.fitsync.domain.UserId;
import org.fitsync.domain.sync.RawChanges;

/**
 * A push of {@code user}'s local changes. Collections, ids and values are checked by the push
 * ({@link PushOutcome.Invalid}), which reports every violation at once.
 *
 * @param lastPulledAt the cursor of the client's last pull; empty (or 0) if it never pulled
 */
public record PushChangesCommand(UserId user, RawChanges changes, Optional<Long> lastPulledAt) {

    public PushChangesCommand {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(lastPulledAt, "lastPulledAt");
    }
}
