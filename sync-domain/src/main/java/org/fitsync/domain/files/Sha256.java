package org.fitsync.domain.files;

import java.util.Locale;
import java.util.regex.Pattern;

/** A SHA-256 digest as 64 lower-case hex digits: what a client declares and what FitSync verifies. */
public record Sha256(String hex) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public Sha256 {
        hex = hex.toLowerCase(Locale.ROOT);
        if (!HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("a SHA-256 digest is 64 hex digits");
        }
    }

    public static boolean isValid(String text) {
        return text != null && HEX.matcher(text.toLowerCase(Locale.ROOT)).matches();
    }

    public static Sha256 of(byte[] digest) {
        StringBuilder hex = new StringBuilder(64);
        for (byte b : digest) {
            hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return new Sha256(hex.toString());
    }

    @Override
    public String toString() {
        return hex;
    }
}
