package org.fitsync.harness.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Latencies and failures per operation, from all clients, for operations that started inside the
 * measured window. Thread-safe; a few thousand samples a minute need nothing cleverer than a lock.
 */
final class Recorder {

    private final Map<Operation, List<Long>> latencies = new EnumMap<>(Operation.class);
    private final Map<String, Integer> errors = new TreeMap<>();
    private final Map<String, String> firstErrorBody = new TreeMap<>();

    Recorder() {
        for (Operation operation : Operation.values()) {
            latencies.put(operation, new ArrayList<>());
        }
    }

    synchronized void success(Operation operation, long nanos) {
        latencies.get(operation).add(nanos);
    }

    /** A failure: {@code what} is the status or the exception, {@code detail} the body or message for the report. */
    synchronized void failure(Operation operation, long nanos, String what, String detail) {
        latencies.get(operation).add(nanos);
        String key = operation.label() + ": " + what;
        errors.merge(key, 1, Integer::sum);
        firstErrorBody.putIfAbsent(key, detail.length() > 300 ? detail.substring(0, 300) + "…" : detail);
    }

    /** A simulated client that stopped on an unexpected exception: its load is missing, so the run fails. */
    synchronized void clientCrashed(String thread, Throwable cause) {
        String key = "client crashed";
        errors.merge(key, 1, Integer::sum);
        firstErrorBody.putIfAbsent(key, thread + ": " + cause);
    }

    synchronized int errorCount() {
        return errors.values().stream().mapToInt(Integer::intValue).sum();
    }

    synchronized int errorCount(Operation operation) {
        return errors.entrySet().stream()
                .filter(e -> e.getKey().startsWith(operation.label() + ": "))
                .mapToInt(Map.Entry::getValue)
                .sum();
    }

    synchronized Map<String, Integer> errors() {
        return new TreeMap<>(errors);
    }

    synchronized Map<String, String> firstErrorBodies() {
        return new TreeMap<>(firstErrorBody);
    }

    /** Sorted latencies in nanoseconds. */
    synchronized long[] sorted(Operation operation) {
        long[] values =
                latencies.get(operation).stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(values);
        return values;
    }

    synchronized long[] sortedAll() {
        long[] values = latencies.values().stream()
                .flatMap(List::stream)
                .mapToLong(Long::longValue)
                .toArray();
        Arrays.sort(values);
        return values;
    }

    /** Nearest-rank percentile of sorted values, in milliseconds; 0 when there are none. */
    static double percentileMillis(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }
}
