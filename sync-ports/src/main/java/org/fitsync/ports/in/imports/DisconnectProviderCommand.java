package org.fitsync.ports.in.imports;

import java.util.Objects;
import org.fitsync.domain.UserId;

/** The user (or the provider, on deauthorisation) ends the user's connection. */
public record DisconnectProviderCommand(UserId user) {
    public DisconnectProviderCommand {
        Objects.requireNonNull(user, "user");
    }
}
