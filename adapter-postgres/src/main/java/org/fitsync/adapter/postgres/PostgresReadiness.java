package org.fitsync.adapter.postgres;

import java.util.concurrent.atomic.AtomicBoolean;
import org.fitsync.ports.out.ReadinessPort;
import org.jdbi.v3.core.Jdbi;

/** Ready when the app role can query the database and no migration is pending. */
public final class PostgresReadiness implements ReadinessPort {

    private final Jdbi jdbi;
    private final Migrations migrations;
    // Applied migrations are never un-applied, so once up to date the Flyway check is not repeated.
    private final AtomicBoolean migrated = new AtomicBoolean();

    public PostgresReadiness(Jdbi jdbi, Migrations migrations) {
        this.jdbi = jdbi;
        this.migrations = migrations;
    }

    @Override
    public Readiness check() {
        try {
            jdbi.useHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
        } catch (RuntimeException e) {
            return new Readiness(
                    false,
                    migrated.get(),
                    "database unreachable: " + e.getClass().getSimpleName());
        }
        if (!migrated.get()) {
            try {
                int pending = migrations.pending();
                if (pending > 0) {
                    return new Readiness(true, false, pending + " migrations pending");
                }
                migrated.set(true);
            } catch (RuntimeException e) {
                return new Readiness(
                        true, false, "migration state unknown: " + e.getClass().getSimpleName());
            }
        }
        return new Readiness(true, true, "ok");
    }
}
