package org.fitsync.app.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Open-Meteo's historical archive, locally: for any point and day it answers the 24 hourly values
 * of that day, the temperature being the hour of day (so a test can tell which hour was taken).
 */
public final class FakeOpenMeteo implements AutoCloseable {

    private static final Pattern DAY = Pattern.compile("start_date=(\\d{4}-\\d{2}-\\d{2})");

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    private FakeOpenMeteo(HttpServer server) {
        this.server = server;
    }

    public static FakeOpenMeteo start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            FakeOpenMeteo fake = new FakeOpenMeteo(server);
            server.createContext("/v1/archive", exchange -> {
                fake.requests.incrementAndGet();
                Matcher day = DAY.matcher(exchange.getRequestURI().getQuery());
                if (!day.find()) {
                    exchange.sendResponseHeaders(400, -1);
                    exchange.close();
                    return;
                }
                StringBuilder times = new StringBuilder();
                StringBuilder temperatures = new StringBuilder();
                for (int h = 0; h < 24; h++) {
                    String sep = h == 0 ? "" : ",";
                    times.append(sep)
                            .append('"')
                            .append(day.group(1))
                            .append(String.format("T%02d:00", h))
                            .append('"');
                    temperatures.append(sep).append(h);
                }
                byte[] body = ("{\"timezone\":\"GMT\",\"hourly\":{\"time\":[" + times + "],\"temperature_2m\":["
                                + temperatures + "],\"relative_humidity_2m\":[" + temperatures + "],\"precipitation\":["
                                + temperatures + "],\"wind_speed_10m\":[" + temperatures + "],\"weather_code\":["
                                + temperatures + "]}}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
