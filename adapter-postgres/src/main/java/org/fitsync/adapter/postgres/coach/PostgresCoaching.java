package org.fitsync.adapter.postgres.coach;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.fitsync.adapter.postgres.PostgresTransactions;
import org.fitsync.domain.UserId;
import org.fitsync.domain.coach.CoachLink;
import org.fitsync.domain.coach.PairingOutcome;
import org.fitsync.ports.out.coach.LoadCoachLinksPort;
import org.fitsync.ports.out.coach.RedeemPairingCodePort;
import org.fitsync.ports.out.coach.SaveCoachLinkPort;
import org.fitsync.ports.out.coach.SavePairingCodePort;

/** {@code pairing_codes} and {@code coach_links}; codes are redeemed through {@code redeem_pairing_code}. */
public final class PostgresCoaching
        implements SavePairingCodePort, RedeemPairingCodePort, SaveCoachLinkPort, LoadCoachLinksPort {

    private record Redemption(String outcome, String clientId) {}

    @Override
    public void savePairingCode(UserId client, byte[] codeHash, Instant expiresAt, long version) {
        // Codes that expired a day ago only take space; a user asking for a new one tidies up theirs.
        PostgresTransactions.handle()
                .createUpdate("DELETE FROM pairing_codes WHERE user_id = :user AND expires_at < :horizon")
                .bind("user", client.value())
                .bind("horizon", expiresAt.minus(Duration.ofDays(1)).atOffset(ZoneOffset.UTC))
                .execute();
        PostgresTransactions.handle()
                .createUpdate("""
                        INSERT INTO pairing_codes (user_id, code_hash, expires_at, version)
                        VALUES (:user, :hash, :expires_at, :version)""")
                .bind("user", client.value())
                .bind("hash", codeHash)
                .bind("expires_at", expiresAt.atOffset(ZoneOffset.UTC))
                .bind("version", version)
                .execute();
    }

    @Override
    public PairingOutcome redeemPairingCode(UserId coach, byte[] codeHash, Instant now) {
        Redemption redemption = PostgresTransactions.handle()
                .createQuery("SELECT outcome, client_id FROM redeem_pairing_code(:hash, :now)")
                .bind("hash", codeHash)
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .map((rs, ctx) -> new Redemption(rs.getString("outcome"), rs.getString("client_id")))
                .one();
        return switch (redemption.outcome()) {
            case "linked" -> new PairingOutcome.Linked(new UserId(redemption.clientId()));
            case "expired" -> new PairingOutcome.Expired();
            case "used" -> new PairingOutcome.AlreadyUsed();
            case "own" -> new PairingOutcome.OwnCode();
            case "unknown" -> new PairingOutcome.Unknown();
            default -> throw new IllegalStateException("unexpected pairing outcome " + redemption.outcome());
        };
    }

    @Override
    public void saveLink(CoachLink link, long version) {
        PostgresTransactions.handle()
                .createUpdate("""
                        INSERT INTO coach_links (user_id, client_id, linked_at, version)
                        VALUES (:coach, :client, :linked_at, :version)
                        ON CONFLICT (user_id, client_id) DO UPDATE
                            SET deleted_at = NULL, version = EXCLUDED.version,
                                linked_at = CASE WHEN coach_links.deleted_at IS NULL THEN coach_links.linked_at
                                                 ELSE EXCLUDED.linked_at END""")
                .bind("coach", link.coach().value())
                .bind("client", link.client().value())
                .bind("linked_at", link.linkedAt().atOffset(ZoneOffset.UTC))
                .bind("version", version)
                .execute();
    }

    @Override
    public List<CoachLink> linksOf(UserId coach) {
        return PostgresTransactions.handle()
                .createQuery("""
                        SELECT client_id, linked_at FROM coach_links
                        WHERE user_id = :coach AND deleted_at IS NULL ORDER BY linked_at, client_id""")
                .bind("coach", coach.value())
                .map((rs, ctx) -> new CoachLink(
                        coach,
                        new UserId(rs.getString("client_id")),
                        rs.getObject("linked_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    @Override
    public boolean isLinked(UserId coach, UserId client) {
        return PostgresTransactions.handle()
                .createQuery("""
                        SELECT EXISTS (SELECT 1 FROM coach_links
                                       WHERE user_id = :coach AND client_id = :client AND deleted_at IS NULL)""")
                .bind("coach", coach.value())
                .bind("client", client.value())
                .mapTo(Boolean.class)
                .one();
    }
}
