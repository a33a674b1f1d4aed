package org.fitsync.ports.in.imports;

import java.util.Optional;
import java.util.Set;

/** Whether the user is connected to Strava, and as which athlete. */
public interface ViewConnectionUseCase {

    Optional<Status> status(ViewConnectionQuery query);

    record Status(long athleteId, Set<String> scopes) {}
}
