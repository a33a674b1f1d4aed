package org.fitsync.domain.coach;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.fitsync.domain.UserId;

/** A freshly issued code, the only moment its clear text exists. */
public record IssuedPairingCode(UserId client, PairingCode code, Instant expiresAt) {

    public static final Duration LIFETIME = Duration.ofMinutes(15);

    public IssuedPairingCode {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
