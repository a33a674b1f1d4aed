package org.fitsync.ports.in.imports;

import java.util.Objects;
import java.util.Set;
import org.fitsync.domain.UserId;

/** The user connects their Strava account: the OAuth callback's code is exchanged for tokens. */
public interface ConnectProviderUseCase {

    ConnectOutcome connect(ConnectCommand command);

    record ConnectCommand(UserId user, String code, Set<String> grantedScopes) {
        public ConnectCommand {
            Objects.requireNonNull(user, "user");
            if (code == null || code.isBlank() || code.length() > 512) {
                throw new IllegalArgumentException("code must be 1..512 characters");
            }
            grantedScopes = Set.copyOf(grantedScopes);
        }
    }

    sealed interface ConnectOutcome permits ConnectOutcome.Connected, ConnectOutcome.MissingScope,
            ConnectOutcome.Rejected, ConnectOutcome.ProviderUnavailable {
        record Connected(long athleteId, Set<String> scopes) implements ConnectOutcome {}
        record MissingScope(String detail) implements ConnectOutcome {}
        record Rejected(String detail) implements ConnectOutcome {}
        /** Strava could not be reached: not the caller's fault, and worth trying again later. */
        record ProviderUnavailable(String detail) implements ConnectOutcome {}
    }
}
