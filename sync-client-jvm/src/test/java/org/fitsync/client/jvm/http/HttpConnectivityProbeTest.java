package org.fitsync.client.jvm.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.Test;

class HttpConnectivityProbeTest {

    @Test
    void aRunningNodeIsReachable() {
        try (TestServer server = TestServer.start()) {
            assertThat(new HttpConnectivityProbe(server.uri("/")).reachable()).isTrue();
        }
    }

    @Test
    void nothingListeningIsNotReachable() throws IOException {
        assertThat(new HttpConnectivityProbe(Wire.nothingListening(), Duration.ofSeconds(1)).reachable())
                .isFalse();
    }

    @Test
    void aServerThatAnswersWithAnErrorIsNotReachable() {
        try (StubServer stub = StubServer.start()) {
            stub.on("/health/live", x -> StubServer.respond(x, 503, "application/json", "{\"status\": \"DOWN\"}"));

            assertThat(new HttpConnectivityProbe(stub.uri()).reachable()).isFalse();
            assertThat(stub.received()).extracting(StubServer.Received::path).containsExactly("/health/live");
        }
    }
}
