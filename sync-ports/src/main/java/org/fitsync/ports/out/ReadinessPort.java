package org.fitsync.ports.out;

/** Tells whether the storage this node depends on can serve requests. */
public interface ReadinessPort {

    Readiness check();

    record Readiness(boolean databaseReachable, boolean migrationsApplied, String detail) {
        public boolean ready() {
            return databaseReachable && migrationsApplied;
        }
    }
}
