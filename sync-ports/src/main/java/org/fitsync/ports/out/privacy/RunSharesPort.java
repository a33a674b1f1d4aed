package org.fitsync.ports.out.privacy;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.fitsync.domain.UserId;

/** Public share links of runs, stored by the SHA-256 of their token only. */
public interface RunSharesPort {

    /** A link that names a run and its owner. */
    record SharedRunRef(UserId owner, UUID runId) {}

    /** Stores a new link to the user's run, inside a transaction scoped to the user. */
    void addShare(UserId user, UUID runId, byte[] tokenHash, Instant now);

    /** Revokes every live link to the user's run, inside a transaction scoped to the user; how many. */
    int revokeShares(UserId user, UUID runId, Instant now);

    /**
     * The run a live (unrevoked) link names, outside any user's transaction: the one way from a token
     * to a user, read afresh on every call (nothing is cached, so a revocation holds on every node at
     * once).
     */
    Optional<SharedRunRef> findLiveShare(byte[] tokenHash);
}
