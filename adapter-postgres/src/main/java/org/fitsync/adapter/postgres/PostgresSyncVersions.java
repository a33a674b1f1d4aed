package org.fitsync.adapter.postgres;

import org.fitsync.domain.UserId;
import org.fitsync.ports.out.SyncVersionPort;

/** The user's version row in {@code sync_state}; claiming a version row-locks it until commit. */
public final class PostgresSyncVersions implements SyncVersionPort {

    @Override
    public long claimNextVersion(UserId user) {
        return PostgresTransactions.handle()
                .createQuery("""
                        INSERT INTO sync_state (user_id, version) VALUES (:user, 1)
                        ON CONFLICT (user_id) DO UPDATE
                            SET version = sync_state.version + 1, updated_at = now()
                        RETURNING version""")
                .bind("user", user.value())
                .mapTo(Long.class)
                .one();
    }

    @Override
    public long currentVersion(UserId user) {
        return PostgresTransactions.handle()
                .createQuery("SELECT version FROM sync_state WHERE user_id = :user")
                .bind("user", user.value())
                .mapTo(Long.class)
                .findOne()
                .orElse(0L);
    }
}
