package org.fitsync.app.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Activity files (docs/api.md, Activity files): {@code FITSYNC_FILES_MAX_SIZE} (64 MiB) and, for a
 * {@code .zip} archive, {@code FITSYNC_FILES_MAX_ARCHIVE_SIZE} (4 GiB, below S3's 5 GiB single PUT), the upload
 * URLs' life {@code FITSYNC_FILES_UPLOAD_TTL} (15m) and key {@code FITSYNC_FILES_SECRET} (else the JWT
 * secret, which every node shares), how long an upload may stay unfinished
 * ({@code FITSYNC_FILES_UNFINISHED_TTL}, 24h) and how often that is swept
 * ({@code FITSYNC_FILES_SWEEP_INTERVAL}, 10m), where the bytes live ({@code FITSYNC_FILES_DIR},
 * {@code <data dir>/blobs}), where clients reach this server ({@code FITSYNC_PUBLIC_URL}), and this
 * node's processing workers ({@code FITSYNC_FILES_WORKERS}, {@code FITSYNC_FILES_LEASE},
 * {@code FITSYNC_FILES_POLL}). {@code FITSYNC_FILES_STORE} picks the blob store: {@code filesystem}
 * (the default, under {@code FITSYNC_FILES_DIR}) or {@code s3} ({@link S3}).
 */
