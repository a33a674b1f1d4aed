package org.fitsync.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The whole configuration from the environment: defaults, parsing, and a bad value in any feature. */
class FitSyncConfigTest {

    private static FitSyncConfig config(Map<String, String> env) {
        return FitSyncConfig.from(new Environment(env), false);
    }

    @Test
    void laptopDefaults() {
        FitSyncConfig config = config(Map.of());
        assertThat(config.server().port()).isEqualTo(7070);
        assertThat(config.database().embedded()).isTrue();
        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.auth().jwtSecret()).isEmpty();
        assertThat(config.server().maxBodyBytes()).isEqualTo(16L * 1024 * 1024);
        assertThat(config.auth().maxClockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.database().poolSize())
                .isEqualTo(DatabaseConfig.defaultPoolSize(Runtime.getRuntime().availableProcessors()));
        assertThat(config.server().httpThreads()).isEqualTo(ServerConfig.DEFAULT_HTTP_THREADS);
        assertThat(config.imports().enabled()).isFalse();
        assertThat(config.imports().workers().count()).isEqualTo(2);
        assertThat(config.runs().backfill().enabled()).isTrue();
        assertThat(config.runs().backfill().interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.logFormat()).isEqualTo(LogFormat.JSON);
    }

    @Test
    void theFiguresBackfillCanBeTurnedOffAndPaced() {
        FitSyncConfig config = config(Map.of("FITSYNC_BACKFILL", "OFF", "FITSYNC_BACKFILL_INTERVAL", "30s"));
        assertThat(config.runs().backfill().enabled()).isFalse();
        assertThat(config.runs().backfill().interval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void valuesAreParsed() {
        FitSyncConfig config = config(Map.of(
                "FITSYNC_PORT", "8080",
                "FITSYNC_MAX_BODY_BYTES", "2MiB",
                "FITSYNC_MAX_CLOCK_SKEW", "5m",
                "FITSYNC_DATABASE_URL", "jdbc:postgresql://db:5432/fitsync",
                "FITSYNC_JWT_SECRET", "s".repeat(32)));
        assertThat(config.server().port()).isEqualTo(8080);
        assertThat(config.server().maxBodyBytes()).isEqualTo(2L * 1024 * 1024);
        assertThat(config.auth().maxClockSkew()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.sync().settings().maxClockSkew()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.database().embedded()).isFalse();
    }

    @Test
    void behindATransactionPoolerListenersAndMigrationsGoToTheDirectUrl() {
        DatabaseConfig pooled = config(Map.of(
                        "FITSYNC_DATABASE_URL", "jdbc:postgresql://pgbouncer:6432/fitsync?prepareThreshold=0",
                        "FITSYNC_DATABASE_DIRECT_URL", "jdbc:postgresql://db:5432/fitsync",
                        "FITSYNC_JWT_SECRET", "s".repeat(32)))
                .database();
        assertThat(pooled.external(4).jdbcUrl()).contains("pgbouncer:6432");
        assertThat(pooled.external(4).directUrl()).isEqualTo("jdbc:postgresql://db:5432/fitsync");

        DatabaseConfig direct = config(Map.of(
                        "FITSYNC_DATABASE_URL",
                        "jdbc:postgresql://db:5432/fitsync",
                        "FITSYNC_JWT_SECRET",
                        "s".repeat(32)))
                .database();
        assertThat(direct.external(4).directUrl()).isEqualTo("jdbc:postgresql://db:5432/fitsync");
        assertThatThrownBy(() -> config(Map.of("FITSYNC_DATABASE_DIRECT_URL", "jdbc:postgresql://db/fitsync")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("FITSYNC_DATABASE_DIRECT_URL");
    }

    @ParameterizedTest
    @CsvSource({"1, 8", "2, 8", "3, 12", "4, 16", "8, 32", "64, 32"})
    void thePoolHasFourConnectionsPerCoreFromEightToThirtyTwo(int cores, int connections) {
        assertThat(DatabaseConfig.defaultPoolSize(cores)).isEqualTo(connections);
    }

    @Test
    void httpThreadsAndPoolSizeAreParsed() {
        FitSyncConfig config = config(Map.of("FITSYNC_HTTP_THREADS", "48", "FITSYNC_DATABASE_POOL_SIZE", "6"));
        assertThat(config.server().httpThreads()).isEqualTo(48);
        assertThat(config.database().poolSize()).isEqualTo(6);
    }

    @Test
    void aStoppingNodeStopsAtOnceUnlessAShutdownGraceIsSet() {
        assertThat(config(Map.of()).server().shutdownGrace()).isZero();
        assertThat(config(Map.of("FITSYNC_SHUTDOWN_GRACE", "3s")).server().shutdownGrace())
                .isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void admissionSharesTheThreadsOutAndLeavesPullsHalfThePoolByDefault() {
        FitSyncConfig config = config(Map.of("FITSYNC_HTTP_THREADS", "200", "FITSYNC_DATABASE_POOL_SIZE", "10"));
        AdmissionConfig admission = config.admission();
        assertThat(admission.pulls()).isEqualTo(50);
        assertThat(admission.reads()).isEqualTo(50);
        assertThat(admission.writes()).isEqualTo(50);
        assertThat(admission.events()).as("event streams hold no thread").isEqualTo(10_000);
        assertThat(admission.pullQueries()).isEqualTo(5);
        assertThat(admission.maxWait()).isEqualTo(Duration.ofSeconds(1));
        assertThat(admission.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.database().connectionTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.sync().spoolDirectory()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
    }

    @Test
    void admissionAndSpoolSettingsAreParsed() {
        FitSyncConfig config = config(Map.of(
                "FITSYNC_ADMISSION_PULLS", "3",
                "FITSYNC_ADMISSION_PULL_QUERIES", "2",
                "FITSYNC_ADMISSION_READS", "4",
                "FITSYNC_ADMISSION_WRITES", "5",
                "FITSYNC_ADMISSION_EVENT_STREAMS", "20000",
                "FITSYNC_ADMISSION_WAIT", "250ms",
                "FITSYNC_ADMISSION_RETRY_AFTER", "7s",
                "FITSYNC_DATABASE_CONNECTION_TIMEOUT", "500ms",
                "FITSYNC_SPOOL_DIR", System.getProperty("java.io.tmpdir")));
        assertThat(config.admission().settings())
                .isEqualTo(new org.fitsync.adapter.http.admission.AdmissionSettings(
                        3, 2, 4, 5, 20_000, Duration.ofMillis(250), Duration.ofSeconds(7)));
        assertThat(config.database().connectionTimeout()).isEqualTo(Duration.ofMillis(500));
    }

    @ParameterizedTest
    @CsvSource({
        "FITSYNC_PORT, seventy",
        "FITSYNC_PORT, 70000",
        "FITSYNC_MAX_BODY_BYTES, lots",
        "FITSYNC_MAX_BODY_BYTES, 0",
        "FITSYNC_MAX_CLOCK_SKEW, soon",
        "FITSYNC_JWT_SECRET, short",
        "FITSYNC_JWKS_URL, not a url",
        "FITSYNC_JWKS_URL, ftp://keys.example/jwks",
        "FITSYNC_DATABASE_URL, mysql://db/fitsync",
        "FITSYNC_DATABASE_POOL_SIZE, 0",
        "FITSYNC_HTTP_THREADS, 15",
        "FITSYNC_HTTP_THREADS, 10001",
        "FITSYNC_HTTP_THREADS, many",
        "FITSYNC_ADMISSION_PULLS, 0",
        "FITSYNC_ADMISSION_PULL_QUERIES, none",
        "FITSYNC_ADMISSION_READS, 0",
        "FITSYNC_ADMISSION_WRITES, -1",
        "FITSYNC_ADMISSION_EVENT_STREAMS, 0",
        "FITSYNC_ADMISSION_WAIT, 11s",
        "FITSYNC_ADMISSION_WAIT, a while",
        "FITSYNC_ADMISSION_RETRY_AFTER, 0s",
        "FITSYNC_ADMISSION_RETRY_AFTER, 2h",
        "FITSYNC_DATABASE_CONNECTION_TIMEOUT, 100ms",
        "FITSYNC_DATABASE_CONNECTION_TIMEOUT, 2m",
        "FITSYNC_SPOOL_DIR, /nonexistent/fitsync-spool",
        "FITSYNC_SHUTDOWN_GRACE, 6m",
        "FITSYNC_SHUTDOWN_GRACE, later"
    })
    void badValueStopsStartUpNamingTheVariable(String variable, String value) {
        assertThatThrownBy(() -> config(Map.of(variable, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(variable);
    }

    @Test
    void externalDatabaseNeedsAnExplicitSigningKey() {
        assertThatThrownBy(() -> config(Map.of("FITSYNC_DATABASE_URL", "jdbc:postgresql://db/fitsync")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("FITSYNC_JWT_SECRET");
    }

    /** Every feature's variables, with Strava off (no FITSYNC_STRAVA_CLIENT_ID): a bad value still stops start-up. */
    @ParameterizedTest
    @CsvSource({
        "FITSYNC_TOMBSTONE_RETENTION, forever",
        "FITSYNC_COLLECTIONS_FILE, /no/such/collections.json",
        "FITSYNC_SOURCE_PRIORITY, garmin",
        "FITSYNC_POLYLINE_TOLERANCE_M, -1",
        "FITSYNC_CURSOR_SECRET, short",
        "FITSYNC_BACKFILL, sometimes",
        "FITSYNC_BACKFILL_INTERVAL, 0s",
        "FITSYNC_BACKFILL_INTERVAL, hourly",
        "FITSYNC_RATE_LIMIT_WRITES_PER_MINUTE, -1",
        "FITSYNC_RATE_LIMIT_WRITES_BURST, 0",
        "FITSYNC_LOG_FORMAT, xml",
        "FITSYNC_IMPORT_WORKERS, 65",
        "FITSYNC_IMPORT_WORKERS, two",
        "FITSYNC_IMPORT_LEASE, 100ms",
        "FITSYNC_IMPORT_POLL, often",
        "FITSYNC_IMPORT_MAX_ATTEMPTS, 0",
        "FITSYNC_IMPORT_PARALLEL_FETCHES, 33",
        "FITSYNC_SSE_HEARTBEAT, sometimes",
        "FITSYNC_WEATHER, sunny",
        "FITSYNC_WEATHER_BASE_URL, not a url",
        "FITSYNC_TOKEN_KEY, not base64!",
        "FITSYNC_TOKEN_KEY, c2hvcnQ",
        "FITSYNC_PUBLIC_URL, ftp://fitsync.example",
        "FITSYNC_STRAVA_BASE_URL, nowhere",
        "FITSYNC_STRAVA_RETURN_URL, app://back",
        "FITSYNC_STRAVA_RATE_WINDOW_SECONDS, 0",
        "FITSYNC_STRAVA_REQUEST_TIMEOUT, long",
        "FITSYNC_STRAVA_MAX_RETRIES, 11",
        "FITSYNC_STRAVA_BACKOFF_BASE, short",
        "FITSYNC_STRAVA_BREAKER_COOLDOWN, brief",
        "FITSYNC_FILES_STORE, gcs",
        "FITSYNC_S3_BUCKET, Not_A_Bucket",
        "FITSYNC_S3_BUCKET, ab",
        "FITSYNC_S3_REGION, Europe West",
        "FITSYNC_S3_ENDPOINT, not a url",
        "FITSYNC_S3_ENDPOINT, s3://bucket",
        "FITSYNC_S3_PREFIX, /rooted/",
        "FITSYNC_S3_CHECKSUM, md5"
    })
    void aBadValueOfAFeatureThatIsOffStillStopsStartUp(String variable, String value) {
        assertThatThrownBy(() -> config(Map.of(variable, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(variable);
    }

    @Test
    void filesLiveOnTheFilesystemUnlessS3IsChosen() {
        assertThat(config(Map.of("FITSYNC_S3_BUCKET", "fitsync-files")).files().s3())
                .isEmpty();

        FilesConfig.S3 s3 = config(Map.of("FITSYNC_FILES_STORE", "s3", "FITSYNC_S3_BUCKET", "fitsync-files"))
                .files()
                .s3()
                .orElseThrow();

        assertThat(s3.bucket()).isEqualTo("fitsync-files");
        assertThat(s3.region()).isEqualTo("us-east-1");
        assertThat(s3.endpoint()).isEmpty();
        assertThat(s3.accessKeyId()).isEmpty();
        assertThat(s3.prefix()).isEmpty();
        assertThat(s3.sha256Checksums()).isTrue();
    }

    @Test
    void withS3TheFilesSecretIsStillNeededSinceExportDownloadLinksAreSignedByEveryNode() {
        Map<String, String> env = new HashMap<>(Map.of(
                "FITSYNC_DATABASE_URL", "jdbc:postgresql://db:5432/fitsync",
                "FITSYNC_JWKS_URL", "https://auth.example/jwks",
                "FITSYNC_CURSOR_SECRET", "c".repeat(32),
                "FITSYNC_FILES_STORE", "s3",
                "FITSYNC_S3_BUCKET", "fitsync-files"));

        assertThatThrownBy(() -> config(env))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("FITSYNC_FILES_SECRET");
        env.put("FITSYNC_FILES_SECRET", "f".repeat(32));
        assertThat(config(env).files().s3()).isPresent();
    }

    @Test
    void exportsDefaultToOneWorkerHourLongLinksAndAWeekOfRetention() {
        ExportsConfig exports = config(Map.of()).exports();

        assertThat(exports.workers()).isEqualTo(1);
        assertThat(exports.linkTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(exports.retention()).isEqualTo(Duration.ofDays(7));
        assertThat(config(Map.of(
                                "FITSYNC_EXPORT_WORKERS", "0",
                                "FITSYNC_EXPORT_LINK_TTL", "10m",
                                "FITSYNC_EXPORT_RETENTION", "2d"))
                        .exports())
                .extracting(ExportsConfig::workers, ExportsConfig::linkTtl, ExportsConfig::retention)
                .containsExactly(0, Duration.ofMinutes(10), Duration.ofDays(2));
        assertThatThrownBy(() -> config(Map.of("FITSYNC_EXPORT_WORKERS", "-1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("FITSYNC_EXPORT_WORKERS");
        assertThatThrownBy(() -> config(Map.of("FITSYNC_EXPORT_LEASE", "100ms")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("FITSYNC_EXPORT_LEASE");
    }

    @Test
    void s3WithoutABucketOrWithHalfAKeyStopsStartUpNamingTheMissingOne() {
        assertThatThrownBy(() -> config(Map.of("FITSYNC_FILES_STORE", "s3")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("FITSYNC_S3_BUCKET");
        assertThatThrownBy(() -> config(Map.of("FITSYNC_S3_ACCESS_KEY_ID", "AKIAEXAMPLE")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("FITSYNC_S3_SECRET_ACCESS_KEY");
        assertThatThrownBy(() -> config(Map.of("FITSYNC_S3_SECRET_ACCESS_KEY", "secret")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("FITSYNC_S3_ACCESS_KEY_ID");
    }

    @Test
    void aStravaSecretWithoutItsClientIdStopsStartUpNamingTheMissingOne() {
        assertThatThrownBy(() -> config(Map.of("FITSYNC_STRAVA_CLIENT_SECRET", "only-the-secret")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("FITSYNC_STRAVA_CLIENT_ID");
    }

    @Test
    void aBadImportValueStopsStartUpWithStravaOnToo() {
        Map<String, String> env = new HashMap<>(Map.of(
                "FITSYNC_STRAVA_CLIENT_ID", "1", "FITSYNC_STRAVA_CLIENT_SECRET", "s", "FITSYNC_IMPORT_WORKERS", "-1"));
        assertThatThrownBy(() -> config(env))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("FITSYNC_IMPORT_WORKERS");
        env.remove("FITSYNC_IMPORT_WORKERS");
        assertThat(config(env).imports().enabled()).isTrue();
    }

    @Test
    void stravaWithAnExternalDatabaseNeedsTheSharedTokenKey() {
        Map<String, String> env = Map.of(
                "FITSYNC_STRAVA_CLIENT_ID",
                "1",
                "FITSYNC_STRAVA_CLIENT_SECRET",
                "s",
                "FITSYNC_DATABASE_URL",
                "jdbc:postgresql://db/fitsync",
                "FITSYNC_JWT_SECRET",
                "s".repeat(32));
        assertThatThrownBy(() -> config(env))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("FITSYNC_TOKEN_KEY");
    }

    @Test
    void stravaSettingsAreParsed() {
        FitSyncConfig config = config(Map.of(
                "FITSYNC_STRAVA_CLIENT_ID",
                "1",
                "FITSYNC_STRAVA_CLIENT_SECRET",
                "s",
                "FITSYNC_STRAVA_MAX_RETRIES",
                "2",
                "FITSYNC_PUBLIC_URL",
                "https://fitsync.example/",
                "FITSYNC_WEATHER",
                "off",
                "FITSYNC_IMPORT_WORKERS",
                "0"));
        ImportsConfig.Strava strava = config.imports().strava().orElseThrow();
        assertThat(strava.client().maxRetries()).isEqualTo(2);
        assertThat(strava.webhookUrl().toString()).isEqualTo("https://fitsync.example/api/v1/webhooks/strava");
        assertThat(strava.callbackUrl().toString())
                .isEqualTo("https://fitsync.example/api/v1/integrations/strava/callback");
        assertThat(config.imports().weather().enabled()).isFalse();
        assertThat(config.imports().workers().count()).isZero();
    }

    @Test
    void logsAreTextAtATerminalAndJsonElsewhereUnlessChosen() {
        assertThat(FitSyncConfig.from(new Environment(Map.of()), true).logFormat())
                .isEqualTo(LogFormat.TEXT);
        assertThat(FitSyncConfig.from(new Environment(Map.of()), false).logFormat())
                .isEqualTo(LogFormat.JSON);
        assertThat(FitSyncConfig.from(new Environment(Map.of("FITSYNC_LOG_FORMAT", "json")), true)
                        .logFormat())
                .isEqualTo(LogFormat.JSON);
        assertThat(FitSyncConfig.from(new Environment(Map.of("FITSYNC_LOG_FORMAT", "TEXT")), false)
                        .logFormat())
                .isEqualTo(LogFormat.TEXT);
    }
}
