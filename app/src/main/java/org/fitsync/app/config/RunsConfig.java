package org.fitsync.app.config;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.fitsync.domain.run.Source;
import org.fitsync.domain.run.SourcePriority;
import org.fitsync.domain.run.TrackSimplifier;

/**
 * The runs feature: {@code FITSYNC_SOURCE_PRIORITY}, {@code FITSYNC_POLYLINE_TOLERANCE_M},
 * {@code FITSYNC_CURSOR_SECRET} (the history cursors' key; the JWT secret when unset), and where an
 * imported or uploaded run's start place is looked up ({@code FITSYNC_GEOCODER}: {@code nominatim} or
 * {@code off}; {@code FITSYNC_GEOCODER_URL}), and the backfill of figures for runs stored before they
 * existed ({@link Backfill}).
 */
public record RunsConfig(
        SourcePriority priority,
        double polylineToleranceMetres,
        Optional<String> cursorSecret,
        Places places,
        Backfill backfill) {

    /** Reverse geocoding of start points: on or off, and the Nominatim-compatible server asked. */
    public record Places(boolean enabled, URI baseUrl) {}

    /**
     * The figures backfill on this node: {@code FITSYNC_BACKFILL} ({@code on}, the default, or {@code off})
     * and how long it rests between passes, {@code FITSYNC_BACKFILL_INTERVAL} (1m). Once every run has its
     * figures a pass is one look at an empty index.
     */
    public record Backfill(boolean enabled, Duration interval) {}

    static final Duration DEFAULT_BACKFILL_INTERVAL = Duration.ofMinutes(1);

    static final URI DEFAULT_GEOCODER_URL = URI.create("https://nominatim.openstreetmap.org");

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
        return new RunsConfig(priority, tolerance, env.hmacKey(CURSOR_SECRET), places(env), backfill(env));
    }

    private static Backfill backfill(Environment env) {
        String backfill = env.string("FITSYNC_BACKFILL", "on").toLowerCase(Locale.ROOT);
        if (!backfill.equals("on") && !backfill.equals("off")) {
            throw new ConfigException("FITSYNC_BACKFILL", "must be on or off, got '" + backfill + "'");
        }
        Duration interval = env.duration("FITSYNC_BACKFILL_INTERVAL", DEFAULT_BACKFILL_INTERVAL);
        if (interval.isZero() || interval.isNegative()) {
            throw new ConfigException("FITSYNC_BACKFILL_INTERVAL", "must be positive");
        }
        return new Backfill(backfill.equals("on"), interval);
    }

    private static Places places(Environment env) {
        String geocoder = env.string("FITSYNC_GEOCODER", "nominatim").toLowerCase(Locale.ROOT);
        if (!geocoder.equals("nominatim") && !geocoder.equals("off")) {
            throw new ConfigException("FITSYNC_GEOCODER", "must be nominatim or off, got '" + geocoder + "'");
        }
        URI baseUrl = env.uri("FITSYNC_GEOCODER_URL").orElse(DEFAULT_GEOCODER_URL);
        return new Places(geocoder.equals("nominatim"), baseUrl);
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
