package org.fitsync.ports.in.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;
import org.fitsync.domain.UserId;

/**
 * A verified sign-in link is presented to sign in: {@code linkId} is its unique id (the {@code jti}, 16 to
 * 64 base64url characters), {@code expiresAt} the moment after which its signature no longer admits it.
 */
public record RedeemSignInLinkCommand(UserId user, String linkId, Instant expiresAt) {

    private static final Pattern LINK_ID = Pattern.compile("[A-Za-z0-9_-]{16,64}");

    public RedeemSignInLinkCommand {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!isValidLinkId(linkId)) {
            throw new IllegalArgumentException("a sign-in link id is 16 to 64 base64url characters");
        }
    }

    public static boolean isValidLinkId(String linkId) {
        return linkId != null && LINK_ID.matcher(linkId).matches();
    }
}
