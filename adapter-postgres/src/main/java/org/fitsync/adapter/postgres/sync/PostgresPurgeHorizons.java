package org.fitsync.adapter.postgres.sync;

import org.fitsync.adapter.postgres.PostgresTransactions;
import org.fitsync.domain.UserId;
import org.fitsync.ports.out.sync.PurgeHorizonPort;

/** The user's purge horizon in {@code sync_purge_horizons}; it only ever rises. */
public final class PostgresPurgeHorizons implements PurgeHorizonPort {

    @Override
    public long purgeHorizon(UserId user) {
        return PostgresTransactions.query(
                "SELECT version FROM sync_purge_horizons WHERE user_id = ?",
                (statement, first) -> statement.setString(first, user.value()),
                rows -> rows.next() ? rows.getLong(1) : 0L);
    }

    @Override
    public void raisePurgeHorizon(UserId user, long version) {
        PostgresTransactions.handle()
                .createUpdate("""
                        INSERT INTO sync_purge_horizons (user_id, version) VALUES (:user, :version)
                        ON CONFLICT (user_id) DO UPDATE
                            SET version = greatest(sync_purge_horizons.version, EXCLUDED.version), updated_at = now()""")
                .bind("user", user.value())
                .bind("version", version)
                .execute();
    }
}
