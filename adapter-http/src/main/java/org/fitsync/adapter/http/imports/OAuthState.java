package org.fitsync.adapter.http.imports;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.fitsync.adapter.http.auth.HmacSha256;
import org.fitsync.domain.UserId;

/**
 * The OAuth {@code state}: names the user the callback is for (it arrives without a bearer token),
 * expires, and is signed with HMAC-SHA256 so nobody can connect their Strava to someone else.
 */
public final class OAuthState {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final HmacSha256 mac;
    private final Clock clock;
    private final Duration ttl;

    public OAuthState(byte[] key, Clock clock, Duration ttl) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the state key needs at least 256 bits");
        }
        this.mac = new HmacSha256(key);
        this.clock = clock;
        this.ttl = ttl;
    }

    public String issue(UserId user) {
        String payload = ENCODER.encodeToString(user.value().getBytes(StandardCharsets.UTF_8)) + "."
                + clock.instant().plus(ttl).getEpochSecond();
        return payload + "." + ENCODER.encodeToString(mac(payload));
    }

    /** The user named by a valid, unexpired state. */
    public Optional<UserId> verify(String state) {
        if (state == null || state.length() > 1024) {
            return Optional.empty();
        }
        int last = state.lastIndexOf('.');
        if (last < 0) {
            return Optional.empty();
        }
        String payload = state.substring(0, last);
        try {
            byte[] signature = DECODER.decode(state.substring(last + 1));
            if (!MessageDigest.isEqual(signature, mac(payload))) {
                return Optional.empty();
            }
            String[] parts = payload.split("\\.", -1);
            if (parts.length != 2 || Long.parseLong(parts[1]) < clock.instant().getEpochSecond()) {
                return Optional.empty();
            }
            String user = new String(DECODER.decode(parts[0]), StandardCharsets.UTF_8);
            return UserId.isValid(user) ? Optional.of(new UserId(user)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String payload) {
        return mac.sign(("fitsync-strava-state:" + payload).getBytes(StandardCharsets.UTF_8));
    }
}
