package org.fitsync.ports.in.account;

import java.util.Map;

/**
 * Erases a user everywhere (docs/api.md "Your data"): their provider connection is revoked at the
 * provider first, then every row naming them goes in one transaction, then their files' bytes.
 */
public interface EraseAccountUseCase {

    Outcome erase(EraseAccountCommand command);

    /** How an erasure request ended. */
    sealed interface Outcome permits Outcome.Erased, Outcome.NotConfirmed {

        /** Nothing was changed: the confirmation was not the user's own id. */
        record NotConfirmed() implements Outcome {}

        /**
         * The account is erased. {@code rows} counts what went, per table; {@code provider} says how
         * revoking the provider connection went; {@code blobsNotDeleted} counts stored files whose
         * bytes could not be removed now (the operator's sweep finds them, see docs/operations.md).
         */
        record Erased(Map<String, Long> rows, ProviderRevocation provider, int blobsDeleted, int blobsNotDeleted)
                implements Outcome {
            public Erased {
                rows = Map.copyOf(rows);
            }
        }
    }

    /** What became of the user's connection to a provider (Strava). */
    enum ProviderRevocation {
        /** The user had no connection. */
        NOT_CONNECTED,
        /** The provider confirmed the revocation. */
        REVOKED,
        /**
         * The provider could not be reached or refused: the connection and its tokens are erased here
         * anyway (the user asked), and the user is told to revoke access in the provider's settings.
         */
        FAILED,
        /** Imports are switched off on this server, so the stored connection could not be revoked. */
        NOT_CONFIGURED
    }
}
