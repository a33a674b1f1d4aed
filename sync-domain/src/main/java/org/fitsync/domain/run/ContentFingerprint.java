package org.fitsync.domain.run;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
        MessageDigest sha = sha256();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(256 + run.track().size() * 32);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            text(out, run.id().toString());
            out.writeLong(run.startedAt().getEpochSecond());
            out.writeInt(run.startedAt().getNano());
            out.writeLong(run.endedAt().getEpochSecond());
            out.writeInt(run.endedAt().getNano());
            out.writeLong(run.durationS());
            number(out, run.distanceM());
            text(out, run.source().wireName());
            optionalText(out, run.notes());
            optionalText(out, run.metadataJson());
            out.writeInt(run.track().size());
            for (TrackPoint p : run.track().points()) {
                out.writeLong(p.epochMs());
                number(out, p.lat());
                number(out, p.lon());
                out.writeBoolean(p.elevationM().isPresent());
                if (p.elevationM().isPresent()) {
                    number(out, p.elevationM().getAsDouble());
                }
            }
            optionalText(out, run.stravaId());
            optionalText(out, run.weatherJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ContentFingerprint(HexFormat.of().formatHex(sha.digest(buffer.toByteArray())));
    }

    /** 0.0 and -0.0 are one JSON value to a client, so they fingerprint alike. */
    private static void number(DataOutputStream out, double value) throws IOException {
        out.writeLong(Double.doubleToLongBits(value == 0.0 ? 0.0 : value));
    }

    private static void optionalText(DataOutputStream out, Optional<String> value) throws IOException {
        out.writeBoolean(value.isPresent());
        if (value.isPresent()) {
            text(out, value.get());
        }
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
