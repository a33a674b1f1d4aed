package org.fitsync.adapter.geocoding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.fitsync.domain.run.Place;
import org.fitsync.ports.out.place.LookupPlacePort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reverse geocoding against a Nominatim-compatible server ({@code /reverse?format=jsonv2}): the city,
 * region and country at a run's start. Following Nominatim's usage policy, requests from the node are
 * at least a second apart, carry an identifying User-Agent, and answers are cached, here by the point
 * rounded to 0.01° (about a kilometre, well inside a city), so a runner's usual routes cost one request.
 * Any failure is an empty answer and is not cached, so it is asked again later.
 */
public final class NominatimPlaces implements LookupPlacePort {

    public static final URI DEFAULT_BASE_URL = URI.create("https://nominatim.openstreetmap.org");
    private static final Logger LOG = LoggerFactory.getLogger(NominatimPlaces.class);
    private static final String USER_AGENT = "FitSync/0.1 (self-hosted fitness sync server)";
    private static final List<String> CITY_KEYS = List.of("city", "town", "village", "municipality", "hamlet");
    private static final List<String> REGION_KEYS = List.of("state", "province", "region", "state_district", "county");

    /** Where to ask, how long to wait for an answer, how far apart requests are, how many places are kept. */
    public record Settings(URI baseUrl, Duration timeout, Duration spacing, int cacheSize) {
        public Settings {
            if (cacheSize < 1 || timeout.isNegative() || spacing.isNegative()) {
                throw new IllegalArgumentException("invalid geocoder settings");
            }
        }

        public static Settings of(URI baseUrl) {
            return new Settings(baseUrl, Duration.ofSeconds(5), Duration.ofSeconds(1), 10_000);
        }
    }

    private final URI baseUrl;
    private final Duration timeout;
    private final HttpClient client;
    private final RequestSpacing spacing;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Optional<Place>> cache;

    public NominatimPlaces(Settings settings) {
        this(settings, RequestSpacing.of(settings.spacing()));
    }

    NominatimPlaces(Settings settings, RequestSpacing spacing) {
        String root = settings.baseUrl().toString();
        this.baseUrl = URI.create(root.endsWith("/") ? root.substring(0, root.length() - 1) : root);
        this.timeout = settings.timeout();
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.spacing = spacing;
        int size = settings.cacheSize();
        this.cache = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Optional<Place>> eldest) {
                return size() > size;
            }
        };
    }

    @Override
    public Optional<Place> placeAt(double lat, double lon) {
        if (!Double.isFinite(lat) || !Double.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
            return Optional.empty();
        }
        String key = rounded(lat) + "," + rounded(lon);
        synchronized (cache) {
            Optional<Place> known = cache.get(key);
            if (known != null) {
                return known;
            }
        }
        Optional<Optional<Place>> answer = ask(rounded(lat), rounded(lon));
        answer.ifPresent(place -> {
            synchronized (cache) {
                cache.put(key, place);
            }
        });
        return answer.orElse(Optional.empty());
    }

    /** The place (possibly none: the sea) when the server answered; empty when it could not be asked. */
    private Optional<Optional<Place>> ask(String lat, String lon) {
        URI uri = URI.create(baseUrl + "/reverse?format=jsonv2&zoom=10&addressdetails=1&lat=" + lat + "&lon=" + lon);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("User-Agent", USER_AGENT)
                .header("Accept-Language", "en")
                .GET()
                .build();
        try {
            spacing.awaitTurn();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                LOG.debug("The geocoder answered {}", response.statusCode());
                return Optional.empty();
            }
            return Optional.of(placeIn(json.readTree(response.body())));
        } catch (IOException | RuntimeException e) {
            LOG.debug("Reverse geocoding failed: {}", e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<Place> placeIn(JsonNode root) {
        JsonNode address = root.path("address");
        Optional<String> city = first(address, CITY_KEYS);
        Optional<String> region = first(address, REGION_KEYS);
        Optional<String> country = first(address, List.of("country"));
        if (city.isEmpty() && region.isEmpty() && country.isEmpty()) {
            return Optional.empty(); // "Unable to geocode" (open sea) answers without an address
        }
        return Optional.of(new Place(city, region, country));
    }

    private static Optional<String> first(JsonNode address, List<String> keys) {
        for (String key : keys) {
            JsonNode value = address.path(key);
            if (value.isTextual() && !value.asText().isBlank()) {
                return Optional.of(value.asText());
            }
        }
        return Optional.empty();
    }

    private static String rounded(double degrees) {
        return String.format(Locale.ROOT, "%.2f", degrees);
    }
}
