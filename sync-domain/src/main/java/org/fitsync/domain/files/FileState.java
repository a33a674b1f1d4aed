package org.fitsync.domain.files;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where an activity file is in its life: declared and waiting for its bytes, verified and queued or
 * being read, or finished with one of four outcomes.
 */
public enum FileState {
    AWAITING_UPLOAD,
    PROCESSING,
    IMPORTED,
    DUPLICATE,
    SKIPPED,
    FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
        return this != AWAITING_UPLOAD && this != PROCESSING;
    }

    public static Optional<FileState> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
    }
}
