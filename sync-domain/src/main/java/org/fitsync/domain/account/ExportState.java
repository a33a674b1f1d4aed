package org.fitsync.domain.account;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where an account export job is: waiting for a worker, being written, ready to download, or failed. */
public enum ExportState {
    QUEUED,
    RUNNING,
    DONE,
    FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Queued or running: a second request for an export gets this one rather than a new one. */
    public boolean active() {
        return this == QUEUED || this == RUNNING;
    }

    public static Optional<ExportState> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
    }
}
