package org.fitsync.ports.in.imports;

import java.util.Objects;
import java.util.Set;
import org.fitsync.domain.UserId;

/** The OAuth callback's code, to be exchanged for the user's tokens, and the scopes the user granted. */
public record ConnectProviderCommand(UserId user, String code, Set<String> grantedScopes) {
    public ConnectProviderCommand {
        Objects.requireNonNull(user, "user");
        if (code == null || code.isBlank() || code.length() > 512) {
            throw new IllegalArgumentException("code must be 1..512 characters");
        }
        grantedScopes = Set.copyOf(grantedScopes);
    }
}
