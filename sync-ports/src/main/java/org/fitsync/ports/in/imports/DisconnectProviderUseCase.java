package org.fitsync.ports.in.imports;

/**
 * The user (or the provider, on deauthorisation) ends the connection: the running import is
 * cancelled, access is revoked, tokens are dropped and the imported runs are deleted.
 */
public interface DisconnectProviderUseCase {

    /** Returns how many imported runs were deleted. */
    int disconnect(DisconnectProviderCommand command);
}
