package org.fitsync.harness.phone;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fitsync.harness.process.FitSyncJar;
import org.fitsync.harness.process.PhoneJar;

/**
 * The sync client's figures (docs/benchmarks.md, "Sync client"): a first sync of 100,000 records into an
 * empty store (records/s and peak heap, at {@code -Xmx64m}), durable local writes per second, and the time
 * to push 10,000 local changes. The phone JVM warms up with a first sync of the same data into a scratch
 * store before anything is measured.
 */
public final class ClientSyncBenchmark {

    private ClientSyncBenchmark() {}

    public static void main(String[] args) throws Exception {
        int records = Integer.getInteger("bench.records", 100_000);
        int rounds = Integer.getInteger("bench.rounds", 1);
        String heap = System.getProperty("bench.heap", "64m");
        Path work = Files.createTempDirectory("fitsync-client-bench");
        Map<String, PhoneJar> phones = new java.util.LinkedHashMap<>();
        phones.put("this build", PhoneJar.fromProperty("phone.jar"));
        if (System.getProperty("bench.baselinePhoneJar") != null) {
            // Another build of the phone, measured in the same run, alternating with this one.
            phones.put("baseline", PhoneJar.fromProperty("bench.baselinePhoneJar"));
        }
        try (PhoneServer server = new PhoneServer(FitSyncJar.fromProperty("fitsync.jar"), work, Map.of())) {
            server.start();
            List<String> jvmArgs = new java.util.ArrayList<>(List.of("-Xmx" + heap));
            String extra = System.getProperty("bench.phoneJvmArgs", "");
            if (!extra.isBlank()) {
                jvmArgs.addAll(List.of(extra.trim().split("\\s+")));
            }
            int run = 0;
            for (int round = 1; round <= rounds; round++) {
                for (Map.Entry<String, PhoneJar> phone : phones.entrySet()) {
                    run++;
                    // Each run is a user of its own with the same seeded records, so no run sees another's writes.
                    String user = "bench-runner-" + run;
                    String token = server.token(user);
                    new ServerView(server.baseUrl(), token).seedWorkouts("s-", records);
                    Map<String, String> env = Map.of(
                            "FITSYNC_PHONE_DATA",
                            work.resolve("phone-" + run).toString(),
                            "FITSYNC_SERVER",
                            server.baseUrl(),
                            "FITSYNC_USER",
                            user,
                            "FITSYNC_TOKEN",
                            token);
                    PhoneJar.Result result = phone.getValue()
                            .run(
                                    env,
                                    jvmArgs,
                                    "bench",
                                    "--scratch",
                                    work.resolve("scratch-" + run).toString());
                    if (result.exit() != 0) {
                        System.out.println("client benchmark failed: " + result.outText() + "\n" + result.err());
                        System.exit(1);
                    }
                    System.out.println("client benchmark, " + phone.getKey() + ", round " + round + " (" + records
                            + " records seeded, phone at -Xmx" + heap + "):");
                    result.out().forEach(line -> System.out.println("  " + line));
                    double seconds = Double.parseDouble(value(result.out(), "first_sync_s"));
                    System.out.printf(java.util.Locale.ROOT, "  first_sync_records_per_s=%.0f%n", records / seconds);
                }
            }
        }
    }

    private static String value(List<String> lines, String key) {
        return lines.stream()
                .filter(l -> l.startsWith(key + "="))
                .map(l -> l.substring(key.length() + 1))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + key + " in " + lines));
    }
}
