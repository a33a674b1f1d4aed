package org.fitsync.adapter.http.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.fitsync.domain.UserId;
import org.junit.jupiter.api.Test;

class OAuthStateTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    private static OAuthState at(Instant now) {
        return new OAuthState(KEY, Clock.fixed(now, ZoneOffset.UTC), Duration.ofMinutes(15));
    }

    @Test
    void namesTheUserUntilItExpires() {
        String state = at(NOW).issue(new UserId("alice@example.com"));
        assertThat(at(NOW.plusSeconds(899)).verify(state)).contains(new UserId("alice@example.com"));
        assertThat(at(NOW.plusSeconds(901)).verify(state)).isEmpty();
    }

    @Test
    void aTamperedOrForeignStateIsRejected() {
        String state = at(NOW).issue(new UserId("alice"));
        String bobPart = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("bob".getBytes(StandardCharsets.UTF_8));
        String forged = bobPart + state.substring(state.indexOf('.'));
        assertThat(at(NOW).verify(forged)).isEmpty();
        byte[] otherKey = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8);
        assertThat(new OAuthState(otherKey, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(15)).verify(state))
                .isEmpty();
        assertThat(at(NOW).verify(null)).isEmpty();
        assertThat(at(NOW).verify("")).isEmpty();
        assertThat(at(NOW).verify("a.b.c")).isEmpty();
        assertThat(at(NOW).verify("%%%.1.@@@")).isEmpty();
    }
}
