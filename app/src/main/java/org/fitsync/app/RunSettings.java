package org.fitsync.app;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.fitsync.domain.run.SourcePriority;
import org.fitsync.domain.run.TrackSimplifier;

/** The runs feature's configuration (README, configuration table). */
record RunSettings(SourcePriority priority, double polylineToleranceMetres, Optional<String> cursorSecret) {

    static final String PRIORITY = "FITSYNC_SOURCE_PRIORITY";
    static final String TOLERANCE = "FITSYNC_POLYLINE_TOLERANCE_M";
    static final String CURSOR_SECRET = "FITSYNC_CURSOR_SECRET";

    static RunSettings from(Environment env) {
        SourcePriority priority = env.string(PRIORITY)
                .map(raw -> SourcePriority.parse(raw).orElseThrow(() -> new ConfigException(PRIORITY,
                        "must list garmin, strava, phone, healthkit and manual once each, comma-separated, got '"
                                + raw + "'")))
                .orElse(SourcePriority.DEFAULT);
        double tolerance = env.string(TOLERANCE).map(RunSettings::tolerance)
                .orElse(TrackSimplifier.DEFAULT_TOLERANCE_M);
        Optional<String> secret = env.string(CURSOR_SECRET);
        if (secret.isPresent() && secret.get().getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new ConfigException(CURSOR_SECRET, "must be at least 32 bytes");
        }
        return new RunSettings(priority, tolerance, secret);
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
