package org.fitsync.adapter.strava.testing;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.fitsync.domain.UserId;
import org.fitsync.domain.imports.ProviderConnection;
import org.fitsync.ports.out.imports.ProviderCredentials;

/** A test double of the credentials port: token pairs in a map, with the same compare-and-set rule. */
public final class InMemoryCredentials implements ProviderCredentials {

    private final Map<UserId, ProviderConnection> connections = new ConcurrentHashMap<>();

    public void put(UserId user, ProviderConnection connection) {
        connections.put(user, connection);
    }

    @Override
    public Optional<ProviderConnection> current(UserId user) {
        return Optional.ofNullable(connections.get(user));
    }

    @Override
    public synchronized boolean rotated(UserId user, String previousRefreshToken, ProviderConnection fresh) {
        ProviderConnection now = connections.get(user);
        if (now == null || !now.refreshToken().equals(previousRefreshToken)) {
            return false;
        }
        connections.put(user, fresh);
        return true;
    }
}
