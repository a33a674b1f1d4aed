package org.fitsync.domain;

/**
 * The identity of a FitSync user: the {@code sub} claim of their token. Every stored row belongs to
 * exactly one user, so this value partitions all data.
 */
public record UserId(String value) {

    public static final int MAX_LENGTH = 128;

    public UserId {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("user id must be 1.." + MAX_LENGTH + " characters");
        }
        if (value.chars().anyMatch(c -> c == 0 || Character.isISOControl(c))) {
            throw new IllegalArgumentException("user id must not contain control characters");
        }
    }

    public static boolean isValid(String value) {
        try {
            new UserId(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
