package org.fitsync.client;

import java.util.Optional;

/** The app's source of bearer tokens for the signed-in user. */
public interface TokenProvider {

    /** The token to send now. */
    String currentToken();

    /**
     * Called when the server refused {@code rejected} with {@code 401}: a fresh token if the app can get
     * one without the user (a refresh token), otherwise empty, and the client waits in
     * {@code auth_required} until the app calls {@code tokenChanged()}.
     */
    Optional<String> renewToken(String rejected);
}
