package org.fitsync.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Privacy zones and share links over HTTP against PostgreSQL: a run that starts inside a zone leaks
 * no point within it, nor within the hidden start and end, through any view that leaves the owner's
 * own (a coach's runs, a coach's track as JSON, GPX and TCX, a public link), every point checked and
 * every polyline decoded; the owner's own view and the figures stay as they were.
 */
class PrivacyHttpTest {

    /** The runner's home: {@link RunBodies#track} starts a few metres from here and heads north-east. */
    private static final double HOME_LAT = 52.52;

    private static final double HOME_LON = 13.405;
    private static final int ZONE_M = 300;
    private static final int HIDE_M = 200;
    private static final Map<String, Object> HOME_ZONE = Map.of(
            "zones", List.of(Map.of("lat", HOME_LAT, "lon", HOME_LON, "radius_m", ZONE_M)), "hide_start_end_m", HIDE_M);
    private static final String GPX = "application/gpx+xml";
    private static final String TCX = "application/vnd.garmin.tcx+xml";

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A runner with one run from home, a coach linked to them, and the zone around home set. */
    private record Runner(String user, String token, String coach, UUID run, Point start, Point end) {}

    private record Point(double lat, double lon) {}

    private static Runner runnerWithAZoneAtHome(String user) {
        String token = server.token(user);
        UUID run = UUID.randomUUID();
        Map<String, Object> body = RunBodies.run(run, 0, 30, "phone");
        assertThat(server.post("/api/v1/runs", token, body).status()).isEqualTo(201);
        String coach = server.token(user + "-coach", "coach");
        link(token, coach);
        TestServer.Response set = server.put("/api/v1/privacy", token, HOME_ZONE);
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<List<Object>> track = (List<List<Object>>) body.get("track");
        return new Runner(user, token, coach, run, latLon(track.get(0)), latLon(track.get(track.size() - 1)));
    }

    private static Point latLon(List<Object> point) {
        return new Point(((Number) point.get(1)).doubleValue(), ((Number) point.get(2)).doubleValue());
    }

    private static void link(String clientToken, String coachToken) {
        TestServer.Response code = server.post("/api/v1/pairing-codes", clientToken, "");
        assertThat(code.status()).as(code.toString()).isEqualTo(201);
        TestServer.Response linked = server.post(
                "/api/v1/coach/clients",
                coachToken,
                Map.of("code", code.json().path("code").asText()));
        assertThat(linked.status()).as(linked.toString()).isEqualTo(201);
    }

