package org.fitsync.domain.sync;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** A record's id: 1..64 characters of {@code [A-Za-z0-9_.-]} (WatermelonDB ids and more). */
public record RecordId(String value) implements Comparable<RecordId> {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    public RecordId {
        Objects.requireNonNull(value, "value");
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("record id must be 1..64 of [A-Za-z0-9_.-]");
        }
    }

    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
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
