package org.fitsync.adapter.http.auth;

import java.util.Set;
import org.fitsync.domain.UserId;

/** The authenticated user of a request and the roles their token grants. */
public record Caller(UserId user, Set<String> roles) {

    public static final String COACH = "coach";

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
