package org.fitsync.adapter.http.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.fitsync.adapter.http.Json;
import org.fitsync.domain.run.RunDraft;
import org.fitsync.domain.run.TrackPoint;
import org.junit.jupiter.api.Test;

/** The track fast path answers exactly as the general path does, or leaves the body to it. */
class TrackScannerTest {

    private static final String[] WHITESPACE = {"", "", "", " ", "\n", "\t", "\r\n  "};

    private final ObjectMapper mapper = Json.newMapper();
    private final RunJsonReader reader = new RunJsonReader(mapper);

    @Test
    void scansTheCommonShapeIntoTheSamePointsAsJackson() throws Exception {
        byte[] body = bytes("{\"id\":\"x\",\"track\":[[1700000000000,52.5200012,13.4049541,34.2],"
                + "[1700000001000, -0.0 , 0 ,null],[1700000002000,-90,180.000000000000001,-12]]}");
        assertSameAsGeneral(body);
        TrackScanner.Scanned scanned =
                TrackScanner.scan(body, indexOf(body, "[[")).orElseThrow();
        assertThat(scanned.track().points())
                .containsExactly(
                        TrackPoint.of(1700000000000L, 52.5200012, 13.4049541, 34.2),
                        TrackPoint.withoutElevation(1700000001000L, -0.0, 0.0),
                        TrackPoint.of(1700000002000L, -90, 180.0, -12));
        assertThat(body[scanned.end() - 1]).isEqualTo((byte) ']');
    }

    @Test
    void integerMinusZeroIsPlusZeroAsJacksonReadsIt() throws Exception {
        byte[] body = bytes("{\"track\":[[-0,-0,-0.0,-0]]}");
        assertSameAsGeneral(body);
        TrackPoint point = TrackScanner.scan(body, indexOf(body, "[["))
                .orElseThrow()
                .track()
                .points()
                .get(0);
        assertThat(point).isEqualTo(TrackPoint.of(0, 0.0, -0.0, 0.0));
    }

    @Test
    void givesUpOnAnythingOutsideTheCommonShape() {
        for (String track : List.of(
                "[[1,2,3,4e2]]",
                "[[1.0,2,3,4]]",
                "[[1,2,3]]",
                "[[1,2,3,4,5]]",
                "[[01,2,3,4]]",
                "[[1,2.,3,4]]",
                "[[1,.5,3,4]]",
                "[[1,2,3,\"4\"]]",
                "[[1,2,3,nul]]",
                "[[1,2,3,4],]",
                "[[1,2,3,4]",
                "[[1,+2,3,4]]",
                "[[1,2,3,1234567890123456789]]",
                "[[12345678901234567890,2,3,4]]",
                "[{},[1,2,3,4]]",
                "[[1,2,3,4] [1,2,3,4]]",
                "[[1,2,3,4]\u000b]")) {
            assertThat(TrackScanner.scan(bytes(track), 0)).as(track).isEmpty();
        }
        assertThat(TrackScanner.scan(bytes("[]"), 0))
                .get()
                .extracting(s -> s.track().size())
                .isEqualTo(0);
    }

    @Test
    void unusualBodiesGetTheGeneralPathsAnswer() throws Exception {
        for (String body : List.of(
                "{\"track\":[[1,2,3,4]],}",
                "{\"track\":[[1,2,3,4]],\"track\":[]}",
                "{\"a\":1,\"track\":[[1,2,3,4]],\"a\":2}",
                "{\"track\":[[1,2,3,4]],\"a\":1,\"a\":2}",
                "{\"track\":[[1,2,3,4]]} []",
                "{\"track\":[[1,2,3,4]]",
                "{\"track\":[[1,2,3,4e400]]}",
                "{\"track\":[[1,2,3,4]], \"notes\": \"n\", \"metadata\": {\"k\": [1, {\"x\": null}]}}",
                "{\"track\":[[1,\"2\",3,4], [1,2,3]]}",
                "{\"track\":null}",
                "{\"track\":{}}",
                "[]")) {
            assertSameAsGeneral(bytes(body));
        }
    }

    @Test
    void randomTracksInEverySpellingReadAsTheGeneralPathReadsThem() throws Exception {
        Random random = new Random(20261122);
        for (int i = 0; i < 400; i++) {
            StringBuilder track = new StringBuilder("[").append(ws(random));
            int points = random.nextInt(40);
            for (int p = 0; p < points; p++) {
                if (p > 0) {
                    track.append(ws(random)).append(',').append(ws(random));
                }
                track.append('[')
                        .append(ws(random))
                        .append(integer(random))
                        .append(ws(random))
                        .append(',')
                        .append(ws(random))
                        .append(number(random))
                        .append(ws(random))
                        .append(',')
                        .append(ws(random))
                        .append(number(random))
                        .append(ws(random))
                        .append(',')
                        .append(ws(random))
                        .append(random.nextInt(5) == 0 ? "null" : number(random))
                        .append(ws(random))
                        .append(']');
            }
            track.append(ws(random)).append(']');
            String[] members = {
                "\"id\":\"5f0c6a52-6a8e-4a43-9a3e-2a3c1d7f0b11\"",
                "\"duration_s\":10",
                "\"metadata\":{\"a\":[1,2]}",
                "\"track\":" + track
            };
            int at = random.nextInt(members.length);
            String swap = members[at];
            members[at] = members[3];
            members[3] = swap;
            assertSameAsGeneral(bytes("{" + ws(random) + String.join("," + ws(random), members) + ws(random) + "}"));
        }
    }

    private void assertSameAsGeneral(byte[] body) throws Exception {
        Object fast = outcome(() -> reader.draft(body));
        Object general = outcome(() -> reader.generalDraft(body));
        assertThat(fast).as(new String(body, StandardCharsets.UTF_8)).isEqualTo(general);
    }

    private interface Reading {
        RunJsonReader.Read<RunDraft> read() throws Exception;
    }

    /** The draft and errors read, or the kind and message of the exception. */
    private static Object outcome(Reading reading) {
        try {
            return reading.read();
        } catch (Exception e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    private static String ws(Random random) {
        return WHITESPACE[random.nextInt(WHITESPACE.length)];
    }

    private static String integer(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> "-0";
            case 1 -> Long.toString(random.nextLong() >> random.nextInt(64));
            case 2 -> "1" + "0".repeat(random.nextInt(25)); // past 18 digits the fast path gives up
            default -> Long.toString(1_700_000_000_000L + random.nextInt(1_000_000));
        };
    }

    private static String number(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> "-0.0";
            case 1 -> Integer.toString(random.nextInt(2000) - 1000);
            case 2 -> Double.toString(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20)); // may have E
            case 3 -> "0." + "0".repeat(random.nextInt(20)) + (1 + random.nextInt(9));
            case 4 ->
                (random.nextBoolean() ? "-" : "") + random.nextInt(180) + "." + digits(random, 1 + random.nextInt(20));
            case 5 -> random.nextInt(10) + "." + digits(random, 17);
            default -> String.format(java.util.Locale.ROOT, "%.7f", (random.nextDouble() - 0.5) * 180);
        };
    }

    private static String digits(Random random, int n) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < n; i++) {
            digits.append(random.nextInt(10));
        }
        return digits.toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] body, String text) {
        return new String(body, StandardCharsets.UTF_8).indexOf(text);
    }
}
