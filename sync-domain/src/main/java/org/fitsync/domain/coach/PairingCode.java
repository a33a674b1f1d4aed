package org.fitsync.domain.coach;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A code a client hands to a coach, shown as {@code K7Q2-9XPA}: 8 symbols of a 31-letter alphabet
 * without look-alikes (no 0/O, 1/I/L), so about 40 bits. Single use and a 15-minute life make guessing
 * hopeless. Only its {@link #hash()} is stored, so a database leak reveals no live code.
 */
public record PairingCode(String value) {

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final int SYMBOLS = 8;
    private static final Pattern FORMAT = Pattern.compile("[" + ALPHABET + "]{4}-[" + ALPHABET + "]{4}");

    public PairingCode {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a pairing code");
        }
    }

    public static PairingCode generate(SecureRandom random) {
        StringBuilder code = new StringBuilder(SYMBOLS + 1);
        for (int i = 0; i < SYMBOLS; i++) {
            if (i == SYMBOLS / 2) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return new PairingCode(code.toString());
    }

    /** Reads what a person typed: case, spaces and a missing dash do not matter. */
    public static Optional<PairingCode> parse(String typed) {
        if (typed == null || typed.length() > 32) {
            return Optional.empty();
        }
        String compact = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (compact.length() != SYMBOLS) {
            return Optional.empty();
        }
        String value = compact.substring(0, SYMBOLS / 2) + "-" + compact.substring(SYMBOLS / 2);
        return FORMAT.matcher(value).matches() ? Optional.of(new PairingCode(value)) : Optional.empty();
    }

    /** SHA-256 of the canonical form: what is stored and looked up. */
    public byte[] hash() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "PairingCode[****]";
    }
}
