package org.fitsync.app.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Activity files (docs/api.md, Activity files): {@code FITSYNC_FILES_MAX_SIZE} (64 MiB), the upload
 * URLs' life {@code FITSYNC_FILES_UPLOAD_TTL} (15m) and key {@code FITSYNC_FILES_SECRET} (else the JWT
 * secret, which every node shares), how long an upload may stay unfinished
 * ({@code FITSYNC_FILES_UNFINISHED_TTL}, 24h) and how often that is swept
 * ({@code FITSYNC_FILES_SWEEP_INTERVAL}, 10m), where the bytes live ({@code FITSYNC_FILES_DIR},
 * {@code <data dir>/blobs}), where clients reach this server ({@code FITSYNC_PUBLIC_URL}), and this
 * node's processing workers ({@code FITSYNC_FILES_WORKERS}, {@code FITSYNC_FILES_LEASE},
 * {@code FITSYNC_FILES_POLL}).
 */
public record FilesConfig(
        long maxBytes,
        Duration uploadTtl,
        Optional<String> secret,
        Duration unfinishedTtl,
        Duration sweepInterval,
        Path directory,
        Optional<URI> publicUrl,
        int workers,
        Duration lease,
        Duration poll) {

    static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    static FilesConfig from(Environment env, DatabaseConfig database, AuthConfig auth, Path dataDir) {
        Optional<String> secret = env.hmacKey("FITSYNC_FILES_SECRET");
        if (secret.isEmpty() && auth.jwtSecret().isEmpty() && !database.embedded()) {
            throw new ConfigException(
                    "FITSYNC_FILES_SECRET",
                    "is required with FITSYNC_DATABASE_URL and FITSYNC_JWKS_URL: every node must sign upload URLs alike");
        }
        Duration uploadTtl = positive(env, "FITSYNC_FILES_UPLOAD_TTL", Duration.ofMinutes(15));
        Duration lease = positive(env, "FITSYNC_FILES_LEASE", Duration.ofMinutes(2));
        if (lease.toMillis() < 300) {
            throw new ConfigException("FITSYNC_FILES_LEASE", "must be at least 300ms");
        }
        return new FilesConfig(
                env.bytes("FITSYNC_FILES_MAX_SIZE", DEFAULT_MAX_BYTES),
                uploadTtl,
                secret,
                positive(env, "FITSYNC_FILES_UNFINISHED_TTL", Duration.ofHours(24)),
                positive(env, "FITSYNC_FILES_SWEEP_INTERVAL", Duration.ofMinutes(10)),
                env.path("FITSYNC_FILES_DIR", dataDir.resolve("blobs").toString()),
                env.uri("FITSYNC_PUBLIC_URL"),
                env.integer("FITSYNC_FILES_WORKERS", 1, 0, 64),
                lease,
                positive(env, "FITSYNC_FILES_POLL", Duration.ofSeconds(1)));
    }

    private static Duration positive(Environment env, String name, Duration fallback) {
        Duration value = env.duration(name, fallback);
        if (value.isZero() || value.isNegative()) {
            throw new ConfigException(name, "must be positive");
        }
        return value;
    }
}
