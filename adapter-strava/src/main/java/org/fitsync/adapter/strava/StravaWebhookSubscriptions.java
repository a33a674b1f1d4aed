package org.fitsync.adapter.strava;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The app's webhook subscription at Strava ({@code /api/v3/push_subscriptions}), for the operator
 * command. Strava allows one per application and validates the callback while creating it, so
 * FitSync must already be reachable at the callback URL.
 */
public final class StravaWebhookSubscriptions {

    /** How an operator request ended: success with what Strava said, or a failure with why. */
    public sealed interface Outcome {
        record Done(String detail) implements Outcome {}

        record Failed(String detail) implements Outcome {}
    }

    /** A subscription as Strava lists it. */
    public record Subscription(long id, String callbackUrl) {}

    private final StravaClientSettings settings;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = StravaJsonMapper.newMapper();

    public StravaWebhookSubscriptions(StravaClientSettings settings) {
        this.settings = settings;
    }

    public Outcome create(URI callbackUrl, String verifyToken) {
        HttpRequest request = StravaTokens.form(
                settings.api("/push_subscriptions"),
                Map.of(
                        "client_id", settings.clientId(),
                        "client_secret", settings.clientSecret(),
                        "callback_url", callbackUrl.toString(),
                        "verify_token", verifyToken));
        return send(
                request,
                body -> "subscription " + json.readTree(body).path("id").asText() + " created for " + callbackUrl);
    }

    public Outcome delete(long id) {
        HttpRequest request = HttpRequest.newBuilder(settings.api("/push_subscriptions/" + id + "?" + credentials()))
                .timeout(Duration.ofSeconds(30))
                .DELETE()
                .build();
        return send(request, body -> "subscription " + id + " deleted");
    }

    public Outcome list() {
        HttpRequest request = HttpRequest.newBuilder(settings.api("/push_subscriptions?" + credentials()))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        return send(request, body -> {
            List<String> lines = new ArrayList<>();
            for (JsonNode node : json.readTree(body)) {
                lines.add(node.path("id").asText() + " "
                        + node.path("callback_url").asText());
            }
            return lines.isEmpty() ? "no subscription" : String.join("\n", lines);
        });
    }

    private interface Describe {
        String apply(String body) throws IOException;
    }

    private Outcome send(HttpRequest request, Describe describe) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                return new Outcome.Failed("Strava answered " + response.statusCode() + ": " + response.body());
            }
            return new Outcome.Done(describe.apply(response.body()));
        } catch (IOException e) {
            return new Outcome.Failed("Strava is unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Failed("interrupted");
        }
    }

    private String credentials() {
        return "client_id=" + URLEncoder.encode(settings.clientId(), StandardCharsets.UTF_8) + "&client_secret="
                + URLEncoder.encode(settings.clientSecret(), StandardCharsets.UTF_8);
    }
}
