package org.fitsync.domain.run;

import java.util.Optional;

/**
 * The standard distances a best effort is kept for (docs/api.md, Personal records), shortest first.
 * Wire names are what the API and the {@code run_best_efforts} table say.
 */
public enum BestEffortDistance {
    M400("400m", 400),
    K1("1k", 1000),
    MILE("1mi", 1609.344),
    K5("5k", 5000),
    K10("10k", 10_000),
    HALF_MARATHON("half_marathon", 21_097.5),
    MARATHON("marathon", 42_195);

    private final String wireName;
    private final double metres;

    BestEffortDistance(String wireName, double metres) {
        this.wireName = wireName;
        this.metres = metres;
    }

    public String wireName() {
        return wireName;
    }

    public double metres() {
        return metres;
    }

    public static Optional<BestEffortDistance> fromWire(String name) {
        for (BestEffortDistance distance : values()) {
            if (distance.wireName.equals(name)) {
                return Optional.of(distance);
            }
        }
        return Optional.empty();
    }
}
