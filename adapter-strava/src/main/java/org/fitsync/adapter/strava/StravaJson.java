package org.fitsync.adapter.strava;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.fitsync.domain.imports.ProviderActivity;
import org.fitsync.domain.run.TrackPoint;

/** Reads Strava's JSON shapes into domain values; anything malformed is an empty result, not an exception. */
final class StravaJson {

    private final ObjectMapper json;

    StravaJson(ObjectMapper json) {
        this.json = json;
    }

    ObjectMapper mapper() {
        return json;
    }

    Optional<List<ProviderActivity>> activities(String body) {
        Optional<JsonNode> root = tree(body);
        if (root.isEmpty() || !root.get().isArray()) {
            return Optional.empty();
        }
        List<ProviderActivity> activities = new ArrayList<>();
        for (JsonNode node : root.get()) {
            Optional<ProviderActivity> activity = activity(node);
            if (activity.isEmpty()) {
                return Optional.empty();
            }
            activities.add(activity.get());
        }
        return Optional.of(activities);
    }

    Optional<ProviderActivity> activity(String body) {
        return tree(body).flatMap(this::activity);
    }

    private Optional<ProviderActivity> activity(JsonNode node) {
        if (!node.path("id").canConvertToLong() || !node.path("start_date").isTextual()) {
            return Optional.empty();
        }
        try {
            // start_date is UTC; start_date_local is the athlete's wall clock dressed up with a Z.
            Instant start = Instant.parse(node.path("start_date").asText());
            String sport = node.path("sport_type").asText(node.path("type").asText("Unknown"));
            JsonNode latlng = node.path("start_latlng");
            Optional<ProviderActivity.LatLon> startPoint = latlng.isArray() && latlng.size() == 2
                    ? Optional.of(new ProviderActivity.LatLon(
                            latlng.get(0).asDouble(), latlng.get(1).asDouble()))
                    : Optional.empty();
            return Optional.of(new ProviderActivity(
                    node.path("id").asText(),
                    node.path("name").asText(""),
                    sport,
                    start,
                    node.path("elapsed_time").asLong(0),
                    node.path("moving_time").asLong(0),
                    node.path("distance").asDouble(0),
                    startPoint));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The streams of {@code key_by_type=true}; a track needs both {@code latlng} and {@code time}. */
    Optional<List<TrackPoint>> track(String body, Instant start) {
        Optional<JsonNode> root = tree(body);
        if (root.isEmpty() || !root.get().isObject()) {
            return Optional.empty();
        }
        JsonNode latlng = root.get().path("latlng").path("data");
        JsonNode time = root.get().path("time").path("data");
        JsonNode altitude = root.get().path("altitude").path("data");
        if (!latlng.isArray() || !time.isArray() || latlng.size() != time.size()) {
            return Optional.of(List.of());
        }
        List<TrackPoint> points = new ArrayList<>(latlng.size());
        long startMs = start.toEpochMilli();
        for (int i = 0; i < latlng.size(); i++) {
            JsonNode pair = latlng.get(i);
            double lat = pair.path(0).asDouble(Double.NaN);
            double lon = pair.path(1).asDouble(Double.NaN);
            if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
                continue;
            }
            JsonNode ele = altitude.isArray() && i < altitude.size() ? altitude.get(i) : null;
            OptionalDouble elevation =
                    ele != null && ele.isNumber() ? OptionalDouble.of(ele.asDouble()) : OptionalDouble.empty();
            points.add(new TrackPoint(startMs + time.get(i).asLong() * 1000, lat, lon, elevation));
        }
        return Optional.of(points);
    }

    private Optional<JsonNode> tree(String body) {
        try {
            return Optional.ofNullable(json.readTree(body));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
