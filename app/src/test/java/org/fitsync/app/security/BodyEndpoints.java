package org.fitsync.app.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.fitsync.adapter.http.auth.SignInLinkIssuer;
import org.fitsync.app.testing.TestServer;

/**
 * Every FitSync endpoint that takes a body: the hostile-input corpus, the fuzz targets and the SQL
 * metacharacter test all iterate this table. Adding an endpoint is one line here.
 */
public final class BodyEndpoints {

    /** The run the fixtures create (its id is {@code {run}} in paths). */
    public static final String RUN_ID = "5f0c6a52-6a8e-4a43-9a3e-2a3c1d7f0b11";

    public static final String RUN_BODY = "{\"id\":\"" + RUN_ID + "\",\"started_at\":\"2026-11-20T07:00:00Z\","
            + "\"ended_at\":\"2026-11-20T07:45:10Z\",\"duration_s\":2710,\"distance_m\":10012.5,\"source\":\"phone\","
            + "\"notes\":\"easy 10k\",\"metadata\":{\"device\":\"Pixel 9\"},"
            + "\"track\":[[1795158000000,52.52001,13.40495,34.2],[1795158001000,52.52003,13.40501,null]]}";

    public static final String SYNC_PUSH_BODY = "{\"changes\":{"
            + "\"workouts\":{\"created\":[{\"id\":\"w1\",\"name\":\"Leg day\",\"notes\":\"heavy\",\"started_at\":1795158000000,"
            + "\"updated_at\":1795158000000,\"_status\":\"created\",\"_changed\":\"\"}],\"updated\":[],\"deleted\":[\"w0\"]},"
            + "\"settings\":{\"created\":[],\"updated\":[{\"id\":\"s1\",\"key\":\"units\",\"value\":\"metric\"}],\"deleted\":[]}},"
            + "\"last_pulled_at\":null}";

    /**
     * A sign-in link for the fixture's user, well formed and signed with the test secret but long expired:
     * a live one would sign in only once, so no body for the exchange can succeed every time.
     */
    public static final String EXPIRED_SIGN_IN_LINK = new SignInLinkIssuer(
                    TestServer.JWT_SECRET, Clock.fixed(Instant.parse("2020-01-01T00:00:00Z"), ZoneOffset.UTC))
            .issue(SecurityFixture.USER, List.of("coach"), Duration.ofMinutes(15));

    public static final List<BodyEndpoint> ALL = List.of(
            BodyEndpoint.user(
                    "ingest-steps",
                    "POST",
                    "/api/v1/ingest/steps",
                    "{\"source\":\"healthkit\",\"items\":[{\"date\":\"2026-11-20\",\"steps\":8123}]}"),
            BodyEndpoint.user(
                    "ingest-sleep",
                    "POST",
                    "/api/v1/ingest/sleep",
                    "{\"source\":\"garmin\",\"items\":[{\"date\":\"2026-11-20\",\"start\":\"2026-11-19T23:00:00Z\","
                            + "\"end\":\"2026-11-20T06:11:00Z\",\"total_min\":431,\"deep_min\":80,\"light_min\":250,"
                            + "\"rem_min\":90,\"awake_min\":11}]}"),
            BodyEndpoint.user(
                    "entry-put",
                    "PUT",
                    "/api/v1/entries/2026-11-20",
                    "{\"steps\":1200,\"sleep_min\":400,\"sleep_quality\":4,\"notes\":\"felt fine\"}"),
            BodyEndpoint.user("pairing-code", "POST", "/api/v1/pairing-codes", "{}"),
            BodyEndpoint.coach("coach-link", "POST", "/api/v1/coach/clients", "{\"code\":\"K7Q2-9XPA\"}"),
            BodyEndpoint.coach(
                    "coach-entry-put",
                    "PUT",
                    "/api/v1/coach/clients/{client}/entries/2026-11-21",
                    "{\"steps\":900,\"notes\":\"coach says hi\"}"),
            BodyEndpoint.user("run-post", "POST", "/api/v1/runs", RUN_BODY),
            BodyEndpoint.user(
                    "run-patch",
                    "PATCH",
                    "/api/v1/runs/{run}",
                    "{\"notes\":\"patched\",\"metadata\":{\"shoes\":\"old\",\"laps\":[1,2]}}"),
            BodyEndpoint.user("sync-push", "POST", "/api/v1/sync", SYNC_PUSH_BODY),
            // Never the fixture user's own id: the fixture's data must survive every variation.
            BodyEndpoint.user("me-erase", "DELETE", "/api/v1/me", "{\"confirm\":\"someone-else\"}"),
            BodyEndpoint.user(
                    "privacy-put",
                    "PUT",
                    "/api/v1/privacy",
                    "{\"zones\":[{\"lat\":52.52,\"lon\":13.405,\"radius_m\":300}],\"hide_start_end_m\":200}"),
            BodyEndpoint.user("run-share", "POST", "/api/v1/runs/{run}/share", "{}"),
            BodyEndpoint.user(
                    "import-start",
                    "POST",
                    "/api/v1/imports",
                    "{\"provider\":\"strava\",\"after\":\"2026-01-01T00:00:00Z\",\"before\":\"2026-11-01T00:00:00Z\"}"),
            BodyEndpoint.user(
                    "strava-webhook",
                    "POST",
                    "/api/v1/webhooks/strava",
                    "{\"object_type\":\"activity\",\"object_id\":1234,\"aspect_type\":\"create\",\"owner_id\":999,"
                            + "\"subscription_id\":1,\"event_time\":1795158000,\"updates\":{}}"),
            BodyEndpoint.user(
                    "sign-in-link", "POST", "/api/v1/auth/link", "{\"link\":\"" + EXPIRED_SIGN_IN_LINK + "\"}"));

    /**
     * Endpoints whose valid body the fixture cannot make succeed: an unknown pairing code; Strava not
     * connected; an erasure confirmed with another user's id; an expired sign-in link.
     */
    public static final java.util.Set<String> REFUSED_IN_FIXTURE =
            java.util.Set.of("coach-link", "import-start", "me-erase", "sign-in-link");

    /**
     * Reads of everything the fixture's user (and coach) stored: after an accepted hostile write these
     * must still answer 200, so no accepted value can poison later reads. {@code coach:} marks coach reads.
     */
    public static final List<String> READS = List.of(
            "/api/v1/entries?from=2000-01-01&to=2100-01-01",
            "/api/v1/runs?limit=200&include_overlapping=true",
            "/api/v1/runs/{run}",
            "/api/v1/runs/{run}/track",
            "/api/v1/privacy",
            "coach:/api/v1/coach/clients/{client}/runs/{run}/track",
            "/api/v1/sync?last_pulled_at=0&schema_version=1&migration=null",
            "coach:/api/v1/coach/clients/{client}/entries?from=2000-01-01&to=2100-01-01");

    private BodyEndpoints() {}

    public static Optional<BodyEndpoint> named(String name) {
        return ALL.stream().filter(endpoint -> endpoint.name().equals(name)).findFirst();
    }
}
