package org.fitsync.harness.multinode;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the phones' requests got, per phase: answered as the API promises, refused with {@code 503} and
 * {@code Retry-After} (allowed only while PostgreSQL is restarting), cut off by a node's SIGKILL
 * ({@code 502} from HAProxy, allowed only in that phase), or failed (anything else, counted by operation and
 * status). Thread-safe.
 */
final class Tally {

    private final Map<Phase, long[]> counts = new EnumMap<>(Phase.class);
    private final Map<String, Integer> failures = new TreeMap<>();
    private final Map<String, String> firstFailure = new TreeMap<>();

    private static final int SENT = 0;
    private static final int OK = 1;
    private static final int UNAVAILABLE = 2;
    private static final int CUT_OFF = 3;
    private static final int FAILED = 4;

    Tally() {
        for (Phase phase : Phase.values()) {
            counts.put(phase, new long[5]);
        }
    }

    synchronized void ok(Phase phase) {
        counts.get(phase)[SENT]++;
        counts.get(phase)[OK]++;
    }

    synchronized void unavailable(Phase phase) {
        counts.get(phase)[SENT]++;
        counts.get(phase)[UNAVAILABLE]++;
    }

    synchronized void cutOff(Phase phase) {
        counts.get(phase)[SENT]++;
        counts.get(phase)[CUT_OFF]++;
    }

    /** {@code what}: operation and status; {@code detail}: for the report, never a record's content. */
    synchronized void failed(Phase phase, String what, String detail) {
        counts.get(phase)[SENT]++;
        counts.get(phase)[FAILED]++;
        String key = phase.label() + ": " + what;
        failures.merge(key, 1, Integer::sum);
        firstFailure.putIfAbsent(
                key, java.time.Instant.now() + " " + (detail.length() > 200 ? detail.substring(0, 200) + "…" : detail));
    }

    synchronized long sent(Phase phase) {
        return counts.get(phase)[SENT];
    }

    synchronized long okCount(Phase phase) {
        return counts.get(phase)[OK];
    }

    synchronized long unavailable503(Phase phase) {
        return counts.get(phase)[UNAVAILABLE];
    }

    synchronized long cutOffCount(Phase phase) {
        return counts.get(phase)[CUT_OFF];
    }

    synchronized long failedCount(Phase phase) {
        return counts.get(phase)[FAILED];
    }

    synchronized long sentTotal() {
        return counts.values().stream().mapToLong(c -> c[SENT]).sum();
    }

    synchronized long failedTotal() {
        return counts.values().stream().mapToLong(c -> c[FAILED]).sum();
    }

    synchronized Map<String, Integer> failures() {
        return new TreeMap<>(failures);
    }

    synchronized Map<String, String> firstFailures() {
        return new TreeMap<>(firstFailure);
    }
}
