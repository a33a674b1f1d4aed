package org.fitsync.adapter.postgres;

/**
 * Where the database is and who connects. The app role is the one requests run as: it must not
 * own the tables, so row-level security applies to it. The owner role runs migrations.
 */
public record DatabaseSettings(
        String jdbcUrl, String appUser, String appPassword, String ownerUser, String ownerPassword, int maxPoolSize) {

    public DatabaseSettings {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("the database URL must start with jdbc:postgresql:");
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("the pool needs at least one connection");
        }
    }
}
