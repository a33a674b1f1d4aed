package org.fitsync.ports.in.imports;

import java.util.Optional;
import java.util.Set;
import org.fitsync.domain.UserId;

/** Whether the user is connected to Strava, and as which athlete. */
public interface ConnectionStatusQuery {

    Optional<Status> status(UserId user);

    record Status(long athleteId, Set<String> scopes) {}
}
