package org.fitsync.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fitsync.adapter.postgres.testing.PostgresTestDatabase;
import org.fitsync.adapter.strava.testing.FakeActivity;
import org.fitsync.adapter.strava.testing.FakeStrava;
import org.fitsync.adapter.strava.testing.FakeStravaConfig;
import org.fitsync.app.config.Environment;
import org.fitsync.app.testing.StoredRuns;
import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.Test;

/** The operator command creates the webhook subscription; Strava's events then reach the app. */
class StravaWebhookCommandTest {

    @Test
    void createsTheSubscriptionThatStravaValidatesAndThenDeliversEventsTo() throws Exception {
        try (FakeStrava strava = FakeStrava.start(FakeStravaConfig.generous())) {
            Map<String, String> env = new HashMap<>();
            env.put("FITSYNC_STRAVA_BASE_URL", strava.baseUrl().toString());
            env.put("FITSYNC_STRAVA_CLIENT_ID", FakeStravaConfig.CLIENT_ID);
            env.put("FITSYNC_STRAVA_CLIENT_SECRET", FakeStravaConfig.CLIENT_SECRET);
            env.put("FITSYNC_STRAVA_VERIFY_TOKEN", "verify-me");
            env.put("FITSYNC_TOKEN_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY");
            env.put("FITSYNC_WEATHER", "off");
            env.put("FITSYNC_IMPORT_POLL", "100ms");
            try (TestServer server = TestServer.start(PostgresTestDatabase.fresh(), env)) {
                String token = server.token("alice");
                String code = strava.authorizationCode(5, "read,activity:read");
                String state = stateFrom(server.get("/api/v1/integrations/strava/authorize", token)
                        .json()
                        .path("authorize_url")
                        .asText());
                assertThat(server.get(
                                        "/api/v1/integrations/strava/callback?code=" + code + "&state=" + state
                                                + "&scope=read,activity:read",
                                        null)
                                .status())
                        .isEqualTo(200);

                Map<String, String> operator = new HashMap<>(env);
                operator.put("FITSYNC_PUBLIC_URL", server.uri("").toString());
                operator.put(
                        "FITSYNC_DATA_DIR",
                        java.nio.file.Files.createTempDirectory("fitsync-cli").toString());
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                int status = StravaWebhookCommand.run(
                        new Environment(operator),
                        "create",
                        null,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
                assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
                assertThat(out.toString(StandardCharsets.UTF_8)).contains("subscription 1 created");

                strava.addActivities(
                        5,
                        List.of(new FakeActivity(
                                42,
                                "Lunch Run",
                                "Run",
                                Instant.parse("2026-11-19T12:00:00Z"),
                                1800,
                                1750,
                                5000,
                                true,
                                48.1,
                                11.5)));
                assertThat(strava.pushEvent("activity", 42, "create", 5, Map.of()))
                        .isEqualTo(200);
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (StoredRuns.imported(server, token).isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(StoredRuns.imported(server, token))
                        .extracting(r -> r.path("strava_id").asText())
                        .containsExactly("42");

                // An update that turns the run into a ride removes it.
                strava.removeActivity(5, 42);
                strava.addActivities(
                        5,
                        List.of(new FakeActivity(
                                42,
                                "Lunch Ride",
                                "Ride",
                                Instant.parse("2026-11-19T12:00:00Z"),
                                1800,
                                1750,
                                15000,
                                true,
                                48.1,
                                11.5)));
                assertThat(strava.pushEvent("activity", 42, "update", 5, Map.of("type", "Ride")))
                        .isEqualTo(200);
                deadline = System.nanoTime() + 30_000_000_000L;
                while (!StoredRuns.imported(server, token).isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(StoredRuns.imported(server, token)).isEmpty();

                out.reset();
                assertThat(StravaWebhookCommand.run(
                                new Environment(operator),
                                "list",
                                null,
                                new PrintStream(out, true, StandardCharsets.UTF_8),
                                System.err))
                        .isZero();
                assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 " + server.uri("/api/v1/webhooks/strava"));
                assertThat(StravaWebhookCommand.run(new Environment(operator), "delete", 1L, System.out, System.err))
                        .isZero();
                assertThat(StravaWebhookCommand.run(new Environment(operator), "delete", 1L, System.out, System.err))
                        .isEqualTo(1);
            }
        }
    }

    @Test
    void aWrongVerifyTokenFailsTheCreation() throws Exception {
        try (FakeStrava strava = FakeStrava.start(FakeStravaConfig.generous())) {
            Map<String, String> env = new HashMap<>();
            env.put("FITSYNC_STRAVA_BASE_URL", strava.baseUrl().toString());
            env.put("FITSYNC_STRAVA_CLIENT_ID", FakeStravaConfig.CLIENT_ID);
            env.put("FITSYNC_STRAVA_CLIENT_SECRET", FakeStravaConfig.CLIENT_SECRET);
            env.put("FITSYNC_STRAVA_VERIFY_TOKEN", "server-token");
            env.put("FITSYNC_TOKEN_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY");
            try (TestServer server = TestServer.start(PostgresTestDatabase.fresh(), env)) {
                Map<String, String> operator = new HashMap<>(env);
                operator.put("FITSYNC_PUBLIC_URL", server.uri("").toString());
                operator.put("FITSYNC_STRAVA_VERIFY_TOKEN", "another-token");
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                int status = StravaWebhookCommand.run(
                        new Environment(operator),
                        "create",
                        null,
                        System.out,
                        new PrintStream(err, true, StandardCharsets.UTF_8));
                assertThat(status).isEqualTo(1);
                assertThat(err.toString(StandardCharsets.UTF_8)).contains("not verifiable");
            }
        }
    }

    private static String stateFrom(String authorizeUrl) {
        for (String pair : authorizeUrl.substring(authorizeUrl.indexOf('?') + 1).split("&", -1)) {
            if (pair.startsWith("state=")) {
                return pair.substring(6);
            }
        }
        throw new AssertionError("no state in " + authorizeUrl);
    }
}
