package org.fitsync.adapter.postgres;

import java.util.function.Supplier;
import org.fitsync.domain.UserId;
import org.fitsync.ports.out.TransactionPort;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The transaction helper: opens a transaction, sets {@code app.user_id} for it (transaction-local,
 * so a pooled connection never carries it into another request), and exposes the handle to the
 * adapters called inside. Row-level security policies compare every row's {@code user_id} to it.
 */
public final class PostgresTransactions implements TransactionPort {

    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

    private final Jdbi jdbi;

    public PostgresTransactions(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    private record Scope(Handle handle, UserId user, boolean readOnly) {}

    @Override
    public <T> T inUserTransaction(UserId user, Supplier<T> work) {
        return run(user, false, work);
    }

    @Override
    public <T> T inUserSnapshot(UserId user, Supplier<T> work) {
        return run(user, true, work);
    }

    private <T> T run(UserId user, boolean readOnly, Supplier<T> work) {
        Scope outer = CURRENT.get();
        if (outer != null) {
            // Joining is only sound for the same user, and a read-only snapshot cannot host writes.
            if (!outer.user().equals(user) || (outer.readOnly() && !readOnly)) {
                throw new IllegalStateException("nested transaction for another user or mode");
            }
            return work.get();
        }
        // The isolation level is set inside the transaction rather than through the JDBC connection:
        // pgjdbc would spend round trips reading and restoring the session's level on every call.
        return jdbi.inTransaction(handle -> {
            if (readOnly) {
                handle.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            handle.createQuery("SELECT set_config('app.user_id', :user, true)")
                    .bind("user", user.value())
                    .mapTo(String.class)
                    .one();
            CURRENT.set(new Scope(handle, user, readOnly));
            try {
                return work.get();
            } finally {
                CURRENT.remove();
            }
        });
    }

    /** The handle of the transaction this thread is in; adapters use it for their statements. */
    public static Handle handle() {
        Scope scope = CURRENT.get();
        if (scope == null) {
            throw new IllegalStateException("no user transaction is open on this thread");
        }
        return scope.handle();
    }

    /** The user the current transaction is scoped to. */
    public static UserId user() {
        Scope scope = CURRENT.get();
        if (scope == null) {
            throw new IllegalStateException("no user transaction is open on this thread");
        }
        return scope.user();
    }
}
