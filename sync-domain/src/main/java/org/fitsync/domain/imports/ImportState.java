package org.fitsync.domain.imports;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where an import job is in its life. Active states hold the user's single import slot. */
public enum ImportState {
    QUEUED,
    RUNNING,
    WAITING_RATE_LIMIT,
    COMPLETED,
    FAILED,
    CANCELLED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ImportState> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
    }

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    public boolean isActive() {
        return !isTerminal();
    }
}
