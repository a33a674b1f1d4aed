package org.fitsync.adapter.weather;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Open-Meteo client against a local HTTP server answering the archive API's shape. */
class OpenMeteoWeatherTest {

    private static final String ARCHIVE = """
            {"latitude":52.52,"longitude":13.41,"generationtime_ms":0.2,"utc_offset_seconds":0,"timezone":"GMT",
             "hourly_units":{"time":"iso8601","temperature_2m":"°C"},
             "hourly":{"time":["2026-11-20T06:00","2026-11-20T07:00","2026-11-20T08:00"],
                       "temperature_2m":[3.1,4.2,5.0],"relative_humidity_2m":[90,88,80],
                       "precipitation":[0.0,0.3,0.0],"wind_speed_10m":[10.5,12.0,9.1],"weather_code":[3,61,3]}}""";

    private HttpServer server;
    private final AtomicReference<String> lastQuery = new AtomicReference<>();
    private volatile int status = 200;
    private volatile String body = ARCHIVE;
    private volatile long delayMs;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/v1/archive", exchange -> {
            lastQuery.set(exchange.getRequestURI().getQuery());
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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

    /** A lookup with a timeout well above a cold first request on a busy machine. */
    private OpenMeteoWeather weather() {
        return weather(Duration.ofSeconds(10));
    }

    private OpenMeteoWeather weather(Duration timeout) {
        return new OpenMeteoWeather(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), timeout);
    }

    @Test
    void theStartHourAtTheStartPoint() throws IOException {
        Optional<String> found = weather().weatherAt(52.52001, 13.40495, Instant.parse("2026-11-20T07:42:10Z"));
        assertThat(found).isPresent();
        JsonNode node = json.readTree(found.get());
        assertThat(node.path("temperature_c").asDouble()).isEqualTo(4.2);
        assertThat(node.path("precipitation_mm").asDouble()).isEqualTo(0.3);
        assertThat(node.path("weather_code").asInt()).isEqualTo(61);
        assertThat(node.path("observed_at").asText()).isEqualTo("2026-11-20T07:00:00Z");
        assertThat(lastQuery.get())
                .contains(
                        "latitude=52.5200",
                        "longitude=13.4050",
                        "start_date=2026-11-20",
                        "end_date=2026-11-20",
                        "timezone=GMT");
    }

    @Test
    void anyFailureIsNoWeather() {
        Instant at = Instant.parse("2026-11-20T07:42:10Z");
        status = 500;
        assertThat(weather().weatherAt(52.5, 13.4, at)).isEmpty();
        status = 200;
        body = "not json";
        assertThat(weather().weatherAt(52.5, 13.4, at)).isEmpty();
        body = ARCHIVE;
        assertThat(weather().weatherAt(52.5, 13.4, Instant.parse("2026-11-20T23:10:00Z")))
                .as("hour not in answer")
                .isEmpty();
        delayMs = 1500;
        assertThat(weather(Duration.ofMillis(500)).weatherAt(52.5, 13.4, at))
                .as("timeout")
                .isEmpty();
        server.stop(0);
        assertThat(weather().weatherAt(52.5, 13.4, at)).as("server down").isEmpty();
    }

    @Test
    void anAnswerBeyondTheAdaptersJsonLimitsIsNoWeather() {
        Instant at = Instant.parse("2026-11-20T07:42:10Z");
        body = ARCHIVE.replaceFirst("\\{", "{\"timezone\":\"UTC\",");
        assertThat(weather().weatherAt(52.5, 13.4, at)).as("a key given twice").isEmpty();
        body = ARCHIVE.replaceFirst("\\{", "{\"extra\":" + "[".repeat(100) + "]".repeat(100) + ",");
        assertThat(weather().weatherAt(52.5, 13.4, at))
                .as("nested deeper than any archive answer")
                .isEmpty();
        body = ARCHIVE.replaceFirst("\\{", "{\"extra\":" + "[".repeat(10) + "]".repeat(10) + ",");
        assertThat(weather().weatherAt(52.5, 13.4, at))
                .as("nested within the limit")
                .isPresent();
    }
}
