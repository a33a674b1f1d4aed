package org.fitsync.harness.crashkill;

import java.nio.file.Path;

/**
 * What one crash-kill run does, from system properties (the {@code crash-kill} Maven profile passes
 * {@code -Dcrash.*} through): how many kills, how many users, how long the server lives between kills.
 */
record CrashSettings(
        Path jar,
        int kills,
        int users,
        long minUptimeMs,
        long maxUptimeMs,
        long seed,
        long requestTimeoutMs,
        long readyTimeoutMs) {

    static CrashSettings fromSystemProperties() {
        String jar = System.getProperty("crash.jar", "app/target/fitsync.jar");
        CrashSettings settings = new CrashSettings(
                Path.of(jar).toAbsolutePath(),
                Integer.getInteger("crash.kills", 20),
                Integer.getInteger("crash.users", 4),
                Long.getLong("crash.minUptimeMs", 1_000),
                Long.getLong("crash.maxUptimeMs", 3_000),
                Long.getLong("crash.seed", System.nanoTime()),
                Long.getLong("crash.requestTimeoutMs", 60_000),
                Long.getLong("crash.readyTimeoutMs", 120_000));
        if (settings.kills < 1
                || settings.users < 1
                || settings.minUptimeMs < 0
                || settings.maxUptimeMs < settings.minUptimeMs) {
            throw new IllegalArgumentException("bad crash.* settings: " + settings);
        }
        return settings;
    }
}
