package org.fitsync.adapter.http.auth;

import com.nimbusds.jose.JOSEObjectType;

/**
 * What sets a sign-in link apart from an access token: its key, derived from the node's secret with its
 * own label (so a link's signature never verifies as a token's, nor a token's as a link's), and its
 * {@code typ} header, which the token verifier does not accept either.
 */
final class SignInLinkFormat {

    static final JOSEObjectType TYPE = new JOSEObjectType("fitsync-sign-in-link+jwt");

    private static final String KEY_LABEL = "fitsync app sign-in link";

    private SignInLinkFormat() {}

    static byte[] key(String secret) {
        if (secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < TokenVerifier.MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(
                    "the JWT secret must be at least " + TokenVerifier.MIN_SECRET_BYTES + " bytes");
        }
        return HmacSha256.deriveKey(secret, KEY_LABEL);
    }
}
