package org.fitsync.application.files;

import java.util.Locale;
import java.util.Optional;
import org.fitsync.domain.run.Source;

/**
 * The one place where a recording's manufacturer becomes a run's {@link Source}. Extend the switch as
 * {@code Source} learns makers (coros, polar, suunto, wahoo are on their way).
 */
public final class FileRunSources {

    /**
     * A recording from a maker {@code Source} does not name yet, or from no named maker: {@code phone},
     * the source that claims no maker, ranked below {@code garmin} and {@code strava} by default.
     */
    public static final Source UNKNOWN_MAKER = Source.PHONE;

    private FileRunSources() {}

    // TODO(lead, at the merge of the Source additions): map coros, polar, suunto and wahoo here.
    public static Source sourceOf(Optional<String> manufacturer) {
        String maker = manufacturer.map(m -> m.trim().toLowerCase(Locale.ROOT)).orElse("");
        return switch (maker) {
            case "garmin" -> Source.GARMIN;
            default -> UNKNOWN_MAKER;
        };
    }
}
