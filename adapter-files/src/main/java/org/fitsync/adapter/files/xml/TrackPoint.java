package org.fitsync.adapter.files.xml;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalDouble;
import org.fitsync.domain.files.RecordedSample;

/** A GPX or TCX track point while it is read; values stay NaN until the file gives them. */
public final class TrackPoint {

    public Instant time;
    public double lat = Double.NaN;
    public double lon = Double.NaN;
    public double elevationM = Double.NaN;
    public double heartRate = Double.NaN;
    /**
     * As the file states it: for a run, strides a minute of one foot (Garmin's GPX and TCX extensions write
     * it so, as FIT does), doubled into steps a minute; for a ride, rpm, kept.
     */
    public double cadencePerFoot = Double.NaN;

    public double powerW = Double.NaN;
    public double temperatureC = Double.NaN;
    public double distanceM = Double.NaN;

    /** Empty when the point has no time: an untimed point is part of a route, not of an activity. */
    public Optional<RecordedSample> toSample(boolean running) {
        if (time == null) {
            return Optional.empty();
        }
        boolean positioned = Math.abs(lat) <= 90 && Math.abs(lon) <= 180; // false for NaN too
        return Optional.of(new RecordedSample(
                time.toEpochMilli(),
                positioned ? OptionalDouble.of(lat) : OptionalDouble.empty(),
                positioned ? OptionalDouble.of(lon) : OptionalDouble.empty(),
                present(elevationM),
                present(heartRate),
                present(stepsPerMinute(running)),
                present(powerW),
                present(temperatureC),
                present(distanceM)));
    }

    private double stepsPerMinute(boolean running) {
        return running ? 2 * cadencePerFoot : cadencePerFoot;
    }

    private static OptionalDouble present(double value) {
        return Double.isNaN(value) ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** A finite number, or NaN for anything else (empty, junk, infinity). */
    public static double number(String text) {
        if (text.isEmpty() || text.length() > 32) {
            return Double.NaN;
        }
        try {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) ? value : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** An ISO-8601 time; one without an offset is taken as UTC, as GPX and TCX times are meant to be. */
    public static Optional<Instant> time(String text) {
        if (text.isEmpty() || text.length() > 40) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException again) {
                return Optional.empty();
            }
        }
    }
}
