package org.fitsync.adapter.weather;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import org.fitsync.ports.out.imports.WeatherLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The weather at a run's start from Open-Meteo's historical archive (no API key): the hourly
 * values of the run's start hour at its start point, in UTC. Any failure (network, status,
 * shape, missing hour) is an empty result: weather never fails an import.
 */
public final class OpenMeteoWeather implements WeatherLookup {

    public static final URI DEFAULT_BASE_URL = URI.create("https://archive-api.open-meteo.com");
    private static final Logger LOG = LoggerFactory.getLogger(OpenMeteoWeather.class);
    private static final String HOURLY =
            "temperature_2m,relative_humidity_2m,precipitation,wind_speed_10m,weather_code";

    private final URI baseUrl;
    private final HttpClient client;
    private final ObjectMapper json = OpenMeteoJsonMapper.newMapper();
    private final Duration timeout;

    public OpenMeteoWeather(URI baseUrl, Duration timeout) {
        String root = baseUrl.toString();
        this.baseUrl = URI.create(root.endsWith("/") ? root.substring(0, root.length() - 1) : root);
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public Optional<String> weatherAt(double lat, double lon, Instant at) {
        Instant hour = at.truncatedTo(ChronoUnit.HOURS);
        LocalDate day = LocalDate.ofInstant(hour, ZoneOffset.UTC);
        URI uri = URI.create(baseUrl + "/v1/archive?latitude=" + coordinate(lat) + "&longitude=" + coordinate(lon)
                + "&start_date=" + day + "&end_date=" + day + "&hourly=" + HOURLY + "&timezone=GMT");
        try {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(uri).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                LOG.debug("Open-Meteo answered {}", response.statusCode());
                return Optional.empty();
            }
            return conditions(json.readTree(response.body()), hour);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Open-Meteo lookup failed: {}", e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private Optional<String> conditions(JsonNode root, Instant hour) throws IOException {
        JsonNode hourly = root.path("hourly");
        JsonNode times = hourly.path("time");
        // With timezone=GMT the archive names hours as local ISO times without an offset.
        String wanted = hour.toString().substring(0, 16);
        for (int i = 0; i < times.size(); i++) {
            if (wanted.equals(times.get(i).asText())) {
                ObjectNode weather = json.createObjectNode();
                weather.put("source", "open-meteo");
                weather.put("observed_at", hour.toString());
                number(weather, "temperature_c", hourly.path("temperature_2m").path(i));
                number(
                        weather,
                        "relative_humidity_pct",
                        hourly.path("relative_humidity_2m").path(i));
                number(weather, "precipitation_mm", hourly.path("precipitation").path(i));
                number(weather, "wind_speed_kmh", hourly.path("wind_speed_10m").path(i));
                number(weather, "weather_code", hourly.path("weather_code").path(i));
                return Optional.of(json.writeValueAsString(weather));
            }
        }
        return Optional.empty();
    }

    private static void number(ObjectNode target, String field, JsonNode value) {
        if (value.isNumber()) {
            target.put(field, value.decimalValue());
        } else {
            target.putNull(field);
        }
    }

    private static String coordinate(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
