package org.fitsync.domain.run;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Optional;

/**
 * A SHA-256 digest of a run's submitted content in one canonical binary form: every field in a
 * fixed order, tagged for presence and length-prefixed, numbers by value. Two submissions with the
 * same id are the same run exactly when their fingerprints are equal, whatever the JSON spelling.
 */
public record ContentFingerprint(String hex) {

    public ContentFingerprint {
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a fingerprint is 64 lower-case hex digits");
        }
    }

    static ContentFingerprint of(NewRun run) {
        Digest out = new Digest();
        out.text(run.id().toString());
        Instant startedAt = run.startedAt();
        out.putLong(startedAt.getEpochSecond());
        out.putInt(startedAt.getNano());
        Instant endedAt = run.endedAt();
        out.putLong(endedAt.getEpochSecond());
        out.putInt(endedAt.getNano());
        out.putLong(run.durationS());
        out.number(run.distanceM());
        out.text(run.source().wireName());
        out.optionalText(run.notes());
        out.optionalText(run.metadataJson());
        Track track = run.track();
        out.putInt(track.size());
        for (int i = 0; i < track.size(); i++) {
            out.point(track, i);
        }
        out.optionalText(run.stravaId());
        out.optionalText(run.weatherJson());
        // Samples came later: a run without them hashes exactly the bytes it always did, and a run with
        // them appends after the last field, which is self-delimiting, so no two runs share their bytes.
        run.samples().ifPresent(samples -> samples(out, samples));
        return new ContentFingerprint(hex(out.finish()));
    }

    /** The size, the times, then per stream in {@link SampleStream} order its presence and values. */
    private static void samples(Digest out, Samples samples) {
        out.putInt(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            out.putLong(samples.epochMs(i));
        }
        for (SampleStream stream : SampleStream.values()) {
            out.putBoolean(samples.has(stream));
            if (!samples.has(stream)) {
                continue;
            }
            for (int i = 0; i < samples.size(); i++) {
                boolean present = samples.hasValue(stream, i);
                out.putBoolean(present);
                if (present) {
                    out.number(samples.value(stream, i));
                }
            }
        }
    }

    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

    /** Lower-case hex (HexFormat is newer than Android's API floor, and the client runs this class too). */
    private static String hex(byte[] bytes) {
        char[] digits = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            digits[2 * i] = HEX_DIGITS[(bytes[i] >> 4) & 0xf];
            digits[2 * i + 1] = HEX_DIGITS[bytes[i] & 0xf];
        }
        return new String(digits);
    }

    /**
     * Feeds SHA-256 through a small buffer, numbers big-endian: a track of 200,000 points is hashed
     * without copying it whole.
     */
    private static final class Digest {

        private static final int POINT_BYTES = 8 + 8 + 8 + 1 + 8;

        private final MessageDigest sha = sha256();
        private final byte[] buffer = new byte[8192];
        // A big-endian view of the buffer: absolute puts compile to plain stores, as a VarHandle's would.
        private final ByteBuffer view = ByteBuffer.wrap(buffer);
        private int size;

        private void room(int bytes) {
            if (buffer.length - size < bytes) {
                sha.update(buffer, 0, size);
                size = 0;
            }
        }

        void putLong(long value) {
            room(8);
            view.putLong(size, value);
            size += 8;
        }

        void putInt(int value) {
            room(4);
            view.putInt(size, value);
            size += 4;
        }

        void putBoolean(boolean value) {
            room(1);
            buffer[size++] = (byte) (value ? 1 : 0);
        }

        /** 0.0 and -0.0 are one JSON value to a client, so they fingerprint alike. */
        void number(double value) {
            putLong(bits(value));
        }

        private static long bits(double value) {
            return Double.doubleToLongBits(value == 0.0 ? 0.0 : value);
        }

        /**
         * A track point: time, latitude, longitude, elevation's presence and the elevation if any,
         * as {@link #putLong}, {@link #number} and {@link #putBoolean} would write them, with one
         * check for room: a track is thousands of points, hashed on every submission.
         */
        void point(Track track, int i) {
            room(POINT_BYTES);
            byte[] out = buffer;
            int at = size;
            view.putLong(at, track.epochMs(i));
            view.putLong(at + 8, bits(track.lat(i)));
            view.putLong(at + 16, bits(track.lon(i)));
            if (track.hasElevation(i)) {
                out[at + 24] = 1;
                view.putLong(at + 25, bits(track.elevationM(i)));
                size = at + POINT_BYTES;
            } else {
                out[at + 24] = 0;
                size = at + 25;
            }
        }

        void optionalText(Optional<String> value) {
            putBoolean(value.isPresent());
            value.ifPresent(this::text);
        }

        void text(String value) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            putInt(bytes.length);
            room(buffer.length);
            sha.update(bytes);
        }

        byte[] finish() {
            sha.update(buffer, 0, size);
            return sha.digest();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
