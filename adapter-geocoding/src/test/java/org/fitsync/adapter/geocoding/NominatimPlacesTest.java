package org.fitsync.adapter.geocoding;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.fitsync.domain.run.Place;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The geocoder against a local server answering Nominatim's {@code /reverse?format=jsonv2} shape. */
class NominatimPlacesTest {

    private static final String BERLIN = """
            {"place_id":1,"licence":"Data © OpenStreetMap contributors, ODbL 1.0.","osm_type":"relation",
             "lat":"52.5170365","lon":"13.3888599","category":"boundary","type":"administrative",
             "address":{"suburb":"Mitte","city":"Berlin","ISO3166-2-lvl4":"DE-BE","postcode":"10117",
                        "country":"Germany","country_code":"de"}}""";
    private static final String VILLAGE = """
            {"address":{"village":"Hinterzarten","county":"Landkreis Breisgau-Hochschwarzwald",
                        "state":"Baden-Württemberg","country":"Germany","country_code":"de"}}""";
    private static final String SEA = """
            {"error":"Unable to geocode"}""";

    private HttpServer server;
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final List<String> userAgents = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String body = BERLIN;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/reverse", exchange -> {
            queries.add(exchange.getRequestURI().getQuery());
            userAgents.add(exchange.getRequestHeaders().getFirst("User-Agent"));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Requests spaced by a clock the test owns: each wait moves it, and is recorded. */
    private static final class FakeTime {
        long now = 1_000_000_000L;
        final List<Long> waits = new CopyOnWriteArrayList<>();

        RequestSpacing spacing(Duration interval) {
            return new RequestSpacing(interval, () -> now, nanos -> {
                waits.add(nanos);
                now += nanos;
            });
        }
    }

    private final FakeTime time = new FakeTime();

    private NominatimPlaces places() {
        return new NominatimPlaces(
                new NominatimPlaces.Settings(baseUrl(), Duration.ofSeconds(10), Duration.ofSeconds(1), 100),
                time.spacing(Duration.ofSeconds(1)));
    }

    @Test
    void theCityRegionAndCountryAtAPoint() {
        body = VILLAGE;
        Optional<Place> place = places().placeAt(47.9031, 8.1099);

        assertThat(place)
                .contains(new Place(
                        Optional.of("Hinterzarten"), Optional.of("Baden-Württemberg"), Optional.of("Germany")));
        assertThat(queries.get(0))
                .contains("format=jsonv2")
                .contains("lat=47.90")
                .contains("lon=8.11");
        assertThat(userAgents.get(0)).startsWith("FitSync/");
    }

    @Test
    void aCityStateHasNoRegionOfItsOwn() {
        assertThat(places().placeAt(52.5170, 13.3889))
                .contains(new Place(Optional.of("Berlin"), Optional.empty(), Optional.of("Germany")));
    }

    @Test
    void pointsWithinTheSameRoundedCellAreAskedOnce() {
        NominatimPlaces places = places();
        places.placeAt(52.5170, 13.3889);
        places.placeAt(52.5201, 13.3912);
        places.placeAt(52.5170, 13.3889);

        assertThat(queries).hasSize(1);
    }

    @Test
    void requestsAreAtLeastASecondApart() {
        NominatimPlaces places = places();
        places.placeAt(52.51, 13.38);
        time.now += Duration.ofMillis(300).toNanos();
        places.placeAt(48.13, 11.57);
        places.placeAt(53.55, 9.99);

        assertThat(queries).hasSize(3);
        assertThat(time.waits)
                .containsExactly(
                        Duration.ofMillis(700).toNanos(), Duration.ofSeconds(1).toNanos());
    }

    @Test
    void theOpenSeaIsNoPlaceAndIsRemembered() {
        body = SEA;
        NominatimPlaces places = places();
        assertThat(places.placeAt(54.5, 3.0)).isEmpty();
        assertThat(places.placeAt(54.5, 3.0)).isEmpty();
        assertThat(queries).hasSize(1);
    }

    @Test
    void aFailingServerDegradesToNoPlaceAndIsAskedAgainLater() {
        status = 503;
        NominatimPlaces places = places();
        assertThat(places.placeAt(52.51, 13.38)).isEmpty();
        status = 200;
        assertThat(places.placeAt(52.51, 13.38))
                .map(p -> p.city().orElseThrow())
                .contains("Berlin");
        assertThat(queries).hasSize(2);
    }

    @Test
    void garbageAndAnUnreachableServerAreNoPlace() {
        body = "<html>not json";
        assertThat(places().placeAt(52.51, 13.38)).isEmpty();
        server.stop(0);
        assertThat(places().placeAt(52.52, 13.38)).isEmpty();
    }

    @Test
    void impossibleCoordinatesAreNotSent() {
        assertThat(places().placeAt(Double.NaN, 13.38)).isEmpty();
        assertThat(places().placeAt(91, 13.38)).isEmpty();
        assertThat(queries).isEmpty();
    }
}
