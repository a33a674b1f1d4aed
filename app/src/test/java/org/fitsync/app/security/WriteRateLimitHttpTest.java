package org.fitsync.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Per-user write rate limiting end to end, with a small configured limit. */
class WriteRateLimitHttpTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of(
                "FITSYNC_RATE_LIMIT_WRITES_PER_MINUTE", "2",
                "FITSYNC_RATE_LIMIT_WRITES_BURST", "3"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static TestServer.Response manualEntry(String token) {
        return server.put("/api/v1/entries/2026-11-20", token, Map.of("steps", 1000));
    }

    @Test
    void writesBeyondTheBurstGet429WithRetryAfterAndChangeNothing() throws Exception {
        String token = server.token("rate-alice");
        for (int i = 0; i < 3; i++) {
            assertThat(manualEntry(token).status()).isBetween(200, 299);
        }
        long version = syncVersion("rate-alice");
        TestServer.Response limited = server.put("/api/v1/entries/2026-11-21", token, Map.of("steps", 5));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Content-Type")).startsWith("application/problem+json");
        assertThat(limited.json().path("status").asInt()).isEqualTo(429);
        // 2 per minute: the next token is at most 30 s away.
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 30L);
        assertThat(syncVersion("rate-alice")).isEqualTo(version);
        assertThat(server.get("/api/v1/entries?from=2026-11-21&to=2026-11-22", token)
                        .json()
                        .path("items"))
                .isEmpty();
    }

    @Test
    void readsAreNotLimited() {
        String token = server.token("rate-reader");
        for (int i = 0; i < 3; i++) {
            manualEntry(token);
        }
        for (int i = 0; i < 10; i++) {
            assertThat(server.get("/api/v1/entries?from=2026-11-01&to=2026-11-30", token)
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void eachUserHasOwnAllowance() {
        String bob = server.token("rate-bob");
        for (int i = 0; i < 4; i++) {
            manualEntry(bob);
        }
        assertThat(manualEntry(bob).status()).isEqualTo(429);
        assertThat(manualEntry(server.token("rate-carol")).status()).isBetween(200, 299);
    }

    @Test
    void unauthenticatedWritesAre401NotCounted() {
        for (int i = 0; i < 5; i++) {
            assertThat(manualEntry(null).status()).isEqualTo(401);
        }
    }

    private static long syncVersion(String user) throws Exception {
        try (var connection = server.ownerDataSource().getConnection();
                var statement = connection.prepareStatement(
                        "SELECT coalesce(max(version), 0) FROM sync_state WHERE user_id = ?")) {
            statement.setString(1, user);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
