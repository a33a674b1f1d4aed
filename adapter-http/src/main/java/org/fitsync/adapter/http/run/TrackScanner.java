package org.fitsync.adapter.http.run;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.fitsync.domain.run.Track;

/**
 * The fast path for a submitted track: scans the raw bytes of a JSON array of well-formed points
 * {@code [epoch_ms, lat, lon, elevation_m|null]} straight into track points, without Jackson's
 * tokens, text buffers and per-number dispatch (the track is nearly all of a run's bytes and
 * parsing it dominated the request). It accepts only that common, valid shape: plain JSON numbers
 * without exponent of at most {@value #MAX_DIGITS} digits, an integer time, JSON whitespace.
 * Anything else — any error, an exponent, a long number, too many points — makes it give up, and
 * the caller parses the body the general way, which reports errors as before. So the two paths
 * never disagree: where this one answers, it gives the same points (numbers are correctly
 * rounded, as Jackson's are).
 */
final class TrackScanner {

    /** Digits of a number that fit a long exactly (10^18 < 2^63). */
    static final int MAX_DIGITS = 18;

    private static final long MAX_EXACT = 1L << 53;
    private static final double[] POW10 = new double[23];

    static {
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = Math.pow(10, i); // exact up to 10^22 (5^22 < 2^53), and Math.pow is exact when the result is
        }
    }

    /** The track the array holds and the offset just past its closing bracket. */
    record Scanned(Track track, int end) {}

    private final byte[] in;
    private int pos;

    private TrackScanner(byte[] in, int pos) {
        this.in = in;
        this.pos = pos;
    }

    /** Scans the array whose {@code [} is at {@code start}; empty if it is not in the fast path's shape. */
    static Optional<Scanned> scan(byte[] body, int start) {
        if (start < 0 || start >= body.length || body[start] != '[') {
            return Optional.empty();
        }
        return new TrackScanner(body, start + 1).array();
    }

    private Optional<Scanned> array() {
        Track.Builder points = Track.builder(4096);
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return Optional.of(new Scanned(points.build(), pos));
        }
        while (true) {
            if (points.size() == Track.MAX_POINTS) {
                return Optional.empty(); // too long: the general path reports it
            }
            if (!point(points)) {
                return Optional.empty();
            }
            skipWhitespace();
            int next = peek();
            pos++;
            if (next == ']') {
                return Optional.of(new Scanned(points.build(), pos));
            }
            if (next != ',') {
                return Optional.empty();
            }
            skipWhitespace();
        }
    }

    /** Adds one {@code [time, lat, lon, elevation|null]}; false if it is not in that shape. */
    private boolean point(Track.Builder points) {
        if (peek() != '[') {
            return false;
        }
        pos++;
        skipWhitespace();
        long time = integer();
        if (time == Long.MIN_VALUE || !separator()) {
            return false;
        }
        double lat = number();
        if (Double.isNaN(lat) || !separator()) {
            return false;
        }
        double lon = number();
        if (Double.isNaN(lon) || !separator()) {
            return false;
        }
        boolean withElevation = !literalNull();
        double elevation = withElevation ? number() : 0;
        if (Double.isNaN(elevation)) {
            return false;
        }
        skipWhitespace();
        if (peek() != ']') {
            return false;
        }
        pos++;
        if (withElevation) {
            points.add(time, lat, lon, elevation);
        } else {
            points.add(time, lat, lon);
        }
        return true;
    }

    /** Whitespace, a comma, whitespace. */
    private boolean separator() {
        skipWhitespace();
        if (peek() != ',') {
            return false;
        }
        pos++;
        skipWhitespace();
        return true;
    }

    private boolean literalNull() {
        if (pos + 4 <= in.length && in[pos] == 'n' && in[pos + 1] == 'u' && in[pos + 2] == 'l' && in[pos + 3] == 'l') {
            pos += 4;
            return true;
        }
        return false;
    }

    /** A JSON integer (no fraction, no exponent) of at most MAX_DIGITS digits; Long.MIN_VALUE otherwise. */
    private long integer() {
        boolean negative = peek() == '-';
        if (negative) {
            pos++;
        }
        int first = pos;
        long value = digits(0);
        int digits = pos - first;
        if (digits == 0 || digits > MAX_DIGITS || (digits > 1 && in[first] == '0')) {
            return Long.MIN_VALUE;
        }
        int next = peek();
        if (next == '.' || next == 'e' || next == 'E') {
            return Long.MIN_VALUE;
        }
        return negative ? -value : value;
    }

    /**
     * A JSON number without exponent of at most MAX_DIGITS digits; NaN otherwise. With the digits
     * as an integer m below 2^53 and k ≤ 22 decimals, m / 10^k is one correctly rounded division of
     * two exact doubles; other values go through {@link Double#parseDouble}, also correctly rounded.
     */
    private double number() {
        int start = pos;
        boolean negative = peek() == '-';
        if (negative) {
            pos++;
        }
        int first = pos;
        long mantissa = digits(0);
        int intDigits = pos - first;
        if (intDigits == 0 || (intDigits > 1 && in[first] == '0')) {
            return Double.NaN;
        }
        int decimals = 0;
        if (peek() == '.') {
            pos++;
            int fractionStart = pos;
            mantissa = digits(mantissa);
            decimals = pos - fractionStart;
            if (decimals == 0) {
                return Double.NaN;
            }
        }
        int next = peek();
        if (intDigits + decimals > MAX_DIGITS || next == 'e' || next == 'E') {
            return Double.NaN;
        }
        if (decimals == 0) {
            // An integer token: Jackson reads it as a long and widens it, so "-0" is 0.0, not -0.0.
            return (double) (negative ? -mantissa : mantissa);
        }
        double value;
        if (mantissa < MAX_EXACT && decimals < POW10.length) {
            value = mantissa / POW10[decimals];
        } else {
            value = Double.parseDouble(new String(
                    in, start + (negative ? 1 : 0), pos - start - (negative ? 1 : 0), StandardCharsets.US_ASCII));
        }
        return negative ? -value : value;
    }

    /**
     * Appends the run of ASCII digits at {@code pos} to {@code value} (exact while the digits in all
     * are at most {@value #MAX_DIGITS}; callers refuse more) and moves {@code pos} past the run. It
     * works on locals and stores the position once: per byte, a field write would cost more than
     * the digit arithmetic.
     */
    private long digits(long value) {
        byte[] in = this.in;
        int p = pos;
        while (p < in.length) {
            int digit = in[p] - '0';
            if (digit < 0 || digit > 9) {
                break;
            }
            value = value * 10 + digit;
            p++;
        }
        pos = p;
        return value;
    }

    private int peek() {
        return pos < in.length ? in[pos] : -1;
    }

    private void skipWhitespace() {
        byte[] in = this.in;
        int p = pos;
        while (p < in.length) {
            byte b = in[p];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                break;
            }
            p++;
        }
        pos = p;
    }
}
