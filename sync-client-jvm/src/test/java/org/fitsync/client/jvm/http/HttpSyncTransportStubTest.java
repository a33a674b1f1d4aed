package org.fitsync.client.jvm.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.fitsync.client.jvm.http.StubServer.respond;
import static org.fitsync.client.jvm.http.Wire.answered;
import static org.fitsync.client.jvm.http.Wire.httpError;
import static org.fitsync.client.jvm.http.Wire.record;
import static org.fitsync.client.jvm.http.Wire.unreachable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fitsync.client.SchemaMigration;
import org.fitsync.client.remote.CollectionChanges;
import org.fitsync.client.remote.IngestReceipt;
import org.fitsync.client.remote.Problem;
import org.fitsync.client.remote.PullReceipt;
import org.fitsync.client.remote.PullRequest;
import org.fitsync.client.remote.PullSink;
import org.fitsync.client.remote.PushReceipt;
import org.fitsync.client.remote.PushRequest;
import org.fitsync.client.remote.RunReceipt;
import org.fitsync.client.remote.TransportFailure;
import org.fitsync.client.remote.WireRecord;
import org.fitsync.domain.FieldError;
import org.fitsync.domain.daily.DeviceSource;
import org.fitsync.domain.daily.StepsReading;
import org.fitsync.domain.run.NewRun;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The wire format in detail, and the answers a real node cannot be made to give on demand. */
class HttpSyncTransportStubTest {

    private static final String PROBLEMS = "https://fitsync.dev/problems/";
    private static final String SYNC = "/api/v1/sync";
    private static final Instant NOW = Instant.parse("2026-11-20T08:00:00Z");

    private final ObjectMapper mapper = new ObjectMapper();
    private final CountDownLatch release = new CountDownLatch(1);
    private StubServer stub;
    private HttpSyncTransport transport;

    @BeforeEach
    void startStub() {
        stub = StubServer.start();
        transport = transportTo(stub.uri(), Duration.ofSeconds(10));
    }

    @AfterEach
    void stopStub() {
        release.countDown();
        stub.close();
    }

