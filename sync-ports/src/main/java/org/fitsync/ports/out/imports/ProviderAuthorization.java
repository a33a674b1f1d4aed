package org.fitsync.ports.out.imports;

import java.util.Set;
import org.fitsync.domain.imports.ProviderConnection;

/** The provider's OAuth endpoints that are not about one request's token. */
public interface ProviderAuthorization {

    /** Exchanges an authorization code for the first token pair; the scopes are those the user granted. */
    ProviderResult<ProviderConnection> exchange(String code, Set<String> grantedScopes);

    /**
     * Revokes FitSync's access at the provider (best effort: the user may have revoked it already);
     * true if the provider confirmed it.
     */
    boolean deauthorize(ProviderConnection connection);
}
