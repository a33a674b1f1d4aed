package org.fitsync.domain.run;

import java.util.Locale;
import java.util.Optional;

/**
 * The per-sample streams a watch records beside GPS, each with the range a real recording stays in
 * and the step its values come in (FIT stores heart rate, power and temperature as integers; running
 * cadence in FIT has a half-step fractional part). Wire names are the lower-case constant names.
 */
public enum SampleStream {
    /** Beats per minute, whole. */
    HEART_RATE(20, 250, 1, "a whole number of beats per minute"),
    /** Steps per minute (both feet), in half steps. */
    CADENCE(0, 300, 0.5, "a number of steps per minute in half steps"),
    /** Watts, whole. */
    POWER(0, 3000, 1, "a whole number of watts"),
    /** Degrees Celsius, whole. */
    TEMPERATURE(-60, 70, 1, "a whole number of degrees Celsius"),
    /** Metres covered since the start, any precision. */
    DISTANCE_M(0, 1_000_000, 0, "a number of metres since the start");

    private final double min;
    private final double max;
    private final double step;
    private final String kind;

    SampleStream(double min, double max, double step, String kind) {
        this.min = min;
        this.max = max;
        this.step = step;
        this.kind = kind;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SampleStream> fromWire(String name) {
        for (SampleStream stream : values()) {
            if (stream.wireName().equals(name)) {
                return Optional.of(stream);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code value} is a plausible reading of this stream. */
    public boolean accepts(double value) {
        return value >= min && value <= max && (step == 0 || Math.rint(value / step) * step == value);
    }

    /**
     * A device's raw reading as this stream keeps it: rounded to the stream's step, or NaN (no
     * reading) when it is outside the plausible range (a chest strap's 0 when it lost contact).
     */
    public double reading(double raw) {
        double value = step == 0 ? raw : Math.rint(raw / step) * step;
        return accepts(value) ? value + 0.0 : Double.NaN;
    }

    /** What a bad value should have been, for a client to read. */
    String rule() {
        return "must be " + kind + " in [" + plain(min) + ", " + plain(max) + "], or null";
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** The wire names, for messages: {@code heart_rate, cadence, power, temperature, distance_m}. */
    static String wireNames() {
        StringBuilder names = new StringBuilder();
        for (SampleStream stream : values()) {
            names.append(names.length() == 0 ? "" : ", ").append(stream.wireName());
        }
        return names.toString();
    }
}
