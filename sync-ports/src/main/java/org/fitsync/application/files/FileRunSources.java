package org.fitsync.application.files;

import java.util.Locale;
import java.util.Optional;
import org.fitsync.domain.run.Source;

/**
 * The one place where a recording's manufacturer becomes a run's {@link Source}: the makers FitSync
 * ranks by name, and {@link #UNKNOWN_MAKER} for the rest.
 */
public final class FileRunSources {

    /**
     * A recording from a maker {@code Source} does not name yet, or from no named maker: {@code phone},
     * the source that claims no maker, ranked below {@code garmin} and {@code strava} by default.
     */
    public static final Source UNKNOWN_MAKER = Source.PHONE;

    private FileRunSources() {}

    public static Source sourceOf(Optional<String> manufacturer) {
        String maker = manufacturer.map(m -> m.trim().toLowerCase(Locale.ROOT)).orElse("");
        return switch (maker) {
            case "garmin" -> Source.GARMIN;
            case "coros" -> Source.COROS;
            case "polar" -> Source.POLAR;
            case "suunto" -> Source.SUUNTO;
            case "wahoo", "wahoo_fitness" -> Source.WAHOO;
            default -> UNKNOWN_MAKER;
        };
    }
}
