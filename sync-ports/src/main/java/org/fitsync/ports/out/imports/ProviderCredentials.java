package org.fitsync.ports.out.imports;

import java.util.Optional;
import org.fitsync.domain.UserId;
import org.fitsync.domain.imports.ProviderConnection;

/**
 * The provider adapter's access to a user's stored tokens, each call its own transaction: a token
 * refresh must be persisted the moment it happens, whatever the caller does next.
 */
public interface ProviderCredentials {

    Optional<ProviderConnection> current(UserId user);

    /** Persists a refreshed pair; false if another node rotated the pair first (reload and use theirs). */
    boolean rotated(UserId user, String previousRefreshToken, ProviderConnection fresh);
}