public record FilesConfig(
        long maxBytes,
        long maxArchiveBytes,
        Duration uploadTtl,
        Optional<String> secret,
        Duration unfinishedTtl,
        Duration sweepInterval,
        Path directory,
        Optional<URI> publicUrl,
        int workers,
        Duration lease,
        Duration poll,
        Optional<S3> s3) {

    static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;
    static final long DEFAULT_MAX_ARCHIVE_BYTES = 4L * 1024 * 1024 * 1024;

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern REGION = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /**
     * S3-compatible object storage: {@code FITSYNC_S3_BUCKET} (required), {@code FITSYNC_S3_REGION}
     * (us-east-1), {@code FITSYNC_S3_ENDPOINT} (another S3-compatible server, reached path-style),
     * {@code FITSYNC_S3_ACCESS_KEY_ID} with {@code FITSYNC_S3_SECRET_ACCESS_KEY} (else the SDK's default
     * credentials chain), {@code FITSYNC_S3_PREFIX} (of every key), {@code FITSYNC_S3_CHECKSUM}
     * ({@code sha256}, the default: upload URLs bind the declared SHA-256 so the store refuses other
     * bytes; {@code none} for servers that do not implement it), and where direct uploads are spooled
     * before they go to the bucket ({@code FITSYNC_SPOOL_DIR}).
     */
    public record S3(
            String bucket,
            String region,
            Optional<URI> endpoint,
            Optional<String> accessKeyId,
            Optional<String> secretAccessKey,
            String prefix,
            boolean sha256Checksums,
            Path spool) {

        @Override
        public String toString() {
            return "S3[bucket=" + bucket + ", region=" + region + ", endpoint=" + endpoint + ", prefix=" + prefix + "]";
        }
    }

    static FilesConfig from(Environment env, DatabaseConfig database, AuthConfig auth, Path dataDir) {
        Optional<String> secret = env.hmacKey("FITSYNC_FILES_SECRET");
        Optional<S3> s3 = s3(env);
        // With S3 the bucket signs upload URLs, but account export download links are FitSync's own,
        // served by any node: every node must sign them alike, whichever store holds the bytes.
        if (secret.isEmpty() && auth.jwtSecret().isEmpty() && !database.embedded()) {
            throw new ConfigException(
                    "FITSYNC_FILES_SECRET",
                    "is required with FITSYNC_DATABASE_URL and FITSYNC_JWKS_URL: every node must sign upload URLs"
                            + " and export download links alike");
        }
        Duration uploadTtl = positive(env, "FITSYNC_FILES_UPLOAD_TTL", Duration.ofMinutes(15));
        Duration lease = positive(env, "FITSYNC_FILES_LEASE", Duration.ofMinutes(2));
        if (lease.toMillis() < 300) {
            throw new ConfigException("FITSYNC_FILES_LEASE", "must be at least 300ms");
        }
        return new FilesConfig(
                env.bytes("FITSYNC_FILES_MAX_SIZE", DEFAULT_MAX_BYTES),
                env.bytes("FITSYNC_FILES_MAX_ARCHIVE_SIZE", DEFAULT_MAX_ARCHIVE_BYTES),
                uploadTtl,
                secret,
                positive(env, "FITSYNC_FILES_UNFINISHED_TTL", Duration.ofHours(24)),
                positive(env, "FITSYNC_FILES_SWEEP_INTERVAL", Duration.ofMinutes(10)),
                env.path("FITSYNC_FILES_DIR", dataDir.resolve("blobs").toString()),
                env.uri("FITSYNC_PUBLIC_URL"),
                env.integer("FITSYNC_FILES_WORKERS", 1, 0, 64),
                lease,
                positive(env, "FITSYNC_FILES_POLL", Duration.ofSeconds(1)),
                s3);
    }

    /** The S3 settings when FITSYNC_FILES_STORE is s3; they are checked whichever store is chosen. */
    private static Optional<S3> s3(Environment env) {
        String store = env.string("FITSYNC_FILES_STORE", "filesystem");
        if (!store.equals("filesystem") && !store.equals("s3")) {
            throw new ConfigException("FITSYNC_FILES_STORE", "must be filesystem or s3, got '" + store + "'");
        }
        Optional<String> bucket = env.string("FITSYNC_S3_BUCKET");
        if (bucket.isPresent() && !BUCKET.matcher(bucket.get()).matches()) {
            throw new ConfigException("FITSYNC_S3_BUCKET", "must be an S3 bucket name (3-63 of a-z, 0-9, '.' and '-')");
        }
        String region = env.string("FITSYNC_S3_REGION", "us-east-1");
        if (!REGION.matcher(region).matches()) {
            throw new ConfigException("FITSYNC_S3_REGION", "must be a region name such as eu-central-1");
        }
        Optional<URI> endpoint = env.uri("FITSYNC_S3_ENDPOINT");
        Optional<String> keyId = env.string("FITSYNC_S3_ACCESS_KEY_ID");
        Optional<String> secret = env.string("FITSYNC_S3_SECRET_ACCESS_KEY");
        if (keyId.isPresent() != secret.isPresent()) {
            throw new ConfigException(
                    keyId.isPresent() ? "FITSYNC_S3_SECRET_ACCESS_KEY" : "FITSYNC_S3_ACCESS_KEY_ID",
                    "is required with "
                            + (keyId.isPresent() ? "FITSYNC_S3_ACCESS_KEY_ID" : "FITSYNC_S3_SECRET_ACCESS_KEY"));
        }
        String prefix = env.string("FITSYNC_S3_PREFIX", "");
        if (prefix.startsWith("/") || prefix.length() > 512 || prefix.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new ConfigException(
                    "FITSYNC_S3_PREFIX", "must not start with '/', hold control characters or exceed 512 characters");
        }
        String checksum = env.string("FITSYNC_S3_CHECKSUM", "sha256");
        if (!checksum.equals("sha256") && !checksum.equals("none")) {
            throw new ConfigException("FITSYNC_S3_CHECKSUM", "must be sha256 or none, got '" + checksum + "'");
        }
        if (store.equals("filesystem")) {
            return Optional.empty();
        }
        if (bucket.isEmpty()) {
            throw new ConfigException("FITSYNC_S3_BUCKET", "is required with FITSYNC_FILES_STORE=s3");
        }
        Path spool = env.path(SyncConfig.SPOOL_DIR, System.getProperty("java.io.tmpdir"));
        return Optional.of(
                new S3(bucket.get(), region, endpoint, keyId, secret, prefix, checksum.equals("sha256"), spool));
    }

    private static Duration positive(Environment env, String name, Duration fallback) {
        Duration value = env.duration(name, fallback);
        if (value.isZero() || value.isNegative()) {
            throw new ConfigException(name, "must be positive");
        }
        return value;
    }
}
