package org.fitsync.ports.in.imports;

import java.util.Set;

/** The user connects their Strava account: the OAuth callback's code is exchanged for tokens. */
public interface ConnectProviderUseCase {

    ConnectOutcome connect(ConnectProviderCommand command);

    sealed interface ConnectOutcome
            permits ConnectOutcome.Connected,
                    ConnectOutcome.MissingScope,
                    ConnectOutcome.Rejected,
                    ConnectOutcome.ProviderUnavailable {
        record Connected(long athleteId, Set<String> scopes) implements ConnectOutcome {}

        record MissingScope(String detail) implements ConnectOutcome {}

        record Rejected(String detail) implements ConnectOutcome {}

        /** Strava could not be reached: not the caller's fault, and worth trying again later. */
        record ProviderUnavailable(String detail) implements ConnectOutcome {}
    }
}
