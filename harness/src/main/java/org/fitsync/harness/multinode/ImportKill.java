package org.fitsync.harness.multinode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.fitsync.adapter.strava.testing.FakeActivity;
import org.fitsync.adapter.strava.testing.FakeStrava;

/**
 * A Strava import through the balancer, its node SIGKILLed mid-import: the user connects Strava (the OAuth
 * callback reaches whichever node the balancer picks), starts an import of a slow provider's history, and once
 * runs are being stored the node holding the import's lease (found in the database, matched to the node
 * whose log names that worker id) is killed. Another node must claim the lapsed lease and finish; every
 * run activity must be stored exactly once.
 */
final class ImportKill {

    static final long ATHLETE = 77;
    static final int ACTIVITIES = 60;

    private final HttpClient http;
    private final ObjectMapper json;
    private final URI balancer;
    private final String token;
    private final FakeStrava strava;
    private final DebianPostgres postgres;

    record Outcome(
            String importId,
            String killed,
            String resumedBy,
            long resumeMillis,
            String state,
            int importedBeforeKill,
            int expectedRuns,
            int stravaRuns,
            int distinctStravaIds) {

        boolean passed() {
            return state.equals("completed")
                    && !resumedBy.equals(killed)
                    && stravaRuns == expectedRuns
                    && distinctStravaIds == stravaRuns;
        }
    }

    ImportKill(
            HttpClient http,
            ObjectMapper json,
            URI balancer,
            String token,
            FakeStrava strava,
            DebianPostgres postgres) {
        this.http = http;
        this.json = json;
        this.balancer = balancer;
        this.token = token;
        this.strava = strava;
        this.postgres = postgres;
    }

    /** Gives the athlete a history (whole seconds, as Strava's times are); call before the nodes use the fake. */
    static void stock(FakeStrava strava) {
        strava.addActivities(
                ATHLETE,
                FakeStrava.history(30_000_000L, ACTIVITIES, Instant.now().truncatedTo(ChronoUnit.SECONDS), 11));
    }

    Outcome run(List<Node> nodes) throws IOException, InterruptedException, SQLException {
        connect();
        HttpResponse<String> started = send(request("/api/v1/imports")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"provider\":\"strava\"}"))
                .build());
        if (started.statusCode() != 202) {
            throw new IllegalStateException(
                    "starting the import answered " + started.statusCode() + ": " + started.body());
        }
        String id = json.readTree(started.body()).path("id").asText();
        JsonNode midway = awaitImport(
                id,
                i -> i.path("state").asText().equals("running")
                        && i.path("progress").path("imported").asInt() >= 3,
                Duration.ofMinutes(2));
        String owner = awaitLeaseOwner(id, o -> true, Duration.ofSeconds(30));
        Node victim = nodeNamed(nodes, owner);
        long killedAt = System.nanoTime();
        victim.kill();
        String resumer = awaitLeaseOwner(id, o -> !o.equals(owner), Duration.ofMinutes(2));
        long resumeMillis = (System.nanoTime() - killedAt) / 1_000_000;
        Node resumedBy = nodeNamed(nodes, resumer);
        JsonNode finished = awaitImport(
                id,
                i -> List.of("completed", "failed", "cancelled")
                        .contains(i.path("state").asText()),
                Duration.ofMinutes(3));
        int expected = (int) strava.activities(ATHLETE).stream()
                        .filter(FakeActivity::isRun)
                        .count()
                - finished.path("progress").path("failed").asInt();
        Set<String> stravaIds = new HashSet<>();
        int stravaRuns = 0;
        String cursor = null;
        do {
            String path = "/api/v1/runs?limit=200&include_overlapping=true"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode page = json.readTree(expectOk(send(request(path).GET().build())));
            for (JsonNode run : page.path("items")) {
                if (run.path("source").asText().equals("strava")) {
                    stravaRuns++;
                    stravaIds.add(run.path("strava_id").asText());
                }
            }
            cursor = page.path("next_cursor").isTextual()
                    ? page.path("next_cursor").asText()
                    : null;
        } while (cursor != null);
        return new Outcome(
                id,
                victim.name(),
                resumedBy.name(),
                resumeMillis,
                finished.path("state").asText(),
                midway.path("progress").path("imported").asInt(),
                expected,
                stravaRuns,
                stravaIds.size());
    }

    /** The OAuth dance: FitSync's authorize URL, the fake's consent, its redirect to the callback on the balancer. */
    private void connect() throws IOException, InterruptedException {
        JsonNode authorize = json.readTree(expectOk(
                send(request("/api/v1/integrations/strava/authorize").GET().build())));
        URI consent = URI.create(authorize.path("authorize_url").asText() + "&athlete=" + ATHLETE);
        HttpResponse<String> redirect =
                http.send(HttpRequest.newBuilder(consent).GET().build(), HttpResponse.BodyHandlers.ofString());
        String location = redirect.headers()
                .firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("the fake Strava did not redirect to the callback"));
        if (!location.startsWith(balancer.toString())) {
            throw new IllegalStateException("the callback does not name the balancer (FITSYNC_PUBLIC_URL)");
        }
        expectOk(send(HttpRequest.newBuilder(URI.create(location)).GET().build()));
    }

    private JsonNode awaitImport(String id, Predicate<JsonNode> condition, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response =
                    send(request("/api/v1/imports/" + id).GET().build());
            if (response.statusCode() == 200) {
                last = json.readTree(response.body());
                if (condition.test(last)) {
                    return last;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("import " + id + " did not get there within " + timeout + "; last state "
                + (last == null ? "none" : last.path("state").asText() + " " + last.path("progress")));
    }

    private String awaitLeaseOwner(String id, Predicate<String> condition, Duration timeout)
            throws InterruptedException, SQLException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> owner = postgres.leaseOwner(id);
            if (owner.isPresent() && condition.test(owner.get())) {
                return owner.get();
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no node held import " + id + "'s lease as expected within " + timeout);
    }

    private static Node nodeNamed(List<Node> nodes, String worker) {
        return nodes.stream()
                .filter(n -> n.currentLogMentions(worker))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no node's log names import worker " + worker));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(balancer.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String expectOk(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    response.request().uri().getPath() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
