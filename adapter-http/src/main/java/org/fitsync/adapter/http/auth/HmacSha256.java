package org.fitsync.adapter.http.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256, the one MAC behind FitSync's signed values (history cursors, OAuth state) and their keys. */
public final class HmacSha256 {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public HmacSha256(byte[] key) {
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /**
     * A key for one purpose, derived from a shared secret with a fixed label, so a value signed with
     * it never doubles as anything signed with the secret itself (e.g. a token) or for another purpose.
     */
    public static byte[] deriveKey(String secret, String label) {
        return new HmacSha256(secret.getBytes(StandardCharsets.UTF_8)).sign(label.getBytes(StandardCharsets.UTF_8));
    }

    /** The MAC of the parts, in order, as if they were one message. */
    public byte[] sign(byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }
}
