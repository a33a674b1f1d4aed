package org.fitsync.ports.out.auth;

import java.time.Instant;
import org.fitsync.domain.UserId;

/** Records the use of the web app's one-time sign-in links, inside a transaction scoped to the user. */
public interface ConsumeSignInLinkPort {

    /**
     * Marks the user's link {@code linkId} used, remembered until {@code expiresAt}; true when this was its
     * first use, false when it had been used before. Links of the user that expired before {@code now} are
     * forgotten on the way (a link past its expiry is refused by its signature's time alone).
     */
    boolean consumeSignInLink(UserId user, String linkId, Instant expiresAt, Instant now);
}
