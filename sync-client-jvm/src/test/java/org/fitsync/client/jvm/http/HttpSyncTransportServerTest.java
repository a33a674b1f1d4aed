package org.fitsync.client.jvm.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fitsync.client.jvm.http.Wire.answered;
import static org.fitsync.client.jvm.http.Wire.created;
import static org.fitsync.client.jvm.http.Wire.deleted;
import static org.fitsync.client.jvm.http.Wire.httpError;
import static org.fitsync.client.jvm.http.Wire.record;
import static org.fitsync.client.jvm.http.Wire.updated;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fitsync.app.testing.TestServer;
import org.fitsync.client.remote.CollectionChanges;
import org.fitsync.client.remote.Exchange;
import org.fitsync.client.remote.IngestReceipt;
import org.fitsync.client.remote.PullReceipt;
import org.fitsync.client.remote.PullRequest;
import org.fitsync.client.remote.PushReceipt;
import org.fitsync.client.remote.PushRequest;
import org.fitsync.client.remote.RunReceipt;
import org.fitsync.client.remote.TransportFailure;
import org.fitsync.client.remote.WireRecord;
import org.fitsync.client.retry.FailureClass;
import org.fitsync.domain.daily.DeviceSource;
import org.fitsync.domain.daily.SleepReading;
import org.fitsync.domain.daily.SleepRecord;
import org.fitsync.domain.daily.SleepStages;
import org.fitsync.domain.daily.StepsReading;
import org.fitsync.domain.run.NewRun;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transport against a real FitSync node: what it sends is what the server takes, and back. */
class HttpSyncTransportServerTest {

    private static final String PROBLEMS = "https://fitsync.dev/problems/";

    private static TestServer server;
    private static HttpSyncTransport transport;

    private String token;

