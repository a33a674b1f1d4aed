package org.fitsync.app.config;

import java.time.Duration;

/**
 * Account exports (docs/api.md, Your data): this node's export workers ({@code FITSYNC_EXPORT_WORKERS},
 * 1; {@code 0}: this node writes no exports but serves them), their lease ({@code FITSYNC_EXPORT_LEASE},
 * 2m) and idle poll ({@code FITSYNC_EXPORT_POLL}, 1s), how long a download link stays good
 * ({@code FITSYNC_EXPORT_LINK_TTL}, 1h), how long a finished export is kept
 * ({@code FITSYNC_EXPORT_RETENTION}, 7d) and how often old ones are swept
 * ({@code FITSYNC_EXPORT_SWEEP_INTERVAL}, 1h). Links are signed with the files secret
 * ({@code FITSYNC_FILES_SECRET}).
 */
public record ExportsConfig(
        int workers, Duration lease, Duration poll, Duration linkTtl, Duration retention, Duration sweepInterval) {

    static ExportsConfig from(Environment env) {
        Duration lease = positive(env, "FITSYNC_EXPORT_LEASE", Duration.ofMinutes(2));
        if (lease.toMillis() < 300) {
            throw new ConfigException("FITSYNC_EXPORT_LEASE", "must be at least 300ms");
        }
        Duration linkTtl = positive(env, "FITSYNC_EXPORT_LINK_TTL", Duration.ofHours(1));
        if (linkTtl.toSeconds() < 1) {
            throw new ConfigException("FITSYNC_EXPORT_LINK_TTL", "must be at least 1s");
        }
        return new ExportsConfig(
                env.integer("FITSYNC_EXPORT_WORKERS", 1, 0, 16),
                lease,
                positive(env, "FITSYNC_EXPORT_POLL", Duration.ofSeconds(1)),
                linkTtl,
                positive(env, "FITSYNC_EXPORT_RETENTION", Duration.ofDays(7)),
                positive(env, "FITSYNC_EXPORT_SWEEP_INTERVAL", Duration.ofHours(1)));
    }

    private static Duration positive(Environment env, String name, Duration fallback) {
        Duration value = env.duration(name, fallback);
        if (value.isZero() || value.isNegative()) {
            throw new ConfigException(name, "must be positive");
        }
        return value;
    }
}
