package org.fitsync.ports.out.imports;

import java.util.Optional;
import org.fitsync.domain.UserId;
import org.fitsync.domain.imports.ProviderConnection;

/** The user's provider connection, stored encrypted. Runs inside a user transaction. */
public interface ProviderConnectionStore {

    Optional<ProviderConnection> load(UserId user);

    /** Connects (or reconnects) the user, replacing any previous connection. */
    void save(UserId user, ProviderConnection connection);

    /**
     * Replaces the token pair only if the stored refresh token is still {@code expectedRefreshToken}:
     * a refresh that lost a race to another node must not overwrite the newer pair.
     */
    boolean replaceTokens(UserId user, String expectedRefreshToken, ProviderConnection fresh);

    boolean delete(UserId user);

    /** The user connected to a provider athlete (webhooks name athletes, not users). Crosses users. */
    Optional<UserId> userForAthlete(long athleteId);
}
