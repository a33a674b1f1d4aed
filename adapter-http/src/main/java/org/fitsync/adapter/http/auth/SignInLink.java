package org.fitsync.adapter.http.auth;

import java.time.Instant;
import java.util.Set;
import org.fitsync.domain.UserId;

/**
 * A verified sign-in link: who it signs in, with which roles, its unique id ({@code jti}) and until when
 * it is admitted ({@code exp} plus the clock skew allowed).
 */
public record SignInLink(UserId user, Set<String> roles, String linkId, Instant admittedUntil) {

    public SignInLink {
        roles = Set.copyOf(roles);
    }
}
