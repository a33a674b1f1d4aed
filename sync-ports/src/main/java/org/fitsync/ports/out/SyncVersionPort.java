package org.fitsync.ports.out;

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

    /** The user's latest committed version as seen by the current transaction (0 if none). */
    long currentVersion(UserId user);
}
