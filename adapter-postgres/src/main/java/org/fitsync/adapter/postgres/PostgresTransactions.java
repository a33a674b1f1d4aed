package org.fitsync.adapter.postgres;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.fitsync.domain.UserId;
import org.fitsync.ports.out.TransactionPort;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction helper: opens a transaction, sets {@code app.user_id} for it (transaction-local,
 * so a pooled connection never carries it into another request), and exposes the handle to the
 * adapters called inside. Row-level security policies compare every row's {@code user_id} to it.
 *
 * <p>Once a transaction that claimed versions has committed, each claim is announced on channel
 * {@value #CHANGES_CHANNEL} ({@code "<version> <user id>"}, never data), where every node's
 * {@code PostgresSyncChanges} hears it (ADR 0027): by the node's {@link ChangeAnnouncer}, or, without
 * one (tools and tests), on the transaction's own connection before the call returns.
 */
public final class PostgresTransactions implements TransactionPort {

    /** The channel of committed version claims: {@code "<version> <user id>"}. */
    public static final String CHANGES_CHANNEL = "fitsync_sync";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresTransactions.class);
    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

    private final Jdbi jdbi;
    private final ChangeAnnouncer announcer;

    /** Announces each transaction's claims itself, on its connection, before returning. */
    public PostgresTransactions(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.announcer = null;
    }

    /** Hands each committed transaction's claims to {@code announcer}, without waiting for it. */
    public PostgresTransactions(Jdbi jdbi, ChangeAnnouncer announcer) {
        this.jdbi = jdbi;
        this.announcer = announcer;
    }

    /** A snapshot's first statement: one snapshot for every read in it, and no writes. */
    private static final String SNAPSHOT_ISOLATION = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";

    private static final String SET_USER = "SELECT set_config('app.user_id', ?, true)";

    /**
     * The open transaction; {@code isolationSet} turns true once a snapshot's isolation level is sent (a
     * write transaction keeps the default), {@code userSet} once {@code app.user_id} is set in it.
     */
    private static final class Scope {
        private final Handle handle;
        private final UserId user;
        private final boolean readOnly;
        private boolean isolationSet;
        private boolean userSet;
        /** The highest version claimed per user in this transaction, announced after its commit. */
        private final Map<UserId, Long> claimed = new LinkedHashMap<>(2);

        Scope(Handle handle, UserId user, boolean readOnly) {
            this.handle = handle;
            this.user = user;
            this.readOnly = readOnly;
            this.isolationSet = !readOnly;
        }

        /**
         * What the transaction still has to send before its first statement of its own: the
         * snapshot's isolation level, then the user, each ending in {@code ;}, with the user as the
         * one parameter.
         */
        String opening() {
            StringBuilder opening = new StringBuilder(96);
            if (!isolationSet) {
                opening.append(SNAPSHOT_ISOLATION).append(";\n");
            }
            if (!userSet) {
                opening.append(SET_USER).append(";\n");
            }
            return opening.toString();
        }

        /** The statements {@link #opening()} holds. */
        int openingStatements() {
            return (isolationSet ? 0 : 1) + (userSet ? 0 : 1);
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
        // Both it and app.user_id are sent lazily, with the transaction's first statement: when that
        // statement is the version claim (every write of user data) or the version read (every pull),
        // they share its round trip.
        return jdbi.withHandle(handle -> {
            Scope scope = new Scope(handle, user, readOnly);
            T result = handle.inTransaction(transaction -> {
                CURRENT.set(scope);
                try {
                    return work.get();
                } finally {
                    CURRENT.remove();
                }
            });
            if (scope.claimed.isEmpty()) {
                return result;
            }
            if (announcer != null) {
                announcer.announce(scope.claimed);
            } else {
                announce(handle, scope.claimed);
            }
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
        try {
            ChangeAnnouncer.announceOn(handle.getConnection(), claimed);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("A committed change was not announced to listening devices: {}", e.toString());
        }
    }

    /**
     * Records that the current transaction claimed {@code version} of {@code user}'s data: once it
     * commits, that is announced to every node (a rolled-back claim is never announced).
     */
    public static void claimed(UserId user, long version) {
        current().claimed.merge(user, version, Math::max);
    }

    /** Sends what the transaction still has to send before its statements, in one round trip. */
    private static void open(Scope scope) {
        if (scope.openingStatements() == 0) {
            return;
        }
        String opening = scope.opening();
        try (PreparedStatement statement =
                scope.handle.getConnection().prepareStatement(opening.substring(0, opening.length() - 2))) {
            if (!scope.userSet) {
                statement.setString(1, scope.user.value());
            }
            statement.execute();
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e.getMessage(), e, null);
        }
        scope.isolationSet = true;
        scope.userSet = true;
    }

    /** Binds a plain JDBC statement's parameters from {@code first} on. */
    @FunctionalInterface
    public interface Parameters {
        void bind(PreparedStatement statement, int first) throws SQLException;
    }

    /** Reads a plain JDBC query's result. */
    @FunctionalInterface
    public interface Rows<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /**
     * Runs {@code sql} (one query, {@code ?} parameters) as plain JDBC in the current transaction,
     * together with whatever the transaction still has to send first (a snapshot's isolation level,
     * the user) in one round trip: the driver sends the statements as one batch and PostgreSQL runs
     * them in order. For the statements that open most transactions, where a round trip of its own for
     * the set-up costs more than the statement.
     */
    public static <T> T query(String sql, Parameters parameters, Rows<T> rows) {
        Scope scope = current();
        int opening = scope.openingStatements();
        try (PreparedStatement statement = scope.handle.getConnection().prepareStatement(scope.opening() + sql)) {
            int next = 1;
            if (!scope.userSet) {
                statement.setString(next++, scope.user.value());
            }
            parameters.bind(statement, next);
            statement.execute();
            for (int skipped = 0; skipped < opening; skipped++) {
                statement.getMoreResults();
            }
            scope.isolationSet = true;
            scope.userSet = true;
            try (ResultSet result = statement.getResultSet()) {
                return rows.read(result);
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e.getMessage(), e, null);
        }
    }

    /**
     * The current transaction's handle for a statement that sets {@code app.user_id} itself when
     * {@code setsUser} is passed true (the transaction has not set it yet); afterwards it counts as set.
     */
    public static <T> T firstStatementMaySetUser(java.util.function.BiFunction<Handle, Boolean, T> statement) {
        Scope scope = current();
        if (!scope.isolationSet) {
            open(scope);
        }
        boolean setsUser = !scope.userSet;
        T result = statement.apply(scope.handle, setsUser);
        scope.userSet = true;
        return result;
    }

    /** The handle of the transaction this thread is in; adapters use it for their statements. */
    public static Handle handle() {
        Scope scope = current();
        open(scope);
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
