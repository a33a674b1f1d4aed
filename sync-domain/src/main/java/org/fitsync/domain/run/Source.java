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
    MANUAL,
    COROS,
    POLAR,
    SUUNTO,
    WAHOO;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Source> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
    }

    /** The wire names in declaration order, comma-separated, for messages. */
    public static String wireNames() {
        StringBuilder names = new StringBuilder();
        for (Source source : values()) {
            names.append(names.length() == 0 ? "" : ", ").append(source.wireName());
        }
        return names.toString();
    }
}