    @Test
    void aRunStartingInAZoneLeaksNoPointOfItThroughAnyView() {
        Runner r = runnerWithAZoneAtHome("private-runner");
        assertThat(metres(HOME_LAT, HOME_LON, r.start().lat(), r.start().lon())).isLessThan(ZONE_M);
        JsonNode own = server.get("/api/v1/runs/" + r.run(), r.token()).json();

        // The coach's history: polyline decoded, figures as the owner's.
        JsonNode coachRun = server.get("/api/v1/coach/clients/" + r.user() + "/runs", r.coach())
                .json()
                .path("items")
                .get(0);
        List<double[]> polyline = decode(coachRun.path("polyline").asText());
        assertThat(polyline).hasSizeGreaterThanOrEqualTo(2);
        assertNoneHidden(polyline, r);
        for (String figure : List.of("id", "started_at", "ended_at", "duration_s", "distance_m", "stats")) {
            assertThat(coachRun.path(figure)).as(figure).isEqualTo(own.path(figure));
        }
        assertThat(coachRun.path("point_count").asInt()).isBetween(1, 599);

        // The coach's track as JSON, GPX and TCX: every point.
        String track = "/api/v1/coach/clients/" + r.user() + "/runs/" + r.run() + "/track";
        TestServer.Response json = server.get(track, r.coach());
        assertThat(json.status()).as(json.toString()).isEqualTo(200);
        List<double[]> points = new ArrayList<>();
        json.json()
                .path("points")
                .forEach(p ->
                        points.add(new double[] {p.get(1).asDouble(), p.get(2).asDouble()}));
        assertThat(points).hasSize(coachRun.path("point_count").asInt());
        assertNoneHidden(points, r);
        assertThat(json.json().path("segment_starts").get(0).asInt()).isZero();

        TestServer.Response gpx = accept(track, r.coach(), GPX);
        assertThat(gpx.status()).isEqualTo(200);
        assertThat(gpx.header("Content-Type")).startsWith(GPX);
        List<double[]> gpxPoints = pairs(gpx.body(), "<trkpt lat=\"([-0-9.]+)\" lon=\"([-0-9.]+)\"");
        assertThat(gpxPoints).hasSize(points.size());
        assertNoneHidden(gpxPoints, r);

        TestServer.Response tcx = accept(track, r.coach(), TCX);
        assertThat(tcx.status()).isEqualTo(200);
        List<double[]> tcxPoints = pairs(
                tcx.body(),
                "<LatitudeDegrees>([-0-9.]+)</LatitudeDegrees><LongitudeDegrees>([-0-9.]+)</LongitudeDegrees>");
        assertThat(tcxPoints).hasSize(points.size());
        assertNoneHidden(tcxPoints, r);
        // The lap's figures are the run's, not the cut track's.
        assertThat(tcx.body())
                .contains("<TotalTimeSeconds>" + own.path("duration_s").asLong() + "</TotalTimeSeconds>");

        // A public link: summary and polylines only.
        JsonNode shared = server.get(sharedPath(share(r)), null).json();
        assertThat(fieldNames(shared))
                .containsExactlyInAnyOrder(
                        "started_at",
                        "distance_m",
                        "duration_s",
                        "moving_time_s",
                        "elevation_gain_m",
                        "polyline",
                        "polylines");
        assertThat(shared.path("distance_m")).isEqualTo(own.path("distance_m"));
        assertThat(shared.path("duration_s")).isEqualTo(own.path("duration_s"));
        assertThat(shared.path("moving_time_s")).isEqualTo(own.path("stats").path("moving_time_s"));
        assertThat(shared.path("elevation_gain_m")).isEqualTo(own.path("stats").path("elevation_gain_m"));
        List<double[]> sharedPoints =
                new ArrayList<>(decode(shared.path("polyline").asText()));
        shared.path("polylines").forEach(p -> sharedPoints.addAll(decode(p.asText())));
        assertThat(sharedPoints).hasSizeGreaterThanOrEqualTo(2);
        assertNoneHidden(sharedPoints, r);

        // The owner's own view is the raw track.
        JsonNode ownTrack =
                server.get("/api/v1/runs/" + r.run() + "/track", r.token()).json();
        assertThat(ownTrack.path("points")).hasSize(600);
        assertThat(ownTrack.path("points").get(0).get(1).asDouble())
                .isEqualTo(r.start().lat());
        assertThat(decode(own.path("polyline").asText()).get(0)[0])
                .isCloseTo(r.start().lat(), org.assertj.core.data.Offset.offset(1e-5));
        assertThat(pairs(
                        accept("/api/v1/runs/" + r.run() + "/track", r.token(), GPX)
                                .body(),
                        "<trkpt lat=\"([-0-9.]+)\" lon=\"([-0-9.]+)\""))
                .hasSize(600);
    }

    @Test
    void aChangeOfZonesAppliesToTheNextResponse() {
        String user = "zone-changer";
        String token = server.token(user);
        UUID run = UUID.randomUUID();
        assertThat(server.post("/api/v1/runs", token, RunBodies.run(run, 0, 30, "phone"))
                        .status())
                .isEqualTo(201);
        String own =
                server.get("/api/v1/runs/" + run, token).json().path("polyline").asText();
        String path = sharedPath(share(new Runner(user, token, "", run, null, null)));
        // Nothing hidden yet: the link shows the stored polyline.
        assertThat(server.get(path, null).json().path("polyline").asText()).isEqualTo(own);
        assertThat(server.get("/api/v1/privacy", token).json())
                .isEqualTo(server.json().valueToTree(Map.of("zones", List.of(), "hide_start_end_m", 0)));

        assertThat(server.put("/api/v1/privacy", token, HOME_ZONE).status()).isEqualTo(200);
        assertThat(server.get("/api/v1/privacy", token).json())
                .isEqualTo(server.json().valueToTree(HOME_ZONE));
        List<double[]> hidden =
                decode(server.get(path, null).json().path("polyline").asText());
        for (double[] p : hidden) {
            assertThat(metres(HOME_LAT, HOME_LON, p[0], p[1])).isGreaterThan(ZONE_M);
        }

        assertThat(server.put("/api/v1/privacy", token, Map.of("zones", List.of()))
                        .status())
                .isEqualTo(200);
        assertThat(server.get(path, null).json().path("polyline").asText()).isEqualTo(own);
        // The owner's own run never changed.
        assertThat(server.get("/api/v1/runs/" + run, token)
                        .json()
                        .path("polyline")
                        .asText())
                .isEqualTo(own);
    }

