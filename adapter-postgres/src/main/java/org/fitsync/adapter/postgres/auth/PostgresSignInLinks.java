package org.fitsync.adapter.postgres.auth;

import java.time.Instant;
import java.time.ZoneOffset;
import org.fitsync.adapter.postgres.PostgresTransactions;
import org.fitsync.domain.UserId;
import org.fitsync.ports.out.auth.ConsumeSignInLinkPort;

/** {@code app_sign_in_links}: the ids of used sign-in links, each kept until its link expires. */
public final class PostgresSignInLinks implements ConsumeSignInLinkPort {

    @Override
    public boolean consumeSignInLink(UserId user, String linkId, Instant expiresAt, Instant now) {
        // The primary key decides between two nodes given the same link at once: one row, one winner.
        int inserted = PostgresTransactions.handle()
                .createUpdate("""
                        INSERT INTO app_sign_in_links (user_id, link_id, used_at, expires_at)
                        VALUES (:user, :link, :now, :expires)
                        ON CONFLICT (user_id, link_id) DO NOTHING""")
                .bind("user", user.value())
                .bind("link", linkId)
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .bind("expires", expiresAt.atOffset(ZoneOffset.UTC))
                .execute();
        if (inserted == 0) {
            return false;
        }
        // Only after a first use: a refused link changes nothing.
        PostgresTransactions.handle()
                .createUpdate("DELETE FROM app_sign_in_links WHERE user_id = :user AND expires_at < :now")
                .bind("user", user.value())
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .execute();
        return true;
    }
}
