package org.fitsync.domain.run;

import java.util.Locale;
import java.util.Optional;

/** The periods run totals are grouped by: ISO weeks (starting Monday), calendar months and years. */
public enum StatsPeriod {
    WEEK,
    MONTH,
    YEAR;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<StatsPeriod> fromWire(String name) {
        for (StatsPeriod period : values()) {
            if (period.wireName().equals(name)) {
                return Optional.of(period);
            }
        }
        return Optional.empty();
    }
}
