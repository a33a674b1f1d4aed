package org.fitsync.adapter.postgres;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.fitsync.domain.UserId;
import org.fitsync.ports.out.TransactionPort;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction helper: opens a transaction, sets {@code app.user_id} for it (transaction-local,
 * so a pooled connection never carries it into another request), and exposes the handle to the
 * adapters called inside. Row-level security policies compare every row's {@code user_id} to it.
 *
 * <p>Once a transaction that claimed versions has committed, its connection announces each claim on
 * channel {@value #CHANGES_CHANNEL} ({@code "<version> <user id>"}, never data), where every node's
 * {@code PostgresSyncChanges} hears it (ADR 0027).
 */
public final class PostgresTransactions implements TransactionPort {

    /** The channel of committed version claims: {@code "<version> <user id>"}. */
    public static final String CHANGES_CHANNEL = "fitsync_sync";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresTransactions.class);
    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

    /**
     * The announcement as a transaction of its own that commits without waiting for its WAL flush:
     * a {@code NOTIFY} holds PostgreSQL's one notification lock from its commit's start to its end,
     * and only a commit that need not reach the disk keeps that short. The write it announces is
     * durable already.
     */
    private static final String ANNOUNCE =
            "SELECT set_config('synchronous_commit', 'off', true), pg_notify('" + CHANGES_CHANNEL + "', :payload)";

    private final Jdbi jdbi;

    public PostgresTransactions(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The open transaction; {@code userSet} turns true once {@code app.user_id} is set in it. */
    private static final class Scope {
        private final Handle handle;
        private final UserId user;
        private final boolean readOnly;
        private boolean userSet;
        /** The highest version claimed per user in this transaction, announced after its commit. */
        private final Map<UserId, Long> claimed = new LinkedHashMap<>(2);

        Scope(Handle handle, UserId user, boolean readOnly) {
            this.handle = handle;
            this.user = user;
            this.readOnly = readOnly;
        }
    }

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
            if (!outer.user.equals(user) || (outer.readOnly && !readOnly)) {
                throw new IllegalStateException("nested transaction for another user or mode");
            }
            return work.get();
        }
        // The isolation level is set inside the transaction rather than through the JDBC connection:
        // pgjdbc would spend round trips reading and restoring the session's level on every call.
        // A write transaction sets app.user_id lazily, with its first statement: when that statement
        // is the version claim (it is for every write of user data), both share one round trip.
        return jdbi.withHandle(handle -> {
            Scope scope = new Scope(handle, user, readOnly);
            T result = handle.inTransaction(transaction -> {
                if (readOnly) {
                    handle.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                    setUser(scope);
                }
                CURRENT.set(scope);
                try {
                    return work.get();
                } finally {
                    CURRENT.remove();
                }
            });
            announce(handle, scope.claimed);
            return result;
        });
    }

    /**
     * Announces committed claims on the transaction's own connection, back in auto-commit. Claims are
     * announced after their commit rather than by a trigger inside it: a {@code NOTIFY} in the writing
     * transaction would hold PostgreSQL's notification lock through that transaction's durable
     * commit, so concurrent writes of different users would wait for each other's disk flushes
     * instead of sharing them. Announcements are hints (ADR 0009): one lost to a failure here only
     * delays the devices listening until their next pull, so it is logged, never the write's failure.
     */
    private static void announce(Handle handle, Map<UserId, Long> claimed) {
        for (Map.Entry<UserId, Long> claim : claimed.entrySet()) {
            try {
                handle.createQuery(ANNOUNCE)
                        .bind("payload", claim.getValue() + " " + claim.getKey().value())
                        .mapToMap()
                        .one();
            } catch (RuntimeException e) {
                LOG.warn("A committed change was not announced to listening devices: {}", e.toString());
                return;
            }
        }
    }

    /**
     * Records that the current transaction claimed {@code version} of {@code user}'s data: once it
     * commits, that is announced to every node (a rolled-back claim is never announced).
     */
    public static void claimed(UserId user, long version) {
        current().claimed.merge(user, version, Math::max);
    }

    private static void setUser(Scope scope) {
        scope.handle
                .createQuery("SELECT set_config('app.user_id', :user, true)")
                .bind("user", scope.user.value())
                .mapTo(String.class)
                .one();
        scope.userSet = true;
    }

    /**
     * The current transaction's handle for a statement that sets {@code app.user_id} itself when
     * {@code setsUser} is passed true (the transaction has not set it yet); afterwards it counts as set.
     */
    public static <T> T firstStatementMaySetUser(java.util.function.BiFunction<Handle, Boolean, T> statement) {
        Scope scope = current();
        boolean setsUser = !scope.userSet;
        T result = statement.apply(scope.handle, setsUser);
        scope.userSet = true;
        return result;
    }

    /** The handle of the transaction this thread is in; adapters use it for their statements. */
    public static Handle handle() {
        Scope scope = current();
        if (!scope.userSet) {
            setUser(scope);
        }
        return scope.handle;
    }

    /** The user the current transaction is scoped to. */
    public static UserId user() {
        return current().user;
    }

    private static Scope current() {
        Scope scope = CURRENT.get();
        if (scope == null) {
            throw new IllegalStateException("no user transaction is open on this thread");
        }
        return scope;
    }
}
