package org.fitsync.app.config;

import java.util.Optional;
import org.fitsync.domain.run.Source;
import org.fitsync.domain.run.SourcePriority;
import org.fitsync.domain.run.TrackSimplifier;

/**
 * The runs feature: {@code FITSYNC_SOURCE_PRIORITY}, {@code FITSYNC_POLYLINE_TOLERANCE_M} and
 * {@code FITSYNC_CURSOR_SECRET} (the history cursors' key; the JWT secret when unset).
 */
public record RunsConfig(SourcePriority priority, double polylineToleranceMetres, Optional<String> cursorSecret) {

    static final String PRIORITY = "FITSYNC_SOURCE_PRIORITY";
    static final String TOLERANCE = "FITSYNC_POLYLINE_TOLERANCE_M";
    static final String CURSOR_SECRET = "FITSYNC_CURSOR_SECRET";

    static RunsConfig from(Environment env) {
        SourcePriority priority = env.string(PRIORITY)
                .map(raw -> SourcePriority.parse(raw)
                        .orElseThrow(() -> new ConfigException(
                                PRIORITY,
                                "must list " + Source.wireNames()
                                        + " once each, comma-separated (a list of the first five alone"
                                        + " ranks coros, polar, suunto and wahoo after garmin), got '"
                                        + raw + "'")))
                .orElse(SourcePriority.DEFAULT);
        double tolerance = env.string(TOLERANCE).map(RunsConfig::tolerance).orElse(TrackSimplifier.DEFAULT_TOLERANCE_M);
        return new RunsConfig(priority, tolerance, env.hmacKey(CURSOR_SECRET));
    }

    private static double tolerance(String raw) {
        try {
            double value = Double.parseDouble(raw);
            if (value >= 0 && value <= 1000) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(TOLERANCE, "must be a number of metres from 0 to 1000, got '" + raw + "'");
    }
}
