package org.fitsync.adapter.postgres.imports;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.fitsync.adapter.postgres.PostgresTransactions;
import org.fitsync.domain.UserId;
import org.fitsync.domain.imports.ProviderConnection;
import org.fitsync.ports.out.imports.ProviderConnectionStore;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Strava connections in {@code provider_connections}, tokens encrypted with the {@link TokenCipher}. */
public final class PostgresProviderConnections implements ProviderConnectionStore {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresProviderConnections.class);
    private static final String PROVIDER = "strava";

    private final TokenCipher cipher;
    private final Jdbi jdbi;

    /** {@code jdbi} serves the one cross-user lookup, which runs outside any user transaction. */
    public PostgresProviderConnections(TokenCipher cipher, Jdbi jdbi) {
        this.cipher = cipher;
        this.jdbi = jdbi;
    }

    // Holds the encrypted token bytes from one row just until they are decrypted; never compared or hashed.
    @SuppressWarnings("ArrayRecordComponent")
    private record Row(long athleteId, String scopes, byte[] access, byte[] refresh, OffsetDateTime expiresAt) {}

    @Override
    public Optional<ProviderConnection> load(UserId user) {
        Optional<Row> row = PostgresTransactions.handle()
                .createQuery("""
                        SELECT athlete_id, scopes, access_token, refresh_token, expires_at
                          FROM provider_connections WHERE user_id = :user AND id = :provider""")
                .bind("user", user.value())
                .bind("provider", PROVIDER)
                .map((rs, ctx) -> new Row(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getBytes(3),
                        rs.getBytes(4),
                        rs.getObject(5, OffsetDateTime.class)))
                .findOne();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> access = cipher.decrypt(user.value(), row.get().access());
        Optional<String> refresh = cipher.decrypt(user.value(), row.get().refresh());
        if (access.isEmpty() || refresh.isEmpty()) {
            // A changed FITSYNC_TOKEN_KEY: the tokens are unusable, so the user has to connect again.
            LOG.warn("Stored Strava tokens do not decrypt with the configured key; treating the user as disconnected");
            return Optional.empty();
        }
        Set<String> scopes =
                new LinkedHashSet<>(Arrays.asList(row.get().scopes().split(",")));
        scopes.remove("");
        return Optional.of(new ProviderConnection(
                row.get().athleteId(),
                scopes,
                access.get(),
                refresh.get(),
                row.get().expiresAt().toInstant()));
    }

    @Override
    public void save(UserId user, ProviderConnection connection) {
        PostgresTransactions.handle()
                .createUpdate("""
                        INSERT INTO provider_connections
                            (user_id, id, athlete_id, scopes, access_token, refresh_token, refresh_hash, expires_at)
                        VALUES (:user, :provider, :athlete, :scopes, :access, :refresh, :hash, :expires)
                        ON CONFLICT (user_id, id) DO UPDATE SET
                            athlete_id = excluded.athlete_id, scopes = excluded.scopes,
                            access_token = excluded.access_token, refresh_token = excluded.refresh_token,
                            refresh_hash = excluded.refresh_hash, expires_at = excluded.expires_at, updated_at = now()""")
                .bind("user", user.value())
                .bind("provider", PROVIDER)
                .bind("athlete", connection.athleteId())
                .bind("scopes", String.join(",", connection.scopes()))
                .bind("access", cipher.encrypt(user.value(), connection.accessToken()))
                .bind("refresh", cipher.encrypt(user.value(), connection.refreshToken()))
                .bind("hash", TokenCipher.digest(connection.refreshToken()))
                .bind("expires", OffsetDateTime.ofInstant(connection.expiresAt(), ZoneOffset.UTC))
                .execute();
    }

    @Override
    public boolean replaceTokens(UserId user, String expectedRefreshToken, ProviderConnection fresh) {
        return PostgresTransactions.handle()
                        .createUpdate("""
                        UPDATE provider_connections
                           SET access_token = :access, refresh_token = :refresh, refresh_hash = :hash,
                               expires_at = :expires, updated_at = now()
                         WHERE user_id = :user AND id = :provider AND refresh_hash = :expected""")
                        .bind("user", user.value())
                        .bind("provider", PROVIDER)
                        .bind("access", cipher.encrypt(user.value(), fresh.accessToken()))
                        .bind("refresh", cipher.encrypt(user.value(), fresh.refreshToken()))
                        .bind("hash", TokenCipher.digest(fresh.refreshToken()))
                        .bind("expires", OffsetDateTime.ofInstant(fresh.expiresAt(), ZoneOffset.UTC))
                        .bind("expected", TokenCipher.digest(expectedRefreshToken))
                        .execute()
                == 1;
    }

    @Override
    public boolean delete(UserId user) {
        return PostgresTransactions.handle()
                        .createUpdate("DELETE FROM provider_connections WHERE user_id = :user AND id = :provider")
                        .bind("user", user.value())
                        .bind("provider", PROVIDER)
                        .execute()
                == 1;
    }

    @Override
    public Optional<UserId> userForAthlete(long athleteId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT provider_user_for_athlete(:provider, :athlete)")
                .bind("provider", PROVIDER)
                .bind("athlete", athleteId)
                .mapTo(String.class)
                .findOne()
                .filter(UserId::isValid)
                .map(UserId::new));
    }
}
