package org.fitsync.adapter.postgres;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;
import org.fitsync.domain.UserId;
import org.fitsync.ports.out.SyncVersionPort;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** The user's version row in {@code sync_state}; claiming a version row-locks it until commit. */
public final class PostgresSyncVersions implements SyncVersionPort {

    /** Claims the next version; the row lock it takes is held until the transaction ends. */
    private static final String CLAIM = claimFrom("");

    /**
     * The same claim as a transaction's first statement, setting {@code app.user_id} on the way: the
     * row to insert comes from the set_config, so row-level security checks it with the user set.
     */
    private static final String SET_USER_AND_CLAIM =
            "WITH app_user AS (SELECT set_config('app.user_id', :app_user, true) AS user_id) "
                    + claimFrom("FROM app_user");

    /**
     * The two claims with positional parameters ({@code :app_user} comes first), run as plain JDBC: the
     * claim is the first statement of every write, and Jdbi's per-statement set-up (argument and mapper
     * lookups, its statement context) cost more CPU than the statement's own round trip on a small push.
     */
    private static final String CLAIM_JDBC = positional(CLAIM);

    private static final String SET_USER_AND_CLAIM_JDBC = positional(SET_USER_AND_CLAIM);

    private static String positional(String sql) {
        return sql.replace(":app_user", "?").replace(":user", "?");
    }

    /**
     * The claim of {@code :user}'s next version as an upsert fed by {@code source} (a FROM clause, with
     * any filter), for statements that decide within themselves whether to claim: it claims if
     * {@code source} gives a row (it must give at most one) and returns the version it claimed, which
     * the caller passes to {@link PostgresTransactions#claimed} so that it is announced.
     */
    public static String claimFrom(String source) {
        return "INSERT INTO sync_state (user_id, version) SELECT :user, 1 " + source + """

                ON CONFLICT (user_id) DO UPDATE
                    SET version = sync_state.version + 1, updated_at = now()
                RETURNING version""";
    }

    @Override
    public long claimNextVersion(UserId user) {
        long version = PostgresTransactions.firstStatementMaySetUser((handle, setsUser) -> {
            try (PreparedStatement claim =
                    handle.getConnection().prepareStatement(setsUser ? SET_USER_AND_CLAIM_JDBC : CLAIM_JDBC)) {
                int parameter = 1;
                if (setsUser) {
                    claim.setString(parameter++, PostgresTransactions.user().value());
                }
                claim.setString(parameter, user.value());
                try (ResultSet claimed = claim.executeQuery()) {
                    claimed.next();
                    return claimed.getLong(1);
                }
            } catch (SQLException e) {
                throw new UnableToExecuteStatementException(e.getMessage(), e, null);
            }
        });
        PostgresTransactions.claimed(user, version);
        return version;
    }

    /**
     * Locks the user's version row unless another transaction holds it (SKIP LOCKED), then claims as
     * usual, which no longer waits. A user without the row yet has no write to wait for: the claim
     * creates it.
     */
    @Override
    public OptionalLong claimNextVersionIfFree(UserId user) {
        boolean locked = PostgresTransactions.handle()
                        .createQuery("SELECT count(*) FROM (SELECT 1 FROM sync_state WHERE user_id = :user"
                                + " FOR UPDATE SKIP LOCKED) AS free")
                        .bind("user", user.value())
                        .mapTo(Long.class)
                        .one()
                == 1;
        if (!locked && currentVersionRowExists(user)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(claimNextVersion(user));
    }

    private static boolean currentVersionRowExists(UserId user) {
        return PostgresTransactions.handle()
                .createQuery("SELECT EXISTS (SELECT 1 FROM sync_state WHERE user_id = :user)")
                .bind("user", user.value())
                .mapTo(Boolean.class)
                .one();
    }

    /** The first statement of every pull: it carries the snapshot's set-up in its round trip. */
    @Override
    public long currentVersion(UserId user) {
        return PostgresTransactions.query(
                "SELECT version FROM sync_state WHERE user_id = ?",
                (statement, first) -> statement.setString(first, user.value()),
                rows -> rows.next() ? rows.getLong(1) : 0L);
    }
}
