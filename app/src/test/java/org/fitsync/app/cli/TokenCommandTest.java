package org.fitsync.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.fitsync.adapter.http.auth.SignInLink;
import org.fitsync.adapter.http.auth.SignInLinkVerifier;
import org.fitsync.adapter.http.auth.TokenVerifier;
import org.fitsync.app.config.Environment;
import org.fitsync.domain.UserId;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code token} prints a bearer token, or with {@code --link} a sign-in link into the web app. */
class TokenCommandTest {

    private static final String SECRET = "token-command-test-secret-0123456789-abcdef";
    private static final Instant NOW = Instant.parse("2026-11-20T07:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private record Printed(int status, String out, String err) {}

    private static Printed run(Map<String, String> extraEnv, String... args) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("FITSYNC_JWT_SECRET", SECRET);
        env.put("FITSYNC_DATA_DIR", Files.createTempDirectory("fitsync-token").toString());
        env.putAll(extraEnv);
        TokenCommand command = new TokenCommand();
        new CommandLine(command).parseArgs(args);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = command.run(
                new Environment(env),
                CLOCK,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Printed(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static SignInLink linkIn(String url, String base) {
        assertThat(url).startsWith(base + "/app/#link=");
        SignInLinkVerifier.Check check = new SignInLinkVerifier(SECRET, Duration.ZERO, CLOCK)
                .check(url.substring((base + "/app/#link=").length()));
        assertThat(check).isInstanceOf(SignInLinkVerifier.Check.Valid.class);
        return ((SignInLinkVerifier.Check.Valid) check).link();
    }

    @Test
    void aLinkPointsAtTheGivenBaseUrlAndLastsFifteenMinutes() throws Exception {
        Printed printed = run(
                Map.of("FITSYNC_PUBLIC_URL", "https://ignored.example"),
                "--user",
                "alice",
                "--role",
                "coach",
                "--link",
                "--base-url",
                "https://fitsync.example.com/");
        assertThat(printed.status()).as(printed.err()).isZero();
        assertThat(printed.out().lines()).hasSize(1);
        SignInLink link = linkIn(printed.out().strip(), "https://fitsync.example.com");
        assertThat(link.user()).isEqualTo(new UserId("alice"));
        assertThat(link.roles()).containsExactly("coach");
        assertThat(link.admittedUntil()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
    }

    @Test
    void aLinkPointsAtThePublicUrlElseTheLocalPort() throws Exception {
        Printed atPublic =
                run(Map.of("FITSYNC_PUBLIC_URL", "https://fitsync.example.org/sync"), "--user", "bob", "--link");
        assertThat(atPublic.status()).as(atPublic.err()).isZero();
        linkIn(atPublic.out().strip(), "https://fitsync.example.org/sync");

        Printed atPort = run(Map.of("FITSYNC_PORT", "8123"), "--user", "bob", "--link", "--ttl", "1h");
        assertThat(atPort.status()).as(atPort.err()).isZero();
        SignInLink link = linkIn(atPort.out().strip(), "http://localhost:8123");
        assertThat(link.admittedUntil()).isEqualTo(NOW.plus(Duration.ofHours(1)));

        Printed atDefault = run(Map.of(), "--user", "bob", "--link");
        assertThat(atDefault.status()).as(atDefault.err()).isZero();
        linkIn(atDefault.out().strip(), "http://localhost:7070");
    }

    @Test
    void withoutLinkItPrintsABearerToken() throws Exception {
        Printed printed = run(Map.of(), "--user", "carol");
        assertThat(printed.status()).as(printed.err()).isZero();
        String token = printed.out().strip();
        assertThat(TokenVerifier.hmac(SECRET, Duration.ZERO, CLOCK)
                        .verify(token)
                        .user())
                .isEqualTo(new UserId("carol"));
        assertThat(new SignInLinkVerifier(SECRET, Duration.ZERO, CLOCK).check(token))
                .isInstanceOf(SignInLinkVerifier.Check.Refused.class);
    }

    @Test
    void aNodeWithAJwksHasNoSecretToSignLinksWith() throws Exception {
        Printed printed = run(Map.of("FITSYNC_JWKS_URL", "https://idp.example/jwks.json"), "--user", "dave", "--link");
        assertThat(printed.status()).isEqualTo(2);
        assertThat(printed.out()).isEmpty();
        assertThat(printed.err()).contains("FITSYNC_JWKS_URL");
    }

    @Test
    void badLinkOptionsAreRefused() throws Exception {
        assertThat(run(Map.of(), "--user", "erin", "--link", "--ttl", "25h").status())
                .isEqualTo(2);
        assertThat(run(Map.of(), "--user", "erin", "--link", "--base-url", "ftp://files.example")
                        .status())
                .isEqualTo(2);
        assertThat(run(Map.of(), "--user", "erin", "--base-url", "https://fitsync.example.com")
                        .status())
                .isEqualTo(2);
    }
}
