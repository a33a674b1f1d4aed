package org.fitsync.client.jvm.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import org.fitsync.client.schedule.ConnectivityProbe;

/**
 * Asks the server's liveness endpoint ({@code GET /health/live}, unauthenticated, docs/api.md
 * "Operations") whether it can be reached: any 2xx within the timeout is yes. It proves the network
 * path to this server works, which a host's "network available" callback cannot.
 */
public final class HttpConnectivityProbe implements ConnectivityProbe {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    private static final String LIVENESS = "/health/live";

    private final URI liveness;
    private final Duration timeout;
    private final HttpClient client;

    public HttpConnectivityProbe(URI server) {
        this(server, DEFAULT_TIMEOUT);
    }

    public HttpConnectivityProbe(URI server, Duration timeout) {
        ServerAddress address = new ServerAddress(server);
        this.liveness = address.resolve(LIVENESS);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public boolean reachable() {
        HttpRequest request =
                HttpRequest.newBuilder(liveness).timeout(timeout).GET().build();
        try {
            int status =
                    client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status <= 299;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