    private static HttpSyncTransport transportTo(URI server, Duration timeout) {
        return new HttpSyncTransport(server, Duration.ofSeconds(2), timeout, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aPullCarriesTheTokenARequestIdAndTheProtocolsParameters() {
        stub.on("/prefix" + SYNC, x -> respond(x, 200, "application/json", "{\"changes\":{},\"timestamp\":9}"));
        HttpSyncTransport prefixed = transportTo(URI.create(stub.uri() + "/prefix/"), Duration.ofSeconds(10));
        SchemaMigration migration = new SchemaMigration(2, List.of("mesocycles"), Map.of("workouts", List.of("rpe")));

        answered(prefixed.pull("tok-1", new PullRequest(7, 3, Optional.of(migration), 250), new RecordingSink()));

        StubServer.Received request = stub.received().get(0);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/prefix/api/v1/sync");
        assertThat(request.header("Authorization")).isEqualTo("Bearer tok-1");
        assertThat(request.header("X-Request-Id")).matches("[A-Za-z0-9._:-]{1,128}");
        Map<String, String> query = query(request.rawQuery());
        assertThat(query)
                .containsEntry("last_pulled_at", "7")
                .containsEntry("schema_version", "3")
                .containsEntry("limit", "250");
        assertThat(json(query.get("migration")))
                .isEqualTo(json("{\"from\":2,\"tables\":[\"mesocycles\"],"
                        + "\"columns\":[{\"table\":\"workouts\",\"columns\":[\"rpe\"]}]}"));
    }

    @Test
    void eachRequestHasItsOwnRequestId() {
        stub.on(SYNC, x -> respond(x, 200, "application/json", "{\"changes\":{},\"timestamp\":9}"));

        answered(transport.pull("t", new PullRequest(0, 1, Optional.empty(), 10), new RecordingSink()));
        answered(transport.pull("t", new PullRequest(0, 1, Optional.empty(), 10), new RecordingSink()));

        assertThat(stub.received().get(0).header("X-Request-Id"))
                .isNotEqualTo(stub.received().get(1).header("X-Request-Id"));
    }

    @Test
    void aPullAnswerIsHandedOverRecordByRecordWithEveryValueType() {
        stub.on(SYNC, x -> respond(x, 200, "application/json", """
                {"changes": {
                   "workouts": {
                     "created": [{"id": "w1", "name": "Leg day", "started_at": 1795158000000, "rpe": 7.25,
                                  "done": true, "skipped": false, "notes": null, "sets": [1, 2], "extra": {"a": 1},
                                  "created_at": 1795158000001, "updated_at": 1795158000002}],
                     "updated": [{"id": "w2", "name": "Arms", "huge": 1e400}],
                     "deleted": ["w0", "w-1"]},
                   "future_things": {"created": [], "updated": [{"id": "f1", "x": "y"}], "deleted": ["f0"]}},
                 "timestamp": 8388609042, "has_more": true, "experimentalStrategy": "replacement"}
                """));
        RecordingSink sink = new RecordingSink();

        PullReceipt receipt = answered(transport.pull("t", new PullRequest(0, 1, Optional.empty(), 10), sink));

        assertThat(receipt).isEqualTo(new PullReceipt(8388609042L, true, true));
        assertThat(sink.records)
                .extracting(r -> r.collection() + "/" + r.record().id())
                .containsExactly("workouts/w1", "workouts/w2", "future_things/f1");
        WireRecord w1 = sink.record("workouts", "w1");
        assertThat(w1.createdAt()).isEqualTo(1795158000001L);
        assertThat(w1.updatedAt()).isEqualTo(1795158000002L);
        assertThat(w1.values())
                .containsOnly(
                        Map.entry("name", new Value.Text("Leg day")),
                        Map.entry("started_at", new Value.Num(1795158000000d)),
                        Map.entry("rpe", new Value.Num(7.25)),
                        Map.entry("done", new Value.Bool(true)),
                        Map.entry("skipped", new Value.Bool(false)),
                        Map.entry("notes", Value.NULL),
                        Map.entry("sets", Value.STRUCTURED),
                        Map.entry("extra", Value.STRUCTURED));
        WireRecord w2 = sink.record("workouts", "w2");
        assertThat(w2.createdAt()).isZero();
        assertThat(w2.updatedAt()).isZero();
        assertThat(w2.values()).containsEntry("huge", Value.NULL);
        assertThat(sink.deleted)
                .containsExactly(
                        new RecordingSink.Deleted("workouts", new RecordId("w0")),
                        new RecordingSink.Deleted("workouts", new RecordId("w-1")),
                        new RecordingSink.Deleted("future_things", new RecordId("f0")));
    }

    @Test
    void aPushIsWrittenInWatermelonDbsShape() throws IOException {
        stub.on(SYNC, x -> respond(x, 200, "application/json", """
                {"timestamp": 42, "conflicts": [{"table": "workouts", "id": "w1", "winner": "server"}],
                 "experimentalRejectedIds": {"workouts": ["w7"], "settings": []}}
                """));
        List<WireRecord> many = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            many.add(record("s" + i, 1000 + i, Map.of("key", new Value.Text("k" + i), "value", new Value.Text("v"))));
        }
        WireRecord w1 = new WireRecord(
                new RecordId("w1"),
                Map.of(
                        "name", new Value.Text("Lég day ✓"),
                        "rpe", new Value.Num(0.1),
                        "tiny", new Value.Num(1e-7),
                        "started_at", new Value.Num(1795158000000d),
                        "done", new Value.Bool(true),
                        "notes", Value.NULL,
                        "id", new Value.Text("not the id")),
                1795158000000L,
                1795158000999L);
        PushRequest request = new PushRequest(
                8388609042L,
                Map.of(
                        "workouts",
                        new CollectionChanges(List.of(), List.of(w1), List.of(new RecordId("w0"))),
                        "settings",
                        new CollectionChanges(many, List.of(), List.of())));

        PushReceipt receipt = answered(transport.push("t", request));

        assertThat(receipt.timestamp()).isEqualTo(42);
        assertThat(receipt.rejected())
                .containsOnly(Map.entry("workouts", Set.of(new RecordId("w7"))), Map.entry("settings", Set.of()));
        assertThat(receipt.conflicts())
                .containsExactly(new PushReceipt.PushConflict("workouts", new RecordId("w1"), "server"));
        StubServer.Received sent = stub.received().get(0);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = mapper.readTree(sent.body());
        assertThat(body.get("last_pulled_at").asLong()).isEqualTo(8388609042L);
        JsonNode workouts = body.get("changes").get("workouts");
        assertThat(workouts.get("created")).isEmpty();
        assertThat(workouts.get("deleted")).isEqualTo(json("[\"w0\"]"));
        assertThat(workouts.get("updated").get(0))
                .isEqualTo(json("{\"id\": \"w1\", \"created_at\": 1795158000000, \"updated_at\": 1795158000999,"
                        + "\"name\": \"Lég day ✓\", \"rpe\": 0.1, \"tiny\": 1.0E-7, \"started_at\": 1795158000000,"
                        + "\"done\": true, \"notes\": null}"));
        JsonNode settings = body.get("changes").get("settings").get("created");
        assertThat(settings).hasSize(2_000);
        assertThat(settings.get(1999).get("key").asText()).isEqualTo("k1999");
        assertThat(settings.get(1999).get("updated_at").asLong()).isEqualTo(2999);
    }

    @Test
    void aRunIsPostedWithRfc3339TimesRawMetadataAndItsTrack() throws IOException {
        stub.on("/api/v1/runs", x -> respond(x, stub.received().size() == 1 ? 201 : 200, "application/json", "{}"));
        UUID id = UUID.randomUUID();
        NewRun run = Wire.run(id, 10012.5, 450);

        RunReceipt first = answered(transport.submitRun("t", run));
        RunReceipt second = answered(transport.submitRun("t", run));

        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        JsonNode body = mapper.readTree(stub.received().get(0).body());
        assertThat(body.get("id").asText()).isEqualTo(id.toString());
        assertThat(body.get("started_at").asText()).isEqualTo("2026-11-20T07:00:00Z");
        assertThat(body.get("ended_at").asText()).isEqualTo("2026-11-20T07:45:10Z");
        assertThat(body.get("duration_s").asLong()).isEqualTo(2710);
        assertThat(body.get("distance_m").asDouble()).isEqualTo(10012.5);
        assertThat(body.get("source").asText()).isEqualTo("phone");
        assertThat(body.get("metadata")).isEqualTo(json("{\"device\":\"Pixel 9\",\"laps\":[1,2.5]}"));
        JsonNode track = body.get("track");
        assertThat(track).hasSize(450);
        assertThat(track.get(0))
                .isEqualTo(json("[" + run.track().epochMs(0) + "," + run.track().lat(0) + ","
                        + run.track().lon(0) + ",null]"));
        assertThat(track.get(449).get(3).asDouble()).isEqualTo(run.track().elevationM(449));
    }

    @Test
    void aPartlyRefusedIngestIsAnAnswerWithEachItemsResult() throws IOException {
        stub.on("/api/v1/ingest/steps", x -> respond(x, 207, "application/json", """
                {"results": [{"index": 0, "status": "stored"},
                             {"index": 1, "status": "error",
                              "errors": [{"field": "steps", "message": "must be between 0 and 200000"}]}]}
                """));

        IngestReceipt receipt = answered(transport.ingestSteps(
                "t",
                DeviceSource.HEALTH_CONNECT,
                List.of(
                        new StepsReading(LocalDate.parse("2026-11-20"), 8123),
                        new StepsReading(LocalDate.parse("2026-11-21"), 0))));

        assertThat(receipt.results())
                .containsExactly(
                        new IngestReceipt.ItemResult(0, "stored", List.of()),
                        new IngestReceipt.ItemResult(
                                1, "error", List.of(new FieldError("steps", "must be between 0 and 200000"))));
        assertThat(receipt.results().get(1).accepted()).isFalse();
        assertThat(mapper.readTree(stub.received().get(0).body()))
                .isEqualTo(
                        json("{\"source\": \"health_connect\", \"items\": [{\"date\": \"2026-11-20\", \"steps\": 8123},"
                                + "{\"date\": \"2026-11-21\", \"steps\": 0}]}"));
    }

    @Test
    void aRateLimitIsAnHttpErrorWithRetryAfterAndTheProblem() {
        stub.on(SYNC, x -> respond(x, 429, "application/problem+json", """
                {"type": "https://fitsync.dev/problems/rate-limited", "title": "Too many requests", "status": 429,
                 "detail": "600 writes per minute", "errors": [{"field": "changes", "message": "later"}]}
                """, "Retry-After", "7"));

        TransportFailure.HttpError error = httpError(transport.push("t", new PushRequest(0, Map.of())));

        assertThat(error)
                .isEqualTo(new TransportFailure.HttpError(
                        429,
                        Optional.of(Duration.ofSeconds(7)),
                        new Problem(
                                PROBLEMS + "rate-limited",
                                "Too many requests",
                                "600 writes per minute",
                                List.of(new FieldError("changes", "later")))));
    }

    @Test
    void aRetryAfterDateIsTheWaitUntilThen() {
        stub.on(
                SYNC,
                x -> respond(
                        x,
                        503,
                        "application/problem+json; charset=utf-8",
                        "{\"type\": \"" + PROBLEMS + "internal\", \"title\": \"Unavailable\"}",
                        "Retry-After",
                        "Fri, 20 Nov 2026 08:00:30 GMT"));

        TransportFailure.HttpError error =
                httpError(transport.pull("t", new PullRequest(0, 1, Optional.empty(), 1), new RecordingSink()));

        assertThat(error.status()).isEqualTo(503);
        assertThat(error.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(error.problem()).isEqualTo(new Problem(PROBLEMS + "internal", "Unavailable", "", List.of()));
    }

    @Test
    void anErrorPageThatIsNotAProblemIsTitledByItsStatus() {
        stub.on(SYNC, x -> respond(x, 502, "text/html", "<html>upstream down</html>", "Retry-After", "soon"));

        TransportFailure.HttpError error = httpError(transport.push("t", new PushRequest(0, Map.of())));

        assertThat(error)
                .isEqualTo(new TransportFailure.HttpError(502, Optional.empty(), Problem.untyped("Bad Gateway")));
    }

    @Test
    void aLargePullIsHandedOverWhileItIsStillArriving() {
        int total = 50_000;
        CountDownLatch firstHandedOver = new CountDownLatch(1);
        stub.on(SYNC, x -> {
            x.getResponseHeaders().set("Content-Type", "application/json");
            x.sendResponseHeaders(200, 0);
            try (Writer out = new BufferedWriter(new OutputStreamWriter(x.getResponseBody(), UTF_8), 1 << 16)) {
                out.write("{\"changes\": {\"workouts\": {\"created\": [");
                for (int i = 0; i < total; i++) {
                    out.write((i == 0 ? "" : ",") + "{\"id\": \"w" + i + "\", \"name\": \"workout number " + i
                            + "\", \"notes\": \"" + "x".repeat(100) + "\", \"started_at\": " + (1795158000000L + i)
                            + ", \"created_at\": 1, \"updated_at\": 2}");
                    if (i == 1_000) {
                        // The rest is written only once the client has handed records over: a transport that
                        // read the whole body first would wait here, and get a broken body.
                        out.flush();
                        if (!firstHandedOver.await(20, TimeUnit.SECONDS)) {
                            return;
                        }
                    }
                }
                out.write("], \"updated\": [], \"deleted\": []}}, \"timestamp\": 77, \"has_more\": false}");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long[] count = new long[1];
        long[] lastStartedAt = new long[1];
        PullSink counting = new PullSink() {
            @Override
            public void record(String collection, WireRecord record) {
                count[0]++;
                lastStartedAt[0] = (long) ((Value.Num) record.values().get("started_at")).value();
                firstHandedOver.countDown();
            }

            @Override
            public void deleted(String collection, RecordId id) {
                throw new AssertionError("no deletes were sent");
            }
        };

        PullReceipt receipt = answered(transport.pull("t", new PullRequest(0, 1, Optional.empty(), total), counting));

        assertThat(receipt).isEqualTo(new PullReceipt(77, false, false));
        assertThat(count[0]).isEqualTo(total);
        assertThat(lastStartedAt[0]).isEqualTo(1795158000000L + total - 1);
    }

    @Test
    void aConnectionCutMidPullIsUnreachableAndKeepsWhatArrived() throws Exception {
        String head =
                "{\"changes\": {\"workouts\": {\"created\": [{\"id\": \"w1\"}, {\"id\": \"w2\"}, {\"id\": \"w3\", \"na";
        try (ServerSocket cutting = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> answerThenCut(cutting, head));
            server.start();
            RecordingSink sink = new RecordingSink();

            HttpSyncTransport toCutting =
                    transportTo(URI.create("http://127.0.0.1:" + cutting.getLocalPort()), Duration.ofSeconds(10));

            TransportFailure.Unreachable failure =
                    unreachable(toCutting.pull("t", new PullRequest(0, 1, Optional.empty(), 10), sink));

            server.join(10_000);
            assertThat(failure.reason()).isNotEmpty();
            assertThat(sink.records).extracting(r -> r.record().id().value()).containsExactly("w1", "w2");
        }
    }

    /** Sends headers promising a long body, part of it, and closes the connection. */
    private static void answerThenCut(ServerSocket server, String partialBody) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            int matched = 0;
            byte[] end = "\r\n\r\n".getBytes(UTF_8);
            while (matched < end.length) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
            }
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
                            + partialBody)
                    .getBytes(UTF_8));
            out.flush();
        } catch (IOException e) {
            // The test sees the outcome on the client's side.
        }
    }

    @Test
    void malformedJsonMidPullIsUnreachableWithoutQuotingTheBody() {
        stub.on(
                SYNC,
                x -> respond(
                        x,
                        200,
                        "application/json",
                        "{\"changes\": {\"workouts\": {\"created\": [{\"id\": \"w1\"}, {\"id\": \"w2\", SECRET-NOTE}]}},"
                                + " \"timestamp\": 1}"));
        RecordingSink sink = new RecordingSink();

        TransportFailure.Unreachable failure =
                unreachable(transport.pull("t", new PullRequest(0, 1, Optional.empty(), 10), sink));

        assertThat(failure.reason()).startsWith("malformed JSON").doesNotContain("SECRET");
        assertThat(sink.records).extracting(r -> r.record().id().value()).containsExactly("w1");
    }

    @Test
    void aPullWithoutATimestampIsMalformed() {
        stub.on(SYNC, x -> respond(x, 200, "application/json", "{\"changes\": {}, \"has_more\": false}"));

        TransportFailure.Unreachable failure =
                unreachable(transport.pull("t", new PullRequest(0, 1, Optional.empty(), 10), new RecordingSink()));

        assertThat(failure.reason()).startsWith("malformed answer");
    }

    @Test
    void noHeadersWithinTheTimeoutIsUnreachable() {
        stub.on(SYNC, x -> awaitRelease());
        HttpSyncTransport impatient = transportTo(stub.uri(), Duration.ofMillis(500));

        TransportFailure.Unreachable failure = unreachable(impatient.push("t", new PushRequest(0, Map.of())));

        assertThat(failure.reason()).contains("no answer within");
    }

    @Test
    void aBodyThatStopsArrivingIsGivenUpAsUnreachable() {
        stub.on(SYNC, x -> {
            x.sendResponseHeaders(200, 0);
            OutputStream out = x.getResponseBody();
            out.write("{\"changes\": {\"workouts\": {\"created\": [{\"id\": \"w1\"},".getBytes(UTF_8));
            out.flush();
            awaitRelease();
        });
        HttpSyncTransport impatient = transportTo(stub.uri(), Duration.ofMillis(500));
        RecordingSink sink = new RecordingSink();

        TransportFailure.Unreachable failure =
                unreachable(impatient.pull("t", new PullRequest(0, 1, Optional.empty(), 10), sink));

        assertThat(failure.reason()).contains("no data from the server");
        assertThat(sink.records).hasSize(1);
    }

    @Test
    void nothingListeningIsUnreachable() throws IOException {
        HttpSyncTransport nowhere = transportTo(Wire.nothingListening(), Duration.ofSeconds(2));

        TransportFailure.Unreachable failure =
                unreachable(nowhere.pull("t", new PullRequest(0, 1, Optional.empty(), 10), new RecordingSink()));

        assertThat(failure.describe()).startsWith("server unreachable: ");
    }

    private void awaitRelease() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        java.util.regex.Pattern.compile("&").splitAsStream(raw).forEach(pair -> {
            int eq = pair.indexOf('=');
            params.put(
                    URLDecoder.decode(pair.substring(0, eq), UTF_8), URLDecoder.decode(pair.substring(eq + 1), UTF_8));
        });
        return params;
    }
}
