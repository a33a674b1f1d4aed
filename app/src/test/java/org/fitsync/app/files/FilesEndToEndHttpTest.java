package org.fitsync.app.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Activity files written by other software (adapter-files' samples, with their provenance) through the
 * whole flow on a real PostgreSQL and the filesystem blob store: declared, uploaded to the signed URL,
 * completed, processed by the worker, and the run visible with its streams and {@code file_id}. The
 * expected facts are the independent decoders' (adapter-files/src/test/resources/samples/README.md).
 */
class FilesEndToEndHttpTest {

    private static final Path SAMPLES = Path.of("../adapter-files/src/test/resources/samples");

    private static TestServer server;
    private static HttpServer geocoder;

    @BeforeAll
    static void start() throws IOException {
        // A local server answering Nominatim's /reverse as it does for Berlin.
        geocoder = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        geocoder.createContext("/reverse", exchange -> {
            byte[] body = "{\"address\":{\"city\":\"Berlin\",\"country\":\"Germany\",\"country_code\":\"de\"}}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        geocoder.start();
        server = TestServer.start(Map.of(
                "FITSYNC_FILES_SECRET", "files-e2e-secret-0123456789-abcdefghijklmnop",
                "FITSYNC_FILES_DIR", Files.createTempDirectory("fitsync-blobs").toString(),
                "FITSYNC_FILES_POLL", "100ms",
                "FITSYNC_GEOCODER", "nominatim",
                "FITSYNC_GEOCODER_URL",
                        "http://127.0.0.1:" + geocoder.getAddress().getPort()));
    }

    @AfterAll
    static void stop() {
        server.close();
        geocoder.stop(0);
    }

    private static byte[] sample(String name) {
        try {
            return Files.readAllBytes(SAMPLES.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Declares, uploads to the signed URL and completes; returns the file id. */
    private static String upload(String token, String filename, byte[] bytes) {
        UUID id = UUID.randomUUID();
        Map<String, Object> declaration = new LinkedHashMap<>();
        declaration.put("id", id.toString());
        declaration.put("filename", filename);
        declaration.put("size", bytes.length);
        declaration.put("sha256", sha256(bytes));
        TestServer.Response declared = server.post("/api/v1/files", token, declaration);
        assertThat(declared.status()).as(declared.body()).isEqualTo(201);
        JsonNode upload = declared.json().path("upload");
        HttpRequest.Builder put = HttpRequest.newBuilder(
                        URI.create(upload.path("url").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        upload.path("headers").properties().forEach(h -> {
            if (!h.getKey().equalsIgnoreCase("content-length") && !h.getKey().equalsIgnoreCase("host")) {
                put.header(h.getKey(), h.getValue().asText());
            }
        });
        TestServer.Response uploaded = server.send(put.build());
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        assertThat(server.post("/api/v1/files/" + id + "/complete", token, "").status())
                .isEqualTo(202);
        return id.toString();
    }

    /** The file once processing has ended. */
    private static JsonNode processed(String token, String fileId) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !List.of("awaiting_upload", "processing")
                        .contains(server.get("/api/v1/files/" + fileId, token)
                                .json()
                                .path("state")
                                .asText()));
        return server.get("/api/v1/files/" + fileId, token).json();
    }

    private static JsonNode run(String token, String runId) {
        TestServer.Response run = server.get("/api/v1/runs/" + runId, token);
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        return run.json();
    }

    private static JsonNode track(String token, String runId) {
        return server.get("/api/v1/runs/" + runId + "/track", token).json();
    }

    private static long count(JsonNode column) {
        long n = 0;
        for (JsonNode value : column) {
            n += value.isNull() ? 0 : 1;
        }
        return n;
    }

    @Test
    void aWatchFitWithHeartRateBecomesARunWithItsStreamsAndItsFile() {
        String token = server.token("e2e-fit-" + UUID.randomUUID());
        String fileId = upload(token, "trail.fit", sample("run-hr-cadence-devfield.fit"));

        JsonNode file = processed(token, fileId);
        assertThat(file.path("state").asText()).as(file.toString()).isEqualTo("imported");
        assertThat(file.path("format").asText()).isEqualTo("fit");
        JsonNode run = run(token, file.path("run_id").asText());
        assertThat(run.path("file_id").asText()).isEqualTo(fileId);
        assertThat(run.path("source").asText()).as("the maker, COROS").isEqualTo("coros");
        assertThat(Instant.parse(run.path("started_at").asText())).isEqualTo("2024-05-04T06:30:00Z");
        assertThat(run.path("duration_s").asLong()).isEqualTo(929);
        assertThat(run.path("distance_m").asDouble()).isCloseTo(2786.89, within(0.01));

        JsonNode track = track(token, run.path("id").asText());
        assertThat(track.path("points")).hasSize(900);
        assertThat(track.path("points").get(0).get(1).asDouble()).isCloseTo(52.5, within(1e-6));
        JsonNode samples = track.path("samples");
        assertThat(samples.path("time")).hasSize(900);
        assertThat(count(samples.path("heart_rate"))).isEqualTo(900);
        assertThat(samples.path("heart_rate").get(0).asInt()).isEqualTo(120);
        assertThat(samples.path("cadence").get(0).asDouble())
                .as("85 strides + 64/128 a minute, in steps")
                .isEqualTo(171);
        assertThat(samples.path("power").get(0).asInt()).isEqualTo(200);
        assertThat(samples.path("temperature").get(0).asInt()).isEqualTo(18);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(run(token, run.path("id").asText())
                                .path("location")
                                .path("city")
                                .asText())
                        .as("the start place, from the geocoder")
                        .isEqualTo("Berlin"));
        assertThat(run(token, run.path("id").asText())
                        .path("location")
                        .path("country")
                        .asText())
                .isEqualTo("Germany");

        TestServer.Response content = server.get("/api/v1/files/" + fileId + "/content", token);
        assertThat(content.status()).isEqualTo(200);
        assertThat(content.raw().body().length()).isPositive();
    }

    @Test
    void gpxAndTcxFromAnotherProgramAreRunsWithHeartRate() {
        String token = server.token("e2e-xml-" + UUID.randomUUID());
        for (String name : List.of("run-gpsbabel.gpx.gz", "run-gpsbabel.tcx.gz")) {
            JsonNode file = processed(token, upload(token, name, sample(name)));
            assertThat(file.path("state").asText()).as(name + ": " + file).isEqualTo("imported");
            JsonNode run = run(token, file.path("run_id").asText());
            assertThat(Instant.parse(run.path("started_at").asText())).isEqualTo("2024-05-04T06:30:00Z");
            JsonNode track = track(token, run.path("id").asText());
            assertThat(track.path("points")).as(name).hasSize(900);
            assertThat(count(track.path("samples").path("heart_rate"))).as(name).isEqualTo(900);
            // The second file is the same activity as the first: one of them is flagged, never both kept canonical.
        }
        TestServer.Response canonical = server.get("/api/v1/runs", token);
        assertThat(canonical.json().path("items"))
                .as("the same activity is listed once")
                .hasSize(1);
    }

    @Test
    void aTreadmillFitHasStreamsAndNoTrack() {
        String token = server.token("e2e-treadmill-" + UUID.randomUUID());
        JsonNode file = processed(token, upload(token, "treadmill.fit", sample("treadmill-no-gps.fit")));
        assertThat(file.path("state").asText()).as(file.toString()).isEqualTo("imported");
        JsonNode run = run(token, file.path("run_id").asText());
        assertThat(run.path("source").asText()).isEqualTo("garmin");
        assertThat(run.path("duration_s").asLong()).isEqualTo(299);
        assertThat(run.path("distance_m").asDouble()).isCloseTo(926.9, within(0.01));
        JsonNode track = track(token, run.path("id").asText());
        assertThat(track.path("points")).isEmpty();
        assertThat(count(track.path("samples").path("heart_rate"))).isEqualTo(300);
    }

    @Test
    void aRideIsSkippedWithItsReasonAndNoRun() {
        String token = server.token("e2e-ride-" + UUID.randomUUID());
        JsonNode file = processed(token, upload(token, "ride.fit", sample("ride-cycling.fit")));
        assertThat(file.path("state").asText()).as(file.toString()).isEqualTo("skipped");
        assertThat(file.path("reason").asText()).contains("cycling");
        assertThat(file.has("run_id")).isFalse();
        assertThat(server.get("/api/v1/runs", token).json().path("items")).isEmpty();
    }

    @Test
    void theSameBytesAgainAreADuplicateOfTheFirstRun() {
        String token = server.token("e2e-dup-" + UUID.randomUUID());
        byte[] bytes = sample("treadmill-no-gps.fit");
        JsonNode first = processed(token, upload(token, "a.fit", bytes));
        JsonNode second = processed(token, upload(token, "b.fit", bytes));
        assertThat(second.path("state").asText()).isEqualTo("duplicate");
        assertThat(second.path("run_id").asText())
                .isEqualTo(first.path("run_id").asText());
        assertThat(server.get("/api/v1/runs?include_overlapping=true", token)
                        .json()
                        .path("items"))
                .hasSize(1);
    }

    @Test
    void aGarminFileSupersedesThePhonesRecordingOfTheSameRunAndKeepsItsNotes() {
        String token = server.token("e2e-garmin-" + UUID.randomUUID());
        String phoneRun = UUID.randomUUID().toString();
        Map<String, Object> phone = new LinkedHashMap<>();
        phone.put("id", phoneRun);
        phone.put("started_at", "2024-05-06T17:00:02Z");
        phone.put("ended_at", "2024-05-06T17:04:58Z");
        phone.put("duration_s", 296);
        phone.put("distance_m", 900.0);
        phone.put("source", "phone");
        phone.put("notes", "treadmill at the hotel");
        phone.put("track", List.of());
        TestServer.Response submitted = server.post("/api/v1/runs", token, phone);
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);

        JsonNode file = processed(token, upload(token, "treadmill.fit", sample("treadmill-no-gps.fit")));
        assertThat(file.path("state").asText()).as(file.toString()).isEqualTo("imported");

        JsonNode garmin = run(token, file.path("run_id").asText());
        assertThat(garmin.path("overlapping").asBoolean()).isFalse();
        assertThat(garmin.path("notes").asText()).isEqualTo("treadmill at the hotel");
        assertThat(run(token, phoneRun).path("overlapping").asBoolean()).isTrue();
    }

    @Test
    void hostileFilesFailWithTheirReasonKeepNoRunAndLeakNothing() throws IOException {
        String token = server.token("e2e-hostile");
        Path secret = Files.writeString(Files.createTempFile("fitsync-secret", ".txt"), "TOP-SECRET-CONTENT");
        byte[] fit = sample("run-hr-cadence-devfield.fit");
        byte[] corrupt = fit.clone();
        corrupt[fit.length / 2] ^= 0x5a;
        Map<String, Map.Entry<byte[], String>> hostile = new LinkedHashMap<>();
        hostile.put("truncated.fit", Map.entry(java.util.Arrays.copyOf(fit, fit.length / 2), "truncated"));
        hostile.put("corrupt.fit", Map.entry(corrupt, "corrupt"));
        hostile.put("laughs.gpx", Map.entry(billionLaughs(), "unsafe_xml"));
        hostile.put(
                "xxe.gpx",
                Map.entry(
                        ("<?xml version=\"1.0\"?>\n<!DOCTYPE gpx [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                                        + "<gpx version=\"1.1\"><trk><name>&xxe;</name><trkseg>"
                                        + "<trkpt lat=\"1\" lon=\"2\"><time>2024-01-01T00:00:00Z</time></trkpt>"
                                        + "</trkseg></trk></gpx>")
                                .getBytes(StandardCharsets.UTF_8),
                        "unsafe_xml"));
        hostile.put("bomb.gpx.gz", Map.entry(gzipBomb(), "too_large"));

        for (Map.Entry<String, Map.Entry<byte[], String>> file : hostile.entrySet()) {
            JsonNode processed = processed(
                    token, upload(token, file.getKey(), file.getValue().getKey()));
            assertThat(processed.path("state").asText()).as(file.getKey()).isEqualTo("failed");
            assertThat(processed.path("error").path("type").asText())
                    .as(file.getKey())
                    .isEqualTo(file.getValue().getValue());
            assertThat(processed.has("run_id") && !processed.path("run_id").isNull())
                    .as(file.getKey())
                    .isFalse();
            assertThat(processed.toString()).doesNotContain("TOP-SECRET");
        }
        assertThat(server.get("/api/v1/runs", token).json().path("items")).isEmpty();
        assertThat(server.get("/health/ready", null).status()).isEqualTo(200);
    }

    /** Nine levels of entities, each ten of the one below: a billion "lol"s if anything expanded them. */
    private static byte[] billionLaughs() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE gpx [\n<!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            xml.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                xml.append("&lol").append(i == 1 ? "" : Integer.toString(i - 1)).append(';');
            }
            xml.append("\">\n");
        }
        xml.append("]>\n<gpx version=\"1.1\"><metadata><name>&lol9;</name></metadata></gpx>");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** 128 MiB of spaces inside a GPX document, about 128 KiB gzipped: past the reader's 64 MiB limit. */
    private static byte[] gzipBomb() throws IOException {
        java.io.ByteArrayOutputStream compressed = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(compressed)) {
            gz.write("<gpx version=\"1.1\">".getBytes(StandardCharsets.UTF_8));
            byte[] block = new byte[1 << 20];
            java.util.Arrays.fill(block, (byte) ' ');
            for (int i = 0; i < 128; i++) {
                gz.write(block);
            }
            gz.write("</gpx>".getBytes(StandardCharsets.UTF_8));
        }
        return compressed.toByteArray();
    }
}