    @Test
    void revokedUnknownAndDeletedLinksAreNotFoundOnEveryNodeAtOnce() {
        Runner r = runnerWithAZoneAtHome("revoker");
        try (TestServer other = TestServer.start(server.database(), Map.of())) {
            String first = sharedPath(share(r));
            String second = sharedPath(share(r));
            assertThat(server.get(first, null).status()).isEqualTo(200);
            assertThat(other.get(first, null).status()).isEqualTo(200);

            TestServer.Response revoked = server.delete("/api/v1/runs/" + r.run() + "/share", r.token());
            assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);
            for (TestServer node : List.of(server, other)) {
                for (String link : List.of(first, second)) {
                    TestServer.Response gone = node.get(link, null);
                    assertThat(gone.status()).isEqualTo(404);
                    assertThat(gone.header("Content-Type")).startsWith("application/problem+json");
                }
            }
            // Revoking again is fine; a new link works, on the other node too, until the run is deleted.
            assertThat(other.delete("/api/v1/runs/" + r.run() + "/share", r.token())
                            .status())
                    .isEqualTo(204);
            String fresh = sharedPath(share(r));
            assertThat(other.get(fresh, null).status()).isEqualTo(200);
            assertThat(server.delete("/api/v1/runs/" + r.run(), r.token()).status())
                    .isEqualTo(204);
            assertThat(other.get(fresh, null).status()).isEqualTo(404);
            assertThat(server.get(fresh, null).status()).isEqualTo(404);
        }
        assertThat(server.get("/api/v1/shared/" + "A".repeat(43), null).status())
                .isEqualTo(404);
        assertThat(server.get("/api/v1/shared/not-a-token", null).status()).isEqualTo(404);
        assertThat(server.get("/api/v1/shared/" + "x".repeat(500), null).status())
                .isEqualTo(404);
    }

    @Test
    void nobodyElseSharesRevokesOrReadsMyRuns() {
        Runner r = runnerWithAZoneAtHome("guarded-runner");
        String link = sharedPath(share(r));
        String mallory = server.token("mallory");
        assertThat(server.post("/api/v1/runs/" + r.run() + "/share", mallory, "")
                        .status())
                .isEqualTo(404);
        assertThat(server.delete("/api/v1/runs/" + r.run() + "/share", mallory).status())
                .isEqualTo(404);
        assertThat(server.get(link, null).status()).isEqualTo(200);
        assertThat(server.post("/api/v1/runs/" + UUID.randomUUID() + "/share", r.token(), "")
                        .status())
                .isEqualTo(404);
        assertThat(server.post("/api/v1/runs/not-a-uuid/share", r.token(), "").status())
                .isEqualTo(404);
        // Settings are the user's own.
        assertThat(server.get("/api/v1/privacy", mallory).json().path("zones")).isEmpty();
        assertThat(server.get("/api/v1/privacy", null).status()).isEqualTo(401);
        assertThat(server.post("/api/v1/runs/" + r.run() + "/share", null, "").status())
                .isEqualTo(401);

        String unlinked = server.token("unlinked-coach", "coach");
        String track = "/api/v1/coach/clients/" + r.user() + "/runs/" + r.run() + "/track";
        TestServer.Response refused = server.get(track, unlinked);
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.body()).doesNotContain("trkpt").doesNotContain("points");
        assertThat(accept(track, unlinked, GPX).status()).isEqualTo(404);
        assertThat(server.get("/api/v1/coach/clients/" + r.user() + "/runs", unlinked)
                        .status())
                .isEqualTo(404);
        assertThat(server.get(track, r.token()).status()).isEqualTo(403);
        // The linked coach: another client's run id, or no UUID, is no run.
        assertThat(server.get("/api/v1/coach/clients/" + r.user() + "/runs/" + UUID.randomUUID() + "/track", r.coach())
                        .status())
                .isEqualTo(404);
        assertThat(server.get("/api/v1/coach/clients/" + r.user() + "/runs/xyz/track", r.coach())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void badSettingsAreRefusedAndChangeNothing() {
        String token = server.token("careless-runner");
        assertThat(server.put("/api/v1/privacy", token, HOME_ZONE).status()).isEqualTo(200);
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            tooMany.add(Map.of("lat", 10.0 + i, "lon", 10.0, "radius_m", 200));
        }
        List<Object> bad = List.of(
                Map.of("zones", List.of(Map.of("lat", HOME_LAT, "lon", HOME_LON, "radius_m", 99))),
                Map.of("zones", List.of(Map.of("lat", HOME_LAT, "lon", HOME_LON, "radius_m", 2001))),
                Map.of("zones", List.of(Map.of("lat", 91, "lon", HOME_LON, "radius_m", 200))),
                Map.of("zones", List.of(Map.of("lat", HOME_LAT, "lon", 180.5, "radius_m", 200))),
                Map.of("zones", List.of(Map.of("lat", HOME_LAT, "lon", HOME_LON, "radius_m", 150.5))),
                Map.of("zones", List.of(Map.of("lat", "52.5", "lon", HOME_LON, "radius_m", 200))),
                Map.of("zones", List.of(Map.of("lat", HOME_LAT, "radius_m", 200))),
                Map.of("zones", List.of(), "hide_start_end_m", 1001),
                Map.of("zones", List.of(), "hide_start_end_m", -1),
                Map.of("zones", tooMany),
                Map.of("zones", List.of(), "home", "secret"),
                Map.of("hide_start_end_m", 100));
        for (Object body : bad) {
            TestServer.Response refused = server.put("/api/v1/privacy", token, body);
            assertThat(refused.status()).as(body.toString()).isEqualTo(422);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(server.put("/api/v1/privacy", token, "{not json").status()).isEqualTo(400);
        assertThat(server.put("/api/v1/privacy", token, "[]").status()).isEqualTo(400);
        assertThat(server.get("/api/v1/privacy", token).json())
                .isEqualTo(server.json().valueToTree(HOME_ZONE));
    }

    @Test
    void openingLinksIsLimitedPerClientAddress() {
        try (TestServer limited = TestServer.start(Map.of("FITSYNC_RATE_LIMIT_SHARED_LINKS_PER_MINUTE", "3"))) {
            String unknown = "/api/v1/shared/" + "B".repeat(43);
            for (int i = 0; i < 3; i++) {
                assertThat(limited.get(unknown, null).status()).isEqualTo(404);
            }
            TestServer.Response refused = limited.get(unknown, null);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        }
    }

    @Test
    void theRoutesAreDocumented() {
        JsonNode paths = server.get("/openapi.json", null).json().path("paths");
        assertThat(paths.path("/api/v1/privacy").has("put")).isTrue();
        assertThat(paths.path("/api/v1/runs/{id}/share").has("delete")).isTrue();
        assertThat(paths.path("/api/v1/shared/{token}")
                        .path("get")
                        .path("responses")
                        .has("404"))
                .isTrue();
        assertThat(paths.path("/api/v1/coach/clients/{id}/runs/{run}/track").has("get"))
                .isTrue();
    }

    private static JsonNode share(Runner r) {
        TestServer.Response created = server.post("/api/v1/runs/" + r.run() + "/share", r.token(), "");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode body = created.json();
        assertThat(body.path("token").asText()).matches("[A-Za-z0-9_-]{43}");
        assertThat(body.path("url").asText())
                .endsWith("/api/v1/shared/" + body.path("token").asText());
        return body;
    }

    private static String sharedPath(JsonNode share) {
        return "/api/v1/shared/" + share.path("token").asText();
    }

    private static TestServer.Response accept(String path, String token, String type) {
        return server.send(
                server.request(path, token).header("Accept", type).GET().build());
    }

    /** Every point is outside the zone around home and farther than the hidden distance from the run's ends. */
    private static void assertNoneHidden(List<double[]> points, Runner r) {
        for (double[] p : points) {
            assertThat(metres(HOME_LAT, HOME_LON, p[0], p[1])).as("from home").isGreaterThan(ZONE_M);
            assertThat(metres(r.start().lat(), r.start().lon(), p[0], p[1]))
                    .as("from the start")
                    .isGreaterThan(HIDE_M);
            assertThat(metres(r.end().lat(), r.end().lon(), p[0], p[1]))
                    .as("from the end")
                    .isGreaterThan(HIDE_M);
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<double[]> pairs(String text, String regex) {
        List<double[]> out = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            out.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))});
        }
        return out;
    }

    private static double metres(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double h = Math.pow(Math.sin((p2 - p1) / 2), 2)
                + Math.cos(p1) * Math.cos(p2) * Math.pow(Math.sin(Math.toRadians(lon2 - lon1) / 2), 2);
        return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    /** Google's encoded polyline (precision 5) back to degrees. */
    private static List<double[]> decode(String encoded) {
        List<double[]> out = new ArrayList<>();
        int index = 0;
        long lat = 0;
        long lon = 0;
        while (index < encoded.length()) {
            long[] values = new long[2];
            for (int k = 0; k < 2; k++) {
                long result = 0;
                int shift = 0;
                int b;
                do {
                    b = encoded.charAt(index++) - 63;
                    result |= (long) (b & 0x1f) << shift;
                    shift += 5;
                } while (b >= 0x20);
                values[k] = (result & 1) != 0 ? ~(result >> 1) : result >> 1;
            }
            lat += values[0];
            lon += values[1];
            out.add(new double[] {lat / 1e5, lon / 1e5});
        }
        return out;
    }
}
