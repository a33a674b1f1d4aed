package org.fitsync.harness.phone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** What the server holds for one user, read over its API as a first sync would. */
public final class ServerView {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String token;

    public ServerView(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** Every live record of {@code collection} by id, from a first-sync pull. */
    public Map<String, JsonNode> records(String collection) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/sync?last_pulled_at=0"))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMinutes(2))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("pull answered " + response.statusCode());
        }
        Map<String, JsonNode> records = new TreeMap<>();
        JsonNode changes = JSON.readTree(response.body()).path("changes").path(collection);
        for (String part : new String[] {"created", "updated"}) {
            for (JsonNode record : changes.path(part)) {
                records.put(record.get("id").asText(), record);
            }
        }
        return records;
    }

    /** Pushes {@code count} workouts in batches of 5,000 (seeding a large first sync). */
    public void seedWorkouts(String prefix, int count) throws IOException, InterruptedException {
        for (int from = 0; from < count; from += 5_000) {
            StringBuilder body = new StringBuilder("{\"changes\":{\"workouts\":{\"created\":[");
            int to = Math.min(count, from + 5_000);
            for (int i = from; i < to; i++) {
                if (i > from) {
                    body.append(',');
                }
                body.append("{\"id\":\"")
                        .append(prefix)
                        .append(i)
                        .append("\",\"name\":\"Workout ")
                        .append(i)
                        .append("\",\"notes\":\"seeded for the first-sync test\",\"started_at\":")
                        .append(1_795_158_000_000L + i * 60_000L)
                        .append(",\"updated_at\":1795158000000}");
            }
            body.append("],\"updated\":[],\"deleted\":[]}},\"last_pulled_at\":null}");
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/sync"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofMinutes(2))
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("seeding push answered " + response.statusCode() + ": " + response.body());
            }
        }
    }
}
