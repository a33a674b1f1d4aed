package org.fitsync.domain.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The secret in a public share link: 256 random bits as 43 characters of unpadded base64url, which
 * nobody guesses. Only its SHA-256 {@link #hash()} is stored, so a database leak opens no link.
 */
public final class ShareToken {

    private static final int BYTES = 32;
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final String value;

    private ShareToken(String value) {
        this.value = value;
    }

    public static ShareToken generate(SecureRandom random) {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return new ShareToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The token in a link, when it has a token's form (anything else names no link). */
    public static Optional<ShareToken> parse(String text) {
        return text != null && FORM.matcher(text).matches() ? Optional.of(new ShareToken(text)) : Optional.empty();
    }

    public String value() {
        return value;
    }

    public byte[] hash() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** Never the secret itself, should a token end up in a log. */
    @Override
    public String toString() {
        return "ShareToken[…]";
    }
}
