package org.fitsync.ports.out;

import java.util.OptionalLong;
import org.fitsync.domain.UserId;

/**
 * The per-user version counter that orders every write (ARCHITECTURE.md, decision 1). Claiming a
 * version locks the user's counter row until the transaction ends, so writes of one user are
 * serialised and their versions become visible in commit order.
 */
public interface SyncVersionPort {

    /**
     * Increments the user's version and returns it. Must run inside
     * {@link TransactionPort#inUserTransaction}; the row lock it takes is the user's write lock.
     */
    long claimNextVersion(UserId user);

    /**
     * {@link #claimNextVersion} unless another transaction holds the user's write lock: empty then, at
     * once, instead of waiting. For background work that can come back later rather than queue behind a
     * user's writes or another node doing the same work.
     */
    default OptionalLong claimNextVersionIfFree(UserId user) {
        return OptionalLong.of(claimNextVersion(user));
    }

    /** The user's latest committed version as seen by the current transaction (0 if none). */
    long currentVersion(UserId user);
}
