package org.fitsync.ports.in.privacy;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.fitsync.domain.UserId;
import org.fitsync.domain.privacy.ShareToken;

/** A user opens and revokes public links to their runs. */
public interface ShareRunUseCase {

    /** A new link; the token is handed out this once. */
    record IssuedShare(ShareToken token, Instant createdAt) {}

    /** A new link to the user's live run; empty when the user has no such run. */
    Optional<IssuedShare> share(UserId user, UUID runId);

    /** Revokes every link to the user's run; false when the user has no such run. */
    boolean revoke(UserId user, UUID runId);
}
