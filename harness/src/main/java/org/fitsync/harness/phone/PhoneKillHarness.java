package org.fitsync.harness.phone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.fitsync.harness.process.FitSyncJar;
import org.fitsync.harness.process.PhoneJar;

/**
 * Kill -9 of the command-line phone at random instants, mid-write, mid-push and mid-pull, with the server
 * killed too at times; then both phones sync until nothing is pending and the server and both local
 * stores must agree record for record with what the phones said was written: nothing lost, nothing
 * applied twice, no run missing or duplicated. Two phones of one user write disjoint records, so each
 * also pulls the other's changes (and is killed during those pulls).
 */
public final class PhoneKillHarness {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Settings(int kills, long seed, int writes, long minMs, long maxMs, int serverKillEvery) {
        static Settings fromSystemProperties() {
            return new Settings(
                    Integer.getInteger("phonekill.kills", 24),
                    Long.getLong("phonekill.seed", System.nanoTime()),
                    Integer.getInteger("phonekill.writes", 600),
                    Long.getLong("phonekill.minMs", 500),
                    Long.getLong("phonekill.maxMs", 5_000),
                    Integer.getInteger("phonekill.serverKillEvery", 4));
        }
    }

    private PhoneKillHarness() {}

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystemProperties();
        System.out.println(
                "phone-kill: seed " + settings.seed() + " (rerun with -Dphonekill.seed=" + settings.seed() + ")");
        Path work = Files.createTempDirectory("fitsync-phone-kill");
        PhoneJar phoneJar = PhoneJar.fromProperty("phone.jar");
        boolean passed;
        try (PhoneServer server = new PhoneServer(FitSyncJar.fromProperty("fitsync.jar"), work, Map.of())) {
            server.start();
            passed = run(settings, work, phoneJar, server);
        }
        System.out.println("phone-kill: " + (passed ? "PASSED" : "FAILED") + " (work directory " + work + ")");
        System.exit(passed ? 0 : 1);
    }

    private static boolean run(Settings settings, Path work, PhoneJar phoneJar, PhoneServer server) throws Exception {
        Random random = new Random(settings.seed());
        String token = server.token("phone-runner");
        List<Map<String, String>> phones =
                List.of(phoneEnv(work, "a", server, token), phoneEnv(work, "b", server, token));
        ChurnLedger ledger = new ChurnLedger();
        int midSync = 0;
        int midWrite = 0;
        int finished = 0;
        int serverKills = 0;
        long t0 = System.nanoTime();
        int round = 0;
        int phoneKills = 0;
        // Until the phone was killed often enough (a churn that ends before its kill does not count).
        while (phoneKills < settings.kills() && round < 3 * settings.kills()) {
            round++;
            int phone = round % 2;
            String prefix = phone == 0 ? "a-" : "b-";
            PhoneJar.Running churn = phoneJar.start(
                    phones.get(phone),
                    List.of("-XX:TieredStopAtLevel=1"),
                    "churn",
                    "--prefix",
                    prefix,
                    "--tag",
                    "r" + round,
                    "--writes",
                    Integer.toString(settings.writes()),
                    "--sync-every",
                    "150",
                    "--run-every",
                    "70",
                    "--seed",
                    Long.toString(random.nextLong()));
            boolean killServer = round % settings.serverKillEvery() == 0;
            boolean duringSync = round % 3 != 0;
            long delay = settings.minMs() + (long) (random.nextDouble() * (settings.maxMs() - settings.minMs()));
            OptionalInt exit;
            if (duringSync) {
                // Within 250 ms of a sync's start: while it sends runs, pulls or pushes.
                exit = awaitSyncStart(churn, settings.maxMs() * 4);
                if (exit.isEmpty()) {
                    if (killServer) {
                        server.kill();
                        serverKills++;
                    }
                    exit = churn.awaitExit(random.nextInt(250));
                }
            } else if (killServer) {
                exit = churn.awaitExit(delay / 2);
                server.kill();
                serverKills++;
                if (exit.isEmpty()) {
                    exit = churn.awaitExit(delay / 2);
                }
            } else {
                exit = churn.awaitExit(delay);
            }
            if (exit.isPresent()) {
                finished++;
            } else {
                churn.kill();
                phoneKills++;
                List<String> lines = churn.lines();
                String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
                if (last.equals("syncing")) {
                    midSync++;
                } else {
                    midWrite++;
                }
            }
            ledger.read(churn.lines());
            if (!server.isUp()) {
                server.start();
            }
        }
        System.out.printf(
                "phone-kill: %d rounds in %.0f s: %d phones killed mid-sync, %d mid-write, %d finished; "
                        + "%d server kills; %d writes confirmed, %d cut off before their confirmation%n",
                round,
                (System.nanoTime() - t0) / 1e9,
                midSync,
                midWrite,
                finished,
                serverKills,
                ledger.confirmedWrites(),
                ledger.uncertainWrites());

        // Settle: each phone syncs until nothing is pending; twice round, so each has the other's last changes.
        for (int pass = 0; pass < 2; pass++) {
            for (Map<String, String> env : phones) {
                PhoneJar.Result sync = phoneJar.run(env, List.of(), "sync");
                if (sync.exit() != 0) {
                    System.out.println(
                            "phone-kill: a settling sync did not finish clean: " + sync.outText() + sync.err());
                    return false;
                }
            }
        }
        return verify(ledger, phoneJar, phones, new ServerView(server.baseUrl(), token));
    }

    private static boolean verify(
            ChurnLedger ledger, PhoneJar phoneJar, List<Map<String, String>> phones, ServerView server)
            throws Exception {
        List<String> problems = new ArrayList<>();
        Map<String, String> onServer = names(server.records("workouts"));
        List<Map<String, String>> onPhones = new ArrayList<>();
        for (Map<String, String> env : phones) {
            PhoneJar.Result list = phoneJar.run(env, List.of(), "list", "workouts");
            Map<String, String> names = new TreeMap<>();
            for (String line : list.out()) {
                JsonNode record = JSON.readTree(line);
                names.put(record.get("id").asText(), record.path("name").asText());
                if (!record.get("_status").asText().equals("synced")) {
                    problems.add("phone record not synced after settling: " + line);
                }
            }
            onPhones.add(names);
            String status = phoneJar.run(env, List.of(), "status").outText();
            if (!status.contains("pending=0 failed=0")) {
                problems.add("phone outbox not empty: " + status);
            }
        }
        for (int p = 0; p < onPhones.size(); p++) {
            if (!onPhones.get(p).equals(onServer)) {
                problems.add("phone " + p + " differs from the server: " + diff(onPhones.get(p), onServer));
            }
        }
        for (Map.Entry<String, Set<String>> expected : ledger.possibleStates().entrySet()) {
            String actual = ChurnLedger.stateIn(onServer, expected.getKey());
            if (!expected.getValue().contains(actual)) {
                problems.add(
                        expected.getKey() + " is " + actual + " on the server, expected one of " + expected.getValue());
            }
        }
        for (String id : onServer.keySet()) {
            if (!ledger.possibleStates().containsKey(id)) {
                problems.add(id + " is on the server but no phone wrote it");
            }
        }
        Map<String, JsonNode> runs = server.records("runs");
        for (String run : ledger.confirmedRuns()) {
            if (!runs.containsKey(run)) {
                problems.add("confirmed run " + run + " is missing on the server");
            }
        }
        for (String run : runs.keySet()) {
            if (!ledger.mayExist(run)) {
                problems.add("run " + run + " on the server was never recorded by a phone");
            }
        }
        System.out.printf(
                "phone-kill: checked %d records and %d runs (%d confirmed) on the server and both phones: "
                        + "%d mismatches%n",
                ledger.possibleStates().size(),
                runs.size(),
                ledger.confirmedRuns().size(),
                problems.size());
        problems.stream().limit(20).forEach(p -> System.out.println("  " + p));
        return problems.isEmpty();
    }

    /** Waits until the churn prints {@code syncing}; the exit code if it ended first. */
    private static OptionalInt awaitSyncStart(PhoneJar.Running churn, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        int seen = 0;
        while (System.currentTimeMillis() < deadline) {
            List<String> lines = churn.lines();
            for (int i = seen; i < lines.size(); i++) {
                if (lines.get(i).equals("syncing")) {
                    return OptionalInt.empty();
                }
            }
            seen = lines.size();
            OptionalInt exit = churn.awaitExit(5);
            if (exit.isPresent()) {
                return exit;
            }
        }
        return OptionalInt.empty();
    }

    private static Map<String, String> names(Map<String, JsonNode> records) {
        Map<String, String> names = new TreeMap<>();
        records.forEach((id, record) -> names.put(id, record.path("name").asText()));
        return names;
    }

    private static String diff(Map<String, String> phone, Map<String, String> server) {
        List<String> lines = new ArrayList<>();
        phone.forEach((id, name) -> {
            if (!name.equals(server.get(id))) {
                lines.add(id + " phone=" + name + " server=" + server.get(id));
            }
        });
        server.keySet().stream()
                .filter(id -> !phone.containsKey(id))
                .forEach(id -> lines.add(id + " only on the server"));
        return lines.stream().limit(10).toList().toString();
    }

    private static Map<String, String> phoneEnv(Path work, String name, PhoneServer server, String token) {
        Map<String, String> env = new HashMap<>();
        env.put("FITSYNC_PHONE_DATA", work.resolve("phone-" + name).toString());
        env.put("FITSYNC_SERVER", server.baseUrl());
        env.put("FITSYNC_USER", "phone-runner");
        env.put("FITSYNC_TOKEN", token);
        return env;
    }
}
