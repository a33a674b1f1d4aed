package org.fitsync.harness.load;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The harness's knobs, from system properties ({@code -Dload.clients=100} etc.): how many clients,
 * for how long, how long they think between operations, and the server settings under test
 * (absent ones keep the server's defaults).
 */
record LoadSettings(
        int clients,
        int warmupSeconds,
        int seconds,
        int thinkMillis,
        Optional<Integer> poolSize,
        Optional<Integer> httpThreads,
        Path jar,
        List<String> serverJvmArgs) {

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
                        .split("\\s+")));
    }

    private static Optional<Integer> optionalInt(String property) {
        String value = System.getProperty(property, "").trim();
        return value.isEmpty() ? Optional.empty() : Optional.of(Integer.parseInt(value));
    }
}
