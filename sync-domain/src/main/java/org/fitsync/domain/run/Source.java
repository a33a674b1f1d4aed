package org.fitsync.domain.run;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a run was recorded; its wire name is the lower-case constant name. */
public enum Source {
    GARMIN,
    STRAVA,
    PHONE,
    HEALTHKIT,
    MANUAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Source> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
    }
}
