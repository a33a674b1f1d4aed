package org.fitsync.ports.archviolation;

import org.fitsync.adapter.postgres.PostgresDatabase;
import org.jdbi.v3.core.Handle;

/** A deliberate violation, for ArchitectureTest: an out-port that leaks adapter and Jdbi types inward. */
public interface PortLeakingJdbi {

    Handle handle();

    PostgresDatabase database();
}
