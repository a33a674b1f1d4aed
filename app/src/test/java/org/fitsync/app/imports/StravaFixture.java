package org.fitsync.app.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.fitsync.adapter.postgres.DatabaseSettings;
import org.fitsync.adapter.strava.testing.FakeStrava;
import org.fitsync.app.testing.TestServer;

/** A FitSync node wired to a fake Strava, and the steps the import (and erasure) tests share. */
public final class StravaFixture {

    static final String TOKEN_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY";
    static final Set<String> TERMINAL = Set.of("completed", "failed", "cancelled");

    private StravaFixture() {}

    public static Map<String, String> env(FakeStrava strava, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("FITSYNC_STRAVA_BASE_URL", strava.baseUrl().toString());
        env.put("FITSYNC_STRAVA_CLIENT_ID", strava.config().clientId());
        env.put("FITSYNC_STRAVA_CLIENT_SECRET", strava.config().clientSecret());
        env.put(
                "FITSYNC_STRAVA_RATE_WINDOW_SECONDS",
                Long.toString(strava.config().rateWindow().toSeconds()));
        env.put("FITSYNC_STRAVA_VERIFY_TOKEN", "verify-me");
        // Every node of one database must share the key, or one node cannot read another's tokens.
        env.put("FITSYNC_TOKEN_KEY", TOKEN_KEY);
        env.put("FITSYNC_STRAVA_BACKOFF_BASE", "20ms");
        env.put("FITSYNC_WEATHER", "off");
        env.put("FITSYNC_IMPORT_POLL", "100ms");
        env.put("FITSYNC_IMPORT_LEASE", "3s");
        env.put("FITSYNC_SSE_HEARTBEAT", "1s");
        env.putAll(extra);
        return env;
    }

    public static TestServer start(DatabaseSettings database, FakeStrava strava, Map<String, String> extra) {
        return TestServer.start(database, env(strava, extra));
    }

    /** The OAuth dance: authorize URL from FitSync, consent at the fake Strava, its redirect to our callback. */
    public static TestServer.Response connect(
            TestServer server, FakeStrava strava, String token, long athlete, String scope)
            throws IOException, InterruptedException {
        TestServer.Response authorize = server.get("/api/v1/integrations/strava/authorize", token);
        assertThat(authorize.status()).isEqualTo(200);
        String url = authorize.json().path("authorize_url").asText();
        assertThat(url).startsWith(strava.baseUrl() + "/oauth/authorize?");
        String consent = url.replaceFirst("scope=[^&]*", "scope=" + scope.replace(",", "%2C")) + "&athlete=" + athlete;
        HttpResponse<String> redirect = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(consent)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(redirect.statusCode()).isEqualTo(302);
        URI callback = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        assertThat(callback.getPath()).isEqualTo("/api/v1/integrations/strava/callback");
        return server.get(callback.getRawPath() + "?" + callback.getRawQuery(), null);
    }

    public static String startImport(TestServer server, String token) {
        TestServer.Response started = server.post("/api/v1/imports", token, Map.of("provider", "strava"));
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        return started.json().path("id").asText();
    }

    public static JsonNode awaitImport(
            TestServer server, String token, String id, Predicate<JsonNode> condition, Duration timeout)
            throws InterruptedException {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        try {
            return await().atMost(timeout)
                    .pollInterval(Duration.ofMillis(50))
                    .until(
                            () -> {
                                TestServer.Response response = server.get("/api/v1/imports/" + id, token);
                                assertThat(response.status()).isEqualTo(200);
                                last.set(response.json());
                                return last.get();
                            },
                            condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("import did not get there in " + timeout + "; last: " + last.get(), e);
        }
    }

    public static JsonNode awaitFinished(TestServer server, String token, String id, Duration timeout)
            throws InterruptedException {
        return awaitImport(
                server, token, id, node -> TERMINAL.contains(node.path("state").asText()), timeout);
    }
}
