package org.fitsync.adapter.postgres.privacy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fitsync.adapter.postgres.PostgresTransactions;
import org.fitsync.domain.UserId;
import org.fitsync.domain.privacy.PrivacySettings;
import org.fitsync.domain.privacy.PrivacyZone;
import org.fitsync.ports.out.privacy.PrivacySettingsPort;
import org.fitsync.ports.out.privacy.RunSharesPort;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code privacy_settings}, {@code privacy_zones} and {@code run_shares}. A share link is looked up
 * through {@code shared_run}, the one statement here outside a user's transaction, and never cached.
 */
public final class PostgresPrivacy implements PrivacySettingsPort, RunSharesPort {

    private final Jdbi jdbi;

    public PostgresPrivacy(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public PrivacySettings loadPrivacy(UserId user) {
        Optional<Integer> hide = PostgresTransactions.handle()
                .createQuery("SELECT hide_start_end_m FROM privacy_settings WHERE user_id = :user")
                .bind("user", user.value())
                .mapTo(Integer.class)
                .findOne();
        if (hide.isEmpty()) {
            return PrivacySettings.NONE;
        }
        List<PrivacyZone> zones = PostgresTransactions.handle()
                .createQuery("""
                        SELECT lat, lon, radius_m FROM privacy_zones
                        WHERE user_id = :user ORDER BY position""")
                .bind("user", user.value())
                .map((rs, ctx) -> new PrivacyZone(rs.getDouble("lat"), rs.getDouble("lon"), rs.getInt("radius_m")))
                .list();
        return new PrivacySettings(zones, hide.get());
    }

    @Override
    public void savePrivacy(UserId user, PrivacySettings settings, Instant now) {
        PostgresTransactions.handle()
                .createUpdate("""
                        INSERT INTO privacy_settings (user_id, hide_start_end_m, updated_at)
                        VALUES (:user, :hide, :now)
                        ON CONFLICT (user_id) DO UPDATE
                            SET hide_start_end_m = EXCLUDED.hide_start_end_m, updated_at = EXCLUDED.updated_at""")
                .bind("user", user.value())
                .bind("hide", settings.hideStartEndM())
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .execute();
        PostgresTransactions.handle()
                .createUpdate("DELETE FROM privacy_zones WHERE user_id = :user")
                .bind("user", user.value())
                .execute();
        List<PrivacyZone> zones = settings.zones();
        for (int i = 0; i < zones.size(); i++) {
            PrivacyZone zone = zones.get(i);
            PostgresTransactions.handle()
                    .createUpdate("""
                            INSERT INTO privacy_zones (user_id, position, lat, lon, radius_m)
                            VALUES (:user, :position, :lat, :lon, :radius)""")
                    .bind("user", user.value())
                    .bind("position", (short) i)
                    .bind("lat", zone.lat())
                    .bind("lon", zone.lon())
                    .bind("radius", zone.radiusM())
                    .execute();
        }
    }

    @Override
    public void addShare(UserId user, UUID runId, byte[] tokenHash, Instant now) {
        PostgresTransactions.handle()
                .createUpdate("""
                        INSERT INTO run_shares (user_id, token_hash, run_id, created_at)
                        VALUES (:user, :hash, :run, :now)""")
                .bind("user", user.value())
                .bind("hash", tokenHash)
                .bind("run", runId)
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .execute();
    }

    @Override
    public int revokeShares(UserId user, UUID runId, Instant now) {
        return PostgresTransactions.handle()
                .createUpdate("""
                        UPDATE run_shares SET revoked_at = :now
                        WHERE user_id = :user AND run_id = :run AND revoked_at IS NULL""")
                .bind("user", user.value())
                .bind("run", runId)
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .execute();
    }

    @Override
    public Optional<SharedRunRef> findLiveShare(byte[] tokenHash) {
        return jdbi.withHandle(h -> h.createQuery("SELECT user_id, run_id FROM shared_run(:hash)")
                .bind("hash", tokenHash)
                .map((rs, ctx) ->
                        new SharedRunRef(new UserId(rs.getString("user_id")), rs.getObject("run_id", UUID.class)))
                .findOne());
    }
}
