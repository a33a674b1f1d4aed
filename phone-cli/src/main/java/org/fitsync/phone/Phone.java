package org.fitsync.phone;

import java.util.Optional;
import org.fitsync.client.FitSyncClient;
import org.fitsync.client.TokenProvider;
import org.fitsync.client.jvm.JvmClient;

/** Opens the user's sync client for one command. */
final class Phone {

    private Phone() {}

    static FitSyncClient open(PhoneOptions options) {
        String token = options.token == null ? "" : options.token;
        TokenProvider tokens = new TokenProvider() {
            @Override
            public String currentToken() {
                return token;
            }

            @Override
            public Optional<String> renewToken(String rejected) {
                return Optional.empty(); // a command-line phone cannot sign in again by itself
            }
        };
        return FitSyncClient.signIn(JvmClient.config(options.data, options.server), options.user, tokens);
    }
}
