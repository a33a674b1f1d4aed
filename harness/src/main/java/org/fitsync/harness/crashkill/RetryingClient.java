package org.fitsync.harness.crashkill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.fitsync.adapter.http.Json;

/**
 * A client that does what a phone does when the server dies under it: a request whose response never
 * came is sent again, unchanged, once the server is back. Only a response is an acknowledgement; a
 * {@code 5xx}, a request that hangs on a live server or a connection failure without a kill is a finding.
 */
final class RetryingClient {

    private static final long DOWN_PATIENCE_MS = 600_000;

    private final ServerUnderTest server;
    private final HarnessStats stats;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ObjectMapper json = Json.newMapper();

    RetryingClient(ServerUnderTest server, HarnessStats stats, long timeoutMs) {
        this.server = server;
        this.stats = stats;
        this.timeout = Duration.ofMillis(timeoutMs);
    }

    ObjectMapper json() {
        return json;
    }

    /** Sends until a non-5xx response arrives; {@code body} may be null. */
    Reply send(String method, String path, String token, byte[] body) throws InterruptedException {
        int attempts = 0;
        while (true) {
            ServerUnderTest.Up up = server.awaitUp(DOWN_PATIENCE_MS)
                    .orElseThrow(() -> new IllegalStateException("server down for too long"));
            attempts++;
            stats.requests.incrementAndGet();
            if (attempts > 1) {
                stats.retries.incrementAndGet();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(up.baseUrl() + path))
                    .timeout(timeout)
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json");
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
            }
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() >= 500) {
                    stats.serverErrors.incrementAndGet();
                    stats.finding(method + " " + path + " answered " + response.statusCode() + ": "
                            + abbreviate(response.body()));
                    Thread.sleep(200);
                    continue;
                }
                stats.acknowledged.incrementAndGet();
                if (attempts > 1) {
                    stats.retriedToSuccess.incrementAndGet();
                }
                return new Reply(response.statusCode(), response.body(), attempts);
            } catch (HttpTimeoutException e) {
                if (server.stillUp(up)) {
                    stats.hungRequests.incrementAndGet();
                    stats.finding(method + " " + path + " hung for " + timeout.toMillis() + " ms on a live server");
                } else {
                    stats.lostResponses.incrementAndGet();
                }
            } catch (IOException e) {
                if (server.stillUp(up)) {
                    stats.finding(method + " " + path + " failed without a kill: " + e);
                    Thread.sleep(200);
                } else {
                    stats.lostResponses.incrementAndGet();
                }
            }
        }
    }

    JsonNode parse(Reply reply) {
        try {
            return json.readTree(reply.body());
        } catch (IOException e) {
            throw new IllegalStateException("unparseable response: " + abbreviate(reply.body()), e);
        }
    }

    byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    /** A response: its status, body and how many sends it took. */
    record Reply(int status, String body, int attempts) {}
}
