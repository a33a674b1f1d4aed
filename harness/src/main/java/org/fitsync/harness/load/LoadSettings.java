package org.fitsync.harness.load;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The harness's knobs, from system properties ({@code -Dload.clients=100} etc.): how many clients,
 * for how long, how long they think between operations, and the server settings under test
 * (absent ones keep the server's defaults; {@code -Dload.serverEnv} sets any further ones).
 */
record LoadSettings(
        int clients,
        int warmupSeconds,
        int seconds,
        int thinkMillis,
        Optional<Integer> poolSize,
        Optional<Integer> httpThreads,
        Path jar,
        List<String> serverJvmArgs,
        Map<String, String> serverEnvironment) {

    LoadSettings {
        if (clients < 1 || seconds < 1 || warmupSeconds < 0 || thinkMillis < 0) {
            throw new IllegalArgumentException(
                    "clients and seconds must be positive, warm-up and think time not negative");
        }
    }

    static LoadSettings fromSystemProperties() {
        return new LoadSettings(
                Integer.getInteger("load.clients", 100),
                Integer.getInteger("load.warmup", 10),
                Integer.getInteger("load.seconds", 60),
                Integer.getInteger("load.thinkMs", 1000),
                optionalInt("load.pool"),
                optionalInt("load.httpThreads"),
                Path.of(System.getProperty("load.jar", "app/target/fitsync.jar")),
                List.of(System.getProperty("load.serverJvmArgs", "-Xmx1g")
                        .trim()
                        .split("\\s+")),
                environment(System.getProperty("load.serverEnv", "")));
    }

    /** {@code NAME=value,NAME=value}: further server settings, e.g. {@code FITSYNC_ADMISSION_PULL_QUERIES=6}. */
    private static Map<String, String> environment(String pairs) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String pair : pairs.split(",", -1)) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("load.serverEnv takes NAME=value pairs, not " + pair);
            }
            environment.put(
                    pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
        return Map.copyOf(environment);
    }

    private static Optional<Integer> optionalInt(String property) {
        String value = System.getProperty(property, "").trim();
        return value.isEmpty() ? Optional.empty() : Optional.of(Integer.parseInt(value));
    }
}
