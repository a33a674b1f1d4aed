package org.fitsync.app.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.fitsync.adapter.http.auth.SignInLinkIssuer;
import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/auth/link} against PostgreSQL: a link signs in once, for its user and roles, with a
 * token the rest of the API takes; a forged, expired, used or misplaced credential is a {@code 401} that
 * never repeats it; a node that verifies tokens with a JWKS has no such route.
 */
class SignInLinkHttpTest {

    private static final String PATH = "/api/v1/auth/link";

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("FITSYNC_RATE_LIMIT_SIGN_IN_LINKS_PER_MINUTE", "0"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static TestServer.Response exchange(String link) {
        return server.post(PATH, null, Map.of("link", link));
    }

    @Test
    void aLinkSignsInOnceWithATokenTheApiTakes() throws SQLException {
        String link = server.signInLink("link-alice", "coach");

        TestServer.Response first = exchange(link);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.header("Cache-Control")).isEqualTo("no-store");
        JsonNode body = first.json();
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong())
                .isEqualTo(Duration.ofHours(12).toSeconds());
        assertThat(body.path("user_id").asText()).isEqualTo("link-alice");
        assertThat(body.path("roles")).hasSize(1);
        assertThat(body.path("roles").get(0).asText()).isEqualTo("coach");
        String token = body.path("access_token").asText();
        assertThat(token).isNotBlank().isNotEqualTo(link);

        TestServer.Response runs = server.get("/api/v1/runs", token);
        assertThat(runs.status()).as(runs.toString()).isEqualTo(200);
        TestServer.Response coachClients = server.get("/api/v1/coach/clients", token);
        assertThat(coachClients.status()).as(coachClients.toString()).isEqualTo(200);
        assertThat(usedLinks("link-alice")).isEqualTo(1);

        TestServer.Response second = exchange(link);
        assertRefused(second, link, "already used");
        assertThat(usedLinks("link-alice")).isEqualTo(1);
    }

    @Test
    void aLinkWithoutRolesGrantsNone() {
        TestServer.Response response = exchange(server.signInLink("link-bob"));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("roles")).isEmpty();
        String token = response.json().path("access_token").asText();
        assertThat(server.get("/api/v1/coach/clients", token).status()).isEqualTo(403);
    }

    @Test
    void aTamperedLinkIsRefused() {
        String link = server.signInLink("link-carol");
        String[] parts = link.split("\\.", -1);
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8);
        String forged = parts[0] + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(claims.replace("link-carol", "link-alice")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "." + parts[2];
        assertRefused(exchange(forged), forged, "signature");
        assertRefused(exchange(link.substring(0, link.length() - 2)), link, "signature");
        assertRefused(exchange("not-a-link"), "not-a-link", "malformed");
    }

    @Test
    void anExpiredLinkIsRefused() {
        // Issued 20 minutes ago for 15: past its expiry and the node's 60 s of clock skew.
        SignInLinkIssuer earlier = new SignInLinkIssuer(
                TestServer.JWT_SECRET,
                Clock.fixed(Instant.now().minus(Duration.ofMinutes(20)), java.time.ZoneOffset.UTC));
        String link = earlier.issue("link-dave", List.of(), Duration.ofMinutes(15));
        assertRefused(exchange(link), link, "expired");
    }

    @Test
    void anAccessTokenIsNotALinkNorALinkAnAccessToken() {
        String token = server.token("link-erin");
        assertRefused(exchange(token), token, "not a sign-in link");

        String link = server.signInLink("link-erin");
        TestServer.Response asBearer = server.get("/api/v1/runs", link);
        assertThat(asBearer.status()).isEqualTo(401);
        assertThat(asBearer.json().path("type").asText()).endsWith("/unauthorized");
        // The link was not spent by that attempt.
        assertThat(exchange(link).status()).isEqualTo(200);
    }

    @Test
    void aBodyWithoutALinkIsABadRequest() {
        for (Object body : List.of("not json", "[]", "\"text\"", "{}", Map.of("link", 42), Map.of("token", "x"))) {
            TestServer.Response response = server.post(PATH, null, body);
            assertThat(response.status()).as("%s: %s", body, response).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
    }

    @Test
    void theOpenApiDocumentDescribesTheExchange() {
        JsonNode document = server.get("/openapi.json", null).json();
        JsonNode post = document.path("paths").path(PATH).path("post");
        assertThat(post.path("security")).isEmpty();
        assertThat(post.path("responses").has("401")).isTrue();
        assertThat(document.path("components").path("schemas").has("SignInLinkExchange"))
                .isTrue();
    }

    @Test
    void attemptsAreLimitedPerClientAddress() {
        try (TestServer limited = TestServer.start(Map.of("FITSYNC_RATE_LIMIT_SIGN_IN_LINKS_PER_MINUTE", "2"))) {
            for (int i = 0; i < 2; i++) {
                assertThat(limited.post(PATH, null, Map.of("link", "x")).status())
                        .isEqualTo(401);
            }
            TestServer.Response refused = limited.post(PATH, null, Map.of("link", limited.signInLink("link-frank")));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
            assertThat(refused.header("Retry-After")).isNotBlank();
        }
    }

    @Test
    void aNodeThatVerifiesTokensWithAJwksHasNoSuchRoute() {
        try (TestServer jwks = TestServer.start(Map.of("FITSYNC_JWKS_URL", "http://127.0.0.1:9/jwks.json"))) {
            TestServer.Response response = jwks.post(PATH, null, Map.of("link", jwks.signInLink("link-grace")));
            assertThat(response.status()).as(response.toString()).isEqualTo(404);
        }
    }

    private static void assertRefused(TestServer.Response response, String credential, String detail) {
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("type").asText()).isEqualTo("https://fitsync.dev/problems/sign-in-link-invalid");
        assertThat(problem.path("detail").asText()).contains(detail);
        assertThat(response.body()).doesNotContain(credential);
        for (String part : credential.split("\\.", -1)) {
            if (part.length() > 8) {
                assertThat(response.body()).doesNotContain(part);
            }
        }
    }

    private static int usedLinks(String user) throws SQLException {
        try (Connection owner = server.ownerDataSource().getConnection();
                PreparedStatement count =
                        owner.prepareStatement("SELECT count(*) FROM app_sign_in_links WHERE user_id = ?")) {
            count.setString(1, user);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
