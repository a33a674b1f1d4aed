package org.fitsync.domain.imports;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an import is doing: listing activities, importing the listed ones, or finished. */
public enum ImportPhase {
    LISTING,
    IMPORTING,
    DONE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ImportPhase> fromWire(String value) {
        return Arrays.stream(values()).filter(p -> p.wireName().equals(value)).findFirst();
    }
}