    @BeforeAll
    static void startServer() {
        server = TestServer.start();
        transport = new HttpSyncTransport(server.uri("/"), Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void freshUser() {
        token = server.token("user-" + UUID.randomUUID());
    }

    @Test
    void pushedRecordsComeBackInAFirstSyncWithTheirExactValues() {
        long at = System.currentTimeMillis() - 60_000;
        WireRecord weight = record(
                "m1",
                at,
                Map.of(
                        "kind", new Value.Text("weight"),
                        "unit", new Value.Text("kg"),
                        "value", new Value.Num(72.35),
                        "measured_at", new Value.Num(1795158000123d)));
        WireRecord legDay = record(
                "w1",
                at,
                Map.of(
                        "name", new Value.Text("Leg day \"heavy\" – ✓"),
                        "started_at", new Value.Num(1795158000000d),
                        "exercises", new Value.Text("[{\"squat\":0.1}]")));

        PushReceipt pushed = answered(transport.push(
                token, new PushRequest(0, Map.of("body_measurements", created(weight), "workouts", created(legDay)))));
        RecordingSink sink = new RecordingSink();
        PullReceipt pulled = answered(transport.pull(token, firstSync(5000), sink));

        assertThat(pushed.rejected()).isEmpty();
        assertThat(pulled.timestamp())
                .isGreaterThanOrEqualTo(pushed.timestamp())
                .isPositive();
        assertThat(pulled.hasMore()).isFalse();
        assertThat(pulled.replacement()).isFalse();
        assertThat(sink.records).hasSize(2);
        assertThat(sink.deleted).isEmpty();
        WireRecord m1 = sink.record("body_measurements", "m1");
        assertThat(m1.values())
                .containsEntry("kind", new Value.Text("weight"))
                .containsEntry("unit", new Value.Text("kg"))
                .containsEntry("value", new Value.Num(72.35))
                .containsEntry("measured_at", new Value.Num(1795158000123d))
                .doesNotContainKeys("id", "created_at", "updated_at");
        assertThat(m1.createdAt()).isEqualTo(at);
        assertThat(m1.updatedAt()).isEqualTo(at);
        WireRecord w1 = sink.record("workouts", "w1");
        assertThat(w1.values())
                .containsEntry("name", new Value.Text("Leg day \"heavy\" – ✓"))
                .containsEntry("started_at", new Value.Num(1795158000000d))
                .containsEntry("exercises", new Value.Text("[{\"squat\":0.1}]"))
                .containsEntry("notes", Value.NULL);
    }

    @Test
    void aPagedPullReturnsEveryRecordOnceFollowingTheCursor() {
        List<WireRecord> workouts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            workouts.add(record("w" + i, System.currentTimeMillis(), Map.of("name", new Value.Text("day " + i))));
        }
        answered(transport.push(
                token, new PushRequest(0, Map.of("workouts", new CollectionChanges(workouts, List.of(), List.of())))));

        List<String> ids = new ArrayList<>();
        List<PullReceipt> pages = new ArrayList<>();
        long cursor = 0;
        do {
            RecordingSink sink = new RecordingSink();
            PullReceipt page = answered(transport.pull(token, new PullRequest(cursor, 1, Optional.empty(), 2), sink));
            sink.records.forEach(r -> ids.add(r.record().id().value()));
            pages.add(page);
            assertThat(page.timestamp()).isGreaterThan(cursor);
            cursor = page.timestamp();
        } while (pages.get(pages.size() - 1).hasMore() && pages.size() < 10);

        assertThat(pages.get(0).hasMore()).isTrue();
        assertThat(pages).hasSizeGreaterThanOrEqualTo(3);
        assertThat(ids).containsExactlyInAnyOrder("w0", "w1", "w2", "w3", "w4");
    }

    @Test
    void aDeleteComesBackInDeleted() {
        answered(transport.push(
                token,
                new PushRequest(0, Map.of("workouts", created(record("w1", System.currentTimeMillis(), Map.of()))))));
        long cursor = answered(transport.pull(token, firstSync(100), new RecordingSink()))
                .timestamp();

        answered(transport.push(token, new PushRequest(cursor, Map.of("workouts", deleted("w1")))));
        RecordingSink sink = new RecordingSink();
        answered(transport.pull(token, new PullRequest(cursor, 1, Optional.empty(), 100), sink));

        assertThat(sink.records).isEmpty();
        assertThat(sink.deleted).containsExactly(new RecordingSink.Deleted("workouts", new RecordId("w1")));
    }

    @Test
    void refusedRecordsAreListedAsRejected() {
        long now = System.currentTimeMillis();
        answered(transport.push(token, new PushRequest(0, Map.of("workouts", created(record("gone", now, Map.of()))))));
        answered(transport.push(token, new PushRequest(0, Map.of("workouts", deleted("gone")))));

        PushReceipt receipt = answered(transport.push(
                token,
                new PushRequest(
                        0,
                        Map.of(
                                "workouts",
                                updated(record("gone", now + 1, Map.of("name", new Value.Text("back?")))),
                                "runs",
                                updated(record(
                                        UUID.randomUUID().toString(),
                                        now,
                                        Map.of("notes", new Value.Text("no such run"))))))));

        assertThat(receipt.isRejected("workouts", new RecordId("gone"))).isTrue();
        assertThat(receipt.rejected().get("runs")).hasSize(1);
        assertThat(receipt.timestamp()).isPositive();
    }

    @Test
    void aBodyOfTheWrongShapeIsA422WithFieldErrors() {
        TransportFailure.HttpError error = httpError(transport.push(
                token,
                new PushRequest(
                        0, Map.of("no_such_collection", created(record("x1", System.currentTimeMillis(), Map.of()))))));

        assertThat(error.status()).isEqualTo(422);
        assertThat(error.problem().type()).isEqualTo(PROBLEMS + "validation");
        assertThat(error.problem().errors()).isNotEmpty();
        assertThat(error.problem().errors().get(0).field()).contains("no_such_collection");
        assertThat(FailureClass.of(error)).isEqualTo(FailureClass.PERMANENT);
    }

    @Test
    void aRunIsCreatedOnceAndItsTrackArrivesExactly() throws Exception {
        UUID id = UUID.randomUUID();
        NewRun run = Wire.run(id, 10012.5, 1_300);

        RunReceipt first = answered(transport.submitRun(token, run));
        RunReceipt again = answered(transport.submitRun(token, run));

        assertThat(first).isEqualTo(new RunReceipt(id, true));
        assertThat(again).isEqualTo(new RunReceipt(id, false));
        JsonNode points =
                server.get("/api/v1/runs/" + id + "/track", token).json().get("points");
        assertThat(points).hasSize(1_300);
        for (int i = 0; i < run.track().size(); i++) {
            JsonNode point = points.get(i);
            assertThat(point.get(0).asLong()).isEqualTo(run.track().epochMs(i));
            assertThat(point.get(1).asDouble()).isEqualTo(run.track().lat(i));
            assertThat(point.get(2).asDouble()).isEqualTo(run.track().lon(i));
            if (run.track().hasElevation(i)) {
                assertThat(point.get(3).asDouble()).isEqualTo(run.track().elevationM(i));
            } else {
                assertThat(point.get(3).isNull()).isTrue();
            }
        }
        RecordingSink sink = new RecordingSink();
        answered(transport.pull(token, firstSync(100), sink));
        WireRecord pulled = sink.record("runs", id.toString());
        assertThat(pulled.values())
                .containsEntry("distance_m", new Value.Num(10012.5))
                .containsEntry("started_at", new Value.Num(run.startedAt().toEpochMilli()))
                .containsEntry("source", new Value.Text("phone"))
                .containsEntry("notes", new Value.Text("easy 10k \"négatif\" ✓"));
        assertThat(server.get("/api/v1/runs/" + id, token).json().get("metadata"))
                .isEqualTo(server.json().readTree("{\"device\": \"Pixel 9\", \"laps\": [1, 2.5]}"));
    }

    @Test
    void theSameRunIdWithOtherContentIsAConflict() {
        UUID id = UUID.randomUUID();
        answered(transport.submitRun(token, Wire.run(id, 10012.5, 10)));

        TransportFailure.HttpError error = httpError(transport.submitRun(token, Wire.run(id, 9000, 10)));

        assertThat(error.status()).isEqualTo(409);
        assertThat(error.problem().type()).isEqualTo(PROBLEMS + "run-id-conflict");
        assertThat(error.problem().title()).isNotEmpty();
        assertThat(error.retryAfter()).isEmpty();
    }

    @Test
    void ingestedStepsAndSleepAreStoredAndAManualValueIsKept() {
        LocalDate day = LocalDate.parse("2026-11-20");
        TestServer.Response manual = server.put("/api/v1/entries/2026-11-21", token, Map.of("steps", 1234));
        assertThat(manual.status()).isEqualTo(200);

        IngestReceipt steps = answered(transport.ingestSteps(
                token,
                DeviceSource.HEALTHKIT,
                List.of(new StepsReading(day, 8123), new StepsReading(day.plusDays(1), 9000))));
        IngestReceipt sleep = answered(transport.ingestSleep(
                token,
                DeviceSource.GARMIN,
                List.of(new SleepReading(
                        day,
                        new SleepRecord(
                                Instant.parse("2026-11-19T22:40:00.250Z"),
                                Instant.parse("2026-11-20T06:10:00Z"),
                                431,
                                new SleepStages(
                                        Optional.of(80), Optional.of(250), Optional.empty(), Optional.of(11)))))));

        assertThat(steps.results())
                .containsExactly(
                        new IngestReceipt.ItemResult(0, "stored", List.of()),
                        new IngestReceipt.ItemResult(1, "kept_manual", List.of()));
        assertThat(sleep.results()).containsExactly(new IngestReceipt.ItemResult(0, "stored", List.of()));
        JsonNode night = server.get("/api/v1/entries?from=2026-11-20&to=2026-11-20", token)
                .json()
                .get("items")
                .get(0)
                .get("sleep");
        assertThat(night.get("start").asText()).isEqualTo("2026-11-19T22:40:00.250Z");
        assertThat(night.get("rem_min").isNull()).isTrue();
        assertThat(night.get("awake_min").asInt()).isEqualTo(11);
    }

    @Test
    void aBadTokenIsA401WithItsProblem() {
        Exchange<PullReceipt> answer = transport.pull("not-a-token", firstSync(10), new RecordingSink());

        TransportFailure.HttpError error = httpError(answer);
        assertThat(error.status()).isEqualTo(401);
        assertThat(error.problem().type()).isEqualTo(PROBLEMS + "unauthorized");
        assertThat(FailureClass.of(error)).isEqualTo(FailureClass.AUTH);
    }

    private static PullRequest firstSync(int limit) {
        return new PullRequest(0, 1, Optional.empty(), limit);
    }
}
