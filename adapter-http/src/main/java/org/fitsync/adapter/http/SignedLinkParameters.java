package org.fitsync.adapter.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.fitsync.domain.UserId;

/**
 * The query parameters every signed FitSync link carries besides its signature (upload URLs, export
 * downloads): {@code user}, the user id as unpadded base64url (a user id may hold any character), and
 * {@code expires}, epoch seconds. Either is empty when it is missing or malformed; the caller answers
 * that as it answers a bad signature, so a link's parts tell nothing apart.
 */
public final class SignedLinkParameters {

    private SignedLinkParameters() {}

    public static Optional<UserId> user(Context ctx) {
        String encoded = ctx.queryParam("user");
        if (encoded == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new UserId(new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static Optional<Instant> expires(Context ctx) {
        String text = ctx.queryParam("expires");
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(text)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
