package org.fitsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppConfigTest {

    private static AppConfig config(Map<String, String> env) {
        return AppConfig.from(new Environment(env));
    }

    @Test
    void laptopDefaults() {
        AppConfig config = config(Map.of());
        assertThat(config.port()).isEqualTo(7070);
        assertThat(config.embeddedDatabase()).isTrue();
        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.jwtSecret()).isEmpty();
        assertThat(config.maxBodyBytes()).isEqualTo(16L * 1024 * 1024);
        assertThat(config.maxClockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.databasePoolSize()).isEqualTo(AppConfig.defaultPoolSize(Runtime.getRuntime().availableProcessors()));
        assertThat(config.httpThreads()).isEqualTo(AppConfig.DEFAULT_HTTP_THREADS);
    }

    @Test
    void valuesAreParsed() {
        AppConfig config = config(Map.of(
                "FITSYNC_PORT", "8080",
                "FITSYNC_MAX_BODY_BYTES", "2MiB",
                "FITSYNC_MAX_CLOCK_SKEW", "5m",
                "FITSYNC_DATABASE_URL", "jdbc:postgresql://db:5432/fitsync",
                "FITSYNC_JWT_SECRET", "s".repeat(32)));
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.maxBodyBytes()).isEqualTo(2L * 1024 * 1024);
        assertThat(config.maxClockSkew()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.embeddedDatabase()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"1, 8", "2, 8", "3, 12", "4, 16", "8, 32", "64, 32"})
    void thePoolHasFourConnectionsPerCoreFromEightToThirtyTwo(int cores, int connections) {
        assertThat(AppConfig.defaultPoolSize(cores)).isEqualTo(connections);
    }

    @Test
    void httpThreadsAndPoolSizeAreParsed() {
        AppConfig config = config(Map.of("FITSYNC_HTTP_THREADS", "48", "FITSYNC_DATABASE_POOL_SIZE", "6"));
        assertThat(config.httpThreads()).isEqualTo(48);
        assertThat(config.databasePoolSize()).isEqualTo(6);
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
            "FITSYNC_HTTP_THREADS, many"})
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
}
