package org.fitsync.ports.out;

import java.util.function.Supplier;
import org.fitsync.domain.UserId;

/**
 * Runs work inside one database transaction on behalf of one user. The storage adapter scopes the
 * transaction to that user (row-level security), so a query that forgets its user filter still
 * cannot see another user's rows. Out-ports called inside {@code work} join the transaction.
 */
public interface TransactionPort {

    /** A read-write transaction. Everything {@code work} writes commits together or not at all. */
    <T> T inUserTransaction(UserId user, Supplier<T> work);

    /** A read-only transaction on one consistent snapshot (REPEATABLE READ). */
    <T> T inUserSnapshot(UserId user, Supplier<T> work);

    default void useUserTransaction(UserId user, Runnable work) {
        inUserTransaction(user, () -> {
            work.run();
            return null;
        });
    }
}
