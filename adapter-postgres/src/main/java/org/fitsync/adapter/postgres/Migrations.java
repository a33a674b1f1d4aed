package org.fitsync.adapter.postgres;

import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The schema's Flyway migrations, applied as the owner role. {@code ${app_role}} in a migration is
 * the role requests run as; the first migration grants it table access by default privileges.
 */
public final class Migrations {

    private final Flyway flyway;

    private Migrations(DataSource owner, String appRole) {
        this.flyway = Flyway.configure()
                .dataSource(owner)
                .locations("classpath:db/migration")
                .placeholders(Map.of("app_role", appRole))
                .validateMigrationNaming(true)
                .load();
    }

    public static Migrations forSettings(DatabaseSettings settings) {
        PGSimpleDataSource owner = new PGSimpleDataSource();
        // Flyway holds a session-level advisory lock while it migrates: a session a transaction-mode
        // pooler would not keep, so migrations go to PostgreSQL directly.
        owner.setUrl(settings.directUrl());
        owner.setUser(settings.ownerUser());
        owner.setPassword(settings.ownerPassword());
        return new Migrations(owner, settings.appUser());
    }

    public static Migrations of(DataSource owner, String appRole) {
        return new Migrations(owner, appRole);
    }

    /** Applies pending migrations; returns how many were applied. */
    public int migrate() {
        MigrateResult result = flyway.migrate();
        return result.migrationsExecuted;
    }

    public int pending() {
        return flyway.info().pending().length;
    }
}
