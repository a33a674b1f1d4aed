package org.fitsync.domain.sync;

import java.util.Objects;
import java.util.Optional;

/** A record's id: 1..64 characters of {@code [A-Za-z0-9_.-]} (WatermelonDB ids and more). */
public record RecordId(String value) implements Comparable<RecordId> {

    public RecordId {
        Objects.requireNonNull(value, "value");
        if (!isValid(value)) {
            throw new IllegalArgumentException("record id must be 1..64 of [A-Za-z0-9_.-]");
        }
    }

    /** A loop rather than a regex: every pushed record's id is checked, some of them more than once. */
    public static boolean isValid(String value) {
        if (value == null || value.isEmpty() || value.length() > 64) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '_'
                    || c == '.'
                    || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    public static Optional<RecordId> parse(String value) {
        return isValid(value) ? Optional.of(new RecordId(value)) : Optional.empty();
    }

    @Override
    public int compareTo(RecordId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
