package org.fitsync.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.fitsync.adapter.http.auth.TokenIssuer;
import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * JWT edge cases through the whole application (the adapter's HttpServerTest covers the verifier):
 * each is a {@code 401} problem on a real write, and nothing is written.
 */
class JwtEndToEndTest {

    private static final String WRITE = "/api/v1/entries/2026-11-20";

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertRejected(String token) {
        DatabaseFingerprint before = DatabaseFingerprint.of(server.ownerDataSource());
        TestServer.Response write = server.put(WRITE, token, Map.of("steps", 1));
        assertThat(write.status()).as("%s", write).isEqualTo(401);
        assertThat(write.header("Content-Type")).startsWith("application/problem+json");
        assertThat(write.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(server.get("/api/v1/entries", token).status()).isEqualTo(401);
        assertThat(DatabaseFingerprint.of(server.ownerDataSource())).isEqualTo(before);
    }

    private static String signed(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(TestServer.JWT_SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static Date inFiveMinutes() {
        return Date.from(Instant.now().plusSeconds(300));
    }

    @Test
    void aValidTokenWrites() {
        assertThat(server.put(WRITE, server.token("jwt-alice"), Map.of("steps", 1))
                        .status())
                .isBetween(200, 299);
    }

    @Test
    void algNone() {
        assertRejected(new PlainJWT(new JWTClaimsSet.Builder()
                        .subject("jwt-alice")
                        .expirationTime(inFiveMinutes())
                        .build())
                .serialize());
    }

    @Test
    void wrongKey() {
        assertRejected(new TokenIssuer("another-secret-that-is-long-enough-0000000", Clock.systemUTC())
                .issue("jwt-alice", List.of(), Duration.ofMinutes(5)));
    }

    @Test
    void expired() {
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        assertRejected(
                new TokenIssuer(TestServer.JWT_SECRET, past).issue("jwt-alice", List.of(), Duration.ofMinutes(5)));
    }

    @Test
    void missingSub() throws Exception {
        assertRejected(signed(
                new JWTClaimsSet.Builder().expirationTime(inFiveMinutes()).build()));
    }

    @Test
    void missingExp() throws Exception {
        assertRejected(signed(new JWTClaimsSet.Builder().subject("jwt-alice").build()));
    }

    @Test
    void subOfTenThousandChars() {
        assertRejected(server.token("x".repeat(10_000)));
    }

    @Test
    void tokenInQueryStringDoesNotAuthenticate() {
        String token = server.token("jwt-alice");
        TestServer.Response response = server.put(WRITE + "?access_token=" + token, null, Map.of("steps", 2));
        assertThat(response.status()).isEqualTo(401);
        assertThat(server.get("/api/v1/entries?access_token=" + token, null).status())
                .isEqualTo(401);
    }

    @Test
    void garbage() {
        assertRejected("not.a.jwt");
        assertRejected("%%%");
        assertRejected("");
    }
}
